"""`reception decode IMAGE...`: codes and timings per file, clear messages, exit codes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2
import pytest

from reception.scanning import decode_cli
from reception.scanning.synthetic import SyntheticFrame


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reception")
    decode_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["decode", *argv])


@pytest.fixture
def images(tmp_path: Path, frames_640: list[SyntheticFrame]) -> tuple[Path, Path, str]:
    card = next(f for f in frames_640 if f.condition == "clean")
    empty = next(f for f in frames_640 if f.code is None)
    cv2.imwrite(str(tmp_path / "card.png"), card.image)
    cv2.imwrite(str(tmp_path / "empty.jpg"), empty.image)
    assert card.code
    return tmp_path / "card.png", tmp_path / "empty.jpg", card.code


def test_prints_each_files_code_and_time(images: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    card, empty, code = images
    assert decode_cli.run(parse(str(card), str(empty))) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{card}: {code}") and lines[0].endswith(" ms)")
    assert lines[1].startswith(f"{empty}: no code found")


@pytest.mark.zbar
def test_json_output(images: tuple[Path, Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    card, empty, code = images
    assert decode_cli.run(parse(str(card), str(empty), "--json", "--decoder", "pyzbar")) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["decoder"] == "pyzbar"
    first, second = doc["files"]
    assert first["codes"] == [code] and first["error"] is None and first["decode_ms"] >= 0
    assert second["codes"] == [] and second["error"] is None


def test_missing_and_unreadable_files_are_reported_with_exit_code_2(
    images: tuple[Path, Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card, _, code = images
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not a png")
    status = decode_cli.run(parse(str(tmp_path / "missing.png"), str(junk), str(card)))
    out, err = capsys.readouterr()
    assert status == 2
    assert "missing.png: cannot read: file not found" in err
    assert "junk.png: cannot read: not a readable image" in err
    assert code in out  # the good file is still decoded


def test_unknown_decoder_is_an_argument_error() -> None:
    with pytest.raises(SystemExit):
        parse("x.png", "--decoder", "nope")
