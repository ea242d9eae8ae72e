"""The camera's decode loop: newest frame only, one zxing-cpp pass, a rescue only for near-misses."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reception.domain.qr import clean_code
from reception.scanning.decoders import CandidateDecoder, Decoder, Detection, Point, best_decoder, to_gray
from reception.scanning.dedup import Deduplicator
from reception.scanning.events import ScannedCode
from reception.scanning.frames import Frame, LatestFrame

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanResult:
    """One decoded frame: what was found, how long it took, and when the frame was captured."""

    seq: int
    captured_at: float
    detections: tuple[Detection, ...]
    decode_ms: float
    rescued: bool = False


class FrameDecoder:
    """Decodes one image with the primary decoder and, rarely, a rescue pass.

    The rescue (sharpen, then 2× upscale, of the region around a symbol that was found
    but failed its checksum) runs only when the primary reports such a near-miss, at most
    `max_rescues` regions a frame, and not again for `cooldown` frames after a rescue that
    failed, so an empty or confusing scene never pays for it on every frame.
    Not thread-safe: one FrameDecoder per decoding thread.
    """

    def __init__(self, decoder: Decoder | None = None, *, rescue: bool = True, max_rescues: int = 2, cooldown: int = 2) -> None:
        self.decoder = decoder or best_decoder()
        self._rescue = rescue and isinstance(self.decoder, CandidateDecoder)
        self._max_rescues = max_rescues
        self._cooldown = cooldown
        self._skip = 0
        self.rescue_attempts = 0

    @property
    def name(self) -> str:
        return self.decoder.name + ("+rescue" if self._rescue else "")

    def decode(self, image: np.ndarray) -> tuple[list[Detection], bool]:
        """Detections in a BGR or gray image, and whether the rescue pass found them."""
        gray = to_gray(image)  # OpenCV's conversion is faster than the decoders' own
        if not self._rescue:
            return self.decoder.decode(gray), False
        assert isinstance(self.decoder, CandidateDecoder)
        found, candidates = self.decoder.decode_with_candidates(gray)
        if found or not candidates:
            return found, False
        if self._skip > 0:
            self._skip -= 1
            return [], False
        self.rescue_attempts += 1
        for corners in candidates[: self._max_rescues]:
            rescued = self._rescue_region(gray, corners)
            if rescued:
                return rescued, True
        self._skip = self._cooldown
        return [], False

    def _rescue_region(self, gray: np.ndarray, corners: tuple[Point, ...]) -> list[Detection]:
        import cv2

        pts = np.asarray(corners, dtype=np.float32)
        (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
        margin = 0.6 * max(x1 - x0, y1 - y0, 8.0)
        height, width = gray.shape
        left, top = int(max(0, x0 - margin)), int(max(0, y0 - margin))
        right, bottom = int(min(width, x1 + margin)), int(min(height, y1 + margin))
        region = gray[top:bottom, left:right]
        if region.size == 0:
            return []
        soft = cv2.GaussianBlur(region, (0, 0), 2.0)
        sharp = cv2.addWeighted(region, 2.0, soft, -1.0, 0)
        for image, scale in ((sharp, 1.0), (cv2.resize(region, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2.0)):
            found = self.decoder.decode(image)
            if found:
                return [
                    Detection(d.text, tuple((x / scale + left, y / scale + top) for x, y in d.corners), d.decoder)
                    for d in found
                ]
        return []

    def process(self, frame: Frame) -> ScanResult:
        start = time.perf_counter()
        found, rescued = self.decode(frame.image)
        decode_ms = (time.perf_counter() - start) * 1000
        return ScanResult(frame.seq, frame.captured_at, tuple(found), decode_ms, rescued)


ResultCallback = Callable[[ScanResult], None]
CodeCallback = Callable[[ScannedCode], None]


class ScanPipeline:
    """Frames in from any thread; de-duplicated card codes out, decoded on one worker thread.

    `submit(frame)` never blocks: it replaces the frame waiting to be decoded, so a slow
    decode drops frames instead of queueing them; a frame older than `max_age_s` when its
    turn comes is dropped too. `on_result` and `on_code` are called on the worker thread;
    a Qt UI forwards them to the GUI thread with a queued signal. Use `process()` instead
    of start()/submit() to drive the pipeline from a thread you own.
    """

    def __init__(
        self,
        decoder: FrameDecoder | None = None,
        dedup: Deduplicator | None = None,
        *,
        on_result: ResultCallback | None = None,
        on_code: CodeCallback | None = None,
        max_age_s: float = 0.5,
    ) -> None:
        self.decoder = decoder or FrameDecoder()
        self.dedup = dedup or Deduplicator()
        self.on_result = on_result
        self.on_code = on_code
        self.max_age_s = max_age_s
        self._pending = LatestFrame()
        self._thread: threading.Thread | None = None
        self.decoded = 0
        self.stale = 0

    @property
    def dropped(self) -> int:
        """Frames replaced before the worker reached them, plus frames too old to matter."""
        return self._pending.replaced + self.stale

    def submit(self, frame: Frame) -> None:
        self._pending.put(frame)

    def process(self, frame: Frame) -> tuple[ScanResult, list[ScannedCode]]:
        """Decode one frame now and return its result and the codes that are new events."""
        result = self.decoder.process(frame)
        self.decoded += 1
        events = []
        for det in result.detections:
            # Oversized or foreign codes pass through: the scan decision denies them visibly.
            code = clean_code(det.text)
            if self.dedup.accept(code):
                events.append(ScannedCode(code, det.text, "camera", frame.captured_at, det.corners))
        return result, events

    def start(self) -> None:
        if self._thread is not None:
            return
        self._pending.reopen()
        self._thread = threading.Thread(target=self._run, name="scan-decoder", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._pending.close()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while True:
            frame = self._pending.take()
            if frame is None:
                return
            if time.perf_counter() - frame.captured_at > self.max_age_s:
                self.stale += 1
                continue
            try:
                result, events = self.process(frame)
                if self.on_result:
                    self.on_result(result)
                for event in events:
                    if self.on_code:
                        self.on_code(event)
            except Exception:  # a bug in one frame must not stop the camera
                log.exception("decoding frame %s failed", frame.seq)
