"""Each decoder on the same generated camera frames: codes read, nothing invented, failures soft."""

from __future__ import annotations

import logging
import sys

import pytest

from reception.domain.qr import looks_like_card
from reception.scanning.decoders import (
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
    available_decoders,
    best_decoder,
    make_decoder,
)
from reception.scanning.synthetic import SyntheticFrame

# Measured on this generated set; zxing-cpp reads nearly everything, the others miss
# the small and heavily blurred cards (see docs/PERFORMANCE.md, Scanning).
MIN_SUCCESS = {"zxing": 0.9, "pyzbar": 0.7, "opencv": 0.65}


def success(decoder: Decoder, frames: list[SyntheticFrame]) -> float:
    with_code = [f for f in frames if f.code]
    hits = sum(1 for f in with_code if any(d.text == f.code for d in decoder.decode(f.image)))
    return hits / len(with_code)


DECODER_NAMES = ["zxing", pytest.param("pyzbar", marks=pytest.mark.zbar), "opencv"]


@pytest.mark.parametrize("name", DECODER_NAMES)
def test_decoder_reads_generated_cards(name: str, frames_640: list[SyntheticFrame]) -> None:
    decoder = make_decoder(name)
    assert success(decoder, frames_640) >= MIN_SUCCESS[name]


@pytest.mark.parametrize("name", DECODER_NAMES)
def test_decoder_invents_nothing_on_frames_without_a_code(name: str, frame_set: list[SyntheticFrame]) -> None:
    decoder = make_decoder(name)
    empty = [f for f in frame_set if f.code is None]
    assert len(empty) >= 8
    assert all(decoder.decode(f.image) == [] for f in empty)


def test_zxing_reports_corners_around_the_symbol(frames_640: list[SyntheticFrame]) -> None:
    clean = next(f for f in frames_640 if f.condition == "clean")
    [detection] = ZxingDecoder().decode(clean.image)
    assert looks_like_card(detection.text)
    assert len(detection.corners) == 4
    for (x, y), (ex, ey) in zip(sorted(detection.corners), sorted(clean.corners)):
        assert abs(x - ex) < 12 and abs(y - ey) < 12


def test_decoders_accept_gray_and_bgr(frames_640: list[SyntheticFrame]) -> None:
    import cv2

    clean = next(f for f in frames_640 if f.condition == "clean")
    gray = cv2.cvtColor(clean.image, cv2.COLOR_BGR2GRAY)
    for name in available_decoders():
        decoder = make_decoder(name)
        assert [d.text for d in decoder.decode(gray)] == [clean.code], name
        assert [d.text for d in decoder.decode(clean.image)] == [clean.code], name


def test_best_decoder_prefers_zxing_and_honours_a_choice() -> None:
    assert available_decoders()[0] == "zxing"
    assert best_decoder().name == "zxing"
    assert best_decoder("opencv").name == "opencv"
    with pytest.raises(ValueError, match="unknown decoder"):
        make_decoder("tesseract")


def test_missing_zbar_is_one_log_line_not_a_crash(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import reception.scanning.decoders as decoders

    # What a machine without libzbar looks like: importing pyzbar raises ImportError.
    monkeypatch.setitem(sys.modules, "pyzbar", None)
    monkeypatch.setitem(sys.modules, "pyzbar.pyzbar", None)
    monkeypatch.setattr(decoders, "_zbar_warned", False)
    with caplog.at_level(logging.WARNING, logger="reception.scanning.decoders"):
        with pytest.raises(DecoderUnavailable, match="zbar"):
            PyzbarDecoder()
        assert "pyzbar" not in available_decoders()
        assert best_decoder("pyzbar").name == "zxing"
    zbar_lines = [r for r in caplog.records if r.getMessage().startswith("pyzbar decoder unavailable")]
    assert len(zbar_lines) == 1
