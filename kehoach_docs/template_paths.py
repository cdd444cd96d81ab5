"""Where a template comes from: the workspace's templates/ first, then the shipped ones."""

from __future__ import annotations

from pathlib import Path

from .errors import WorkspaceError

PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_dir() -> Path:
    # In a wheel the templates sit inside the package; in a source checkout, beside it.
    inside = PACKAGE_DIR / "templates"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "templates"


def find_template(workspace: Path, name: str) -> Path:
    for folder in (workspace / "templates", shipped_dir()):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise WorkspaceError(
        f"không tìm thấy mẫu {name} (trong {workspace / 'templates'} hay bộ mẫu kèm theo)"
    )
