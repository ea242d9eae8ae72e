"""Benchmark of QR decoding and the camera pipeline on seeded generated frames.

Run:  python bench/scanning.py [--frames 220] [--repeats 3] [--cpu-seconds 5] [--write docs/PERFORMANCE_SCANNING.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import zxingcpp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception.scanning import synthetic  # noqa: E402
from reception.scanning.decoders import OpenCvDecoder, PyzbarDecoder, ZxingDecoder  # noqa: E402
from reception.scanning.pipeline import FrameDecoder, ScanPipeline  # noqa: E402
from reception.scanning.sources import ReplaySource  # noqa: E402

QR = zxingcpp.BarcodeFormat.QRCode


def contenders() -> dict[str, Callable[[np.ndarray], list[str]]]:
    zbar, ocv = PyzbarDecoder(), OpenCvDecoder()
    app = FrameDecoder(ZxingDecoder())
    return {
        "zxing-cpp (raw call)": lambda img: [b.text for b in zxingcpp.read_barcodes(img, formats=QR)],
        "pyzbar": lambda img: [d.text for d in zbar.decode(img)],
        "opencv": lambda img: [d.text for d in ocv.decode(img)],
        "app pipeline": lambda img: [d.text for d in app.decode(img)[0]],
    }


def measure(frames: list[synthetic.SyntheticFrame], repeats: int) -> dict[str, dict[str, Any]]:
    """Per decoder: success, false reads, per-frame ms (median over repeats), interleaved per frame."""
    funcs = contenders()
    for f in frames[:10]:  # warm up caches and lazy initialisation
        for fn in funcs.values():
            fn(f.image)
    times: dict[str, list[float]] = {k: [] for k in funcs}
    hits = dict.fromkeys(funcs, 0)
    false = dict.fromkeys(funcs, 0)
    for f in frames:
        for name, fn in funcs.items():
            samples = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                texts = fn(f.image)
                samples.append((time.perf_counter() - t0) * 1000)
            times[name].append(statistics.median(samples))
            if f.code is None:
                false[name] += bool(texts)
            else:
                hits[name] += f.code in texts
    with_code = sum(1 for f in frames if f.code)
    out = {}
    for name in funcs:
        ms = sorted(times[name])
        out[name] = {
            "success": hits[name] / with_code,
            "hits": hits[name],
            "false": false[name],
            "median": statistics.median(ms),
            "p95": ms[int(0.95 * (len(ms) - 1))],
            "mean": statistics.fmean(ms),
        }
    return out


def rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_on_replay(size: tuple[int, int], seconds: float, with_pipeline: bool) -> dict[str, float]:
    """Process CPU% while a 30 fps replay of code-free frames runs (through the pipeline or not)."""
    empty = [f for f in synthetic.frames(60, size, seed=99) if f.code is None]
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(empty):
            cv2.imwrite(str(Path(tmp) / f"{i:03d}.png"), f.image)
        source = ReplaySource(tmp, fps=30, loop=True, preload=True)
        pipeline = ScanPipeline(FrameDecoder(ZxingDecoder()))
        frames = 0
        lock = threading.Lock()

        def on_frame(frame: Any) -> None:
            nonlocal frames
            with lock:
                frames += 1
            if with_pipeline:
                pipeline.submit(frame)

        pipeline.start()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        source.start(on_frame)
        time.sleep(seconds)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        source.stop()
        pipeline.stop()
    return {
        "cpu_pct": 100 * cpu / wall,
        "fps": frames / wall,
        "decoded": pipeline.decoded,
        "dropped": pipeline.dropped,
        "rss": rss_mb(),
        "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores visible; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; zxing-cpp {zxing_version()}, OpenCV {cv2.__version__}, NumPy {np.__version__}"
    )


def zxing_version() -> str:
    from importlib.metadata import version

    return version("zxing-cpp")


def report(args: argparse.Namespace) -> str:
    lines = [f"Machine: {machine()}", ""]
    lines += [
        f"Set: {args.frames} seeded frames per size (seed {args.seed}), {sum(1 for i in range(args.frames) if synthetic.CONDITIONS[i % len(synthetic.CONDITIONS)] == 'none')} of them with no code; "
        f"per-frame time is the median of {args.repeats} calls, decoders interleaved frame by frame.",
        "",
        "| size | decoder | success | false reads | median ms | p95 ms | mean ms |",
        "|---|---|---|---|---|---|---|",
    ]
    ratios = []
    for label, size in synthetic.SIZES.items():
        frames = synthetic.frame_set(args.frames, size, seed=args.seed)
        res = measure(frames, args.repeats)
        for name, r in res.items():
            lines.append(
                f"| {label} | {name} | {r['success']:.1%} ({r['hits']}) | {r['false']} | "
                f"{r['median']:.2f} | {r['p95']:.2f} | {r['mean']:.2f} |"
            )
        raw, app = res["zxing-cpp (raw call)"], res["app pipeline"]
        ratios.append(
            f"| {label} | {app['mean'] / raw['mean']:.2f} | {app['median'] / raw['median']:.2f} | "
            f"{app['p95'] / raw['p95']:.2f} | {app['hits'] - raw['hits']:+d} |"
        )
        print("\n".join(lines[-len(res):]), flush=True)
    lines += ["", "Pipeline ÷ raw zxing-cpp (budget ≤ 1.2, success ≥ raw):", "",
              "| size | mean ratio | median ratio | p95 ratio | extra cards read |", "|---|---|---|---|---|", *ratios]
    lines += ["", f"Live run: ReplaySource at 30 fps over code-free frames for {args.cpu_seconds:.0f} s, "
              "ScanPipeline on its worker thread; CPU% = process_time ÷ wall time (100% = one core).", "",
              "| size | what runs | CPU % | frames/s | decoded | dropped | RSS MB | peak RSS MB |", "|---|---|---|---|---|---|---|---|"]
    for label, size in synthetic.SIZES.items():
        for with_pipeline in (False, True):
            r = cpu_on_replay(size, args.cpu_seconds, with_pipeline)
            what = "replay + pipeline" if with_pipeline else "replay only"
            lines.append(f"| {label} | {what} | {r['cpu_pct']:.1f} | {r['fps']:.1f} | {r['decoded']} | {r['dropped']} | {r['rss']:.0f} | {r['maxrss']:.0f} |")
            print(lines[-1], flush=True)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=220)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpu-seconds", type=float, default=5.0)
    parser.add_argument("--write", type=Path, help="also write the tables into this Markdown file's results block")
    args = parser.parse_args()
    text = report(args)
    print("\n" + text)
    if args.write:
        doc = args.write.read_text(encoding="utf-8") if args.write.exists() else "<!-- results -->\n<!-- /results -->\n"
        head, _, rest = doc.partition("<!-- results -->")
        _, _, tail = rest.partition("<!-- /results -->")
        args.write.write_text(f"{head}<!-- results -->\n{text}\n<!-- /results -->{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
