"""The desk's pages and dialogs are handed the services they call; only the wiring reaches into the App.

Read from the sources with `ast` (no Qt needed): a page that grabs `ctx.app` would quietly depend on every
service again, and nothing else would notice.
"""

from __future__ import annotations

import ast
from pathlib import Path

import reception.ui

UI = Path(reception.ui.__file__).parent
# The wiring: start-up builds the App and the UiContext, the desk window hands each page and dialog its services.
MAY_TOUCH_APP = {"app.py", "main_window.py"}
# The App's type is named where the UiContext is declared and where start-up opens it.
MAY_IMPORT_APP = {"app.py", "context.py"}


def _modules() -> dict[str, ast.Module]:
    return {path.relative_to(UI).as_posix(): ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(UI.rglob("*.py"))}


def _reaches_app(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "app"  # ctx.app, self._ctx.app, window.ctx.app …
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr",
                                                                                             "hasattr"):
        name = node.args[1] if len(node.args) > 1 else None
        return isinstance(name, ast.Constant) and name.value == "app"
    return False


def _imports_app(node: ast.AST) -> bool:
    return (isinstance(node, ast.ImportFrom) and node.module == "reception.bootstrap"
            and any(alias.name == "App" for alias in node.names))


def _offences(rule, allowed: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for name, tree in _modules().items():
        if name in allowed:
            continue
        found += [f"reception/ui/{name}:{getattr(node, 'lineno', '?')}: {ast.unparse(node)}"
                  for node in ast.walk(tree) if rule(node)]
    return found


def test_the_rules_look_at_every_ui_module_and_name_real_ones() -> None:
    modules = _modules()
    assert len(modules) > 50 and {"pages/scan_page.py", "dialogs/activate_dialog.py", "manage/menu.py"} <= set(modules)
    assert MAY_TOUCH_APP | MAY_IMPORT_APP <= set(modules)


def test_only_the_wiring_reaches_into_the_app() -> None:
    assert _offences(_reaches_app, MAY_TOUCH_APP) == [], "pass the page or dialog the service it calls instead"


def test_only_the_wiring_names_the_app() -> None:
    assert _offences(_imports_app, MAY_IMPORT_APP) == [], "pages and dialogs take services, not the App"


def test_the_rule_sees_the_ways_a_module_could_reach_the_app() -> None:
    sample = ast.parse("a = self._ctx.app.customers\nb = getattr(ctx, 'app')\nfrom reception.bootstrap import App\n"
                       "c = ctx.desk\nd = getattr(ctx, 'camera', None)\nfrom reception.bootstrap import is_sqlite\n")
    seen = [ast.unparse(node) for node in ast.walk(sample) if _reaches_app(node) or _imports_app(node)]
    assert sorted(seen) == sorted(["self._ctx.app", "getattr(ctx, 'app')", "from reception.bootstrap import App"])
