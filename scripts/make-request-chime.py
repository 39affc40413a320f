#!/usr/bin/env python3
"""Writes StarSync.Web/wwwroot/sounds/request-chime.wav: the astrologer's new-request chime (two rising notes, 0.46 s,
16 kHz mono 16-bit). Generated rather than downloaded, so the project owns it outright."""
import math
import struct
import sys
import wave

RATE = 16000
NOTES = [(880.0, 0.16), (1318.5, 0.30)]  # A5 then E6


def main(path: str) -> None:
    frames = bytearray()
    for freq, duration in NOTES:
        count = int(RATE * duration)
        for i in range(count):
            t = i / RATE
            envelope = min(1.0, i / (0.01 * RATE)) * math.exp(-4.0 * t / duration)
            sample = 0.5 * envelope * (math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t))
            frames += struct.pack("<h", int(max(-1.0, min(1.0, sample)) * 32767 * 0.8))
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "StarSync.Web/wwwroot/sounds/request-chime.wav")
