"""Repeat suppression: the same code is reported at most once per window; a new code at once."""

from __future__ import annotations

import time
from collections.abc import Callable

DEFAULT_WINDOW_S = 3.0


class Deduplicator:
    """Remembers when each code was last reported.

    A code held in front of the camera is reported again only once the window has passed
    since its last report; a different code is reported immediately. Codes are remembered
    independently, so two cards flickering in one view do not re-report each other.
    Not thread-safe: use it from the one thread that decodes.
    """

    def __init__(self, window_s: float = DEFAULT_WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
        if window_s < 0:
            raise ValueError("the repeat window cannot be negative")
        self.window_s = window_s
        self._clock = clock
        self._last: dict[str, float] = {}

    def accept(self, code: str) -> bool:
        """True if `code` is a new event now (and remember it), False if it is a repeat."""
        now = self._clock()
        self._forget_before(now - self.window_s)
        last = self._last.get(code)
        if last is not None and now - last < self.window_s:
            return False
        self._last[code] = now
        return True

    def reset(self) -> None:
        """Forget every code, e.g. after the receptionist cleared the scan screen."""
        self._last.clear()

    def _forget_before(self, cutoff: float) -> None:
        if len(self._last) > 32:
            self._last = {code: t for code, t in self._last.items() if t > cutoff}
