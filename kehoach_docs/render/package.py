"""A .docx (zip) written from parts, most of them compressed once per template.

Every document of a batch shares the template's styles, theme, numbering and so on;
compressing them again for each document was a third of the render time. Unchanged
parts are deflated once and copied; only the parts a render changes are compressed.
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def deflate(name: str, data: bytes | Iterable[bytes], level: int = 6) -> Entry:
    """A part compressed; given in pieces, it is never joined (a 10,000-agency report's
    body is tens of MB), and deflate gives the same stream as for the whole."""
    pieces = [data] if isinstance(data, bytes) else data
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed: list[bytes] = []
    crc = size = 0
    for piece in pieces:
        packed.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        size += len(piece)
    packed.append(compressor.flush())
    return Entry(name.encode("utf-8"), crc, size, b"".join(packed))


def _dos_time() -> tuple[int, int]:
    t = time.localtime()
    return (
        (t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2),
        ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday,
    )


_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_UTF8_NAMES = 0x0800
_DEFLATE = 8


def write_zip(entries: list[Entry]) -> bytes:
    """A plain zip archive (deflate, UTF-8 names, no zip64: documents are small)."""
    mod_time, mod_date = _dos_time()
    stamp = (_UTF8_NAMES, _DEFLATE, mod_time, mod_date)
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        sizes = (e.crc, len(e.data), e.size, len(e.name))
        header = _LOCAL.pack(0x04034B50, 20, *stamp, *sizes, 0)
        chunks += [header, e.name, e.data]
        central.append(_CENTRAL.pack(0x02014B50, 20, 20, *stamp, *sizes, 0, 0, 0, 0, 0, offset))
        central.append(e.name)
        offset += len(header) + len(e.name) + len(e.data)
    directory = b"".join(central)
    count = len(entries)
    end = _END.pack(0x06054B50, 0, 0, count, count, len(directory), offset, 0)
    return b"".join(chunks) + directory + end
