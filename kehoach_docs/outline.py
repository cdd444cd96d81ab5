"""The numbered outline of a plan: every item with its printed number and its reference.

One walk decides both, so that a document prints "3.1." and cites "mục II.3.1" alike.
Tasks laid out in a table (in the body or in a phụ lục) are entries too: their number is
the row's, and they are cited as "nhiệm vụ số 5 Phụ lục I".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .models.plan import Item, Plan, TaskTable
from .vn import letter, roman

Path = tuple[str | int, ...]


def format_number(pattern: str, index: int, parent: str) -> str:
    return (
        pattern.replace("{R}", roman(index))
        .replace("{n}", str(index))
        .replace("{a}", letter(index))
        .replace("{A}", letter(index).upper())
        .replace("{p}", parent)
    )


def short(number: str) -> str:
    """A printed number as a reference part: "II." -> "II", "a)" -> "a", "-" -> ""."""
    return number.strip().rstrip(".)").strip().strip("-+").strip()


@dataclass
class Entry:
    """An item with its place in the plan: `ref` is how a clerk cites it, e.g. "II.2"."""

    item: Item
    level: int
    number: str
    ref: str
    # Where the item stands in its YAML file, for messages that name file, line and field.
    path: Path = ()
    parent: Entry | None = None
    children: list[Entry] = field(default_factory=list)
    # A row of a task table: the table as a document names it ("Phụ lục I", "mục II.3").
    table: str = ""
    rows: list[Entry] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The id other files use for this item: its own id, else its reference."""
        return self.item.id or self.ref

    @property
    def is_group(self) -> bool:
        """A group row of a task table ("A. NHIỆM VỤ CHUNG"), not a task."""
        return bool(self.table) and not self.item.is_task and bool(self.item.children)

    @property
    def label(self) -> str:
        """How a table cell or a list names it: "II.2", "Phụ lục I, số 4"."""
        if self.table:
            return f"{self.table}, số {short(self.number)}"
        return self.ref

    @property
    def cite(self) -> str:
        """How a document refers to it: "mục II.2", "nhiệm vụ số 5 Phụ lục I"."""
        if self.table:
            return f"nhiệm vụ số {short(self.number)} {self.table}"
        return f"mục {self.ref}" if self.ref else "kế hoạch"

    def walk(self) -> Iterator[Entry]:
        yield self
        for child in self.children:
            yield from child.walk()
        for row in self.rows:
            yield from row.walk()


def _ref(parent: Entry | None, number: str) -> str:
    """The reference of an item numbered `number` under `parent`. A number that already
    holds its parent's ("3.1." under "3.") replaces the parent's part; an unnumbered item
    is cited by its parent's reference."""
    own = short(number)
    above = parent.ref if parent else ""
    if not own:
        return above
    if parent is not None:
        parent_own = short(parent.number)
        if parent_own and own.startswith(parent_own + "."):
            above = above[: -len(parent_own)].rstrip(".")
    return f"{above}.{own}" if above else own


def build(
    items: list[Item],
    numbering: list[str],
    level: int = 1,
    parent: Entry | None = None,
    path: Path = (),
) -> list[Entry]:
    out: list[Entry] = []
    index = 0
    for position, item in enumerate(items):
        # An unnumbered item (`so: ""`) takes no number from its siblings' count.
        index += item.number != ""
        if item.number is not None:
            number = item.number
        else:
            own = parent.item.numbering if parent is not None else None
            pattern = own or numbering[min(level, len(numbering)) - 1]
            number = format_number(pattern, index, parent.number if parent else "")
        here = (*path, position)
        entry = Entry(item, level, number, _ref(parent, number), here, parent)
        entry.children = build(item.children, numbering, level + 1, entry, (*here, "muc"))
        if item.task_table is not None:
            entry.rows = table_rows(
                item.task_table, entry.ref, f"mục {entry.ref}", (*here, "bang_nhiem_vu")
            )
        out.append(entry)
    return out


def table_rows(table: TaskTable, prefix: str, label: str, path: Path) -> list[Entry]:
    """The rows of a task table: group rows numbered by depth (A, I …), tasks counted
    1 … N through the table, or from 1 in each group where the table says so."""
    count = 0

    def rows(items: list[Item], depth: int, parent: Entry | None, where: Path) -> list[Entry]:
        nonlocal count
        out: list[Entry] = []
        groups = 0
        for position, item in enumerate(items):
            here = (*where, position)
            if not item.is_task and item.children:
                groups += item.number != ""
                pattern = table.group_numbering[min(depth, len(table.group_numbering) - 1)]
                number = item.number if item.number is not None else format_number(
                    pattern, groups, ""
                )  # fmt: skip
                ref = f"{parent.ref if parent else prefix}.{short(number)}"
                entry = Entry(item, depth + 1, number, ref, here, parent, table=label)
                if table.restart:
                    count = 0
                entry.children = rows(item.children, depth + 1, entry, (*here, "muc"))
            else:
                count += 1
                number = item.number if item.number is not None else str(count)
                base = parent.ref if parent is not None and table.restart else prefix
                entry = Entry(item, depth + 1, number, f"{base}.{short(number)}", here, parent,
                              table=label)  # fmt: skip
            out.append(entry)
        return out

    return rows(table.items, 0, None, (*path, "muc"))


def outline(plan: Plan) -> list[Entry]:
    """The plan's sections as a tree of entries."""
    return build(plan.sections, plan.numbering, path=("ke_hoach", "phan"))


def appendix_label(plan: Plan, index: int) -> str:
    """How a document names the appendix: "Phụ lục I", or by its place when unnumbered."""
    appendix = plan.appendices[index]
    if appendix.number:
        return f"Phụ lục {appendix.number}"
    return "Phụ lục" if len(plan.appendices) == 1 else f"Phụ lục {index + 1}"


def appendix_rows(plan: Plan) -> list[list[Entry]]:
    """The task-table rows of each appendix (empty for an appendix without one)."""
    out = []
    for index, appendix in enumerate(plan.appendices):
        table = appendix.tasks
        prefix = "PL" + (appendix.number or str(index + 1))
        path: Path = ("ke_hoach", "phu_luc", index, "bang_nhiem_vu")
        label = appendix_label(plan, index)
        out.append(table_rows(table, prefix, label, path) if table else [])
    return out


def entries(plan: Plan) -> Iterator[Entry]:
    """Every entry of the plan, in print order: the body, then the appendices' tables."""
    for top in outline(plan):
        yield from top.walk()
    for rows in appendix_rows(plan):
        for row in rows:
            yield from row.walk()
