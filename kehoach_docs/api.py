"""The library API: one function per command, each doing load -> compose -> render -> write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import kinds
from .duties import Duty, Load, agencies_with_duties, duties_of, loads
from .errors import KehoachError, Problem
from .models.registry import Agency
from .outline import entries

# What composing and rendering need is imported where it is used: `validate` and the
# other commands that write nothing start without it.
if TYPE_CHECKING:
    from .check import Report as CheckReport
    from .document import Document
    from .importer import ImportResult
    from .periods import Period
    from .progress import PeriodState
    from .registry import Registry
    from .reminders import Reminders
from .template_paths import find_template
from .workspace import OUTPUT_DIR, LoadedPlan, Project, load_project, open_project
from .write import write_atomic


@dataclass
class Summary:
    files: int
    agencies: int
    groups: int
    plans: int
    tasks: int
    warnings: list[str]
    details: int = 0
    reports: int = 0

    def line(self) -> str:
        return (
            f"Hợp lệ: {self.files} tệp: {self.agencies} cơ quan, {self.groups} nhóm, "
            f"{self.plans} kế hoạch ({self.tasks} nhiệm vụ), {self.details} tệp dữ liệu "
            f"của cơ quan, {self.reports} báo cáo kỳ"
            + (f"; {len(self.warnings)} cảnh báo (ở trên)." if self.warnings else ".")
        )


def validate(workspace: Path) -> Summary:
    project = load_project(workspace)
    tasks = sum(
        1 for entry in project.plans.values() for e in entries(entry.plan) if e.item.is_task
    )
    return Summary(
        files=len(project.files),
        agencies=len(project.registry.agencies),
        groups=len(project.registry.groups),
        plans=len(project.plans),
        tasks=tasks,
        warnings=[str(w) for w in project.warnings],
        details=sum(len(d) for d in project.details.values()),
        reports=sum(len(r) for periods in project.progress.values() for r in periods.values()),
    )


def output_dir_for(project: Project, output: Path | None) -> Path:
    return output if output is not None else project.root / OUTPUT_DIR


def find_agency(project: Project, name: str) -> Agency:
    """An agency named by id, name or alias; an unknown name gets the nearest matches."""
    registry = project.registry
    found = registry.find(name)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{a.id} ({a.name})" for a in found[:6])
        raise KehoachError(f"“{name}” khớp với nhiều cơ quan: {listed}. Hãy ghi mã cụ thể.")
    near = registry.nearest(name) or [a.id for a in registry.find(name.split()[-1])][:3]
    hint = f" Có phải: {', '.join(near)}?" if near else ""
    raise KehoachError(f"không có cơ quan “{name}”.{hint} (xem danh sách: kehoach agencies)")


@dataclass
class AgencyRow:
    agency: Agency
    load: Load


def list_agencies(workspace: Path, plan_id: str | None = None) -> list[AgencyRow]:
    project = open_project(workspace)
    plan = project.plan(plan_id).plan
    counted = loads(plan, project.registry)
    return [AgencyRow(a, counted[a.id]) for a in project.registry.agencies.values()]


def agency_tasks(
    workspace: Path, name: str, plan_id: str | None = None
) -> tuple[Agency, list[Duty]]:
    project = open_project(workspace)
    agency = find_agency(project, name)
    return agency, duties_of(project.plan(plan_id).plan, project.registry, agency.id)


@dataclass
class Job:
    """One document to write: what it is, for whom, and how to compose it."""

    kind: kinds.Kind
    agency: Agency
    filename: str
    compose: Callable[[], Document]


def plan_job(project: Project, entry: LoadedPlan) -> Job:
    from .compose.plan import compose_plan

    issuer = project.registry.agencies[entry.plan.issuer]
    return Job(
        kinds.PLAN,
        issuer,
        f"{entry.id}.docx",
        lambda: compose_plan(entry.plan, project.registry),
    )


def subplan_job(project: Project, entry: LoadedPlan, agency: Agency) -> Job:
    from .compose.subplan import compose_subplan

    details = project.details_for(entry.id, agency.id)
    return Job(
        kinds.SUBPLAN,
        agency,
        f"{entry.id}-{agency.id}.docx",
        lambda: compose_subplan(
            entry.plan,
            project.registry,
            agency,
            details,
            duties_of(entry.plan, project.registry, agency.id),
        ),
    )


@dataclass
class Selection:
    agencies: list[Agency]
    # Agencies with duties that cannot issue a document (no header, code or place).
    skipped: list[Agency]


def select_agencies(
    project: Project, entry: LoadedPlan, name: str | None, every: bool, kind: str | None
) -> Selection:
    if name:
        return Selection([find_agency(project, name)], [])
    known = {a.kind for a in project.registry.agencies.values()}
    if kind and kind not in known:
        raise KehoachError(f"không có loại cơ quan “{kind}” (các loại: {', '.join(sorted(known))})")
    if not (every or kind):
        raise KehoachError("hãy chọn --agency MÃ, --all hoặc --kind LOẠI")
    found = [
        project.registry.agencies[i]
        for i in agencies_with_duties(entry.plan, project.registry, kind)
    ]
    return Selection([a for a in found if a.can_issue], [a for a in found if not a.can_issue])


def write_jobs(project: Project, jobs: list[Job], target: Path) -> list[Path]:
    from .render.docx import CompiledTemplate

    templates: dict[str, CompiledTemplate] = {}
    written: list[Path] = []
    for job in jobs:
        name = job.kind.template
        assert name is not None
        if name not in templates:
            templates[name] = CompiledTemplate(find_template(project.root, name))
        path = target / job.filename
        write_atomic(path, templates[name].render_made(job.compose))
        written.append(path)
    return written


def with_pdf(paths: list[Path], pdf: bool) -> list[Path]:
    """The documents, and with `pdf` also the PDF of each (one LibreOffice start)."""
    if not pdf:
        return paths
    from .pdf import to_pdf

    return paths + to_pdf([p for p in paths if p.suffix == ".docx"])


def build_plan(
    workspace: Path, plan_id: str | None = None, output: Path | None = None, pdf: bool = False
) -> list[Path]:
    """Render the plan as .docx into the output folder; return the files written."""
    project = open_project(workspace)
    entry = project.plan(plan_id)
    paths = write_jobs(project, [plan_job(project, entry)], output_dir_for(project, output))
    return with_pdf(paths, pdf)


@dataclass
class SubplanResult:
    written: list[Path]
    skipped: list[Agency]


def build_subplans(
    workspace: Path,
    plan_id: str | None = None,
    agency: str | None = None,
    every: bool = False,
    kind: str | None = None,
    output: Path | None = None,
    pdf: bool = False,
) -> SubplanResult:
    """Render each selected agency's own plan; say which files were written and which
    agencies could not have one (not enough in the registry to issue a document)."""
    project = open_project(workspace)
    entry = project.plan(plan_id)
    selection = select_agencies(project, entry, agency, every, kind)
    project.read(entry.id, [a.id for a in selection.agencies])
    jobs = [subplan_job(project, entry, a) for a in selection.agencies]
    written = write_jobs(project, jobs, output_dir_for(project, output))
    return SubplanResult(with_pdf(written, pdf), selection.skipped)


@dataclass
class ScaffoldResult:
    path: Path
    backup: Path | None


def scaffold(
    workspace: Path, agency: str, plan_id: str | None = None, force: bool = False
) -> ScaffoldResult:
    """Write the agency's details file for its sub-plan, never losing an edited one."""
    from .compose.headings import Addressees
    from .scaffold import scaffold_text
    from .workspace import details_dir
    from .write import keep_or_replace

    project = open_project(workspace)
    entry = project.plan(plan_id)
    found = find_agency(project, agency)
    duties = duties_of(entry.plan, project.registry, found.id)
    issuer = project.registry.agencies[entry.plan.issuer]
    year = entry.plan.issue_year or date.today().year
    text = scaffold_text(entry.id, issuer, found, duties, Addressees(project.registry), year)
    path = details_dir(project.root, entry.id) / f"{found.id}.yaml"
    return ScaffoldResult(path, keep_or_replace(path, text.encode("utf-8"), force))


def distribution(
    workspace: Path, plan_id: str | None = None, agency: str | None = None
) -> tuple[Job, Project]:
    project = open_project(workspace)
    entry = project.plan(plan_id)
    if agency is None:
        return plan_job(project, entry), project
    found = find_agency(project, agency)
    project.read(entry.id, [found.id])
    return subplan_job(project, entry, found), project


def noinhan(
    workspace: Path, plan_id: str | None = None, agency: str | None = None,
    output: Path | None = None,
) -> tuple[list[str], Path | None]:  # fmt: skip
    """The Nơi nhận lines of the plan or of an agency's plan; with `output`, also a .docx."""
    from .compose.distribution import distribution_only
    from .render.docx import CompiledTemplate

    job, project = distribution(workspace, plan_id, agency)
    doc = job.compose()
    lines = ["Nơi nhận:", *(r.text for r in doc.distribution)]
    if output is None:
        return lines, None
    assert kinds.DISTRIBUTION.template is not None
    template = CompiledTemplate(find_template(project.root, kinds.DISTRIBUTION.template))
    path = output / job.filename.replace(".docx", "-noi-nhan.docx")
    write_atomic(path, template.render(distribution_only(doc)))
    return lines, path


def period_state_for(project: Project, entry: LoadedPlan, period: Period) -> PeriodState:
    """Where every task stands in the period, from the files read for it."""
    from .progress import period_state

    return period_state(
        entry.plan,
        project.registry,
        period,
        project.reports(entry.id, period.id),
        project.all_details(entry.id),
    )


def period_of(entry: LoadedPlan, period_id: str) -> Period:
    """The period, if it is one the plan can be reported on."""
    from .periods import parse_period
    from .progress import short_date

    period = parse_period(period_id, entry.plan.reporting)
    plan = entry.plan
    start = plan.date or date(plan.issue_year or period.end.year, 1, 1)
    if period.end < start:
        raise KehoachError(
            f"kỳ “{period.id}” ({period.label}) kết thúc ngày {short_date(period.end)}, trước "
            f"khi kế hoạch bắt đầu ({short_date(start)}): chưa có gì để báo cáo"
        )
    return period


def report_job(project: Project, entry: LoadedPlan, state: PeriodState, agency: Agency) -> Job:
    from .compose.report import compose_report

    if agency.id not in state.reports:
        raise KehoachError(
            f"{agency.name} chưa có báo cáo {state.period.label}: thiếu tệp "
            f"plans/{entry.id}/tien-do/{state.period.id}/{agency.id}.yaml "
            "(tạo bằng kehoach forms rồi kehoach collect, hoặc viết tay)"
        )
    details = project.details_for(entry.id, agency.id)

    def compose() -> Document:
        report = project.report(entry.id, state.period.id, agency.id)
        return compose_report(entry.plan, project.registry, state, agency, report, details)

    return Job(
        kinds.REPORT, agency, f"{entry.id}-{state.period.id}-bao-cao-{agency.id}.docx", compose
    )


def consolidated_job(project: Project, entry: LoadedPlan, state: PeriodState) -> Job:
    from .compose.consolidated import compose_consolidated

    follow = project.registry.agencies.get(entry.plan.follow_up or "")
    if follow is None or not follow.can_issue:
        raise KehoachError(
            "kế hoạch chưa ghi cơ quan theo dõi, tổng hợp (“co_quan_theo_doi”) "
            "có đủ tiêu đề để ban hành báo cáo tổng hợp"
        )
    return Job(
        kinds.CONSOLIDATED,
        follow,
        f"{entry.id}-{state.period.id}-bao-cao-tong-hop.docx",
        lambda: compose_consolidated(
            entry.plan, project.registry, state, project.all_details(entry.id)
        ),
    )


def _whole_period(
    workspace: Path, plan_id: str | None, period: str
) -> tuple[Project, LoadedPlan, PeriodState]:
    """A plan and where every agency stands in a period: every agency's data and report."""
    project = open_project(workspace)
    entry = project.plan(plan_id)
    # Read under the period's own name ("2024-h1" is 2024-H1), as its folder is named.
    found = period_of(entry, period)
    project.read(entry.id, None, found.id)
    return project, entry, period_state_for(project, entry, found)


def _period_again(
    workspace: Path, plan_id: str | None, period: str
) -> tuple[PeriodState, Registry]:
    project, _, state = _whole_period(workspace, plan_id, period)
    return state, project.registry


def build_report(
    workspace: Path, agency: str, period: str, plan_id: str | None = None,
    output: Path | None = None, pdf: bool = False,
) -> list[Path]:  # fmt: skip
    """An agency's report for a period, from its progress data."""
    project = open_project(workspace)
    entry = project.plan(plan_id)
    chosen = period_of(entry, period)
    found = find_agency(project, agency)
    project.read(entry.id, [found.id], chosen.id, [found.id])
    state = period_state_for(project, entry, chosen)
    job = report_job(project, entry, state, found)
    return with_pdf(write_jobs(project, [job], output_dir_for(project, output)), pdf)


def build_consolidated(
    workspace: Path, period: str, plan_id: str | None = None, output: Path | None = None,
    pdf: bool = False,
) -> ConsolidatedResult:  # fmt: skip
    """The follow-up body's consolidated report (.docx) and its figures (.xlsx)."""
    from .beside import beside, forks
    from .render.docx import CompiledTemplate
    from .render.xlsx import summary_workbook

    project, entry, state = _whole_period(workspace, plan_id, period)
    job = consolidated_job(project, entry, state)
    docx = output_dir_for(project, output) / job.filename
    assert job.kind.template is not None
    template = CompiledTemplate(find_template(project.root, job.kind.template))
    missing, label = state.missing, state.period.label
    held = [(state, project.registry)]

    def figures() -> bytes:
        # Made beside (see beside.py) from the period as this process held it when the
        # copy began; read again only if a copy was made and failed, once this process
        # has let the period go.
        [(period_state, registry)] = held or [_period_again(workspace, plan_id, period)]
        return summary_workbook(period_state, registry)

    elsewhere = forks()
    with beside(figures) as workbook:
        made = [job.compose()]
        # Where no copy is made (Windows), the workbook is made here, now.
        ready = None if elsewhere else workbook()
        # What the report is made from (10,000 agencies: some 60 MB) is let go before it
        # is rendered, so that rendering reuses that memory rather than adding to it; the
        # model goes as soon as the template's context is made (render_made).
        held.clear()
        del project, entry, state, job
        write_atomic(docx, template.render_made(made.pop))
        xlsx = docx.with_suffix(".xlsx")
        write_atomic(xlsx, workbook() if ready is None else ready)
    return ConsolidatedResult(with_pdf([docx, xlsx], pdf), missing, label)


@dataclass
class ConsolidatedResult:
    written: list[Path]
    missing: list[Agency]  # agencies that have not reported for the period
    period: str


def reminders_for(
    project: Project, entry: LoadedPlan, state: PeriodState, today: date, day: date | None = None
) -> Reminders:
    from .reminders import resolve, sender_of

    sender = sender_of(entry.plan, project.registry)
    details = project.details_for(entry.id, sender.id)
    return resolve(entry.plan, project.registry, state, details, today, day)


def reminder_jobs(
    project: Project, entry: LoadedPlan, state: PeriodState, reminders: Reminders
) -> list[Job]:
    """The công văn đôn đốc of a period: to those who have not reported, to those with
    tasks past their deadline; none for nobody."""
    from .compose.reminder import compose_overdue_reminder, compose_reminder

    stem = f"{entry.id}-{state.period.id}"
    plan, registry = entry.plan, project.registry
    jobs = []
    if reminders.missing:
        jobs.append(
            Job(kinds.REMINDER, reminders.sender, f"{stem}-don-doc.docx",
                lambda: compose_reminder(plan, registry, state, reminders))
        )  # fmt: skip
    if reminders.overdue:
        jobs.append(
            Job(kinds.OVERDUE_REMINDER, reminders.sender, f"{stem}-don-doc-qua-han.docx",
                lambda: compose_overdue_reminder(plan, registry, state, reminders))
        )  # fmt: skip
    return jobs


@dataclass
class ReminderResult:
    written: list[Path]
    reminders: Reminders
    period: str


def build_reminders(
    workspace: Path, period: str, plan_id: str | None = None, output: Path | None = None,
    pdf: bool = False, day: date | None = None,
) -> ReminderResult:  # fmt: skip
    """The công văn đôn đốc of a period, dated `day` (printed) or today (left blank);
    nothing is written when everyone has reported and no task is overdue."""
    project, entry, state = _whole_period(workspace, plan_id, period)
    reminders = reminders_for(project, entry, state, date.today(), day)
    jobs = reminder_jobs(project, entry, state, reminders)
    written = write_jobs(project, jobs, output_dir_for(project, output)) if jobs else []
    return ReminderResult(with_pdf(written, pdf), reminders, state.period.label)


def status(
    workspace: Path, period: str, plan_id: str | None = None, width: int = 100,
    colour: bool = False,
) -> str:  # fmt: skip
    """Where every agency stands in a period, as text for a terminal."""
    from .glance import status_text

    project, entry, state = _whole_period(workspace, plan_id, period)
    return status_text(entry.plan, project.registry, state, width, colour)


def forms(
    workspace: Path, period: str, plan_id: str | None = None, agency: str | None = None,
    every: bool = False, output: Path | None = None, force: bool = False,
) -> list[Path]:  # fmt: skip
    """One .xlsx form per agency for the period, pre-filled with its tasks; a form already
    in the folder (a clerk may have filled it) is kept unless `force`, which backs it up."""
    from .compose.headings import Addressees
    from .forms import form_workbook
    from .write import keep_or_replace, refuse_existing

    project = open_project(workspace)
    entry = project.plan(plan_id)
    period_found = period_of(entry, period)
    chosen = select_agencies(project, entry, agency, every, None)
    project.read(entry.id, [a.id for a in chosen.agencies + chosen.skipped])
    state = period_state_for(project, entry, period_found)
    target = output_dir_for(project, output)
    names = Addressees(project.registry)
    pending: list[tuple[Path, bytes]] = []
    for found in chosen.agencies + chosen.skipped:
        states = state.of_agency(found.id)
        if states:
            path = target / f"{entry.id}-{state.period.id}-bieu-mau-{found.id}.xlsx"
            pending.append((path, form_workbook(entry.id, state.period, found, states, names)))
    refuse_existing([p for p, _ in pending], force)
    for path, data in pending:
        keep_or_replace(path, data, force)
    return [p for p, _ in pending]


@dataclass
class CollectResult:
    written: list[Path]
    backups: list[Path]
    # Forms given with nothing filled in, passed over (file names).
    blank: list[str] = field(default_factory=list)
    # Forms collected with some tasks left blank: (file name, the tasks' codes).
    unfilled: list[tuple[str, list[str]]] = field(default_factory=list)


def collect(
    workspace: Path, files: list[Path], plan_id: str | None = None, force: bool = False
) -> CollectResult:
    """Read filled forms into progress YAML; every cell is checked before anything is
    written, and nothing is written that the workspace would not accept."""
    from pydantic import ValidationError

    from .errors import DataError
    from .forms import BLANK, TASK_SHEET, progress_yaml, read_form, task_cell
    from .models.progress import ProgressFile
    from .periods import parse_period
    from .progress import task_duties
    from .schema_errors import message_of
    from .workspace import progress_dir
    from .write import keep_or_replace, refuse_existing

    project = open_project(workspace)
    entry = project.plan(plan_id)
    problems = []
    pending: list[tuple[Path, bytes, str]] = []  # (target, its YAML, the form read)
    blank: list[str] = []
    unfilled: list[tuple[str, list[str]]] = []
    for path in files:
        collected, found = read_form(path, path.name)
        problems.extend(found)
        if collected is None:
            continue
        if collected.blank:
            # While agencies reply, `collect output/*-bieu-mau-*.xlsx` meets forms no one
            # has filled yet: they are passed over, and said, unless no form was filled.
            blank.append(path.name)
            continue

        def refuse(message: str, where: str = "", name: str = path.name) -> None:
            problems.append(Problem(name, None, where, message))

        if collected.plan_id != entry.id:
            refuse(f"biểu mẫu của kế hoạch “{collected.plan_id}”, không phải “{entry.id}”")
            continue
        agency = project.registry.agencies.get(collected.agency_id)
        if agency is None:
            refuse(f"không có cơ quan “{collected.agency_id}”")
            continue
        try:
            period = parse_period(collected.period_id, entry.plan.reporting)
        except KehoachError as exc:
            refuse(str(exc))
            continue
        # Only the agency's own tasks: any other key would make the workspace invalid.
        assigned = {d.entry.key for d in task_duties(entry.plan, project.registry, agency.id)}
        for key, row in collected.rows.items():
            if key not in assigned:
                refuse(
                    f"mã nhiệm vụ “{key}” không phải nhiệm vụ của {agency.name} trong kế hoạch "
                    "này: cột ẩn “Mã” đã bị sửa? Hãy dùng biểu mẫu mới (kehoach forms)",
                    task_cell(row),
                )
        try:
            ProgressFile.model_validate(collected.data)
        except ValidationError as exc:
            for err in exc.errors():
                refuse(message_of(err))
            continue
        if found:
            continue
        target = progress_dir(project.root, entry.id, period.id) / f"{agency.id}.yaml"
        yaml_bytes = progress_yaml(collected, agency, period).encode("utf-8")
        pending.append((target, yaml_bytes, path.name))
        if collected.unfilled:
            unfilled.append((path.name, collected.unfilled))
    if blank and not pending:
        where = f"trang tính “{TASK_SHEET}”"
        problems += [Problem(name, None, where, BLANK) for name in blank]
    if problems:
        raise DataError(problems)
    targets = [t for t, _, _ in pending]
    seen: dict[Path, str] = {}
    for target, _, source in pending:
        if target in seen:
            raise KehoachError(
                f"{seen[target]} và {source}: hai biểu mẫu của cùng một cơ quan "
                f"({target.stem}), cùng một kỳ: chỉ đưa vào một tệp"
            )
        seen[target] = source
    refuse_existing(targets, force)
    backups = [b for t, data, _ in pending if (b := keep_or_replace(t, data, force))]
    return CollectResult(targets, backups, blank, unfilled)


@dataclass
class Unreadable:
    """A file `check` could not audit, and why, in words for the user."""

    file: str
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "errors": 1, "warnings": 0, "unreadable": self.reason,
                "findings": []}  # fmt: skip


def check(files: list[Path]) -> list[CheckReport | Unreadable]:
    """Audit .docx files against the form rules of NĐ 30; one report per file."""
    return [check_file(path) for path in files]


def check_file(path: Path) -> CheckReport | Unreadable:
    """One file's audit; a file that cannot be read, or that a rule cannot make sense of,
    is an `Unreadable` report, so that the other files are still checked."""
    import os

    from .check import check_docx
    from .limits import InputError, read_package

    try:
        # The bytes whose sizes were checked are the bytes read: the file is read once.
        package = read_package(path, ".docx")
    except InputError as exc:
        return Unreadable(str(path), str(exc))
    try:
        return check_docx(package, str(path))
    except (MemoryError, RecursionError):
        return Unreadable(str(path), "văn bản quá lớn hoặc lồng nhau quá sâu")
    except Exception as exc:  # a rule met XML it did not expect: report, go on
        if os.environ.get("KEHOACH_DEBUG"):
            raise
        return Unreadable(
            str(path),
            f"có giá trị trong XML của tệp mà chương trình chưa hiểu được "
            f"({type(exc).__name__}); chạy lại với KEHOACH_DEBUG=1 để xem chi tiết",
        )


def schema(workspace: Path, output: Path | None = None) -> list[Path]:
    """Write the JSON Schema of every kind of YAML file (for the editor)."""
    from .schemas import SCHEMAS_DIR, write_schemas

    return write_schemas(output if output is not None else workspace / SCHEMAS_DIR)


def init(target: Path) -> tuple[list[Path], list[Path]]:
    """A new workspace: a small commented example, the templates and the editor schemas.
    Returns the files written and the files already there, which are kept as they are."""
    from .schemas import SCHEMAS_DIR, write_schemas
    from .template_paths import PACKAGE_DIR, shipped_dir
    from .workspace import PLANS_DIR, TEMPLATES_DIR

    if (target / PLANS_DIR).exists():
        raise KehoachError(f"{target / PLANS_DIR} đã có; không ghi đè thư mục làm việc đang dùng")
    starter = sorted((PACKAGE_DIR / "starter" / PLANS_DIR).glob("*.yaml"))
    sources = [
        *((s, target / PLANS_DIR / s.name) for s in starter),
        *((s, target / TEMPLATES_DIR / s.name) for s in sorted(shipped_dir().glob("*.docx"))),
    ]
    written: list[Path] = []
    kept: list[Path] = []
    for source, path in sources:
        # A template customised before `init` is the clerk's work: never replaced.
        if path.exists():
            kept.append(path)
            continue
        write_atomic(path, source.read_bytes())
        written.append(path)
    written += write_schemas(target / SCHEMAS_DIR)
    ignore = target / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, f"{OUTPUT_DIR}/\n".encode())
        written.append(ignore)
    return written, kept


def import_document(
    source: Path, workspace: Path, output: Path | None = None, plan_id: str | None = None
) -> ImportResult:
    """A plan received as .docx or PDF becomes a draft workspace: a new one at `output`,
    or a plan added to `workspace` reusing its agencies. Nothing is overwritten."""
    from .importer import import_plan
    from .schemas import SCHEMAS_DIR, write_schemas

    result = import_plan(source, None if output is not None else workspace, output, plan_id)
    # The files' first line points the editor at ../schemas/: a new workspace gets them.
    root = output if output is not None else workspace
    if not (root / SCHEMAS_DIR).exists():
        result.written += write_schemas(root / SCHEMAS_DIR)
    return result
