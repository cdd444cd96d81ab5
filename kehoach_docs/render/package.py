"""A .docx (zip) written from parts, most of them compressed once per template.

Every document of a batch shares the template's styles, theme, numbering and so on;
compressing them again for each document was a third of the render time. Unchanged
parts are deflated once and copied; only the parts a render changes are compressed.
"""

from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def deflate(name: str, data: bytes, level: int = 6) -> Entry:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = compressor.compress(data) + compressor.flush()
    return Entry(name.encode("utf-8"), zlib.crc32(data), len(data), packed)


def _dos_time() -> tuple[int, int]:
    t = time.localtime()
    return (
        (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2),
        ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday,
    )


def write_zip(entries: list[Entry]) -> bytes:
    """A plain zip archive (deflate, UTF-8 names, no zip64: documents are small)."""
    mod_time, mod_date = _dos_time()
    flags = 0x0800  # names are UTF-8
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, mod_time, mod_date,
            e.crc, len(e.data), e.size, len(e.name), 0,
        )  # fmt: skip
        chunks += [header, e.name, e.data]
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                flags,
                8,
                mod_time,
                mod_date,
                e.crc,
                len(e.data),
                e.size,
                len(e.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + e.name
        )
        offset += len(header) + len(e.name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0
    )
    return b"".join(chunks) + directory + end
