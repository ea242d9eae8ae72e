"""Keyboard-wedge scanners: tell a fast burst of keys ending in Enter from a person typing."""

from __future__ import annotations

from dataclasses import dataclass

from reception.domain.qr import clean_code
from reception.domain.text import undo_arabic_layout


@dataclass(frozen=True)
class WedgeScan:
    """A code a USB scanner typed; `started_at` is its first key's timestamp."""

    code: str  # cleaned: layout undone, prefix/suffix gone, digits ASCII, upper case
    raw: str  # the characters exactly as they arrived
    started_at: float
    finished_at: float
    keys: int  # key events in the burst: what the UI removes if they reached a text field
    key_times: tuple[float, ...] = ()  # each key's timestamp (the same clock as started_at)


@dataclass(frozen=True)
class EnterVerdict:
    scan: WedgeScan | None

    @property
    def swallow_enter(self) -> bool:
        """The Enter was the scanner's own: do not let it press a button or submit a form."""
        return self.scan is not None


class WedgeDetector:
    """Feed every printable key and every Enter, with the event's timestamp in seconds.

    Scanners type a key every ~1-20 ms; people leave ≥ 60 ms between keys. A run of at
    least `min_keys` keys whose gaps are all below `max_gap_s`, followed by Enter (or the
    scanner's Tab / CR+LF) within `enter_gap_s` of the last key, is a scan. A slow gap starts
    a new run at that key, so a person's typing never turns into a scan. Timestamps are the
    input events' own (when the key was pressed, not when a busy desk got round to it);
    modifier keys (the Shift a scanner presses before every capital) are not fed at all.
    """

    def __init__(
        self,
        *,
        min_keys: int = 6,
        max_gap_s: float = 0.04,  # between a scanner (≤ 20 ms a key) and a person (≥ 60 ms)
        slow_gap_s: float = 0.15,  # once per run: a busy machine stamped one key late
        enter_gap_s: float = 0.1,
        prefix: str = "",
        suffix: str = "",
    ) -> None:
        self.min_keys = min_keys
        self.max_gap_s = max_gap_s
        self.slow_gap_s = slow_gap_s
        self.enter_gap_s = enter_gap_s
        self.prefix = prefix
        self.suffix = suffix
        self._chars: list[str] = []
        self._times: list[float] = []
        self._first = 0.0
        self._last = 0.0
        self._slow_used = False

    @property
    def in_burst(self) -> bool:
        """True while the keys so far could be a scanner (fast and long enough to hold back)."""
        return len(self._chars) >= 2

    def key(self, text: str, timestamp: float) -> bool:
        """One key's text; returns True while the current run still looks like a scanner."""
        if not text:
            return self.in_burst
        gap = timestamp - self._last
        slow_ok = not self._slow_used and self.max_gap_s < gap <= self.slow_gap_s
        if self._chars and slow_ok:
            self._slow_used = True  # one late key does not split a scan; a person leaves a slow gap every key
        elif not self._chars or not 0 <= gap <= self.max_gap_s:
            self._chars = []
            self._times = []
            self._slow_used = False
            self._first = timestamp
        self._chars.append(text)
        self._times.append(timestamp)
        self._last = timestamp
        return self.in_burst

    def enter(self, timestamp: float) -> EnterVerdict:
        """Enter (or the scanner's terminator) was pressed: a scan, or a person's Enter."""
        chars, times, first, last = self._chars, self._times, self._first, self._last
        self.reset()
        if len(chars) < self.min_keys or timestamp - last > self.enter_gap_s:
            return EnterVerdict(None)
        raw = "".join(chars)
        text = undo_arabic_layout(raw)  # before stripping: prefixes are configured as US keys
        if self.prefix and text.startswith(self.prefix):
            text = text[len(self.prefix) :]
        if self.suffix and text.endswith(self.suffix):
            text = text[: -len(self.suffix)]
        code = clean_code(text)
        if not code:
            return EnterVerdict(None)
        return EnterVerdict(WedgeScan(code, raw, first, timestamp, len(chars), tuple(times)))

    def reset(self) -> None:
        """Forget the current run (focus changed, Escape, a non-text key)."""
        self._chars = []
        self._times = []
        self._slow_used = False
        self._first = self._last = 0.0
