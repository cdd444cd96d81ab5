"""Benchmark: what a user pays, whole commands from start to exit, beside in-process figures.

Run from the repository root:  python benchmarks/bench_batch.py [--pdf]
Every command is a fresh process (`kehoach …` as a user types it): wall time from start
to exit, start-up included, and the peak resident memory of the largest single process
it waited for (the command or one of its workers), read from the operating system's
accounting of the finished process (wait4). Each figure is the median of several runs,
in the same run as the yardsticks it is compared with: `kehoach --help`, a plain
single-process docxtpl script doing the batch's work (benchmarks/plain_docxtpl.py) and
the in-process render loops. Synthetic workspaces come from tests/synthetic.py.

The last lines are the README's table, in Markdown, with the machine it ran on.
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

EXAMPLE_PERIOD = "2024-H1"


@dataclass
class Run:
    wall: float  # seconds
    peak_mb: float  # largest single process


def disk_used(folder: Path) -> int:
    """Bytes of the files under `folder`."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def kehoach() -> list[str]:
    script = Path(sys.executable).parent / ("kehoach.exe" if os.name == "nt" else "kehoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kehoach_docs"]


def measure(command: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> Run:
    """One run of a whole command: wall time and peak RSS (wait4: the largest of the
    process and the descendants it waited for)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{command} failed:\n{errors.read().decode(errors='replace')}")
    return Run(wall, usage.ru_maxrss / 1024)


@dataclass
class Timed:
    runs: list[Run]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def peak(self) -> float:
        return max(r.peak_mb for r in self.runs)


def timed(
    rounds: int,
    command: Callable[[], list[str]],
    after: Callable[[], None],
    env: dict[str, str] | None = None,
) -> Timed:
    runs = []
    for _ in range(rounds):
        runs.append(measure(command(), env=env))
        after()
    return Timed(runs)


def paired(
    rounds: int, a: Callable[[], list[str]], b: Callable[[], list[str]], after: Callable[[], None]
) -> tuple[Timed, Timed, float]:
    """A and B in turn (A B A B …), and the median of the ratios A/B taken pair by pair,
    so that a machine whose speed drifts does not bias the ratio."""
    runs_a, runs_b, ratios = [], [], []
    for _ in range(rounds):
        ra = measure(a())
        after()
        rb = measure(b())
        after()
        runs_a.append(ra)
        runs_b.append(rb)
        ratios.append(ra.wall / rb.wall)
    return Timed(runs_a), Timed(runs_b), statistics.median(ratios)


# -- in process ---------------------------------------------------------------------------


def example_documents() -> tuple[Path, list[object]]:
    from kehoach_docs.api import plan_job, select_agencies, subplan_job
    from kehoach_docs.template_paths import find_template
    from kehoach_docs.workspace import load_project

    project = load_project(REPO)
    entry = project.plan()
    agencies = select_agencies(project, entry, None, True, None).agencies
    jobs = [plan_job(project, entry), *(subplan_job(project, entry, a) for a in agencies)]
    template = jobs[0].kind.template
    assert template is not None
    return find_template(project.root, template), [j.compose() for j in jobs]


def plain_loop(template: Path, documents: list[object]) -> list[float]:
    """The plain docxtpl loop: load the template file, render, save, once per document."""
    from docxtpl import DocxTemplate

    from kehoach_docs.render.context import context_of
    from kehoach_docs.render.docx import jinja_env

    times = []
    for doc in documents:
        start = time.perf_counter()
        tpl = DocxTemplate(str(template))
        tpl.render(context_of(doc).as_dict(), jinja_env=jinja_env(), autoescape=True)  # type: ignore[arg-type]
        tpl.save(io.BytesIO())
        times.append(time.perf_counter() - start)
    return times


def prepared_loop(template: Path, documents: list[object]) -> tuple[float, float, list[float]]:
    """The render alone; before it, the preparation of the template, made afresh (none
    kept) and read back from the cache folder."""
    from kehoach_docs.render.docx import CompiledTemplate

    kept = os.environ["KEHOACH_CACHE_DIR"]
    os.environ["KEHOACH_CACHE_DIR"] = ""
    start = time.perf_counter()
    CompiledTemplate(template)
    prepare = time.perf_counter() - start
    os.environ["KEHOACH_CACHE_DIR"] = kept
    CompiledTemplate(template)  # (kept, if it was not)
    start = time.perf_counter()
    prepared = CompiledTemplate(template)
    read_back = time.perf_counter() - start
    times = []
    for doc in documents:
        start = time.perf_counter()
        prepared.render(doc)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return prepare, read_back, times


def pdf_timing(single: int) -> tuple[int, float, float] | None:
    """Per-document PDF time: one LibreOffice start for the whole example batch, against
    one `soffice` call per document (measured on the first `single` documents)."""
    from kehoach_docs.batch import run_batch
    from kehoach_docs.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        result = run_batch(REPO, output=Path(tmp), jobs=1)
        docs = sorted(result.folder.glob("*.docx"))
        start = time.perf_counter()
        to_pdf(docs)
        together = (time.perf_counter() - start) / len(docs)
        start = time.perf_counter()
        for doc in docs[:single]:
            to_pdf([doc])
        apart = (time.perf_counter() - start) / single
    return len(docs), together, apart


# -- report -------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()}, Python {platform.python_version()}"
    return f"{model}, {os.cpu_count()} cores, {system}"


def load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def vn(text: str) -> str:
    """A README row in Vietnamese number forms: 1,23 s; 1.001 văn bản."""
    import re

    swap = {",": ".", ".": ","}
    return re.sub(r"(?<=\d)[.,](?=\d)", lambda m: swap[m.group()], text)


def compile_bytecode() -> None:
    """Compile the package as `pip install .` does on a user's machine, so that no command
    pays for compiling it (with PYTHONDONTWRITEBYTECODE set, nothing would ever be cached)."""
    import compileall

    compileall.compile_dir(str(REPO / "kehoach_docs"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="runs of each small command")
    parser.add_argument("--big-rounds", type=int, default=3, help="runs at 1,000 agencies")
    parser.add_argument("--huge-rounds", type=int, default=1, help="runs at 10,000 agencies")
    parser.add_argument(
        "--huge-batch-rounds", type=int, default=3,
        help="runs of the plain batch at 10,000 agencies (its target's figure, a median)",
    )  # fmt: skip
    parser.add_argument("--sizes", default="31,100,1000,10000")
    parser.add_argument("--pdf", action="store_true", help="also time PDF conversion")
    parser.add_argument("--pdf-single", type=int, default=6)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    compile_bytecode()
    print(f"Machine: {machine()}; load average at start {load()}")
    rows: list[tuple[str, str]] = []
    targets: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    out = tmp / "out"
    # Prepared templates (render/prepared.py) are kept in a folder of this run's, filled by
    # the first command (not measured); the batch is also measured with none kept, as the
    # first command after a template is edited.
    os.environ["KEHOACH_CACHE_DIR"] = str(tmp / "cache")
    no_cache = {**os.environ, "KEHOACH_CACHE_DIR": ""}

    # What a run wrote is moved aside, not deleted, until the benchmark ends: on a file
    # system without a journal (this VM's ext4) the kernel skips the inodes deleted in the
    # last minute or more when it makes a file, looking at each (`recently_deleted`), so a
    # run right after 10,000 files were deleted would pay for the deleting.
    put_aside = itertools.count(1)

    def aside(path: Path) -> None:
        if path.exists():
            path.rename(tmp / f"old-{next(put_aside)}")

    def clean() -> None:
        aside(out)

    k = kehoach()
    plain_script = [sys.executable, str(REPO / "benchmarks" / "plain_docxtpl.py")]
    try:
        # Start-up and the example's commands.
        measure([*k, "batch", "-q", "-p", EXAMPLE_PERIOD, "-o", str(out)])  # (fills the cache)
        clean()
        help_ = timed(args.rounds, lambda: [*k, "--help"], clean)
        validate, help_beside, startup = paired(
            args.rounds, lambda: [*k, "validate"], lambda: [*k, "--help"], clean
        )
        plan = timed(args.rounds, lambda: [*k, "plan", "-o", str(out)], clean)
        print(
            f"kehoach --help {ms(help_.wall)}; validate {ms(validate.wall)} ({startup:.2f}x "
            f"--help, paired; --help {ms(help_beside.wall)} in those pairs); plan {ms(plan.wall)}"
        )
        rows += [
            ("`kehoach --help`", f"{ms(help_.wall)}; RSS {help_.peak:.0f} MB"),
            ("`kehoach validate` (ví dụ)",
             f"{ms(validate.wall)} = {startup:.1f} lần `--help` (đo xen kẽ từng cặp; `--help` "
             f"trong các cặp đó: {ms(help_beside.wall)}); RSS {validate.peak:.0f} MB"),
            ("`kehoach plan` (ví dụ)", f"{ms(plan.wall)}; RSS {plan.peak:.0f} MB"),
        ]  # fmt: skip
        targets += [
            f"--help < 150 ms: {ms(help_.wall)}",
            f"validate <= 3x --help: {startup:.2f}x",
        ]

        # The example batch against the plain docxtpl script, whole commands.
        docs = 1 + len(list_agencies_with_documents())
        batch, plain, ratio = paired(
            args.rounds,
            lambda: [*k, "batch", "-q", "-o", str(out)],
            lambda: [*plain_script, "-o", str(out)],
            clean,
        )
        period = timed(
            args.rounds, lambda: [*k, "batch", "-q", "-p", EXAMPLE_PERIOD, "-o", str(out)], clean
        )
        cold = timed(args.rounds, lambda: [*k, "batch", "-q", "-o", str(out)], clean, no_cache)
        print(f"Example batch, {docs} documents: kehoach batch {secs(batch.wall)}, plain docxtpl "
              f"script {secs(plain.wall)}: {1 / ratio:.2f}x faster (paired); with --period "
              f"{EXAMPLE_PERIOD} {secs(period.wall)}; templates not kept {secs(cold.wall)} "
              f"({plain.wall / cold.wall:.2f}x)")  # fmt: skip
        rows += [
            (f"`kehoach batch`, ví dụ ({docs} văn bản), cả lệnh",
             f"{secs(batch.wall)} ({ms(batch.wall / docs)}/văn bản); RSS {batch.peak:.0f} MB"),
            ("cùng lệnh, mẫu chưa chuẩn bị (lần đầu sau khi sửa mẫu: `KEHOACH_CACHE_DIR=`)",
             f"{secs(cold.wall)}: nhanh hơn script docxtpl {plain.wall / cold.wall:.1f} lần"),
            (f"script docxtpl thường, cùng {docs} văn bản, cả lệnh",
             f"{secs(plain.wall)} ({ms(plain.wall / docs)}/văn bản): `kehoach batch` "
             f"**nhanh hơn {1 / ratio:.1f} lần**"),
            (f"`kehoach batch --period {EXAMPLE_PERIOD}`, ví dụ",
             f"{secs(period.wall)}; RSS {period.peak:.0f} MB"),
        ]  # fmt: skip
        targets.append(f"batch (example) >= 2x faster than plain docxtpl script: {1 / ratio:.2f}x")

        # In process: the render alone.
        template, documents = example_documents()
        plain_ms: list[float] = []
        prepared_ms: list[float] = []
        prepare_ms: list[float] = []
        read_back_ms: list[float] = []
        for _ in range(3):
            plain_ms += [t * 1000 for t in plain_loop(template, documents)]
            prepare, read_back, times = prepared_loop(template, documents)
            prepare_ms.append(prepare * 1000)
            read_back_ms.append(read_back * 1000)
            prepared_ms += [t * 1000 for t in times]
        plain_doc = statistics.median(plain_ms) / 1000
        prepared_doc = statistics.median(prepared_ms)
        once = statistics.median(prepare_ms)
        again = statistics.median(read_back_ms)
        print(f"In process, per document: plain docxtpl loop {ms(plain_doc)}, prepared template "
              f"{prepared_doc:.1f} ms (preparation once {once:.0f} ms, read back from the "
              f"cache {again:.0f} ms)")  # fmt: skip
        rows += [
            ("trong tiến trình: vòng lặp docxtpl thường (nạp mẫu, render, lưu)",
             f"{ms(plain_doc)}/văn bản"),
            ("trong tiến trình: mẫu chuẩn bị một lần, chỉ render",
             f"{prepared_doc:.1f} ms/văn bản (chuẩn bị mẫu: {once:.0f} ms; đọc lại từ thư mục "
             f"đệm: {again:.0f} ms)"),
        ]  # fmt: skip

        # Synthetic workspaces: every agency leads five tasks; nine in ten reported.
        from synthetic import PERIOD, write_synthetic_workspace

        per_doc: dict[int, float] = {}
        for size in [int(s) for s in args.sizes.split(",")]:
            ws = write_synthetic_workspace(tmp / f"ws-{size}", size, reports=True)
            rounds = args.rounds if size < 1000 else (
                args.big_rounds if size < 10000 else args.huge_rounds
            )  # fmt: skip
            w = ["-w", str(ws)]
            # The plain batch at 10,000 is a target's figure: the median of several runs,
            # as elsewhere, not one run on a machine whose speed drifts.
            batch_rounds = args.huge_batch_rounds if size >= 10000 else rounds
            whole = timed(batch_rounds, lambda w=w: [*k, *w, "batch", "-q", "-o", str(out)], clean)
            with_period = timed(
                rounds, lambda w=w: [*k, *w, "batch", "-q", "-p", PERIOD, "-o", str(out)], clean
            )
            consolidate = timed(
                rounds, lambda w=w: [*k, *w, "consolidate", "-p", PERIOD, "-o", str(out)], clean
            )
            n_plain = size + 1
            n_period = n_plain + sum(1 for i in range(1, size + 1) if i % 10 != 3) + 2
            per_doc[size] = whole.wall / n_plain
            print(f"{size:>6} agencies: batch {n_plain} documents {secs(whole.wall)} "
                  f"({ms(per_doc[size])}/document = {per_doc[size] / plain_doc:.2f}x the plain "
                  f"loop's), peak {whole.peak:.0f} MB; batch --period {n_period} documents "
                  f"{secs(with_period.wall)}, peak {with_period.peak:.0f} MB; consolidate "
                  f"{secs(consolidate.wall)}, peak {consolidate.peak:.0f} MB")  # fmt: skip
            rows.append((
                vn(f"{size:,} cơ quan"),
                f"`batch` {n_plain:,} văn bản: {secs(whole.wall)} ({per_doc[size] * 1000:.1f} "
                f"ms/văn bản = {per_doc[size] / plain_doc:.2f} lần vòng lặp docxtpl), RSS "
                f"{whole.peak:.0f} MB; `batch --period` {n_period:,} văn bản: "
                f"{secs(with_period.wall)}, RSS {with_period.peak:.0f} MB; `consolidate`: "
                f"{secs(consolidate.wall)}, RSS {consolidate.peak:.0f} MB",
            ))  # fmt: skip
            if size == 1000:
                targets += [
                    f"1,000: per document <= 0.2x plain docxtpl: {per_doc[size] / plain_doc:.2f}x",
                    f"1,000: consolidate <= 2 s: {secs(consolidate.wall)}",
                ]
            if size == 10000:
                peak = max(whole.peak, with_period.peak, consolidate.peak)
                targets += [
                    f"10,000: batch <= 30 s: {secs(whole.wall)}",
                    f"10,000: peak RSS <= 150 MB in every process: {peak:.0f} MB",
                ]
            aside(ws)
        if 1000 in per_doc and 10000 in per_doc:
            growth = per_doc[10000] / per_doc[1000]
            print(f"Time per document, 10,000 vs 1,000 agencies: {growth:.2f}x (1.0 = linear)")
            rows.append(("thời gian mỗi văn bản, 10.000 so với 1.000 cơ quan", f"{growth:.2f} lần"))
            targets.append(f"per document at 10,000 within 1.2x of 1,000: {growth:.2f}x")

        if args.pdf:
            timing = pdf_timing(args.pdf_single)
            if timing is None:
                print("PDF: LibreOffice not installed, skipped")
            else:
                n, together, apart = timing
                print(f"PDF, {n} documents: one LibreOffice start {ms(together)}/document; one "
                      f"soffice call per document {ms(apart)}/document")  # fmt: skip
                rows += [
                    (f"PDF, {n} văn bản, một lần khởi động LibreOffice (`batch --pdf`)",
                     f"{ms(together)}/văn bản"),
                    ("PDF, gọi `soffice` riêng cho từng văn bản",
                     f"{ms(apart)}/văn bản (chậm hơn {apart / together:.0f} lần)"),
                ]  # fmt: skip
    finally:
        print(f"Disk space the run's files took, kept to the end: {disk_used(tmp) / 1e6:,.0f} MB")
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\nLoad average at end {load()}.\nTargets (figure of this run):")
    for line in targets:
        print(f"  {line}")
    print(f"\nREADME table:\n\nMáy: {machine().replace(' cores', ' nhân')}.\n")
    print("| đo | kết quả (trung vị) |\n|---|---|")
    for what, result in rows:
        print(f"| {what} | {vn(result)} |")


def list_agencies_with_documents() -> list[object]:
    from kehoach_docs.api import select_agencies
    from kehoach_docs.workspace import load_project

    project = load_project(REPO)
    return list(select_agencies(project, project.plan(), None, True, None).agencies)


if __name__ == "__main__":
    main()
