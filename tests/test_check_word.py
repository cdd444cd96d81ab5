"""`kehoach check` on documents made the way Word makes them (tests/wordlike.py): every
kind of NĐ 30's list passes when right, and each rule catches exactly its own fault."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree
from wordlike import BODY, Spec, add_comment, make, paragraph

from kehoach_docs.check import Report, check_docx

Run = Callable[..., Result]
CONG_VAN = Spec(
    kind="CÔNG VĂN",
    number="Số: 12/SNV-VP",
    addressees=[
        "- Văn phòng Sở;",
        "- Các phòng chuyên môn thuộc Sở;",
        "- Các đơn vị sự nghiệp trực thuộc Sở.",
    ],
    recipients=["- Như trên;", "- Giám đốc Sở (b/c);"],
)
GIAY_MOI = Spec(
    kind="GIẤY MỜI",
    number="Số: 03/GM-SNV",
    summary=[],
    body=[
        "Sở Nội vụ trân trọng kính mời lãnh đạo các phòng, đơn vị thuộc Sở dự Hội nghị tổng "
        "kết công tác văn thư, lưu trữ năm 2023 và triển khai nhiệm vụ năm 2024.",
        "Thời gian: 08 giờ 00 phút, ngày 12 tháng 3 năm 2024.",
        "Địa điểm: Hội trường tầng 3, Sở Nội vụ.",
        "Rất mong các đồng chí tham dự đúng thời gian./.",
    ],
)
TO_TRINH = Spec(
    kind="TỜ TRÌNH",
    number="Số: 07/TTr-SNV",
    summary=["Về việc đề nghị phê duyệt Kế hoạch công tác văn thư năm 2024"],
    addressees=["Ủy ban nhân dân tỉnh Mẫu."],
    recipients=["- Như trên;", "- Giám đốc Sở;"],
)
THONG_BAO = Spec(
    kind="THÔNG BÁO",
    number="Số: 09/TB-SNV",
    summary=["Kết luận của Giám đốc Sở tại cuộc họp giao ban", "tháng 3 năm 2024"],
)
KINDS = {
    "Kế hoạch": Spec(),
    "Công văn": CONG_VAN,
    "Giấy mời": GIAY_MOI,
    "Tờ trình": TO_TRINH,
    "Thông báo": THONG_BAO,
}


def _check(tmp_path: Path, doc: DocxDocument) -> Report:
    path = tmp_path / "made.docx"
    doc.save(str(path))
    return check_docx(path)


def _lines(report: Report) -> list[str]:
    return [f.line("") for f in report.findings]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_made_right_passes(tmp_path: Path, kind: str) -> None:
    report = _check(tmp_path, make(KINDS[kind]))
    assert report.kind == kind
    assert report.findings == [], _lines(report)


@pytest.mark.parametrize(
    "spec",
    [
        Spec(fonts="theme"),  # runs name no font: Times New Roman through theme1.xml
        Spec(fonts="explicit"),  # w:ascii="Times New Roman" beside w:eastAsiaTheme
        Spec(lines="border"),  # lines as paragraph borders sized by indents
        Spec(spacing=(100, 100)),  # 5 pt after and 5 pt before: Word lays out 10 pt
    ],
    ids=["theme-fonts", "explicit-beside-theme", "border-lines", "five-plus-five"],
)
def test_word_ways_of_being_right_pass(tmp_path: Path, spec: Spec) -> None:
    report = _check(tmp_path, make(spec))
    assert report.findings == [], _lines(report)


def _one(report: Report, rule: str) -> list[tuple[str, str, str]]:
    assert report.rules_broken() | report.rules_warned() == {rule}, _lines(report)
    return [(f.severity, f.message, f.text) for f in report.findings]


def _set_theme(doc: DocxDocument, typeface: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = doc.part.part_related_by(RT.THEME)
    text = part.blob.decode("utf-8").replace('typeface="Times New Roman"', f'typeface="{typeface}"')
    part._blob = text.encode("utf-8")  # type: ignore[attr-defined]


def test_theme_font_is_named_when_it_is_not_times(tmp_path: Path) -> None:
    doc = make(Spec(fonts="theme"))
    _set_theme(doc, "Cambria")
    report = _check(tmp_path, doc)
    [(severity, message, _)] = _one(report, "phong-chu")
    assert (severity, message) == ("lỗi", "dùng phông “Cambria”, cần Times New Roman")
    assert report.findings[0].measured == "Cambria"


def test_explicit_name_beats_a_theme_of_a_weaker_layer(tmp_path: Path) -> None:
    # docDefaults in Office's theme (Calibri, Cambria); the run names its family itself.
    doc = make(Spec(fonts="theme"))
    _set_theme(doc, "Calibri")
    for r in doc.element.body.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        if rpr is not None:
            fonts = etree.SubElement(rpr, qn("w:rFonts"))
            fonts.set(qn("w:ascii"), "Times New Roman")
            fonts.set(qn("w:hAnsi"), "Times New Roman")
    header = doc.sections[0].header._element
    for rpr in header.iter(qn("w:rPr")):
        etree.SubElement(rpr, qn("w:rFonts")).set(qn("w:ascii"), "Times New Roman")
    report = _check(tmp_path, doc)
    assert report.findings == [], _lines(report)


def test_a_face_name_is_not_the_family(tmp_path: Path) -> None:
    doc = make()
    p = paragraph(doc, "Thực hiện Kế hoạch số 15")
    r = p.find(qn("w:r"))
    fonts = etree.SubElement(r.find(qn("w:rPr")), qn("w:rFonts"))
    fonts.set(qn("w:ascii"), "Times New Roman Italic")
    fonts.set(qn("w:hAnsi"), "Times New Roman Italic")
    [(severity, message, text)] = _one(_check(tmp_path, doc), "phong-chu")
    assert severity == "lỗi" and text.startswith("Thực hiện Kế hoạch số 15")
    assert message.startswith("dùng phông “Times New Roman Italic”, cần đúng tên “Times New Roman”")


def test_vietnamese_letters_are_drawn_in_the_hansi_font(tmp_path: Path) -> None:
    doc = make()
    r = paragraph(doc, "Thực hiện Kế hoạch số 15").find(qn("w:r"))
    fonts = etree.SubElement(r.find(qn("w:rPr")), qn("w:rFonts"))
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Arial")
    [(_, message, _)] = _one(_check(tmp_path, doc), "phong-chu")
    assert message == "dùng phông “Arial”, cần Times New Roman"


def _size(p: etree._Element, half_points: int) -> None:
    for rpr in p.iter(qn("w:rPr")):
        rpr.find(qn("w:sz")).set(qn("w:val"), str(half_points))


def test_number_line_at_14_pt(tmp_path: Path) -> None:
    doc = make()
    _size(paragraph(doc, "Số:"), 28)
    [finding] = _check(tmp_path, doc).findings
    assert (finding.rule, finding.message) == ("so-ky-hieu", "dòng số, ký hiệu cỡ chữ 14, cần 13")
    assert (finding.measured, finding.required, finding.unit) == (14.0, "13", "pt")


def test_number_code_matches_the_kind(tmp_path: Path) -> None:
    doc = make(Spec(number="Số: 05/BC-SNV"))
    [(_, message, _)] = _one(_check(tmp_path, doc), "so-ky-hieu")
    assert message == "ký hiệu “BC-SNV” không khớp tên loại KẾ HOẠCH: cần “KH-…”"


def test_non_breaking_hyphen_and_tab_read_as_a_reader_sees_them(tmp_path: Path) -> None:
    # "Số:<tab>05/KH‑SNV" with Word's non-breaking hyphen, as the lead's documents write it.
    doc = make()
    p = paragraph(doc, "Số:")
    r = p.find(qn("w:r"))
    r.find(qn("w:t")).text = "Số:"
    etree.SubElement(r, qn("w:tab"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = "05/KH"
    etree.SubElement(r, qn("w:noBreakHyphen"))
    etree.SubElement(r, qn("w:t")).text = "SNV"
    report = _check(tmp_path, doc)
    assert report.findings == [], _lines(report)
    from kehoach_docs.check.document import Document

    read = Document(tmp_path / "made.docx")
    assert "Số:\t05/KH-SNV" in [p.text for p in read.paras]


def test_spacing_is_the_sum_word_lays_out(tmp_path: Path) -> None:
    report = _check(tmp_path, make(Spec(spacing=(40, 40))))
    [(severity, message, _)] = _one(report, "noi-dung")
    assert severity == "lỗi"
    assert message == "khoảng cách giữa hai đoạn 4 pt, cần ít nhất 6 pt (và 2 đoạn khác)"
    assert report.findings[0].measured == 4.0


def test_contextual_spacing_removes_the_space(tmp_path: Path) -> None:
    doc = make()
    for p in doc.element.body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        if jc is not None and jc.get(qn("w:val")) == "both" and p.getparent().tag == qn("w:body"):
            ppr.insert(0, etree.Element(qn("w:contextualSpacing")))
    [(_, message, _)] = _one(_check(tmp_path, doc), "noi-dung")
    assert message.startswith("khoảng cách giữa hai đoạn 0 pt, cần ít nhất 6 pt")


def test_cong_van_v_v_at_14_pt(tmp_path: Path) -> None:
    doc = make(CONG_VAN)
    _size(paragraph(doc, "V/v"), 28)
    [(_, message, _)] = _one(_check(tmp_path, doc), "ten-loai")
    assert message == "trích yếu “V/v” cỡ chữ 14, cần 12-13"


def test_cong_van_without_kinh_gui(tmp_path: Path) -> None:
    spec = Spec(**{**CONG_VAN.__dict__, "addressees": [], "recipients": ["- Giám đốc Sở;"]})
    [(_, message, _)] = _one(_check(tmp_path, make(spec)), "kinh-gui")
    assert message == "công văn thiếu dòng “Kính gửi:” nơi nhận văn bản"


def test_cong_van_list_without_closing_stop(tmp_path: Path) -> None:
    addressees = ["- Văn phòng Sở;", "- Các phòng chuyên môn thuộc Sở;"]
    spec = Spec(**{**CONG_VAN.__dict__, "addressees": addressees})
    [(_, message, text)] = _one(_check(tmp_path, make(spec)), "kinh-gui")
    assert (message, text) == ("dòng cuối của “Kính gửi” kết thúc bằng “.”",
                               "- Các phòng chuyên môn thuộc Sở;")  # fmt: skip


def test_one_addressee_goes_on_the_kinh_gui_line(tmp_path: Path) -> None:
    doc = make(TO_TRINH)
    label = paragraph(doc, "Kính gửi:")
    label.find(f".//{qn('w:t')}").text = "Kính gửi:"
    label.addnext(etree.fromstring(etree.tostring(label)))
    label.getnext().find(f".//{qn('w:t')}").text = "Ủy ban nhân dân tỉnh Mẫu."
    [(_, message, _)] = _one(_check(tmp_path, doc), "kinh-gui")
    assert message == "gửi một nơi thì ghi cùng dòng với “Kính gửi:”"


def test_kinh_gui_upright(tmp_path: Path) -> None:
    doc = make(TO_TRINH)
    for rpr in paragraph(doc, "Kính gửi:").iter(qn("w:rPr")):
        etree.SubElement(rpr, qn("w:i"))
    [(_, message, _)] = _one(_check(tmp_path, doc), "kinh-gui")
    assert message == "“Kính gửi” không được in nghiêng"


def test_nhu_tren_without_a_kinh_gui(tmp_path: Path) -> None:
    spec = Spec(**{**THONG_BAO.__dict__, "recipients": ["- Như trên;", "- Giám đốc Sở;"]})
    [(_, message, text)] = _one(_check(tmp_path, make(spec)), "noi-nhan")
    assert (message, text) == ("có “- Như trên;” nhưng văn bản không có “Kính gửi:”",
                               "- Như trên;")  # fmt: skip


def test_kinh_gui_without_nhu_tren(tmp_path: Path) -> None:
    spec = Spec(**{**CONG_VAN.__dict__, "recipients": ["- Giám đốc Sở (b/c);"]})
    [(_, message, _)] = _one(_check(tmp_path, make(spec)), "noi-nhan")
    assert message == "có “Kính gửi:” thì Nơi nhận mở đầu bằng “- Như trên;”"


def test_addressee_listed_twice(tmp_path: Path) -> None:
    recipients = ["- Như trên;", "- Văn phòng Sở;", "- Giám đốc Sở (b/c);"]
    spec = Spec(**{**CONG_VAN.__dict__, "recipients": recipients})
    [(_, message, text)] = _one(_check(tmp_path, make(spec)), "noi-nhan")
    assert (message, text) == (
        "nơi này đã có trong “Kính gửi:” (“Như trên”), không ghi lại",
        "- Văn phòng Sở;",
    )


def test_recipients_label_names_what_is_wrong(tmp_path: Path) -> None:
    doc = make()
    for rpr in paragraph(doc, "Nơi nhận:").iter(qn("w:rPr")):
        rpr.remove(rpr.find(qn("w:i")))
    [(_, message, _)] = _one(_check(tmp_path, doc), "noi-nhan")
    assert message == "“Nơi nhận:” chưa in nghiêng"


def test_drafters_initials_in_small_type_are_no_size_error(tmp_path: Path) -> None:
    doc = make()
    keep = paragraph(doc, "- Lưu:")
    sizes = [r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) for r in keep.iter(qn("w:r"))]
    assert sizes == ["22", "16", "22"]  # "- Lưu: VT, VP", "(NVA)" lowered at 8 pt, "."
    assert _check(tmp_path, doc).findings == []
    _size(keep, 24)
    [(_, message, _)] = _one(_check(tmp_path, doc), "noi-nhan")
    assert message == "nơi nhận cỡ chữ 12, cần 11"


def test_closing_mark_is_checked_for_every_kind(tmp_path: Path) -> None:
    body = [*GIAY_MOI.body[:-1], "Rất mong các đồng chí tham dự đúng thời gian."]
    spec = Spec(**{**GIAY_MOI.__dict__, "body": body})
    [(_, message, _)] = _one(_check(tmp_path, make(spec)), "noi-dung")
    assert message == "đoạn kết thúc văn bản phải có dấu “./.”"


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("Thời gian: …… giờ, ngày 12 tháng 3 năm 2024.", "……"),
        ("Địa điểm: Hội trường tầng XX, Sở Nội vụ.", "XX"),
        ("Thành phần: […]", "[…]"),
        ("XX/XX/2024: hạn gửi báo cáo.", "XX"),
        ("Kinh phí: ......... đồng.", "........."),
        ("Người liên hệ: ____________", "____________"),
    ],
)
def test_blanks_left_to_fill(tmp_path: Path, text: str, blank: str) -> None:
    spec = Spec(**{**GIAY_MOI.__dict__, "body": [*GIAY_MOI.body[:2], text, GIAY_MOI.body[3]]})
    [(severity, message, found_in)] = _one(_check(tmp_path, make(spec)), "cho-trong")
    assert (severity, message, found_in) == ("lỗi", f"còn chỗ chưa điền “{blank}”", text)


def test_twenty_in_roman_is_no_blank(tmp_path: Path) -> None:
    text = "Thực hiện Nghị quyết Đại hội XX của Đảng bộ tỉnh, tổng kết các thành tựu thế kỷ XX."
    heading = "XX. KINH PHÍ THỰC HIỆN"
    doc = make(Spec(body=[text, heading, *BODY[1:]]))
    etree.SubElement(paragraph(doc, heading).find(f".//{qn('w:rPr')}"), qn("w:b"))
    report = _check(tmp_path, doc)
    assert report.findings == [], _lines(report)


def test_comment_left_in_the_file(tmp_path: Path) -> None:
    doc = make()
    add_comment(paragraph(doc, "2. Thực hiện đúng thể thức"), "Xem lại số liệu", doc)
    [(severity, message, text)] = _one(_check(tmp_path, doc), "ghi-chu")
    assert severity == "lỗi" and text.startswith("2. Thực hiện đúng thể thức")
    assert message == (
        "còn 1 ghi chú (comment) trong tệp, ví dụ “Xem lại số liệu”: xóa trước khi trình ký"
    )


def test_tracked_changes_left_in_the_file(tmp_path: Path) -> None:
    doc = make()
    p = paragraph(doc, "1. Rà soát hồ sơ")
    r = p.find(qn("w:r"))
    inserted = etree.Element(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "Trung",
                                           qn("w:date"): "2024-03-05T08:00:00Z"})  # fmt: skip
    r.addprevious(inserted)
    inserted.append(r)
    deleted = etree.SubElement(p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "Trung"})
    gone = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(gone, qn("w:delText")).text = " và lưu trữ"
    [(_, message, text)] = _one(_check(tmp_path, doc), "theo-doi-sua")
    assert text.startswith("1. Rà soát hồ sơ") and " và lưu trữ" not in text
    assert message.startswith("còn 2 thay đổi chưa chấp nhận (Track Changes)")


@pytest.mark.parametrize(
    ("tag", "value", "message"),
    [
        ("highlight", "yellow", "chữ tô nền yellow: văn bản in chữ đen, không tô nền"),
        ("color", "FF0000", "chữ màu #FF0000: văn bản in chữ đen, không tô nền"),
    ],
)
def test_coloured_or_highlighted_text(tmp_path: Path, tag: str, value: str, message: str) -> None:
    doc = make()
    r = paragraph(doc, "2. Thực hiện đúng thể thức").find(qn("w:r"))
    etree.SubElement(r.find(qn("w:rPr")), qn(f"w:{tag}")).set(qn("w:val"), value)
    [(_, found, _)] = _one(_check(tmp_path, doc), "mau-chu")
    assert found == message


def test_black_written_as_a_colour_is_black(tmp_path: Path) -> None:
    doc = make()
    for rpr in doc.element.body.iter(qn("w:rPr")):
        etree.SubElement(rpr, qn("w:color")).set(qn("w:val"), "000000")
    assert _check(tmp_path, doc).findings == []


def test_rule_typed_with_underscores(tmp_path: Path) -> None:
    doc = make(THONG_BAO)
    summary = paragraph(doc, "tháng 3 năm 2024")
    typed = etree.fromstring(etree.tostring(summary))
    typed.find(f".//{qn('w:t')}").text = "________________"
    summary.addnext(typed)
    [(_, message, text)] = _one(_check(tmp_path, doc), "ke-bang-ky-tu")
    assert text == "________________"
    assert message == "đường kẻ gõ bằng ký tự: dùng đường viền đoạn (Border) hoặc đường vẽ"


def test_table_row_of_fixed_height(tmp_path: Path) -> None:
    doc = make()
    row = doc.element.body.find(f"{qn('w:tbl')}/{qn('w:tr')}")
    trpr = etree.Element(qn("w:trPr"))
    etree.SubElement(trpr, qn("w:trHeight"), {qn("w:val"): "1134", qn("w:hRule"): "exact"})
    row.insert(0, trpr)
    [(severity, message, _)] = _one(_check(tmp_path, doc), "hang-bang")
    assert severity == "cảnh báo"
    assert message.startswith("hàng bảng cao cố định 56,7 pt (Exactly)")


def test_hard_break_that_shows_in_the_v_v(tmp_path: Path) -> None:
    doc = make(Spec(**{**CONG_VAN.__dict__, "vv": "V/v đôn đốc báo cáo kết quả thực hiện kế"}))
    r = paragraph(doc, "V/v").find(qn("w:r"))
    etree.SubElement(r, qn("w:br"))
    etree.SubElement(r, qn("w:t")).text = "hoạch"
    [(severity, message, _)] = _one(_check(tmp_path, doc), "ngat-dong")
    assert severity == "cảnh báo"
    assert message == (
        "ngắt dòng cứng (Shift+Enter) ở trích yếu: chữ không vừa một dòng nên tự xuống dòng, "
        "để lại dòng ngắn"
    )


def test_hard_break_that_fits_is_left_alone(tmp_path: Path) -> None:
    doc = make(Spec(**{**CONG_VAN.__dict__, "vv": "V/v đôn đốc báo cáo"}))
    r = paragraph(doc, "V/v").find(qn("w:r"))
    etree.SubElement(r, qn("w:br"))
    etree.SubElement(r, qn("w:t")).text = "kết quả thực hiện kế hoạch"
    assert _check(tmp_path, doc).findings == []


def test_hard_break_in_a_justified_paragraph(tmp_path: Path) -> None:
    doc = make()
    r = paragraph(doc, "1. Rà soát hồ sơ").find(qn("w:r"))
    t = r.find(qn("w:t"))
    first, rest = t.text.split(" giao nộp ", 1)
    t.text = first
    etree.SubElement(r, qn("w:br"))
    etree.SubElement(r, qn("w:t")).text = "giao nộp " + rest
    [(_, message, _)] = _one(_check(tmp_path, doc), "ngat-dong")
    assert message.endswith("đoạn căn đều nên Word giãn chữ ở dòng trước chỗ ngắt")


def _issuer_line(doc: DocxDocument, twips: int) -> None:
    under = paragraph(doc, "SỞ NỘI VỤ").getnext()
    extent = next(
        under.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    )
    extent.set("cx", str(twips * 635))


def test_issuer_line_of_common_practice_is_a_warning(tmp_path: Path) -> None:
    doc = make()
    _issuer_line(doc, 860)  # 75 % of "SỞ NỘI VỤ"
    report = _check(tmp_path, doc)
    [(severity, message, _)] = _one(report, "co-quan")
    assert severity == "cảnh báo" and "bằng 75% dòng chữ: dài hơn mức từ 1/3 đến 1/2" in message
    assert (report.findings[0].measured, report.findings[0].required) == (75, "30-55")


def test_issuer_line_too_short_is_an_error(tmp_path: Path) -> None:
    doc = make()
    _issuer_line(doc, 230)
    [(severity, message, _)] = _one(_check(tmp_path, doc), "co-quan")
    assert severity == "lỗi" and message.endswith("bằng 20% dòng chữ, cần từ 1/3 đến 1/2")


def test_json_of_a_made_document(run: Run, tmp_path: Path) -> None:
    doc = make(TO_TRINH)
    for rpr in paragraph(doc, "Kính gửi:").iter(qn("w:rPr")):
        rpr.find(qn("w:sz")).set(qn("w:val"), "24")
    path = tmp_path / "to-trinh.docx"
    doc.save(str(path))
    result = run("check", "--format", "json", str(path))
    [data] = json.loads(result.stdout)
    assert data["kind"] == "Tờ trình"
    assert data["findings"] == [{
        "rule": "kinh-gui", "title": "Kính gửi", "severity": "lỗi",
        "message": "“Kính gửi” cỡ chữ 12, cần 13-14",
        "paragraph": "Kính gửi: Ủy ban nhân dân tỉnh Mẫu.",
        "measured": 12.0, "required": "13-14", "unit": "pt",
    }]  # fmt: skip


def test_all_caps_formatting_reads_as_capitals(tmp_path: Path) -> None:
    # Typed "Kế hoạch" and set in capitals by Font > All caps: KẾ HOẠCH on paper.
    doc = make()
    p = paragraph(doc, "KẾ HOẠCH")
    p.find(f".//{qn('w:t')}").text = "Kế hoạch"
    etree.SubElement(p.find(f".//{qn('w:rPr')}"), qn("w:caps"))
    report = _check(tmp_path, doc)
    assert report.kind == "Kế hoạch"
    assert report.findings == [], _lines(report)


def test_a_file_with_parts_out_of_schema_is_still_checked(tmp_path: Path) -> None:
    doc = make()
    for size in doc.element.body.iter(qn("w:sz")):
        size.set(qn("w:val"), "x")  # a size no reader can read: the default, 10 pt
    for width in doc.element.body.iter(qn("w:tcW")):
        width.set(qn("w:w"), "auto")
    report = _check(tmp_path, doc)
    assert "so-ky-hieu" in report.rules_broken()  # read at 10 pt, reported, no traceback


def test_date_line_too_long_for_its_column(tmp_path: Path) -> None:
    doc = make()
    date = paragraph(doc, "Mẫu, ngày")
    date.find(f".//{qn('w:t')}").text = "Xuân Hương - Đà Lạt, ngày 11 tháng 12 năm 2025"
    [(_, message, _)] = _one(_check(tmp_path, doc), "dia-danh-ngay")
    assert (
        message
        == "dòng địa danh, ngày tháng không vừa một dòng: chữ dài 9,96 cm, chỗ chỉ rộng 9,77 cm"
    )
