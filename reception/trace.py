"""An opt-in trace of what the desk read and showed (`RECEPTION_TRACE=PATH`), as JSON lines.

For checking the real app from outside (the desk harness, benchmarks): the code a scanner
typed, the member a card showed, key timestamps, latencies. Off unless the variable is set;
it never holds a password or a whole day-pass token.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any

_lock = threading.Lock()


def enabled() -> bool:
    return bool(os.environ.get("RECEPTION_TRACE"))


def emit(event: str, **fields: Any) -> None:
    """Append one line; a trace that cannot be written never disturbs the desk."""
    path = os.environ.get("RECEPTION_TRACE")
    if not path:
        return
    line = json.dumps({"event": event, "t": round(time.time(), 4), **fields}, ensure_ascii=False, default=str)
    try:
        with _lock, open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
    except OSError:
        pass
