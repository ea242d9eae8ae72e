"""The package's layers, read from the source: only the SQL adapter speaks SQL, and no two modules import each other.

Every import counts: at the top of a module, inside a function, under `if TYPE_CHECKING:`, and an
`importlib.import_module("...")` or `__import__("...")` with a written-out name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import reception

PACKAGE = Path(reception.__file__).resolve().parent
SOURCE_ROOT = PACKAGE.parent
SQL_ADAPTER = "reception.repository.sql"
SQL_LIBRARIES = ("sqlalchemy", "alembic")
WIRING = "reception.bootstrap"  # the one module outside the adapter that builds it


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the module imported, as far as it can be resolved
    where: str  # path:line

    def __str__(self) -> str:
        return f"{self.where}: {self.source} imports {self.target}"


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name, not `__init__`)."""
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path], *, root: Path = SOURCE_ROOT) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, where)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield Import(name, submodule if submodule in known else base, where)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func
            function = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if function in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                yield Import(name, node.args[0].value, where)


def all_imports() -> list[Import]:
    known = modules()
    return [found for name, path in known.items() for found in imports_of(name, path, known)]


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def sql_breaches(found: list[Import]) -> list[Import]:
    """Imports of SQLAlchemy, Alembic or the SQL adapter from outside the adapter. The wiring
    (bootstrap) may build the adapter, but speaks no SQLAlchemy itself."""
    breaches = []
    for each in found:
        if _in(each.source, SQL_ADAPTER):
            continue
        speaks_sql = any(_in(each.target, library) for library in SQL_LIBRARIES)
        builds_adapter = _in(each.target, SQL_ADAPTER)
        if speaks_sql or (builds_adapter and each.source != WIRING):
            breaches.append(each)
    return breaches


def import_cycles(found: list[Import], known: set[str]) -> list[list[str]]:
    """Each group of modules that import one another, directly or round a circle (Tarjan's SCCs)."""
    edges: dict[str, set[str]] = {name: set() for name in known}
    for each in found:
        target = each.target
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != each.source and _in(target, "reception"):
            edges[each.source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def _describe(group: list[str], found: list[Import]) -> str:
    members = set(group)
    lines = [str(each) for each in found if each.source in members and any(
        each.target == m or each.target.startswith(m + ".") for m in members if m != each.source)]
    return " <-> ".join(group) + "\n    " + "\n    ".join(sorted(set(lines)))


def test_only_the_sql_adapter_speaks_sql_and_only_bootstrap_builds_it() -> None:
    breaches = sql_breaches(all_imports())
    assert not breaches, "outside reception/repository/sql/:\n" + "\n".join(map(str, breaches))


def test_no_module_of_the_package_imports_round_a_circle() -> None:
    found = all_imports()
    groups = import_cycles(found, set(modules()))
    assert not groups, "import circles:\n" + "\n".join(_describe(group, found) for group in groups)


def test_the_checks_see_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    """The reader itself: a function-level import, a relative one and an import_module call are all seen."""
    package = tmp_path / "reception"
    (package / "ui").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text("")
    (package / "cli.py").write_text("def main():\n    from reception.ui import app\n")
    (package / "ui" / "app.py").write_text("def main():\n    from .. import cli\n")
    (package / "dbprobe.py").write_text("import importlib\nimportlib.import_module('sqlalchemy.engine')\n")
    known = modules(package)
    found = [each for name, path in known.items() for each in imports_of(name, path, known, root=tmp_path)]
    assert import_cycles(found, set(known)) == [["reception.cli", "reception.ui.app"]]
    assert [each.target for each in sql_breaches(found)] == ["sqlalchemy.engine"]

