"""What the scanning layer hands the desk: a card code read by the camera or a USB scanner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Point = tuple[float, float]


@dataclass(frozen=True)
class ScannedCode:
    """A de-duplicated code, cleaned as stored codes look (layout undone, digits ASCII, upper case).

    `started_at` is a time.perf_counter() value: the frame's capture time for the camera, the
    first key of the burst for a wedge scanner. Scan→screen latency is measured from it.
    """

    code: str
    raw: str
    source: Literal["camera", "wedge"]
    started_at: float
    corners: tuple[Point, ...] = ()
