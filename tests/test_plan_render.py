"""The rendered plan, read back as a văn thư would check it against NĐ 30 and the seed."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import SEED
from docx.shared import Cm, Mm
from lxml import etree

from kehoach_docs.docxread import DocxReader, Para
from kehoach_docs.render.styles import w

EMU_PER_TWIP = 635
CM_PER_PT = 2.54 / 72


@pytest.fixture(scope="module")
def reader(rendered_plan: Path) -> DocxReader:
    return DocxReader(rendered_plan)


@pytest.fixture(scope="module")
def paras(reader: DocxReader) -> list[Para]:
    return list(reader.paragraphs())


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def seed_parts() -> tuple[str, list[str]]:
    text = SEED.read_text(encoding="utf-8")
    notes = re.findall(r"^<sup>\d+</sup> (.+)$", text, flags=re.M)
    body = re.sub(r"^<sup>\d+</sup> .+$", "", text, flags=re.M)
    body = re.sub(r"<sup>\(\d+\)</sup>", "", body)
    body = re.sub(r"<sub>(.*?)</sub>", r"\1", body)
    body = body.replace("\\*", " ").replace("*", "").replace("#", "")
    return body, notes


def find(paras: list[Para], text: str) -> Para:
    return next(p for p in paras if p.text.strip() == text)


def test_seed_body_words_in_order(reader: DocxReader) -> None:
    body, _ = seed_parts()
    expected = words(body)
    got = words(reader.text().replace("\n", " "))
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    ratio = matched / len(expected)
    assert ratio >= 0.98, f"only {ratio:.1%} of the seed's {len(expected)} words, in order"


def test_footnotes_are_real_footnotes_where_the_seed_puts_them(reader: DocxReader) -> None:
    _, seed_notes = seed_parts()
    notes = reader.footnotes()
    assert list(notes.values()) == [n.strip() for n in seed_notes]
    assert reader.footnote_refs() == ["1", "2"]
    for ref_id, before in (("1", "107/2020/NĐ-CP"), ("2", "ngày 14 tháng 9 năm 2020")):
        ref = next(
            r
            for r in reader.doc.element.body.iter(w("footnoteReference"))
            if r.get(w("id")) == ref_id
        )
        paragraph = next(ref.iterancestors(w("p")))
        text_before = ""
        for node in paragraph.iter(w("t"), w("noBreakHyphen"), w("footnoteReference")):
            if node is ref:
                break
            text_before += "-" if node.tag == w("noBreakHyphen") else node.text or ""
        assert text_before.endswith(before)


def test_page_is_a4_with_nd30_margins(reader: DocxReader) -> None:
    section = reader.doc.sections[0]
    assert abs(section.page_width.mm - 210) < 0.1
    assert abs(section.page_height.mm - 297) < 0.1
    assert Mm(20) <= section.top_margin <= Mm(25)
    assert Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35)
    assert Mm(15) <= section.right_margin <= Mm(20)


def test_every_run_is_times_new_roman(paras: list[Para]) -> None:
    fonts = {look.font for p in paras for _, look in p.looks}
    assert fonts == {"Times New Roman"}


@pytest.mark.parametrize(
    ("text", "size", "bold", "italic"),
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM", 13, True, False),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
        ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
        ("Số:      /KH-UBND", 13, False, False),
        ("Kon Tum, ngày      tháng      năm 2024", 14, False, True),
        ("KẾ HOẠCH", 14, True, False),
        ("TM. ỦY BAN NHÂN DÂN", 14, True, False),
        ("CHỦ TỊCH", 14, True, False),
        ("Lê Ngọc Tuấn", 14, True, False),
        ("Nơi nhận:", 12, True, True),
    ],
)
def test_header_and_signature_components(
    paras: list[Para], text: str, size: int, bold: bool, italic: bool
) -> None:
    para = find(paras, text)
    assert para.in_table == (text != "KẾ HOẠCH")
    for _, look in para.looks:
        assert (look.size_pt, look.bold, look.italic) == (size, bold, italic)
    if text != "Nơi nhận:":
        assert para.align == "center"


def test_summary_is_bold_centred_under_the_type(paras: list[Para]) -> None:
    index = next(i for i, p in enumerate(paras) if p.text == "KẾ HOẠCH")
    summary = paras[index + 1]
    assert summary.text.startswith("Triển khai thực hiện Kế hoạch số 120-KH/TU")
    assert summary.align == "center"
    assert all(look.bold and look.size_pt == 14 for _, look in summary.looks)


def _rule_cm(para: Para) -> float:
    ppr = para.element.find(w("pPr"))
    border = ppr.find(f"{w('pBdr')}/{w('top')}")
    assert border is not None and border.get(w("val")) == "single"
    ind = ppr.find(w("ind"))
    cell = next(para.element.iterancestors(w("tc")), None)
    if cell is not None:
        width = int(cell.find(f"{w('tcPr')}/{w('tcW')}").get(w("w")))
    else:
        width = int((Mm(210) - Mm(30) - Mm(15)) / EMU_PER_TWIP)
    length = width - int(ind.get(w("left"))) - int(ind.get(w("right")))
    return length / 20 * CM_PER_PT


# Liberation Serif has the metrics of Times New Roman (CI installs fonts-liberation).
SERIF_BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf")


def font_width_cm(text: str, size_pt: float) -> float:
    """The width of `text` in bold Times New Roman metrics, read from the font file."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(SERIF_BOLD))
    cmap = font.getBestCmap()
    advances = font["hmtx"].metrics
    units = font["head"].unitsPerEm
    # A letter with diacritics is as wide as its base letter (the marks sit above or below).
    base = [c if ord(c) in cmap else unicodedata.normalize("NFD", c)[0] for c in text]
    total = sum(advances[cmap[ord(c)]][0] for c in base)
    return total / units * size_pt * CM_PER_PT


@pytest.mark.skipif(
    not SERIF_BOLD.exists() and not os.environ.get("CI"),
    reason="needs fonts-liberation (CI installs it and runs this test)",
)
def test_header_lines_have_nd30_lengths(paras: list[Para]) -> None:
    rules = [p for p in paras if p.style == "KhRule"]
    assert len(rules) == 3
    issuer_rule, motto_rule, summary_rule = rules
    motto = font_width_cm("Độc lập - Tự do - Hạnh phúc", 13)
    assert 5.3 <= _rule_cm(motto_rule) <= 5.8
    assert abs(_rule_cm(motto_rule) - motto) < 0.05
    issuer = font_width_cm("ỦY BAN NHÂN DÂN", 13)
    assert issuer / 3 <= _rule_cm(issuer_rule) <= issuer / 2
    text_width = (210 - 30 - 15) / 10
    assert text_width / 3 <= _rule_cm(summary_rule) <= text_width / 2
    assert all(p.text == "" for p in rules)


def test_body_paragraph_form(reader: DocxReader, paras: list[Para]) -> None:
    body = [p for p in paras if p.style == "KhBody" and p.text.strip()]
    assert len(body) > 20
    style = reader.doc.styles["KhBody"]
    fmt = style.paragraph_format
    assert fmt.first_line_indent in (Cm(1), Cm(1.27))
    assert fmt.space_after.pt >= 6
    assert 1.0 <= fmt.line_spacing <= 1.5
    for para in body:
        assert para.align == "both"
        assert all(look.size_pt in (13, 14) for _, look in para.looks)


def test_headings_and_numbering(paras: list[Para]) -> None:
    headings = [p.text for p in paras if p.style == "KhHeading1"]
    assert headings == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"]
    assert all(look.bold for p in paras if p.style == "KhHeading1" for _, look in p.looks)
    level2 = [p.text for p in paras if p.style == "KhHeading2"]
    assert level2 == [
        "1. Các sở, ban ngành và Ủy ban nhân dân các huyện, thành phố",
        "2. Sở Tài chính",
        "3. Ủy ban nhân dân các huyện, thành phố",
        "4. Sở Nội vụ",
    ]
    task = next(p for p in paras if p.text.startswith("6. Triển khai"))
    assert [(t, lk.bold) for t, lk in task.looks[:2]] == [("6.", True), (" ", False)]
    assert not task.looks[2][1].bold
    purpose = next(p for p in paras if p.text.startswith("1. Mục đích: Tiếp tục"))
    assert [(t, lk.bold) for t, lk in purpose.looks[:3]] == [
        ("1.", True),
        (" ", False),
        ("Mục đích:", True),
    ]


def test_task_labels_are_italic_with_plain_values(paras: list[Para]) -> None:
    labels = [p for p in paras if p.text.startswith("* ")]
    assert len(labels) == 16
    first = labels[0]
    assert (
        first.text == "* Đơn vị thực hiện: Các sở, ban ngành, Ủy ban nhân dân các huyện, thành phố."
    )
    label_runs = [(t, lk.italic) for t, lk in first.looks]
    assert label_runs[1] == ("Đơn vị thực hiện:", True)
    assert label_runs[-1][1] is False
    assert any(
        p.text == "* Đơn vị phối hợp: Sở Nội vụ phối hợp thẩm định nội dung trên cơ sở đề xuất "
        "của các cơ quan, đơn vị, địa phương."
        for p in labels
    )


def test_closing_ends_with_nd30_mark(paras: list[Para]) -> None:
    closing = next(p for p in paras if p.text.startswith("Trên đây là Kế hoạch"))
    assert closing.text.endswith("./.")


def test_noi_nhan_items(paras: list[Para]) -> None:
    label_index = next(i for i, p in enumerate(paras) if p.text == "Nơi nhận:")
    items = paras[label_index + 1 : label_index + 7]
    assert [p.text for p in items] == [
        "- Thường trực Tỉnh ủy (b/c);",
        "- Chủ tịch, các PCT UBND tỉnh (đ/b);",
        "- Các sở, ban ngành, đơn vị thuộc tỉnh (t/h);",
        "- UBND các huyện, thành phố (t/h);",
        "- VP UBND tỉnh: CVP, các PCVP;",
        "- Lưu: VT, NCTTTT, TTHG.",
    ]
    for item in items:
        assert all(look.size_pt == 11 and not look.bold for _, look in item.looks)
    drafter = next(look for text, look in items[-1].looks if text == "TTTT")
    assert drafter.vert_align == "subscript"


def test_page_numbers_from_page_two_centred_at_top(reader: DocxReader) -> None:
    section = reader.doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = etree.tostring(section.header._element, encoding="unicode")
    assert "PAGE" in header_xml
    number = section.header.paragraphs[0]
    assert reader.book.paragraph_attr(number._p, "jc", "val") == "center"
    first_xml = etree.tostring(section.first_page_header._element, encoding="unicode")
    assert "PAGE" not in first_xml


def test_no_template_tags_left(reader: DocxReader) -> None:
    text = reader.text()
    assert "{{" not in text and "{%" not in text and "%}" not in text
