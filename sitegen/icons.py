"""The home-screen icons of the web app manifest, drawn with the standard library alone.

A white heart on the site's teal, full bleed, the heart inside the central 60% so the icon
also works where a phone masks it to a circle (`"purpose": "any maskable"`). Run once when
the design changes; the PNGs are committed under `content/assets/icons/`:

    .venv/bin/python -m sitegen.icons content/assets/icons
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

TEAL = (0x00, 0x69, 0x5C)
WHITE = (0xFF, 0xFF, 0xFF)
SIZES = (192, 512)
SAMPLES = 3
"""Samples per pixel along each axis: the heart's edge is anti-aliased."""


def _in_heart(x: float, y: float) -> bool:
    """The heart curve (x^2 + y^2 - 1)^3 - x^2 y^3 <= 0, y pointing up."""
    return (x * x + y * y - 1) ** 3 - x * x * y**3 <= 0


def pixels(size: int) -> list[bytes]:
    """Rows of RGB bytes."""
    rows = []
    scale = 2.6 / (0.6 * size)  # the heart spans about 2.6 units; it fills 60% of the icon
    for row in range(size):
        line = bytearray()
        for column in range(size):
            hits = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (column + (sx + 0.5) / SAMPLES - size / 2) * scale
                    y = -(row + (sy + 0.5) / SAMPLES - size / 2) * scale + 0.15
                    hits += _in_heart(x, y)
            share = hits / SAMPLES**2
            line += bytes(round(t + (w - t) * share) for t, w in zip(TEAL, WHITE, strict=True))
        rows.append(bytes(line))
    return rows


def png(rows: list[bytes]) -> bytes:
    """A truecolour PNG of `rows`."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    height, width = len(rows), len(rows[0]) // 3
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\0" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (folder / f"icon-{size}.png").write_bytes(png(pixels(size)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
