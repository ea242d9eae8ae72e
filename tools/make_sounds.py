"""Write the desk's three result sounds (sine tones) to resources/sounds; rerun after changing them.

allow:     two short rising notes (bright, friendly)
attention: two equal mid notes (look at the screen)
deny:      one long low falling tone (unmistakable from across the desk)
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"


def tone(freq_start: float, freq_end: float, seconds: float, volume: float = 0.5) -> list[float]:
    n = int(RATE * seconds)
    fade = max(1, int(RATE * 0.008))  # 8 ms fades: no clicks at the edges
    samples, phase = [], 0.0
    for i in range(n):
        freq = freq_start + (freq_end - freq_start) * i / n
        phase += 2 * math.pi * freq / RATE
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        samples.append(volume * envelope * math.sin(phase))
    return samples


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


# Qt's sound effect (6.11, PulseAudio) stops about 40 ms before the end of a file and plays that held-back
# tail in front of the next sound; a silent tail keeps each sound whole and the next one clean.
TAIL = silence(0.15)

SOUNDS = {
    "allow": tone(880, 880, 0.09) + silence(0.03) + tone(1320, 1320, 0.14) + TAIL,
    "attention": tone(660, 660, 0.12) + silence(0.08) + tone(660, 660, 0.12) + TAIL,
    "deny": tone(330, 196, 0.45, volume=0.6) + TAIL,
}


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, samples in SOUNDS.items():
        write(OUT / f"{name}.wav", samples)
        print(OUT / f"{name}.wav")


if __name__ == "__main__":
    main()
