"""A template's preparation kept on disk, so that the next command reads it back.

Preparing a .docx template (docxtpl's tag clean-up of each part that holds tags, then
Jinja's parse and compile of each) takes 60-80 ms a template, and importing docxtpl, which
imports python-docx, 80 ms more: a tenth of a command that writes a consolidated report,
a third of one that writes the example's 31 documents with four templates. What it makes
(each part's cleaned source, its compiled Jinja code, the names its tags read) depends only
on the template's bytes, on the code that makes it (this package's render modules,
docxtpl's clean-up, Jinja's compiler) and on the Python that runs it; it is kept under a
key made of all of these, in the user's cache folder, and read back when the key is found.
A changed template, a new version of any of them, is another key. A cache folder that
cannot be read or written is no cache: the template is prepared as before. Set
KEHOACH_CACHE_DIR to choose the folder, or to an empty value to keep nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import marshal
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import CodeType

import jinja2

from ..limits import MB, InputError, read_file

# Files whose change changes what is prepared (besides Jinja, whose version is read).
_OWN_CODE = ("docx.py", "sandbox.py", "prepared.py")
_FORMAT = 1  # of what is written; a change makes every older file another key's
_PREFIX = "mau-"
_KEEP = 64  # files kept in the folder: the newest
_DIGEST = 32  # bytes of the sha256 of what follows, at the start of each file
# A template's parts that hold tags are at most MAX_TEMPLATE_XML_PART each; their cleaned
# sources and code are kept well within this.
_MAX_BYTES = 64 * MB


@dataclass
class Prepared:
    """A template prepared: per part with tags, its cleaned Jinja source and code."""

    sources: dict[str, str]
    codes: dict[str, CodeType]
    names: frozenset[str]


def folder() -> Path | None:
    """Where prepared templates are kept: KEHOACH_CACHE_DIR (empty: nowhere), else the
    user's cache folder (%LOCALAPPDATA% on Windows, $XDG_CACHE_HOME or ~/.cache)."""
    chosen = os.environ.get("KEHOACH_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "kehoach-docs" / "cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "kehoach-docs"
    with contextlib.suppress(RuntimeError):  # (no home folder known)
        return Path.home() / ".cache" / "kehoach-docs"
    return None


@functools.cache
def _code_stamp() -> bytes:
    """What the code that prepares a template is: the bytes of its files, docxtpl's too
    (found without importing it), Jinja's version and Python's bytecode format."""
    digest = hashlib.sha256(f"{_FORMAT} {jinja2.__version__} {sys.version}".encode())
    here = Path(__file__).parent
    files = [here / name for name in _OWN_CODE]
    spec = importlib.util.find_spec("docxtpl")
    if spec is not None and spec.origin:
        origin = Path(spec.origin)
        files += [origin, origin.parent / "template.py"]
    for path in files:
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.digest()


def key_of(template: bytes) -> str:
    digest = hashlib.sha256(_code_stamp())
    digest.update(template)
    return digest.hexdigest()


def read(key: str) -> Prepared | None:
    """The preparation kept under `key`, if any and whole."""
    place = folder()
    if place is None:
        return None
    try:
        # Only a regular file of a bounded size is read: what a folder anyone may write
        # holds under this name could be a FIFO, a device or a sparse file of gigabytes.
        data = read_file(place / f"{_PREFIX}{key}", _MAX_BYTES)
    except InputError:
        return None
    # A file cut short, damaged or not ours is no cache: marshal checks nothing itself.
    digest, payload = data[:_DIGEST], data[_DIGEST:]
    if len(digest) != _DIGEST or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        found = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(found, tuple) and len(found) == 4 and found[0] == key):
        return None
    _, sources, codes, names = found
    if not (
        isinstance(sources, dict)
        and isinstance(codes, dict)
        and sources.keys() == codes.keys()
        and all(isinstance(s, str) for s in sources.values())
        and all(isinstance(c, CodeType) for c in codes.values())
        and isinstance(names, (list, tuple))
        and all(isinstance(n, str) for n in names)
    ):
        return None
    return Prepared(sources, codes, frozenset(names))


def write(key: str, prepared: Prepared) -> None:
    """Keep `prepared` under `key`, whole or not at all; never an error."""
    place = folder()
    if place is None:
        return
    payload = marshal.dumps((key, prepared.sources, prepared.codes, sorted(prepared.names)))
    data = hashlib.sha256(payload).digest() + payload
    target = place / f"{_PREFIX}{key}"
    temporary = place / f".{_PREFIX}{key}.{os.getpid()}.tmp"
    try:
        place.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    _prune(place)


def _prune(place: Path) -> None:
    """The oldest of this program's files go when there are more than _KEEP: a template
    edited again and again leaves one file each time."""
    with contextlib.suppress(OSError):
        ours = [p for p in place.iterdir() if p.name.startswith(_PREFIX)]
        if len(ours) <= _KEEP:
            return
        dated = []
        for path in ours:
            with contextlib.suppress(OSError):
                dated.append((path.stat().st_mtime, path))
        for _, path in sorted(dated)[: len(dated) - _KEEP]:
            with contextlib.suppress(OSError):
                path.unlink()
