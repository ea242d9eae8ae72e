"""Distinct sounds for allow / attention / deny, behind a small interface tests can inspect."""

from __future__ import annotations

import ctypes
import logging
import sys

from reception.ui.resources import resource_path
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import tr

log = logging.getLogger(__name__)

KINDS = ("allow", "attention", "deny")

# Qt's audio on Linux goes through the PulseAudio client library (PipeWire desks serve it too).
LINUX_AUDIO_LIBRARY = "libpulse.so.0"
LINUX_AUDIO_PACKAGE = QT_TR_NOOP("install libpulse0 (Debian/Ubuntu) or pulseaudio-libs (Fedora) to hear them")


def _linux_audio_library_loads() -> bool:
    try:
        ctypes.CDLL(LINUX_AUDIO_LIBRARY)
    except OSError:
        return False
    return True


def sound_problem() -> str | None:
    """Why this machine will play no sound, in words the person installing the desk can act on; None when
    it will. Needs a Qt application object (the audio devices are Qt's)."""
    if sys.platform.startswith("linux") and not _linux_audio_library_loads():
        return tr(LINUX_AUDIO_PACKAGE)
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as error:
        return tr("QtMultimedia does not load ({error}); the full PySide6 package brings it, "
                  "PySide6-Essentials does not").format(error=error)
    if not QMediaDevices.audioOutputs():
        return tr("no audio output device (connect speakers, or start the sound server)")
    return None


class Sounds:
    """`play(kind)` records the request and plays the WAV when QtMultimedia and an audio device exist.

    Desks without sound hardware (and the offscreen test platform) still work: the first
    time no sound can be played, one line is logged, then it stays quiet.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.requested: list[str] = []
        self._effects: dict[str, object] | None = None
        self._unavailable_logged = False

    def play(self, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown sound {kind!r}")
        self.requested.append(kind)
        if not self.enabled:
            return
        effect = self._load().get(kind)
        if effect is not None:
            effect.play()  # type: ignore[attr-defined]

    def prepare(self) -> None:
        """Load the WAVs now, not on the first scan: QSoundEffect reads its file asynchronously, and a sound
        loaded on demand is heard up to a second late, after the next card is already at the desk."""
        if self.enabled:
            self._load()

    def _load(self) -> dict[str, object]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        # Checked lazily: QtMultimedia pulls in the audio stack, which costs start-up time
        # and is missing on some machines (no libpulse, the Essentials wheel).
        problem = sound_problem()
        if problem is not None:
            self._unavailable(problem)
            return self._effects
        from PySide6.QtMultimedia import QSoundEffect

        for kind in KINDS:
            effect = QSoundEffect()
            effect.setSource(sound_url(kind))
            effect.setVolume(0.8)
            self._effects[kind] = effect
        return self._effects

    def _unavailable(self, why: str) -> None:
        if not self._unavailable_logged:
            self._unavailable_logged = True
            log.warning("Sounds are off: %s", why)


def sound_url(kind: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl

    return QUrl.fromLocalFile(str(resource_path("sounds", f"{kind}.wav")))
