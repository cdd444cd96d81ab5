"""The consolidated figures as a workbook beside the consolidated report."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..cells import append_row
from ..compose.consolidated import legend
from ..compose.headings import Addressees
from ..compose.report import task_title
from ..models.progress import NOT_REPORTED, STATUS_CODES, STATUSES
from ..progress import PeriodState, short_date
from ..registry import Registry

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def print_on_a4_landscape(sheet: Worksheet) -> None:
    """A4 landscape, all columns on one page width, as many pages down as needed."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _sheet(
    book: Workbook, title: str, head: list[str], rows: Iterable[list[Any]], widths: list[int]
) -> Worksheet:
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
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    print_on_a4_landscape(sheet)
    sheet.print_title_rows = "1:1"
    return sheet


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
    _sheet(
        book, "Theo nhiệm vụ", ["Mục", "Nhiệm vụ", *codes, "Cộng", "Quá hạn"],
        [
            [state.entry_of(k).duty.entry.label, task_title(state.entry_of(k), names),
             *(state.counts(k)[s] for s in STATUSES), sum(state.counts(k).values()),
             sum(1 for o in overdue if o.duty.entry.key == k)]
            for k in state.task_keys
        ],
        [8, 70, 8, 8, 8, 8, 8, 8, 10],
    )  # fmt: skip
    matrix = [
        [agency.id, agency.name, *(state.code(agency.id, key) for key in state.task_keys)]
        for agency in state.assigned
    ]
    sheet = _sheet(
        book, "Cơ quan - nhiệm vụ",
        ["Mã", "Cơ quan, đơn vị", *(state.entry_of(k).duty.entry.label for k in state.task_keys)],
        matrix, [28, 45] + [8] * len(state.task_keys),
    )  # fmt: skip
    append_row(sheet, [])
    append_row(sheet, [legend()])
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
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
