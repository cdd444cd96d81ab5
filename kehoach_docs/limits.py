"""Bounds on what a run reads and makes, so that no input can hang it or exhaust memory.

Every file is checked for its type and size before it is read (a FIFO would block, a
device never ends), and every .docx/.xlsx for the uncompressed size of its parts before
any XML is parsed (a 1 MB zip can unpack to gigabytes).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from .errors import KehoachError
from .translations import os_error

MB = 1024 * 1024
# A YAML file of the workspace: the largest real plan is under 100 KB.
MAX_YAML_BYTES = 8 * MB
# A .docx given to `check` or an .xlsx form given to `collect`: the file, each XML part
# unpacked (a 300-page document is about 10 MB of XML; parsing 20 MB takes ~350 MB of
# memory), all parts unpacked, and the number of parts.
MAX_INPUT_BYTES = 100 * MB
MAX_XML_PART = 20 * MB
MAX_UNPACKED = 200 * MB
MAX_PARTS = 5000
# A .docx template: its XML is compiled into Jinja, whose memory grows ~100x its size.
MAX_TEMPLATE_XML_PART = 4 * MB
# Rendering one document: wall time, and size of the document's XML as rendered.
RENDER_SECONDS = 30.0
MAX_RENDERED_CHARS = 64 * MB


class InputError(KehoachError):
    """A file that cannot be read as input; the message does not name the file, so that
    callers can put it where their messages put file names."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "một thư mục"
    if stat.S_ISFIFO(mode):
        return "một đường ống (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị"
    if stat.S_ISSOCK(mode):
        return "một socket"
    return "không phải tệp thường"


def too_big(size: int, limit: int) -> str:
    return f"tệp quá lớn ({size // 1024} KB; tối đa {limit // 1024} KB)"


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is refused
    before it is read (opened non-blocking, so a FIFO cannot stall the open itself)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        if os.name == "nt":  # no O_NONBLOCK: look before opening
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(f"không đọc được: đây là {_kind(mode)}, không phải một tệp")
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"không đọc được tệp ({os_error(exc)})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"không đọc được: đây là {_kind(info.st_mode)}, không phải một tệp")
        if info.st_size > limit:
            raise InputError(too_big(info.st_size, limit))
        try:
            # Asked for what the file holds, not for the limit: a buffer of the limit's
            # size made and shrunk for every one of 10,000 small files was a tenth of a
            # millisecond each. A file that grows meanwhile (or says it is empty, as
            # /proc's do) is read on, to the limit.
            data = handle.read(min(info.st_size, limit) + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
        except OSError as exc:
            raise InputError(f"không đọc được tệp ({os_error(exc)})") from None
    if len(data) > limit:
        raise InputError(too_big(len(data), limit))
    return data


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".vml"))


def read_package(path: Path, what: str, xml_part: int = MAX_XML_PART) -> io.BytesIO:
    """A .docx/.xlsx read into memory once its parts are known to unpack within bounds."""
    import zipfile  # (here: reading YAML, as every command does, needs none of it)

    data = read_file(path, MAX_INPUT_BYTES)
    buffer = io.BytesIO(data)
    try:
        with zipfile.ZipFile(buffer) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError(
            f"không đọc được tệp {what}: không phải tệp nén của Office (có đúng là tệp {what}?)"
        ) from None
    if len(members) > MAX_PARTS:
        raise InputError(f"tệp có {len(members)} phần, quá giới hạn {MAX_PARTS}")
    for member in members:
        if _is_xml(member.filename) and member.file_size > xml_part:
            raise InputError(
                f"phần {member.filename} giải nén ra {member.file_size // MB} MB, "
                f"quá giới hạn {xml_part // MB} MB"
            )
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise InputError(f"tệp giải nén ra {total // MB} MB, quá giới hạn {MAX_UNPACKED // MB} MB")
    buffer.seek(0)
    return buffer
