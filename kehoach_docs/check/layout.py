"""Where each part of the NĐ 30 layout sits in a document read back: the header block,
tên loại and trích yếu (or a công văn's "V/v"), "Kính gửi", the body, Nơi nhận and the
signature. Found once; every rule reads from here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..docxread import Para
from ..nd30 import KINDS
from ..render.styles import w
from .document import Document
from .findings import norm
from .kinds import CONG_VAN, SUMMARY_OPTIONAL, Kind, kind_of, modern_tones

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_LIMIT = 40
DASHES = ("-", "–", "—", "+", "•")
DATE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>[\d.…]*)\s*tháng\s*(?P<m>[\d.…]*)\s*năm\s*(?P<y>\d{4})$"
)


def is_national(para: Para) -> bool:
    return modern_tones(norm(para.text).upper()) == NATIONAL


def is_vv(para: Para) -> bool:
    return norm(para.text).lower().startswith("v/v")


def is_kinh_gui(para: Para) -> bool:
    return norm(para.text).startswith("Kính gửi")


def after_label(text: str, label: str) -> str:
    """What follows "Kính gửi" or "Nơi nhận" and its colon on the same line."""
    return norm(norm(text)[len(label) :].lstrip().removeprefix(":"))


def page_break_before(para: Para) -> bool:
    el = para.element
    breaks = el.iter(w("br"))
    return (
        any(b.get(w("type")) == "page" for b in breaks)
        or el.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None
    )


@dataclass
class Layout:
    national: int | None = None
    motto: int | None = None
    header_end: int = -1  # the last paragraph of the header table, when there is one
    issuer: list[Para] = field(default_factory=list)  # box 2, above "Số"
    number: int | None = None
    date: int | None = None
    vv: list[int] = field(default_factory=list)
    kind: Kind | None = None
    type_index: int | None = None
    summary: list[int] = field(default_factory=list)
    kinh_gui: int | None = None
    addressees: list[int] = field(default_factory=list)
    recipients: list[Para] = field(default_factory=list)  # "Nơi nhận:" and its lines
    signature: list[Para] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    kinh_gui_text: str = ""  # an addressee on the "Kính gửi:" line itself
    main_end: int = 0  # where the document proper ends and appendices begin


def _left_header(doc: Document, national: int | None) -> list[Para]:
    """Box 2: the header table's first column above the "Số:" line."""
    if national is None:
        return []
    cell = doc.cell(doc.paras[national])
    row = next(cell.iterancestors(w("tr")), None) if cell is not None else None
    first = row.find(w("tc")) if row is not None else None
    if first is None or first is cell:
        return []
    own = next((p for p in doc.paras if doc.cell(p) is first), None)
    out = []
    for para in doc.column_of(own) if own is not None else []:
        if norm(para.text).startswith("Số") or is_vv(para):
            break
        out.append(para)
    return out


def _summary(doc: Document, kind: Kind, type_index: int) -> list[int]:
    paras = doc.paras
    first = doc.find(lambda p: bool(p.text.strip()), type_index + 4, type_index + 1)
    if first is None:
        return []
    head = paras[first]
    text = norm(head.text)
    if text.startswith(("Kính gửi", "Căn cứ")) or head.in_table:
        return []
    if kind.name in SUMMARY_OPTIONAL and head.align != "center":
        return []
    out = [first]
    bold = all(look.bold for t, look in head.looks if t.strip())
    for index in range(first + 1, min(first + 4, len(paras))):
        para = paras[index]
        text = norm(para.text)
        weight = all(look.bold for t, look in para.looks if t.strip())
        if (not text or para.in_table or para.align != "center" or weight != bold
                or text.startswith(("(", "Kính gửi", "Căn cứ"))):  # fmt: skip
            break
        out.append(index)
    return out


def _addressees(doc: Document, label: int) -> list[int]:
    """The lines listing whom a "Kính gửi" addresses: the rest of its table, or the lines
    under it (the first one, then dashed ones) up to the one that ends with a full stop."""
    para = doc.paras[label]
    table = next(para.element.iterancestors(w("tbl")), None)
    if table is not None:
        return [i for i in doc.table_paras(table) if i > label and doc.paras[i].text.strip()]
    out: list[int] = []
    for index in range(label + 1, min(label + 40, len(doc.paras))):
        text = norm(doc.paras[index].text)
        if not text:
            continue
        inline = after_label(para.text, "Kính gửi")
        dashed = text.startswith(DASHES)
        if doc.paras[index].in_table or (not dashed and (out or inline)):
            break
        out.append(index)
        if text.endswith("."):
            break
    return out


def _closing(doc: Document) -> tuple[etree._Element | None, list[Para], list[Para]]:
    """The table holding "Nơi nhận" and the signature, its left and right cells."""
    index = None
    for i, para in enumerate(doc.paras):
        if norm(para.text).startswith("Nơi nhận"):
            index = i
    if index is None:
        return None, [], []
    label = doc.paras[index]
    table = next(label.element.iterancestors(w("tbl")), None)
    if table is None:
        items = [label]
        for para in doc.paras[index + 1 :]:
            if para.text.strip() and not norm(para.text).startswith(DASHES):
                break
            items.append(para)
        return None, items, []
    row = next(label.element.iterancestors(w("tr")), None)
    cells = row.findall(w("tc")) if row is not None else []
    groups: list[list[Para]] = [[] for _ in cells]
    for para in doc.paras:
        cell = doc.cell(para)
        if cell in cells:
            groups[cells.index(cell)].append(para)
    left = next((g for g in groups if label in g), [])
    right = next((g for g in groups if g is not left and any(p.text.strip() for p in g)), [])
    return table, left, right


def _signature_after(doc: Document, end: int) -> list[Para]:
    """Signature lines after the body when there is no Nơi nhận beside them: up to the next
    page or appendix."""
    out: list[Para] = []
    for para in doc.paras[end:]:
        text = norm(para.text)
        if page_break_before(para) or text.upper().startswith("PHỤ LỤC"):
            break
        if text:
            out.append(para)
        if len(out) >= 6:
            break
    return out


def read_layout(doc: Document) -> Layout:
    paras = doc.paras
    out = Layout()
    out.national = doc.find(is_national, HEADER_LIMIT)
    out.motto = doc.find(lambda p: norm(p.text).replace("–", "-") == MOTTO, HEADER_LIMIT)
    anchor = out.national if out.national is not None else out.motto
    if anchor is not None:
        table = next(paras[anchor].element.iterancestors(w("tbl")), None)
        if table is not None:
            out.header_end = max(doc.table_paras(table))
    limit = out.header_end + 1 if out.header_end >= 0 else HEADER_LIMIT
    out.issuer = _left_header(doc, out.national)
    out.number = doc.find(lambda p: norm(p.text).startswith("Số") and "/" in p.text, limit)
    out.date = doc.find(lambda p: bool(DATE.match(norm(p.text))), limit)
    vv = doc.find(is_vv, limit)
    if vv is not None:
        out.vv = [vv]
        for index in range(vv + 1, min(vv + 4, len(paras))):
            para = paras[index]
            if not para.text.strip() or doc.container(para) is not doc.container(paras[vv]):
                break
            out.vv.append(index)
    start = max([out.header_end, out.number or -1, out.date or -1, *out.vv]) + 1
    out.type_index = doc.find(
        lambda p: not p.in_table and kind_of(p.text) is not None, start + 20, start
    )
    if out.type_index is not None:
        name = kind_of(paras[out.type_index].text) or ""
        out.kind = Kind(name, KINDS.get(name))
        out.summary = _summary(doc, out.kind, out.type_index)
    elif out.vv:
        out.kind = Kind(CONG_VAN, None)
    start = max([start - 1, out.type_index or -1, *out.summary]) + 1
    out.kinh_gui = doc.find(is_kinh_gui, start + 12, start)
    if out.kinh_gui is not None:
        out.kinh_gui_text = after_label(paras[out.kinh_gui].text, "Kính gửi")
        out.addressees = _addressees(doc, out.kinh_gui)
        start = max([out.kinh_gui, *out.addressees]) + 1
    table, out.recipients, out.signature = _closing(doc)
    if table is not None:
        end = min(doc.table_paras(table))
        out.main_end = max(doc.table_paras(table)) + 1
    elif out.recipients:
        end = doc.position[out.recipients[0].element]
        out.main_end = doc.position[out.recipients[-1].element] + 1
    else:
        closing = doc.find(lambda p: norm(p.text).endswith("./."), None, start)
        end = len(paras) if closing is None else closing + 1
        out.main_end = end
    if not out.signature:
        out.signature = _signature_after(doc, end)
        if out.signature:
            out.main_end = max(out.main_end, doc.position[out.signature[-1].element] + 1)
    out.body = [i for i in range(start, end) if not paras[i].in_table and paras[i].text.strip()]
    return out
