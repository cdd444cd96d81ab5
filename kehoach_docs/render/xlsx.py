"""The consolidated figures as a workbook beside the consolidated report.

Written with XlsxWriter, row by row (its constant_memory mode): each row goes to the file
as it is made, so a workbook of 10,000 agencies holds no more memory than one of 30 (its
cells, held, styled then saved by openpyxl, were hundreds of MB), in 40% of openpyxl's time
at 1,000 agencies. Text goes through `cells.stored_text`: never a formula.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..cells import stored_text
from ..compose.headings import Addressees
from ..compose.report import task_title
from ..models.progress import NOT_REPORTED, STATUS_CODES, STATUSES
from ..progress import PeriodState, short_date
from ..registry import Registry
from ..status_looks import BY_CODE, LOOKS, Look

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

LINE_HEIGHT = 15  # points: a line of the default 11 pt font
CHARS_PER_WIDTH = 1.1  # text characters a unit of column width holds, on average
GRID = "#808080"  # the thin grey lines of the agency x task table

# Columns of the matrix that fit an A4 landscape page beside the agencies' names.
TASKS_PER_PAGE = 13
ROWS_ON_A_PAGE = 50

# The chart's series: the five statuses, then the tasks not reported on.
CHART_SERIES = (*STATUSES, NOT_REPORTED)

# How each kind of cell looks (XlsxWriter's format properties); a look's colours are
# added to PAINTED cells.
HEAD = {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center"}
BODY = {"text_wrap": True, "valign": "top"}
BOXED = {"border": 1, "border_color": GRID}
GRID_HEAD = {**BOXED, **HEAD}
NAME = {**BOXED, "valign": "vcenter", "text_wrap": True}
PAINTED = {**BOXED, "align": "center", "valign": "vcenter"}
LEGEND = {**BOXED, "align": "left", "valign": "vcenter"}
BOLD = {"bold": True}
PLAIN: dict[str, Any] = {}
Style = tuple[dict[str, Any], Look | None]  # a kind of cell, and its status's colours


class _Formats:
    """One format for each look of cell, made the first time it is asked for (a format
    is a style of the workbook: made once, shared by every cell that looks alike). Looked
    up by the look's own dict, one of the constants above, not by its contents: a cell of
    10,000 rows x 30 tasks is a lookup, not a sort of properties."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.made: dict[tuple[int, Look | None, bool], tuple[dict[str, Any], Format]] = {}

    def get(self, base: dict[str, Any], look: Look | None = None, quoted: bool = False) -> Format:
        key = (id(base), look, quoted)
        found = self.made.get(key)
        if found is not None and found[0] is base:
            return found[1]
        properties = dict(base)
        if look is not None:
            properties |= {
                "pattern": 1, "bg_color": f"#{look.fill}", "font_color": f"#{look.ink}",
                "bold": True,
            }  # fmt: skip
        if quoted:
            properties["quote_prefix"] = True  # Excel keeps it text when edited
        made = self.book.add_format(properties)
        self.made[key] = (base, made)  # (the dict kept: its id is not given to another)
        return made


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` wide."""
    room = max(1, int(width * CHARS_PER_WIDTH) - 1)
    return sum(-(-max(1, len(part)) // room) for part in text.split("\n"))


def print_on_a4_landscape(sheet: Worksheet, pages_wide: int = 1, pages_tall: int = 0) -> None:
    """A4 landscape, all columns on `pages_wide` pages, as many pages down as needed (0)
    or scaled to `pages_tall`."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(pages_wide, pages_tall)


class _Sheet:
    """A sheet written row by row: each row's height fitted to its wrapped text before
    it is written (neither Excel nor LibreOffice sizes the rows of a file they open, and
    wrapped text would run over the next row)."""

    def __init__(
        self, book: Workbook, formats: _Formats, title: str, widths: Sequence[float],
        hidden: Sequence[int] = (),
    ) -> None:  # fmt: skip
        self.sheet: Worksheet = book.add_worksheet(title)
        self.formats = formats
        self.widths = list(widths)
        self.hidden = set(hidden)
        for column, width in enumerate(widths):
            options = {"hidden": True} if column in self.hidden else None
            self.sheet.set_column(column, column, width, None, options)
        self.row = 0
        print_on_a4_landscape(self.sheet)

    def hold(self, columns: int) -> None:
        """The head row, and the first `columns` columns, stay in view and on every page."""
        self.sheet.freeze_panes(1, columns)
        self.sheet.repeat_rows(0)
        if columns:
            self.sheet.repeat_columns(0, columns - 1)

    def write(self, values: Iterable[Any], styles: Iterable[Style]) -> None:
        """One row: each value with its look; text that wraps makes the row taller."""
        sheet, row = self.sheet, self.row
        lines = 1
        for column, (value, (base, look)) in enumerate(zip(values, styles, strict=True)):
            if value is None:
                sheet.write_blank(row, column, None, self.formats.get(base, look))
            elif isinstance(value, str):
                text, quoted = stored_text(value)
                cell_format = self.formats.get(base, look, quoted)
                if text.startswith("<r>") and text.endswith("</r>"):
                    # XlsxWriter takes such a text for rich-text XML of its own and writes
                    # it unescaped: it goes as rich text in pieces, each one escaped.
                    sheet.write_rich_string(row, column, text[:1], text[1:2], text[2:], cell_format)
                else:
                    sheet.write_string(row, column, text, cell_format)
                if base.get("text_wrap") and column not in self.hidden:
                    lines = max(lines, _lines(text, self.widths[column]))
            else:
                sheet.write_number(row, column, value, self.formats.get(base, look))
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)
        self.row += 1

    def skip(self) -> None:
        self.row += 1


def _table(
    book: Workbook, formats: _Formats, title: str, head: list[str], rows: Iterable[list[Any]],
    widths: Sequence[float], hide_ids: bool = False, frozen_columns: int = 0,
) -> _Sheet:  # fmt: skip
    """A table sheet; with `hide_ids`, its first column (the ids, for programs) is hidden;
    its head row, and its first `frozen_columns` columns, stay in view and on every page."""
    out = _Sheet(book, formats, title, widths, hidden=(0,) if hide_ids else ())
    out.hold(frozen_columns)
    out.write(head, [(HEAD, None)] * len(head))
    for values in rows:
        out.write(values, [(BODY, None)] * len(values))
    return out


def matrix_sheet(book: Workbook, formats: _Formats, state: PeriodState) -> None:
    """Agencies x tasks, each cell the status's abbreviation on the status's colour, with
    a legend under it; headings frozen, printed on A4 landscape pages that repeat them."""
    keys = state.task_keys
    heads = ["Mã", "Cơ quan, đơn vị", *(state.entry_of(k).duty.entry.label for k in keys)]
    # The id stays for whoever reads the file by program; a reader needs only the name.
    out = _Sheet(book, formats, "Cơ quan - nhiệm vụ", [28, 44] + [8] * len(keys), hidden=(0,))
    out.hold(2)
    legend_end = len(state.assigned) + 2 + len(LOOKS) + 2
    # A matrix and its legend that a page can hold, scaled down a little, stay on one page.
    print_on_a4_landscape(
        out.sheet,
        max(1, -(-len(keys) // TASKS_PER_PAGE)),
        1 if legend_end <= ROWS_ON_A_PAGE else 0,
    )
    out.write(heads, [(GRID_HEAD, None)] * len(heads))
    for agency in state.assigned:
        codes = [state.code(agency.id, key) for key in keys]
        styles = [(PLAIN, None), (NAME, None), *((PAINTED, BY_CODE.get(c)) for c in codes)]
        out.write([agency.id, agency.name, *codes], styles)
    out.skip()
    out.write([None, "Ký hiệu:"], [(PLAIN, None), (BOLD, None)])
    for status, look in LOOKS.items():
        out.write([None, f"{look.code} - {status.lower()}"], [(PLAIN, None), (LEGEND, look)])
    out.write(
        [None, "Ô trống - nhiệm vụ không giao cho cơ quan đó"], [(PLAIN, None), (LEGEND, None)]
    )


def agencies_sheet(book: Workbook, formats: _Formats, state: PeriodState) -> None:
    """Per agency, how many of its tasks stand in each status: the chart's data."""
    rows = []
    for agency in state.assigned:
        counted = Counter(state.code(agency.id, k) for k in state.task_keys)
        counts = [counted[LOOKS[s].code] for s in CHART_SERIES]
        late = len(state.overdue(agency=agency.id))
        rows.append([agency.id, agency.name, *counts, sum(counts), late])
    _table(
        book, formats, "Theo cơ quan", ["Mã", "Cơ quan, đơn vị", *CHART_SERIES, "Cộng", "Quá hạn"],
        rows, [28, 40] + [13] * len(CHART_SERIES) + [8, 9], hide_ids=True, frozen_columns=2,
    )  # fmt: skip


CM_PIXELS = 96 / 2.54


def chart_sheet(book: Workbook, state: PeriodState) -> None:
    """A native bar chart, one bar per agency, stacked by status in the statuses' colours."""
    sheet = book.add_worksheet("Biểu đồ")
    data = "Theo cơ quan"
    count = len(state.assigned)
    names = [stored_text(a.name)[0] for a in state.assigned]
    chart: Any = book.add_chart({"type": "bar", "subtype": "stacked"})
    for column, status in enumerate(CHART_SERIES, start=2):
        colour = f"#{LOOKS[status].bar}"
        chart.add_series(
            {
                "name": [data, 0, column],
                # The agencies' names given as text: with no data at hand, the chart would
                # declare them numbers.
                "categories": [data, 1, 1, count, 1],
                "categories_data": names,
                "values": [data, 1, column, count, column],
                "fill": {"color": colour},
                "border": {"color": colour},
                "overlap": 100,
                "gap": 40,
            }
        )
    chart.set_title({"name": f"Tình trạng nhiệm vụ theo cơ quan, đơn vị: {state.period.label}"})
    # The first agency at the top, every agency named, however many.
    # (the value axis crossing at the last agency: under the bars, by its title)
    chart.set_y_axis(
        {"reverse": True, "crossing": "max", "interval_unit": 1, "num_font": {"size": 8}}
    )
    chart.set_x_axis({"name": "Số nhiệm vụ", "major_gridlines": {"visible": False}})
    chart.set_legend({"position": "bottom"})
    # An A4 landscape page (25 x 17 cm inside its margins); more agencies than it holds
    # make a taller chart, scaled to the page when printed.
    height = max(12.0, min(17.0, 0.4 * count + 5), 0.3 * count + 5)
    chart.set_size({"width": round(25 * CM_PIXELS), "height": round(height * CM_PIXELS)})
    sheet.insert_chart(0, 0, chart)
    print_on_a4_landscape(sheet, 1, 1)


def summary_workbook(state: PeriodState, registry: Registry) -> bytes:
    from xlsxwriter import Workbook

    buffer = io.BytesIO()
    book = Workbook(buffer, {"constant_memory": True})
    formats = _Formats(book)
    names = Addressees(registry)
    counts = state.counts()
    total = sum(counts.values())
    overdue = state.overdue()
    _table(
        book, formats, "Tổng hợp", ["Tình trạng", "Ký hiệu", "Số lượt nhiệm vụ"],
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

    _table(
        book, formats, "Theo nhiệm vụ", ["Mục", "Nhiệm vụ", *codes, "Cộng", "Quá hạn"],
        (task_row(k) for k in state.task_keys), [8, 70, 8, 8, 8, 8, 8, 8, 10],
    )  # fmt: skip
    matrix_sheet(book, formats, state)
    _table(
        book, formats, "Quá hạn", ["Mục", "Mã cơ quan", "Cơ quan, đơn vị", "Hạn", "Tình trạng"],
        (
            [o.duty.entry.label, o.agency.id, o.agency.name,
             short_date(o.deadline) if o.deadline else "", o.status or NOT_REPORTED]
            for o in overdue
        ),
        [8, 28, 45, 12, 26],
    )  # fmt: skip
    _table(
        book, formats, "Chưa báo cáo", ["Mã cơ quan", "Cơ quan, đơn vị"],
        ([a.id, a.name] for a in state.missing), [28, 50],
    )  # fmt: skip
    agencies_sheet(book, formats, state)
    chart_sheet(book, state)
    book.close()
    return buffer.getvalue()
