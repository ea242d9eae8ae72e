"""The scanner filter fed what a USB HID scanner sends: Shift before every capital, X timestamps, Tab/CR+LF ends."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from reception.scanning.wedge import WedgeDetector, WedgeScan
from reception.ui.widgets.wedge_filter import WedgeFilter

CODE = "GYM-58-9AD44063"  # five characters after the last capital: the card a real scanner was refused


class HidKeyboard:
    """Key events as X delivers a HID keyboard's: a timestamp on each, Shift pressed around capitals."""

    def __init__(self, target: QWidget, start_ms: int = 1_000_000) -> None:
        self.target = target
        self.ms = start_ms

    def _send(self, kind: QEvent.Type, key: int, modifiers: Qt.KeyboardModifier, text: str) -> None:
        event = QKeyEvent(kind, key, modifiers, text)
        event.setTimestamp(self.ms)
        QApplication.sendEvent(self.target, event)

    def press(self, key: int, text: str = "", modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        self._send(QEvent.Type.ShortcutOverride, key, modifiers, text)
        self._send(QEvent.Type.KeyPress, key, modifiers, text)
        self._send(QEvent.Type.KeyRelease, key, modifiers, text)

    def type(self, text: str, per_key_ms: int) -> None:
        for ch in text:
            shift = ch.isupper()
            if shift:
                self._send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier, "")
                self.ms += 1
            key = ord(ch.upper()) if ch.isalnum() else (Qt.Key.Key_Minus if ch == "-" else Qt.Key.Key_Space)
            mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
            self.press(key, ch, mods)
            if shift:
                self._send(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier, "")
            self.ms += per_key_ms

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return, "\r")

    def tab(self) -> None:
        self.press(Qt.Key.Key_Tab, "\t")

    def line_feed(self) -> None:
        self.press(Qt.Key.Key_unknown, "\n")


@pytest.fixture
def field_with_filter(qtbot):  # type: ignore[no-untyped-def]
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    # The filter's own clock runs far ahead of the events' timestamps: a busy desk gets to keys late.
    late = iter(range(10**9))
    wedge = WedgeFilter(WedgeDetector(), clock=lambda: 50_000.0 + next(late) * 0.001)
    scans: list[WedgeScan] = []
    wedge.scanned.connect(scans.append)
    QApplication.instance().installEventFilter(wedge)
    yield field, scans, HidKeyboard(field)
    QApplication.instance().removeEventFilter(wedge)


@pytest.mark.parametrize("per_key_ms", [2, 5, 10, 20])
def test_a_code_with_capitals_typed_by_a_hid_scanner_is_one_scan(field_with_filter, per_key_ms):
    field, scans, keyboard = field_with_filter
    keyboard.type(CODE, per_key_ms)
    keyboard.enter()
    assert [s.code for s in scans] == [CODE]
    assert field.text() == ""  # no head of the code left behind to glue onto the next card


def test_two_cards_back_to_back_are_two_scans(field_with_filter):
    field, scans, keyboard = field_with_filter
    for code in (CODE, "GYM-1-ABCDEF12"):
        keyboard.type(code, 5)
        keyboard.enter()
        keyboard.ms += 150
    assert [s.code for s in scans] == [CODE, "GYM-1-ABCDEF12"]
    assert field.text() == ""


def test_keys_are_timed_by_their_timestamps_not_by_a_late_arrival(field_with_filter):
    """A person's keys reach a lagging desk all at once; their timestamps say 80 ms apart."""
    field, scans, keyboard = field_with_filter
    keyboard.type("layla rashad", 80)
    keyboard.enter()
    assert scans == []
    assert field.text() == "layla rashad"


@pytest.mark.parametrize("end", ["tab", "crlf"])
def test_tab_and_cr_lf_terminators_end_a_scan_and_are_swallowed(qtbot, field_with_filter, end):
    field, scans, keyboard = field_with_filter
    second = QLineEdit(field.parentWidget())
    keyboard.type(CODE, 5)
    if end == "tab":
        keyboard.tab()
    else:
        keyboard.enter()
        keyboard.ms += 2
        keyboard.line_feed()
    assert [s.code for s in scans] == [CODE]
    assert field.hasFocus() and field.text() == ""
    second.deleteLater()


def test_the_scan_keeps_every_key_timestamp(field_with_filter):
    _field, scans, keyboard = field_with_filter
    keyboard.type(CODE, 5)
    keyboard.enter()
    times = scans[0].key_times
    assert len(times) == len(CODE)
    gaps = [round((b - a) * 1000) for a, b in zip(times, times[1:])]
    assert all(gap in (5, 6) for gap in gaps)  # 5 ms a key, plus the Shift's millisecond before capitals


def test_lam_alef_committed_by_the_input_method_stays_in_the_scan(field_with_filter):
    """X's Arabic layout sends Shift+G (lam-alef) as input-method text, not as a key press."""
    from PySide6.QtGui import QInputMethodEvent

    field, scans, keyboard = field_with_filter
    keyboard._send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier, "")
    commit = QInputMethodEvent()
    commit.setCommitString("لأ")  # what a US scanner's Shift+G becomes on the Arabic layout
    QApplication.sendEvent(field, commit)
    keyboard.ms += 5
    keyboard.type("إ’-86-", 5)  # Shift+Y, Shift+M on the Arabic layout, then digits and dashes
    keyboard.type("D21E5C7B", 5)
    keyboard.enter()
    assert [s.code for s in scans] == ["GYM-86-D21E5C7B"]
    assert field.text() == ""
