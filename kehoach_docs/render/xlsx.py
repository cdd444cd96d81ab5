"""The consolidated figures as a workbook beside the consolidated report."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterable
from copy import copy
from typing import TYPE_CHECKING, Any

from ..cells import append_row, write_cell
from ..compose.headings import Addressees
from ..compose.report import task_title
from ..models.progress import NOT_REPORTED, STATUS_CODES, STATUSES
from ..progress import PeriodState, short_date
from ..registry import Registry
from ..status_looks import BY_CODE, LOOKS, Look

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.chart.text import RichText
    from openpyxl.styles import Border
    from openpyxl.worksheet.worksheet import Worksheet


class _Styles:
    """Cells styled alike share the style made for the first of them: openpyxl looks up
    each style set on a cell by its value, which was most of the time of a workbook with
    a row for each of 1,000 agencies. A style is made once for each look and each style
    the cell had before, then copied."""

    def __init__(self) -> None:
        self.made: dict[tuple[object, tuple[int, ...]], Any] = {}

    def apply(self, cell: Cell | MergedCell, look: object, style: Callable[[], None]) -> None:
        styled: Any = cell  # openpyxl's own array of style indexes, as it copies styles
        before = tuple(styled._style or ())
        made = self.made.get((look, before))
        if made is not None:
            styled._style = copy(made)
            return
        style()
        self.made[(look, before)] = copy(styled._style)


def print_on_a4_landscape(sheet: Worksheet) -> None:
    """A4 landscape, all columns on one page width, as many pages down as needed."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _sheet(
    book: Workbook, title: str, head: list[str], rows: Iterable[list[Any]], widths: list[int],
    hide_ids: bool = False,
) -> Worksheet:  # fmt: skip
    """A table sheet; with `hide_ids`, its first column (the ids, for programs) is hidden."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet: Worksheet = book.create_sheet(title)
    append_row(sheet, head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for values in rows:
        append_row(sheet, values)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.column_dimensions["A"].hidden = hide_ids
    styles = _Styles()
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:

            def top(cell: Cell | MergedCell = cell) -> None:
                cell.alignment = Alignment(wrap_text=True, vertical="top")

            styles.apply(cell, "top", top)
    sheet.freeze_panes = "A2"
    print_on_a4_landscape(sheet)
    sheet.print_title_rows = "1:1"
    fit_rows(sheet)
    return sheet


LINE_HEIGHT = 15  # points: a line of the default 11 pt font
CHARS_PER_WIDTH = 1.1  # text characters a unit of column width holds, on average


def fit_rows(sheet: Worksheet) -> None:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice sizes the
    rows of a file they open, and wrapped text would run over the next row."""
    from openpyxl.utils import get_column_letter

    for number, cells in enumerate(sheet.iter_rows(), start=1):
        lines = 1
        for index, cell in enumerate(cells, start=1):
            column = sheet.column_dimensions[get_column_letter(index)]
            wraps = cell.alignment is not None and cell.alignment.wrap_text
            if not isinstance(cell.value, str) or not wraps or column.hidden:
                continue
            room = max(1, int((column.width or 8.43) * CHARS_PER_WIDTH) - 1)
            lines = max(lines, sum(-(-max(1, len(t)) // room) for t in cell.value.split("\n")))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines


def _box() -> Border:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _paint(
    cell: Cell | MergedCell, look: Look | None, border: Border, styles: _Styles | None = None
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    def paint() -> None:
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if look is not None:
            cell.fill = PatternFill(fill_type="solid", fgColor=look.fill)
            cell.font = Font(color=look.ink, bold=True)

    if styles is None:
        paint()
    else:
        styles.apply(cell, ("paint", look, id(border)), paint)


# Columns of the matrix that fit an A4 landscape page beside the agencies' names.
TASKS_PER_PAGE = 13
ROWS_ON_A_PAGE = 50


def matrix_sheet(book: Workbook, state: PeriodState) -> Worksheet:
    """Agencies x tasks, each cell the status's abbreviation on the status's colour, with
    a legend under it; headings frozen, printed on A4 landscape pages that repeat them."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet: Worksheet = book.create_sheet("Cơ quan - nhiệm vụ")
    keys = state.task_keys
    border = _box()
    heads = ["Mã", "Cơ quan, đơn vị", *(state.entry_of(k).duty.entry.label for k in keys)]
    for column, text in enumerate(heads, start=1):
        cell = write_cell(sheet, 1, column, text)
        _paint(cell, None, border)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    styles = _Styles()
    for row, agency in enumerate(state.assigned, start=2):
        write_cell(sheet, row, 1, agency.id)
        name = write_cell(sheet, row, 2, agency.name)

        def named(name: Cell | MergedCell = name) -> None:
            name.border = border
            name.alignment = Alignment(vertical="center", wrap_text=True)

        styles.apply(name, "name", named)
        for column, key in enumerate(keys, start=3):
            code = state.code(agency.id, key)
            _paint(write_cell(sheet, row, column, code), BY_CODE.get(code), border, styles)
    row = len(state.assigned) + 3
    write_cell(sheet, row, 2, "Ký hiệu:").font = Font(bold=True)
    for status, look in LOOKS.items():
        row += 1
        cell = write_cell(sheet, row, 2, f"{look.code} - {status.lower()}")
        _paint(cell, look, border)
        cell.alignment = Alignment(horizontal="left", vertical="center")
    row += 1
    blank = write_cell(sheet, row, 2, "Ô trống - nhiệm vụ không giao cho cơ quan đó")
    _paint(blank, None, border)
    blank.alignment = Alignment(horizontal="left", vertical="center")
    # The id stays for whoever reads the file by program; a reader needs only the name.
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 44
    for column in range(3, len(heads) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 8
    fit_rows(sheet)
    sheet.freeze_panes = "C2"
    print_on_a4_landscape(sheet)
    sheet.page_setup.fitToWidth = max(1, -(-len(keys) // TASKS_PER_PAGE))
    # A matrix and its legend that a page can hold, scaled down a little, stay on one page.
    sheet.page_setup.fitToHeight = 1 if row <= ROWS_ON_A_PAGE else 0
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:B"
    return sheet


# The chart's series: the five statuses, then the tasks not reported on.
CHART_SERIES = (*STATUSES, NOT_REPORTED)


def agencies_sheet(book: Workbook, state: PeriodState) -> Worksheet:
    """Per agency, how many of its tasks stand in each status: the chart's data."""
    rows = []
    for agency in state.assigned:
        counted = Counter(state.code(agency.id, k) for k in state.task_keys)
        counts = [counted[LOOKS[s].code] for s in CHART_SERIES]
        late = len(state.overdue(agency=agency.id))
        rows.append([agency.id, agency.name, *counts, sum(counts), late])
    sheet = _sheet(
        book, "Theo cơ quan", ["Mã", "Cơ quan, đơn vị", *CHART_SERIES, "Cộng", "Quá hạn"], rows,
        [28, 40] + [13] * len(CHART_SERIES) + [8, 9], hide_ids=True,
    )  # fmt: skip
    sheet.freeze_panes = "C2"
    sheet.print_title_cols = "A:B"
    return sheet


def _font_size(points: int) -> RichText:
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    size = CharacterProperties(sz=points * 100)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=size), endParaRPr=size)])


def chart_sheet(book: Workbook, data: Worksheet, state: PeriodState) -> None:
    """A native bar chart, one bar per agency, stacked by status in the statuses' colours."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef

    sheet: Worksheet = book.create_sheet("Biểu đồ")
    count = len(state.assigned)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 40
    chart.title = f"Tình trạng nhiệm vụ theo cơ quan, đơn vị: {state.period.label}"
    values = Reference(data, min_col=3, max_col=2 + len(CHART_SERIES), min_row=1, max_row=count + 1)
    chart.add_data(values, titles_from_data=True)
    # The agencies' names as text (openpyxl's set_categories would declare them numbers).
    names = Reference(data, min_col=2, min_row=2, max_row=count + 1)
    for series, status in zip(chart.series, CHART_SERIES, strict=True):
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
        colour = LOOKS[status].bar
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.x_axis.scaling.orientation = "maxMin"  # the first agency at the top
    chart.x_axis.tickLblSkip = 1  # every agency named, however many
    chart.x_axis.txPr = _font_size(8)
    chart.y_axis.title = "Số nhiệm vụ"
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    # An A4 landscape page (25 x 17 cm inside its margins); more agencies than it holds
    # make a taller chart, scaled to the page when printed.
    chart.width = 25
    chart.height = max(12.0, min(17.0, 0.4 * count + 5), 0.3 * count + 5)
    sheet.add_chart(chart, "A1")
    print_on_a4_landscape(sheet)
    sheet.page_setup.fitToHeight = 1


def summary_workbook(state: PeriodState, registry: Registry) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    names = Addressees(registry)
    counts = state.counts()
    total = sum(counts.values())
    overdue = state.overdue()
    _sheet(
        book, "Tổng hợp", ["Tình trạng", "Ký hiệu", "Số lượt nhiệm vụ"],
        [[s, STATUS_CODES[s], counts[s]] for s in STATUSES]
        + [["Tổng cộng", "", total], ["Ngoài ra: quá hạn, chưa hoàn thành", "", len(overdue)]],
        [40, 10, 18],
    )  # fmt: skip
    codes = [STATUS_CODES[s] for s in STATUSES]

    def task_row(key: str) -> list[Any]:
        entry = state.entry_of(key)
        # A task's counts are tallied over all its agencies: once a row, not once a cell.
        tally = state.counts(key)
        counted = [tally[s] for s in STATUSES]
        return [
            entry.duty.entry.label,
            task_title(entry, names),
            *counted,
            sum(tally.values()),
            len(state.overdue(key)),
        ]

    _sheet(
        book, "Theo nhiệm vụ", ["Mục", "Nhiệm vụ", *codes, "Cộng", "Quá hạn"],
        [task_row(k) for k in state.task_keys], [8, 70, 8, 8, 8, 8, 8, 8, 10],
    )  # fmt: skip
    matrix_sheet(book, state)
    _sheet(
        book, "Quá hạn", ["Mục", "Mã cơ quan", "Cơ quan, đơn vị", "Hạn", "Tình trạng"],
        [
            [o.duty.entry.label, o.agency.id, o.agency.name,
             short_date(o.deadline) if o.deadline else "", o.status or NOT_REPORTED]
            for o in overdue
        ],
        [8, 28, 45, 12, 26],
    )  # fmt: skip
    _sheet(
        book, "Chưa báo cáo", ["Mã cơ quan", "Cơ quan, đơn vị"],
        [[a.id, a.name] for a in state.missing], [28, 50],
    )  # fmt: skip
    chart_sheet(book, agencies_sheet(book, state), state)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
