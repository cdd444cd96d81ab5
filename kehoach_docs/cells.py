"""Spreadsheet cells that stay data: no text from a plan or a clerk ever becomes a formula.

openpyxl stores a string starting with "=" as a formula and "#N/A" as an error; Excel
evaluates a CSV field starting with = + - @ (CSV injection). Every .xlsx and .csv writer
of this program goes through these functions.
"""

from __future__ import annotations

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


def stored_text(value: str) -> tuple[str, bool]:
    """Text as an .xlsx cell stores it, and whether the cell needs Excel's quote prefix:
    text that starts like a formula is kept text by it, even when a clerk edits the cell.
    Written as text (never through a writer's guess), it is never a formula."""
    text = strip_xml_forbidden(value)
    return text, text.startswith(FORMULA_START)


def set_cell(cell: Cell | MergedCell, value: Any) -> Cell | MergedCell:
    """Put a value into an .xlsx cell; text is stored as text, whatever it starts with."""
    if isinstance(value, str):
        text, quoted = stored_text(value)
        cell.value = text
        cell.data_type = "s"
        if quoted:
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    return set_cell(sheet.cell(row=row, column=column), value)
