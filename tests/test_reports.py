"""Periods, progress data, Excel forms, agency reports and the consolidated report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from conftest import REPO, STATUSES
from openpyxl import load_workbook

from kehoach_docs.docxread import DocxReader, Para
from kehoach_docs.errors import KehoachError
from kehoach_docs.models.plan import Reporting
from kehoach_docs.periods import parse_period

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"
H1 = REPO / "plans" / PLAN_ID / "tien-do" / "2024-H1"


@pytest.mark.parametrize(
    ("pid", "label", "start", "end"),
    [
        ("2024-Q1", "quý I năm 2024", date(2023, 12, 15), date(2024, 3, 14)),
        ("2024-Q3", "quý III năm 2024", date(2024, 6, 15), date(2024, 9, 14)),
        ("2024-H1", "6 tháng đầu năm 2024", date(2023, 12, 15), date(2024, 6, 14)),
        ("2024", "năm 2024", date(2023, 12, 15), date(2024, 12, 14)),
    ],
)
def test_periods_close_on_the_14th(pid: str, label: str, start: date, end: date) -> None:
    period = parse_period(pid, Reporting())
    assert (period.label, period.start, period.end, period.due) == (
        label, start, end, date(end.year, end.month, 20),
    )  # fmt: skip


def test_periods_configurable_and_milestones() -> None:
    reporting = Reporting.model_validate(
        {
            "ngay_chot": 10,
            "han_nop_sau": 3,
            "moc": [{"id": "so-ket", "ten": "sơ kết 01 năm", "tu": "2024-01-01",
                     "den": "2024-11-15", "han": "2024-11-20"}],
        }
    )  # fmt: skip
    q2 = parse_period("2024-Q2", reporting)
    assert (q2.start, q2.end, q2.due) == (date(2024, 3, 11), date(2024, 6, 10), date(2024, 6, 13))
    milestone = parse_period("so-ket", reporting)
    assert milestone.label == "sơ kết 01 năm" and milestone.end == date(2024, 11, 15)
    with pytest.raises(KehoachError, match="kỳ báo cáo “2024-Q5” không hợp lệ"):
        parse_period("2024-Q5", reporting)


def expected_figures() -> tuple[Counter[str], set[tuple[str, str]], set[str]]:
    """Status counts, overdue (agency, task) and agencies without a report, computed
    straight from the example YAML with no help from the package."""
    counts: Counter[str] = Counter()
    reported: dict[str, dict[str, str]] = {}
    for path in H1.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))["bao_cao_tien_do"]
        statuses = {key: task["tinh_trang"] for key, task in data["nhiem_vu"].items()}
        reported[data["co_quan"]] = statuses
        counts.update(statuses.values())
    deadlines: dict[tuple[str, str], date] = {}
    for path in (REPO / "plans" / PLAN_ID / "don-vi").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))["ke_hoach_don_vi"]
        for key, task in data.get("nhiem_vu", {}).items():
            times = [a.get("thoi_gian") for a in task.get("viec", [])]
            dated = [t["han"] for t in times if isinstance(t, dict) and "han" in t]
            if dated:
                deadlines[(data["co_quan"], key)] = max(dated)
    end = date(2024, 6, 14)
    overdue = {
        (agency, key)
        for agency, statuses in reported.items()
        for key, status in statuses.items()
        if (agency, key) in deadlines and deadlines[(agency, key)] <= end
        and status not in ("Đã hoàn thành", "Hoàn thành quá hạn")
    }  # fmt: skip
    registry = yaml.safe_load((REPO / "plans" / "co-quan.yaml").read_text(encoding="utf-8"))
    assigned = {
        a["id"] for a in registry["co_quan"] if a["loai"] in ("so", "ban-nganh", "ubnd-huyen")
    }
    names = {a["id"]: a["ten"] for a in registry["co_quan"]}
    missing = {names[a] for a in assigned - reported.keys()}
    return counts, overdue, missing


def test_example_period_shows_every_case_in_the_report() -> None:
    """The example's 2024-H1 reports hold every status, overdue tasks and missing
    reports, so that the documents below show each case; the figures are the data's."""
    counts, overdue, missing = expected_figures()
    assert dict(counts) == {
        "Đã hoàn thành": 7,
        "Hoàn thành quá hạn": 1,
        "Đang thực hiện": 89,
        "Đang thực hiện, quá hạn": 1,
        "Chưa thực hiện": 9,
    }
    assert overdue == {("so-noi-vu", "nv-2"), ("ubnd-huyen-dak-ha", "nv-4")}
    assert len(missing) == 10


@pytest.fixture(scope="module")
def consolidated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    from kehoach_docs.api import build_consolidated

    out = tmp_path_factory.mktemp("tonghop")
    return build_consolidated(REPO, "2024-H1", output=out).written


def test_consolidated_docx_shows_the_figures(consolidated: list[Path]) -> None:
    counts, overdue, missing = expected_figures()
    reader = DocxReader(consolidated[0])
    tables = reader.doc.tables
    status_table = next(t for t in tables if t.rows[0].cells[0].text == "Tình trạng")
    by_status = {row.cells[0].text: row.cells[1].text for row in status_table.rows[1:]}
    for status in STATUSES:
        assert by_status[status] == str(counts[status])
    assert by_status["Tổng cộng"] == str(sum(counts.values()))
    overdue_table = next(
        t for t in tables if t.rows[0].cells[0].text == "Mục" and len(t.columns) == 4
    )
    shown = {(row.cells[0].text, row.cells[1].text) for row in overdue_table.rows[1:]}
    names = {"so-noi-vu": "Sở Nội vụ", "ubnd-huyen-dak-ha": "Ủy ban nhân dân huyện Đăk Hà"}
    refs = {"nv-2": "II.2", "nv-4": "II.4"}
    assert shown == {(refs[k], names[a]) for a, k in overdue}
    text = reader.text()
    line = next(
        p for p in text.splitlines() if p.startswith("Các cơ quan, đơn vị chưa gửi báo cáo: ")
    )
    listed = set(
        line.removeprefix("Các cơ quan, đơn vị chưa gửi báo cáo: ").rstrip(".").split(", ")
    )
    assert listed == missing
    assert "Đến ngày 20/6/2024, có 20/30 cơ quan, đơn vị, địa phương gửi báo cáo" in text


def test_consolidated_xlsx_shows_the_same_figures(consolidated: list[Path]) -> None:
    counts, overdue, missing = expected_figures()
    book = load_workbook(consolidated[1])
    summary = {row[0]: row[2] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    # The five statuses add up to the total; overdue is counted apart, beside them.
    assert summary == {
        **{s: counts[s] for s in STATUSES},
        "Tổng cộng": sum(counts.values()),
        "Ngoài ra: quá hạn, chưa hoàn thành": len(overdue),
    }
    late = {(row[1], row[0]) for row in book["Quá hạn"].iter_rows(min_row=2, values_only=True)}
    assert late == {(a, {"nv-2": "II.2", "nv-4": "II.4"}[k]) for a, k in overdue}
    absent = {row[1] for row in book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)}
    assert absent == missing


def nd30_header(paras: list[Para], number: str, place_date: str) -> None:
    assert next(p for p in paras if p.style == "KhDocNumber").text == number
    assert next(p for p in paras if p.style == "KhPlaceDate").text == place_date
    assert next(p for p in paras if p.style == "KhDocType").text == "BÁO CÁO"
    fonts = {look.font for p in paras for _, look in p.looks}
    assert fonts == {"Times New Roman"}


def test_report_command_for_so_noi_vu(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "report", "--agency", "so-noi-vu", "--period", "2024-H1",
                 "-o", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    reader = DocxReader(tmp_path / f"{PLAN_ID}-2024-H1-bao-cao-so-noi-vu.docx")
    paras = list(reader.paragraphs())
    nd30_header(paras, "Số:      /BC-SNV", "Kon Tum, ngày      tháng      năm 2024")
    text = [p.text for p in paras]
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in text
    assert [p.text for p in paras if p.style == "KhHeading1"] == [
        "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert "Tình trạng: Đang thực hiện, quá hạn." in text
    assert "- Số đề án đã thẩm định: 12 đề án." in text
    table = reader.doc.tables[-2]
    assert [c.text for c in table.rows[0].cells] == [
        "TT", "Nhiệm vụ", "Vai trò", "Thời hạn", "Tình trạng",
    ]  # fmt: skip
    # Named by its own id as phối hợp, Sở Nội vụ supports the task its group leads.
    assert [c.text for c in table.rows[2].cells][2:5] == [
        "Phối hợp",
        "31/5/2024",
        "Đang thực hiện, quá hạn",
    ]
    label = text.index("Nơi nhận:")
    assert text[label + 1] == "- Như trên;"
    assert text[label + 3] == "- Lưu: VT, TCBC."
    assert [p.text for p in paras if p.style == "KhSignature"] == ["GIÁM ĐỐC"]


def test_report_of_another_agency_goes_through_the_follow_up_body(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "report", "-a", "Đắk Hà", "-p", "2024-H1", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    paras = list(
        DocxReader(tmp_path / f"{PLAN_ID}-2024-H1-bao-cao-ubnd-huyen-dak-ha.docx").paragraphs()
    )
    nd30_header(paras, "Số:      /BC-UBND", "Đăk Hà, ngày      tháng      năm 2024")
    assert "Kính gửi: Ủy ban nhân dân tỉnh (qua Sở Nội vụ)." in [p.text for p in paras]


def test_report_for_an_agency_that_has_not_reported(run: Run, tmp_path: Path) -> None:
    result = run(
        "-w", str(REPO), "report", "-a", "so-tu-phap", "-p", "2024-H1", "-o", str(tmp_path)
    )
    assert result.exit_code == 1
    assert "Sở Tư pháp chưa có báo cáo 6 tháng đầu năm 2024" in result.stderr
    assert not list(tmp_path.iterdir())


def test_consolidate_command(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "consolidate", "--period", "2024-H1", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    docx = tmp_path / f"{PLAN_ID}-2024-H1-bao-cao-tong-hop.docx"
    assert docx.exists() and docx.with_suffix(".xlsx").exists()
    paras = list(DocxReader(docx).paragraphs())
    nd30_header(paras, "Số:      /BC-SNV", "Kon Tum, ngày      tháng      năm 2024")
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in [p.text for p in paras]


def test_unknown_period(run: Run) -> None:
    result = run("-w", str(REPO), "consolidate", "--period", "2024-Q7")
    assert result.exit_code == 1
    assert "kỳ báo cáo “2024-Q7” không hợp lệ" in result.stderr


def test_status_contradicting_the_deadline_is_a_warning(run: Run, example_copy: Path) -> None:
    path = example_copy / "plans" / PLAN_ID / "tien-do" / "2024-H1" / "so-noi-vu.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("tinh_trang: Đang thực hiện, quá hạn", "tinh_trang: Đang thực hiện")
    path.write_text(changed, encoding="utf-8")
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 0
    assert (
        "bao_cao_tien_do.nhiem_vu.nv-2.tinh_trang: cảnh báo: hạn 31/5/2024 đã qua trước ngày chốt "
        "số liệu: tình trạng nên là “Đang thực hiện, quá hạn”"
    ) in result.stderr


def test_invalid_status_in_yaml(run: Run, example_copy: Path) -> None:
    path = example_copy / "plans" / PLAN_ID / "tien-do" / "2024-H1" / "so-noi-vu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("tinh_trang: Hoàn thành quá hạn", "tinh_trang: Xong"), encoding="utf-8"
    )
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 1
    assert (
        f"plans/{PLAN_ID}/tien-do/2024-H1/so-noi-vu.yaml:53: bao_cao_tien_do.nhiem_vu.nv-6."
        "tinh_trang: “Xong” không hợp lệ (chọn một trong: “Đã hoàn thành”, “Hoàn thành quá "
        "hạn”, “Đang thực hiện”, “Đang thực hiện, quá hạn”, “Chưa thực hiện”)"
    ) in result.stderr


def test_forms_round_trip(run: Run, example_copy: Path) -> None:
    ws = str(example_copy)
    out = example_copy / "bieu-mau"
    result = run("-w", ws, "forms", "--period", "2024-Q3", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.xlsx"))) == 30
    form = out / f"{PLAN_ID}-2024-Q3-bieu-mau-so-tu-phap.xlsx"
    book = load_workbook(form)
    sheet = book["Nhiệm vụ"]
    assert [sheet.cell(3, c).value for c in range(1, 7)] == [
        "STT", "Mục", "Nội dung nhiệm vụ", "Vai trò", "Thời hạn", "Tình trạng",
    ]  # fmt: skip
    assert (
        sheet.protection.sheet
        and sheet["C4"].protection.locked
        and not sheet["F4"].protection.locked
    )
    assert sheet.data_validations.dataValidation[0].formula1 == "=TinhTrang"
    assert sheet.page_setup.orientation == "landscape"
    rows = [r for r in range(4, 10) if sheet.cell(r, 11).value]
    assert [sheet.cell(r, 2).value for r in rows] == ["II.1", "II.2", "II.3", "II.5", "II.6"]
    for row in rows:
        sheet.cell(row, 6).value = "Đang thực hiện"
        sheet.cell(row, 7).value = f"Kết quả riêng của dòng {row}."
    sheet.cell(rows[0], 6).value = "Đã hoàn thành"
    sheet.cell(rows[0], 8).value = "Số văn bản đã ban hành: 1.234 văn bản\nTỷ lệ: 12,5 %"
    book["Thông tin chung"].cell(2, 2).value = "Đã triển khai đồng bộ trong toàn ngành Tư pháp."
    book.save(form)

    result = run("-w", ws, "collect", str(form))
    assert result.exit_code == 0, result.output
    assert "chưa điền" not in result.stdout  # (every task filled)
    saved = example_copy / "plans" / PLAN_ID / "tien-do" / "2024-Q3" / "so-tu-phap.yaml"
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))["bao_cao_tien_do"]
    assert data["nhiem_vu"]["nv-1"]["so_lieu"] == [
        {"ten": "Số văn bản đã ban hành", "gia_tri": 1234, "don_vi": "văn bản"},
        {"ten": "Tỷ lệ", "gia_tri": 12.5, "don_vi": "%"},
    ]
    result = run(
        "-w", ws, "report", "-a", "so-tu-phap", "-p", "2024-Q3", "-o", str(example_copy / "bc")
    )
    assert result.exit_code == 0, result.output
    text = DocxReader(example_copy / "bc" / f"{PLAN_ID}-2024-Q3-bao-cao-so-tu-phap.docx").text()
    assert "Kết quả riêng của dòng 5." in text
    assert "- Số văn bản đã ban hành: 1.234 văn bản." in text
    assert "Đã triển khai đồng bộ trong toàn ngành Tư pháp." in text

    again = run("-w", ws, "collect", str(form))
    assert again.exit_code == 1 and "không ghi đè" in again.stderr


def test_form_with_an_invalid_status_writes_nothing(run: Run, example_copy: Path) -> None:
    ws = str(example_copy)
    out = example_copy / "bieu-mau"
    run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-y-te", "-o", str(out))
    form = out / f"{PLAN_ID}-2024-Q3-bieu-mau-so-y-te.xlsx"
    book = load_workbook(form)
    sheet = book["Nhiệm vụ"]
    for row in range(4, 9):
        sheet.cell(row, 6).value = "Đang thực hiện"
    sheet.cell(5, 6).value = "Xong rồi"
    sheet.cell(6, 8).value = "nhiều lắm"
    book.save(form)
    result = run("-w", ws, "collect", str(form))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(
        f"{form.name}: trang tính “Nhiệm vụ”, dòng 5, cột “Tình trạng”: “Xong rồi” không phải "
        "tình trạng hợp lệ"
    )
    assert lines[1].startswith(
        f"{form.name}: trang tính “Nhiệm vụ”, dòng 6, "
        "cột “Số liệu (mỗi dòng: tên: giá trị đơn vị)”: “nhiều lắm” không đúng dạng"
    )
    assert not (example_copy / "plans" / PLAN_ID / "tien-do" / "2024-Q3").exists()


def test_batch_with_period_adds_reports(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "batch", "-p", "2024-H1", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0, result.output
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(list(folder.glob("*-bao-cao-*.docx"))) == 21
    assert len(list(folder.glob("*.xlsx"))) == 1
    assert "Đã ghi 55/55 văn bản" in result.stdout


def test_a_period_in_small_letters_reads_the_same_reports(run: Run, tmp_path: Path) -> None:
    """ "2024-h1" is 2024-H1: the reports of plans/…/tien-do/2024-H1/ are read for it."""
    status = run("-w", str(REPO), "status", "-p", "2024-h1")
    assert status.exit_code == 0, status.output
    assert "Đã báo cáo: 20/30 cơ quan, đơn vị." in status.stdout
    result = run("-w", str(REPO), "batch", "-p", "2024-h1", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0, result.output
    assert "Đã ghi 55/55 văn bản" in result.stdout
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(list(folder.glob("*-2024-H1-bao-cao-*.docx"))) == 21
    consolidated = run(
        "-w", str(REPO), "consolidate", "-p", "2024-h1", "-o", str(tmp_path / "tong-hop")
    )
    assert consolidated.exit_code == 0, consolidated.output
    assert "Chưa gửi báo cáo 6 tháng đầu năm 2024 (10 cơ quan, đơn vị):" in consolidated.stdout


def test_a_period_before_the_plan_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "consolidate", "--period", "2023", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert (
        "kỳ “2023” (năm 2023) kết thúc ngày 14/12/2023, trước khi kế hoạch bắt đầu "
        "(01/01/2024): chưa có gì để báo cáo"
    ) in result.stderr
    assert not list(tmp_path.iterdir())


def test_consolidate_names_who_has_not_reported(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "consolidate", "--period", "2024-H1", "-o", str(tmp_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index("Chưa gửi báo cáo 6 tháng đầu năm 2024 (10 cơ quan, đơn vị):")
    assert lines[start + 1] == "  - Sở Tư pháp (so-tu-phap)"
    assert len(lines[start + 1 :]) == 10


def test_a_half_filled_form_is_collected_and_an_empty_one_refused(
    run: Run, example_copy: Path
) -> None:
    ws = str(example_copy)
    out = example_copy / "bieu-mau"
    assert (
        run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-tu-phap", "-o", str(out)).exit_code == 0
    )
    form = out / f"{PLAN_ID}-2024-Q3-bieu-mau-so-tu-phap.xlsx"
    empty = out / "trong.xlsx"
    empty.write_bytes(form.read_bytes())
    book = load_workbook(form)
    sheet = book["Nhiệm vụ"]
    sheet.cell(4, 6).value = "Đang thực hiện"  # the first task only; the others left blank
    book.save(form)
    result = run("-w", ws, "collect", str(form))
    assert result.exit_code == 0, result.output
    # The tasks left blank are named: a clerk sees what the report will say was not reported.
    said = [line for line in result.stdout.splitlines() if "chưa điền" in line]
    assert len(said) == 1 and said[0].startswith(f"{form.name}: chưa điền "), result.stdout
    assert said[0].endswith("): tính là chưa báo cáo") and "nv-1" not in said[0]
    saved = example_copy / "plans" / PLAN_ID / "tien-do" / "2024-Q3" / "so-tu-phap.yaml"
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))["bao_cao_tien_do"]
    assert data["nhiem_vu"] == {"nv-1": {"tinh_trang": "Đang thực hiện"}}
    saved.unlink()
    result = run("-w", ws, "collect", str(empty))
    assert result.exit_code == 1
    assert "trang tính “Nhiệm vụ”: biểu mẫu chưa điền nhiệm vụ nào" in result.stderr
    assert not saved.exists()
    # Among filled forms (`collect output/*-bieu-mau-*.xlsx` while agencies still reply),
    # one not filled yet is passed over, and said: it does not hold back the others.
    result = run("-w", ws, "collect", str(empty), str(form))
    assert result.exit_code == 0, result.output
    assert "Bỏ qua 1 biểu mẫu chưa điền: trong.xlsx" in result.stdout
    assert saved.exists()


def test_an_agencys_report_is_made_from_the_file_as_it_was_checked(example_copy: Path) -> None:
    # A period's reports are held as what the period's documents read of them; an agency's
    # own report is read again from the disk, where a clerk may have changed the file
    # since it was checked: the report is made only from the bytes that were checked
    # (the batch would print unchecked data), and a changed file is said, not printed.
    from kehoach_docs import api
    from kehoach_docs.errors import DataError

    project = api.open_project(example_copy)
    entry = project.plan(None)
    project.read(entry.id, None, "2024-H1")
    folder = example_copy / "plans" / PLAN_ID / "tien-do" / "2024-H1"
    kept = yaml.safe_load((folder / "so-tai-chinh.yaml").read_text(encoding="utf-8"))
    report = project.report(entry.id, "2024-H1", "so-tai-chinh")
    assert sorted(report.tasks) == sorted(kept["bao_cao_tien_do"]["nhiem_vu"])

    path = folder / "so-noi-vu.yaml"
    path.write_text("bao_cao_tien_do: {co_quan: so-noi-vu, ky: 2024-H1}\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        project.report(entry.id, "2024-H1", "so-noi-vu")
    assert str(raised.value) == (
        f"plans/{PLAN_ID}/tien-do/2024-H1/so-noi-vu.yaml: tệp đã được sửa trong khi lệnh "
        "đang chạy (sau khi đã kiểm tra): hãy chạy lại lệnh"
    )
