"""Documents made the way Word makes them, for the checker's tests.

Each starts from python-docx's template (a Word document: docDefaults in theme fonts,
theme1.xml, "Normal" without formatting) and is formatted the way a clerk does it in
Word: direct formatting, a header table without borders, lines drawn as shapes or as
paragraph borders, a Nơi nhận / signature table, the page number in a PAGE field.
Nothing here comes from kehoach_docs: the documents stand for what arrives from outside.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = (
    f'xmlns:w="{W_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
TNR = "Times New Roman"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_IDS = itertools.count(1)
LEFT_COL, RIGHT_COL = 3600, 5754  # twips; 165 mm of text between 30 and 15 mm margins


@dataclass
class Spec:
    """A document to make. `kind` is its tên loại, or "CÔNG VĂN"."""

    kind: str = "KẾ HOẠCH"
    number: str = "Số: 05/KH-SNV"
    summary: list[str] = field(default_factory=lambda: ["Triển khai công tác văn thư năm 2024"])
    vv: str = "V/v đôn đốc báo cáo kết quả thực hiện kế hoạch"
    addressees: list[str] = field(default_factory=list)  # "Kính gửi"; one: on its line
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(
        default_factory=lambda: ["- Ủy ban nhân dân tỉnh (b/c);", "- Các phòng thuộc Sở;"]
    )
    # "theme": runs name no font, the theme's Latin font is Times New Roman;
    # "explicit": Normal names Times New Roman beside theme attributes, the theme is Office's.
    fonts: str = "theme"
    lines: str = "drawn"  # "drawn": shapes; "border": paragraph borders sized by indents
    spacing: tuple[int, int] = (0, 120)  # body paragraphs' space before, after (twips)


BODY = [
    "Thực hiện Kế hoạch số 15/KH-UBND ngày 05 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Mẫu "
    "về công tác văn thư, lưu trữ, Sở Nội vụ đề nghị các phòng, đơn vị thực hiện các nội "
    "dung sau:",
    "1. Rà soát hồ sơ, tài liệu đã đến hạn nộp lưu, lập danh mục và giao nộp vào Lưu trữ cơ "
    "quan đúng thời hạn; báo cáo kết quả về Văn phòng Sở trước ngày 15 tháng 6 năm 2024.",
    "2. Thực hiện đúng thể thức và kỹ thuật trình bày văn bản theo Nghị định số 30/2020/NĐ-CP "
    "ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
    "Đề nghị các phòng, đơn vị quan tâm, phối hợp thực hiện./.",
]


def _el(xml: str) -> etree._Element:
    return etree.fromstring(re.sub(r"^<(\w+:\w+)", rf"<\1 {NSMAP}", xml, count=1))


def _set_theme_latin(doc: DocxDocument, typeface: str) -> None:
    part = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for scheme in ("majorFont", "minorFont"):
        latin = root.find(f".//{a}{scheme}/{a}latin")
        assert latin is not None
        latin.set("typeface", typeface)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles(doc: DocxDocument, spec: Spec) -> None:
    styles = doc.styles.element
    normal = styles.find(f".//{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    rpr = etree.SubElement(normal, qn("w:rPr"))
    if spec.fonts == "theme":
        _set_theme_latin(doc, TNR)
    else:
        fonts = etree.SubElement(rpr, qn("w:rFonts"))
        for attr, value in (("ascii", TNR), ("hAnsi", TNR), ("eastAsiaTheme", "minorEastAsia"),
                            ("cs", TNR)):  # fmt: skip
            fonts.set(qn(f"w:{attr}"), value)
    etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), "28")
    etree.SubElement(rpr, qn("w:szCs")).set(qn("w:val"), "28")


def _ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    return ppr


def para(
    container: etree._Element,
    text: str = "",
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: str | None = None,
    before: int = 0,
    after: int = 0,
    first_line: int = 0,
    line: tuple[int, str] | None = None,
) -> etree._Element:
    """A paragraph with one run, formatted directly as Word writes it."""
    p = etree.SubElement(container, qn("w:p"))
    ppr = _ppr(p)
    spacing = etree.SubElement(ppr, qn("w:spacing"))
    spacing.set(qn("w:before"), str(before))
    spacing.set(qn("w:after"), str(after))
    if line:
        spacing.set(qn("w:line"), str(line[0]))
        spacing.set(qn("w:lineRule"), line[1])
    if first_line:
        etree.SubElement(ppr, qn("w:ind")).set(qn("w:firstLine"), str(first_line))
    if align:
        etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), align)
    if text:
        run(p, text, size, bold, italic)
    return p


def run(
    p: etree._Element, text: str, size: float = 14, bold: bool = False, italic: bool = False
) -> etree._Element:
    r = etree.SubElement(p, qn("w:r"))
    rpr = etree.SubElement(r, qn("w:rPr"))
    if bold:
        etree.SubElement(rpr, qn("w:b"))
    if italic:
        etree.SubElement(rpr, qn("w:i"))
    etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), str(int(size * 2)))
    t = etree.SubElement(r, qn("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def drawn_line(p: etree._Element, length_twips: int, offset_twips: int) -> None:
    """A straight line shape anchored in a paragraph, as Word's Insert > Shapes > Line."""
    cx, off = length_twips * 635, offset_twips * 635
    r = etree.SubElement(p, qn("w:r"))
    r.append(
        _el(f"""<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
      <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0"
        relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
        <wp:simplePos x="0" y="0"/>
        <wp:positionH relativeFrom="column"><wp:posOffset>{off}</wp:posOffset></wp:positionH>
        <wp:positionV relativeFrom="paragraph"><wp:posOffset>12700</wp:posOffset></wp:positionV>
        <wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
        <wp:docPr id="{next(_IDS)}" name="Line"/><wp:cNvGraphicFramePr/>
        <a:graphic><a:graphicData
          uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
          <wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>
            <a:ext cx="{cx}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>
            <a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>
          </wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>
      </wp:anchor></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><v:line from="0,0" to="{length_twips / 20}pt,0"/></w:pict>
      </mc:Fallback></mc:AlternateContent>""")
    )


def border_under(p: etree._Element, length_twips: int, column_twips: int) -> None:
    """Word's Borders > Top Border on an empty paragraph under `p`, shortened by equal
    indents (on `p` itself the indents would squeeze its text)."""
    under = etree.Element(qn("w:p"))
    p.addnext(under)
    ppr = _ppr(under)
    etree.SubElement(ppr, qn("w:spacing")).set(qn("w:after"), "0")
    border = _el('<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="auto"/>'
                 "</w:pBdr>")  # fmt: skip
    ppr.insert(0, border)
    indent = (column_twips - 216 - length_twips) // 2
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = etree.SubElement(ppr, qn("w:ind"))
    ind.set(qn("w:left"), str(indent))
    ind.set(qn("w:right"), str(indent))


def table(body: etree._Element, widths: list[int], rows: int = 1) -> list[list[etree._Element]]:
    """A borderless table; returns its cells, row by row."""
    tbl = etree.SubElement(body, qn("w:tbl"))
    tbl.append(
        _el(f"""<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>
        <w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>
        <w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>
        <w:tblLayout w:type="fixed"/></w:tblPr>""")
    )
    grid = etree.SubElement(tbl, qn("w:tblGrid"))
    for width in widths:
        etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(width))
    out = []
    for _ in range(rows):
        tr = etree.SubElement(tbl, qn("w:tr"))
        cells = []
        for width in widths:
            tc = etree.SubElement(tr, qn("w:tc"))
            tc.append(_el(f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'))
            cells.append(tc)
        out.append(cells)
    return out


def _header(body: etree._Element, spec: Spec) -> None:
    [[left, right]] = table(body, [LEFT_COL, RIGHT_COL])
    para(left, "UBND TỈNH MẪU", 13, align="center")
    issuer = para(left, "SỞ NỘI VỤ", 13, bold=True, align="center")
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True, align="center")
    motto = para(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align="center")
    if spec.lines == "border":
        border_under(issuer, 520, LEFT_COL)
        border_under(motto, 3400, RIGHT_COL)
        number_at = left
    else:
        under = para(left, align="center")
        drawn_line(under, 520, (LEFT_COL - 216 - 520) // 2)
        drawn_line(para(right, align="center"), 3400, (RIGHT_COL - 216 - 3400) // 2)
        number_at = left
    para(number_at, spec.number, 13, align="center", before=120)
    if spec.kind == "CÔNG VĂN":
        para(left, spec.vv, 12, align="center", before=120)
    para(right, "Mẫu, ngày 05 tháng 3 năm 2024", 14, italic=True, align="center", before=120)


def _kinh_gui(body: etree._Element, spec: Spec) -> None:
    if not spec.addressees:
        return
    if len(spec.addressees) == 1:
        para(body, f"Kính gửi: {spec.addressees[0]}", align="center", before=240)
        return
    [[label, names]] = table(body, [2600, 6754])
    para(label, "Kính gửi:", align="right", before=240)
    for i, name in enumerate(spec.addressees):
        para(names, name, align="both", before=240 if i == 0 else 0)


def _closing(body: etree._Element, spec: Spec) -> None:
    [[left, right]] = table(body, [4500, 4854])
    para(left, "Nơi nhận:", 12, bold=True, italic=True, before=240)
    for line in spec.recipients:
        para(left, line, 11)
    keep = para(left, "- Lưu: VT, VP", 11)
    initials = run(keep, "(NVA)", 8)  # the drafter's initials, small and lowered
    etree.SubElement(initials.find(qn("w:rPr")), qn("w:vertAlign")).set(qn("w:val"), "subscript")
    run(keep, ".", 11)
    para(right, "KT. GIÁM ĐỐC", bold=True, align="center", before=240)
    para(right, "PHÓ GIÁM ĐỐC", bold=True, align="center")
    for _ in range(4):
        para(right, align="center")
    para(right, "Nguyễn Văn An", bold=True, align="center")


def _page_number(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.header._element
    for p in list(header):
        header.remove(p)
    header.append(
        _el("""<w:p><w:pPr><w:jc w:val="center"/></w:pPr>
      <w:r><w:fldChar w:fldCharType="begin"/></w:r>
      <w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>
      <w:r><w:fldChar w:fldCharType="separate"/></w:r>
      <w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r>
      <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>""")
    )


def make(spec: Spec | None = None) -> DocxDocument:
    spec = spec or Spec()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _styles(doc, spec)
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    body.remove(sect)
    for p in body.findall(qn("w:p")):
        body.remove(p)
    _header(body, spec)
    if spec.kind != "CÔNG VĂN":
        para(body, spec.kind, bold=True, align="center", before=360)
        for line in spec.summary:
            para(body, line, bold=True, align="center")
        if spec.summary:
            # About 40 % of the trích yếu's longest line (14 pt bold: some 7 pt a letter).
            width = int(max(len(line) for line in spec.summary) * 7 * 20 * 0.4)
            if spec.lines == "border":
                border_under(body[-1], width, 9354 + 216)
            else:
                drawn_line(para(body, align="center"), width, (9354 - width) // 2)
    _kinh_gui(body, spec)
    before, after = spec.spacing
    for text in spec.body or BODY:
        para(body, text, align="both", before=before, after=after, first_line=720,
             line=(276, "auto"))  # fmt: skip
    _closing(body, spec)
    body.append(sect)
    _page_number(doc)
    return doc


def add_comment(p: etree._Element, text: str, doc: DocxDocument) -> None:
    """A comment on a paragraph as Word stores it: a comments part, the range around the
    paragraph's runs and a reference run after them."""
    comments = _el(f"""<w:comments><w:comment w:id="0" w:author="Trung" w:initials="T">
      <w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>""")
    part = Part(PackURI("/word/comments.xml"), COMMENTS_TYPE, etree.tostring(comments),
                doc.part.package)  # fmt: skip
    doc.part.relate_to(part, RT.COMMENTS)
    runs = p.findall(qn("w:r"))
    runs[0].addprevious(etree.Element(qn("w:commentRangeStart"), {qn("w:id"): "0"}))
    runs[-1].addnext(etree.Element(qn("w:commentRangeEnd"), {qn("w:id"): "0"}))
    reference = etree.SubElement(p, qn("w:r"))
    etree.SubElement(reference, qn("w:commentReference"), {qn("w:id"): "0"})


def paragraph(doc: DocxDocument, start: str) -> etree._Element:
    """The first paragraph whose text starts with `start`."""
    for p in doc.element.body.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip().startswith(start):
            return p
    raise AssertionError(start)
