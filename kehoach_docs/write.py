"""Files appear whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from .errors import KehoachError
from .vn import slugify

# Names Windows refuses for a file, whatever the extension.
_RESERVED = (
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
MAX_NAME = 120


def safe_name(text: str) -> str:
    """A file-name part that stays inside its folder on Windows and Linux: ASCII letters,
    digits and "-", no reserved device name, not too long."""
    name = slugify(text)[:MAX_NAME].strip("-") or "van-ban"
    return f"{name}-" if name in _RESERVED else name


def write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise KehoachError(f"không tạo được tệp trong {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except PermissionError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise KehoachError(
            f"không ghi được {path}: tệp đang mở trong Word hay LibreOffice? "
            "Hãy đóng lại rồi chạy lại"
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Stop before writing when a file a clerk may have edited is already there."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        listed = ", ".join(str(p) for p in existing)
        raise KehoachError(
            f"{listed} đã có; không ghi đè để giữ phần đã sửa. "
            "Dùng --force để thay (tệp cũ được giữ thành bản sao lưu)."
        )


def keep_or_replace(path: Path, data: bytes, force: bool) -> Path | None:
    """Write a file a clerk may have edited: refuse if it exists, unless `force`, which
    first copies the old file to `<name>.bak-<date-time>`. Returns the backup's path."""
    refuse_existing([path], force)
    backup = None
    if path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.name}.bak-{stamp}")
        shutil.copy2(path, backup)
    write_atomic(path, data)
    return backup
