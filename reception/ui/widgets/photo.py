"""Member photos: load from a file and shrink to a JPEG of at most 50 KB; show a photo or the initials."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPixmap

from reception.domain.errors import ValidationError
from reception.domain.validation import MAX_PHOTO_BYTES

_START_SIDE = 640
_QUALITIES = (85, 75, 65, 55, 45, 35)


def shrink_photo(data: bytes, limit: int = MAX_PHOTO_BYTES) -> bytes:
    """Any image Pillow reads becomes a JPEG ≤ `limit` bytes, downscaling and lowering quality as needed."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError({"photo": "That file is not a picture the app can read (use JPEG or PNG)."}) from None
    side = min(_START_SIDE, max(image.size))
    while side >= 32:
        scaled = image.copy()
        scaled.thumbnail((side, side), Image.Resampling.LANCZOS)
        for quality in _QUALITIES:
            out = io.BytesIO()
            scaled.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= limit:
                return out.getvalue()
        side = int(side * 0.75)
    raise ValidationError({"photo": "The photo could not be made small enough."})


def load_photo_file(path: str | Path) -> bytes:
    """Read a picture file (the slow part: call it through the runner) and shrink it."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValidationError({"photo": f"The file could not be read ({error.strerror or error})."}) from None
    return shrink_photo(data)


def photo_image(photo: bytes | None) -> QImage | None:
    if not photo:
        return None
    image = QImage.fromData(photo)
    return None if image.isNull() else image


def initials_image(initials: str, side: int, colour: str = "#5b6b7f") -> QImage:
    """A round badge with the member's initials, for members without a photo."""
    image = QImage(side, side, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(0, 0, side, side)
    font = QFont()
    font.setPixelSize(max(8, side * 2 // 5))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return image


def portrait(photo: bytes | None, initials: str, side: int) -> QPixmap:
    """The photo cropped to a rounded square, or the initials badge."""
    image = photo_image(photo)
    if image is None:
        return QPixmap.fromImage(initials_image(initials, side))
    scaled = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                          Qt.TransformationMode.SmoothTransformation)
    x, y = (scaled.width() - side) // 2, (scaled.height() - side) // 2
    result = QPixmap(side, side)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, side, side), side / 8, side / 8)
    painter.setClipPath(path)
    painter.drawImage(0, 0, scaled, x, y, side, side)
    painter.end()
    return result
