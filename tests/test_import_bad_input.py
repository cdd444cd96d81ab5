"""What `kehoach import` cannot read gets a Vietnamese message naming the file, a non-zero
exit and nothing written; a plan it only partly recognises still gives a valid draft."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from foreign_docs import p, para, write_docx
from foreign_docs import run as styled

from kehoach_docs.workspace import load_project


def _scanned_pdf(path: Path) -> None:
    """A one-page PDF with a drawn rectangle and no text, as a scanner's image would be."""
    content = b"0 0 0 RG 50 50 400 600 re S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(out)


def _ole(path: Path, encrypted: bool) -> None:
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    if encrypted:
        body += "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(body + b"\0" * 1024)


def _letter(path: Path) -> None:
    write_docx(path, [p("Chào anh,"), p("Hẹn gặp lại vào tuần sau."), p("Thân ái.")])


def _broken_zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\0" * 40)


def _no_document(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "không phải Word")


CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "text file": (
        "ghi-chu.txt",
        lambda f: f.write_text("kế hoạch", encoding="utf-8"),
        "chỉ nhập được tệp Word (.docx) hoặc PDF",
    ),
    "empty": ("rong.docx", lambda f: f.write_bytes(b""), "tệp rỗng"),
    "old .doc": ("cu.doc", lambda f: _ole(f, encrypted=False), "tệp Word cũ (.doc)"),
    "encrypted": ("mat-khau.docx", lambda f: _ole(f, encrypted=True), "có mật khẩu"),
    "broken zip": ("hong.docx", _broken_zip, "không phải tệp .docx"),
    "zip without Word": ("la.docx", _no_document, "không có phần nội dung"),
    "no plan": ("thu.docx", _letter, "không nhận ra kế hoạch"),
    "scanned PDF": ("quet.pdf", _scanned_pdf, "không có lớp chữ"),
    "broken PDF": ("hong.pdf", lambda f: f.write_bytes(b"%PDF-1.4\nbroken"), "PDF"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_cleanly(
    case: str, tmp_path: Path, run: Callable[..., Result]
) -> None:
    name, make, expected = CASES[case]
    source = tmp_path / name
    make(source)
    target = tmp_path / "ws"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 1
    assert result.output.startswith(f"Lỗi: {name}: ")
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_missing_file(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("import", str(tmp_path / "khong-co.docx"), "-o", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "không có tệp" in result.output
    assert not (tmp_path / "ws").exists()


def test_importing_into_a_folder_that_is_not_a_workspace(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    source = tmp_path / "kh.docx"
    _letter(source)
    result = run("-w", str(tmp_path / "khong-phai"), "import", str(source))
    assert result.exit_code == 1
    assert "không phải thư mục làm việc" in result.output


def test_partly_recognised_plan_still_writes_a_valid_draft(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    source = write_docx(
        tmp_path / "nua-chung.docx",
        [
            p("KẾ HOẠCH", b=True, jc="center"),
            p("Một việc cần làm trong năm"),
            p("Các đơn vị chủ động thực hiện."),
            para(styled("Đơn vị chủ trì:", i=True), styled(" các cơ quan liên quan.")),
        ],
    )
    result = run("import", str(source), "-o", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    load_project(tmp_path / "ws")
    messages = [line for line in result.output.splitlines() if line.startswith("plans/")]
    joined = "\n".join(messages)
    assert "trích yếu" in joined  # no summary under the title
    assert "không thấy mục đánh số" in joined
    assert "không thấy tên cơ quan ban hành" in joined
    assert "không nhận ra cơ quan nào" in joined
    assert "không thấy năm" in joined
