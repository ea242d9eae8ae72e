"""Cold start of the desk app: process spawn to first paint of its first window (median of 5), and memory at idle.

    python bench/startup.py [--runs 5] [--display xvfb|offscreen] [--command "python -m reception"] [--languages en,ar]

Each run spawns `<command> --demo` with RECEPTION_EXIT_AFTER_FIRST_PAINT set (see
reception/ui/first_paint.py for the contract) in a fresh RECEPTION_HOME where the demo gym
was built beforehand, so no run pays for building it. Time is measured from just before the
spawn to the timestamp the app prints after its first window has painted. Memory is the
resident set (VmRSS) sampled 1.5 s after first paint in one extra run that lingers 2 s.
With --languages en,ar the runs alternate between the languages (RECEPTION_LANG) in the same session and the
report adds each language's median and the ratio of the second to the first (the Arabic goal: ≤ 1.05×).
If reception/ui/app.py does not install the probe yet, the bench starts the same CLI through
a two-line bootstrap that creates the QApplication and installs it (reported as "injected").
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "RECEPTION_FIRST_PAINT"
INJECT = (
    "import sys; from PySide6.QtWidgets import QApplication; from reception.ui import first_paint; "
    "app = QApplication(sys.argv[:1]); first_paint.install_if_requested(app); "
    "from reception.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _app_installs_probe() -> bool:
    app = ROOT / "reception" / "ui" / "app.py"
    return app.exists() and "first_paint" in app.read_text(encoding="utf-8")


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb is not installed (apt-get install xvfb), or use --display offscreen")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    return server, f":{number}"


def _rss_mb(pid: int) -> float | None:
    status = Path(f"/proc/{pid}/status")
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _one_run(command: list[str], env: dict[str, str], linger_ms: int, sample_after: float | None) -> tuple[float, str, float | None]:
    env = {**env, "RECEPTION_EXIT_AFTER_FIRST_PAINT": str(linger_ms)}
    started = time.time()
    process = subprocess.Popen([*command, "--demo"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    seconds, window, rss = None, "?", None
    for line in process.stdout:
        if line.startswith(MARKER):
            _, stamp, window = line.split(maxsplit=2)
            seconds = float(stamp) - started
            if sample_after is not None:
                time.sleep(sample_after)
                rss = _rss_mb(process.pid)
            break
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    if seconds is None:
        raise SystemExit(f"the app never reported a first paint (exit {process.returncode}):\n{err[-2000:]}")
    return seconds, window.strip(), rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--display", choices=["xvfb", "offscreen"], default="xvfb" if shutil.which("Xvfb") else "offscreen")
    parser.add_argument("--command", help="how to start the app (default: this Python with -m reception)")
    parser.add_argument("--languages", default="en", help="comma-separated: en, ar (runs alternate between them)")
    args = parser.parse_args()

    injected = False
    if args.command:
        command = shlex.split(args.command)
    elif _app_installs_probe():
        command = [sys.executable, "-m", "reception"]
    else:
        command, injected = [sys.executable, "-c", INJECT], True

    home = Path(tempfile.mkdtemp(prefix="reception-bench-"))
    env = {**os.environ, "RECEPTION_HOME": str(home)}
    env.pop("RECEPTION_DB", None)
    server = None
    try:
        subprocess.run([sys.executable, "-m", "reception", "demo"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        if args.display == "xvfb":
            server, display = _start_xvfb()
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        else:
            env.pop("DISPLAY", None)
            env["QT_QPA_PLATFORM"] = "offscreen"
        languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
        for lang in languages:  # warm the OS file cache once; cold disk is not what a desk sees twice
            _one_run(command, {**env, "RECEPTION_LANG": lang}, 1, None)
        by_language: dict[str, list[float]] = {lang: [] for lang in languages}
        window = "?"
        for _ in range(args.runs):
            for lang in languages:
                seconds, window, _ = _one_run(command, {**env, "RECEPTION_LANG": lang}, 1, None)
                by_language[lang].append(seconds)
        times = by_language[languages[0]]
        _, _, rss = _one_run(command, {**env, "RECEPTION_LANG": languages[0]}, 2000, 1.5)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(home, ignore_errors=True)

    print(f"Cold start: {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} CPUs · "
          f"Python {platform.python_version()} · display {args.display}{' · probe injected' if injected else ''}")
    print(f"command: {' '.join(command[:2])}{' …' if len(command) > 2 else ''} --demo   first window: {window}")
    print(f"{'metric':<34}{'value':>12}")
    print(f"{'spawn → first paint, median':<34}{statistics.median(times) * 1000:>10.0f} ms")
    print(f"{'spawn → first paint, min / max':<34}{min(times) * 1000:>6.0f} / {max(times) * 1000:.0f} ms")
    print(f"{'runs':<34}{len(times):>12}")
    print(f"{'RSS at idle (1.5 s after paint)':<34}{(f'{rss:.0f} MB' if rss is not None else 'n/a'):>12}")
    if len(languages) > 1:
        for lang in languages:
            print(f"{'median, ' + lang:<34}{statistics.median(by_language[lang]) * 1000:>10.0f} ms")
        first, second = languages[0], languages[1]
        ratio = statistics.median(by_language[second]) / statistics.median(by_language[first])
        print(f"{second + ' ÷ ' + first:<34}{ratio:>11.3f}×")
    print("budget (DESIGN §8): cold start < 2 s median")
    return 0 if statistics.median(times) < 2.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
