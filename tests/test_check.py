"""`kehoach check`: our documents pass; each broken rule is caught; foreign files are read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from docx import Document
from docx.shared import Mm, Pt

from kehoach_docs.check import check_docx
from kehoach_docs.render.styles import w

Run = Callable[..., Result]


# What the checker rightly finds in the program's own documents: co-quan.yaml of the
# example names no signer (ho_ten) but for the UBND tỉnh, so the other documents wait for
# a name.
KNOWN_WARNINGS = {"chưa có họ tên người ký dưới chức vụ"}


def test_every_generated_document_passes(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "batch", "-p", "2024-H1", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0
    docs = sorted(tmp_path.glob("*/*.docx"))
    assert len(docs) == 54
    result = run("check", "--format", "json", *map(str, docs))
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["errors"] for r in reports] == [0] * 54
    warned = {f["message"] for r in reports for f in r["findings"]}
    assert warned <= KNOWN_WARNINGS
    kinds = {Path(r["file"]).name: r["kind"] for r in reports}
    assert kinds["kh-trien-khai-120-tu.docx"] == "Kế hoạch"
    assert kinds["kh-trien-khai-120-tu-2024-H1-bao-cao-tong-hop.docx"] == "Báo cáo"


def _para(doc, text: str):  # type: ignore[no-untyped-def]
    for p in doc.element.body.iter(w("p")):
        if "".join(t.text or "" for t in p.iter(w("t"))).strip().startswith(text):
            return p
    raise AssertionError(text)


def _set_text(p, text: str) -> None:  # type: ignore[no-untyped-def]
    runs = p.findall(f".//{w('t')}")
    runs[0].text = text
    for extra in runs[1:]:
        extra.text = ""


def _rpr(p, tag: str, val: str | None = None) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    for run in p.iter(w("r")):
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(run, w("rPr"))
            run.insert(0, rpr)
        el = etree.SubElement(rpr, w(tag))
        if val is not None:
            el.set(w("val"), val)


def break_margin(doc) -> None:  # type: ignore[no-untyped-def]
    doc.sections[0].left_margin = Mm(25)


def break_paper(doc) -> None:  # type: ignore[no-untyped-def]
    doc.sections[0].page_width = Mm(216)
    doc.sections[0].page_height = Mm(279)


def break_font(doc) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    p = _para(doc, "Thực hiện Kế hoạch số 120")
    run = next(r for r in p.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))))
    rpr = run.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(run, w("rPr"))
        run.insert(0, rpr)
    fonts = etree.SubElement(rpr, w("rFonts"))
    fonts.set(w("ascii"), "Arial")
    fonts.set(w("hAnsi"), "Arial")


def break_national(doc) -> None:  # type: ignore[no-untyped-def]
    _rpr(_para(doc, "CỘNG HÒA"), "b", "0")


def break_motto_line(doc) -> None:  # type: ignore[no-untyped-def]
    motto = _para(doc, "Độc lập")
    rule = motto.getnext()
    rule.getparent().remove(rule)


def break_motto_length(doc) -> None:  # type: ignore[no-untyped-def]
    rule = _para(doc, "Độc lập").getnext()
    ind = rule.find(f"{w('pPr')}/{w('ind')}")
    ind.set(w("left"), "300")
    ind.set(w("right"), "300")


def break_issuer(doc) -> None:  # type: ignore[no-untyped-def]
    _rpr(_para(doc, "ỦY BAN NHÂN DÂN"), "b", "0")


def break_number(doc) -> None:  # type: ignore[no-untyped-def]
    _set_text(_para(doc, "Số:"), "Số: 5/KH - UBND")


def break_date(doc) -> None:  # type: ignore[no-untyped-def]
    _set_text(_para(doc, "Kon Tum, ngày"), "Kon Tum, ngày 4 tháng 01 năm 2024")


def break_type(doc) -> None:  # type: ignore[no-untyped-def]
    _rpr(_para(doc, "KẾ HOẠCH"), "b", "0")


def break_body(doc) -> None:  # type: ignore[no-untyped-def]
    doc.styles["KhBody"].font.size = Pt(12)


def break_spacing(doc) -> None:  # type: ignore[no-untyped-def]
    doc.styles["KhBody"].paragraph_format.space_after = Pt(2)


def break_heading(doc) -> None:  # type: ignore[no-untyped-def]
    _set_text(_para(doc, "I. MỤC ĐÍCH"), "I. Mục đích, yêu cầu")


def break_closing(doc) -> None:  # type: ignore[no-untyped-def]
    p = _para(doc, "Trên đây là Kế hoạch")
    last = [t for t in p.iter(w("t")) if t.text][-1]
    last.text = last.text.replace("./.", ".")


def break_signature(doc) -> None:  # type: ignore[no-untyped-def]
    _rpr(_para(doc, "Lê Ngọc Tuấn"), "b", "0")


def break_recipients(doc) -> None:  # type: ignore[no-untyped-def]
    p = _para(doc, "- Lưu:")
    p.getparent().remove(p)


def break_recipients_label(doc) -> None:  # type: ignore[no-untyped-def]
    _rpr(_para(doc, "Nơi nhận:"), "sz", "22")


def break_page_number(doc) -> None:  # type: ignore[no-untyped-def]
    header = doc.sections[0].header._element
    for instr in list(header.iter(w("instrText"))):
        instr.text = " "


BREAKS = {
    "le-trang": break_margin,
    "kho-giay": break_paper,
    "phong-chu": break_font,
    "quoc-hieu": break_national,
    "tieu-ngu": break_motto_line,
    "co-quan": break_issuer,
    "so-ky-hieu": break_number,
    "dia-danh-ngay": break_date,
    "ten-loai": break_type,
    "noi-dung": break_body,
    "de-muc": break_heading,
    "chu-ky": break_signature,
    "noi-nhan": break_recipients,
    "so-trang": break_page_number,
}
MORE = [
    ("tieu-ngu", break_motto_length, "đường kẻ dưới Tiêu ngữ dài"),
    ("noi-dung", break_spacing, "khoảng cách giữa hai đoạn 2 pt, cần ít nhất 6 pt"),
    ("noi-dung", break_closing, "phải có dấu “./.”"),
    ("noi-nhan", break_recipients_label, "“Nơi nhận:” cỡ chữ 11, cần 12"),
    ("so-ky-hieu", break_number, "số dưới 10 có số 0 phía trước"),
    ("dia-danh-ngay", break_date, "ngày 1-9 có số 0 phía trước"),
]


@pytest.fixture(scope="module")
def pristine(rendered_plan: Path) -> Path:
    report = check_docx(rendered_plan)
    assert report.findings == []
    return rendered_plan


def _broken(pristine: Path, tmp_path: Path, breaker: Callable[..., None]) -> Path:
    doc = Document(str(pristine))
    breaker(doc)
    target = tmp_path / "broken.docx"
    doc.save(str(target))
    return target


@pytest.mark.parametrize("rule_id", sorted(BREAKS))
def test_each_rule_catches_its_break(pristine: Path, tmp_path: Path, rule_id: str) -> None:
    report = check_docx(_broken(pristine, tmp_path, BREAKS[rule_id]))
    assert report.rules_broken() == {rule_id}, [f.line("") for f in report.findings]


@pytest.mark.parametrize(("rule_id", "breaker", "words"), MORE)
def test_finer_breaks(pristine: Path, tmp_path: Path, rule_id: str, breaker, words: str) -> None:  # type: ignore[no-untyped-def]
    report = check_docx(_broken(pristine, tmp_path, breaker))
    assert any(f.rule == rule_id and words in f.message for f in report.findings), [
        f.line("") for f in report.findings
    ]


def test_plain_python_docx_fails_on_fonts_and_margins(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Văn bản tạo bằng python-docx với thiết lập mặc định.")
    path = tmp_path / "plain.docx"
    doc.save(str(path))
    report = check_docx(path)
    assert {"phong-chu", "le-trang", "kho-giay"} <= report.rules_broken()


def test_check_text_output_and_exit_code(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    doc = Document()
    doc.add_paragraph("x")
    doc.save(str(path))
    result = run("check", str(path))
    assert result.exit_code == 1
    margins = [line for line in result.stdout.splitlines() if "[Lề trang]" in line]
    # python-docx's default margins: 25,4 mm top and bottom, 31,8 mm left and right; the
    # left one is within 30-35 mm, the other three are not.
    assert margins == [
        f"{path}: lỗi [Lề trang] lề trên 25,4 mm, cần 20-25 mm",
        f"{path}: lỗi [Lề trang] lề dưới 25,4 mm, cần 20-25 mm",
        f"{path}: lỗi [Lề trang] lề phải 31,8 mm, cần 15-20 mm",
    ]
    assert f"{path}: lỗi [Phông chữ]" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith(f"{path}: ")


def test_each_file_is_opened_once(
    run: Run, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes whose sizes are checked against the limits are the bytes read: a file
    saved again between two readings (by Word, by a sync client) is never half of each."""
    import builtins
    import os

    path = tmp_path / "kh.docx"
    path.write_bytes(pristine.read_bytes())
    opened: list[str] = []
    os_open, open_ = os.open, builtins.open

    def counted_os_open(file: object, *args: object, **kwargs: object) -> int:
        opened.append(str(file))
        return os_open(file, *args, **kwargs)  # type: ignore[arg-type]

    def counted_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return open_(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "open", counted_os_open)
    monkeypatch.setattr(builtins, "open", counted_open)
    result = run("check", str(path))
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert opened.count(str(path)) == 1


def test_not_a_docx(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert "không đọc được tệp .docx" in result.stdout
    assert "Traceback" not in result.output


def test_json_carries_rule_severity_message_paragraph_and_values(
    run: Run, pristine: Path, tmp_path: Path
) -> None:
    path = _broken(pristine, tmp_path, lambda doc: _rpr(_para(doc, "Số:"), "sz", "28"))
    result = run("check", "--format", "json", str(path))
    assert result.exit_code == 1
    [data] = json.loads(result.stdout)
    assert data["kind"] == "Kế hoạch" and data["errors"] == 1
    [finding] = data["findings"]
    assert finding == {
        "rule": "so-ky-hieu",
        "title": "Số, ký hiệu",
        "severity": "lỗi",
        "message": "dòng số, ký hiệu cỡ chữ 14, cần 13",
        "paragraph": "Số: /KH-UBND",
        "measured": 14.0,
        "required": "13",
        "unit": "pt",
    }
