"""Benchmark: `kehoach import` of a 50-page plan with a 100-row task appendix.

Run from the repository root:  python benchmarks/bench_import.py [--pdf]
Builds the plan as a văn thư types it (automatic numbering, labels, footnotes, a
landscape phụ lục with a task table), then times the whole command (start-up included,
median of several runs, peak RSS of the child) and each phase in process.
The README quotes a run of it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

SENTENCE = (
    "Tăng cường công tác phối hợp giữa các cơ quan, đơn vị trong việc tổ chức thực hiện "
    "nhiệm vụ được giao, bảo đảm đúng tiến độ, chất lượng và hiệu quả theo quy định"
)
AGENCIES = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Công an tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Văn hóa, Thể thao và Du lịch",
]


def big_plan(folder: Path, sections: int = 6, tasks: int = 14, rows: int = 100) -> Path:
    from foreign_docs import (
        NUM_BULLET,
        NUM_MAIN,
        cell,
        header,
        p,
        para,
        row,
        run,
        signature,
        table,
        write_docx,
    )

    body = [
        header("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "KH-SKHĐT"),
        p("KẾ HOẠCH", b=True, jc="center"),
        p("Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026", b=True, jc="center"),
        p("Căn cứ Nghị quyết của Hội đồng nhân dân tỉnh về kế hoạch năm 2026;", i=True),
        p("Sở Kế hoạch và Đầu tư ban hành Kế hoạch như sau:"),
    ]
    n = 0
    for s in range(sections):
        body.append(para(run(f"NHÓM NHIỆM VỤ THỨ {s + 1}", b=True), num=(NUM_MAIN, 0)))
        for _ in range(tasks):
            n += 1
            body.append(para(run(f"Nhiệm vụ số {n}: {SENTENCE}."), num=(NUM_MAIN, 1)))
            for k in range(3):
                body.append(para(run(f"{SENTENCE} (nội dung {k + 1})."), num=(NUM_BULLET, 0)))
            lead, support = AGENCIES[n % 10], AGENCIES[(n + 3) % 10]
            body.append(para(run("- "), run("Đơn vị chủ trì:", i=True), run(f" {lead}.")))
            body.append(
                para(
                    run("- "),
                    run("Đơn vị phối hợp:", i=True),
                    run(f" {support}, các sở, ban, ngành."),
                )
            )
            body.append(
                para(
                    run("- "),
                    run("Thời gian hoàn thành:", i=True),
                    run(f" Trước ngày {1 + n % 28}/{1 + n % 12}/2026."),
                )
            )
    body.append(p("Trên đây là Kế hoạch của Sở Kế hoạch và Đầu tư./."))
    body.append(
        signature(
            ["- UBND tỉnh (b/c);", "- Lưu: VT, TH."],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"],
        )
    )
    body.append('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>')
    body.append(p("Phụ lục I", b=True, jc="center"))
    body.append(p("DANH MỤC NHIỆM VỤ", b=True, jc="center"))
    widths = [700, 5200, 2400, 2800, 1800, 2000]
    heads = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "Sản phẩm"]
    table_rows = [
        row(*(cell(w, p(h, b=True, jc="center")) for w, h in zip(widths, heads, strict=True)))
    ]
    for r in range(rows):
        if r % 25 == 0:
            table_rows.append(row(cell(sum(widths), p(f"NHÓM {r // 25 + 1}", b=True), span=6)))
        cells = [
            str(r + 1),
            f"Nhiệm vụ phụ lục {r + 1}: {SENTENCE}",
            AGENCIES[r % 10],
            AGENCIES[(r + 1) % 10],
            "Quý IV năm 2026",
            "Báo cáo",
        ]
        table_rows.append(
            row(*(cell(w, p(c, jc="left")) for w, c in zip(widths, cells, strict=True)))
        )
    body.append(table(widths, table_rows, borders=True))
    return write_docx(folder / "ke-hoach-lon.docx", body, landscape_tail=True)


def pages(docx: Path, folder: Path) -> tuple[int, Path | None]:
    soffice = shutil.which("soffice")
    if soffice is None:
        return 0, None
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = docx.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    count = next((int(x.split()[-1]) for x in info.stdout.splitlines() if x.startswith("Pages")), 0)
    return count, pdf


def whole_command(source: Path, folder: Path, runs: int) -> tuple[list[float], float]:
    """Wall time of `python -m kehoach_docs import` and the peak RSS of that process alone."""
    import os

    times = []
    peak = 0.0
    for i in range(runs):
        target = folder / f"ws-{i}"
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "kehoach_docs", "import", str(source), "-o", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        if status != 0:
            raise SystemExit(child.stderr.read().decode() if child.stderr else "failed")
        peak = max(peak, usage.ru_maxrss / 1024)
    return times, peak


def phases(source: Path, folder: Path) -> dict[str, float]:
    from kehoach_docs.importer.assemble import Assembler
    from kehoach_docs.importer.recognise import Recogniser
    from kehoach_docs.importer.run import import_plan, read_source

    out: dict[str, float] = {}
    start = time.perf_counter()
    source_blocks = read_source(source)
    out["read"] = time.perf_counter() - start
    start = time.perf_counter()
    recognised = Recogniser(source_blocks).run()
    out["recognise"] = time.perf_counter() - start
    start = time.perf_counter()
    Assembler(recognised, None, source.name).run()
    out["agencies"] = time.perf_counter() - start
    start = time.perf_counter()
    result = import_plan(source, None, folder / "ws-phases")
    out["all (in process)"] = time.perf_counter() - start
    out["tasks"] = result.tasks
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also time the LibreOffice PDF")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        docx = big_plan(folder)
        count, pdf = pages(docx, folder) if args.pdf or shutil.which("pdfinfo") else (0, None)
        print(f"plan: {docx.stat().st_size // 1024} KB, {count or '?'} pages, 100-row appendix")
        sources = [docx] + ([pdf] if args.pdf and pdf else [])
        for source in sources:
            times, peak = whole_command(source, folder / source.suffix[1:], args.runs)
            print(
                f"{source.suffix}: whole command median {statistics.median(times):.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f}); peak RSS {peak:.0f} MB"
            )
            for name, value in phases(source, folder / f"p{source.suffix}").items():
                shown = f"{value * 1000:.0f} ms" if name != "tasks" else f"{value:.0f}"
                print(f"  {name}: {shown}")


if __name__ == "__main__":
    main()
