"""Seeded camera-like frames showing member cards (or nothing), for tests and benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np
import qrcode

# Conditions cycle in this order; "none" frames carry no code at all.
CONDITIONS: tuple[str, ...] = (
    "clean",
    "rotated",
    "perspective",
    "blurred",
    "noisy",
    "low_contrast",
    "uneven_light",
    "small",
    "none",
    "hard",
    "none",
)
SIZES: dict[str, tuple[int, int]] = {"640x480": (640, 480), "1280x720": (1280, 720)}


@dataclass(frozen=True)
class SyntheticFrame:
    """One generated BGR frame and what it shows."""

    image: np.ndarray
    code: str | None
    condition: str
    corners: tuple[tuple[float, float], ...] = field(default=())


def card_code(rng: random.Random) -> str:
    """A plausible card code, `GYM-{member_no}-{8 hex}`, drawn from a seeded generator."""
    return f"GYM-{rng.randint(1, 150_000)}-{rng.getrandbits(32):08X}"


@lru_cache(maxsize=256)
def qr_matrix(text: str) -> np.ndarray:
    """The QR module matrix with its 4-module quiet zone, True for dark."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    return np.array(qr.get_matrix(), dtype=bool)


def card_image(text: str, module_px: int = 8) -> np.ndarray:
    """A printed card: the QR code on white paper, as a grayscale image."""
    modules = qr_matrix(text)
    qr = np.where(modules, 0, 255).astype(np.uint8)
    qr = np.kron(qr, np.ones((module_px, module_px), dtype=np.uint8))
    pad = qr.shape[0] // 6
    return cv2.copyMakeBorder(qr, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=245)


def _background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A desk-like scene: smooth shading, a few objects, a little texture."""
    base = rng.uniform(60, 190)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    slope = rng.uniform(-0.08, 0.08, size=2)
    shade = base + slope[0] * (xx - width / 2) + slope[1] * (yy - height / 2)
    img = np.repeat(np.clip(shade, 0, 255).astype(np.uint8)[..., None], 3, axis=2)
    for _ in range(int(rng.integers(3, 9))):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(20, width // 3)), int(rng.integers(20, height // 3))
        color = tuple(int(c) for c in rng.integers(20, 235, size=3))
        if rng.random() < 0.5:
            cv2.rectangle(img, (x0, y0), (x0 + w, y0 + h), color, -1)
        else:
            cv2.circle(img, (x0, y0), w // 2, color, -1)
    for _ in range(int(rng.integers(0, 4))):
        org = (int(rng.integers(0, width - 100)), int(rng.integers(20, height)))
        cv2.putText(img, "RECEPTION 0123", org, cv2.FONT_HERSHEY_SIMPLEX, rng.uniform(0.5, 1.5), (20, 20, 20), 2)
    return cv2.GaussianBlur(img, (0, 0), 1.5).astype(np.float32)


def _place_card(
    rng: np.random.Generator, frame: np.ndarray, code: str, qr_px: float, angle: float, skew: float
) -> tuple[tuple[float, float], ...]:
    """Warp a card into the frame; returns the QR symbol's corners in frame pixels."""
    height, width = frame.shape[:2]
    card = card_image(code)
    side = card.shape[0]
    modules = qr_matrix(code).shape[0]
    module_px = 8
    pad = (side - modules * module_px) // 2
    inner = 4 * module_px  # quiet zone
    qr_lo, qr_hi = pad + inner, side - pad - inner
    scale = qr_px / (qr_hi - qr_lo)
    half = side * scale / 2
    cx = rng.uniform(half + 5, max(half + 6, width - half - 5))
    cy = rng.uniform(half + 5, max(half + 6, height - half - 5))
    theta = np.deg2rad(angle)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    unit = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=np.float64) * half
    jitter = rng.uniform(-skew, skew, size=(4, 2)) * half
    dst = (unit + jitter) @ rot.T + [cx, cy]
    src = np.array([[0, 0], [side, 0], [side, side], [0, side]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(card, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=0)
    mask = cv2.warpPerspective(np.full_like(card, 255), matrix, (width, height), flags=cv2.INTER_NEAREST)
    tint = rng.uniform(0.9, 1.0, size=3).astype(np.float32)
    paper = cv2.merge([warped.astype(np.float32) * t for t in tint])
    np.copyto(frame, paper, where=(mask > 0)[..., None])
    qr_src = np.array([[[qr_lo, qr_lo], [qr_hi, qr_lo], [qr_hi, qr_hi], [qr_lo, qr_hi]]], dtype=np.float32)
    qr_dst = cv2.perspectiveTransform(qr_src, matrix)[0]
    return tuple((float(x), float(y)) for x, y in qr_dst)


def _grain(shape: tuple[int, ...], sigma: float, seed: int) -> np.ndarray:
    """Gaussian sensor noise; OpenCV's generator is several times faster than NumPy's here."""
    grain = np.empty(shape, np.float32)
    cv2.setRNGSeed(seed % 2**31)
    cv2.randn(grain, 0.0, sigma)  # type: ignore[call-overload]  # the stubs miss the scalar form
    return grain


def render(seed: int, condition: str, size: tuple[int, int] = (640, 480), code: str | None = None) -> SyntheticFrame:
    """One frame of the given condition showing `code` (default: a seeded made-up one); same seed, same pixels."""
    rng = np.random.default_rng(seed)
    width, height = size
    frame = _background(rng, width, height)
    if condition == "none":
        code = None
    elif code is None:
        code = card_code(random.Random(seed))
    corners: tuple[tuple[float, float], ...] = ()
    short = min(width, height)
    qr_px = rng.uniform(0.25, 0.5) * short
    angle, skew = float(rng.uniform(-8, 8)), 0.02
    blur, noise, contrast, light = 0.6, 2.0, 1.0, 0.0
    if condition == "rotated":
        angle = float(rng.uniform(-180, 180))
    elif condition == "perspective":
        skew = float(rng.uniform(0.1, 0.2))
    elif condition == "blurred":
        blur = float(rng.uniform(2.5, 5.0))
    elif condition == "noisy":
        noise = float(rng.uniform(25, 50))
    elif condition == "low_contrast":
        contrast = float(rng.uniform(0.08, 0.2))
    elif condition == "uneven_light":
        light = float(rng.uniform(0.6, 0.9))
    elif condition == "small":
        qr_px = rng.uniform(0.07, 0.12) * short
    elif condition == "hard":
        angle, skew = float(rng.uniform(-180, 180)), float(rng.uniform(0.05, 0.15))
        blur, noise = float(rng.uniform(2.0, 3.5)), float(rng.uniform(12, 24))
        contrast, light = float(rng.uniform(0.25, 0.5)), float(rng.uniform(0.3, 0.6))
        qr_px *= 0.7
    if code is not None:
        corners = _place_card(rng, frame, code, qr_px, angle, skew)
    if contrast != 1.0:
        frame = 128 + (frame - 128) * contrast + rng.uniform(-30, 30)
    if light:
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        fx, fy = rng.uniform(0, width), rng.uniform(0, height)
        dist = np.sqrt((xx - fx) ** 2 + (yy - fy) ** 2) / np.hypot(width, height)
        frame = frame * (1 - light * np.clip(dist * 1.6, 0, 1))[..., None]
    frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), blur), dtype=np.float32)
    frame += _grain(frame.shape, noise, seed)
    image = np.clip(frame, 0, 255).astype(np.uint8)
    # Webcams deliver compressed frames (MJPG); keep the artefacts.
    ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(70, 92))])
    decoded = cv2.imdecode(jpeg, cv2.IMREAD_COLOR) if ok else None
    image = image if decoded is None else np.asarray(decoded, dtype=np.uint8)
    return SyntheticFrame(image=image, code=code, condition=condition, corners=corners)


def frames(count: int, size: tuple[int, int] = (640, 480), seed: int = 1) -> Iterator[SyntheticFrame]:
    """`count` frames cycling through CONDITIONS (about 1 in 5 with no code), seeded."""
    for i in range(count):
        yield render(seed * 1_000_003 + i, CONDITIONS[i % len(CONDITIONS)], size)


def frame_set(count: int, size: tuple[int, int] = (640, 480), seed: int = 1) -> list[SyntheticFrame]:
    return list(frames(count, size, seed))
