"""Build the shipped .docx templates in templates/ from code.

The templates are ordinary Word files a clerk may open and restyle; this script is how
the project makes the defaults reproducibly. Run it after changing it:
    python tools/build_templates.py
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LEFT_COL = Cm(6.6)
RIGHT_COL = Cm(9.9)
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
TO_INDENT = Cm(2)
TO_LABEL_WIDTH = Cm(1.75)  # "Kính gửi" in 14 pt Times New Roman, up to its colon


def set_defaults(doc) -> None:  # type: ignore[no-untyped-def]
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)
    for tag, val in (("w:sz", "28"), ("w:szCs", "28")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    if ppr is not None:
        for child in list(ppr):
            ppr.remove(child)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def pstyle(
    doc,
    name: str,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,  # type: ignore[no-untyped-def]
    align=JUSTIFY,
    first_line: float | None = None,
    before: float = 0,
    after: float = 0,
    line: float = 1.0,
    keep_next: bool = False,
    caps: bool = False,
    outline: int | None = None,
) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    if caps:
        font.all_caps = False
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(first_line) if first_line else Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        el = OxmlElement("w:outlineLvl")
        el.set(qn("w:val"), str(outline))
        ppr.append(el)
    return style


def cstyle(
    doc,
    name: str,
    bold: bool = False,
    italic: bool = False,  # type: ignore[no-untyped-def]
    superscript: bool = False,
    subscript: bool = False,
    size: float | None = None,
) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.bold = bold or None
    style.font.italic = italic or None
    if superscript:
        style.font.superscript = True
    if subscript:
        style.font.subscript = True
    if size:
        style.font.size = Pt(size)


def add_styles(doc) -> None:  # type: ignore[no-untyped-def]
    body = dict(first_line=1.27, after=6, line=1.15)
    pstyle(doc, "KhBody", **body)
    pstyle(doc, "KhBasis", italic=True, **body)
    # The last paragraph of the body keeps with the signature block below it.
    pstyle(doc, "KhClosing", keep_next=True, **body)
    # A paragraph that introduces a table ("Ký hiệu: …") stays on the table's page.
    pstyle(doc, "KhLead", keep_next=True, **body)
    pstyle(doc, "KhAttachment", italic=True, align=LEFT, after=6, keep_next=True)
    pstyle(doc, "KhHeading1", bold=True, keep_next=True, outline=0, **body)
    pstyle(doc, "KhHeading2", bold=True, keep_next=True, outline=1, **body)
    pstyle(doc, "KhHeading3", keep_next=True, outline=2, **body)
    pstyle(doc, "KhOrgGoverning", size=13, align=CENTER)
    pstyle(doc, "KhOrgIssuing", size=13, bold=True, align=CENTER)
    pstyle(doc, "KhNational", size=13, bold=True, align=CENTER)
    pstyle(doc, "KhMotto", size=13, bold=True, align=CENTER)
    pstyle(doc, "KhRule", size=2, align=CENTER, before=3, after=6)
    pstyle(doc, "KhDocNumber", size=13, align=CENTER, before=6)
    pstyle(doc, "KhPlaceDate", size=14, italic=True, align=CENTER, before=6)
    pstyle(doc, "KhDocType", size=14, bold=True, align=CENTER, before=18, keep_next=True)
    pstyle(doc, "KhSummary", size=14, bold=True, align=CENTER, keep_next=True)
    pstyle(doc, "KhTo", size=14, align=CENTER, before=6, after=6)
    # A công văn's "V/v" under the number (NĐ 30: 12-13 pt, upright, no space before).
    pstyle(doc, "KhSubjectLine", size=12, align=CENTER)
    # "Kính gửi:" over several addressees, whose dashes line up under its colon.
    pstyle(doc, "KhToOne", size=14, align=CENTER, before=12, after=12)
    pstyle(doc, "KhToLabel", size=14, align=LEFT, before=12, keep_next=True)
    pstyle(doc, "KhToItem", size=14, align=LEFT, keep_next=True)
    pstyle(doc, "KhToLast", size=14, align=LEFT, after=12)
    for name in ("KhToLabel", "KhToItem", "KhToLast"):
        indent = TO_INDENT if name == "KhToLabel" else TO_INDENT + TO_LABEL_WIDTH
        doc.styles[name].paragraph_format.left_indent = indent
    pstyle(doc, "KhRecipientsLabel", size=12, bold=True, italic=True, align=LEFT, before=6)
    # A long recipient wraps under its own text, not under its "- ".
    recipient = pstyle(doc, "KhRecipient", size=11, align=LEFT)
    recipient.paragraph_format.left_indent = Cm(0.25)
    recipient.paragraph_format.first_line_indent = Cm(-0.25)
    pstyle(doc, "KhSignature", size=14, bold=True, align=CENTER)
    pstyle(doc, "KhSignerName", size=14, bold=True, align=CENTER, before=84)
    pstyle(doc, "KhPageNumber", size=14, align=CENTER)
    pstyle(doc, "KhAppendixTitle", size=14, bold=True, align=CENTER, keep_next=True)
    pstyle(doc, "KhAppendixSubtitle", size=14, bold=True, align=CENTER, keep_next=True)
    pstyle(doc, "KhAppendixNote", size=14, italic=True, align=CENTER, after=6)
    pstyle(doc, "KhTableHead", size=12, bold=True, align=CENTER, before=3, after=3)
    pstyle(doc, "KhTableText", size=12, align=LEFT, before=3, after=3)
    pstyle(doc, "Footnote Text", size=11, align=JUSTIFY)
    cstyle(doc, "Footnote Reference", superscript=True)
    cstyle(doc, "KhEmphasis", italic=True)
    cstyle(doc, "KhStrong", bold=True)
    cstyle(doc, "KhNumber", bold=True)
    cstyle(doc, "KhLabel", italic=True)
    cstyle(doc, "KhDrafter", subscript=True, size=11)


def para(container, text: str = "", style: str = "KhBody") -> Paragraph:  # type: ignore[no-untyped-def]
    p = container.add_paragraph(style=style)
    if text:
        p.add_run(text)
    return p


def borderless(table: Table, widths: list, cell_margin: int = 0) -> None:  # type: ignore[type-arg]
    tbl = table._tbl
    tblpr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(cell_margin))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width


def first_paragraph(cell: _Cell, style: str, text: str = "") -> Paragraph:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        p.add_run(text)
    return p


def page_number_header(section) -> None:  # type: ignore[no-untyped-def]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.style = "KhPageNumber"
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.add_text(text or "")


def page_setup(doc) -> None:  # type: ignore[no-untyped-def]
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Whole twips at or just above 20/20/30/15 mm, as Word stores "2 cm", "1.5 cm".
    section.top_margin, section.bottom_margin = Twips(1134), Twips(1134)
    section.left_margin, section.right_margin = Twips(1701), Twips(851)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    page_number_header(section)


def header_block(doc, subject_line: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Boxes 1-4; with `subject_line`, a công văn's trích yếu (box 5b) under the number."""
    table = doc.add_table(rows=2, cols=2)
    borderless(table, [LEFT_COL, RIGHT_COL])
    left, right = table.rows[0].cells
    first_paragraph(left, "KhOrgGoverning", "{%p if header.governing %}")
    para(left, "{{r header.governing }}", "KhOrgGoverning")
    para(left, "{%p endif %}", "KhOrgGoverning")
    para(left, "{{r header.issuing }}", "KhOrgIssuing")
    para(left, "40%", "KhRule")
    first_paragraph(right, "KhNational", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    para(right, "Độc lập - Tự do - Hạnh phúc", "KhMotto")
    para(right, "100%", "KhRule")
    left, right = table.rows[1].cells
    first_paragraph(left, "KhDocNumber", "{{ header.number }}")
    if subject_line:
        para(left, "{{r summary }}", "KhSubjectLine")
    first_paragraph(right, "KhPlaceDate", "{{ header.place_date }}")


def title_block(doc) -> None:  # type: ignore[no-untyped-def]
    para(doc, "{{ doc_type }}", "KhDocType")
    para(doc, "{{r summary }}", "KhSummary")
    para(doc, "40%", "KhRule")
    loop(doc, "line in to", "{{ line }}", "KhTo")


def blocks(doc, source: str) -> None:  # type: ignore[no-untyped-def]
    """The body loop: each block kind prints in its own paragraph style."""
    para(doc, f"{{%p for b in {source} %}}")
    kinds = [
        ("h1", "KhHeading1"),
        ("h2", "KhHeading2"),
        ("h3", "KhHeading3"),
        ("basis", "KhBasis"),
        ("closing", "KhClosing"),
        ("lead", "KhLead"),
    ]
    for i, (kind, style) in enumerate(kinds):
        para(doc, f"{{%p {'if' if i == 0 else 'elif'} b.kind == '{kind}' %}}")
        para(doc, "{{r b.runs }}", style)
    para(doc, "{%p elif b.kind == 'table' %}")
    para(doc, "{{p b.runs }}")
    para(doc, "{%p else %}")
    para(doc, "{{r b.runs }}", "KhBody")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")


def keep_row_whole(row) -> None:  # type: ignore[no-untyped-def]
    """Nơi nhận and signature stay on one page: Word moves the row instead of splitting."""
    tr = row._tr
    trpr = tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def loop(container, each: str, text: str, style: str, first: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A paragraph repeated for each item: `{%p for … %}`, the paragraph, `{%p endfor %}`."""
    head = f"{{%p for {each} %}}"
    if first:
        first_paragraph(container, style, head)
    else:
        para(container, head, style)
    para(container, text, style)
    para(container, "{%p endfor %}", style)


def recipients_cell(cell: _Cell) -> None:
    first_paragraph(cell, "KhRecipientsLabel", "Nơi nhận:")
    loop(cell, "r in recipients", "{{r r }}", "KhRecipient")


def signature_block(doc) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=2)
    borderless(table, [Cm(7.3), Cm(9.2)])
    keep_row_whole(table.rows[0])
    left, right = table.rows[0].cells
    recipients_cell(left)
    loop(right, "a in signature.authority", "{{ a }}", "KhSignature", first=True)
    para(right, "{{ signature.title }}", "KhSignature")
    para(right, "{{ signature.name }}", "KhSignerName")


def appendices(doc) -> None:  # type: ignore[no-untyped-def]
    """Each appendix starts a page (the renderer makes that a section of its own, numbered
    from 1 and landscape where asked): "PHỤ LỤC I", its title, the "(Kèm theo …)" note."""
    para(doc, "{%p for a in appendices %}")
    start = para(doc, "{{ a.label or a.title }}", "KhAppendixTitle")
    start.paragraph_format.page_break_before = True
    para(doc, "{%p if a.label %}")
    para(doc, "{{ a.title }}", "KhAppendixTitle")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.subtitle %}")
    para(doc, "{{ a.subtitle }}", "KhAppendixSubtitle")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.note %}")
    para(doc, "{{ a.note }}", "KhAppendixNote")
    para(doc, "{%p endif %}")
    blocks(doc, "a.blocks")
    para(doc, "{%p endfor %}")


def attachment(doc) -> None:  # type: ignore[no-untyped-def]
    para(doc, "{%p if attachment %}")
    para(doc, "{{ attachment }}", "KhAttachment")
    para(doc, "{%p endif %}")


def current_word(doc) -> None:  # type: ignore[no-untyped-def]
    """Open in Word without "[Compatibility Mode]" (python-docx's default file is 2010's)."""
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def drop_leftovers(doc) -> None:  # type: ignore[no-untyped-def]
    """python-docx's default file carries a thumbnail of another document and a second
    style sheet; neither belongs in a template that clerks will open."""
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)


KEEP_STYLES = {"TableGrid", "FootnoteText", "FootnoteReference"}


def prune_styles(doc) -> None:  # type: ignore[no-untyped-def]
    """Keep defaults, our styles and what they are based on: the default file's hundred
    table styles make every render parse and zip a 360 KB style sheet."""
    root = doc.styles.element
    styles = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    keep: set[str] = set()
    for sid, style in styles.items():
        if style.get(qn("w:default")) == "1" or sid.startswith("Kh") or sid in KEEP_STYLES:
            while sid and sid not in keep:
                keep.add(sid)
                based = styles[sid].find(qn("w:basedOn"))
                sid = based.get(qn("w:val")) if based is not None else None
    for sid, style in styles.items():
        if sid not in keep:
            root.remove(style)


def preserve_spaces(doc) -> None:  # type: ignore[no-untyped-def]
    for t in doc.element.body.iter(qn("w:t")):
        t.set(qn("xml:space"), "preserve")


def new_document():  # type: ignore[no-untyped-def]
    doc = Document()
    set_defaults(doc)
    add_styles(doc)
    page_setup(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def finish(doc, path: Path) -> None:  # type: ignore[no-untyped-def]
    preserve_spaces(doc)
    drop_leftovers(doc)
    prune_styles(doc)
    props = doc.core_properties
    props.author = ""
    props.title = ""
    props.comments = ""
    props.last_modified_by = ""
    current_word(doc)
    doc.save(str(path))


def build_plan(path: Path) -> None:
    doc = new_document()
    header_block(doc)
    title_block(doc)
    blocks(doc, "body")
    attachment(doc)
    signature_block(doc)
    appendices(doc)
    finish(doc, path)


def addressees(doc) -> None:  # type: ignore[no-untyped-def]
    """Box 9a of a công văn: "Kính gửi: X." on one line, or "Kính gửi:" over a list."""
    para(doc, "{%p for line in to %}", "KhTo")
    para(doc, "{%p if loop.length == 1 %}", "KhToOne")
    para(doc, "{{ line }}", "KhToOne")
    for test, style in (("loop.first", "KhToLabel"), ("loop.last", "KhToLast")):
        para(doc, f"{{%p elif {test} %}}", style)
        para(doc, "{{ line }}", style)
    para(doc, "{%p else %}", "KhToItem")
    para(doc, "{{ line }}", "KhToItem")
    para(doc, "{%p endif %}", "KhTo")
    para(doc, "{%p endfor %}", "KhTo")


def build_cong_van(path: Path) -> None:
    """A công văn: no tên loại; "V/v" under the number; Kính gửi; body; Nơi nhận."""
    doc = new_document()
    header_block(doc, subject_line=True)
    addressees(doc)
    blocks(doc, "body")
    attachment(doc)
    signature_block(doc)
    appendices(doc)
    finish(doc, path)


def build_noi_nhan(path: Path) -> None:
    """Only the Nơi nhận block, at its place and width, to paste into another document."""
    doc = new_document()
    table = doc.add_table(rows=1, cols=2)
    borderless(table, [Cm(7.3), Cm(9.2)])
    recipients_cell(table.rows[0].cells[0])
    finish(doc, path)


BUILDERS: dict[str, Callable[[Path], None]] = {
    "ke-hoach.docx": build_plan,
    # Same layout, a file of its own so that an office can restyle its reports alone.
    "bao-cao.docx": build_plan,
    "noi-nhan.docx": build_noi_nhan,
    "cong-van.docx": build_cong_van,
}


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for name, build in BUILDERS.items():
        build(TEMPLATES / name)
        print(f"wrote {TEMPLATES / name}")


if __name__ == "__main__":
    main()
