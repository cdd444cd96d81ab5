"""The provincial plan as a document: header, numbered body, Nơi nhận, signature."""

from __future__ import annotations

import re

from ..document import (
    Appendix,
    Block,
    Column,
    Document,
    Inline,
    Item,
    LabelLine,
    LabelLook,
    Paragraph,
    Row,
    Table,
    plain,
)
from ..kinds import PLAN
from ..models.plan import DEFAULT_LABELS, Assignment, Labels, Plan
from ..models.plan import Table as TableData
from ..nd30 import TYPE_NAMES
from ..outline import Entry, build, entries, outline
from ..registry import Registry
from .common import (
    archive_line,
    body_paragraph,
    closing,
    header_for,
    recipient_line,
    signature_for,
    to_lines,
)
from .inline import Footnotes, inline, plain_text

_ROMAN = re.compile(r"^[IVXLCDM]+\.?$")


def merged_labels(plan_labels: Labels, item_labels: Labels | None) -> Labels:
    merged = DEFAULT_LABELS.model_dump(by_alias=True)
    for source in (plan_labels, item_labels):
        if source is not None:
            merged.update(source.model_dump(by_alias=True, exclude_none=True))
    return Labels.model_validate(merged)


def number_inline(number: str, level: int) -> Inline:
    """The printed number; "1." and "II." of the first two levels in bold."""
    counted = any(c.isdigit() for c in number) or bool(_ROMAN.match(number.strip()))
    return plain(number, "number" if counted and level <= 2 else None)


class PlanComposer:
    def __init__(self, plan: Plan, registry: Registry) -> None:
        self.plan = plan
        self.registry = registry
        self.footnotes = Footnotes(dict(plan.footnotes))

    def text(self, value: str) -> Inline:
        return inline(value, self.footnotes)

    def assignment_text(self, assignment: Assignment) -> str:
        if assignment.text:
            return assignment.text
        return self.registry.wording(assignment.refs) + "."

    def table(self, data: TableData) -> Table:
        weights: list[float | None] = list(data.widths) or [None] * len(data.head)
        return Table(
            columns=tuple(Column(h, w) for h, w in zip(data.head, weights, strict=True)),
            rows=tuple(Row(tuple(self.text(c) for c in row)) for row in data.rows),
        )

    def item(self, entry: Entry) -> Item:
        item = entry.item
        title = None
        if item.title:
            title = self.text(item.title.upper() if entry.level == 1 else item.title)
            if item.inline_title:
                title = inline(item.title, self.footnotes, "strong")
        blocks: list[Block] = [body_paragraph(self.text(p)) for p in item.paragraphs]
        if item.table:
            blocks.append(self.table(item.table))
        blocks += [self.item(child) for child in entry.children]
        blocks += self.labels(entry)
        return Item(
            level=entry.level,
            number=number_inline(entry.number, entry.level),
            title=title,
            blocks=tuple(blocks),
            run_in=item.inline_title and item.title is not None,
        )

    def labels(self, entry: Entry) -> list[LabelLine]:
        item = entry.item
        words = merged_labels(self.plan.labels, item.labels)
        pairs: list[tuple[str, str]] = []
        if item.lead:
            pairs.append((words.lead or "", self.assignment_text(item.lead)))
        if item.support:
            pairs.append((words.support or "", self.assignment_text(item.support)))
        if item.product:
            pairs.append((words.product or "", item.product))
        if item.timeframe:
            pairs.append((words.timeframe or "", item.timeframe.text))
        pairs.extend((extra.label, extra.text) for extra in item.extra_labels)
        look = LabelLook(bullet=words.bullet or "")
        return [LabelLine(label, self.text(value), look) for label, value in pairs]

    def task_table(self) -> Table:
        """The body's tasks in one table (an appendix with `bang_nhiem_vu: true`)."""
        heads = ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"]
        rows = []
        for entry in entries(self.plan):
            item = entry.item
            if not item.is_task:
                continue
            content = item.title or (item.paragraphs[0] if item.paragraphs else "")
            cells = [
                entry.ref,
                plain_text(content),
                self.assignment_text(item.lead) if item.lead else "",
                self.assignment_text(item.support) if item.support else "",
                item.timeframe.text if item.timeframe else "",
                item.product or "",
            ]
            rows.append(Row(tuple(plain(c) for c in cells)))
        return Table(tuple(Column(h) for h in heads), tuple(rows))

    def appendices(self) -> tuple[Appendix, ...]:
        out = []
        for a in self.plan.appendices:
            blocks: list[Block] = [self.item(e) for e in build(a.items, self.plan.numbering)]
            if a.task_table:
                blocks.append(self.task_table())
            out.append(
                Appendix(
                    label="",
                    title=self.text(a.title),
                    subtitle=a.subtitle or "",
                    note=a.note or "",
                    blocks=tuple(blocks),
                )
            )
        return tuple(out)

    def compose(self) -> Document:
        plan = self.plan
        issuer = self.registry.agencies[plan.issuer]
        body: list[Block] = [Paragraph(self.text(b), "basis") for b in plan.legal_basis]
        body += [body_paragraph(self.text(p)) for p in plan.opening]
        body += [self.item(e) for e in outline(plan)]
        body += closing(self.text(p) for p in plan.closing)
        distribution = [
            recipient_line(r.text or self.registry.wording(r.refs), r.purpose)
            for r in plan.distribution.recipients
        ]
        appendices = self.appendices()
        return Document(
            kind=PLAN.id,
            title=f"{TYPE_NAMES.get(plan.type_code, plan.type_code)} {plain_text(plan.summary)}",
            header=header_for(issuer, plan.type_code, plan.number, plan.date, plan.issue_year),
            type_name=TYPE_NAMES.get(plan.type_code, plan.type_code.upper()),
            summary=self.text(plan.summary),
            to=to_lines(plan.to),
            body=tuple(body),
            distribution=(*distribution, archive_line(plan.distribution.archive)),
            signature=signature_for(plan.signer or issuer.signer),
            appendices=appendices,
            footnotes=self.footnotes.notes(),
        )


def compose_plan(plan: Plan, registry: Registry) -> Document:
    return PlanComposer(plan, registry).compose()
