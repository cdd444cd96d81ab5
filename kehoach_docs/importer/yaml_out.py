"""YAML as a clerk would write it (block style, long texts folded at 100 columns), with
each doubt as a "# KIỂM TRA:" comment on the line it is about. The text is parsed back
and compared with the data before anyone sees it; should any value not survive, every
string is written double-quoted instead."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from .draft import DOUBTS

WIDTH = 100
CHECK = "KIỂM TRA"
_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]([^:#\n\r\t]|:(?! )|(?<! )#)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Emitted:
    text: str
    doubts: list[tuple[int, str]] = field(default_factory=list)


class _Writer:
    def __init__(self, quote_all: bool) -> None:
        self.quote_all = quote_all
        self.lines: list[str] = []
        self.doubts: list[tuple[int, str]] = []

    def scalar(self, value: Any, indent: int, key_width: int) -> list[str]:
        """The scalar as one line, or a folded block (first element is the header)."""
        if isinstance(value, bool):
            return ["true" if value else "false"]
        if isinstance(value, int | float):
            return [str(value)]
        if value is None:
            return [""]
        text = str(value)
        if not self.quote_all and _ISO_DATE.match(text):
            return [text]
        room = WIDTH - indent - key_width
        if not self.quote_all and len(text) <= room and _plain(text):
            return [text]
        if not self.quote_all and len(text) > room and _foldable(text):
            return [">-", *_wrap(text, WIDTH - indent - 2)]
        return [_quote(text)]

    def comment(self, notes: list[str]) -> str:
        return f"  # {CHECK}: " + "; ".join(notes) if notes else ""

    def add(self, line: str, notes: list[str]) -> None:
        self.lines.append(line + self.comment(notes))
        for note in notes:
            self.doubts.append((len(self.lines), note))

    def mapping(self, data: dict[str, Any], indent: int, first_prefix: str | None = None) -> None:
        doubts: dict[str, list[str]] = data.get(DOUBTS, {})
        own = list(doubts.get("", []))
        pad = " " * indent
        first = True
        for key, value in data.items():
            if key == DOUBTS:
                continue
            notes = list(doubts.get(key, []))
            if first:
                notes = own + notes
            prefix = first_prefix if first and first_prefix is not None else pad
            first = False
            shown = key if _plain(key) else _quote(key)
            self.entry(prefix + f"{shown}:", value, indent, notes)

    def entry(self, head: str, value: Any, indent: int, notes: list[str]) -> None:
        if isinstance(value, dict | list) and not value:
            self.add(f"{head} {'[]' if isinstance(value, list) else '{}'}", notes)
        elif isinstance(value, dict):
            self.add(head, notes)
            self.mapping(value, indent + 2)
        elif isinstance(value, list) and _flow(value, WIDTH - len(head) - 2):
            self.add(f"{head} {_flow_text(value)}", notes)
        elif isinstance(value, list):
            self.add(head, notes)
            self.sequence(value, indent + 2)
        else:
            self.value_lines(head, value, indent, notes)

    def value_lines(self, head: str, value: Any, indent: int, notes: list[str]) -> None:
        lines = self.scalar(value, indent + 2, len(head) - indent)
        sep = " " if lines[0] else ""
        self.add(f"{head}{sep}{lines[0]}", notes)
        for line in lines[1:]:
            self.lines.append(" " * (indent + 2) + line)

    def sequence(self, items: list[Any], indent: int) -> None:
        pad = " " * indent
        for item in items:
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, first_prefix=pad + "- ")
            elif isinstance(item, list) and _flow(item, WIDTH - indent - 2, loose=True):
                self.add(f"{pad}- {_flow_text(item)}", [])
            elif isinstance(item, list):
                self.add(pad + "-", [])
                self.sequence(item, indent + 2)
            else:
                self.value_lines(pad + "-", item, indent, [])


_FLOW_ITEM = re.compile(r"^[\w][\w .&/-]*$")


def _flow(items: list[Any], room: int, loose: bool = False) -> bool:
    """Short lists of ids or names print on one line: [so-noi-vu, cac-so]; table rows
    (`loose`) too, their cells quoted where needed."""
    if not all(isinstance(i, str) for i in items):
        return False
    if not loose and not all(_FLOW_ITEM.match(i) and _plain(i) for i in items):
        return False
    return len(_flow_text(items)) <= room


def _flow_text(items: list[str]) -> str:
    shown = [i if _FLOW_ITEM.match(i) and _plain(i) else _quote(i) for i in items]
    return "[" + ", ".join(shown) + "]"


# Characters YAML reads as line breaks or refuses to hold literally.
_UNPRINTABLE = re.compile(
    r"[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    r"|[\u2028\u2029\ufeff]"
)


def _quote(text: str) -> str:
    """A double-quoted scalar; characters YAML may not hold literally are escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


_BREAKS = re.compile("[\r\n\t]")
_RESOLVER = yaml.resolver.Resolver()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain(text: str) -> bool:
    """Whether `text` may stand unquoted in block context and still load as this string."""
    if not text or text != text.strip() or not _PLAIN_OK.match(text) or text.endswith(":"):
        return False
    if _UNPRINTABLE.search(text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR


_STR = "tag:yaml.org,2002:str"


def _foldable(text: str) -> bool:
    return text == text.strip() and not _BREAKS.search(text) and not _UNPRINTABLE.search(text)


def _breakable(text: str, i: int) -> bool:
    return text[i] == " " and text[i - 1] != " " and i + 1 < len(text) and text[i + 1] != " "


def _wrap(text: str, width: int) -> list[str]:
    """Lines for a folded block: breaks only at single spaces, so folding gives back the
    text exactly."""
    width = max(width, 40)
    lines: list[str] = []
    start = 0
    while len(text) - start > width:
        back = (i for i in range(start + width, start, -1) if _breakable(text, i))
        ahead = (i for i in range(start + width, len(text)) if _breakable(text, i))
        cut = next(back, None) or next(ahead, None)
        if cut is None:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


def clean(value: Any) -> Any:
    """The data as it should load back: without doubts, dates as text."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if k != DOUBTS}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump(data: dict[str, Any], preamble: list[str]) -> Emitted:
    """`data` as YAML text after the comment lines of `preamble`."""
    expected = clean(data)
    for quote_all in (False, True):
        writer = _Writer(quote_all)
        writer.lines = [f"# {line}" if line else "" for line in preamble]
        writer.mapping(data, 0)
        text = "\n".join(writer.lines) + "\n"
        try:
            if clean(yaml.load(text, Loader=_LOADER)) == expected:
                return Emitted(text, writer.doubts)
        except yaml.YAMLError:
            continue
    raise AssertionError("YAML written does not read back as the data")  # a bug of ours
