#!/usr/bin/env python3
"""Draws the field app's two icons (crates/web/assets/field/icon-192.png and icon-512.png).

Made here, by this script, for Hamyar: a teal square (the app's accent) with a white ring and
a white dot — three women's heads side by side would not survive 48 px, a ring reads as "a
group". No font, no outside artwork, so there is no licence to carry. Standard library only
(zlib + struct): run `python3 tools/field-icons.py` from the repository's root to redraw them.
"""

import struct
import zlib
from pathlib import Path

TEAL = (15, 92, 77)
WHITE = (255, 255, 255)


def pixel(x: float, y: float, size: int) -> tuple:
    """The colour at (x, y): a ring and a dot inside the maskable safe zone (80 %)."""
    cx = cy = size / 2
    r = ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
    ring_outer, ring_inner, dot = size * 0.30, size * 0.22, size * 0.10
    if ring_inner <= r <= ring_outer or r <= dot:
        return WHITE
    return TEAL


def png(size: int) -> bytes:
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            rows.extend(pixel(x + 0.5, y + 0.5, size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    out = Path("crates/web/assets/field")
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
