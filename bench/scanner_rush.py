"""Scanner rush: the real desk app under Xvfb, all 150 demo cards scanned back to back at 5 ms a key.

Run: python bench/scanner_rush.py [--per-key-ms 5] [--rounds 1] [--burners N] [--gap-ms 30]

One desk app (signed in as desk1) takes the rush twice per round: alone (the baseline) and
with a CPU-burning neighbour (a busy Python loop per core). Back to back means a queue at
the counter: each card is scanned --gap-ms after the previous one is on screen. For each it prints the cards per
second the desk kept up with, the misreads (a card not painted as its own member) and the
keypress-to-card-painted latency (first key's X timestamp to the card's first paint, from
the app's RECEPTION_TRACE), then the ratio loaded / baseline. Needs Xvfb, openbox, xdotool.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.desk.harness import DemoGym, Desk, Rush, cpu_burners, key_gaps_ms, misreads, missing_tools, percentile, rush  # noqa: E402


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def summary(done: Rush) -> dict[str, float]:
    latencies = [float(e["latency_ms"]) for e in done.shown if e.get("source") == "wedge"]  # type: ignore[arg-type]
    # The latency counts from the first key; the scanner's own typing (first to last key) is not the desk's.
    typing = {str(w["code"]): float(w["key_ms"][-1]) - float(w["key_ms"][0]) for w in done.wedges}  # type: ignore[index]
    after_enter = [float(e["latency_ms"]) - typing[str(e["code"])] for e in done.shown  # type: ignore[arg-type]
                   if e.get("source") == "wedge" and str(e["code"]) in typing]
    gaps = key_gaps_ms(done.wedges)
    return {
        "cards": len(done.cards),
        "misreads": len(misreads(done.cards, done.shown)) + sum(c != x.code for c, x in zip(done.logged, done.cards))
        + abs(len(done.logged) - len(done.cards)),
        "kept_up_per_s": len(done.cards) / done.painted_s,
        "key_ms": statistics.median(gaps) if gaps else float("nan"),
        "median_ms": statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": percentile(latencies, 0.95) if latencies else float("nan"),
        "max_ms": max(latencies) if latencies else float("nan"),
        "enter_median_ms": statistics.median(after_enter) if after_enter else float("nan"),
        "enter_p95_ms": percentile(after_enter, 0.95) if after_enter else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-key-ms", type=int, default=5)
    parser.add_argument("--gap-ms", type=int, default=30, help="from one card painted to the next card's first key")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 2, help="busy loops in the neighbour")
    args = parser.parse_args()
    if missing_tools():
        print(f"needs {', '.join(missing_tools())}", file=sys.stderr)
        return 2

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="scanner-rush-") as tmp:
        gym = DemoGym.build(Path(tmp) / "demo")
        results: dict[str, list[dict[str, float]]] = {"alone": [], "neighbour": []}
        with Desk(gym, Path(tmp) / "desk") as desk:
            desk.start()
            for _ in range(args.rounds):
                for name in results:
                    if name == "alone":
                        done = rush(desk, gym.cards, args.per_key_ms, args.gap_ms / 1000)
                    else:
                        with cpu_burners(args.burners):
                            done = rush(desk, gym.cards, args.per_key_ms, args.gap_ms / 1000)
                    results[name].append(summary(done))
                    for line in misreads(done.cards, done.shown)[:10]:
                        print(f"{name}: {line}", file=sys.stderr)

    def merged(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs) if key != "misreads" else sum(r[key] for r in runs)

    rows = [("cards per rush", "cards", "{:.0f}"), ("misreads (all rounds)", "misreads", "{:.0f}"),
            ("keys: median gap, ms (X timestamps)", "key_ms", "{:.1f}"),
            ("cards/s kept up with (first key to last card painted)", "kept_up_per_s", "{:.2f}"),
            ("key → card painted: median, ms", "median_ms", "{:.1f}"), ("key → card painted: p95, ms", "p95_ms", "{:.1f}"),
            ("key → card painted: max, ms", "max_ms", "{:.1f}"),
            ("last key → card painted: median, ms", "enter_median_ms", "{:.1f}"),
            ("last key → card painted: p95, ms", "enter_p95_ms", "{:.1f}")]
    print(f"\nScanner rush: {len(gym.cards)} cards at {args.per_key_ms} ms a key, {args.gap_ms} ms between cards, "
          f"{args.rounds} round(s); neighbour: {args.burners} busy loop(s)")
    print("| | alone | with neighbour | neighbour / alone |")
    print("|---|---|---|---|")
    for label, key, fmt in rows:
        alone, loaded = merged(results["alone"], key), merged(results["neighbour"], key)
        ratio = f"{loaded / alone:.2f}" if alone and key not in ("cards", "misreads") else ""
        print(f"| {label} | {fmt.format(alone)} | {fmt.format(loaded)} | {ratio} |")
    xvfb = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "xvfb"], capture_output=True, text=True,
                          timeout=10).stdout if Path("/usr/bin/dpkg-query").exists() else ""
    from PySide6 import __version__ as pyside

    print(f"\nMachine: {cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"Python {platform.python_version()}, PySide6 {pyside}; "
          f"Xvfb {xvfb or '(version unknown)'}; "
          f"load average before the run {load_before:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
