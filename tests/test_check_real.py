"""`kehoach check` on real drafts of a provincial office (tests/data/foreign/, from
shared/reference/real-examples/docx/): the findings a văn thư agrees with, read side by
side with the documents rendered by LibreOffice, and none of the false ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from docx import Document
from docx.oxml.ns import qn

from kehoach_docs.check import check_docx
from kehoach_docs.check.findings import ERROR, WARNING

FOREIGN = REPO / "tests" / "data" / "foreign"
ISSUER_LINE = "đường kẻ dưới tên cơ quan dài {} cm, bằng {}% dòng chữ: dài hơn mức từ 1/3 đến 1/2 của Nghị định 30 (thực tế nhiều cơ quan kẻ 60-95%)"  # noqa: E501
MOTTO_85 = "đường kẻ dưới Tiêu ngữ dài 5,1 cm, bằng 85% dòng chữ, cần dài bằng dòng chữ"

EXPECTED = {
    "bao-cao-ccn-gui-bct-ban-chuan-nguoi-dung.docx": ("Báo cáo", [
        (WARNING, "co-quan", ISSUER_LINE.format("2,5", 65)),
    ]),
    "bao-cao-ket-qua-thang-atvsld.docx": ("Báo cáo", [
        (WARNING, "co-quan", ISSUER_LINE.format("2,5", 65)),
        (ERROR, "ten-loai", "đường kẻ dưới trích yếu dài 3,8 cm, bằng 28% dòng chữ, cần từ 1/3 "
                            "đến 1/2"),
    ]),
    "bao-cao-tinh-hinh-trien-khai-ccn.docx": ("Báo cáo", [
        (ERROR, "tieu-ngu", MOTTO_85),
        (WARNING, "co-quan", ISSUER_LINE.format("2,6", 68)),
        (ERROR, "so-ky-hieu", "ký hiệu “BC - SCT” phải viết hoa, nối bằng “-”, không có dấu cách"),
        (ERROR, "so-ky-hieu", "dòng số, ký hiệu cỡ chữ 14, cần 13"),
        (ERROR, "noi-nhan", "“Nơi nhận:” cỡ chữ 11, cần 12"),
    ]),
    "bao-cao-vp-ubnd.docx": ("Báo cáo", [
        (ERROR, "tieu-ngu", MOTTO_85),
        (WARNING, "co-quan", ISSUER_LINE.format("2,6", 95)),
        (ERROR, "so-ky-hieu", "dòng số, ký hiệu cỡ chữ 14, cần 13"),
        (WARNING, "chu-ky", "chưa có họ tên người ký dưới chức vụ"),
        (ERROR, "noi-nhan", "không thấy “Nơi nhận:” ở cuối văn bản"),
        (ERROR, "so-trang", "thiếu số trang (trường PAGE) ở phần đầu trang"),
    ]),
    "cong-van-don-doc-tien-do-ha-tang-ccn-bao-cao-hang-tuan.docx": ("Công văn", [
        (ERROR, "phong-chu", "dùng phông “.VnTime” (bảng mã cũ, không phải Unicode), cần Times "
                             "New Roman (ở đầu trang)"),
        (WARNING, "co-quan", ISSUER_LINE.format("2,5", 65)),
        (WARNING, "noi-nhan", "“Nơi nhận:”: dấu “:” chưa in nghiêng"),
        (ERROR, "noi-nhan", "nơi nhận cỡ chữ 12, cần 11 (4 dòng)"),
    ]),
    "ke-hoach-thuc-hien-de-an-08.docx": ("Kế hoạch", [
        (ERROR, "le-trang", "lề trên 15,0 mm, cần 20-25 mm"),
        (ERROR, "phong-chu", "dùng phông “Times New Roman Italic”, cần đúng tên “Times New "
                             "Roman”: tên kia là một kiểu chữ, máy không có nó in bằng phông khác"),
        (WARNING, "co-quan", ISSUER_LINE.format("2,3", 59)),
        (ERROR, "so-trang", "số trang cỡ chữ 12, cần 13-14"),
    ]),
}  # fmt: skip
COMPLETE = "cong-van-don-doc-tien-do-ha-tang-ccn-bao-cao-hang-tuan.docx"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_draft_gets_what_a_van_thu_finds(name: str) -> None:
    kind, expected = EXPECTED[name]
    report = check_docx(FOREIGN / name)
    assert report.kind == kind
    assert [(f.severity, f.rule, f.message) for f in report.findings] == expected


def test_theme_and_style_fonts_are_resolved_not_reported() -> None:
    # Runs that name only a cs font, their Times New Roman from a character style, over
    # docDefaults in the theme's fonts: Times New Roman on paper, no finding.
    for name in ("bao-cao-ccn-gui-bct-ban-chuan-nguoi-dung.docx",
                 "bao-cao-ket-qua-thang-atvsld.docx"):  # fmt: skip
        report = check_docx(FOREIGN / name)
        assert not [f for f in report.findings if f.rule == "phong-chu"]
        assert not any("theme" in f.message for f in report.findings)


def test_cong_van_is_known_by_its_v_v_and_read_as_one() -> None:
    report = check_docx(FOREIGN / COMPLETE)
    assert report.kind == "Công văn"
    assert not [f for f in report.findings if f.rule in ("ten-loai", "kinh-gui")]


def _edited(tmp_path: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    doc = Document(str(FOREIGN / name))
    edit(doc)
    target = tmp_path / name
    doc.save(str(target))
    return target


def _replace(doc, start: str, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    """Replace text in the last run holding it, in the paragraph that starts with `start`."""
    for p in doc.element.body.iter(qn("w:p")):
        texts = list(p.iter(qn("w:t")))
        if "".join(t.text or "" for t in texts).strip().startswith(start):
            node = [t for t in texts if old in (t.text or "")][-1]
            node.text = (node.text or "").replace(old, new)
            return
    raise AssertionError(start)


def test_body_rules_run_on_a_cong_van(tmp_path: Path) -> None:
    def drop_closing_mark(doc) -> None:  # type: ignore[no-untyped-def]
        _replace(doc, "Sở Công Thương đề nghị các chủ đầu tư nghiêm túc", "./.", ".")

    report = check_docx(_edited(tmp_path, COMPLETE, drop_closing_mark))
    assert [(f.rule, f.message) for f in report.findings if f.rule == "noi-dung"] == [
        ("noi-dung", "đoạn kết thúc văn bản phải có dấu “./.”")
    ]


def test_kinh_gui_list_rules_on_a_real_cong_van(tmp_path: Path) -> None:
    def drop_semicolon(doc) -> None:  # type: ignore[no-untyped-def]
        _replace(doc, "- Công ty Cổ phần Công nghiệp EUP", ";", "")

    report = check_docx(_edited(tmp_path, COMPLETE, drop_semicolon))
    found = [(f.message, f.text) for f in report.findings if f.rule == "kinh-gui"]
    assert found == [("dòng trong “Kính gửi” kết thúc bằng “;”",
                      "- Công ty Cổ phần Công nghiệp EUP (CCN Phú Thịnh 3)")]  # fmt: skip


def test_nhu_tren_is_required_beside_a_kinh_gui(tmp_path: Path) -> None:
    def drop_nhu_tren(doc) -> None:  # type: ignore[no-untyped-def]
        for p in doc.element.body.iter(qn("w:p")):
            if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == "- Như trên;":
                p.getparent().remove(p)
                return

    report = check_docx(_edited(tmp_path, COMPLETE, drop_nhu_tren))
    assert ("noi-nhan", "có “Kính gửi:” thì Nơi nhận mở đầu bằng “- Như trên;”") in [
        (f.rule, f.message) for f in report.findings
    ]
