"""The provincial plan as a document: header, numbered body, Nơi nhận, signature."""

from __future__ import annotations

from dataclasses import replace

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
    ParagraphRole,
    Role,
    Row,
    Span,
    Table,
    plain,
)
from ..kinds import PLAN
from ..models.plan import (
    DEFAULT_LABELS,
    TABLE_HEADS,
    Assignment,
    HeadingStyle,
    Labels,
    Plan,
    TaskColumn,
    TaskTable,
)
from ..models.plan import Appendix as AppendixData
from ..models.plan import Table as TableData
from ..nd30 import TYPE_NAMES
from ..outline import Entry, appendix_label, appendix_rows, build, outline
from ..outline import entries as outline_entries
from ..registry import Registry
from .common import (
    archive_line,
    body_paragraph,
    cite_plan,
    closing,
    header_for,
    number_inline,
    recipient_of,
    signature_for,
    to_lines,
)
from .inline import Footnotes, inline, plain_text


def merged_labels(plan_labels: Labels, item_labels: Labels | None) -> Labels:
    merged = DEFAULT_LABELS.model_dump(by_alias=True)
    for source in (plan_labels, item_labels):
        if source is not None:
            merged.update(source.model_dump(by_alias=True, exclude_none=True))
    return Labels.model_validate(merged)


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

    def heading_look(self, level: int) -> HeadingStyle:
        looks = self.plan.headings
        return looks[level - 1] if level <= len(looks) else HeadingStyle()

    def title(self, entry: Entry) -> Inline | None:
        item = entry.item
        if not item.title:
            return None
        look = self.heading_look(entry.level)
        upper = look.upper if look.upper is not None else entry.level == 1
        text = item.title.upper() if upper else item.title
        base: Role | None = "strong" if item.inline_title else None
        return styled(inline(text, self.footnotes, base), look.bold, look.italic)

    def number(self, entry: Entry) -> Inline:
        look = self.heading_look(entry.level)
        bold = look.number_bold if look.number_bold is not None else look.bold
        italic = look.number_italic if look.number_italic is not None else look.italic
        return styled(number_inline(entry.number, entry.level), bold, italic)

    def item(self, entry: Entry) -> Item:
        item = entry.item
        blocks: list[Block] = [Paragraph(self.text(p.text), bullet=p.mark) for p in item.paragraphs]
        if item.table:
            blocks.append(self.table(item.table))
        if item.task_table is not None:
            blocks.append(self.task_table(item.task_table, entry.rows))
        blocks += [self.item(child) for child in entry.children]
        blocks += self.labels(entry)
        return Item(
            level=entry.level,
            number=self.number(entry),
            title=self.title(entry),
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
        if item.note:
            pairs.append((words.note or "", item.note))
        pairs.extend((extra.label, extra.text) for extra in item.extra_labels)
        look = LabelLook(
            italic=words.italic is not False,
            colon=words.colon is not False,
            bullet=words.bullet or "",
        )
        return [LabelLine(label, self.text(value), look) for label, value in pairs]

    def body_tasks_table(self) -> Table:
        """The body's tasks in one table (an appendix with `bang_nhiem_vu: true`)."""
        heads = ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"]
        rows = []
        for entry in outline_entries(self.plan):
            item = entry.item
            if not item.is_task:
                continue
            content = item.title or (item.texts[0] if item.texts else "")
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

    def task_table(self, table: TaskTable, rows: list[Entry]) -> Table:
        """Tasks given as the rows of a table, under group rows that span it."""
        notes = any(e.item.note for top in rows for e in top.walk())
        columns = list(table.columns) or [
            TaskColumn.model_validate({"truong": f}) for f in TABLE_HEADS if f != "ghi_chu" or notes
        ]
        out: list[Row] = []
        for top in rows:
            for entry in top.walk():
                out.append(self.task_row(entry, columns))
        return Table(
            tuple(Column(c.head or TABLE_HEADS[c.field], c.width) for c in columns), tuple(out)
        )

    def task_row(self, entry: Entry, columns: list[TaskColumn]) -> Row:
        item = entry.item
        if entry.is_group:
            title = self.text(item.title or "")
            if columns[0].field == "so":
                return Row((plain(entry.number), title), group=True)
            return Row((plain(f"{entry.number}. ") + title,), group=True)
        return Row(tuple(self.cell(entry, c.field) for c in columns))

    def cell(self, entry: Entry, field: str) -> Inline:
        item = entry.item
        if field == "so":
            return plain(entry.number)
        if field == "noi_dung":
            parts = ([item.title] if item.title else []) + [
                f"{p.mark} {p.text}" if p.mark else p.text for p in item.paragraphs
            ]
            parts += [c.title or " ".join(c.texts) for c in item.children]
            return self.text("\n".join(parts))
        if field in ("chu_tri", "phoi_hop"):
            assignment = item.lead if field == "chu_tri" else item.support
            if assignment is None:
                return Inline()
            return self.text(assignment.text or self.registry.wording(assignment.refs))
        if field == "thoi_gian":
            return self.text(item.timeframe.text) if item.timeframe else Inline()
        value = item.product if field == "san_pham" else item.note
        return self.text(value or "")

    def appendix_note(self) -> str:
        """ "(Kèm theo Kế hoạch số …/KH-UBND ngày … của …)" for an appendix without one."""
        issuer = self.registry.agencies[self.plan.issuer]
        type_name = TYPE_NAMES.get(self.plan.type_code, self.plan.type_code).capitalize()
        cited = cite_plan(self.plan, issuer).replace("Kế hoạch", type_name, 1)
        return f"(Kèm theo {cited})"

    def note_of(self, appendix: AppendixData) -> str:
        """The appendix's own note; else the plan's, unless its subtitle already says it."""
        if appendix.note is not None:
            return appendix.note
        if (appendix.subtitle or "").lstrip().startswith("(Kèm theo"):
            return ""
        return self.appendix_note()

    def appendices(self) -> tuple[Appendix, ...]:
        out = []
        tables = appendix_rows(self.plan)
        for index, a in enumerate(self.plan.appendices):
            blocks: list[Block] = [self.item(e) for e in build(a.items, self.plan.numbering)]
            if a.task_table is True:
                blocks.append(self.body_tasks_table())
            elif a.tasks is not None:
                blocks.append(self.task_table(a.tasks, tables[index]))
            out.append(
                Appendix(
                    label=appendix_label(self.plan, index).upper() if a.number else "",
                    title=self.text(a.title),
                    subtitle=a.subtitle or "",
                    note=self.note_of(a),
                    blocks=tuple(blocks),
                    landscape=a.is_landscape,
                )
            )
        return tuple(out)

    def compose(self) -> Document:
        plan = self.plan
        issuer = self.registry.agencies[plan.issuer]
        basis: ParagraphRole = "basis" if plan.basis_italic else "body"
        body: list[Block] = [Paragraph(self.text(b), basis) for b in plan.legal_basis]
        body += [body_paragraph(self.text(p)) for p in plan.opening]
        body += [self.item(e) for e in outline(plan)]
        body += closing(self.text(p) for p in plan.closing)
        distribution = [recipient_of(self.registry, r) for r in plan.distribution.recipients]
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
            attachment=parenthesised(plan.attachment),
        )


def styled(value: Inline, bold: bool | None, italic: bool | None) -> Inline:
    """`value` with a plan's own bold or italic over its template look, where set."""
    if bold is None and italic is None:
        return value
    return Inline(
        tuple(
            replace(p, bold=bold if bold is not None else p.bold,
                    italic=italic if italic is not None else p.italic)
            if isinstance(p, Span) else p
            for p in value.pieces
        )
    )  # fmt: skip


def parenthesised(text: str | None) -> str:
    if not text or not text.strip():
        return ""
    text = text.strip()
    return text if text.startswith("(") else f"({text})"


def compose_plan(plan: Plan, registry: Registry) -> Document:
    return PlanComposer(plan, registry).compose()
