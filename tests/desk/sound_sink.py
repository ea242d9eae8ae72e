"""A private PulseAudio server with a null sink named `desk`, a recorder on its monitor, and the analysis
that tells the desk's sounds apart in a recording (where each starts, how long, how loud, what pitch)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 22_050  # the desk's WAVs are 22.05 kHz mono; recording at that rate keeps their pitch exact
SINK = "desk"
TOOLS = ("pulseaudio", "pactl", "parec")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class PulseSink:
    """`pulseaudio` in the foreground with a private runtime dir: nothing shared with the user's own sound
    server, no cookie (anonymous auth on a socket only this test knows), stopped and removed on exit.

    `env` is what a client needs to play into the sink (the app) or record from it (parec).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "pulse" / "native"
        self._process: subprocess.Popen[bytes] | None = None
        self.log = folder / "pulseaudio.log"

    @property
    def env(self) -> dict[str, str]:
        return {
            "XDG_RUNTIME_DIR": str(self.folder),
            "PULSE_RUNTIME_PATH": str(self.folder / "pulse"),
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_SINK": SINK,
        }

    def start(self, timeout: float = 10.0) -> None:
        (self.folder / "pulse").mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)
        # HOME too: pulseaudio keeps its state (and, as root, would look for a cookie) under it.
        env = {**os.environ, **self.env, "HOME": str(self.folder)}
        command = [
            "pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit",
            "--use-pid-file=no", "--disable-shm=yes", "--realtime=no", "--high-priority=no",
            "--log-target=stderr",
            f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
            f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
        ]
        with self.log.open("wb") as log:
            self._process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"pulseaudio exited ({self._process.returncode}): {self.log.read_text()[-2000:]}")
            if self.socket.exists() and self._pactl("info").returncode == 0:
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"pulseaudio did not start in {timeout:.0f} s: {self.log.read_text()[-2000:]}")

    def _pactl(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["pactl", *args], env={**os.environ, **self.env}, capture_output=True, timeout=5)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> PulseSink:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class MonitorRecording:
    """`parec` on the sink's monitor into a raw file, from `start()` until `stop()`.

    Asks for 20 ms of latency: left to its default, the idle null sink renders two seconds ahead and a
    sound that starts then lands in the recording up to two seconds late, on top of the next one.
    """

    def __init__(self, sink: PulseSink, path: Path) -> None:
        self.sink = sink
        self.path = path
        self._process: subprocess.Popen[bytes] | None = None
        self.started = 0.0  # time.monotonic() of the recording's first sample (to within its 20 ms latency)

    def start(self, timeout: float = 5.0) -> None:
        command = ["parec", "-d", f"{SINK}.monitor", "--latency-msec=20", "--format=s16le", f"--rate={RATE}",
                   "--channels=1", "--raw"]
        with self.path.open("wb") as out:
            self._process = subprocess.Popen(command, env={**os.environ, **self.sink.env}, stdout=out,
                                             stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while self.path.stat().st_size == 0:  # recording has begun once the first silence arrives
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("parec did not start recording the desk sink's monitor")
            time.sleep(0.005)
        self.started = time.monotonic() - len(read_raw(self.path)) / RATE

    def stop(self) -> np.ndarray:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        return read_raw(self.path)


def read_raw(path: Path) -> np.ndarray:
    data = path.read_bytes()
    return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.float64) / 32768.0


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as source:
        assert source.getnchannels() == 1 and source.getsampwidth() == 2 and source.getframerate() == RATE, path
        frames = source.readframes(source.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0


@dataclass(frozen=True)
class Sound:
    start: float  # seconds from the start of the recording
    duration: float  # seconds
    rms: float  # of the sound's own samples, full scale = 1
    pitch: float  # Hz: the median of the strongest frequency in each 30 ms frame
    low: float  # Hz: 10th and 90th percentiles of those frames (a chime spans its notes, a sweep its range)
    high: float

    def describe(self) -> str:
        spread = f" ({self.low:.0f}-{self.high:.0f})" if self.high - self.low > 20 else ""
        return (f"{self.duration * 1000:.0f} ms, RMS {self.rms:.3f}, {self.pitch:.0f} Hz{spread}"
                f" at {self.start:.2f} s")


WINDOW = 0.01  # 10 ms loudness windows
LOUD = 0.01  # RMS above this is sound (the sink's silence is exact zeros)


def split_sounds(samples: np.ndarray, *, max_gap: float = 0.15, min_length: float = 0.05) -> list[Sound]:
    """Cut a recording on silence. Gaps shorter than `max_gap` stay inside one sound (the attention
    sound's two beeps are 80 ms apart); bits shorter than `min_length` are clicks, not sounds."""
    size = int(RATE * WINDOW)
    count = len(samples) // size
    if count == 0:
        return []
    loudness = np.sqrt((samples[: count * size].reshape(count, size) ** 2).mean(axis=1))
    loud = np.flatnonzero(loudness > LOUD)
    sounds: list[Sound] = []
    if loud.size == 0:
        return sounds
    runs = np.split(loud, np.flatnonzero(np.diff(loud) * WINDOW > max_gap) + 1)
    for run in runs:
        first, last = int(run[0]) * size, (int(run[-1]) + 1) * size
        if (last - first) / RATE >= min_length:
            sounds.append(measure(samples[first:last], start=first / RATE))
    return sounds


FRAME = 0.03  # pitch frames: long enough for 200 Hz, short enough to follow the chime's notes


def measure(samples: np.ndarray, *, start: float = 0.0) -> Sound:
    """Duration and RMS over the sound's loud part, pitch frame by frame.

    The strongest frequency of each loud frame (Hann window, zero-padded FFT), then the median: one
    click or a clipped edge moves a frame or two, not the answer; the spread keeps both of a chime's notes.
    """
    size = int(RATE * WINDOW)
    count = max(1, len(samples) // size)
    loudness = np.sqrt((samples[: count * size].reshape(count, size) ** 2).mean(axis=1))
    loud = np.flatnonzero(loudness > LOUD)
    if loud.size:
        trimmed = samples[int(loud[0]) * size: (int(loud[-1]) + 1) * size]
        start += int(loud[0]) * size / RATE
    else:
        trimmed = samples
    frame = int(RATE * FRAME)
    window = np.hanning(frame)
    frequencies = np.fft.rfftfreq(8192, 1 / RATE)
    peaks = []
    for offset in range(0, len(trimmed) - frame + 1, frame // 2):
        chunk = trimmed[offset: offset + frame]
        if np.sqrt(np.mean(chunk**2)) > LOUD * 5:
            peaks.append(frequencies[int(np.abs(np.fft.rfft(chunk * window, 8192)).argmax())])
    pitches = np.array(peaks or [0.0])
    return Sound(
        start=start,
        duration=len(trimmed) / RATE,
        rms=float(np.sqrt(np.mean(trimmed**2))),
        pitch=float(np.median(pitches)),
        low=float(np.percentile(pitches, 10)),
        high=float(np.percentile(pitches, 90)),
    )


def pitch_gap(sound: Sound, reference: Sound) -> float:
    """Octaves between a sound's pitch and a reference's range (0 inside it)."""
    if sound.pitch <= 0:
        return float("inf")
    if sound.pitch < reference.low:
        return float(np.log2(reference.low / sound.pitch))
    if sound.pitch > reference.high:
        return float(np.log2(sound.pitch / reference.high))
    return 0.0


def distance(sound: Sound, reference: Sound) -> float:
    """How far a recorded sound is from a reference: octaves outside its pitch range plus length apart in
    tenths of a second."""
    return pitch_gap(sound, reference) + abs(sound.duration - reference.duration) * 10


def closest(sound: Sound, references: dict[str, Sound]) -> str:
    """The name of the reference a recorded sound is nearest to."""
    return min(references, key=lambda name: distance(sound, references[name]))
