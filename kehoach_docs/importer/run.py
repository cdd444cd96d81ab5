"""Read, recognise, assemble, write: into a new workspace folder, or into an existing one
reusing its agencies. Everything is checked as `kehoach validate` would before any file
is written, and no file is ever overwritten."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import DataError, KehoachError
from ..registry import Registry
from ..schemas import modeline
from ..write import safe_name, write_atomic
from .assemble import Assembler, plan_id_for
from .blocks import Source
from .recognise import Recogniser
from .yaml_out import dump

MAX_BYTES = 64 * 1024 * 1024
REGISTRY_FILE = "co-quan.yaml"


@dataclass
class ImportResult:
    written: list[Path]
    plan_id: str
    tasks: int
    agencies_found: int
    agencies_created: int
    doubts: list[str] = field(default_factory=list)
    source_kind: str = "docx"

    def summary(self) -> list[str]:
        return [
            f"Đã nhận ra {self.tasks} nhiệm vụ; {self.agencies_found} cơ quan, nhóm được nêu "
            f"(tạo mới {self.agencies_created}).",
            f"Có {len(self.doubts)} chỗ cần kiểm tra (ghi “# KIỂM TRA:” ngay trên dòng đó)."
            if self.doubts
            else "Không có chỗ nào cần kiểm tra thêm.",
        ]


def read_source(path: Path) -> Source:
    if not path.is_file():
        raise KehoachError(f"không có tệp {path}")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise KehoachError(f"{path.name}: không đọc được tệp ({exc.strerror})") from None
    if size == 0:
        raise KehoachError(f"{path.name}: tệp rỗng (0 byte)")
    if size > MAX_BYTES:
        raise KehoachError(f"{path.name}: tệp quá lớn ({size // 1024 // 1024} MB)")
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or suffix == ".pdf":
        from .pdf_source import read_pdf

        return read_pdf(path)
    if suffix in (".docx", ".docm", ".doc") or head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        from .docx_source import read_docx

        return read_docx(path)
    raise KehoachError(f"{path.name}: chỉ nhập được tệp Word (.docx) hoặc PDF có lớp chữ (.pdf)")


def _preamble(source: Path, kind: str) -> list[str]:
    # The files go in plans/ (depth 1); dump() writes each preamble line as a comment
    # itself, so the modeline's own "# " is left off.
    return [
        modeline(kind, 1).removeprefix("# "),
        f"Nhập từ {source.name} bằng “kehoach import” ngày {date.today():%d/%m/%Y}.",
        "Chỗ nào chương trình chưa chắc có ghi “# KIỂM TRA: …” cuối dòng: xem, sửa, rồi xóa",
        "ghi chú đó; sau cùng chạy “kehoach validate”.",
        "",
    ]


def _registry_data(agencies: list[dict[str, Any]], groups: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if agencies:
        data["co_quan"] = agencies
    if groups:
        data["nhom"] = groups
    return data


def import_plan(
    source_path: Path,
    workspace: Path | None = None,
    output: Path | None = None,
    plan_id: str | None = None,
) -> ImportResult:
    """Import `source_path` into a new workspace `output`, or into `workspace`."""
    from ..workspace import PLANS_DIR, _display, load_project, yaml_files

    if output is not None:
        if output.exists() and (not output.is_dir() or any(output.iterdir())):
            raise KehoachError(
                f"{output} đã có và không rỗng; hãy chọn thư mục mới, hoặc nhập vào thư mục "
                f"làm việc đó bằng: kehoach -w {output} import TỆP"
            )
        root = output
        existing: Registry | None = None
        taken: set[str] = set()
    else:
        assert workspace is not None
        root = workspace
        project = load_project(workspace)
        existing = project.registry
        taken = set(project.plans) | {p.stem for p in yaml_files(workspace)}
    source = read_source(source_path)
    recognised = Recogniser(source).run()
    assembled = Assembler(recognised, existing, source.name).run()
    ident = plan_id or plan_id_for(recognised, taken)
    if plan_id and plan_id in taken:
        raise KehoachError(f"đã có kế hoạch hay tệp mang mã “{plan_id}”; chọn mã khác (--ma)")
    ident = safe_name(ident)
    plans = root / PLANS_DIR
    plan_path = plans / f"{ident}.yaml"
    files: list[tuple[Path, str, list[tuple[int, str]]]] = []
    registry = _registry_data(assembled.agencies, assembled.groups)
    if registry:
        name = REGISTRY_FILE if output is not None else f"co-quan-{ident}.yaml"
        emitted = dump(registry, _preamble(source_path, "co-quan"))
        files.append((plans / name, emitted.text, emitted.doubts))
    emitted = dump({"ke_hoach": assembled.plan}, _preamble(source_path, "ke-hoach"))
    files.append((plan_path, emitted.text, emitted.doubts))
    existing_files = [p for p, _, _ in files if p.exists()]
    if existing_files:
        raise KehoachError(
            f"{', '.join(str(p) for p in existing_files)} đã có; không ghi đè. "
            "Chọn mã kế hoạch khác bằng --ma"
        )
    _check(root if output is None else None, files)
    written = []
    for path, text, _ in files:
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    doubts = [
        f"{_display(root, path)}:{line}: {message}"
        for path, _, found in files
        for line, message in found
    ]
    return ImportResult(
        written=written,
        plan_id=ident,
        tasks=recognised.tasks,
        agencies_found=assembled.reused + assembled.created,
        agencies_created=assembled.created,
        doubts=doubts,
        source_kind=source.kind,
    )


def _check(workspace: Path | None, files: list[tuple[Path, str, list[tuple[int, str]]]]) -> None:
    """Validate the files as `kehoach validate` would, in a scratch copy of the
    workspace's top-level YAML; an error here is a bug of the importer."""
    from ..workspace import PLANS_DIR, load_project, yaml_files

    with tempfile.TemporaryDirectory(prefix="kehoach-import-") as scratch:
        root = Path(scratch)
        plans = root / PLANS_DIR
        plans.mkdir()
        if workspace is not None:
            for path in yaml_files(workspace):
                shutil.copy2(path, plans / path.name)
        for path, text, _ in files:
            (plans / path.name).write_text(text, encoding="utf-8")
        try:
            load_project(root)
        except DataError as exc:
            errors = [str(p) for p in exc.problems if not p.warning]
            if errors:
                raise KehoachError(
                    "bản nháp nhập được chưa hợp lệ (lỗi của chương trình, xin báo người phát "
                    "triển); chưa ghi tệp nào:\n" + "\n".join(errors)
                ) from None
