"""Every document of a plan in one run: parallel, atomic, with a manifest.

The parent loads the workspace and prepares the templates (trying each on a first
document); where the system forks (Linux), the workers start as copies of it and render
at once, and where it spawns (Windows, macOS), each loads the workspace once. Workers
render and write their share of documents in chunks, each chunk flushed to disk in one
go; the parent only hands out names and collects checksums, so memory does not grow
with the number of documents.
"""

from __future__ import annotations

import csv
import functools
import gc
import hashlib
import io
import multiprocessing
import os
import signal
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import kinds
from .api import (
    Job,
    consolidated_job,
    output_dir_for,
    period_of,
    period_state_for,
    plan_job,
    reminder_jobs,
    reminders_for,
    report_job,
    select_agencies,
    subplan_job,
)
from .cells import csv_field
from .errors import KehoachError
from .models.registry import Agency
from .template_paths import find_template
from .translations import os_error
from .workspace import LoadedPlan, Project, open_project
from .write import Staged, commit, remove_abandoned, stage, write_atomic

if TYPE_CHECKING:
    from .render.docx import CompiledTemplate

MANIFEST = "manifest.csv"


@dataclass(frozen=True, slots=True)
class Spec:
    """A document named by data only, so it can cross to a worker process."""

    kind: str
    agency_id: str


@dataclass(frozen=True)
class Needs:
    """What the batch reads beside the registry and the plans: the agencies' own data
    (`details`, None: all) and a period's reports; a spawned worker reads the same."""

    plan_id: str
    details: tuple[str, ...] | None
    period: str | None

    def load(self, workspace: Path) -> Project:
        project = open_project(workspace)
        project.read(self.plan_id, self.details, self.period)
        return project


@dataclass(slots=True)
class Outcome:
    spec: Spec
    agency_name: str
    path: Path | None
    sha256: str
    error: str | None = None

    def held(self, spec: Spec, name: str, folder: Path) -> Outcome:
        """This outcome, as a worker sent it, made of what the batch holds already (its
        spec, the agency's name, the run's folder): 10,000 agencies' outcomes unpickled
        as they came were 19 MB, each holding its own copy of every part of its path."""
        path = folder / self.path.name if self.path is not None else None
        return Outcome(spec, name, path, self.sha256, self.error)


def clean_stale_temp_files(root: Path) -> int:
    """Remove what killed runs of this program left half done in the output folder and
    its run folders: only files it marked as its own, and only once their writer is gone
    (complete documents, other people's files and live runs are left alone)."""
    removed = remove_abandoned(root)
    try:
        folders = [e.path for e in os.scandir(root) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return removed
    return removed + sum(remove_abandoned(Path(f)) for f in folders)


class _Renderer:
    def __init__(
        self, project: Project, entry: LoadedPlan, folder: Path, period: str | None
    ) -> None:
        self.project = project
        self.entry = entry
        self.state = period_state_for(project, entry, period_of(entry, period)) if period else None
        self.folder = folder
        self._templates: dict[str, CompiledTemplate] = {}
        # The documents rendered while trying the templates (file name, bytes): written
        # as they are rather than made twice (the consolidated report and workbook hold
        # every agency).
        self._tried: dict[Spec, tuple[str, bytes]] = {}

    @classmethod
    def load(cls, workspace: Path, needs: Needs, folder: Path) -> _Renderer:
        project = needs.load(workspace)
        return cls(project, project.plan(needs.plan_id), folder, needs.period)

    def template(self, name: str) -> CompiledTemplate:
        if name not in self._templates:
            from .render.docx import CompiledTemplate

            self._templates[name] = CompiledTemplate(find_template(self.project.root, name))
        return self._templates[name]

    def job(self, spec: Spec) -> Job:
        agency = self.project.registry.agencies[spec.agency_id]
        if spec.kind == kinds.PLAN.id:
            return plan_job(self.project, self.entry)
        if spec.kind == kinds.SUBPLAN.id:
            return subplan_job(self.project, self.entry, agency)
        assert self.state is not None
        if spec.kind == kinds.REPORT.id:
            return report_job(self.project, self.entry, self.state, agency)
        if spec.kind in (kinds.REMINDER.id, kinds.OVERDUE_REMINDER.id):
            return next(j for j in self.reminder_jobs if j.kind.id == spec.kind)
        return consolidated_job(self.project, self.entry, self.state)

    @functools.cached_property
    def reminder_jobs(self) -> list[Job]:
        """The công văn đôn đốc of the period, once its report deadline has passed."""
        state = self.state
        if state is None or date.today() <= state.period.due:
            return []
        reminders = reminders_for(self.project, self.entry, state, date.today())
        return reminder_jobs(self.project, self.entry, state, reminders)

    def document(self, spec: Spec) -> tuple[Path, bytes]:
        if spec in self._tried:
            name, data = self._tried.pop(spec)
            return self.folder / name, data
        if spec.kind == kinds.WORKBOOK.id:
            from .render.xlsx import summary_workbook

            assert self.state is not None
            job = consolidated_job(self.project, self.entry, self.state)
            return self.folder / job.filename.replace(".docx", ".xlsx"), summary_workbook(
                self.state, self.project.registry
            )
        job = self.job(spec)
        assert job.kind.template is not None
        template = self.template(job.kind.template)
        return self.folder / job.filename, template.render_made(job.compose)

    def try_templates(self, specs: list[Spec]) -> None:
        """Render the first document of each template in memory; raise on any fault."""
        tried: set[str | None] = set()
        for spec in specs:
            # The workbook has no template; it is tried once like any template.
            name = kinds.KINDS[spec.kind].template or spec.kind
            if name not in tried:
                tried.add(name)
                path, data = self.document(spec)
                self._tried[spec] = (path.name, data)

    def run(self, specs: list[Spec]) -> list[Outcome]:
        """Render and stage each document, then put them all in place together."""
        outcomes: list[Outcome] = []
        staged: list[tuple[int, Staged]] = []
        try:
            for spec in specs:
                name = self.project.registry.agencies[spec.agency_id].name
                try:
                    path, data = self.document(spec)
                    item = stage(path, data)
                except KehoachError as exc:
                    outcomes.append(Outcome(spec, name, None, "", str(exc)))
                except Exception as exc:
                    # A bug of ours: named, and the other documents are still written.
                    error = f"lỗi không lường trước ({type(exc).__name__})"
                    outcomes.append(Outcome(spec, name, None, "", error))
                else:
                    staged.append((len(outcomes), item))
                    outcomes.append(Outcome(spec, name, path, hashlib.sha256(data).hexdigest()))
        except BaseException:
            for _, item in staged:
                item.discard()
            raise
        for (index, _), failed in zip(staged, commit([item for _, item in staged]), strict=True):
            if failed is not None:
                done = outcomes[index]
                outcomes[index] = Outcome(done.spec, done.agency_name, None, "", str(failed))
        return outcomes


_worker: _Renderer | None = None


def _exit_with_parent() -> None:
    """End this worker as soon as the batch that started it is gone, even if it was
    killed outright (a killed parent never tells its workers to stop)."""
    parent = multiprocessing.parent_process()
    first_parent = os.getppid()

    def watch() -> None:
        from multiprocessing.connection import wait

        while True:
            if parent is not None and wait([parent.sentinel], timeout=0.5):
                os._exit(1)
            if parent is None:
                threading.Event().wait(0.5)
            # POSIX: an orphan is adopted by another process (init or a subreaper).
            if os.name != "nt" and os.getppid() != first_parent:
                os._exit(1)

    threading.Thread(target=watch, name="kehoach-parent-watch", daemon=True).start()


def _init_worker(*spawned: tuple[Path, Needs, Path]) -> None:
    """A forked worker has the parent's renderer already; a spawned one loads its own."""
    # Ctrl-C is the parent's to handle: workers finish the chunk in hand, then stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    global _worker
    if spawned:
        [(workspace, needs, folder)] = spawned
        _worker = _Renderer.load(workspace, needs, folder)


def _run_in_worker(specs: list[Spec]) -> list[Outcome]:
    assert _worker is not None
    return _worker.run(specs)


def _pool(workers: int, renderer: _Renderer, needs: Needs) -> ProcessPoolExecutor:
    """Workers that start as copies of the parent where the system forks safely (see
    beside.forks: on macOS some system libraries do not survive a fork), else that load
    once each."""
    from .beside import forks

    global _worker
    if forks():
        _worker = renderer
        return ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker
        )
    spawned = (renderer.project.root, needs, renderer.folder)
    return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(spawned,))


# Documents of the whole plan (every agency in them): each alone, and first, so that the
# other workers share out the rest meanwhile instead of waiting for them at the end.
_LARGE = {kinds.CONSOLIDATED.id, kinds.WORKBOOK.id, kinds.REMINDER.id, kinds.OVERDUE_REMINDER.id}


def _chunks(specs: list[Spec], workers: int) -> list[list[int]]:
    """Chunks of documents (their places in `specs`), each rendered by one worker and
    flushed to disk at once: a few per worker so that the work evens out, at most 64
    (files held open at once)."""
    large = [[i] for i, s in enumerate(specs) if s.kind in _LARGE]
    rest = [i for i, s in enumerate(specs) if s.kind not in _LARGE]
    size = max(1, min(64, -(-len(rest) // (workers * 4))))
    return large + [rest[i : i + size] for i in range(0, len(rest), size)]


@dataclass
class BatchResult:
    folder: Path
    outcomes: list[Outcome]
    manifest: Path
    archive: Path | None
    # Agencies with duties but no header, code or place in the registry: no sub-plan.
    skipped: list[Agency] = field(default_factory=list)
    # With a period: agencies that have not reported, and the period as documents name it.
    missing: list[Agency] = field(default_factory=list)
    period_label: str = ""

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    def summary(self) -> str:
        done = len(self.outcomes) - len(self.failures)
        text = f"Đã ghi {done}/{len(self.outcomes)} văn bản vào {self.folder}"
        if self.failures:
            text += f"; {len(self.failures)} văn bản lỗi"
        return text + "."


def _run_folder(output: Path, plan_id: str) -> Path:
    """A new folder of this run's own: created here, so that two runs started in the
    same second each get one (`-2`, `-3`, …) and never share."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KehoachError(f"không tạo được thư mục {output}: {os_error(exc)}") from None
    suffix = 1
    while True:
        folder = output / (f"{plan_id}-{stamp}" + (f"-{suffix}" if suffix > 1 else ""))
        try:
            folder.mkdir()
        except FileExistsError:
            suffix += 1
            continue
        except OSError as exc:
            raise KehoachError(f"không tạo được thư mục trong {output}: {os_error(exc)}") from None
        return folder


def _manifest_bytes(outcomes: list[Outcome]) -> bytes:
    # Encoded as it is written: 10,000 agencies' rows as one text, then that text with
    # its BOM, then its bytes, were three copies at once (14 MB).
    buffer = io.BytesIO()
    # A BOM so that Excel on Windows opens the Vietnamese names correctly.
    with io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="") as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(["ma_co_quan", "ten_co_quan", "loai_van_ban", "tep", "sha256"])
        for o in outcomes:
            if o.path is not None:
                pdf = " (PDF)" if o.path.suffix == ".pdf" else ""
                row = [o.spec.agency_id, o.agency_name, kinds.KINDS[o.spec.kind].label + pdf]
                writer.writerow([csv_field(v) for v in [*row, o.path.name, o.sha256]])
        text.flush()
        return buffer.getvalue()


def _zip_bytes(folder: Path, names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(folder / name, f"{folder.name}/{name}")
    return buffer.getvalue()


def run_batch(
    workspace: Path,
    plan_id: str | None = None,
    kind: str | None = None,
    output: Path | None = None,
    make_zip: bool = False,
    jobs: int | None = None,
    progress: Callable[[Iterator[Outcome], int], Iterator[Outcome]] | None = None,
    period: str | None = None,
    pdf: bool = False,
) -> BatchResult:
    """The plan and every selected agency's plan into a new folder, with a manifest;
    with a period, also every report received and the consolidated report."""
    project = open_project(workspace)
    entry = project.plan(plan_id)
    # The period under its own name ("2024-h1" is 2024-H1), refused before anything is read.
    period = period_of(entry, period).id if period else None
    selection = select_agencies(project, entry, None, kind is None, kind)
    agencies = selection.agencies
    # A period's documents need every agency's data (deadlines) and every report.
    needs = Needs(entry.id, None if period else tuple(a.id for a in agencies), period)
    project.read(needs.plan_id, needs.details, needs.period)
    root = output_dir_for(project, output)
    # Named when the documents are written; trying the templates writes nothing.
    renderer = _Renderer(project, entry, root, period)
    specs = [Spec(kinds.PLAN.id, entry.plan.issuer)] if kind is None else []
    specs += [Spec(kinds.SUBPLAN.id, a.id) for a in agencies]
    if renderer.state is not None:
        state = renderer.state
        follow = consolidated_job(project, entry, state).agency
        specs += [Spec(kinds.REPORT.id, a.id) for a in agencies if a.id in state.reports]
        specs += [Spec(kinds.CONSOLIDATED.id, follow.id), Spec(kinds.WORKBOOK.id, follow.id)]
        specs += [Spec(j.kind.id, j.agency.id) for j in renderer.reminder_jobs]
    # Every template is prepared and tried on a first document before anything is written,
    # so that a broken workspace template stops the batch with nothing half done.
    renderer.try_templates(specs)
    clean_stale_temp_files(root)
    folder = renderer.folder = _run_folder(root, entry.id)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(specs)))
    chunks = _chunks(specs, workers)
    done: dict[int, Outcome] = {}

    def finished(chunk: list[int], outcomes: list[Outcome]) -> Iterator[Outcome]:
        for index, outcome in zip(chunk, outcomes, strict=True):
            spec = specs[index]
            held = outcome.held(spec, project.registry.agencies[spec.agency_id].name, folder)
            done[index] = held
            yield held

    if workers == 1:
        stream: Iterator[Outcome] = (
            o for chunk in chunks for o in finished(chunk, renderer.run([specs[i] for i in chunk]))
        )
        for _ in progress(stream, len(specs)) if progress else stream:
            pass
    else:
        # What the parent holds is not collected in the workers (where the collector
        # would touch, and so copy, every page of it).
        gc.freeze()
        pool = _pool(workers, renderer, needs)
        try:
            futures = {pool.submit(_run_in_worker, [specs[i] for i in c]): c for c in chunks}
            # A future is let go once read: each holds its chunk's outcomes as they came.
            stream = (
                o for f in as_completed(futures) for o in finished(futures.pop(f), f.result())
            )
            for _ in progress(stream, len(specs)) if progress else stream:
                pass
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            gc.unfreeze()
        pool.shutdown()
    # In the order of the specs, whatever order they were done in.
    outcomes = [done[i] for i in range(len(specs))]

    if pdf:
        from .pdf import to_pdf

        docs = [o for o in outcomes if o.path is not None and o.path.suffix == ".docx"]
        for outcome, made in zip(docs, to_pdf([o.path for o in docs if o.path]), strict=True):
            data = made.read_bytes()
            outcomes.append(
                Outcome(outcome.spec, outcome.agency_name, made, hashlib.sha256(data).hexdigest())
            )

    manifest = folder / MANIFEST
    write_atomic(manifest, _manifest_bytes(outcomes))
    archive = None
    if make_zip:
        names = [o.path.name for o in outcomes if o.path is not None] + [MANIFEST]
        archive = folder.with_suffix(".zip")
        write_atomic(archive, _zip_bytes(folder, names))
    final = renderer.state
    missing = final.missing if final is not None else []
    label = final.period.label if final is not None else ""
    return BatchResult(folder, outcomes, manifest, archive, selection.skipped, missing, label)
