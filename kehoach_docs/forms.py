"""Excel forms that clerks fill each period, and reading them back into progress YAML.

A form holds one agency's tasks for one period. The key columns are locked, the status
is a drop-down of the five NĐ status words, and a hidden sheet names the plan, period
and agency so that `collect` knows where the answers go.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cells import write_cell
from .compose.headings import Addressees, task_heading
from .errors import Problem, did_you_mean
from .models.progress import STATUSES
from .models.registry import Agency
from .periods import Period
from .progress import TaskState, short_date
from .schemas import modeline
from .vn import upper_first

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def print_on_a4_landscape(sheet: Worksheet) -> None:
    """A4 landscape, all columns on one page width, as many pages down as needed."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


TASK_SHEET = "Nhiệm vụ"
GENERAL_SHEET = "Thông tin chung"
META_SHEET = "_kehoach"
STATUS_RANGE = "TinhTrang"
FIRST_ROW = 4
# (heading, width in characters, locked); the widths add up to what A4 landscape prints
# at a readable size once fitted to the page width.
COLUMNS = [
    ("STT", 5, True),
    ("Mục", 6, True),
    ("Nội dung nhiệm vụ", 40, True),
    ("Vai trò", 9, True),
    ("Thời hạn", 11, True),
    ("Tình trạng", 17, False),
    ("Kết quả thực hiện", 34, False),
    ("Số liệu (mỗi dòng: tên: giá trị đơn vị)", 22, False),
    ("Khó khăn, vướng mắc", 20, False),
    ("Đề xuất, kiến nghị", 20, False),
    ("Mã", 10, True),
]
KEY_COLUMN = len(COLUMNS)  # hidden, 1-based
STATUS_COLUMN = 6
GENERAL_ROWS = [
    ("tinh_hinh", "Tình hình triển khai thực hiện"),
    ("ket_qua_noi_bat", "Kết quả nổi bật"),
    ("ton_tai", "Tồn tại, hạn chế và nguyên nhân"),
    ("phuong_huong", "Phương hướng, nhiệm vụ kỳ tới"),
    ("kien_nghi", "Đề xuất, kiến nghị"),
]


def form_workbook(
    plan_id: str, period: Period, agency: Agency, states: list[TaskState], names: Addressees
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = TASK_SHEET
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="EDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")
    last = get_column_letter(KEY_COLUMN - 1)

    title = f"BÁO CÁO KẾT QUẢ THỰC HIỆN {period.label.upper()} – {agency.name.upper()}"
    write_cell(sheet, 1, 1, title).font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last}1")
    note = (
        f"Số liệu từ ngày {short_date(period.start)} đến ngày {short_date(period.end)}; "
        f"hạn gửi {short_date(period.due)}. Điền các cột nền trắng; cột “Tình trạng” chọn "
        "trong danh sách; không sửa các cột nền xám."
    )
    write_cell(sheet, 2, 1, note).font = Font(italic=True)
    sheet.merge_cells(f"A2:{last}2")
    for index, (heading, width, _) in enumerate(COLUMNS, start=1):
        cell = write_cell(sheet, 3, index, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        cell.fill = grey
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.column_dimensions[get_column_letter(KEY_COLUMN)].hidden = True
    sheet.row_dimensions[3].height = 48

    for number, state in enumerate(states, start=1):
        row = FIRST_ROW + number - 1
        item = state.duty.entry.item
        content = upper_first(task_heading(state.duty.entry, names))
        deadline = (
            short_date(state.deadline) if state.deadline
            else item.timeframe.text if item.timeframe else ""
        )  # fmt: skip
        values: list[Any] = [
            number, state.duty.entry.label, content, state.duty.role_words.capitalize(),
            deadline, None, None, None, None, None, state.duty.entry.key,
        ]  # fmt: skip
        for index, value in enumerate(values, start=1):
            cell = write_cell(sheet, row, index, value)
            cell.alignment = wrap
            cell.border = border
            locked = COLUMNS[index - 1][2]
            cell.protection = Protection(locked=locked)
            if locked:
                cell.fill = grey
        # Tall enough for the heading in its column, and room to write results beside it.
        sheet.row_dimensions[row].height = max(75, min(400, 15 * (len(content) // 36 + 2)))

    meta = book.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(
        [("ke_hoach", plan_id), ("ky", period.id), ("co_quan", agency.id), ("phien_ban", "1")],
        start=1,
    ):
        write_cell(meta, row, 1, key)
        write_cell(meta, row, 2, value)
    for row, status in enumerate(STATUSES, start=10):
        write_cell(meta, row, 1, status)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    end = 9 + len(STATUSES)
    book.defined_names[STATUS_RANGE] = DefinedName(
        STATUS_RANGE, attr_text=f"'{META_SHEET}'!$A$10:$A${end}"
    )
    if states:
        validation = DataValidation(
            type="list", formula1=f"={STATUS_RANGE}", allow_blank=True, showDropDown=False,
            showErrorMessage=True, errorTitle="Tình trạng",
            error="Chọn một trong năm tình trạng trong danh sách.",
        )  # fmt: skip
        column = get_column_letter(STATUS_COLUMN)
        validation.add(f"{column}{FIRST_ROW}:{column}{FIRST_ROW + len(states) - 1}")
        sheet.add_data_validation(validation)

    general = book.create_sheet(GENERAL_SHEET)
    general.column_dimensions["A"].width = 34
    general.column_dimensions["B"].width = 110
    write_cell(general, 1, 1, "Phần")
    write_cell(general, 1, 2, "Nội dung")
    for cell in general[1]:
        cell.font = Font(bold=True)
        cell.fill = grey
        cell.border = border
    for row, (_, label) in enumerate(GENERAL_ROWS, start=2):
        head = write_cell(general, row, 1, label)
        head.font = Font(bold=True)
        head.fill = grey
        answer = general.cell(row=row, column=2)
        answer.protection = Protection(locked=False)
        for cell in (head, answer):
            cell.alignment = wrap
            cell.border = border
        general.row_dimensions[row].height = 110

    for ws in (sheet, general):
        ws.protection.sheet = True
        ws.protection.formatRows = False
        ws.protection.formatColumns = False
        print_on_a4_landscape(ws)
    sheet.print_title_rows = "3:3"
    sheet.freeze_panes = f"A{FIRST_ROW}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- reading filled forms back ------------------------------------------------------------


@dataclass
class Collected:
    source: Path
    plan_id: str
    period_id: str
    agency_id: str
    data: dict[str, Any]
    rows: dict[str, int]  # task key -> row of the task sheet
    # Nothing written in it: a form not filled yet (many are, while agencies reply).
    blank: bool = False
    # The tasks whose rows were left blank: not reported yet (a half-filled form is sent).
    unfilled: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").strip()


# A cell that Excel or Calc holds as a formula, or as a formula's error, is no clerk's text:
# a result typed as "=SUM(A1:A3) đã xong" is a formula to Excel, saved with no value by
# some programs and as "#VALUE!" by others. It is said, not read as empty or as "#VALUE!".
_FORMULA = (
    "ô này là công thức Excel (“{0}”), không phải chữ: gõ dấu nháy ' trước dấu “=” để Excel "
    "giữ nguyên chữ"
)
_ERROR = (
    "ô này chứa lỗi của Excel (“{0}”), thường do chữ bắt đầu bằng “=”, “+”, “-” hay “@” bị "
    "hiểu là công thức: gõ lại nội dung, thêm dấu nháy ' ở đầu"
)


def _written(cell: Any, fail: Callable[[str], None]) -> Any:
    """The value a clerk wrote in `cell`; None and a problem said for a formula or an error."""
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        text = getattr(cell.value, "text", cell.value)  # (an array formula holds its text)
        fail(_FORMULA.format(_text(text)))
        return None
    if kind == "e":
        fail(_ERROR.format(_text(cell.value)))
        return None
    return cell.value


# A bullet a clerk typed before a line ("- ", "-", "•"): the report prints its own.
_BULLET = re.compile(r"^(?:[-+•–]\s*(?=\D)|[-+•–]\s+)")


def _paragraphs(value: Any) -> list[str]:
    lines = (_BULLET.sub("", line.strip(), count=1) for line in _text(value).split("\n"))
    return [line.strip() for line in lines if line.strip()]


def _fold(text: str) -> str:
    """A status as typed, for matching: its case and extra spaces aside."""
    return " ".join(text.split()).casefold()


_STATUS_BY_FOLD = {_fold(s): s for s in STATUSES}
_FIGURE = re.compile(r"^(?P<name>[^:]+):\s*(?P<value>-?[\d.,]+)\s*(?P<unit>.*)$")


_DATED = re.compile(
    r"^(?P<name>[^:]+):\s*(?P<value>\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2})\.?$"
)


def _figure_lines(value: Any) -> list[str]:
    """One figure a line; "Số người: 12 người; Số cuộc: 3 cuộc", two on one line, are two."""
    lines: list[str] = []
    for line in _paragraphs(value):
        parts = [part.strip() for part in line.split(";") if part.strip()]
        lines += parts if len(parts) > 1 and all(":" in part for part in parts) else [line]
    return lines


def _number(text: str) -> int | float:
    """`1.234`, `1.234,5`, `12,5` as Vietnamese write them, or `12.5`."""
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        return int(text.replace(".", ""))
    return float(text) if "." in text else int(text)


_ANSWER_COLUMNS = range(STATUS_COLUMN, KEY_COLUMN)
_FIELD_COLUMNS = {"tinh_trang": 6, "ket_qua": 7, "so_lieu": 8, "kho_khan": 9, "de_xuat": 10}


BLANK = "biểu mẫu chưa điền nhiệm vụ nào"


def task_cell(row: int) -> str:
    return f"trang tính “{TASK_SHEET}”, dòng {row}, cột “{COLUMNS[KEY_COLUMN - 1][0]}”"


def read_form(path: Path, display: str) -> tuple[Collected | None, list[Problem]]:
    from openpyxl import load_workbook
    from pydantic import ValidationError

    from .limits import InputError, read_package
    from .models.progress import TaskProgress
    from .schema_errors import message_of, suggest

    problems: list[Problem] = []

    def fail(where: str, message: str) -> None:
        problems.append(Problem(display, None, where, message))

    try:
        data = read_package(path, ".xlsx")
    except InputError as exc:
        fail("", str(exc))
        return None, problems
    try:
        # Formulas as written, not their cached values: see _written.
        book = load_workbook(data)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        fail("", f"không mở được tệp Excel ({type(exc).__name__}): có phải tệp .xlsx?")
        return None, problems
    if META_SHEET not in book.sheetnames or TASK_SHEET not in book.sheetnames:
        fail("", "không phải mẫu do “kehoach forms” tạo (thiếu trang tính “_kehoach”)")
        return None, problems
    meta = {
        _text(r[0]): _text(r[1]) for r in book[META_SHEET].iter_rows(max_col=2, values_only=True)
    }
    tasks: dict[str, Any] = {}
    first_row: dict[str, int] = {}
    unfilled: list[str] = []
    rows = book[TASK_SHEET].iter_rows(min_row=FIRST_ROW, max_col=KEY_COLUMN)
    # Every row to the sheet's end: a blank or inserted row must not hide the rows below.
    for row, cells in enumerate(rows, start=FIRST_ROW):

        def where(column: int, row: int = row) -> str:
            return f"trang tính “{TASK_SHEET}”, dòng {row}, cột “{COLUMNS[column - 1][0]}”"

        def said(column: int) -> Callable[[str], None]:
            return lambda message: fail(where(column), message)

        values = [_text(_written(c, said(column))) for column, c in enumerate(cells, start=1)]
        values += [""] * (KEY_COLUMN - len(cells))
        key = values[KEY_COLUMN - 1]
        if not key:
            if any(values[c - 1] for c in _ANSWER_COLUMNS):
                fail(
                    where(STATUS_COLUMN),
                    "dòng có kết quả nhưng không có mã nhiệm vụ (cột ẩn “Mã”): dòng chèn thêm "
                    "hay dán từ tệp khác? Hãy ghi kết quả vào dòng của nhiệm vụ",
                )
            continue
        if key in first_row:
            fail(
                where(KEY_COLUMN),
                f"mã nhiệm vụ “{key}” lặp lại (đã có ở dòng {first_row[key]}): mỗi nhiệm vụ "
                "một dòng; bỏ dòng chép thừa",
            )
            continue
        first_row[key] = row
        status = _STATUS_BY_FOLD.get(_fold(values[STATUS_COLUMN - 1]), values[STATUS_COLUMN - 1])
        if not status and not any(values[c - 1] for c in _ANSWER_COLUMNS):
            # A row left blank: that task is not reported yet (a half-filled form is sent).
            unfilled.append(key)
            continue
        if status not in STATUSES:
            near = suggest(status, list(STATUSES)) if status else None
            hint = did_you_mean(near)
            shown = f"“{status}” không phải tình trạng hợp lệ" if status else "chưa chọn tình trạng"
            listed = ", ".join(f"“{s}”" for s in STATUSES)
            fail(where(STATUS_COLUMN), f"{shown}{hint} (chọn một trong: {listed})")
            continue
        task: dict[str, Any] = {"tinh_trang": status}
        for column, yaml_key in ((7, "ket_qua"), (9, "kho_khan"), (10, "de_xuat")):
            paragraphs = _paragraphs(values[column - 1])
            if paragraphs:
                task[yaml_key] = paragraphs
        figures = []
        for line in _figure_lines(values[7]):
            date = _DATED.match(line)
            if date:
                # A date is a figure's value as written ("15/3/2024"), not 15 of "/3/2024".
                figures.append({"ten": date.group("name").strip(), "gia_tri": date.group("value")})
                continue
            match = _FIGURE.match(line)
            try:
                if not match:
                    raise ValueError
                value = _number(match.group("value"))
            except ValueError:
                fail(
                    where(8),
                    f"“{line}” không đúng dạng “tên: giá trị đơn vị” (ví dụ: Số người: 12 người)",
                )
                continue
            figures.append(
                {
                    "ten": match.group("name").strip(),
                    "gia_tri": value,
                    "don_vi": match.group("unit").strip(),
                }
            )
        if figures:
            task["so_lieu"] = figures
        try:
            TaskProgress.model_validate(task)
        except ValidationError as exc:
            for err in exc.errors():
                column = _FIELD_COLUMNS.get(str(err["loc"][0]), STATUS_COLUMN)
                fail(where(column), message_of(err))
            continue
        tasks[key] = task
    general: dict[str, Any] = {}
    if GENERAL_SHEET in book.sheetnames:
        sheet = book[GENERAL_SHEET]
        for index, (yaml_key, label) in enumerate(GENERAL_ROWS, start=2):

            def in_general(message: str, label: str = label) -> None:
                fail(f"trang tính “{GENERAL_SHEET}”, dòng “{label}”", message)

            paragraphs = _paragraphs(_written(sheet.cell(row=index, column=2), in_general))
            if paragraphs:
                general[yaml_key] = paragraphs
    report = {
        "bao_cao_tien_do": {
            "co_quan": meta.get("co_quan", ""),
            "ky": meta.get("ky", ""),
            "nhiem_vu": tasks,
            "chung": general,
        }
    }
    collected = Collected(
        path, meta.get("ke_hoach", ""), meta.get("ky", ""), meta.get("co_quan", ""), report,
        first_row, blank=not tasks and not general and not problems, unfilled=unfilled,
    )  # fmt: skip
    return collected, problems


def progress_yaml(collected: Collected, agency: Agency, period: Period) -> str:
    import yaml

    head = (
        modeline("tien-do", 4) + "\n"
        f"# Báo cáo {period.label} của {agency.name}, đọc từ {collected.source.name} "
        "bằng “kehoach collect”.\n"
        f"# Tình trạng: {' | '.join(STATUSES)}\n\n"
    )
    body = yaml.safe_dump(collected.data, allow_unicode=True, sort_keys=False, width=90)
    return head + body
