"""The guard for PySide6's lost references to True (every Python-side signal emit) and None (every void Qt call).

The installed PySide6 (< 6.12) keeps its counts, so the fault of 6.12.0 is reproduced here by a
stand-in for the probe's QObject that drops one reference per call, exactly as that binding does.
"""

from __future__ import annotations

import ctypes
import logging
import sys

import pytest
from PySide6.QtCore import QObject, Signal

from reception.ui import qt_compat
from reception.ui.qt_compat import (
    PROBE_EMITS,
    emit_loses_references,
    guard_signal_refcounts,
    void_call_loses_references,
)

A_DESKS_LIFETIME = 10**12  # signal emits / void calls: a busy desk for centuries


def _drop_reference(singleton: object) -> None:
    ctypes.c_ssize_t.from_address(id(singleton)).value -= 1


class _Faulty612:
    """What PySide6 6.12.0 on Python 3.11 does: `emit()` loses a True, a void call like setObjectName a None."""

    def __init__(self) -> None:
        self.ping = self

    def emit(self) -> None:
        _drop_reference(True)

    def setObjectName(self, name: str) -> None:  # noqa: N802 - Qt's name
        _drop_reference(None)

    def deleteLater(self) -> None:  # noqa: N802 - Qt's name
        pass


class Pinger(QObject):
    ping = Signal(int)


@pytest.fixture
def faulty_binding(monkeypatch: pytest.MonkeyPatch) -> type[_Faulty612]:
    monkeypatch.setattr(qt_compat, "_Probe", _Faulty612)
    return _Faulty612


def test_the_probes_see_the_fault(faulty_binding) -> None:
    assert emit_loses_references() == PROBE_EMITS
    assert void_call_loses_references() == PROBE_EMITS


def test_on_the_faulty_binding_the_guard_gives_true_and_none_a_lifetimes_headroom(
        faulty_binding, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="reception.ui.qt_compat"):
        assert guard_signal_refcounts() is True
    assert sys.getrefcount(True) > A_DESKS_LIFETIME
    assert sys.getrefcount(None) > A_DESKS_LIFETIME
    assert sys.getrefcount(False) > A_DESKS_LIFETIME
    assert any("compensated" in r.getMessage() for r in caplog.records)
    # A day of emits and void calls later, the counts went down one per call and are nowhere near zero.
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    faulty = faulty_binding()
    for _ in range(5000):
        faulty.ping.emit()
        faulty.setObjectName("desk")
    assert true_before - sys.getrefcount(True) == pytest.approx(5000, abs=10)  # (other code holds a few)
    assert none_before - sys.getrefcount(None) == pytest.approx(5000, abs=10)
    assert sys.getrefcount(True) > A_DESKS_LIFETIME and sys.getrefcount(None) > A_DESKS_LIFETIME


def test_on_a_sound_binding_the_guard_changes_nothing(qtbot) -> None:
    if emit_loses_references() or void_call_loses_references():
        pytest.skip("this PySide6 has the fault; the test above covers it")
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    assert guard_signal_refcounts() is False
    assert abs(sys.getrefcount(True) - true_before) < 100 and abs(sys.getrefcount(None) - none_before) < 100
    pinger, received = Pinger(), []
    pinger.ping.connect(received.append)
    for number in range(5000):
        pinger.ping.emit(number)
    assert received == list(range(5000))
    assert abs(sys.getrefcount(True) - true_before) < 100  # the real binding keeps True's count
