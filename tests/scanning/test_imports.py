"""The scanning package loads without Qt and without OpenCV until a camera or decoder is used."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
sys.modules['PySide6'] = None  # as if PySide6 were not installed
import reception.scanning.sources, reception.scanning.camera, reception.scanning.pipeline
import reception.scanning.wedge, reception.scanning.dedup, reception.scanning.decode_cli
import reception.scanning.decoders
spec = reception.scanning.sources.parse_camera_spec('0')
reception.scanning.sources.open_source(spec)
print('cv2' in sys.modules, 'zxingcpp' in sys.modules)
"""


def test_scanning_imports_without_pyside6_or_opencv() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
