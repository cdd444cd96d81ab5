"""The NĐ 30 rules in the order findings are reported, and the check of one file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from . import body, closing, header, hygiene, page
from .document import Document
from .findings import Finding, Report
from .layout import Layout, read_layout

Rule = Callable[[Document, Layout], Iterator[Finding]]

RULES: list[Rule] = [
    page.paper, page.fonts,
    header.national, header.motto, header.issuer, header.number, header.place_date,
    header.doc_type, body.kinh_gui, body.body, body.headings,
    closing.signature, closing.recipients, closing.addressed_match,
    page.page_numbers,
    hygiene.placeholders, hygiene.comments, hygiene.revisions, hygiene.colours,
    hygiene.typed_rules, hygiene.fixed_rows, hygiene.hard_breaks,
]  # fmt: skip


def check_docx(path: Path, display: str | None = None) -> Report:
    report = Report(display or str(path))
    try:
        doc = Document(path)
    except Exception as exc:  # python-docx raises many kinds for files that are not .docx
        report.findings.append(
            Finding("kho-giay", f"không đọc được tệp .docx ({type(exc).__name__})")
        )
        return report
    layout = read_layout(doc)
    report.kind = layout.kind.label if layout.kind else None
    for check in RULES:
        report.findings.extend(check(doc, layout))
    return report
