"""Spreadsheet cells that stay data: no text from a plan or a clerk ever becomes a formula.

openpyxl stores a string starting with "=" as a formula and "#N/A" as an error; Excel
evaluates a CSV field starting with = + - @ (CSV injection). Every .xlsx and .csv writer
of this program goes through these two functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .vn import strip_xml_forbidden

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

# What makes Excel read a cell as a formula (tab and CR: as Excel imports CSV).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_field(value: object) -> str:
    """A CSV field Excel shows as the text it is: a leading ' where it would compute."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def set_cell(cell: Cell | MergedCell, value: Any) -> Cell | MergedCell:
    """Put a value into an .xlsx cell; text is stored as text, whatever it starts with."""
    if isinstance(value, str):
        # The text as stored: what Excel would read a formula from.
        text = strip_xml_forbidden(value)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            # Excel keeps the text as text even when a clerk edits the cell.
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    return set_cell(sheet.cell(row=row, column=column), value)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """`sheet.append` with every text stored through `set_cell`. The cells are made
    before they are appended: finding the new row after (`max_row`) reads every cell
    of the sheet, quadratic in a table of 10,000 agencies."""
    from openpyxl.cell.cell import Cell

    # Each cell placed by `append`.
    sheet.append([set_cell(Cell(sheet, row=1, column=1), value) for value in values])
