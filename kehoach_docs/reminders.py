"""Who the follow-up body reminds after a period, from where, and by when.

After the report deadline of a period, the body that consolidates (or the plan's issuer,
as the plan says) writes to every agency that has not reported and to every agency with
tasks past their deadline, giving a new deadline some working days after the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import KehoachError
from .models.details import AgencyDetails, leadership_of, signer_of
from .models.plan import Archive, Plan
from .models.registry import Agency, Signer
from .progress import PeriodState, TaskState, short_date
from .registry import Registry
from .workdays import Calendar

ARCHIVE_OFFICE = "VT"  # văn thư: the first place of every Lưu line


@dataclass(frozen=True)
class Reminders:
    sender: Agency
    follow: Agency  # the body reports go to
    issuer: Agency
    unit: str  # drafting unit in the number, "Số: …/SNV-VP"
    signer: Signer
    archive: Archive
    leadership: str  # the sender's leaders as Nơi nhận names them
    day: date | None  # the letter's date when known; a draft leaves it blank
    signed: date  # the day the new deadline counts from: `day`, or today
    deadline: date  # the new deadline
    working_days: int
    missing: tuple[Agency, ...]  # agencies that have not reported, the sender left out
    overdue: tuple[tuple[Agency, tuple[TaskState, ...]], ...]  # per agency, its late tasks
    reported: int  # agencies that reported
    assigned: int  # agencies asked to report

    @property
    def anyone(self) -> bool:
        return bool(self.missing or self.overdue)


def sender_of(plan: Plan, registry: Registry) -> Agency:
    wanted = plan.reminder.sender or plan.follow_up
    sender = registry.agencies.get(wanted or "")
    if sender is None:
        raise KehoachError(
            "kế hoạch chưa ghi cơ quan gửi công văn đôn đốc (“don_doc.co_quan”) hay cơ quan "
            "theo dõi, tổng hợp (“co_quan_theo_doi”)"
        )
    if not sender.can_issue:
        raise KehoachError(
            f"{sender.name} ({sender.id}) chưa đủ thông tin để ban hành công văn đôn đốc: cần "
            "“tieu_de”, “ma” và “dia_danh” trong danh mục cơ quan"
        )
    return sender


def _archive(plan: Plan, sender: Agency, details: AgencyDetails | None) -> Archive:
    unit = plan.reminder.unit
    if unit:
        return Archive.model_validate({"noi": [ARCHIVE_OFFICE, unit]})
    if details is not None and details.archive is not None:
        return details.archive
    if sender.id == plan.issuer:
        return plan.distribution.archive
    return Archive()


def resolve(
    plan: Plan,
    registry: Registry,
    state: PeriodState,
    details: AgencyDetails | None,
    today: date,
    day: date | None = None,
) -> Reminders:
    """The reminders of `state`'s period sent on `day` (printed), or today (left blank);
    `details` are the sender's own data, if it has a file. Refused before the period's
    report deadline has passed: nobody is late yet."""
    period = state.period
    sender = sender_of(plan, registry)
    signed = day or today
    if signed <= period.due:
        raise KehoachError(
            f"hạn gửi báo cáo {period.label} là ngày {short_date(period.due)}, chưa qua (ngày "
            f"công văn {short_date(signed)}): chưa có ai chậm báo cáo để đôn đốc"
        )
    setting = plan.reminder
    calendar = Calendar.of(setting.days_off, setting.days_worked)
    archive = _archive(plan, sender, details)
    unit = next((p for p in archive.places if p != ARCHIVE_OFFICE), "")
    late: dict[str, list[TaskState]] = {}
    for task in state.overdue():
        if task.agency.id != sender.id:  # a body does not write to itself
            late.setdefault(task.agency.id, []).append(task)
    follow = registry.agencies.get(plan.follow_up or "", sender)
    return Reminders(
        sender=sender,
        follow=follow,
        issuer=registry.agencies[plan.issuer],
        unit=unit,
        signer=setting.signer or signer_of(sender, details),
        archive=archive,
        leadership=leadership_of(sender, details),
        day=day,
        signed=signed,
        deadline=calendar.add_working_days(signed, setting.working_days),
        working_days=setting.working_days,
        missing=tuple(a for a in state.missing if a.id != sender.id),
        overdue=tuple((a, tuple(late[a.id])) for a in state.assigned if a.id in late),
        reported=len(state.assigned) - len(state.missing),
        assigned=len(state.assigned),
    )
