"""Benchmark: per-document render time against the naive docxtpl loop, and batch scaling.

Run from the repository root:  python benchmarks/bench_batch.py
Numbers go to standard output; the README quotes a run of it.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def example_views() -> tuple[Path, list[tuple[object, str]]]:
    from kehoach_docs.api import PLAN_TEMPLATE, plan_job, select_agencies, subplan_job
    from kehoach_docs.template_paths import find_template
    from kehoach_docs.workspace import load_project

    project = load_project(REPO)
    entry = project.plan()
    jobs = [plan_job(project, entry)]
    jobs += [
        subplan_job(project, entry, a) for a in select_agencies(project, entry, None, True, None)
    ]
    return find_template(project.root, PLAN_TEMPLATE), [(j.compose(), j.title) for j in jobs]


def naive(template: Path, views: list[tuple[object, str]]) -> list[float]:
    """The plain docxtpl loop: load the template file, render, save, once per document."""
    from docxtpl import DocxTemplate

    from kehoach_docs.render.docx import context_of, jinja_env

    times = []
    for vm, _ in views:
        start = time.perf_counter()
        tpl = DocxTemplate(str(template))
        tpl.render(context_of(vm), jinja_env=jinja_env(), autoescape=True)  # type: ignore[arg-type]
        tpl.save(io.BytesIO())
        times.append(time.perf_counter() - start)
    return times


def compiled(template: Path, views: list[tuple[object, str]]) -> tuple[float, list[float]]:
    from kehoach_docs.render.docx import CompiledTemplate

    start = time.perf_counter()
    prepared = CompiledTemplate(template)
    prepare = time.perf_counter() - start
    times = []
    for vm, title in views:
        start = time.perf_counter()
        prepared.render(vm, title)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return prepare, times


def child(agencies: int) -> None:
    """One batch in a fresh process; prints wall time and peak RSS as JSON."""
    from synthetic import write_synthetic_workspace

    from kehoach_docs.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        ws = write_synthetic_workspace(Path(tmp) / "ws", agencies)
        start = time.perf_counter()
        result = run_batch(ws, output=Path(tmp) / "out")
        wall = time.perf_counter() - start
        assert not result.failures
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps({"docs": len(result.outcomes), "wall": wall, "parent_mb": own,
                          "worker_mb": workers}))  # fmt: skip


def scaling(sizes: list[int]) -> list[dict[str, float]]:
    rows = []
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            check=True, capture_output=True, text=True, cwd=REPO,
        )  # fmt: skip
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--pdf-single", type=int, default=6)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return

    template, views = example_views()
    naive_ms, compiled_ms, prepare_ms = [], [], []
    for _ in range(args.rounds):
        naive_ms += [t * 1000 for t in naive(template, views)]
        prepare, times = compiled(template, views)
        prepare_ms.append(prepare * 1000)
        compiled_ms += [t * 1000 for t in times]
    n, c = statistics.median(naive_ms), statistics.median(compiled_ms)
    print(f"Example batch: {len(views)} documents (plan + sub-plans), template {template.name}")
    print(f"  naive docxtpl loop (load, render, save): {n:7.1f} ms/document (median)")
    print(f"  kehoach batch (template prepared once):  {c:7.1f} ms/document (median)")
    print(f"  template preparation, once per process:  {statistics.median(prepare_ms):7.1f} ms")
    print(f"  ratio: {n / c:.1f}x faster (target >= 5x)")

    sizes = [int(s) for s in args.sizes.split(",")]
    print("Synthetic registry, kehoach batch (all agencies, workers = cores):")
    rows = scaling(sizes)
    for size, row in zip(sizes, rows, strict=True):
        print(
            f"  {size:>5} agencies: {row['docs']:>5} documents in {row['wall']:6.2f} s "
            f"({row['wall'] / row['docs'] * 1000:5.1f} ms/document); peak RSS parent "
            f"{row['parent_mb']:.0f} MB, largest worker {row['worker_mb']:.0f} MB"
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        growth = (last["wall"] / last["docs"]) / (first["wall"] / first["docs"])
        print(f"  time per document, {sizes[-1]} vs {sizes[0]}: {growth:.2f}x (1.0 = linear)")

    timing = pdf_timing(args.pdf_single)
    if timing is None:
        print("PDF: LibreOffice not installed, skipped")
    else:
        docs, together, apart = timing
        print(f"PDF, example batch of {docs} documents:")
        print(f"  one LibreOffice start for all:  {together * 1000:7.0f} ms/document")
        print(f"  one soffice call per document:  {apart * 1000:7.0f} ms/document "
              f"({apart / together:.1f}x slower)")  # fmt: skip


if __name__ == "__main__":
    main()
