"""Where every agency stands, at a glance: `kehoach status` in a terminal, and the coloured
matrix and chart of the consolidated .xlsx (opened in LibreOffice Calc where installed)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import REPO
from lxml import etree
from openpyxl import load_workbook

from kehoach_docs.cli import main

PLAN_ID = "kh-trien-khai-120-tu"
H1 = REPO / "plans" / PLAN_ID / "tien-do" / "2024-H1"
QUANG_NGAI = REPO / "examples" / "quang-ngai-2025"
CODES = {
    "Đã hoàn thành": "HT",
    "Hoàn thành quá hạn": "HTQH",
    "Đang thực hiện": "ĐTH",
    "Đang thực hiện, quá hạn": "ĐTHQH",
    "Chưa thực hiện": "CTH",
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


def reported() -> dict[str, dict[str, str]]:
    """Agency -> task -> status, from the example's 2024-H1 reports."""
    out = {}
    for path in H1.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))["bao_cao_tien_do"]
        out[data["co_quan"]] = {k: v["tinh_trang"] for k, v in data["nhiem_vu"].items()}
    return out


# -- kehoach status ---------------------------------------------------------------------


def test_status_prints_the_matrix_totals_and_who_is_behind() -> None:
    result = cli("-w", str(REPO), "status", "--period", "2024-H1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "\x1b" not in text  # not a terminal: no colour codes
    lines = text.splitlines()
    assert lines[1].startswith("Số liệu từ 15/12/2023 đến 14/6/2024; hạn gửi báo cáo 20/6/2024.")
    assert lines[1].endswith("Đã báo cáo: 20/30 cơ quan, đơn vị.")
    head = next(line for line in lines if line.startswith("Cơ quan, đơn vị"))
    assert head.split()[-6:] == ["II.1", "II.2", "II.3", "II.4", "II.5", "II.6"]
    # Sở Nội vụ's row: its reported statuses, in the order of the tasks.
    row = next(line for line in lines if line.startswith("Sở Nội vụ "))
    mine = reported()["so-noi-vu"]
    assert row.split()[3:] == [CODES[mine[k]] for k in ("nv-1", "nv-2", "nv-3", "nv-5", "nv-6")]
    assert next(line for line in lines if line.startswith("Sở Tư pháp ")).split()[3:] == ["CBC"] * 5
    counts = Counter(s for tasks in reported().values() for s in tasks.values())
    assert f"Tổng số lượt nhiệm vụ được báo cáo: {sum(counts.values())}" in lines
    for status, code in CODES.items():
        assert [code, *status.split(), str(counts[status])] in [x.split() for x in lines], status
    late_count = next(x for x in lines if "Quá hạn, chưa hoàn thành" in x)
    assert late_count.split()[-3:] == ["2", "(đếm", "riêng)"]
    start = lines.index("Chưa gửi báo cáo (10 cơ quan, đơn vị):")
    assert lines[start + 1] == "  - Sở Tư pháp (so-tu-phap)"
    late = lines.index("Nhiệm vụ quá hạn, chưa hoàn thành (2):")
    assert lines[late + 1].startswith("  - Sở Nội vụ: II.2 ")
    assert lines[late + 1].endswith("(hạn 31/5/2024; Đang thực hiện, quá hạn)")
    assert lines[late + 2].startswith("  - Ủy ban nhân dân huyện Đăk Hà: II.4 ")


def test_status_colours_only_a_terminal_without_no_color() -> None:
    from kehoach_docs.glance import wants_colour

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_colour(Terminal(), {}) is True
    assert wants_colour(Terminal(), {"NO_COLOR": "1"}) is False
    assert wants_colour(io.StringIO(), {}) is False


def test_coloured_status_is_the_same_text() -> None:
    from kehoach_docs.api import status

    plain = status(REPO, "2024-H1", colour=False)
    coloured = status(REPO, "2024-H1", colour=True)
    assert "\x1b[1;31mĐTHQH\x1b[0m" in coloured  # overdue in bold red
    assert "\x1b[1;35mCBC\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == plain


def test_status_of_a_table_plan_fits_the_terminal() -> None:
    from kehoach_docs.api import status

    text = status(QUANG_NGAI, "2026-H1", width=72)
    lines = text.splitlines()
    heads = [line for line in lines if line.startswith("Cơ quan, đơn vị")]
    assert len(heads) > 2  # 33 tasks in slices
    refs = [ref for head in heads for ref in head.split()[4:]]
    assert refs == [f"PLI.{n}" for n in range(1, 34)]
    legend = next(x for x in lines if x.startswith("Ký hiệu"))
    matrix = lines[lines.index(heads[0]) : lines.index(legend)]
    assert max(len(line) for line in matrix) <= 72


# -- the consolidated .xlsx -------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx")
    result = cli("-w", str(REPO), "consolidate", "-p", "2024-H1", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out / f"{PLAN_ID}-2024-H1-bao-cao-tong-hop.xlsx"


def test_matrix_cells_are_coloured_by_status_with_a_legend(workbook: Path) -> None:
    sheet = load_workbook(workbook)["Cơ quan - nhiệm vụ"]
    assert sheet.freeze_panes == "C2"  # the headings stay as one scrolls
    assert sheet.column_dimensions["A"].hidden  # the ids, for programs
    fills: dict[str, set[str]] = {}
    for row in sheet.iter_rows(min_row=2, max_row=31, min_col=3):
        for cell in row:
            code = str(cell.value or "")
            fills.setdefault(code, set()).add(cell.fill.fgColor.rgb if cell.value else "")
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
    assert set(fills) == {"HT", "HTQH", "ĐTH", "ĐTHQH", "CTH", "CBC", ""}
    # One colour per status, a different one for each.
    assert all(len(colours) == 1 for colours in fills.values())
    assert len({c for code, colours in fills.items() if code for c in colours}) == 6
    legend = {
        str(c.value).split(" - ")[0]: c.fill.fgColor.rgb
        for row in sheet.iter_rows(min_row=33, min_col=2, max_col=2)
        for c in row
        if c.value and " - " in str(c.value) and c.fill.fill_type == "solid"
    }
    assert legend == {code: colours.pop() for code, colours in fills.items() if code}
    assert sheet.cell(33, 2).value == "Ký hiệu:"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$1:$1"


def test_a_native_chart_of_statuses_per_agency(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert {"Cơ quan - nhiệm vụ", "Theo cơ quan", "Biểu đồ"} <= set(book.sheetnames)
    data = book["Theo cơ quan"]
    head = [c.value for c in data[1]]
    assert head[2:8] == [*CODES, "Chưa báo cáo"]
    rows = {r[0]: r for r in data.iter_rows(min_row=2, values_only=True)}
    mine = Counter(reported()["so-noi-vu"].values())
    assert list(rows["so-noi-vu"][2:8]) == [*(mine[s] for s in CODES), 0]
    assert rows["so-tu-phap"][7] == rows["so-tu-phap"][8] == 5  # 5 tasks, none reported
    with zipfile.ZipFile(workbook) as archive:
        [name] = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        chart = etree.fromstring(archive.read(name))
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    bar = chart.find(f".//{c}barChart")
    assert bar is not None
    assert bar.find(f"{c}barDir").get("val") == "bar"
    assert bar.find(f"{c}grouping").get("val") == "stacked"
    series = bar.findall(f"{c}ser")
    assert len(series) == 6
    refs = [s.find(f"{c}tx/{c}strRef/{c}f").text for s in series]
    assert [r.replace("$", "") for r in refs] == [f"'Theo cơ quan'!{x}1" for x in "CDEFGH"]
    cats = series[0].find(f"{c}cat/{c}strRef/{c}f").text.replace("$", "")
    assert cats == "'Theo cơ quan'!B2:B31"
    colours = [s.find(f"{c}spPr/{a}solidFill/{a}srgbClr").get("val") for s in series]
    assert len(set(colours)) == 6


needs_calc = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed here (CI installs it and runs this test)",
)


def _pixels(png_ppm: bytes) -> Counter[tuple[int, int, int]]:
    """Colours of a binary PPM (P6) image, by how many pixels have each."""
    parts = png_ppm.split(maxsplit=4)
    assert parts[0] == b"P6"
    data = parts[4]
    return Counter(zip(data[0::3], data[1::3], data[2::3], strict=False))


@needs_calc
def test_libreoffice_calc_shows_the_colours_legend_and_chart(
    workbook: Path, tmp_path: Path
) -> None:
    assert SOFFICE is not None, "CI must install LibreOffice Calc (libreoffice-calc-nogui)"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / workbook.with_suffix(".pdf").name
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")  # fmt: skip
    matrix = next(i for i, p in enumerate(pages) if "ĐTHQH - đang thực hiện, quá hạn" in p)
    assert "Ký hiệu:" in pages[matrix] and "Sở Nội vụ" in pages[matrix]
    chart = next(p for p in pages if "Tình trạng nhiệm vụ theo cơ quan, đơn vị" in p)
    for words in ("Đã hoàn thành", "Chưa báo cáo", "Số nhiệm vụ", "Sở Nội vụ"):
        assert words in chart
    image = subprocess.run(
        ["pdftoppm", "-r", "40", "-f", str(matrix + 1), "-l", str(matrix + 1), str(pdf)],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    colours = _pixels(image)
    sheet = load_workbook(workbook)["Cơ quan - nhiệm vụ"]
    for code in ("ĐTH", "CBC", "ĐTHQH"):
        cell = next(c for row in sheet.iter_rows(min_row=2) for c in row if c.value == code)
        rgb = cell.fill.fgColor.rgb[-6:]
        wanted = tuple(int(rgb[i : i + 2], 16) for i in (0, 2, 4))
        assert colours[wanted] > 20, f"{code}: {rgb} not on the page"
