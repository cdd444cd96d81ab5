"""What goes out to every agency: no spreadsheet cell turns data into a formula; and what
comes back (`collect`) is read whole, checked, and never makes the workspace invalid."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import load_workbook

from kehoach_docs.cells import FORMULA_START

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"
EVIL_NAME = '=HYPERLINK("http://x.invalid","Sở Y tế")'
EVIL_TASK = "=1+2 Triển khai thực hiện chính sách ưu đãi"
EVIL_WHEN = "@SUM(1,2) sau khi Chính phủ ban hành Nghị định"
# What XlsxWriter would write as its own XML, unescaped: a formula cell inside a name.
EVIL_XML = (
    '<r><t>Sở</t></r></is></c><c r="Z1" t="str"><f>HYPERLINK("http://x.invalid","x")</f>'
    "<v>x</v></c><c><is><r><t>Tư pháp</t></r>"
)


def _poison(ws: Path) -> None:
    registry = ws / "plans" / "co-quan.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("ten: Sở Y tế", f"ten: '{EVIL_NAME}'")
    registry.write_text(text.replace("ten: Sở Tư pháp", f"ten: '{EVIL_XML}'"), encoding="utf-8")
    plan = ws / "plans" / f"{PLAN_ID}.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "              Triển khai thực hiện chính sách ưu đãi", f"              {EVIL_TASK}"
    ).replace("              Sau khi Chính phủ ban hành Nghị định", f"              {EVIL_WHEN}")
    plan.write_text(text, encoding="utf-8")


def _xlsx_cells(path: Path) -> list[tuple[str, str | None]]:
    """Every cell of every sheet as stored: its type and whether it holds a formula."""
    found = []
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    found.append((cell.data_type, str(cell.value)))
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), f"a formula in {name}"
    return found


def test_no_formula_from_data_in_forms_consolidated_xlsx_or_manifest(
    run: Run, example_copy: Path, tmp_path: Path
) -> None:
    _poison(example_copy)
    ws = str(example_copy)
    assert run("-w", ws, "validate").exit_code == 0
    out = tmp_path / "out"
    result = run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-y-te", "-o", str(out))
    assert result.exit_code == 0, result.output
    [form] = out.glob("*.xlsx")
    cells = _xlsx_cells(form)
    texts = [value for _, value in cells]
    assert any(EVIL_TASK in v for v in texts) and any(EVIL_WHEN in v for v in texts)
    assert all(kind != "f" for kind, _ in cells)
    sheet = load_workbook(form)["Nhiệm vụ"]
    started = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert started and all(c.quotePrefix for c in started), "Excel keeps them as text"

    result = run("-w", ws, "consolidate", "-p", "2024-H1", "-o", str(out))
    assert result.exit_code == 0, result.output
    [table] = out.glob("*tong-hop.xlsx")
    cells = _xlsx_cells(table)
    assert any(v == EVIL_NAME for _, v in cells)
    assert any(v == EVIL_XML for _, v in cells), "the name as it is, as text"
    assert all(kind != "f" for kind, _ in cells)
    book = load_workbook(table)
    started = [
        c for s in book.worksheets for row in s.iter_rows() for c in row
        if str(c.value).startswith("=")
    ]  # fmt: skip
    assert started and all(c.quotePrefix for c in started), "Excel keeps them as text"

    result = run("-w", ws, "batch", "-q", "-o", str(out / "batch"))
    assert result.exit_code == 0, result.output
    [manifest] = (out / "batch").glob("*/manifest.csv")
    rows = list(csv.reader(manifest.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[[r[0] for r in rows].index("so-y-te")][:2] == ["so-y-te", "'" + EVIL_NAME]
    assert not any(field.startswith(FORMULA_START) for row in rows for field in row)


# -- collect ----------------------------------------------------------------------------------


@pytest.fixture
def filled_form(run: Run, example_copy: Path) -> Path:
    ws, out = str(example_copy), example_copy / "bieu-mau"
    result = run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-tu-phap", "-o", str(out))
    assert result.exit_code == 0, result.output
    [form] = out.glob("*.xlsx")
    book = load_workbook(form)
    sheet = book["Nhiệm vụ"]
    for row in range(4, 9):
        sheet.cell(row, 6).value = "Đang thực hiện"
        sheet.cell(row, 7).value = f"Kết quả dòng {row}."
    book.save(form)
    return form


def _progress(example_copy: Path) -> Path:
    return example_copy / "plans" / PLAN_ID / "tien-do" / "2024-Q3" / "so-tu-phap.yaml"


def test_collect_reads_past_a_blank_row(run: Run, example_copy: Path, filled_form: Path) -> None:
    book = load_workbook(filled_form)
    sheet = book["Nhiệm vụ"]
    sheet.insert_rows(6)  # a clerk inserts an empty row in the middle
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 0, result.output
    text = _progress(example_copy).read_text(encoding="utf-8")
    assert text.count("tinh_trang: Đang thực hiện") == 5


def test_collect_refuses_an_inserted_row_with_answers(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    book = load_workbook(filled_form)
    sheet = book["Nhiệm vụ"]
    sheet.insert_rows(6)
    sheet.cell(6, 6).value = "Đã hoàn thành"
    sheet.cell(6, 7).value = "Kết quả không biết của nhiệm vụ nào."
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert "dòng 6, cột “Tình trạng”: dòng có kết quả nhưng không có mã nhiệm vụ" in result.stderr
    assert not _progress(example_copy).exists()


def test_collect_refuses_a_duplicated_key(run: Run, example_copy: Path, filled_form: Path) -> None:
    book = load_workbook(filled_form)
    sheet = book["Nhiệm vụ"]
    sheet.cell(5, 11).value = sheet.cell(4, 11).value
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert "dòng 5, cột “Mã”: mã nhiệm vụ “nv-1” lặp lại (đã có ở dòng 4)" in result.stderr
    assert not _progress(example_copy).exists()


@pytest.mark.parametrize("key", ["nv-4", "../../x", "khong-co"])
def test_collect_refuses_a_key_that_is_not_the_agencys_task(
    run: Run, example_copy: Path, filled_form: Path, key: str
) -> None:
    book = load_workbook(filled_form)
    book["Nhiệm vụ"].cell(5, 11).value = key
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert f"dòng 5, cột “Mã”: mã nhiệm vụ “{key}” không phải nhiệm vụ của Sở Tư pháp" in (
        result.stderr
    )
    assert not _progress(example_copy).exists()
    assert run("-w", str(example_copy), "validate").exit_code == 0, "the workspace stays valid"


def test_collect_refuses_a_forged_period(run: Run, example_copy: Path, filled_form: Path) -> None:
    book = load_workbook(filled_form)
    book["_kehoach"].cell(2, 2).value = "../../x"
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert "kỳ báo cáo “../../x” không hợp lệ" in result.stderr
    assert not list((example_copy / "plans").rglob("x.yaml"))
    assert run("-w", str(example_copy), "validate").exit_code == 0


def test_collect_suggests_a_status_typed_without_accents(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    book = load_workbook(filled_form)
    book["Nhiệm vụ"].cell(4, 6).value = "Da hoan thanh"
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert "“Da hoan thanh” không phải tình trạng hợp lệ; có phải “Đã hoàn thành”?" in (
        result.stderr
    )


def test_collect_refuses_a_result_excel_took_for_a_formula(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    # "=SUM(A1:A3) đã xong" typed in a cell is a formula to Excel: it was read as nothing
    # (no message, exit 0) and the colleague's result was lost.
    book = load_workbook(filled_form)
    book["Nhiệm vụ"].cell(4, 7).value = "=SUM(A1:A3) đã xong"
    book["Thông tin chung"].cell(2, 2).value = "=Đã triển khai kế hoạch"
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert (
        "dòng 4, cột “Kết quả thực hiện”: ô này là công thức Excel (“=SUM(A1:A3) đã xong”), "
        "không phải chữ: gõ dấu nháy ' trước dấu “=” để Excel giữ nguyên chữ"
    ) in result.stderr
    assert "trang tính “Thông tin chung”, dòng “Tình hình triển khai thực hiện”: ô này là " in (
        result.stderr
    )
    assert not _progress(example_copy).exists()


def test_collect_refuses_an_error_value_saved_by_a_spreadsheet(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    # Saved again by Calc, such a cell holds "#VALUE!": it was copied into the report.
    from openpyxl.cell.cell import TYPE_ERROR

    book = load_workbook(filled_form)
    cell = book["Nhiệm vụ"].cell(4, 7)
    cell.value = "#VALUE!"
    cell.data_type = TYPE_ERROR
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert "dòng 4, cột “Kết quả thực hiện”: ô này chứa lỗi của Excel (“#VALUE!”)" in (
        result.stderr
    )
    assert not _progress(example_copy).exists()


def test_collect_reads_text_that_starts_like_a_formula(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    # Typed after "'" (or set as text), it is the clerk's text, and kept as it is.
    book = load_workbook(filled_form)
    cell = book["Nhiệm vụ"].cell(4, 7)
    cell.value = "=SUM(A1:A3) đã xong"
    cell.data_type = "s"
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 0, result.output
    assert "=SUM(A1:A3) đã xong" in _progress(example_copy).read_text(encoding="utf-8")


def test_collect_takes_a_status_in_capitals_or_with_extra_spaces(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    book = load_workbook(filled_form)
    book["Nhiệm vụ"].cell(4, 6).value = "ĐANG THỰC HIỆN"
    book["Nhiệm vụ"].cell(5, 6).value = "  đã  hoàn thành "
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 0, result.output
    text = _progress(example_copy).read_text(encoding="utf-8")
    assert "tinh_trang: Đã hoàn thành" in text
    assert "ĐANG" not in text


def test_collect_names_the_two_forms_of_one_agency(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    twin = filled_form.with_name("ban-sao.xlsx")
    twin.write_bytes(filled_form.read_bytes())
    result = run("-w", str(example_copy), "collect", str(filled_form), str(twin))
    assert result.exit_code == 1
    assert (
        f"{filled_form.name} và ban-sao.xlsx: hai biểu mẫu của cùng một cơ quan (so-tu-phap), "
        "cùng một kỳ: chỉ đưa vào một tệp"
    ) in result.stderr
    assert not _progress(example_copy).exists()


def test_collect_reads_figures_as_a_colleague_types_them(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    # A date as a figure's value was cut into 15 and a unit "/3/2024"; two figures on one
    # line made one figure whose unit held the second; a typed bullet was printed twice.
    book = load_workbook(filled_form)
    sheet = book["Nhiệm vụ"]
    figures = "Ngày ban hành quyết định: 15/3/2024\nSố người: 12 người; Số cuộc: 3 cuộc"
    sheet.cell(4, 8).value = figures
    sheet.cell(4, 9).value = "-Thiếu nhân lực\n- Thiếu kinh phí\n-5 hồ sơ còn tồn"
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 0, result.output
    out = example_copy / "out"
    result = run(
        "-w", str(example_copy), "report", "-a", "so-tu-phap", "-p", "2024-Q3", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    from kehoach_docs.docxread import DocxReader

    [report] = out.glob("*.docx")
    text = DocxReader(report).text()
    assert "Ngày ban hành quyết định: 15/3/2024." in text
    assert "Số người: 12 người." in text and "Số cuộc: 3 cuộc." in text
    assert "Mục II.1: Thiếu nhân lực" in text and "-Thiếu" not in text
    assert "Mục II.1: -5 hồ sơ còn tồn" in text


def test_collect_refuses_a_figure_no_report_can_print(
    run: Run, example_copy: Path, filled_form: Path
) -> None:
    book = load_workbook(filled_form)
    book["Nhiệm vụ"].cell(4, 8).value = "Số người: " + "9" * 400 + " người"
    book.save(filled_form)
    result = run("-w", str(example_copy), "collect", str(filled_form))
    assert result.exit_code == 1
    assert "dòng 4, cột “Số liệu (mỗi dòng: tên: giá trị đơn vị)”: số liệu quá lớn" in (
        result.stderr
    )


def test_a_formula_behind_a_control_character_is_kept_as_text() -> None:
    """The control character is dropped (XML cannot hold it); what is left starts with
    "=" and must still be text Excel keeps as text, whichever way the cell is written."""
    from openpyxl import Workbook

    from kehoach_docs.cells import stored_text, write_cell

    sheet = Workbook().active
    assert sheet is not None
    written = write_cell(sheet, 1, 1, "\x01=HYPERLINK(1)")
    assert written.value == "=HYPERLINK(1)"
    assert written.data_type == "s"
    assert written.quotePrefix
    # What the consolidated workbook's writer is given for such a text.
    assert stored_text("\x01=HYPERLINK(2)") == ("=HYPERLINK(2)", True)
