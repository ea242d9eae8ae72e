"""The desk's one camera: a frame source and the scan pipeline on their own threads, bridged to the GUI by queued signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal

from reception.scanning.events import ScannedCode
from reception.scanning.sources import (
    CameraSpec,
    Frame,
    FrameSource,
    LatestFrame,
    SourceStatus,
    open_source,
    parse_camera_spec,
)
from reception.ui.tasks import Runner
from reception.ui.i18n import ltr, tr

log = logging.getLogger(__name__)

OUTLINE_EVERY_S = 0.1
SourceFactory = Callable[[CameraSpec], "FrameSource | None"]


def _find_cameras() -> list[int]:
    from reception.scanning.camera import list_cameras

    return list_cameras()


def _build_decoder(preferred: str) -> object:
    """Loads zxing-cpp (or the chosen decoder) — off the GUI thread, it takes a moment the first time."""
    from reception.scanning.decoders import best_decoder
    from reception.scanning.pipeline import FrameDecoder

    return FrameDecoder(best_decoder(None if preferred in ("", "auto") else preferred))


class _Bridge(QObject):
    """Parentless, kept alive by the worker callbacks: emitting on it is always safe, Qt queues to the GUI."""

    status = Signal(object, int)  # SourceStatus, generation of the source that reported it
    result = Signal(object)  # pipeline.ScanResult with at least one detection
    code = Signal(object)  # events.ScannedCode


@dataclass
class _Feed:
    """What the source's thread reads on every frame (plain Python: no Qt call on that thread)."""

    frames: LatestFrame
    generation: int = 0
    decoding: bool = False
    pipeline: object | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"frames": 0})

    def on_frame(self, generation: int, frame: Frame) -> None:
        if generation != self.generation:
            return  # a source being stopped: its last frames no longer count
        self.counts["frames"] += 1
        self.frames.put(frame)
        pipeline = self.pipeline
        if self.decoding and pipeline is not None:
            pipeline.submit(frame)  # type: ignore[attr-defined]


class CameraController(QObject):
    """Runs the source while someone holds the camera (the visible Scan page, a photo dialog).

    `hold(name, decode=)` / `release(name)`; capture stops when nobody holds it, and
    codes are decoded only while a holder asked for decoding. `frames` is the newest-frame
    slot previews paint from. Opening and stopping a camera never block the GUI thread:
    the source opens on its own thread and is stopped through the runner.
    """

    status_changed = Signal(object)  # SourceStatus of the current source
    result_ready = Signal(object)  # pipeline.ScanResult with detections (for the outline)
    code_scanned = Signal(object)  # ScannedCode, de-duplicated
    decoder_ready = Signal(str)
    spec_changed = Signal(str)
    cameras_found = Signal(list)
    failed = Signal(str)  # a problem in a receptionist's words

    def __init__(self, spec: str, runner: Runner, *, decoder: str = "auto",
                 source_factory: SourceFactory = open_source,
                 find_cameras: Callable[[], list[int]] = _find_cameras, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec.strip() or "none"
        self.decoder_preference = decoder
        self.runner = runner
        self.frames = LatestFrame()
        self.status = SourceStatus.STOPPED
        self.source: FrameSource | None = None
        self.stopping: list[FrameSource] = []
        self.pipeline: object | None = None
        self.decoder_name = ""
        self._factory = source_factory
        self._find_cameras = find_cameras
        self._holders: dict[str, bool] = {}
        self._feed = _Feed(self.frames)
        self._bridge = _Bridge()
        self._bridge.status.connect(self._source_status, Qt.ConnectionType.QueuedConnection)
        self._bridge.result.connect(self.result_ready, Qt.ConnectionType.QueuedConnection)
        self._bridge.code.connect(self.code_scanned, Qt.ConnectionType.QueuedConnection)
        self._decoder_loading = False
        self._listing = False

    # -- who wants the camera -------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.spec.lower() != "none"

    @property
    def is_replay(self) -> bool:
        return self.spec.lower().startswith("file:")

    @property
    def capturing(self) -> bool:
        return self.source is not None

    @property
    def frames_received(self) -> int:
        return self._feed.counts["frames"]

    def hold(self, holder: str, decode: bool = False) -> None:
        self._holders[holder] = decode
        self._apply()

    def release(self, holder: str) -> None:
        self._holders.pop(holder, None)
        self._apply()

    def set_spec(self, spec: str) -> None:
        """Switch to another camera, a video file or "none"; ValueError for a spec that means nothing."""
        spec = spec.strip() or "none"
        parse_camera_spec(spec)
        if spec == self.spec:
            return
        self._stop_source()
        self.spec = spec
        self.spec_changed.emit(spec)
        self._apply()

    def shutdown(self) -> None:
        self._holders.clear()
        self._apply()

    def _apply(self) -> None:
        decode = any(self._holders.values())
        self._feed.decoding = decode
        if decode:
            self._ensure_pipeline()
        elif self.pipeline is not None:
            self.pipeline.stop(timeout=0.5)  # type: ignore[attr-defined]  # its thread only waits for frames
        wanted = bool(self._holders) and self.enabled
        if wanted and self.source is None and not self.stopping:
            self._start_source()
        elif not wanted and self.source is not None:
            self._stop_source()

    # -- the source -----------------------------------------------------------------------

    def _start_source(self) -> None:
        try:
            source = self._factory(parse_camera_spec(self.spec))
        except (ValueError, OSError) as error:
            log.warning("camera %s: %s", self.spec, error)
            self._set_status(SourceStatus.LOST)
            self.failed.emit(tr("The camera setting “{camera}” does not work: {error}").format(camera=ltr(self.spec),
                                                                                               error=error))
            return
        if source is None:
            return
        self._feed.generation += 1
        self.frames.take(timeout=0)  # the last picture of an earlier source is stale
        generation, feed, bridge = self._feed.generation, self._feed, self._bridge
        self.source = source
        self._set_status(SourceStatus.STARTING)
        source.start(lambda frame: feed.on_frame(generation, frame),
                     lambda status: bridge.status.emit(status, generation))

    def _stop_source(self) -> None:
        source, self.source = self.source, None
        if source is None:
            return
        self._feed.generation += 1
        self.stopping.append(source)
        self._set_status(SourceStatus.STOPPED)
        # Joining a camera's thread can wait for a driver: never on the GUI thread.
        self.runner.run(source.stop, lambda _r: self._stopped(source), lambda _e: self._stopped(source))

    def _stopped(self, source: FrameSource) -> None:
        if source in self.stopping:
            self.stopping.remove(source)
        if not self.stopping:
            self._apply()  # a restart asked for while the device was being released

    def _source_status(self, status: SourceStatus, generation: int) -> None:
        if generation == self._feed.generation and self.source is not None:
            self._set_status(status)

    def _set_status(self, status: SourceStatus) -> None:
        if status is not self.status:
            self.status = status
            self.status_changed.emit(status)

    # -- the decoder ----------------------------------------------------------------------

    def _ensure_pipeline(self) -> None:
        if self.pipeline is not None:
            self.pipeline.start()  # type: ignore[attr-defined]  # no-op when it runs
            return
        if self._decoder_loading:
            return
        self._decoder_loading = True
        self.runner.run(lambda: _build_decoder(self.decoder_preference), self._decoder_built, self._decoder_failed)

    def _decoder_built(self, decoder: object) -> None:
        from reception.scanning.pipeline import ScanPipeline

        self._decoder_loading = False
        bridge = self._bridge
        last = [0.0]

        def on_result(result: object) -> None:
            # The outline follows the card ~10 times a second; every frame would only cost the GUI thread.
            if result.detections and result.captured_at - last[0] >= OUTLINE_EVERY_S:  # type: ignore[attr-defined]
                last[0] = result.captured_at  # type: ignore[attr-defined]
                bridge.result.emit(result)

        def on_code(event: ScannedCode) -> None:
            bridge.code.emit(event)

        pipeline = ScanPipeline(decoder, on_result=on_result, on_code=on_code)  # type: ignore[arg-type]
        self.pipeline = pipeline
        self._feed.pipeline = pipeline
        self.decoder_name = str(getattr(decoder, "decoder", decoder).name)  # type: ignore[attr-defined]
        self.decoder_ready.emit(self.decoder_name)
        if self._feed.decoding:
            pipeline.start()

    def _decoder_failed(self, error: BaseException) -> None:
        self._decoder_loading = False
        self.failed.emit(tr("Cards cannot be read from the camera: {error}").format(error=error))

    # -- finding cameras ------------------------------------------------------------------

    def find_cameras(self) -> None:
        """Look for cameras in the background; `cameras_found` carries their numbers."""
        if self._listing:
            return
        self._listing = True
        self.runner.run(self._find_cameras, self._found, lambda _e: self._found([]))

    def _found(self, cameras: list[int]) -> None:
        self._listing = False
        self.cameras_found.emit(list(cameras))


def camera_for(ctx: object) -> CameraController:
    """The desk's shared camera (created on first use from the settings: `--camera`, then saved, then default)."""
    camera = getattr(ctx, "camera", None)
    if isinstance(camera, CameraController):
        return camera
    settings: dict[str, object] = getattr(ctx, "settings", {})
    desk_settings = settings.get("desk_settings")
    spec = str(settings.get("camera") or "none")
    decoder = str(settings.get("decoder") or getattr(desk_settings, "decoder", "auto"))
    camera = CameraController(spec, ctx.runner, decoder=decoder)  # type: ignore[attr-defined]
    ctx.camera = camera  # type: ignore[attr-defined]
    return camera
