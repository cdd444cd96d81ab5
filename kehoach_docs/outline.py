"""The printed number of every item of a plan: I., 1., a) … as the plan's numbering says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .models.plan import Item
from .vn import letter, roman


def format_number(pattern: str, index: int, parent: str) -> str:
    return (
        pattern.replace("{R}", roman(index))
        .replace("{n}", str(index))
        .replace("{a}", letter(index))
        .replace("{p}", parent)
    )


def number_for(item: Item, level: int, index: int, parent: str, numbering: list[str]) -> str:
    if item.number is not None:
        return item.number
    pattern = numbering[min(level, len(numbering)) - 1]
    return format_number(pattern, index, parent)


@dataclass
class Entry:
    """An item with its place in the plan: `ref` is how a clerk cites it, e.g. "II.2"."""

    item: Item
    level: int
    number: str
    ref: str

    @property
    def key(self) -> str:
        """The id other files use for this item: its own id, else its reference."""
        return self.item.id or self.ref


def _short(number: str) -> str:
    return number.strip().rstrip(".)").strip() or "-"


def outline(
    items: list[Item], numbering: list[str], level: int = 1, parent: str = "", ref: str = ""
) -> Iterator[Entry]:
    for index, item in enumerate(items, start=1):
        number = number_for(item, level, index, parent, numbering)
        here = f"{ref}.{_short(number)}" if ref else _short(number)
        yield Entry(item, level, number, here)
        yield from outline(item.children, numbering, level + 1, number, here)
