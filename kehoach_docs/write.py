"""Files appear whole or not at all: a temporary file beside the target, then a rename.

Whatever this program leaves half done carries its mark: temporary files end in
`.kehoach-tmp`, PDF staging folders start with `.kehoach-pdf-`, and each is locked while its
writer lives. Clean-up removes only marked things whose writer is gone, so it never touches
a file someone else made, nor the files of a run still going in another process.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import KehoachError
from .translations import os_error
from .vn import slugify

try:
    import fcntl
except ImportError:  # Windows: a file a live process holds open cannot be deleted anyway
    fcntl = None  # type: ignore[assignment]

# Names Windows refuses for a file, whatever the extension.
_RESERVED = (
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
MAX_NAME = 120
TEMP_SUFFIX = ".kehoach-tmp"
STAGING_PREFIX = ".kehoach-pdf-"
STAGING_LOCK = ".kehoach-lock"


def safe_name(text: str) -> str:
    """A file-name part that stays inside its folder on Windows and Linux: ASCII letters,
    digits and "-", no reserved device name, not too long."""
    name = slugify(text)[:MAX_NAME].strip("-") or "van-ban"
    return f"{name}-" if name in _RESERVED else name


def _new_file_mode(path: Path) -> int:
    """The mode of the file being replaced, so colleagues keep their access; for a new
    file, what the umask allows (0644 under umask 022), as `open()` would give."""
    with contextlib.suppress(OSError):
        return os.stat(path).st_mode & 0o7777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _hold(fd: int) -> bool:
    """Lock a file this process is writing; False if another process holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _same_file(fd: int, path: str) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _temp_file(path: Path) -> tuple[int, str]:
    """A new, locked temporary file beside `path`."""
    import tempfile  # (here: a command that writes nothing, as validate, does without it)

    for _ in range(5):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        # A clean-up in another process may have claimed it between creation and lock.
        if _hold(fd) and _same_file(fd, tmp):
            return fd, tmp
        os.close(fd)
    raise OSError(0, "temporary file taken")


@dataclass
class Staged:
    """A file written whole beside its target and locked, not yet in place."""

    path: Path
    tmp: str
    fd: int

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)
        with contextlib.suppress(OSError):
            os.close(self.fd)


def stage(path: Path, data: bytes) -> Staged:
    """Write `data` to a new temporary file beside `path`, with the mode `path` will have."""
    try:
        try:
            fd, tmp = _temp_file(path)
        except FileNotFoundError:
            # The folder is made only when missing: a batch writes thousands of files
            # into one it has just made, and asking each time cost two system calls.
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _temp_file(path)
    except OSError as exc:
        raise KehoachError(f"không tạo được tệp trong {path.parent}: {os_error(exc)}") from None
    staged = Staged(path, tmp, fd)
    try:
        if os.name != "nt":
            os.fchmod(fd, _new_file_mode(path))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        staged.discard()
        raise KehoachError(f"không ghi được {path}: {os_error(exc)}") from None
    except BaseException:
        staged.discard()
        raise
    return staged


def commit(staged: list[Staged]) -> list[KehoachError | None]:
    """Put staged files in place, each whole or not at all, and on disk before this
    returns: their contents reach the disk first, then each takes its name, then the
    folders' entries reach the disk. Several files share one flush of the file system
    where the system has it (syncfs): a flush per file cost more than the rest of
    writing it. Returns each file's error, or None."""
    errors: list[KehoachError | None] = [None] * len(staged)
    placed: set[Path] = set()
    try:
        _flush(staged, errors)
        for i, item in enumerate(staged):
            if errors[i] is None:
                errors[i] = _rename(item)
                if errors[i] is None:
                    placed.add(item.path)
        for folder in {path.parent for path in placed}:
            _flush_folder(folder)
    finally:
        for item in staged:
            if item.path not in placed:
                with contextlib.suppress(OSError):
                    os.unlink(item.tmp)
            with contextlib.suppress(OSError):
                os.close(item.fd)
    return errors


def _flush(staged: list[Staged], errors: list[KehoachError | None]) -> None:
    syncfs = _syncfs() if len(staged) > 1 else None
    if syncfs is not None and syncfs(staged[0].fd) == 0:
        return
    for i, item in enumerate(staged):
        try:
            os.fsync(item.fd)
        except OSError as exc:
            errors[i] = KehoachError(f"không ghi được {item.path}: {os_error(exc)}")


def _rename(item: Staged) -> KehoachError | None:
    try:
        os.replace(item.tmp, item.path)
    except PermissionError:
        return KehoachError(
            f"không ghi được {item.path}: tệp đang mở trong Word hay LibreOffice, hoặc không "
            "có quyền ghi? Hãy đóng lại rồi chạy lại"
        )
    except OSError as exc:
        return KehoachError(f"không ghi được {item.path}: {os_error(exc)}")
    return None


def _flush_folder(folder: Path) -> None:
    """The folder's entries (a new name) on disk; where folders cannot be opened
    (Windows) the rename is already durable."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot flush a folder; the data are already on disk
    finally:
        os.close(fd)


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): flush the whole file system holding a file, in one call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def write_atomic(path: Path, data: bytes) -> None:
    [error] = commit([stage(path, data)])
    if error is not None:
        raise error


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Stop before writing when a file a clerk may have edited is already there."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        listed = ", ".join(str(p) for p in existing)
        raise KehoachError(
            f"{listed} đã có; không ghi đè để giữ phần đã sửa. "
            "Dùng --force để thay (tệp cũ được giữ thành bản sao lưu)."
        )


def backup(path: Path) -> Path:
    """Copy `path` to a new `<name>.bak-<date-time>[-n]` that no earlier backup has taken."""
    import shutil

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    number = 1
    while True:
        suffix = f"-{number}" if number > 1 else ""
        target = path.with_name(f"{path.name}.bak-{stamp}{suffix}")
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            number += 1
            continue
        except OSError as exc:
            raise KehoachError(f"không sao lưu được {path}: {os_error(exc)}") from None
        break
    try:
        with open(path, "rb") as source, os.fdopen(fd, "wb") as copy:
            shutil.copyfileobj(source, copy)
            copy.flush()
            os.fsync(copy.fileno())
        shutil.copystat(path, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise KehoachError(f"không sao lưu được {path}: {os_error(exc)}") from None
    return target


def keep_or_replace(path: Path, data: bytes, force: bool) -> Path | None:
    """Write a file a clerk may have edited: refuse if it exists, unless `force`, which
    first copies the old file to a backup of its own. Returns the backup's path."""
    refuse_existing([path], force)
    saved = backup(path) if path.exists() else None
    write_atomic(path, data)
    return saved


# -- what a killed run leaves behind --------------------------------------------------------


def _remove_if_abandoned(path: Path) -> bool:
    """Remove a file of ours that no live process holds."""
    if fcntl is None:
        try:
            os.unlink(path)  # refused while a live writer has it open
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not _hold(fd):
            return False
        # Removed while locked, so no writer can take it up in between.
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_abandoned(folder: Path) -> int:
    """Remove the temporary files and PDF staging folders of dead runs of this program
    in `folder`; return how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        path = Path(entry.path)
        if entry.name.endswith(TEMP_SUFFIX) and entry.is_file(follow_symlinks=False):
            removed += _remove_if_abandoned(path)
        elif entry.name.startswith(STAGING_PREFIX) and entry.is_dir(follow_symlinks=False):
            lock = path / STAGING_LOCK
            if lock.is_file() and _remove_if_abandoned(lock):
                import shutil

                shutil.rmtree(path, ignore_errors=True)
                removed += 1
            elif not lock.exists():
                with contextlib.suppress(OSError):  # killed before it was locked: if empty
                    path.rmdir()
                    removed += 1
    return removed


@contextlib.contextmanager
def staging_dir(folder: Path) -> Iterator[Path]:
    """A marked, locked folder inside `folder` for files made elsewhere (LibreOffice's
    PDFs) before they are moved into place; removed on exit, or by a later clean-up."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    fd = os.open(path / STAGING_LOCK, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _hold(fd)
        yield path
    finally:
        os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
