"""Where every agency stands in a period, as text a leader reads in a terminal at a glance:
the agencies x tasks matrix (coloured where the terminal allows), the totals, who has not
reported and which tasks are overdue."""

from __future__ import annotations

import os
from typing import TextIO

from .compose.common import plan_reference
from .compose.headings import Addressees
from .compose.report import task_title
from .models.plan import Plan
from .models.progress import IN_PROGRESS_LATE, NOT_REPORTED, STATUSES
from .progress import PeriodState, short_date
from .registry import Registry
from .status_looks import BY_CODE, LOOKS
from .vn import nfc

GAP = "  "
MIN_CELL = max(len(look.code) for look in LOOKS.values())


def wants_colour(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _paint(text: str, sgr: str, colour: bool) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if colour and text else text


def _cell(code: str, width: int, colour: bool) -> str:
    look = BY_CODE.get(code)
    padded = code.ljust(width)
    if look is None or not colour:
        return padded
    return _paint(code, look.ansi, colour) + padded[len(code) :]


def matrix_lines(state: PeriodState, width: int, colour: bool) -> list[str]:
    """The agencies x tasks matrix in as many slices of tasks as the width needs, each
    slice with the agencies' names before it."""
    refs = [state.entry_of(k).duty.entry.ref for k in state.task_keys]
    names = [nfc(a.display_short) for a in state.assigned]
    head = "Cơ quan, đơn vị"
    name_width = max([len(head), *map(len, names)])
    cell = max([MIN_CELL, *map(len, refs)])
    per_slice = max(1, (width - name_width) // (cell + len(GAP)))
    out: list[str] = []
    for start in range(0, len(refs), per_slice):
        keys = state.task_keys[start : start + per_slice]
        if out:
            out.append("")
        row = [head.ljust(name_width), *(r.ljust(cell) for r in refs[start : start + per_slice])]
        out.append(GAP.join(row).rstrip())
        for agency, name in zip(state.assigned, names, strict=True):
            codes = [_cell(state.code(agency.id, k), cell, colour) for k in keys]
            out.append(GAP.join([name.ljust(name_width), *codes]).rstrip())
    return out


def legend_line(colour: bool) -> str:
    words = [
        f"{_paint(look.code, look.ansi, colour)} {status.lower()}" for status, look in LOOKS.items()
    ]
    return "Ký hiệu: " + "; ".join(words) + "; ô trống: nhiệm vụ không giao cho cơ quan đó."


def totals_lines(state: PeriodState, colour: bool) -> list[str]:
    counts = state.counts()
    total = sum(counts.values())
    overdue = len(state.overdue())
    unreported = sum(1 for s in state.states if s.report is None)
    rows = [(s, counts[s], LOOKS[s]) for s in STATUSES]
    label_width = max(len(s) for s in (*STATUSES, NOT_REPORTED, "Quá hạn, chưa hoàn thành"))
    out = [f"Tổng số lượt nhiệm vụ được báo cáo: {total}"]
    for status, count, look in rows:
        shown = _paint(look.code.ljust(MIN_CELL), look.ansi, colour)
        out.append(f"  {shown}  {status.ljust(label_width)}  {count:>5}")
    late = LOOKS[IN_PROGRESS_LATE]
    out.append(
        f"  {' ' * MIN_CELL}  {'Quá hạn, chưa hoàn thành'.ljust(label_width)}  "
        f"{_paint(f'{overdue:>5}', late.ansi, colour and overdue > 0)} (đếm riêng)"
    )
    look = LOOKS[NOT_REPORTED]
    out.append(
        f"  {_paint(look.code.ljust(MIN_CELL), look.ansi, colour)}  "
        f"{NOT_REPORTED.ljust(label_width)}  {unreported:>5} lượt "
        f"({len(state.missing)} cơ quan, đơn vị)"
    )
    return out


def status_text(
    plan: Plan, registry: Registry, state: PeriodState, width: int = 100, colour: bool = False
) -> str:
    period = state.period
    issuer = registry.agencies[plan.issuer]
    reported = len(state.assigned) - len(state.missing)
    lines = [
        f"{plan_reference(plan, issuer)}: {period.label}",
        f"Số liệu từ {short_date(period.start)} đến {short_date(period.end)}; hạn gửi báo cáo "
        f"{short_date(period.due)}. Đã báo cáo: {reported}/{len(state.assigned)} cơ quan, "
        "đơn vị.",
        "",
        *matrix_lines(state, width, colour),
        "",
        legend_line(colour),
        "",
        *totals_lines(state, colour),
        "",
    ]
    missing = state.missing
    if missing:
        lines.append(f"Chưa gửi báo cáo ({len(missing)} cơ quan, đơn vị):")
        lines += [f"  - {nfc(a.name)} ({a.id})" for a in missing]
    else:
        lines.append("Mọi cơ quan, đơn vị đã gửi báo cáo.")
    overdue = state.overdue()
    if overdue:
        names = Addressees(registry)
        lines.append(f"Nhiệm vụ quá hạn, chưa hoàn thành ({len(overdue)}):")
        for s in overdue:
            when = short_date(s.deadline) if s.deadline else ""
            status = _paint(s.status or "", LOOKS[s.status or NOT_REPORTED].ansi, colour)
            lines.append(
                f"  - {nfc(s.agency.name)}: {s.duty.entry.label} {task_title(s, names)} "
                f"(hạn {when}; {status})"
            )
    else:
        lines.append("Không có nhiệm vụ quá hạn.")
    return "\n".join(lines) + "\n"
