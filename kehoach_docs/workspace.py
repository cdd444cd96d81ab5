"""A workspace folder: its YAML loaded, validated and cross-checked, all errors at once."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import lifetime
from .errors import DataError, Problem, WorkspaceError, did_you_mean, near_id
from .models.base import FOOTNOTE_MARK, share_field_sets
from .models.details import AgencyDetails, AgencyDetailsFile
from .models.plan import Item, Plan, PlanFile
from .models.progress import Progress, ProgressFile, Received, received
from .models.registry import RegistryFile
from .registry import Registry
from .write import safe_name
from .yamlsafe import Loaded, PathKey, load_yaml, parse_yaml, read_yaml_bytes

PLANS_DIR = "plans"
DETAILS_DIR = "don-vi"
PROGRESS_DIR = "tien-do"
TEMPLATES_DIR = "templates"
OUTPUT_DIR = "output"

R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadedPlan:
    id: str
    plan: Plan
    source: Loaded


@dataclass
class LoadedDetails:
    details: AgencyDetails
    source: Loaded


@dataclass(slots=True)
class LoadedProgress:
    """A report as held once its model is made: what the period's documents and the checks
    read of it, and the digest of the file's bytes, read again where the agency's own
    report is made (Project.report). 10,000 whole models took eight times the memory;
    their bytes, 12 MB in every worker of a batch."""

    source: Loaded
    agency: str  # as the file says (checked against its name)
    received: Received
    period: str  # as the file says (checked against its folder)
    numbered: bool  # it has its own number or date
    digest: bytes


@dataclass
class Project:
    """Everything a workspace holds, validated."""

    root: Path
    registry: Registry
    plans: dict[str, LoadedPlan]
    files: list[Loaded]
    warnings: list[Problem] = field(default_factory=list)
    # plan id -> agency id -> that agency's own data for its sub-plan
    details: dict[str, dict[str, LoadedDetails]] = field(default_factory=dict)

    # plan id -> period id -> agency id -> what the agency reported for that period
    progress: dict[str, dict[str, dict[str, LoadedProgress]]] = field(default_factory=dict)
    # Whether `files` keeps every file read (see `_open`).
    keep: bool = True

    def __post_init__(self) -> None:
        if not self.keep:
            self.files = []

    @property
    def kept_files(self) -> list[Loaded] | None:
        """Where the files read are kept (`validate` counts them); None: not kept."""
        return self.files if self.keep else None

    def read(
        self,
        plan_id: str,
        details: Iterable[str] | None = (),
        period: str | None = None,
        reporters: Iterable[str] | None = None,
    ) -> None:
        """Read and check the agencies' own files a command needs for plan `plan_id`: the
        data of the agencies in `details` (None: all) and, for `period`, the reports of
        `reporters` (None: all) with their data. Raise one DataError listing every
        problem in them; files no one asked for are not read, so their faults stop no
        one (`validate` reads them all)."""
        with _no_collection():
            self._read(self.plan(plan_id), details, period, reporters)

    def _read(
        self,
        entry: LoadedPlan,
        details: Iterable[str] | None,
        period: str | None,
        reporters: Iterable[str] | None,
    ) -> None:
        wanted = None if details is None else frozenset(details)
        reporting = None if reporters is None else frozenset(reporters)
        if period is not None:
            wanted = None if wanted is None or reporting is None else wanted | reporting
        problems, own = _load_details(self, entry.id, wanted)
        reports: dict[str, dict[str, LoadedProgress]] = {}
        if period is not None:
            found, reports = _load_progress(self, entry.id, period, reporting)
            problems += found
        self.details.setdefault(entry.id, {}).update(own)
        for period_id, got in reports.items():
            self.progress.setdefault(entry.id, {}).setdefault(period_id, {}).update(got)
        if not problems:
            found = _check_details(self.registry, entry.plan, own)
            found += _check_progress(self.registry, entry.plan, self.details[entry.id], reports)
            problems = [p for p in found if not p.warning]
            self.warnings.extend(p for p in found if p.warning)
        if problems:
            raise DataError(problems)
        if not self.keep:
            # Checked: what was read to check it (10,000 reports) is let go.
            sources = [d.source for d in own.values()]
            sources += [r.source for got in reports.values() for r in got.values()]
            for source in sources:
                source.release()

    def all_details(self, plan_id: str) -> dict[str, AgencyDetails]:
        return {k: v.details for k, v in self.details.get(plan_id, {}).items()}

    def reports(self, plan_id: str, period_id: str) -> dict[str, Received]:
        found = self.progress.get(plan_id, {}).get(period_id, {})
        return {k: v.received for k, v in found.items()}

    def report(self, plan_id: str, period_id: str, agency_id: str) -> Progress:
        """An agency's whole report for a period (read, and checked, before)."""
        entry = self.progress[plan_id][period_id][agency_id]
        source = entry.source
        raw = read_yaml_bytes(source.path, source.display)
        # The bytes that were checked, or none: the file may have changed since.
        if _digest(raw) != entry.digest:
            raise DataError([Problem(source.display, None, "", CHANGED)])
        loaded = parse_yaml(raw, source.path, source.display)
        return ProgressFile.model_validate(loaded.data).progress

    def details_for(self, plan_id: str, agency_id: str) -> AgencyDetails | None:
        found = self.details.get(plan_id, {}).get(agency_id)
        return found.details if found else None

    def plan(self, plan_id: str | None = None) -> LoadedPlan:
        if plan_id is not None:
            if plan_id not in self.plans:
                known = ", ".join(self.plans) or "không có"
                raise WorkspaceError(f"không có kế hoạch “{plan_id}” (các kế hoạch: {known})")
            return self.plans[plan_id]
        if len(self.plans) == 1:
            return next(iter(self.plans.values()))
        if not self.plans:
            raise WorkspaceError(
                f"thư mục {PLANS_DIR}/ chưa có kế hoạch nào (tệp có khóa “ke_hoach”)"
            )
        raise WorkspaceError(
            "có nhiều kế hoạch, hãy chọn một bằng --plan: " + ", ".join(sorted(self.plans))
        )


def _yaml_in(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def yaml_files(root: Path) -> list[Path]:
    folder = root / PLANS_DIR
    if not folder.is_dir():
        raise WorkspaceError(
            f"{root} không phải thư mục làm việc: thiếu thư mục {PLANS_DIR}/ "
            "(dùng -w để chỉ thư mục khác)"
        )
    return _yaml_in(folder)


def _read(
    root: Path,
    paths: list[Path],
    problems: list[Problem],
    files: list[Loaded] | None,
    step: Callable[[Loaded], R],
) -> Iterator[tuple[Loaded, R]]:
    """Each file parsed and given to `step` as it comes, with what `step` made of it; a
    file that does not parse adds its problems and is skipped. `files` (if any) keeps
    every file parsed."""
    for outcome in _stepped(root, paths, step):
        if isinstance(outcome, list):
            problems.extend(outcome)
        else:
            if files is not None:
                files.append(outcome[0])
            yield outcome


# From this many files on (a period's reports), half are read in a forked copy.
MANY_FILES = 200


def _stepped(
    root: Path, paths: list[Path], step: Callable[[Loaded], R]
) -> Iterator[tuple[Loaded, R] | list[Problem]]:
    """Each file parsed and stepped (or its problems), in order, one file at a time: of
    a file, only what `step` keeps outlives the next (10,000 reports parsed first and
    checked after held all their data at once: 150 MB). Many files are read half here
    and half beside (see beside.py), where `step` runs too, so that only what it keeps
    comes back."""
    from .beside import beside, forks

    if len(paths) < MANY_FILES or not forks():
        for path in paths:
            yield _step_one(root, path, step)
        return
    import pickle

    half = len(paths) // 2
    rest = paths[half:]
    with beside(
        lambda: pickle.dumps([_step_one(root, p, step) for p in rest], pickle.HIGHEST_PROTOCOL)
    ) as theirs:
        for path in paths[:half]:
            yield _step_one(root, path, step)
        done: list[tuple[Loaded, R] | list[Problem]] = pickle.loads(theirs())
    yield from done


def _step_one(
    root: Path, path: Path, step: Callable[[Loaded], R]
) -> tuple[Loaded, R] | list[Problem]:
    outcome = _parse_one(root, path)
    return outcome if isinstance(outcome, list) else (outcome, step(outcome))


def _parse_one(root: Path, path: Path) -> Loaded | list[Problem]:
    try:
        return load_yaml(path, _display(root, path))
    except DataError as exc:
        return exc.problems


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _validate(loaded: Loaded, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        from .schema_errors import problems_from  # (its words are needed only here)

        return None, problems_from(exc, loaded, model)


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Loading makes many objects and no cycles: the cyclic collector, run again and
    again over all of them as they grow, took longer than the parsing (10,000 agencies).
    In a process that ends with its command (lifetime.ONE_COMMAND), what was loaded is set aside
    from the collector for good (gc.freeze), which then looks only at what composing and
    rendering make: a third of the time of composing a 1,000-agency report was spent
    looking again at the reports. Elsewhere (a program using this library, the tests) it
    would never be freed, and is not."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lifetime.ONE_COMMAND:
            gc.freeze()
        if enabled:
            gc.enable()


def load_project(root: Path) -> Project:
    """Load every YAML file of the workspace; raise one DataError listing all problems.
    This is what `validate` checks; a command reads only what it needs (`open_project`,
    then `Project.read`), so that a broken file of one agency stops no one else."""
    with _no_collection():
        return _load_everything(root)


def _load_everything(root: Path) -> Project:
    project, problems = _open(root, keep=True)
    registry, warnings = project.registry, project.warnings
    for plan_id in project.plans:
        found, project.details[plan_id] = _load_details(project, plan_id, None)
        problems.extend(found)
        found, project.progress[plan_id] = _load_progress(project, plan_id, None, None)
        problems.extend(found)
    if not problems:
        for plan_id, entry in project.plans.items():
            details, progress = project.details[plan_id], project.progress[plan_id]
            found = _check_details(registry, entry.plan, details)
            found += _check_progress(registry, entry.plan, details, progress)
            found += _check_assignments(registry, entry)
            found += _check_draft_cited(entry, details, progress)
            problems.extend(p for p in found if not p.warning)
            warnings.extend(p for p in found if p.warning)
    if problems:
        raise DataError([*problems, *warnings])
    return project


def open_project(root: Path) -> Project:
    """The registry and the plans, validated and cross-checked: what every command needs.
    The agencies' own files are read after, as each command needs them (`Project.read`)."""
    with _no_collection():
        project, problems = _open(root, keep=False)
    if problems:
        raise DataError([*problems, *project.warnings])
    return project


def _open(root: Path, keep: bool) -> tuple[Project, list[Problem]]:
    """The workspace's top folder read: the registry, the plans, and their problems. With
    `keep`, the project keeps every file as read (`validate` counts them); else what the
    checks needed of the registry's files (its raw data, its lines) is let go."""
    root = root.resolve()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    registry = Registry()
    plans: dict[str, LoadedPlan] = {}
    files: list[Loaded] = []
    registry_files: list[Loaded] = []
    plan_files: list[Loaded] = []
    paths = yaml_files(root)

    for loaded, _ in _read(root, paths, problems, files, _as_read):
        warnings.extend(loaded.warnings)
        data = loaded.data
        if not isinstance(data, dict):
            problems.append(loaded.problem((), "tệp phải là một khối “khóa: giá trị” ở ngoài cùng"))
        elif "ke_hoach" in data:
            plan_files.append(loaded)
            model, found = _validate(loaded, PlanFile)
            problems.extend(found)
            if isinstance(model, PlanFile):
                share_field_sets(model)
                # The plan's id names its output files: kept to a safe file-name part.
                plan_id = safe_name(loaded.path.stem)
                if plan_id in plans:
                    problems.append(
                        loaded.problem(
                            (), f"trùng mã kế hoạch “{plan_id}” với tệp khác; đổi tên tệp"
                        )
                    )
                plans[plan_id] = LoadedPlan(plan_id, model.plan, loaded)
        elif data.keys() & {"co_quan", "nhom"}:
            registry_files.append(loaded)
            model, found = _validate(loaded, RegistryFile)
            problems.extend(found)
            if isinstance(model, RegistryFile):
                share_field_sets(model)
                for agency in model.agencies:
                    registry.agencies.setdefault(agency.id, agency)
                for group in model.groups:
                    registry.groups.setdefault(group.id, group)
        else:
            problems.append(
                loaded.problem(
                    (),
                    "không rõ loại tệp: tệp kế hoạch bắt đầu bằng “ke_hoach:”, "
                    "tệp danh mục cơ quan bằng “co_quan:” hoặc “nhom:”",
                )
            )

    problems.extend(_misnamed_plan_folders(root, plans))
    # A file that could not be read may be (part of) the registry: a code it holds is then
    # not said to be unknown wherever it is used (one slip in co-quan.yaml gave 28 errors).
    ids = _Ids(complete=len(files) == len(paths))
    problems.extend(_check_registry(ids, registry_files))
    warnings.extend(_check_header_fit(registry_files))
    for loaded in plan_files:
        found, warned = _check_plan(ids, loaded)
        problems.extend(found)
        warnings.extend(warned)
    return Project(root, registry, plans, files, warnings, keep=keep), problems


def _misnamed_plan_folders(root: Path, plans: dict[str, LoadedPlan]) -> list[Problem]:
    """A plan's data folder named like its file rather than its id would be silently
    ignored (`KH Triển khai 120.yaml` has the id `kh-trien-khai-120`): refuse it."""
    problems: list[Problem] = []
    folder = root / PLANS_DIR
    for entry in sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in plans):
        plan_id = safe_name(entry.name)
        if plan_id in plans:
            problems.append(
                Problem(
                    f"{PLANS_DIR}/{entry.name}/", None, "",
                    f"thư mục này không được đọc: dữ liệu của kế hoạch “{plan_id}” "
                    f"(tệp {plans[plan_id].source.path.name}) phải ở {PLANS_DIR}/{plan_id}/; "
                    "hãy đổi tên thư mục",
                )
            )  # fmt: skip
    return problems


def progress_dir(root: Path, plan_id: str, period_id: str | None = None) -> Path:
    folder = root / PLANS_DIR / plan_id / PROGRESS_DIR
    return folder / period_id if period_id else folder


def _wanted(project: Project, path: Path, agencies: frozenset[str] | None) -> bool:
    """Whether a command that needs the files of `agencies` (None: all) reads `path`: an
    agency's file is named by its id; one that is not could be anyone's, so it is read."""
    return agencies is None or path.stem in agencies or path.stem not in project.registry.agencies


def _load_progress(
    project: Project, plan_id: str, period: str | None, agencies: frozenset[str] | None
) -> tuple[list[Problem], dict[str, dict[str, LoadedProgress]]]:
    """The reports of `agencies` (None: all) for `period` (None: every period)."""
    problems: list[Problem] = []
    out: dict[str, dict[str, LoadedProgress]] = {}
    base = progress_dir(project.root, plan_id)
    folders = sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    for folder in folders:
        if period is not None and folder.name != period:
            continue
        period_files = out.setdefault(folder.name, {})
        paths = [p for p in _yaml_in(folder) if _wanted(project, p, agencies)]
        step = _model_step(ProgressFile, _report_kept)
        for loaded, (entry, found) in _read(
            project.root, paths, problems, project.kept_files, step
        ):
            problems.extend(found)
            if entry is not None:
                # Said of every file as it is read: a copy saved under another name, beside
                # the agency's own file, was otherwise taken for it, or left out, unsaid.
                if loaded.path.stem != entry.agency:
                    problems.append(_misnamed(loaded, ("bao_cao_tien_do", "co_quan"), entry.agency))
                period_files[entry.agency] = entry
    return problems, out


def _model_step(
    file_model: type[M], take: Callable[[Loaded, M], R]
) -> Callable[[Loaded], tuple[R | None, list[Problem]]]:
    """A file's model made and what `take` keeps of it; then the file's data and lines let
    go, its bytes kept: its lines are found again from them if a check asks where. (So
    also in `validate`, which keeps every file read: 10,000 agencies' reports as read
    held 250 MB.)"""

    def step(loaded: Loaded) -> tuple[R | None, list[Problem]]:
        model, found = _validate(loaded, file_model)
        if not isinstance(model, file_model):
            return None, found
        kept = take(loaded, model)
        loaded.modelled()
        return kept, found

    return step


def _report_kept(loaded: Loaded, model: ProgressFile) -> LoadedProgress:
    """What is held of a report (see LoadedProgress)."""
    report = model.progress
    numbered = bool(report.number or report.date)
    return LoadedProgress(
        loaded, report.agency, received(report), report.period, numbered, _digest(loaded.raw)
    )


CHANGED = "tệp đã được sửa trong khi lệnh đang chạy (sau khi đã kiểm tra): hãy chạy lại lệnh"


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _details_kept(loaded: Loaded, model: AgencyDetailsFile) -> AgencyDetails:
    share_field_sets(model)
    return model.details


def _as_read(loaded: Loaded) -> None:
    """The step of files whose data is read as it is (the registry, the plans)."""


def _check_progress(
    registry: Registry,
    plan: Plan,
    details: dict[str, LoadedDetails],
    progress: dict[str, dict[str, LoadedProgress]],
) -> list[Problem]:
    from .errors import KehoachError
    from .periods import parse_period
    from .progress import deadline_for, status_warning, task_duties

    problems: list[Problem] = []
    base: PathKey = ("bao_cao_tien_do",)
    for period_id, reports in progress.items():
        try:
            period = parse_period(period_id, plan.reporting)
        except KehoachError as exc:
            for entry in reports.values():
                problems.append(entry.source.problem((*base, "ky"), f"thư mục {exc}"))
            continue
        for agency_id, entry in reports.items():
            loaded, report = entry.source, entry.received
            if entry.period != period_id:
                problems.append(
                    loaded.problem(
                        (*base, "ky"), f"kỳ “{entry.period}” khác thư mục chứa tệp “{period_id}”"
                    )
                )
            if agency_id not in registry.agencies:
                problems.append(_unknown_agency(registry, loaded, (*base, "co_quan"), agency_id))
                continue
            duties = {d.entry.key: d for d in task_duties(plan, registry, agency_id)}
            own = details.get(agency_id)
            for key, task in report.tasks.items():
                path = (*base, "nhiem_vu", key)
                duty = duties.get(key)
                if duty is None:
                    known = ", ".join(duties) or "không có"
                    problems.append(
                        loaded.problem(
                            path,
                            f"nhiệm vụ “{key}” không giao cho cơ quan này "
                            f"(các nhiệm vụ của cơ quan: {known})",
                        )
                    )
                    continue
                deadline = deadline_for(duty, own.details if own else None)
                warning = status_warning(task, deadline, period)
                if warning:
                    problems.append(loaded.problem((*path, "tinh_trang"), warning, warning=True))
    return problems


def details_dir(root: Path, plan_id: str) -> Path:
    return root / PLANS_DIR / plan_id / DETAILS_DIR


def _load_details(
    project: Project, plan_id: str, agencies: frozenset[str] | None
) -> tuple[list[Problem], dict[str, LoadedDetails]]:
    """The own data of `agencies` (None: all) for their sub-plans."""
    problems: list[Problem] = []
    out: dict[str, LoadedDetails] = {}
    folder = details_dir(project.root, plan_id)
    paths = [p for p in _yaml_in(folder) if _wanted(project, p, agencies)]
    step = _model_step(AgencyDetailsFile, _details_kept)
    for loaded, (model, found) in _read(project.root, paths, problems, project.kept_files, step):
        problems.extend(found)
        if model is not None:
            agency = model.agency
            if agency != loaded.path.stem:
                problems.append(_misnamed(loaded, ("ke_hoach_don_vi", "co_quan"), agency))
            out[agency] = LoadedDetails(model, loaded)
    return problems, out


def _misnamed(loaded: Loaded, path: PathKey, agency: str) -> Problem:
    return loaded.problem(path, f"tệp {loaded.path.name} phải mang tên mã cơ quan: “{agency}.yaml”")


def _check_assignments(registry: Registry, entry: LoadedPlan) -> list[Problem]:
    """What the plan's data allows but a clerk should know: a body named as phối hợp
    while a group it belongs to leads, a body with duties that cannot issue documents."""
    from .duties import conflicts, roles_in
    from .outline import Entry, entries

    found: list[Problem] = []
    cannot_issue: dict[str, Entry] = {}
    for item_entry in entries(entry.plan):
        item = item_entry.item
        for agency_id, group in conflicts(item, registry):
            name = registry.agencies[agency_id].name
            found.append(
                entry.source.problem(
                    (*item_entry.path, "phoi_hop"),
                    f"{item_entry.cite} ({item_entry.key}): {name} được ghi là phối hợp nhưng "
                    f"cũng thuộc nhóm chủ trì “{registry.groups[group].wording}”: tính là "
                    "phối hợp",
                    warning=True,
                )
            )
        for agency_id in roles_in(item, registry):
            if not registry.agencies[agency_id].can_issue:
                cannot_issue.setdefault(agency_id, item_entry)
    follow = registry.agencies.get(entry.plan.follow_up or "")
    if follow is not None and not follow.can_issue:
        found.append(
            entry.source.problem(
                ("ke_hoach", "co_quan_theo_doi"),
                f"{follow.name} ({follow.id}) theo dõi kế hoạch nhưng danh mục cơ quan chưa có "
                "đủ “tieu_de”, “ma”, “dia_danh”: chưa lập được báo cáo tổng hợp",
                warning=True,
            )
        )
    for agency_id, first in cannot_issue.items():
        agency = registry.agencies[agency_id]
        found.append(
            entry.source.problem(
                first.path,
                f"{first.cite} ({first.key}): {agency.name} ({agency_id}) có nhiệm vụ nhưng "
                "danh mục cơ quan chưa có đủ "
                "“tieu_de”, “ma”, “dia_danh”: chưa lập được kế hoạch, báo cáo của cơ quan này",
                warning=True,
            )
        )
    return found


def _check_details(
    registry: Registry, plan: Plan, details: dict[str, LoadedDetails]
) -> list[Problem]:
    from .duties import duties_of

    problems: list[Problem] = []
    for agency_id, entry in details.items():
        loaded, base = entry.source, ("ke_hoach_don_vi",)
        if agency_id not in registry.agencies:
            problems.append(_unknown_agency(registry, loaded, (*base, "co_quan"), agency_id))
            continue
        duties = duties_of(plan, registry, agency_id)
        keys = {d.entry.key for d in duties}
        for key in entry.details.tasks:
            if key not in keys:
                known = ", ".join(sorted(keys)) or "không có"
                problems.append(
                    loaded.problem(
                        (*base, "nhiem_vu", key),
                        f"nhiệm vụ “{key}” không giao cho cơ quan này "
                        f"(các nhiệm vụ của cơ quan: {known})",
                    )
                )
        problems += _check_extra_tasks(registry, entry)
        problems += _check_unit_refs(entry)
        bare = [
            f"{d.entry.key} ({d.entry.cite})"
            for d in duties
            if not (own := entry.details.tasks.get(d.entry.key)) or not own.actions
        ]
        if bare:
            problems.append(
                loaded.problem(
                    (*base, "nhiem_vu"),
                    f"chưa ghi việc cụ thể (viec) cho {len(bare)} nhiệm vụ: {', '.join(bare)}; "
                    "kế hoạch của cơ quan chỉ nêu tên các nhiệm vụ này",
                    warning=True,
                )
            )
    return problems


def _check_draft_cited(
    entry: LoadedPlan,
    details: dict[str, LoadedDetails],
    progress: dict[str, dict[str, LoadedProgress]],
) -> list[Problem]:
    """Agencies' documents with their own number or date that cite a plan still a draft:
    each would print "Kế hoạch số      /KH-UBND ngày      tháng …" beside its own number."""
    from .vn import is_draft_number

    plan = entry.plan
    if not is_draft_number(plan.number) and plan.date is not None:
        return []
    numbered = [d.source.display for d in details.values() if d.details.number or d.details.date]
    numbered += [
        r.source.display for reports in progress.values() for r in reports.values() if r.numbered
    ]
    if not numbered:
        return []
    return [
        entry.source.problem(
            ("ke_hoach", "so"),
            f"kế hoạch chưa có số, ngày (“so”, “ngay”) mà {len(numbered)} văn bản của cơ quan "
            f"đã có (ví dụ {numbered[0]}): các văn bản đó sẽ dẫn “Kế hoạch số      /… ngày      "
            "tháng …”; điền số, ngày của kế hoạch khi kế hoạch được ký",
            warning=True,
        )
    ]


def _check_unit_refs(entry: LoadedDetails) -> list[Problem]:
    """A unit written as a code ("tcbc") that is none of the agency's units: a typo that
    would print as it is; a name with spaces is printed as written, as meant."""
    details = entry.details
    units = [u.id for u in details.units]
    found: list[Problem] = []

    def check(ref: str | None, path: PathKey) -> None:
        if ref and _ID.match(ref) and ref not in units:
            hint = did_you_mean(near_id(ref, units))
            found.append(
                entry.source.problem(
                    path,
                    f"“{ref}” không phải mã phòng, đơn vị nào trong “don_vi_truc_thuoc”{hint} "
                    "(chữ này sẽ in nguyên như vậy)",
                    warning=True,
                )
            )

    base: PathKey = ("ke_hoach_don_vi", "nhiem_vu")
    for key, task in details.tasks.items():
        check(task.unit, (*base, key, "don_vi"))
        for j, ref in enumerate(task.support):
            check(ref, (*base, key, "phoi_hop", j))
        for i, action in enumerate(task.actions):
            check(action.unit, (*base, key, "viec", i, "don_vi"))
            check(action.support, (*base, key, "viec", i, "phoi_hop"))
    return found


def _check_extra_tasks(registry: Registry, entry: LoadedDetails) -> list[Problem]:
    """The agency's own tasks name its units (don_vi_truc_thuoc) or bodies of the registry."""
    units = {u.id for u in entry.details.units}
    known = sorted(units) + [a for a in registry.ids() if a not in units]
    problems: list[Problem] = []

    def walk(items: list[Item], path: PathKey) -> None:
        for i, item in enumerate(items):
            for key, assignment in (("chu_tri", item.lead), ("phoi_hop", item.support)):
                for j, ref in enumerate(assignment.refs if assignment else []):
                    if ref not in units and not registry.knows(ref):
                        hint = did_you_mean(near_id(ref, known))
                        problems.append(
                            entry.source.problem(
                                (*path, i, key, "don_vi", j),
                                f"không có phòng, đơn vị (don_vi_truc_thuoc) hay cơ quan nào mã "
                                f"“{ref}”{hint}",
                            )
                        )
            walk(item.children, (*path, i, "muc"))

    walk(entry.details.extra_tasks, ("ke_hoach_don_vi", "nhiem_vu_them"))
    return problems


def _unknown_agency(registry: Registry, loaded: Loaded, path: PathKey, ref: str) -> Problem:
    hint = did_you_mean(near_id(ref, registry.ids()))
    return loaded.problem(path, f"không có cơ quan nào mã “{ref}”{hint}")


@dataclass
class _Ids:
    """Ids as written in the raw files, so references are checked even in invalid files."""

    agencies: dict[str, str] = field(default_factory=dict)  # id -> kind
    groups: dict[str, list[str]] = field(default_factory=dict)  # id -> members
    issuers: set[str] = field(default_factory=set)
    # False: a file that may hold ids could not be read, so an id not seen may be there.
    complete: bool = True

    def knows(self, ref: str) -> bool:
        return ref in self.agencies or ref in self.groups

    def unknown(self, ref: str) -> bool:
        """Whether `ref` is surely no agency's or group's id."""
        return self.complete and not self.knows(ref)

    def nearest(self, ref: str) -> str | None:
        return near_id(ref, [*self.agencies, *self.groups])


def _entries(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield i, item


def _str_list(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _check_registry(ids: _Ids, files: list[Loaded]) -> list[Problem]:
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}

    for loaded in files:
        for section in ("co_quan", "nhom"):
            for i, entry in _entries(loaded.data, section):
                ident, path = entry["id"], (section, i, "id")
                if ident in first_seen:
                    problems.append(
                        loaded.problem(
                            path, f"mã “{ident}” bị trùng (đã dùng ở {first_seen[ident]})"
                        )
                    )
                    continue
                first_seen[ident] = f"{loaded.display}:{loaded.line_of(path)}"
                if section == "co_quan":
                    ids.agencies[ident] = str(entry.get("loai", ""))
                    if all(entry.get(k) for k in ("ma", "tieu_de", "dia_danh")):
                        ids.issuers.add(ident)
                else:
                    ids.groups[ident] = _str_list(entry.get("thanh_vien"))

    kinds = set(ids.agencies.values())
    for loaded in files:
        for i, entry in _entries(loaded.data, "co_quan"):
            parent = entry.get("cap_tren")
            if isinstance(parent, str) and parent not in ids.agencies and ids.complete:
                problems.append(_unknown(ids, loaded, ("co_quan", i, "cap_tren"), parent))
        for i, entry in _entries(loaded.data, "nhom"):
            for j, member in enumerate(_str_list(entry.get("thanh_vien"))):
                if ids.unknown(member):
                    problems.append(_unknown(ids, loaded, ("nhom", i, "thanh_vien", j), member))
            for j, kind in enumerate(_str_list(entry.get("loai"))):
                if kind not in kinds and ids.complete:
                    problems.append(
                        loaded.problem(
                            ("nhom", i, "loai", j),
                            f"không có cơ quan nào thuộc loại “{kind}” "
                            f"(các loại đang có: {', '.join(sorted(kinds))})",
                        )
                    )
            cycle = _group_cycle(ids, entry["id"])
            if cycle:
                problems.append(
                    loaded.problem(
                        ("nhom", i, "thanh_vien"), "nhóm chứa chính nó: " + " → ".join(cycle)
                    )
                )
    return problems


def _check_header_fit(files: list[Loaded]) -> list[Problem]:
    """Warn where an agency's header line or date line will wrap in its box."""
    from .header_fit import issuer_line_problem, place_problem

    found: list[Problem] = []
    for loaded in files:
        for i, entry in _entries(loaded.data, "co_quan"):
            header = entry.get("tieu_de")
            if isinstance(header, dict):
                for key, bold in (("co_quan_chu_quan", False), ("co_quan_ban_hanh", True)):
                    for j, line in enumerate(_str_list(header.get(key))):
                        message = issuer_line_problem(line, bold)
                        if message:
                            path = ("co_quan", i, "tieu_de", key, j)
                            found.append(loaded.problem(path, message, warning=True))
            place = entry.get("dia_danh")
            if isinstance(place, str) and (message := place_problem(place)):
                found.append(loaded.problem(("co_quan", i, "dia_danh"), message, warning=True))
    return found


def _group_cycle(ids: _Ids, start: str) -> list[str] | None:
    """A path start -> ... -> start through group members, if there is one."""
    stack: list[list[str]] = [[start]]
    while stack:
        trail = stack.pop()
        for member in ids.groups.get(trail[-1], []):
            if member == start:
                return [*trail, member]
            if member in ids.groups and member not in trail:
                stack.append([*trail, member])
    return None


def _unknown(ids: _Ids, loaded: Loaded, path: PathKey, ref: str) -> Problem:
    hint = did_you_mean(ids.nearest(ref))
    return loaded.problem(path, f"không có cơ quan hay nhóm nào mã “{ref}”{hint}")


def _walk(data: Any, path: PathKey) -> Iterator[tuple[Any, PathKey]]:
    yield data, path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, (*path, i))


_REF_PARENTS = {"chu_tri", "phoi_hop"}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _check_plan(ids: _Ids, loaded: Loaded) -> tuple[list[Problem], list[Problem]]:
    """References, ids and footnotes, read from the raw data of one plan file."""
    base: PathKey = ("ke_hoach",)
    plan = loaded.data.get("ke_hoach")
    problems: list[Problem] = []
    if not isinstance(plan, dict):
        return problems, []

    def need(ref: Any, path: PathKey, agency_only: bool = False) -> None:
        if not isinstance(ref, str):
            return
        if agency_only and ref in ids.groups:
            problems.append(loaded.problem(path, f"“{ref}” là một nhóm; ở đây cần một cơ quan"))
        elif ids.unknown(ref):
            problems.append(_unknown(ids, loaded, path, ref))

    issuer = plan.get("co_quan_ban_hanh")
    need(issuer, (*base, "co_quan_ban_hanh"), agency_only=True)
    if isinstance(issuer, str) and issuer in ids.agencies and issuer not in ids.issuers:
        problems.append(
            loaded.problem(
                (*base, "co_quan_ban_hanh"),
                f"cơ quan “{issuer}” cần “ma”, “tieu_de” và “dia_danh” trong danh mục "
                "để ban hành văn bản",
            )
        )
    need(plan.get("co_quan_theo_doi"), (*base, "co_quan_theo_doi"), agency_only=True)
    reminder = plan.get("don_doc")
    if isinstance(reminder, dict):
        need(reminder.get("co_quan"), (*base, "don_doc", "co_quan"), agency_only=True)

    item_ids: dict[str, int | None] = {}
    raw_notes = plan.get("chu_thich")
    footnotes: dict[str, Any] = raw_notes if isinstance(raw_notes, dict) else {}
    used: set[str] = set()
    for value, path in _walk(plan, base):
        key = path[-1] if len(path) > 1 else None
        if key == "don_vi" or (key in _REF_PARENTS and isinstance(value, list)):
            for j, ref in enumerate(value if isinstance(value, list) else []):
                need(ref, (*path, j))
        elif key in _REF_PARENTS and isinstance(value, str) and _ID.match(value.strip()):
            need(value.strip(), path)
        if key == "id" and isinstance(value, str) and "muc" in path:
            if value in item_ids:
                problems.append(
                    loaded.problem(
                        path, f"mã mục “{value}” bị trùng (đã dùng ở dòng {item_ids[value]})"
                    )
                )
            else:
                item_ids[value] = loaded.line_of(path)
        if isinstance(value, str) and "chu_thich" not in path:
            for match in FOOTNOTE_MARK.finditer(value):
                note = match.group(1)
                if note not in footnotes:
                    problems.append(
                        loaded.problem(
                            path, f"chú thích “[^{note}]” chưa có nội dung trong “chu_thich”"
                        )
                    )
                elif note in used:
                    problems.append(loaded.problem(path, f"chú thích “[^{note}]” được dẫn hai lần"))
                used.add(note)
    warnings = [
        loaded.problem((*base, "chu_thich", note), f"chú thích “{note}” không được dẫn ở đâu", True)
        for note in footnotes
        if note not in used
    ]
    return problems, warnings
