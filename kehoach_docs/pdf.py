"""PDF beside each .docx through LibreOffice: one headless process for many documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import KehoachError
from .write import staging_dir

TIMEOUT_SECONDS = 600
_WINDOWS = [
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)"))
    / "LibreOffice/program/soffice.exe",
]
_MAC = [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]

INSTALL_HINT = (
    "cần LibreOffice để xuất PDF: trên Debian/Ubuntu cài gói libreoffice-writer-nogui "
    "(sudo apt-get install libreoffice-writer-nogui); trên Windows cài LibreOffice từ "
    "libreoffice.org"
)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = _WINDOWS if sys.platform == "win32" else _MAC if sys.platform == "darwin" else []
    return next((str(p) for p in candidates if p.is_file()), None)


def to_pdf(documents: list[Path], timeout: float = TIMEOUT_SECONDS) -> list[Path]:
    """Convert documents (all in one folder) with a single LibreOffice start; the PDFs
    appear beside them only once complete."""
    if not documents:
        return []
    exe = find_soffice()
    if exe is None:
        raise KehoachError(INSTALL_HINT)
    folders = {d.parent for d in documents}
    written: list[Path] = []
    for folder in sorted(folders):
        batch = [d for d in documents if d.parent == folder]
        with staging_dir(folder) as staging, \
                tempfile.TemporaryDirectory(prefix="kehoach-lo-") as profile:  # fmt: skip
            command = [
                exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                "--norestore", "--nologo", "--convert-to", "pdf", "--outdir", str(staging),
                *map(str, batch),
            ]  # fmt: skip
            try:
                subprocess.run(command, capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                raise KehoachError(
                    f"LibreOffice không xong sau {timeout:.0f} giây khi xuất PDF"
                ) from None
            missing = []
            for doc in batch:
                made = staging / (doc.stem + ".pdf")
                if made.is_file() and made.stat().st_size > 0:
                    target = doc.with_suffix(".pdf")
                    os.replace(made, target)
                    written.append(target)
                else:
                    missing.append(doc.name)
            if missing:
                raise KehoachError("LibreOffice không xuất được PDF cho: " + ", ".join(missing))
    return written
