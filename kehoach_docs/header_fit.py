"""Whether an agency's header lines fit the boxes of the header block.

The shipped templates give the issuing body a column 6.6 cm wide (13 pt capitals) and
the place and date a column 9.9 cm wide (14 pt italic). A line longer than its box wraps,
and the rule under the issuing body then measures against the wrapped line: a clerk
splits the name where it reads well, and is told so by `validate`.
"""

from __future__ import annotations

import functools

from .fonts import text_width_pt
from .vn import date_words

CM_PER_PT = 2.54 / 72
ISSUER_BOX_CM = 6.6
DATE_BOX_CM = 9.9
# Word and LibreOffice lay a line out a little wider than the font's advance widths add up
# to (kerning, justification of the cell): a line must fit with this much to spare.
SPARE = 0.97
# The widest date lines: a signed document's, and a draft's with blanks for day and month.
DATES = ("ngày 28 tháng 12 năm 2026", date_words(None, 2026))


def width_cm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    return text_width_pt(text, size_pt, bold, italic) * CM_PER_PT


def _cm(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _against(wide: float, box: str, box_cm: float) -> str:
    """The line's width said against its box's: over it, or too close to its edge."""
    if wide > box_cm:
        return f"{box} chỉ rộng {_cm(box_cm)} cm nên sẽ xuống dòng"
    # (Within the box but not within SPARE of it: laid out a little wider, it wraps.)
    return (
        f"sát mép {box} rộng {_cm(box_cm)} cm (Word, LibreOffice dàn chữ rộng hơn một chút) "
        "nên có thể xuống dòng"
    )


def _split(line: str) -> str:
    """The line split where a clerk would break it: before " - ", else nearest the middle."""
    if " - " in line:
        head, tail = line.split(" - ", 1)
        return f"“{head}”, “- {tail}”"
    words = line.split()
    best = min(
        range(1, len(words)),
        key=lambda i: abs(width_cm(" ".join(words[:i]), 13) - width_cm(" ".join(words[i:]), 13)),
        default=0,
    )
    if not best:
        return f"“{line}”"
    return f"“{' '.join(words[:best])}”, “{' '.join(words[best:])}”"


# (Kept: every agency under one body has the same governing line, most the same place.)
@functools.lru_cache(maxsize=4096)
def issuer_line_problem(line: str, bold: bool) -> str | None:
    wide = width_cm(line, 13, bold=bold)
    if wide <= ISSUER_BOX_CM * SPARE:
        return None
    return (
        f"dòng “{line}” rộng {_cm(wide)} cm, {_against(wide, 'ô tên cơ quan', ISSUER_BOX_CM)}: "
        f"hãy tách thành hai dòng, ví dụ {_split(line)}"
    )


@functools.lru_cache(maxsize=4096)
def place_problem(place: str) -> str | None:
    line, wide = max(
        ((f"{place}, {d}", width_cm(f"{place}, {d}", 14, italic=True)) for d in DATES),
        key=lambda found: found[1],
    )
    if wide <= DATE_BOX_CM * SPARE:
        return None
    return (
        f"dòng ngày tháng dài nhất “{line}” rộng {_cm(wide)} cm, "
        f"{_against(wide, 'ô', DATE_BOX_CM)}: dùng địa danh ngắn hơn (tên đơn vị hành chính "
        "nơi cơ quan đóng trụ sở)"
    )
