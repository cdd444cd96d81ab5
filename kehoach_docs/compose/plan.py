"""The provincial plan as a view model: header, numbered body, Nơi nhận, signature."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.plan import DEFAULT_LABELS, Assignment, Item, Labels, Plan
from ..outline import number_for
from ..registry import Registry
from .common import (
    TYPE_NAMES,
    Block,
    DocumentVM,
    header_for,
    recipient_lines,
    signature_for,
    to_lines,
)
from .inline import EMPHASIS, LABEL, NUMBER, STRONG, Footnotes, Runs, inline, plain, plain_text
from .table import table_xml


@dataclass
class TaskRow:
    number: str
    content: str
    lead: str
    support: str
    timeframe: str
    product: str


@dataclass
class AppendixVM:
    title: str
    subtitle: str
    note: str
    blocks: list[Block]
    tasks: list[TaskRow]


def _merged(plan_labels: Labels, item_labels: Labels | None) -> Labels:
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

    def text(self, value: str, base: str | None = None) -> Runs:
        return inline(value, self.footnotes, base)

    def assignment_text(self, assignment: Assignment) -> str:
        if assignment.text:
            return assignment.text
        return self.registry.wording(assignment.refs) + "."

    def number_for(self, item: Item, level: int, index: int, parent: str) -> str:
        return number_for(item, level, index, parent, self.plan.numbering)

    def items(self, items: list[Item], level: int = 1, parent: str = "") -> list[Block]:
        blocks: list[Block] = []
        for index, item in enumerate(items, start=1):
            number = self.number_for(item, level, index, parent)
            blocks.extend(self.item(item, level, number))
        return blocks

    def item(self, item: Item, level: int, number: str) -> list[Block]:
        numbered = "{R}" in number or any(c.isdigit() for c in number)
        number_runs = plain(
            number + " " if number else "", NUMBER if numbered and level <= 2 else None
        )
        paragraphs = list(item.paragraphs)
        blocks: list[Block] = []
        if item.title and not item.inline_title:
            title = item.title.upper() if level == 1 else item.title
            kind = f"h{min(level, 3)}"
            blocks.append(Block(kind, number_runs + self.text(title)))
        elif item.title:
            first = paragraphs.pop(0) if paragraphs else ""
            runs = number_runs + self.text(item.title, STRONG)
            if first:
                runs = runs + plain(" ") + self.text(first)
            blocks.append(Block("p", runs))
        elif paragraphs:
            blocks.append(Block("p", number_runs + self.text(paragraphs.pop(0))))
        elif number:
            blocks.append(Block("p", number_runs))
        blocks.extend(Block("p", self.text(p)) for p in paragraphs)
        if item.table:
            blocks.append(Block("table", table_xml(item.table, self.footnotes)))
        blocks.extend(self.items(item.children, level + 1, number))
        blocks.extend(self.labels(item))
        return blocks

    def labels(self, item: Item) -> list[Block]:
        words = _merged(self.plan.labels, item.labels)
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
        bullet = (words.bullet + " ") if words.bullet else ""
        return [
            Block(
                "label", plain(bullet) + plain(label + ":", LABEL) + plain(" ") + self.text(value)
            )
            for label, value in pairs
        ]

    def task_rows(self, items: list[Item], level: int = 1, parent: str = "") -> list[TaskRow]:
        rows: list[TaskRow] = []
        for index, item in enumerate(items, start=1):
            number = self.number_for(item, level, index, parent)
            if item.is_task:
                content = item.title or (item.paragraphs[0] if item.paragraphs else "")
                rows.append(
                    TaskRow(
                        number=number.rstrip("."),
                        content=plain_text(content),
                        lead=self.assignment_text(item.lead) if item.lead else "",
                        support=self.assignment_text(item.support) if item.support else "",
                        timeframe=item.timeframe.text if item.timeframe else "",
                        product=item.product or "",
                    )
                )
            rows.extend(self.task_rows(item.children, level + 1, number))
        return rows

    def compose(self) -> DocumentVM:
        plan = self.plan
        issuer = self.registry.agencies[plan.issuer]
        body = [Block("basis", self.text(b, EMPHASIS)) for b in plan.legal_basis]
        body += [Block("p", self.text(p)) for p in plan.opening]
        body += self.items(plan.sections)
        body += [Block("p", self.text(p)) for p in plan.closing]
        appendices = [
            AppendixVM(
                title=a.title,
                subtitle=a.subtitle or "",
                note=a.note or "",
                blocks=self.items(a.items),
                tasks=self.task_rows(plan.sections) if a.task_table else [],
            )
            for a in plan.appendices
        ]
        return DocumentVM(
            header=header_for(issuer, plan.type_code, plan.number, plan.date, plan.issue_year),
            doc_type=TYPE_NAMES.get(plan.type_code, plan.type_code.upper()),
            summary=self.text(plan.summary),
            body=body,
            to=to_lines(plan.to),
            recipients=recipient_lines(
                self.registry, plan.distribution.recipients, plan.distribution.archive
            ),
            signature=signature_for(plan.signer or issuer.signer),
            appendices=list(appendices),
            footnotes=self.footnotes,
        )


def compose_plan(plan: Plan, registry: Registry) -> DocumentVM:
    return PlanComposer(plan, registry).compose()
