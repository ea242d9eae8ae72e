"""`reception decode IMAGE...`: read card codes from image files, with the decode time."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from reception.scanning.decoders import DECODERS


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the `decode` sub-command on an argparse subparsers object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "decode",
        help="read QR codes from image files",
        description="Decode the QR codes in each image, as the desk's camera would, and time it.",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="image files (JPEG, PNG, ...)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--decoder", choices=list(DECODERS), help="decoder to use (default: the desk's pipeline)")
    parser.set_defaults(func=run)
    return parser


def _decode_file(path: Path, decode: Any) -> dict[str, Any]:
    import cv2

    entry: dict[str, Any] = {"file": str(path), "codes": [], "decode_ms": None, "error": None}
    if not path.is_file():
        entry["error"] = "file not found"
        return entry
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        entry["error"] = "not a readable image"
        return entry
    start = time.perf_counter()
    detections = decode(image)
    entry["decode_ms"] = round((time.perf_counter() - start) * 1000, 2)
    entry["codes"] = [d.text for d in detections]
    return entry


def run(args: argparse.Namespace) -> int:
    """0 when every file was read (found a code or not), 2 when any file or the decoder failed."""
    from reception.scanning.decoders import DecoderUnavailable, make_decoder
    from reception.scanning.pipeline import FrameDecoder

    try:
        if args.decoder:
            frame_decoder = FrameDecoder(make_decoder(args.decoder), rescue=False)
            name = args.decoder
        else:
            frame_decoder = FrameDecoder()
            name = frame_decoder.name
    except DecoderUnavailable as exc:
        print(f"reception decode: {exc}", file=sys.stderr)
        return 2

    def decode(image: Any) -> Any:
        return frame_decoder.decode(image)[0]

    entries = [_decode_file(Path(p), decode) for p in args.images]
    if args.json:
        print(json.dumps({"decoder": name, "files": entries}, ensure_ascii=False, indent=2))
    else:
        for entry in entries:
            if entry["error"]:
                print(f"{entry['file']}: cannot read: {entry['error']}", file=sys.stderr)
            elif entry["codes"]:
                print(f"{entry['file']}: {', '.join(entry['codes'])}  ({entry['decode_ms']:.1f} ms)")
            else:
                print(f"{entry['file']}: no code found  ({entry['decode_ms']:.1f} ms)")
    return 2 if any(entry["error"] for entry in entries) else 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry for `python -m reception.scanning.decode_cli`."""
    parser = argparse.ArgumentParser(prog="reception")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
