"""Where every task stands in a period: statuses, overdue tasks, agencies not reported."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .duties import Duty, all_duties, duties_of
from .models.details import AgencyDetails
from .models.plan import Plan
from .models.progress import (
    DONE,
    DONE_LATE,
    IN_PROGRESS,
    IN_PROGRESS_LATE,
    NOT_REPORTED_CODE,
    STATUS_CODES,
    STATUSES,
    Received,
    Reported,
)
from .models.registry import Agency
from .outline import entries
from .periods import Period
from .registry import Registry
from .vn import nd30_day, nd30_month


def short_date(day: date) -> str:
    return f"{nd30_day(day.day)}/{nd30_month(day.month)}/{day.year}"


def task_duties(plan: Plan, registry: Registry, agency_id: str) -> list[Duty]:
    """The tasks an agency reports on: those it leads or supports."""
    return [d for d in duties_of(plan, registry, agency_id) if d.role != "thuc_hien"]


def deadline_for(duty: Duty, details: AgencyDetails | None) -> date | None:
    """The agency's own deadline for a task if it set one, else the plan's."""
    timeframe = duty.entry.item.timeframe
    planned = timeframe.deadline if timeframe else None
    own = details.tasks.get(duty.entry.key) if details else None
    if own is not None:
        if own.timeframe and own.timeframe.deadline:
            return own.timeframe.deadline
        dated = [a.timeframe.deadline for a in own.actions if a.timeframe and a.timeframe.deadline]
        if dated and len(dated) == len(own.actions):
            return max(dated)
        if dated:
            # Steps without a date run to the plan's deadline (or have none).
            return max([*dated, planned]) if planned else None
    return planned


def is_overdue(status: str, deadline: date | None, period: Period) -> bool:
    return deadline is not None and deadline <= period.end and status not in (DONE, DONE_LATE)


def status_warning(report: Reported, deadline: date | None, period: Period) -> str | None:
    """A stated status that the deadline contradicts, in words a clerk can act on."""
    status = report.status
    passed = deadline is not None and deadline <= period.end
    when = short_date(deadline) if deadline else ""
    if status == IN_PROGRESS and passed:
        return f"hạn {when} đã qua trước ngày chốt số liệu: tình trạng nên là “{IN_PROGRESS_LATE}”"
    if status == IN_PROGRESS_LATE and not passed:
        reason = f"hạn {when} chưa đến" if deadline else "nhiệm vụ không có hạn"
        return f"{reason}: tình trạng nên là “{IN_PROGRESS}”"
    if status == DONE_LATE and deadline is None:
        return f"nhiệm vụ không có hạn: tình trạng nên là “{DONE}”"
    if status == DONE and deadline and report.done_on and report.done_on > deadline:
        return f"hoàn thành ngày {short_date(report.done_on)}, sau hạn {when}: nên là “{DONE_LATE}”"
    return None


@dataclass(slots=True)
class TaskState:
    """One agency's task in the period. Slotted, its status worked out once as it is
    made: a period of 10,000 agencies holds 50,000 of them (10 MB as dicts)."""

    agency: Agency
    duty: Duty
    deadline: date | None
    report: Reported | None
    period: Period
    # The status the report states, in the word its deadline calls for: a task in
    # progress past its deadline is "Đang thực hiện, quá hạn" (validate warns of it).
    status: str | None = field(init=False)
    # Past its deadline at the period's cut-off and not done.
    overdue: bool = field(init=False)

    def __post_init__(self) -> None:
        status = self.report.status if self.report is not None else None
        if status == IN_PROGRESS and self.deadline_passed:
            status = IN_PROGRESS_LATE
        self.status = status
        self.overdue = status is not None and is_overdue(status, self.deadline, self.period)

    @property
    def own_deadline(self) -> bool:
        """The deadline is the agency's own (from its file), not the plan's."""
        timeframe = self.duty.entry.item.timeframe
        planned = timeframe.deadline if timeframe else None
        return self.deadline is not None and self.deadline != planned

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.deadline <= self.period.end


@dataclass
class PeriodState:
    period: Period
    states: list[TaskState]
    reports: dict[str, Received]
    assigned: list[Agency]
    task_keys: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[Agency]:
        return [a for a in self.assigned if a.id not in self.reports]

    @property
    def reported(self) -> list[TaskState]:
        return [s for s in self.states if s.report is not None]

    def counts(self, key: str | None = None) -> Counter[str]:
        states = self.states if key is None else self._by_key.get(key, [])
        counted = Counter({status: 0 for status in STATUSES})
        counted.update(s.status for s in states if s.report is not None and s.status)
        return counted

    def __post_init__(self) -> None:
        # Indexes, so that a table of every agency and task is read in linear time.
        self._cells = {(s.agency.id, s.duty.entry.key): s for s in self.states}
        self._by_key: dict[str, list[TaskState]] = {}
        self._by_agency: dict[str, list[TaskState]] = {}
        for s in self.states:
            self._by_key.setdefault(s.duty.entry.key, []).append(s)
            self._by_agency.setdefault(s.agency.id, []).append(s)

    def of_agency(self, agency_id: str) -> list[TaskState]:
        """The agency's tasks, in plan order."""
        return list(self._by_agency.get(agency_id, []))

    def find(self, agency_id: str, key: str) -> TaskState | None:
        return self._cells.get((agency_id, key))

    def code(self, agency_id: str, key: str) -> str:
        """A cell of the agency x task table: the status's abbreviation, "CBC" for a task
        not yet reported, nothing where the task is not the agency's."""
        state = self.find(agency_id, key)
        if state is None:
            return ""
        return STATUS_CODES[state.status] if state.status else NOT_REPORTED_CODE

    def entry_of(self, key: str) -> TaskState:
        return self._by_key[key][0]

    def overdue(self, key: str | None = None, agency: str | None = None) -> list[TaskState]:
        """The tasks past their deadline and not done: all, of one task, of one agency."""
        if agency is not None:
            states = self._by_agency.get(agency, [])
        else:
            states = self.states if key is None else self._by_key.get(key, [])
        return [s for s in states if s.overdue and (key is None or s.duty.entry.key == key)]


def period_state(
    plan: Plan,
    registry: Registry,
    period: Period,
    reports: dict[str, Received],
    details: dict[str, AgencyDetails],
) -> PeriodState:
    assigned: list[Agency] = []
    states: list[TaskState] = []
    for agency_id, all_of_it in all_duties(plan, registry).items():
        duties = [d for d in all_of_it if d.role != "thuc_hien"]
        # A body the registry cannot head a document for is not asked to report
        # (validate names it); it would count as "not reported" for ever.
        if not duties or not registry.agencies[agency_id].can_issue:
            continue
        agency = registry.agencies[agency_id]
        assigned.append(agency)
        report = reports.get(agency_id)
        for duty in duties:
            deadline = deadline_for(duty, details.get(agency_id))
            task_report = report.tasks.get(duty.entry.key) if report else None
            states.append(TaskState(agency, duty, deadline, task_report, period))
    present = {s.duty.entry.key for s in states}
    keys = [e.key for e in entries(plan) if e.key in present]
    return PeriodState(period, states, reports, assigned, keys)
