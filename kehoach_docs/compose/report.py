"""An agency's periodic report (Báo cáo) on the plan, in the agency's voice.

The figures come from progress.PeriodState; the words from what the agency reported.
A part the agency wrote nothing for is left out, not printed as "(Không có.)".
"""

from __future__ import annotations

from datetime import date

from ..document import Block, Column, Document, Inline, Item, Paragraph, Row, Table, plain
from ..kinds import REPORT
from ..models.details import AgencyDetails, archive_of, leadership_of, signer_of
from ..models.plan import Plan
from ..models.progress import NOT_REPORTED, Progress, TaskProgress
from ..models.registry import Agency, Signer
from ..outline import format_number
from ..periods import Period
from ..progress import PeriodState, TaskState, short_date
from ..registry import Registry
from ..vn import upper_first
from .common import (
    archive_line,
    body_paragraph,
    cite_plan,
    closing,
    header_for,
    number_inline,
    recipient_line,
    signature_for,
    subject,
    to_lines,
)
from .headings import Addressees, task_heading
from .inline import Footnotes, inline


def task_title(state: TaskState, names: Addressees) -> str:
    """The task as a report names it: its short heading, whole."""
    return upper_first(task_heading(state.duty.entry, names))


def deadline_text(state: TaskState) -> str:
    if state.deadline:
        return short_date(state.deadline)
    timeframe = state.duty.entry.item.timeframe
    return timeframe.text.rstrip(" .") if timeframe else ""


class ReportParts:
    """What both kinds of report share: the plan cited, numbering, the signature block."""

    def __init__(self, plan: Plan, registry: Registry, state: PeriodState) -> None:
        self.plan = plan
        self.registry = registry
        self.state = state
        self.period: Period = state.period
        self.issuer = registry.agencies[plan.issuer]
        self.follow = registry.agencies.get(plan.follow_up or "")
        self.footnotes = Footnotes(dict(plan.footnotes))
        self.names = Addressees(registry)

    def subject(self) -> str:
        return f"{cite_plan(self.plan, self.issuer)} {subject(self.plan)}"

    def text(self, value: str) -> Inline:
        return inline(value, self.footnotes)

    def paragraphs(self, texts: list[str]) -> list[Block]:
        return [body_paragraph(self.text(t)) for t in texts]

    def sections(self, parts: list[tuple[str, list[Block]]]) -> list[Block]:
        """Roman-numbered sections, leaving out those with nothing in them."""
        kept = [(title, blocks) for title, blocks in parts if blocks]
        return [
            Item(1, number_inline(format_number("{R}.", i, ""), 1), plain(title), tuple(blocks))
            for i, (title, blocks) in enumerate(kept, start=1)
        ]

    def item(self, index: int, title: str, blocks: list[Block]) -> Item:
        return Item(2, number_inline(f"{index}.", 2), self.text(title), tuple(blocks))

    def distribution(self, agency: Agency, details: AgencyDetails | None) -> tuple[Inline, ...]:
        return (
            recipient_line("Như trên"),
            recipient_line(leadership_of(agency, details)),
            archive_line(archive_of(details)),
        )

    def document(
        self,
        kind: str,
        agency: Agency,
        number: int | str | None,
        signer: Signer,
        summary: str,
        to: list[str],
        body: list[Block],
        distribution: tuple[Inline, ...],
        day: date | None = None,
    ) -> Document:
        return Document(
            kind=kind,
            title=f"BÁO CÁO: {summary}",
            header=header_for(agency, "BC", number, day, day.year if day else self.period.due.year),
            type_name="BÁO CÁO",
            summary=self.text(summary),
            to=to_lines(to),
            body=tuple(body),
            distribution=distribution,
            signature=signature_for(signer),
            footnotes=self.footnotes.notes(),
        )


class AgencyReportComposer(ReportParts):
    def compose(self, agency: Agency, report: Progress, details: AgencyDetails | None) -> Document:
        # The agency's own report speaks of the tasks it reported on.
        states = [s for s in self.state.of_agency(agency.id) if s.report]
        via = f" (qua {self.follow.name})" if self.follow and self.follow.id != agency.id else ""
        label = self.period.label
        general = report.general
        tasks: list[Block] = list(self.paragraphs(general.highlights))
        tasks += [
            self.task(i, s, report.tasks.get(s.duty.entry.key))
            for i, s in enumerate(states, start=1)
        ]
        if states:
            tasks.append(self.table(states))
        opening = (
            f"Thực hiện {self.subject()}; {agency.name} báo cáo kết quả thực hiện {label} (số "
            f"liệu từ ngày {short_date(self.period.start)} đến ngày "
            f"{short_date(self.period.end)}) như sau:"
        )
        body: list[Block] = [body_paragraph(self.text(opening))]
        body += self.sections(
            [
                ("TÌNH HÌNH TRIỂN KHAI THỰC HIỆN", self.paragraphs(general.situation)),
                ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ", tasks),
                ("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                 self.paragraphs(general.shortcomings + self.per_task(states, "difficulties"))),
                ("PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", self.paragraphs(general.next_steps)),
                ("ĐỀ XUẤT, KIẾN NGHỊ",
                 self.paragraphs(general.recommendations + self.per_task(states, "proposals"))),
            ]
        )  # fmt: skip
        body += closing(
            [
                self.text(
                    f"Trên đây là báo cáo kết quả thực hiện {label} của {agency.name}, kính báo "
                    f"cáo {self.issuer.name} xem xét, chỉ đạo./."
                )
            ]
        )
        signer = report.signer or signer_of(agency, details)
        return self.document(
            REPORT.id,
            agency,
            report.number,
            signer,
            f"Kết quả thực hiện {self.subject()}, {label}",
            [f"{self.issuer.name}{via}"],
            body,
            self.distribution(agency, details),
            report.date,
        )

    def status_line(self, state: TaskState) -> str:
        return f"Tình trạng: {state.status or NOT_REPORTED}."

    def task(self, index: int, state: TaskState, reported: TaskProgress | None) -> Item:
        role = state.duty.role_words
        title = f"{task_title(state, self.names)} ({state.duty.entry.cite}, {role})"
        blocks: list[Block] = [Paragraph(plain(self.status_line(state)))]
        if reported:
            blocks += self.paragraphs(reported.results)
            blocks += [Paragraph(plain(f"{f.shown}."), bullet="-") for f in reported.figures]
        return self.item(index, title, blocks)

    def table(self, states: list[TaskState]) -> Item:
        rows = [
            Row(
                tuple(
                    plain(c)
                    for c in (
                        str(i),
                        f"{s.duty.entry.label}. {task_title(s, self.names)}",
                        upper_first(s.duty.role_words),
                        deadline_text(s),
                        s.status or NOT_REPORTED,
                    )
                )
            )
            for i, s in enumerate(states, start=1)
        ]
        columns = ("TT", "Nhiệm vụ", "Vai trò", "Thời hạn", "Tình trạng")
        table = Table(tuple(Column(c) for c in columns), tuple(rows))
        # A table after the tasks, not one of them: a heading without a number.
        title = self.text("Bảng tổng hợp tình hình thực hiện nhiệm vụ")
        return Item(2, Inline(), title, (table,))

    def per_task(self, states: list[TaskState], field: str) -> list[str]:
        """`Mục II.2: …` or `Nhiệm vụ số 4 Phụ lục I: …` for each line an agency wrote
        in `field`."""
        return [
            f"{upper_first(s.duty.entry.cite)}: {text}"
            for s in states
            if s.report
            for text in getattr(s.report, field)
        ]


def compose_report(
    plan: Plan,
    registry: Registry,
    state: PeriodState,
    agency: Agency,
    report: Progress,
    details: AgencyDetails | None,
) -> Document:
    return AgencyReportComposer(plan, registry, state).compose(agency, report, details)
