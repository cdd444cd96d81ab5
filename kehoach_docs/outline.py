"""The numbered outline of a plan: every item with its printed number and its reference.

One walk decides both, so that a document prints "3.1." and cites "mục II.3.1" alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .models.plan import Item, Plan
from .vn import letter, roman


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
    path: tuple[str | int, ...] = ()
    parent: Entry | None = None
    children: list[Entry] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The id other files use for this item: its own id, else its reference."""
        return self.item.id or self.ref

    @property
    def cite(self) -> str:
        """How a document refers to it: "mục II.2"."""
        return f"mục {self.ref}" if self.ref else "kế hoạch"

    def walk(self) -> Iterator[Entry]:
        yield self
        for child in self.children:
            yield from child.walk()


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
    path: tuple[str | int, ...] = (),
) -> list[Entry]:
    out: list[Entry] = []
    index = 0
    for position, item in enumerate(items):
        # An unnumbered item (`so: ""`) takes no number from its siblings' count.
        index += item.number != ""
        if item.number is not None:
            number = item.number
        else:
            pattern = numbering[min(level, len(numbering)) - 1]
            number = format_number(pattern, index, parent.number if parent else "")
        here = (*path, position)
        entry = Entry(item, level, number, _ref(parent, number), here, parent)
        entry.children = build(item.children, numbering, level + 1, entry, (*here, "muc"))
        out.append(entry)
    return out


def outline(plan: Plan) -> list[Entry]:
    """The plan's sections as a tree of entries."""
    return build(plan.sections, plan.numbering, path=("ke_hoach", "phan"))


def entries(plan: Plan) -> Iterator[Entry]:
    """Every entry of the plan, in print order."""
    for top in outline(plan):
        yield from top.walk()
