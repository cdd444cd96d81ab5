"""`kehoach init`, workspace templates that override the shipped ones, and their safety."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from docx import Document

from kehoach_docs.docxread import DocxReader

Run = Callable[..., Result]


def test_init_validate_plan(run: Run, tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    result = run("init", str(demo))
    assert result.exit_code == 0, result.output
    assert (demo / "plans" / "co-quan.yaml").exists()
    assert (demo / "templates" / "ke-hoach.docx").exists()
    assert (demo / "schemas" / "ke-hoach.schema.json").exists()
    result = run("-w", str(demo), "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Hợp lệ: 2 tệp: 5 cơ quan, 2 nhóm, 1 kế hoạch (2 nhiệm vụ)")
    result = run("-w", str(demo), "plan")
    assert result.exit_code == 0, result.output
    text = DocxReader(demo / "output" / "ke-hoach-mau.docx").text()
    assert "TỈNH BÌNH AN" in text
    assert "Ủy ban nhân dân các xã, phường." in text
    result = run("-w", str(demo), "subplan", "--kind", "ubnd-xa")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("Tổng cộng 2 kế hoạch.")


def test_init_never_overwrites(run: Run, tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    assert run("init", str(demo)).exit_code == 0
    registry = demo / "plans" / "co-quan.yaml"
    registry.write_text(registry.read_text("utf-8") + "# sửa của văn thư\n", "utf-8")
    result = run("init", str(demo))
    assert result.exit_code == 1
    assert "không ghi đè" in result.stderr
    assert registry.read_text("utf-8").endswith("# sửa của văn thư\n")


def _workspace_with_template(tmp_path: Path, extra: str) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plans", ws / "plans")
    (ws / "templates").mkdir()
    doc = Document(str(REPO / "templates" / "ke-hoach.docx"))
    doc.add_paragraph(extra)
    doc.save(str(ws / "templates" / "ke-hoach.docx"))
    return ws


def test_workspace_template_overrides_the_shipped_one(run: Run, tmp_path: Path) -> None:
    ws = _workspace_with_template(tmp_path, "Dấu của Văn phòng: {{ doc_type }}")
    result = run("-w", str(ws), "plan")
    assert result.exit_code == 0, result.output
    text = DocxReader(ws / "output" / "kh-trien-khai-120-tu.docx").text()
    assert "Dấu của Văn phòng: KẾ HOẠCH" in text


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        # The template's own views (read without Jinja's checks field by field) are no way in.
        "{{ header.__class__.__mro__ }}",
        "{{ signature.__dict__ }}",
        "{% for b in body %}{{ b.__class__ }}{% endfor %}",
    ],
)
def test_template_cannot_reach_python_internals(run: Run, tmp_path: Path, tag: str) -> None:
    ws = _workspace_with_template(tmp_path, tag)
    result = run("-w", str(ws), "plan")
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: thẻ không được phép" in result.stderr
    assert "Traceback" not in result.output
    assert not (ws / "output").exists()


def test_unknown_name_in_template_stops_the_batch_before_writing(run: Run, tmp_path: Path) -> None:
    ws = _workspace_with_template(tmp_path, "{{ header.numbr }}")
    result = run("-w", str(ws), "batch", "-q")
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: thẻ dùng tên “numbr” nhưng dữ liệu không có tên này" in result.stderr
    assert not (ws / "output").exists()


def test_unknown_top_level_name_is_named(run: Run, tmp_path: Path) -> None:
    ws = _workspace_with_template(tmp_path, "{{ ngay_ky }}")
    result = run("-w", str(ws), "plan")
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: thẻ dùng tên không có trong dữ liệu: “ngay_ky”" in result.stderr


def test_template_syntax_error(run: Run, tmp_path: Path) -> None:
    ws = _workspace_with_template(tmp_path, "{% if %}")
    result = run("-w", str(ws), "plan")
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: thẻ Jinja viết sai" in result.stderr


def test_help_is_quick_to_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kehoach_docs.cli; "
        "print(sorted(m for m in ('docxtpl', 'lxml', 'openpyxl', 'docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
