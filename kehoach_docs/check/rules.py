"""The NĐ 30 rules in the order findings are reported, and the check of one file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from . import body, closing, header, hygiene, page
from .document import Document
from .findings import WARNING, Finding, Report
from .layout import Layout, read_layout

Rule = Callable[[Document, Layout], Iterator[Finding]]

# Each rule with the id it reports under, should a strange file stop it.
RULES: list[tuple[Rule, str]] = [
    (page.paper, "kho-giay"), (page.fonts, "phong-chu"),
    (header.national, "quoc-hieu"), (header.motto, "tieu-ngu"), (header.issuer, "co-quan"),
    (header.number, "so-ky-hieu"), (header.place_date, "dia-danh-ngay"),
    (header.doc_type, "ten-loai"), (body.kinh_gui, "kinh-gui"), (body.body, "noi-dung"),
    (body.headings, "de-muc"), (closing.signature, "chu-ky"), (closing.recipients, "noi-nhan"),
    (closing.addressed_match, "noi-nhan"), (page.page_numbers, "so-trang"),
    (hygiene.placeholders, "cho-trong"), (hygiene.comments, "ghi-chu"),
    (hygiene.revisions, "theo-doi-sua"), (hygiene.colours, "mau-chu"),
    (hygiene.typed_rules, "ke-bang-ky-tu"), (hygiene.fixed_rows, "hang-bang"),
    (hygiene.hard_breaks, "ngat-dong"),
]  # fmt: skip


def check_docx(source: Path | IO[bytes], display: str | None = None) -> Report:
    """The audit of one .docx: `source` is the file, or its bytes already read (then
    `display` names it)."""
    named = str(source) if isinstance(source, Path) else "tệp .docx"
    report = Report(display or named)
    try:
        doc = Document(source)
        layout = read_layout(doc)
    except Exception as exc:  # python-docx raises many kinds for files that are not .docx
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        report.findings.append(
            Finding("kho-giay", f"không đọc được tệp .docx ({type(exc).__name__})")
        )
        return report
    report.kind = layout.kind.label if layout.kind else None
    for check, rule_id in RULES:
        try:
            report.findings.extend(check(doc, layout))
        except Exception as exc:  # a part written against the schema: check the rest
            if os.environ.get("KEHOACH_DEBUG"):
                raise
            message = f"không kiểm tra được: tệp có phần viết sai cấu trúc ({type(exc).__name__})"
            report.findings.append(Finding(rule_id, message, severity=WARNING))
    return report
