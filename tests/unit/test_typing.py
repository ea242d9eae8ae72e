"""The type checker holds the core to its ports: mypy is clean on everything but the desk's widgets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ["reception", "--exclude", "reception/ui/"]  # the widgets wait for PySide6's stubs to settle


@pytest.mark.slow
def test_mypy_is_clean_on_the_core() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", *CORE], cwd=ROOT, capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 0, f"mypy {' '.join(CORE)} (configured in pyproject.toml):\n{done.stdout}{done.stderr}"
