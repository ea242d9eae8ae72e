"""QR decoders behind one interface: zxing-cpp first, pyzbar when zbar loads, OpenCV last."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # NumPy loads with the first decode, not with `reception --help`
    import numpy as np

log = logging.getLogger(__name__)

Point = tuple[float, float]


@dataclass(frozen=True)
class Detection:
    """A decoded code and the corners of its symbol in image pixels (for the preview outline)."""

    text: str
    corners: tuple[Point, ...]
    decoder: str


class DecoderUnavailable(RuntimeError):
    """A decoder whose library is not installed or does not load on this machine."""


@runtime_checkable
class Decoder(Protocol):
    name: str

    def decode(self, image: np.ndarray) -> list[Detection]:
        """Codes in a grayscale or BGR uint8 image; an empty list when there are none."""
        ...


@runtime_checkable
class CandidateDecoder(Decoder, Protocol):
    def decode_with_candidates(self, image: np.ndarray) -> tuple[list[Detection], list[tuple[Point, ...]]]:
        """Decoded codes, plus the corners of symbols that were found but did not decode."""
        ...


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    import cv2

    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


class ZxingDecoder:
    """zxing-cpp restricted to QR codes; it releases the GIL while decoding."""

    name = "zxing"

    def __init__(self) -> None:
        try:
            import zxingcpp
        except ImportError as exc:
            raise DecoderUnavailable(f"zxing-cpp is not installed ({exc})") from exc
        self._zx = zxingcpp
        self._formats = zxingcpp.BarcodeFormat.QRCode
        try:  # return_errors arrived after 2.2; without it we just get no candidates
            import numpy as np

            zxingcpp.read_barcodes(np.zeros((8, 8), np.uint8), formats=self._formats, return_errors=True)
            self._errors = True
        except TypeError:
            self._errors = False

    def decode(self, image: np.ndarray) -> list[Detection]:
        return self.decode_with_candidates(image)[0]

    def decode_with_candidates(self, image: np.ndarray) -> tuple[list[Detection], list[tuple[Point, ...]]]:
        if self._errors:
            results = self._zx.read_barcodes(image, formats=self._formats, return_errors=True)
        else:
            results = self._zx.read_barcodes(image, formats=self._formats)
        found: list[Detection] = []
        candidates: list[tuple[Point, ...]] = []
        for barcode in results:
            pos = barcode.position
            corners = tuple(
                (float(p.x), float(p.y)) for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
            )
            if getattr(barcode, "valid", True) and barcode.text:
                found.append(Detection(barcode.text, corners, self.name))
            else:
                candidates.append(corners)
        return found, candidates


_zbar_warned = False


class PyzbarDecoder:
    """zbar through pyzbar; on machines where libzbar does not load it reports itself unavailable."""

    name = "pyzbar"

    def __init__(self) -> None:
        global _zbar_warned
        try:
            from pyzbar import pyzbar
        except Exception as exc:  # ImportError, or OSError from ctypes when libzbar is missing
            if not _zbar_warned:
                log.warning("pyzbar decoder unavailable: the zbar library did not load (%s)", exc)
                _zbar_warned = True
            raise DecoderUnavailable(f"pyzbar is unavailable: the zbar library did not load ({exc})") from exc
        self._zbar = pyzbar
        self._symbols = [pyzbar.ZBarSymbol.QRCODE]

    def decode(self, image: np.ndarray) -> list[Detection]:
        found = []
        for result in self._zbar.decode(to_gray(image), symbols=self._symbols):
            corners = tuple((float(p.x), float(p.y)) for p in result.polygon)
            found.append(Detection(result.data.decode("utf-8", "replace"), corners, self.name))
        return found


class OpenCvDecoder:
    """OpenCV's QRCodeDetector: slower and weaker, only for machines without zxing-cpp."""

    name = "opencv"

    def __init__(self) -> None:
        try:
            import cv2
        except ImportError as exc:
            raise DecoderUnavailable(f"OpenCV is not installed ({exc})") from exc
        self._detector: Any = cv2.QRCodeDetector()  # not thread-safe: one per decoder

    def decode(self, image: np.ndarray) -> list[Detection]:
        text, points, _ = self._detector.detectAndDecode(image)
        if not text or points is None:
            return []
        import numpy as np

        corners = tuple((float(x), float(y)) for x, y in np.asarray(points).reshape(-1, 2))
        return [Detection(text, corners, self.name)]


# Preference order: zxing-cpp decodes best and fastest; OpenCV only where nothing else loads.
DECODERS: dict[str, Callable[[], Decoder]] = {
    "zxing": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
    "opencv": OpenCvDecoder,
}


def make_decoder(name: str) -> Decoder:
    """The named decoder; DecoderUnavailable if its library does not load, ValueError if unknown."""
    try:
        factory = DECODERS[name]
    except KeyError:
        raise ValueError(f"unknown decoder {name!r}; choose one of {', '.join(DECODERS)}") from None
    return factory()


def available_decoders() -> list[str]:
    """Names of the decoders that load on this machine, best first."""
    names = []
    for name in DECODERS:
        try:
            make_decoder(name)
        except DecoderUnavailable:
            continue
        names.append(name)
    return names


def best_decoder(preferred: str | None = None, order: Sequence[str] = tuple(DECODERS)) -> Decoder:
    """The preferred decoder if it loads, else the best one that does (zxing-cpp, pyzbar, OpenCV)."""
    if preferred:
        try:
            return make_decoder(preferred)
        except DecoderUnavailable as exc:
            log.warning("decoder %r unavailable, using the best available one: %s", preferred, exc)
    for name in order:
        try:
            return make_decoder(name)
        except DecoderUnavailable:
            continue
    raise DecoderUnavailable("no QR decoder loads: install zxing-cpp (or opencv-python-headless)")
