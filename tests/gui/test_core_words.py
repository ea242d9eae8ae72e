"""Every sentence the core can refuse with reaches the Arabic desk in Arabic: the raises are read from the source,
so a new English sentence fails here until words.py and the Arabic translation have it."""

from __future__ import annotations

import ast
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reception.domain.authorization import ROWS, TABLE, Action, Actor, authorize
from reception.domain.errors import DomainError, EntryDenied, PermissionDenied
from reception.domain.models import Role, Staff
from reception.domain.scan import Reason
from reception.ui import i18n
from reception.ui.messages import describe
from reception.ui.words import field_text
from tests.gui.fixtures_pages import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

ROOT = Path(__file__).resolve().parents[2]
# The command line, the server and the turnstile stay English (the precisions); the desk's own words are
# tr() already.
ENGLISH_ONLY = ("reception/ui/", "reception/server/", "reception/cli.py", "reception/turnstile.py",
                "reception/repository/sql/copy.py")
# ... except what the server answers a branch desk, which its manager reads on the desk's screen
TO_DESKS = ("reception/server/routes_sync.py", "reception/turnstile.py")  # and the desk's --turnstile start
# the copy protocol's answers to a program that asked wrongly: no person reads them
BETWEEN_PROGRAMS = ("No table 7 to copy.", "after is the last key of the previous page.",
                    "counter is member_no or receipt_no.")
ARABIC = re.compile(r"[\u0600-\u06FF]")
# Facts a sentence needs to be a real one: what each f-string's expression holds when the core raises it.
SAMPLES = (("state", "is at schema revision 0003"), ("describe_url", "Local file: /home/desk/gym.sqlite3"),
           ("named", "--db"), ("drop", "leave out --db"), ("needed", "a manager"), ("words", "check cards"),
           ("label", "Cash"), ("status", "expired"), ("unit", "session"), ("end_date", "01 Dec 2026"),
           ("error", "The server cannot be reached (timed out)."), ("reason", "timed out"))


def _sample(expression: ast.expr) -> str:
    source = ast.unparse(expression)
    return next((value for key, value in SAMPLES if key in source), "7")


def _sentence(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else _sample(part.value)  # type: ignore[attr-defined]
                       for part in node.values)
    return None


def _error_classes() -> set[str]:
    import reception.domain.errors as errors

    found = {name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, Exception)}
    return found | {"TokenInvalid", "OperationConflict", "ConnectError", "Unreachable"}


def core_sentences() -> Iterator[tuple[str, str]]:
    """(where, sentence) for every error the core raises with words in it."""
    classes = _error_classes()
    for path in sorted((ROOT / "reception").rglob("*.py")):
        where = str(path.relative_to(ROOT))
        if where.startswith(ENGLISH_ONLY) and where not in TO_DESKS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name == "RequestError" and len(node.args) > 1 and "too_old" in ast.unparse(node.args[0]):
                continue  # worded by its code on the Sync page
            # checked_url's ValueError becomes the connect dialog's words; elsewhere a ValueError is a bug's
            speaks = classes | {"RequestError"} | ({"ValueError"} if where == "reception/sync/client.py" else set())
            if name not in speaks or name == "EntryDenied":  # EntryDenied is worded from its reason (below)
                continue
            first = node.args[1] if name == "RequestError" and len(node.args) > 1 else node.args[0]
            for argument in first.values if isinstance(first, ast.Dict) else [first]:
                sentence = _sentence(argument)  # type: ignore[arg-type]
                if sentence and sentence not in BETWEEN_PROGRAMS:
                    yield f"{where}:{node.lineno}", sentence


def storage_sentences() -> Iterator[tuple[str, str]]:
    """The database failures' words (repository/sql/errors.py keeps them as values, not in raises)."""
    path = ROOT / "reception" / "repository" / "sql" / "errors.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    for node in ast.walk(tree):
        if id(node) in docstrings or not isinstance(node, ast.Constant | ast.JoinedStr):
            continue
        sentence = _sentence(node)
        if sentence and " " in sentence and sentence[0].isupper() and sentence.endswith("."):
            yield f"reception/repository/sql/errors.py:{node.lineno}", sentence


@pytest.fixture
def arabic(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    i18n.install(qapp, "ar")
    yield
    i18n.install(qapp, "en")


def test_the_core_raises_a_hundred_sentences_and_the_reader_finds_them() -> None:
    found = dict(core_sentences())
    assert len(found) > 100 and len(dict(storage_sentences())) >= 17
    assert "The database is busy: another program is using it. Try again in a moment." in found.values()


def test_every_sentence_the_core_raises_is_in_arabic_on_the_arabic_desk(arabic) -> None:  # type: ignore[no-untyped-def]
    english = [f"{where}: {sentence}" for where, sentence in [*core_sentences(), *storage_sentences()]
               if field_text(sentence) == sentence or not ARABIC.search(field_text(sentence))]
    assert english == []


def test_a_sentence_the_desk_has_no_words_for_would_be_caught(arabic) -> None:  # type: ignore[no-untyped-def]
    assert field_text("The turnstile's motor is jammed.") == "The turnstile's motor is jammed."


def _staff(role: Role, branch: uuid.UUID | None) -> Staff:
    return Staff(id=uuid.uuid4(), username="s", full_name="S", role=role, branch_id=branch, password_hash="x")


def test_every_permission_refusal_is_one_arabic_sentence(arabic) -> None:  # type: ignore[no-untyped-def]
    here, there = uuid.uuid4(), uuid.uuid4()
    refusals: list[str] = []
    for action in Action:
        for row in ROWS:
            actor = (Actor(None, here, kiosk=True) if row == "kiosk"
                     else Actor(_staff(Role(row), None if row == Role.OWNER.value else here), here))
            for branch in (here, there, None):
                try:
                    authorize(actor, action, branch)
                except PermissionDenied as error:
                    refusals.append(describe(error))
    assert len(refusals) > 60 and TABLE
    left_english = [text for text in refusals if re.search(r"[A-Za-z]{3,}", text) or not ARABIC.search(text)]
    assert left_english == []
    assert "لا يستطيع تغيير سعر إلا مدير." in refusals
    assert "هذا الكشك لا يستطيع تسجيل الأعضاء؛ سجّل الدخول في الاستقبال." in refusals


def test_a_check_in_refused_by_the_card_is_worded_from_its_reason(arabic) -> None:  # type: ignore[no-untyped-def]
    error = EntryDenied("No active subscription. A manager can override.", "no_subscription",
                        Reason("no_subscription", "No active subscription"))
    assert describe(error) == "لا يوجد اشتراك ساري. يستطيع المدير التجاوز."


def test_test_connection_says_what_it_found_in_arabic(arabic, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reception.bootstrap import open_storage

    missing = open_storage(f"sqlite:///{tmp_path / 'new.sqlite3'}").probe()
    assert field_text(missing).endswith(": لا توجد قاعدة بيانات هناك بعد؛ ينشئها الاستقبال عند أول تشغيل")
    assert str(tmp_path / "new.sqlite3") in field_text(missing)
    with pytest.raises(DomainError) as refused:
        open_storage(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'x.sqlite3'}").probe()
    assert describe(refused.value).startswith("المجلد ")
