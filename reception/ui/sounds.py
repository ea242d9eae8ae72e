"""Distinct sounds for allow / attention / deny, behind a small interface tests can inspect."""

from __future__ import annotations

import logging

from reception.ui.resources import resource_path

log = logging.getLogger(__name__)

KINDS = ("allow", "attention", "deny")


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

    def _load(self) -> dict[str, object]:
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            # Imported lazily: QtMultimedia pulls in the audio stack, which costs start-up time
            # and is missing on some machines (no libpulse, the Essentials wheel).
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as error:
            self._unavailable(f"QtMultimedia is not available ({error})")
            return self._effects
        if QMediaDevices.defaultAudioOutput().isNull():
            self._unavailable("no audio output device")
            return self._effects
        for kind in KINDS:
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", f"{kind}.wav"))))
            effect.setVolume(0.8)
            self._effects[kind] = effect
        return self._effects

    def _unavailable(self, why: str) -> None:
        if not self._unavailable_logged:
            self._unavailable_logged = True
            log.warning("Sounds are off: %s", why)
