"""FastAPI's OpenTelemetry instrumentation is off unless the operator asks for it (it costs about a fifth of a
check-in's CPU even with nothing collecting it; docs/PERFORMANCE.md)."""

from __future__ import annotations

import pytest

from reception.server.app import TELEMETRY_ENV, telemetry


def test_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TELEMETRY_ENV, raising=False)
    assert telemetry() == {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}


@pytest.mark.parametrize("value", ["on", "1", "true", " ON "])
def test_on_when_the_operator_asks(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(TELEMETRY_ENV, value)
    assert telemetry() == {"tracing": True, "metrics": True, "logs": True, "operation_spans": True}


def test_any_other_word_keeps_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TELEMETRY_ENV, "off")
    assert not any(telemetry().values())
