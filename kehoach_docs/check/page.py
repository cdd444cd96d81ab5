"""Rules of the page as a whole: paper, margins, the font, the page number."""

from __future__ import annotations

from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..docxread import Para
from ..render.styles import w
from .document import Document, pt
from .findings import WARNING, Finding
from .layout import Layout

FONT = "Times New Roman"


def paper(doc: Document, layout: Layout) -> Iterator[Finding]:
    s = doc.section
    width, height = (s.page_width or 0) / 36000, (s.page_height or 0) / 36000
    if {round(width), round(height)} != {210, 297}:
        yield Finding("kho-giay", f"khổ giấy {width:.0f} x {height:.0f} mm, cần A4 (210 x 297 mm)",
                      measured=f"{width:.0f} x {height:.0f}", required="210 x 297",
                      unit="mm")  # fmt: skip
    elif width > height:
        message = "trang nằm ngang: chỉ dùng cho bảng biểu, phụ lục"
        yield Finding("kho-giay", message, severity=WARNING)
    bounds = {"trên": (20, 25, s.top_margin), "dưới": (20, 25, s.bottom_margin),
              "trái": (30, 35, s.left_margin), "phải": (15, 20, s.right_margin)}  # fmt: skip
    for name, (low, high, value) in bounds.items():
        mm = (value or 0) / 36000
        if not low - 0.1 <= mm <= high + 0.1:
            shown = f"{mm:.1f}".replace(".", ",")
            yield Finding("le-trang", f"lề {name} {shown} mm, cần {low}-{high} mm",
                          measured=round(mm, 1), required=f"{low}-{high}",
                          unit="mm")  # fmt: skip


def _font_advice(font: str) -> str:
    if font.startswith(FONT):
        # "Times New Roman Italic" names a face: Word finds it on some machines, LibreOffice
        # and the others print a fallback font.
        return (f"dùng phông “{font}”, cần đúng tên “{FONT}”: tên kia là một kiểu chữ, máy "
                "không có nó in bằng phông khác")  # fmt: skip
    if font.startswith((".Vn", "VNI-", "VNI ")):
        return f"dùng phông “{font}” (bảng mã cũ, không phải Unicode), cần {FONT}"
    return f"dùng phông “{font}”, cần {FONT}"


def _parts(doc: Document) -> list[tuple[str, list[Para]]]:
    """The body, then the page headers and footers and the footnotes, each read with the
    document's styles."""
    out = [("", doc.paras)]
    places = {RT.HEADER: "ở đầu trang", RT.FOOTER: "ở chân trang", RT.FOOTNOTES: "ở chú thích"}
    seen: set[str] = set()
    for rel in doc.reader.doc.part.rels.values():
        if rel.reltype in places and not rel.is_external and rel.target_ref not in seen:
            seen.add(rel.target_ref)
            root = etree.fromstring(rel.target_part.blob)
            out.append((places[rel.reltype], list(doc.reader.paragraphs(root))))
    return out


def fonts(doc: Document, layout: Layout) -> Iterator[Finding]:
    """Every run's family, as Word resolves it, is exactly Times New Roman. A run that names
    no family anywhere is in Word's own default, Times New Roman."""
    seen: dict[str, tuple[str, Para]] = {}
    for place, paras in _parts(doc):
        for para in paras:
            for text, look in para.looks:
                if not text.strip() or look.hidden:
                    continue
                ascii_part = "".join(c for c in text if ord(c) < 128 and not c.isspace())
                other_part = "".join(c for c in text if ord(c) >= 128 and not c.isspace())
                for part, font in ((ascii_part, look.font), (other_part, look.font_other)):
                    if part and font and font != FONT:
                        seen.setdefault(font, (place, para))
    for font, (place, para) in seen.items():
        message = _font_advice(font) + (f" ({place})" if place else "")
        yield Finding("phong-chu", message, para.text, measured=font, required=FONT)


def _has_page_field(root: etree._Element) -> bool:
    instr = " ".join(t.text or "" for t in root.iter(w("instrText")))
    simple = " ".join(f.get(w("instr"), "") for f in root.iter(w("fldSimple")))
    return "PAGE" in (instr + simple).upper()


def page_numbers(doc: Document, layout: Layout) -> Iterator[Finding]:
    section = doc.section
    header = section.header
    if header.is_linked_to_previous or not _has_page_field(header._element):
        yield Finding("so-trang", "thiếu số trang (trường PAGE) ở phần đầu trang")
        return
    paragraph = next((p for p in header._element.iter(w("p")) if _has_page_field(p)), None)
    if paragraph is None:  # the field spans paragraphs: its number has no place to check
        return
    if doc.book.paragraph_attr(paragraph, "jc", "val") != "center":
        yield Finding("so-trang", "số trang phải căn giữa phần đầu trang")
    number = doc.reader.paragraph(paragraph)
    found = sorted({look.size_pt for t, look in number.looks if t.strip()})
    if any(not 13 <= s <= 14 for s in found):
        shown = ", ".join(pt(s) for s in found)
        yield Finding("so-trang", f"số trang cỡ chữ {shown}, cần 13-14", number.text,
                      measured=found[0], required="13-14", unit="pt")  # fmt: skip
    if not section.different_first_page_header_footer:
        yield Finding("so-trang", "không hiện số trang ở trang 1 (chọn “Different First Page”)")
    elif _has_page_field(section.first_page_header._element):
        yield Finding("so-trang", "trang 1 không đánh số trang")
