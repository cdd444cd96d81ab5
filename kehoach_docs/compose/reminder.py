"""The công văn đôn đốc: to the agencies that have not reported for a period, and to
those with tasks past their deadline.

A công văn (NĐ 30) has no tên loại: its trích yếu, "V/v …", stands under the number,
and "Kính gửi:" names the addressees by their full names, one a line when several.
"""

from __future__ import annotations

from ..document import Block, Document, Inline, Paragraph, plain
from ..kinds import OVERDUE_REMINDER, REMINDER, Kind
from ..models.plan import Plan
from ..models.progress import NOT_REPORTED
from ..models.registry import Agency
from ..outline import Entry
from ..progress import PeriodState, TaskState, short_date
from ..registry import Registry
from ..reminders import Reminders
from ..vn import upper_first
from .common import (
    archive_line,
    closing,
    header_for,
    plan_reference,
    recipient_line,
    recipient_of,
    signature_for,
    to_lines,
)
from .report import ReportParts, task_title


def _cite(entry: Entry) -> str:
    return upper_first(entry.cite)


class ReminderComposer(ReportParts):
    def __init__(
        self, plan: Plan, registry: Registry, state: PeriodState, reminders: Reminders
    ) -> None:
        super().__init__(plan, registry, state)
        self.r = reminders

    def addressed(self, names: list[str]) -> str:
        """How the body speaks to the addressees: by name when one, together when several."""
        return names[0] if len(names) == 1 else "các cơ quan, đơn vị, địa phương"

    def recipients(self, addressed: set[str]) -> tuple[Inline, ...]:
        """Nơi nhận: "- Như trên;" first, never again a body already in Kính gửi."""
        r = self.r
        own = self.plan.reminder.recipients
        if own:
            lines = [
                recipient_of(self.registry, x)
                for x in own
                if not x.refs or not self.registry.expand_ids(x.refs) <= addressed
            ]
        elif r.sender.id != r.issuer.id:
            lines = [recipient_line(r.issuer.display_short, "b/c"), recipient_line(r.leadership)]
        else:
            lines = [recipient_line(r.leadership)]
            if r.follow.id not in {r.sender.id, *addressed}:
                lines.append(recipient_line(r.follow.display_short))
        return (recipient_line("Như trên"), *lines, archive_line(r.archive))

    def letter(self, kind: Kind, summary: str, to: list[Agency], body: list[Block]) -> Document:
        r = self.r
        return Document(
            kind=kind.id,
            title=summary,
            header=header_for(r.sender, "", None, r.day, r.signed.year, r.unit),
            type_name="",
            summary=plain(summary),
            to=to_lines([a.name for a in to]),
            body=tuple(body),
            distribution=self.recipients({a.id for a in to}),
            signature=signature_for(r.signer),
            footnotes=self.footnotes.notes(),
        )

    def ending(self, request: str, you: str) -> list[Paragraph]:
        """The request with the new deadline, and the closing sentence."""
        r = self.r
        last = (
            f"Quá thời hạn trên, {r.sender.name} sẽ tổng hợp, báo cáo {r.issuer.name} xem xét, "
            f"chỉ đạo. Đề nghị {you} quan tâm, thực hiện./."
            if r.sender.id != r.issuer.id
            else f"Đề nghị {you} nghiêm túc thực hiện./."
        )
        return [Paragraph(self.text(request)), *closing([self.text(last)])]

    def missing(self) -> Document:
        r = self.r
        period = self.period
        names = [a.name for a in r.missing]
        you = self.addressed(names)
        who = (
            f"{names[0]} chưa gửi báo cáo"
            if len(names) == 1
            else f"{len(names)} cơ quan, đơn vị, địa phương có tên tại phần Kính gửi chưa gửi "
            "báo cáo"
        )
        body: list[Block] = [
            Paragraph(
                self.text(
                    f"Theo {self.subject()}, các cơ quan, đơn vị, địa phương gửi báo cáo kết quả "
                    f"thực hiện {period.label} (số liệu từ ngày {short_date(period.start)} đến "
                    f"ngày {short_date(period.end)}) về {r.follow.name} chậm nhất ngày "
                    f"{short_date(period.due)} để tổng hợp, báo cáo {r.issuer.name}."
                )
            ),
            Paragraph(
                plain(
                    f"Đến nay, {r.follow.name} đã nhận được báo cáo của {r.reported}/"
                    f"{r.assigned} cơ quan, đơn vị, địa phương; {who}."
                )
            ),
        ]
        body += self.ending(
            f"{r.sender.name} đề nghị {you} khẩn trương hoàn thành báo cáo kết quả thực hiện "
            f"{period.label} theo nội dung tại Kế hoạch, gửi về {r.follow.name} chậm nhất ngày "
            f"{short_date(r.deadline)}.",
            you,
        )
        summary = (
            f"V/v đôn đốc báo cáo kết quả thực hiện {plan_reference(self.plan, self.issuer)} "
            f"({period.label})"
        )
        return self.letter(REMINDER, summary, list(r.missing), body)

    def task_line(self, state: TaskState) -> Paragraph:
        when = short_date(state.deadline) if state.deadline else ""
        if state.own_deadline:
            # Not the plan's deadline: the agency set it in its own plan; say so.
            when += f" (theo kế hoạch của {state.agency.display_short})"
        status = (state.status or NOT_REPORTED).lower()
        return Paragraph(
            self.text(
                f"{_cite(state.duty.entry)}: {task_title(state, self.names)}; hạn hoàn thành "
                f"{when}; tình trạng: {status}."
            ),
            bullet="-",
        )

    def overdue(self) -> Document:
        r = self.r
        period = self.period
        names = [a.name for a, _ in r.overdue]
        you = self.addressed(names)
        body: list[Block] = [
            Paragraph(
                self.text(
                    f"Theo báo cáo kết quả thực hiện {period.label} (số liệu đến ngày "
                    f"{short_date(period.end)}) về {self.subject()}, các nhiệm vụ sau đã quá "
                    "thời hạn mà chưa hoàn thành:"
                )
            )
        ]
        if len(r.overdue) == 1:
            body += [self.task_line(s) for s in r.overdue[0][1]]
        else:
            body += [
                self.item(i, agency.name, [self.task_line(s) for s in tasks])
                for i, (agency, tasks) in enumerate(r.overdue, start=1)
            ]
        body += self.ending(
            f"{r.sender.name} đề nghị {you} khẩn trương hoàn thành các nhiệm vụ nêu trên; báo "
            f"cáo kết quả, nêu rõ nguyên nhân chậm và thời gian hoàn thành, gửi về "
            f"{r.follow.name} chậm nhất ngày {short_date(r.deadline)}.",
            you,
        )
        summary = (
            "V/v đôn đốc thực hiện các nhiệm vụ quá hạn theo "
            f"{plan_reference(self.plan, self.issuer)}"
        )
        return self.letter(OVERDUE_REMINDER, summary, [a for a, _ in r.overdue], body)


def compose_reminder(
    plan: Plan, registry: Registry, state: PeriodState, reminders: Reminders
) -> Document:
    """The letter to the agencies that have not reported."""
    return ReminderComposer(plan, registry, state, reminders).missing()


def compose_overdue_reminder(
    plan: Plan, registry: Registry, state: PeriodState, reminders: Reminders
) -> Document:
    """The letter to the agencies with tasks past their deadline."""
    return ReminderComposer(plan, registry, state, reminders).overdue()
