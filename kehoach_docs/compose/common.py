"""Parts every NĐ 30 document shares: header block, signature, Nơi nhận."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models.plan import Archive, Recipient
from ..models.registry import Agency, Signer
from ..registry import Registry
from ..vn import numbered, place_date_line
from .inline import DRAFTER, Footnotes, Runs, lines, plain, run_xml

# Phụ lục III of NĐ 30: national law, the same in every province.
TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "TTr": "TỜ TRÌNH",
    "CTr": "CHƯƠNG TRÌNH",
    "HD": "HƯỚNG DẪN",
    "CT": "CHỈ THỊ",
    "NQ": "NGHỊ QUYẾT",
    "QyĐ": "QUY ĐỊNH",
    "ĐA": "ĐỀ ÁN",
    "PA": "PHƯƠNG ÁN",
    "BB": "BIÊN BẢN",
}


@dataclass
class Block:
    """One body paragraph: `kind` picks the template's paragraph, `runs` its text."""

    kind: str
    runs: Runs


@dataclass
class HeaderVM:
    governing: Runs
    issuing: Runs
    number: str
    place_date: str


@dataclass
class SignatureVM:
    authority: list[str]
    title: str
    name: str


@dataclass
class DocumentVM:
    """What every document template receives; kinds add their own fields beside it."""

    header: HeaderVM
    doc_type: str
    summary: Runs
    body: list[Block]
    recipients: list[Runs]
    signature: SignatureVM
    to: list[str] = field(default_factory=list)
    appendices: list[object] = field(default_factory=list)
    footnotes: Footnotes | None = None


def header_for(
    agency: Agency, type_code: str, number: int | str | None, when: date | None, year: int | None
) -> HeaderVM:
    # Validation guarantees an issuing agency has all three (Agency.can_issue).
    assert agency.header is not None and agency.code and agency.place
    return HeaderVM(
        governing=lines(agency.header.governing),
        issuing=lines(agency.header.issuing),
        number=numbered("Số:", number, type_code, agency.code),
        place_date=place_date_line(agency.place, when, year),
    )


def to_lines(recipients: list[str]) -> list[str]:
    """Box 9a: `Kính gửi: X.`; several recipients one a line, `-` before, `;` after."""
    if not recipients:
        return []
    if len(recipients) == 1:
        return [f"Kính gửi: {recipients[0].rstrip('.;')}."]
    items = [f"- {r.rstrip('.;')};" for r in recipients]
    items[-1] = items[-1][:-1] + "."
    return ["Kính gửi:", *items]


def signature_for(signer: Signer) -> SignatureVM:
    return SignatureVM(
        authority=[a.upper() for a in signer.authority],
        title=signer.title.upper(),
        name=signer.name,
    )


def recipient_lines(
    registry: Registry, recipients: list[Recipient], archive: Archive
) -> list[Runs]:
    """`- X (b/c);` one a line, then `- Lưu: VT, ….` with the drafter mark in small type."""
    out: list[Runs] = []
    for r in recipients:
        text = r.text or registry.wording(r.refs)
        mark = f" ({r.purpose})" if r.purpose else ""
        out.append(plain(f"- {text}{mark};"))
    xml = run_xml("- Lưu: ")
    for i, place in enumerate(archive.places):
        xml += run_xml(("" if i == 0 else ", ") + place)
        if archive.drafter and archive.drafter.after == place:
            xml += run_xml(archive.drafter.mark, DRAFTER)
    if archive.copies:
        xml += run_xml(f" ({archive.copies})")
    out.append(Runs(xml + run_xml(".")))
    return out
