"""The second example workspace (examples/quang-ngai-2025): a province after the July 2025
reorganisation (UBND xã, phường, đặc khu under the province) whose tasks are rows of a task
table in Phụ lục I.

Each command runs as a clerk would run it, and its output is read back: the command's text,
the .docx (text, sections, table XML), the spreadsheets. Expected values come from the YAML
(row order, statuses reported) or are counted by hand from it (the comments say how). Each
document is rendered once per module.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import REPO, STATUSES, agency_row
from openpyxl import load_workbook

from kehoach_docs.cli import main
from kehoach_docs.docxread import DocxReader
from kehoach_docs.render.styles import w

EXAMPLE = REPO / "examples" / "quang-ngai-2025"
PLAN_ID = "kh-khcn-dmst-cds-2026"
PLANS = EXAMPLE / "plans"
H1 = PLANS / PLAN_ID / "tien-do" / "2026-H1"
ABBREVIATIONS = dict(zip(STATUSES, ["HT", "HTQH", "ĐTH", "ĐTHQH", "CTH"], strict=True))


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# -- what the YAML says --------------------------------------------------------------------
def _walk(items: list[dict[str, Any]], depth: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
    for item in items:
        yield depth, item
        yield from _walk(item.get("muc", []), depth + 1)


@cache
def table() -> list[tuple[int, dict[str, Any]]]:
    """(depth, row) of every row of the Phụ lục I table, in the order the YAML gives them."""
    appendix = load(PLANS / f"{PLAN_ID}.yaml")["ke_hoach"]["phu_luc"][0]
    return list(_walk(appendix["bang_nhiem_vu"]["muc"]))


@cache
def task_rows() -> list[dict[str, Any]]:
    return [row for _, row in table() if "chu_tri" in row]


@cache
def number() -> dict[str, int]:
    """Task id -> its number in the table: tasks are numbered 1 … N through the whole table."""
    return {row["id"]: n for n, row in enumerate(task_rows(), start=1)}


def ref(task_id: str) -> str:
    """The reference `kehoach tasks` lists (and a file may use as the task's key)."""
    return f"PLI.{number()[task_id]}"


def label(task_id: str) -> str:
    """How documents, forms and workbooks name a table task."""
    return f"Phụ lục I, số {number()[task_id]}"


@cache
def reports() -> dict[str, dict[str, Any]]:
    """Agency id -> {task id: the reported entry} for 2026-H1."""
    return {p.stem: load(p)["bao_cao_tien_do"]["nhiem_vu"] for p in sorted(H1.glob("*.yaml"))}


def reported_statuses() -> Counter[str]:
    return Counter(e["tinh_trang"] for tasks in reports().values() for e in tasks.values())


# Đặc khu Lý Sơn is named by its id only in table rows. Its roles, counted by hand from the
# YAML and co-quan.yaml: through the group "Ủy ban nhân dân các xã, phường, đặc khu" it leads
# pl-16, pl-29, pl-30, pl-31 and supports pl-02, pl-08, pl-09, pl-15, pl-19, pl-20, pl-23,
# pl-24; the body's III.4 is its duty.
LY_SON_LEADS = ["pl-16", "pl-29", "pl-30", "pl-31", "pl-33"]  # pl-33 names it alone
# pl-26 names it, with xã Măng Đen.
LY_SON_SUPPORTS = ["pl-02", "pl-08", "pl-09", "pl-15", "pl-19", "pl-20", "pl-23", "pl-24", "pl-26"]


# -- validate, agencies, tasks ---------------------------------------------------------------
def test_validate_counts_the_table_tasks() -> None:
    result = cli("-w", str(EXAMPLE), "validate")
    assert result.exit_code == 0, result.output
    assert len(task_rows()) == 33
    assert (
        "Hợp lệ: 15 tệp: 37 cơ quan, 3 nhóm, 1 kế hoạch (33 nhiệm vụ), 2 tệp dữ liệu của cơ "
        "quan, 11 báo cáo kỳ; 8 cảnh báo (ở trên)." in result.stdout
    )
    # The shipped reports agree with the deadlines: no status is contradicted.
    assert "tinh_trang" not in result.stderr


@pytest.fixture(scope="module")
def agencies_output() -> str:
    result = cli("-w", str(EXAMPLE), "agencies")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("agency_id", "counts"),
    [
        # Outside every group; leads pl-01 only.
        ("bao-va-ptth-quang-ngai", (1, 0, 0)),
        # Leads pl-11 by name and pl-16 through "các sở, ban, ngành"; supports pl-05, pl-15,
        # pl-20, pl-21 through that group; III.4.
        ("ban-quan-ly-kkt-dung-quat", (2, 4, 1)),
        ("ubnd-dac-khu-ly-son", (len(LY_SON_LEADS), len(LY_SON_SUPPORTS), 1)),
        ("ubnd-phuong-kon-tum", (5, 8, 1)),  # pl-32 by name, with phường Cẩm Thành
        ("ubnd-xa-mang-den", (4, 9, 1)),  # pl-26 by name
        ("ubnd-xa-dak-to", (4, 8, 1)),  # only through the group
        ("ubnd-tinh", (0, 0, 0)),
    ],
)
def test_agencies_count_table_tasks(
    agencies_output: str, agency_id: str, counts: tuple[int, int, int]
) -> None:
    assert agency_row(agencies_output, agency_id) == counts


ROW = re.compile(r"^(\S+)\s+(chủ trì|phối hợp|thực hiện)\s+(.*)$")


def task_rows_shown(output: str) -> dict[str, tuple[str, str]]:
    """Reference -> (role, text) of each row of `kehoach tasks`, after its heading line."""
    rows = {}
    for line in output.splitlines()[1:]:
        match = ROW.match(line)
        assert match, f"unexpected row: {line!r}"
        rows[match.group(1)] = (match.group(2), match.group(3))
    return rows


def test_tasks_of_an_agency_named_only_in_the_table() -> None:
    result = cli("-w", str(EXAMPLE), "tasks", "--agency", "Lý Sơn")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ủy ban nhân dân đặc khu Lý Sơn (ubnd-dac-khu-ly-son):")
    rows = task_rows_shown(result.stdout)
    expected = {ref(t): "chủ trì" for t in LY_SON_LEADS}
    expected |= {ref(t): "phối hợp" for t in LY_SON_SUPPORTS}
    expected["III.4"] = "thực hiện"
    assert {key: role for key, (role, _) in rows.items()} == expected
    # The row shows the task as the table gives it.
    own = next(r for r in task_rows() if r["id"] == "pl-33")
    assert rows[ref("pl-33")][1].startswith(own["noi_dung"][:40])


def test_tasks_of_a_body_outside_every_group() -> None:
    result = cli("-w", str(EXAMPLE), "tasks", "-a", "bao-va-ptth-quang-ngai")
    assert result.exit_code == 0, result.output
    rows = task_rows_shown(result.stdout)
    assert list(rows) == [ref("pl-01")]
    role, text = rows[ref("pl-01")]
    assert role == "chủ trì"
    assert text.startswith("Tuyên truyền, phổ biến Nghị quyết số 57-NQ/TW")


# -- subplan --all ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def subplans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("subplans")
    result = cli("-w", str(EXAMPLE), "subplan", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    return result, out


def roles_cited(path: Path) -> dict[int, str]:
    """Table task number -> the role line that cites it, from a sub-plan's text."""
    cited = {}
    for para in DocxReader(path).paragraphs():
        text = para.text
        if text.startswith("- Vai trò: ") and "Phụ lục I Kế hoạch của UBND tỉnh)" in text:
            n = int(text.split("(nhiệm vụ số ")[1].split(" ")[0])
            cited[n] = text
    return cited


def test_subplan_all_writes_one_plan_per_body_that_can_issue(
    subplans: tuple[Result, Path],
) -> None:
    result, out = subplans
    assert "Tổng cộng 28 kế hoạch." in result.output
    assert len(list(out.glob("*.docx"))) == 28
    # Bodies given only an id, a name and a kind are named and skipped, not failed.
    for name in ("Viễn thông Quảng Ngãi", "Viettel Quảng Ngãi", "Tỉnh đoàn Quảng Ngãi"):
        assert f"Bỏ qua {name}" in result.output


@pytest.mark.parametrize(
    ("agency_id", "leads", "supports"),
    [
        ("ubnd-dac-khu-ly-son", LY_SON_LEADS, LY_SON_SUPPORTS),
        ("bao-va-ptth-quang-ngai", ["pl-01"], []),
        ("ban-quan-ly-kkt-dung-quat", ["pl-11", "pl-16"], ["pl-05", "pl-15", "pl-20", "pl-21"]),
    ],
)
def test_table_agencies_get_their_tasks_in_their_own_plan(
    subplans: tuple[Result, Path], agency_id: str, leads: list[str], supports: list[str]
) -> None:
    cited = roles_cited(subplans[1] / f"{PLAN_ID}-{agency_id}.docx")
    assert set(cited) == {number()[t] for t in leads + supports}
    for task in leads:
        assert cited[number()[task]] == (
            f"- Vai trò: Chủ trì thực hiện (nhiệm vụ số {number()[task]} Phụ lục I Kế hoạch "
            "của UBND tỉnh)."
        )
    for task in supports:
        assert cited[number()[task]].startswith("- Vai trò: Phối hợp với ")


def test_subplan_of_the_phuong_holds_its_own_actions(subplans: tuple[Result, Path]) -> None:
    details = load(PLANS / PLAN_ID / "don-vi" / "ubnd-phuong-cam-thanh.yaml")["ke_hoach_don_vi"]
    text = DocxReader(subplans[1] / f"{PLAN_ID}-ubnd-phuong-cam-thanh.docx").text()
    assert "Số: 42/KH-UBND" in text
    assert "Cẩm Thành, ngày 12 tháng 02 năm 2026" in text
    for action in details["nhiem_vu"]["pl-32"]["viec"]:
        assert " ".join(action["noi_dung"].split())[:60] in text


# -- the plan: Phụ lục I as a landscape task table ----------------------------------------
@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan")
    result = cli("-w", str(EXAMPLE), "plan", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out / f"{PLAN_ID}.docx"


def section_of_each_table(reader: DocxReader) -> list[int]:
    """For each table of the body, the index of the section it lies in."""
    section, found = 0, []
    for child in reader.doc.element.body:
        if child.tag == w("tbl"):
            found.append(section)
        elif child.tag == w("p") and child.find(f"{w('pPr')}/{w('sectPr')}") is not None:
            section += 1
    return found


def test_appendix_table_is_in_a_landscape_section(plan: Path) -> None:
    reader = DocxReader(plan)
    sections = reader.doc.sections
    landscape = [s.page_width > s.page_height for s in sections]
    assert landscape == [False, True, False]  # body, Phụ lục I, Phụ lục II
    tables = reader.doc.tables
    task_table = next(t for t in tables if t.rows[0].cells[0].text == "STT" and len(t.columns) == 7)
    index = tables.index(task_table)
    assert section_of_each_table(reader)[index] == 1


def test_appendix_table_rows(plan: Path) -> None:
    reader = DocxReader(plan)
    task_table = next(t for t in reader.doc.tables if len(t.columns) == 7)
    rows = task_table._tbl.findall(w("tr"))
    assert len(rows) == 1 + len(table())  # header, then one row per YAML row
    # The header row repeats on every page; no row splits across a page.
    assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)
    assert [c.text for c in task_table.rows[0].cells] == [
        "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
        "Sản phẩm", "Ghi chú",
    ]  # fmt: skip

    def cell_text(cell: Any) -> str:
        return "".join(
            "-" if t.tag == w("noBreakHyphen") else t.text or ""
            for t in cell.iter(w("t"), w("noBreakHyphen"))
        )

    numbers = {0: iter("AB"), 1: iter(["I", "II", "III", "IV", "V", "VI"])}
    task_no = 0
    for tr, (depth, item) in zip(rows[1:], table(), strict=True):
        cells = tr.findall(w("tc"))
        if "chu_tri" in item:  # a task row: seven cells, numbered 1 … 33
            task_no += 1
            assert len(cells) == 7
            assert cell_text(cells[0]) == str(task_no)
        else:  # a group row: its number, then one cell spanning the six other columns
            assert len(cells) == 2
            span = cells[1].find(f"{w('tcPr')}/{w('gridSpan')}")
            assert span is not None and span.get(w("val")) == "6"
            assert cell_text(cells[0]) == next(numbers[depth])
            assert cell_text(cells[1]) == item["tieu_de"]
    assert task_no == 33


def test_appendix_task_row_shows_the_yaml(plan: Path) -> None:
    reader = DocxReader(plan)
    task_table = next(t for t in reader.doc.tables if len(t.columns) == 7)
    by_number = {r.cells[0].text: [c.text for c in r.cells] for r in task_table.rows[1:]}
    row = by_number[str(number()["pl-32"])]
    assert row[2] == "Ủy ban nhân dân phường Cẩm Thành, Ủy ban nhân dân phường Kon Tum"
    assert row[3] == "Sở Khoa học và Công nghệ, Công an tỉnh"
    assert row[4:] == ["Trước ngày 30/11/2026", "Mô hình phường số", "Thí điểm; nhân rộng năm 2027"]
    bullets = by_number[str(number()["pl-02"])][1].splitlines()
    assert bullets[1].startswith("- phổ cập kỹ năng số cơ bản")


def test_plan_text_around_the_appendices(plan: Path) -> None:
    texts = [p.text for p in DocxReader(plan).paragraphs() if not p.in_table]
    closing = next(i for i, t in enumerate(texts) if t.startswith("Trên đây là Kế hoạch"))
    assert texts[closing + 1] == "(Kèm theo Phụ lục I, II)"
    start = texts.index("PHỤ LỤC I")
    assert texts[start + 1 : start + 3] == [
        "DANH MỤC NHIỆM VỤ NĂM 2026",
        "(Kèm theo Kế hoạch số 36/KH-UBND ngày 23 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh)",
    ]
    assert "PHỤ LỤC II" in texts[start + 3 :]


def test_check_finds_no_error_in_the_plan(plan: Path) -> None:
    result = cli("check", str(plan))
    assert result.exit_code == 0, result.output
    assert f"{plan.name}: 0 lỗi" in result.output


# -- reports: figures equal to what the YAML says -------------------------------------------
@pytest.fixture(scope="module")
def consolidated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("tonghop")
    result = cli("-w", str(EXAMPLE), "consolidate", "--period", "2026-H1", "-o", str(out))
    assert result.exit_code == 0, result.output
    return result, out / f"{PLAN_ID}-2026-H1-bao-cao-tong-hop.docx"


def test_the_period_shows_every_status() -> None:
    counts = reported_statuses()
    assert set(counts) == set(STATUSES)
    assert sum(counts.values()) == 38


def test_consolidated_docx_shows_the_reported_figures(consolidated: tuple[Result, Path]) -> None:
    counts = reported_statuses()
    reader = DocxReader(consolidated[1])
    status_rows: dict[str, str] = {}
    for t in reader.doc.tables:  # the status table may run over a page break: two tables
        if t.rows[0].cells[0].text == "Tình trạng":
            status_rows |= {r.cells[0].text: r.cells[1].text for r in t.rows[1:]}
    assert {s: status_rows[s] for s in STATUSES} == {s: str(counts[s]) for s in STATUSES}
    assert status_rows["Tổng cộng"] == str(sum(counts.values()))
    text = reader.text()
    assert f"Đến ngày 20/6/2026, có {len(reports())}/28 cơ quan, đơn vị, địa phương" in text


def test_consolidated_xlsx_shows_the_reported_figures(consolidated: tuple[Result, Path]) -> None:
    counts = reported_statuses()
    book = load_workbook(consolidated[1].with_suffix(".xlsx"))
    summary = {r[0]: r[2] for r in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert {s: summary[s] for s in STATUSES} == {s: counts[s] for s in STATUSES}
    # Overdue: what the agencies reported as "in progress, overdue" (the shipped reports
    # state the status their deadline calls for; validate says so above).
    late = {
        (a, label(t))
        for a, tasks in reports().items()
        for t, e in tasks.items()
        if e["tinh_trang"] == "Đang thực hiện, quá hạn"
    }
    shown = {(r[1], r[0]) for r in book["Quá hạn"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert shown == late and len(late) == 4
    # Per task, the number of reports that mention it.
    per_task = Counter(label(t) for tasks in reports().values() for t in tasks)
    by_task = book["Theo nhiệm vụ"]
    total = [c.value for c in by_task[1]].index("Cộng")
    totals = {r[0]: r[total] for r in by_task.iter_rows(min_row=2, values_only=True)}
    assert {k: v for k, v in totals.items() if v} == dict(per_task)
    # Agency x task: the abbreviation of the status each agency reported.
    matrix = book["Cơ quan - nhiệm vụ"]
    heads = [c.value for c in matrix[1]]
    grid = {
        r[0]: dict(zip(heads, r, strict=True))
        for r in matrix.iter_rows(min_row=2, values_only=True)
    }
    for agency, tasks in reports().items():
        for task, entry in tasks.items():
            assert grid[agency][label(task)] == ABBREVIATIONS[entry["tinh_trang"]]
    absent = {r[0] for r in book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)}
    assert len(absent) == 28 - len(reports()) and not absent & set(reports())


def test_report_of_the_standing_body(tmp_path: Path) -> None:
    result = cli(
        "-w", str(EXAMPLE), "report", "-a", "Sở KH&CN", "-p", "2026-H1", "-o", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    reader = DocxReader(tmp_path / f"{PLAN_ID}-2026-H1-bao-cao-so-khoa-hoc-va-cong-nghe.docx")
    text = [p.text for p in reader.paragraphs()]
    assert "Số: 1180/BC-SKHCN" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in text
    for line in (
        "- Thành viên Tổ công nghệ số cộng đồng được tập huấn: 1.150 người.",
        "- Tỷ lệ người trưởng thành được phổ cập kỹ năng số: 31,5%.",
        "- Đơn vị cấp xã được kết nối: 96 đơn vị.",
    ):
        assert line in text
    summary = next(t for t in reader.doc.tables if t.rows[0].cells[0].text == "TT")
    rows = {r.cells[1].text.split(". ")[0]: [c.text for c in r.cells[2:]] for r in summary.rows[1:]}
    reported = reports()["so-khoa-hoc-va-cong-nghe"]
    assert set(rows) == {label(t) for t in reported}
    # The Sở's own deadline (15/5/2026, in its agency file) is the one the report uses.
    assert rows[label("pl-04")] == ["Chủ trì", "15/5/2026", "Đang thực hiện, quá hạn"]
    assert rows[label("pl-29")] == ["Phối hợp", "05/02/2026", "Đã hoàn thành"]


# -- forms and collect on a table task --------------------------------------------------------
def test_forms_and_collect_round_trip_on_a_table_task(tmp_path: Path) -> None:
    root = tmp_path / "qn"
    shutil.copytree(PLANS, root / "plans")
    ws, out = str(root), root / "bieu-mau"
    result = cli("-w", ws, "forms", "--period", "2026-Q3", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.xlsx"))) == 28
    form = out / f"{PLAN_ID}-2026-Q3-bieu-mau-bao-va-ptth-quang-ngai.xlsx"
    book = load_workbook(form)
    sheet = book["Nhiệm vụ"]
    assert [sheet.cell(4, c).value for c in (2, 4, 5, 11)] == [
        label("pl-01"), "Chủ trì", "Thường xuyên", "pl-01",
    ]  # fmt: skip
    assert sheet.cell(5, 11).value is None  # its only task
    sheet.cell(4, 6).value = "Đang thực hiện"
    sheet.cell(4, 7).value = "Phát sóng 13 chuyên mục trong quý."
    sheet.cell(4, 8).value = "Chuyên mục đã phát sóng: 13 chuyên mục"
    book.save(form)

    result = cli("-w", ws, "collect", str(form))
    assert result.exit_code == 0, result.output
    saved = load(root / "plans" / PLAN_ID / "tien-do" / "2026-Q3" / "bao-va-ptth-quang-ngai.yaml")
    entry = saved["bao_cao_tien_do"]["nhiem_vu"]["pl-01"]
    assert entry["tinh_trang"] == "Đang thực hiện"
    assert entry["so_lieu"] == [
        {"ten": "Chuyên mục đã phát sóng", "gia_tri": 13, "don_vi": "chuyên mục"}
    ]

    result = cli(
        "-w", ws, "report", "-a", "bao-va-ptth-quang-ngai", "-p", "2026-Q3", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    text = DocxReader(out / f"{PLAN_ID}-2026-Q3-bao-cao-bao-va-ptth-quang-ngai.docx").text()
    assert "Phát sóng 13 chuyên mục trong quý." in text
    assert "- Chuyên mục đã phát sóng: 13 chuyên mục." in text
