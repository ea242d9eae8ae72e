"""The server's tuning by environment: FastAPI's OpenTelemetry instrumentation is off unless the operator asks for
it (it costs about a fifth of a check-in's CPU even with nothing collecting it), and each worker runs a few requests
at once (docs/PERFORMANCE.md)."""

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


def test_each_worker_runs_four_requests_at_once_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    from reception.domain.errors import StorageError
    from reception.server.app import THREADS_ENV, threads

    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert threads() == 4
    monkeypatch.setenv(THREADS_ENV, "12")
    assert threads() == 12
    monkeypatch.setenv(THREADS_ENV, "0")
    assert threads() == 1
    monkeypatch.setenv(THREADS_ENV, "many")
    with pytest.raises(StorageError, match="RECEPTION_SERVER_THREADS must be a whole number"):
        threads()
