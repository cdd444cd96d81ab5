"""Parts every NĐ 30 document shares: header block, signature, Kính gửi, Nơi nhận."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ..document import Header, Inline, Paragraph, Signature, Span, plain
from ..errors import KehoachError
from ..models.plan import Archive, Plan, Recipient
from ..models.registry import Agency, Signer
from ..progress import short_date
from ..registry import Registry
from ..vn import date_words, numbered, place_date_line
from .headings import lower_first
from .inline import clean, plain_text

NBSP = "\u00a0"


def header_for(
    agency: Agency, type_code: str, number: int | str | None, when: date | None, year: int | None,
    unit: str = "",
) -> Header:  # fmt: skip
    """Boxes 2-4 of `agency`; validation has made sure it can issue documents. A công văn
    has no `type_code`; its ký hiệu is the agency's code then the drafting `unit`."""
    if agency.header is None or not agency.code or not agency.place:
        raise KehoachError(
            f"{agency.name} ({agency.id}) chưa đủ thông tin để ban hành văn bản: cần "
            "“tieu_de”, “ma” và “dia_danh” trong danh mục cơ quan"
        )
    return Header(
        governing=tuple(agency.header.governing),
        issuing=tuple(agency.header.issuing),
        number=numbered("Số:", number, type_code, f"{agency.code}-{unit}" if unit else agency.code),
        place_date=place_date_line(agency.place, when, year),
    )


def signature_for(signer: Signer) -> Signature:
    return Signature(
        authority=tuple(a.upper() for a in signer.authority),
        title=signer.title.upper(),
        name=signer.name,
    )


def to_lines(recipients: list[str]) -> tuple[str, ...]:
    """Box 9a: `Kính gửi: X.`; several recipients one a line, `-` before, `;` after."""
    if not recipients:
        return ()
    if len(recipients) == 1:
        return (f"Kính gửi: {recipients[0].rstrip('.;')}.",)
    items = [f"- {r.rstrip('.;')};" for r in recipients]
    items[-1] = items[-1][:-1] + "."
    return ("Kính gửi:", *items)


def recipient_line(text: str, purpose: str | None = None) -> Inline:
    """`- X (b/c);`"""
    mark = f" ({purpose})" if purpose else ""
    return plain(f"- {clean(text).rstrip(' .;')}{mark};")


def recipient_of(registry: Registry, recipient: Recipient) -> Inline:
    """A Nơi nhận line as the data gives it: its words, else the bodies it names."""
    return recipient_line(
        recipient.text or registry.short_wording(recipient.refs), recipient.purpose
    )


def archive_line(archive: Archive) -> Inline:
    """`- Lưu: VT, NC(TTTT).` with the drafter's mark in small type after its unit."""
    pieces: list[Span] = [Span("- Lưu: ")]
    for i, place in enumerate(archive.places):
        pieces.append(Span(("" if i == 0 else ", ") + place))
        if archive.drafter and archive.drafter.after == place:
            pieces.append(Span(archive.drafter.mark, "drafter"))
    if archive.copies:
        pieces.append(Span(f" ({archive.copies})"))
    pieces.append(Span("."))
    return Inline(tuple(pieces))


def cite_plan(plan: Plan, issuer: Agency) -> str:
    """`Kế hoạch số 15/KH-UBND ngày 04 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh`."""
    number = numbered("số", plan.number, plan.type_code, issuer.code or "")
    return f"Kế hoạch {number} {date_words(plan.date, plan.issue_year)} của {issuer.name}"


def plan_reference(plan: Plan, issuer: Agency) -> str:
    """`Kế hoạch số 15/KH-UBND ngày 15/3/2024 của UBND tỉnh`: the short citation of a
    "V/v" line or a heading."""
    # A draft's blank number must not break a line before "/KH-UBND".
    number = numbered("số", plan.number, plan.type_code, issuer.code or "").replace(" ", NBSP)
    when = f" ngày {short_date(plan.date)}" if plan.date else ""
    return f"Kế hoạch {number}{when} của {issuer.display_short}"


def body_paragraph(text: Inline) -> Paragraph:
    """A paragraph; one typed with a leading "- " or "+ " is a bullet paragraph."""
    first = text.pieces[0] if text.pieces else None
    if isinstance(first, Span) and first.text[:2] in ("- ", "+ "):
        rest = Span(first.text[2:], first.role, first.bold, first.italic)
        return Paragraph(Inline((rest, *text.pieces[1:])), bullet=first.text[0])
    return Paragraph(text)


def closing(paragraphs: Iterable[Inline]) -> list[Paragraph]:
    """The closing paragraphs; the last keeps with the signature block below it, so that
    Nơi nhận and the signature never stand alone on a page."""
    out = [Paragraph(p, "closing") for p in paragraphs]
    if out:
        out[-1] = Paragraph(out[-1].text, "closing", keep_with_next=True)
    return out


# A Roman numeral of a part ("II."): printed bold, as a counted number.
_ROMAN = re.compile(r"^[IVXLCDM]+\.?$")


def number_inline(number: str, level: int) -> Inline:
    """The printed number; "1." and "II." of the first two levels in bold."""
    counted = any(c.isdigit() for c in number) or bool(_ROMAN.match(number.strip()))
    return plain(number, "number" if counted and level <= 2 else None)


def subject(plan: Plan) -> str:
    """What the plan is about, said after other words: its `chu_de`, else its trích yếu."""
    return lower_first(plain_text(plan.subject or plan.summary).rstrip(" ."))
