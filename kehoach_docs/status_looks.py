"""How each status looks wherever it is coloured: spreadsheet cells, chart bars, terminal.

One place, so that a leader who learnt "red is overdue" on the spreadsheet reads the
terminal and the chart the same way. Cells keep their abbreviation (HT, ĐTHQH …) as text:
the colour helps, it never carries the meaning alone (printed in black and white, or read
by someone who does not tell red from green).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models.progress import (
    DONE,
    DONE_LATE,
    IN_PROGRESS,
    IN_PROGRESS_LATE,
    NOT_REPORTED,
    NOT_REPORTED_CODE,
    NOT_STARTED,
    STATUS_CODES,
)


@dataclass(frozen=True)
class Look:
    code: str  # the abbreviation printed in the cell
    fill: str  # a cell's background (RRGGBB), light enough for its ink
    ink: str  # the text colour on that background
    bar: str  # the chart's bar for the status
    ansi: str  # SGR parameters of a terminal's colour


LOOKS: dict[str, Look] = {
    DONE: Look(STATUS_CODES[DONE], "C6EFCE", "006100", "4CAF50", "32"),
    DONE_LATE: Look(STATUS_CODES[DONE_LATE], "D8E4BC", "4F6228", "9BBB59", "36"),
    IN_PROGRESS: Look(STATUS_CODES[IN_PROGRESS], "DDEBF7", "1F4E79", "5B9BD5", "34"),
    IN_PROGRESS_LATE: Look(STATUS_CODES[IN_PROGRESS_LATE], "FFC7CE", "9C0006", "E15759", "1;31"),
    NOT_STARTED: Look(STATUS_CODES[NOT_STARTED], "FFEB9C", "9C5700", "F4B183", "33"),
    NOT_REPORTED: Look(NOT_REPORTED_CODE, "D9D9D9", "3F3F3F", "A5A5A5", "1;35"),
}
BY_CODE: dict[str, Look] = {look.code: look for look in LOOKS.values()}
