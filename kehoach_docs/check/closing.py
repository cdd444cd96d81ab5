"""Rules of the closing: Nơi nhận (box 9b), the signature (7a-7c), and whether Nơi nhận
agrees with "Kính gửi"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..docxread import Para
from .document import Document, check_look, looks, pt
from .findings import WARNING, Finding, norm
from .layout import DASHES, Layout

SAME_AS_ABOVE = "Như trên"
LUU = re.compile(r"^- Lưu\s*:\s*VT\b.*\.$")


def _items(layout: Layout) -> tuple[Para | None, list[Para]]:
    label = next((p for p in layout.recipients if norm(p.text).startswith("Nơi nhận")), None)
    if label is None:
        return None, []
    rest = layout.recipients[layout.recipients.index(label) + 1 :]
    return label, [p for p in rest if p.text.strip()]


def _item_sizes(para: Para, last: bool) -> set[float]:
    """Sizes of a Nơi nhận line. In the Lưu line the drafter's initials and the number of
    copies are set small or lowered ("NC<sub>TTTT</sub>"): box 12, not an item."""
    if not last:
        return {look.size_pt for look in looks(para, scripts=False)}
    out: set[float] = set()
    for text, look in para.looks:
        if not text.strip() or look.vert_align in ("subscript", "superscript"):
            continue
        if out and look.size_pt < 11:
            continue
        out.add(look.size_pt)
    return out


def recipients(doc: Document, layout: Layout) -> Iterator[Finding]:
    label, items = _items(layout)
    if label is None:
        yield Finding("noi-nhan", "không thấy “Nơi nhận:” ở cuối văn bản")
        return
    if norm(label.text) != "Nơi nhận:":
        yield Finding("noi-nhan", "viết “Nơi nhận:”", label.text)
    yield from check_look("noi-nhan", label, "“Nơi nhận:”", (12, 12), bold=True, italic=True)
    if not items:
        yield Finding("noi-nhan", "chưa có nơi nhận nào", label.text)
        return
    wrong: list[tuple[Para, list[float]]] = []
    for n, para in enumerate(items):
        text = norm(para.text)
        if not text.startswith("-"):
            yield Finding("noi-nhan", "mỗi nơi nhận một dòng, bắt đầu bằng “-”", para.text)
        found = sorted(_item_sizes(para, n == len(items) - 1))
        if any(s != 11 for s in found):
            wrong.append((para, found))
        yield from check_look("noi-nhan", para, "nơi nhận", bold=False, italic=False)
    if wrong:
        shown = ", ".join(pt(s) for s in sorted({s for _, f in wrong for s in f}))
        more = f" ({len(wrong)} dòng)" if len(wrong) > 1 else ""
        para, found = wrong[0]
        yield Finding("noi-nhan", f"nơi nhận cỡ chữ {shown}, cần 11{more}", para.text,
                      measured=found[0] if len(found) == 1 else shown, required="11",
                      unit="pt")  # fmt: skip
    for para in items[:-1]:
        if not norm(para.text).endswith(";"):
            yield Finding("noi-nhan", "nơi nhận kết thúc bằng “;”", para.text)
    last = norm(items[-1].text)
    if not LUU.match(last):
        yield Finding("noi-nhan", "dòng cuối là “- Lưu: VT, <đơn vị soạn thảo>.”", items[-1].text)


def _names(text: str) -> str:
    """An addressee as compared between Kính gửi and Nơi nhận: no dash, no end mark, no
    purpose in brackets, case folded."""
    text = norm(text).lstrip("".join(DASHES)).strip().rstrip(";.,").strip()
    return re.sub(r"\s*\([^)]*\)$", "", text).casefold()


def addressed_match(doc: Document, layout: Layout) -> Iterator[Finding]:
    """Nơi nhận starts "- Như trên;" exactly when there is a Kính gửi (NĐ 30, Phụ lục I)."""
    label, items = _items(layout)
    if label is None or not items:
        return
    same = [p for p in items if _names(p.text).startswith(SAME_AS_ABOVE.casefold())]
    if layout.kinh_gui is None:
        for para in same:
            message = "có “- Như trên;” nhưng văn bản không có “Kính gửi:”"
            yield Finding("noi-nhan", message, para.text)
        return
    addressees = [_names(doc.paras[i].text) for i in layout.addressees]
    if layout.kinh_gui_text:
        addressees.append(_names(layout.kinh_gui_text))
    listed = {_names(p.text) for p in items}
    if not same:
        missing = [a for a in addressees if a and a not in listed]
        if missing:
            message = "có “Kính gửi:” thì Nơi nhận mở đầu bằng “- Như trên;”"
            yield Finding("noi-nhan", message, items[0].text, required="- Như trên;")
        return
    if _names(items[0].text) != SAME_AS_ABOVE.casefold():
        yield Finding("noi-nhan", "“- Như trên;” là dòng đầu tiên của Nơi nhận", same[0].text)
    twice = [p for p in items if _names(p.text) in addressees and _names(p.text)]
    for para in twice:
        message = "nơi này đã có trong “Kính gửi:” (“Như trên”), không ghi lại"
        yield Finding("noi-nhan", message, para.text)


def signature(doc: Document, layout: Layout) -> Iterator[Finding]:
    lines = [p for p in layout.signature if p.text.strip()]
    if not lines:
        yield Finding("chu-ky", "không thấy quyền hạn, chức vụ người ký")
        return
    for para in lines:
        yield from check_look("chu-ky", para, "quyền hạn, chức vụ, họ tên người ký", (13, 14),
                              bold=True, italic=False, center=True)  # fmt: skip
    named = len(lines) > 1 and norm(lines[-1].text) != norm(lines[-1].text).upper()
    if not named:
        # A draft may wait for its signer; the văn thư still has to type the name in.
        message = "chưa có họ tên người ký dưới chức vụ"
        yield Finding("chu-ky", message, lines[-1].text, WARNING)
    for para in lines[:-1] if named else lines:
        if norm(para.text) != norm(para.text).upper():
            yield Finding("chu-ky", "quyền hạn, chức vụ in hoa", para.text)
