"""The numbered body of a plan as a tree of items: I./1./1.1./a) typed or automatic,
headings and inline titles, paragraphs and bullets, labelled lines under tasks, tables.

Levels come from the labels' shapes: a shape seen higher up closes the items below it;
a new shape opens a level. Bullets ("-", "+") are paragraphs of their item, unless
each bullet carries labels of its own, when they become tasks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..vn import fold
from .agencies import names_in
from .blocks import Para, Span, Table, all_spans
from .draft import Assign, doubt
from .inline import markup
from .labels import (
    LEAD,
    NOTE,
    OTHER,
    PRODUCT,
    SUPPORT,
    TIME,
    LabelLine,
    deadline,
    inline_assignment,
    label_without_colon,
    split_labels,
)
from .numbers import Label, label_of_auto, parse_label
from .tables import table_data

_ASSIGNEE_SECTIONS = re.compile(r"\b(?:to chuc thuc hien|trach nhiem|phan cong)\b")


@dataclass
class Node:
    label: Label | None
    level: int
    title: str | None = None
    inline_title: bool = False
    # Paragraphs (marked text) and groups of label lines, in document order.
    content: list[str | list[LabelLine]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    assignees: str | None = None
    heading_text: str = ""


def drop_prefix(spans: list[Span], count: int) -> list[Span]:
    """The spans without their first `count` characters (and the spaces after them)."""
    out: list[Span] = []
    for span in spans:
        if span.note is not None or count <= 0:
            out.append(span)
            continue
        if len(span.text) <= count:
            count -= len(span.text)
            continue
        out.append(Span(span.text[count:], span.bold, span.italic, span.small))
        count = 0
    while out and out[0].note is None and not out[0].text.strip():
        out.pop(0)
    if out and out[0].note is None:
        first = out[0]
        out[0] = Span(first.text.lstrip(), first.bold, first.italic, first.small)
    return out


def split_number(para: Para) -> tuple[Label | None, list[Span]]:
    """The item label of a paragraph (automatic or typed) and the spans after it."""
    if para.label:
        found = label_of_auto(para.label)
        if found is not None:
            return found, para.spans
        return Label(para.label, "?"), para.spans
    raw = para.raw
    stripped = raw.lstrip()
    label, rest = parse_label(stripped)
    if label is None:
        return None, para.spans
    consumed = len(raw) - len(rest)
    return label, drop_prefix(para.spans, consumed)


def _bold_prefix(spans: list[Span]) -> int:
    """How many leading spans are bold, when they end with ":" or "." (an inline title)."""
    count, text = 0, ""
    for span in spans:
        if span.note is not None:
            break
        if not span.bold and span.text.strip():
            break
        count += 1
        text += span.text
    rest = "".join(s.text for s in spans[count:] if s.note is None).strip()
    if count and rest and text.strip().endswith((":", ".")) and len(text.split()) <= 15:
        return count
    return 0


class BodyReader:
    def __init__(self, note_key: Callable[[str], str]) -> None:
        self.note_key = note_key
        self.root = Node(None, 0)
        self.stack: list[Node] = [self.root]

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def mark(self, spans: list[Span], bold: bool = False) -> str:
        return markup(spans, self.note_key, base_bold=bold)

    def feed(self, block: Para | Table) -> None:
        if isinstance(block, Table):
            self.feed_table(block)
            return
        if not block.text and not block.label and not any(s.note for s in block.spans):
            return
        label, spans = split_number(block)
        if label is not None and not label.bullet:
            self.open(label, spans)
            return
        text = block.full_text
        found = split_labels(text)
        after_labels = bool(self.current.content) and isinstance(self.current.content[-1], list)
        if found is None:
            bare = label_without_colon(text)
            # without a colon, a label is taken only under other labels, or before a name
            if bare is not None and (after_labels or _names_only(bare[1][0])):
                found = bare
        if found is not None:
            _, lines = found
            if self.current is self.root:
                self.stack.append(Node(None, 1))
                self.root.children.append(self.current)
            italic = any(s.italic for s in block.spans if s.text.strip(":. ") and not s.bold)
            for line in lines:
                line.italic = italic
            if self.current.content and isinstance(self.current.content[-1], list):
                self.current.content[-1].extend(lines)
            else:
                self.current.content.append(lines)
            return
        if self.current is self.root:
            # text before any numbered item: an unnumbered item of its own
            self.stack.append(Node(None, 1))
            self.root.children.append(self.current)
        prefix = ""
        if label is not None:
            prefix = {"*": "\\*"}.get(label.text, label.text) + " "
        self.current.content.append(prefix + self.mark(spans))

    def open(self, label: Label, spans: list[Span]) -> None:
        # a holder of loose text before the first number never takes numbered items
        while len(self.stack) > 1 and self.stack[-1].label is None:
            self.stack.pop()
        for depth in range(len(self.stack) - 1, 0, -1):
            node = self.stack[depth]
            if node.label is not None and node.label.shape == label.shape:
                del self.stack[depth:]
                break
        node = Node(label, len(self.stack))
        self.current.children.append(node)
        self.stack.append(node)
        text = " ".join("".join(s.text for s in spans if s.note is None).split())
        node.heading_text = text
        if not text:
            return
        bold = all_spans(spans, "bold")
        words = len(text.split())
        if node.level == 1 or bold or (words <= 12 and not text.endswith((".", ";", ",", ":"))):
            node.title = self.mark(spans, bold=bold)
            return
        count = _bold_prefix(spans)
        if count:
            node.title = self.mark(spans[:count], bold=True)
            node.inline_title = True
            node.content.append(self.mark(spans[count:]))
            return
        node.content.append(self.mark(spans))

    def feed_table(self, table: Table) -> None:
        if self.current is self.root:
            node = Node(None, 1)
            self.root.children.append(node)
            self.stack.append(node)
        self.current.tables.append(table)


# --- from nodes to the workspace's items -----------------------------------------------


@dataclass
class Wording:
    """How often each label wording, bullet and look is used, to set the plan's own."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, kind: str, value: str) -> None:
        bucket = self.counts.setdefault(kind, {})
        bucket[value] = bucket.get(value, 0) + 1

    def usual(self, kind: str) -> str | None:
        bucket = self.counts.get(kind)
        return max(bucket, key=lambda k: bucket[k]) if bucket else None


def _timeframe(value: str) -> dict[str, Any] | str:
    when, inferred = deadline(value)
    plain = fold(value).strip(" .")
    # fold() makes "hằng năm" and "hàng năm" one key
    if plain in ("thuong xuyen", "hang nam"):
        return value
    out: dict[str, Any] = {"ghi": value}
    if when is not None:
        out["han"] = when.isoformat()
        if inferred:
            doubt(out, "han", f"hạn {when.strftime('%d/%m/%Y')} suy ra từ “{value.strip()}”")
    condition = re.match(r"^sau khi\s+(.+?)\.?$", value.strip(), re.IGNORECASE)
    if condition and when is None:
        out["dieu_kien"] = condition.group(1)
    return out if len(out) > 1 else value


class ItemWriter:
    """Nodes to item mappings; task ids in document order; label wordings counted."""

    def __init__(self, note_key: Callable[[str], str]) -> None:
        self.note_key = note_key
        self.wording = Wording()

    def items(self, nodes: list[Node], section: str = "") -> list[dict[str, Any]]:
        return [self.item(node, section) for node in nodes]

    def _groups(self, node: Node) -> list[tuple[list[str], list[LabelLine]]]:
        """Content split into runs of paragraphs each closed by its labels."""
        segments: list[tuple[list[str], list[LabelLine]]] = [([], [])]
        for piece in node.content:
            if isinstance(piece, list):
                lines = [ln for ln in piece]
                if not segments[-1][1] and not any(ln.kind != OTHER for ln in lines):
                    # a lone "Lãnh đạo phụ trách:" line joins the labels after it
                    segments[-1][1].extend(lines)
                    continue
                segments[-1][1].extend(lines)
                segments.append(([], []))
            else:
                if segments[-1][1] and not any(ln.kind != OTHER for ln in segments[-1][1]):
                    segments[-1][0].extend(_as_text(segments[-1][1]))
                    segments[-1][1].clear()
                segments[-1][0].append(piece)
        if not segments[-1][0] and not segments[-1][1]:
            segments.pop()
        return segments

    def item(self, node: Node, section: str = "") -> dict[str, Any]:
        data: dict[str, Any] = {}
        if node.title:
            data["tieu_de"] = node.title
            if node.inline_title:
                data["lien_dong"] = True
        if node.level == 1:
            section = fold(node.heading_text)
        segments = self._groups(node)
        tasked = [s for s in segments if any(ln.kind in (LEAD, SUPPORT) for ln in s[1])]
        children = list(node.children)
        split = len(tasked) >= 2 and not children
        if split:
            paragraphs: list[str] = []
            lines: list[LabelLine] = []
            for texts, labels in segments:
                if not labels:
                    paragraphs.extend(texts)
                    continue
                child = Node(None, node.level + 1, content=[*texts, labels])
                first = texts[0] if texts else ""
                bullet, rest = parse_label(first)
                if bullet is not None and bullet.bullet:
                    child.label = bullet
                    child.content[0] = rest
                children.append(child)
        else:
            paragraphs = [t for texts, _ in segments for t in texts]
            lines = [ln for _, labels in segments for ln in labels]
        if paragraphs:
            data["noi_dung"] = [_point(p) for p in paragraphs]
        self.assignments(data, node, lines, section)
        tables = list(node.tables)
        for table in tables:
            kind, value = table_data(table, self.note_key)
            if kind == "bang" and "bang" not in data and not children:
                data["bang"] = value
            elif kind == "bang_nhiem_vu" and "bang_nhiem_vu" not in data:
                data["bang_nhiem_vu"] = value
            else:
                children.append(Node(None, node.level + 1, tables=[table]))
        if children:
            data["muc"] = self.items(children, section)
        data["#node"] = node
        return data

    def assignments(
        self, data: dict[str, Any], node: Node, lines: list[LabelLine], section: str
    ) -> None:
        seen: set[str] = set()
        extra: list[dict[str, str]] = []
        labels: dict[str, Any] = {}
        for line in lines:
            kind = line.kind
            if kind in seen or kind == OTHER:
                extra.append({"nhan": line.wording, "ghi": line.value})
                continue
            seen.add(kind)
            labels[kind] = line.wording
            labels.setdefault("dau_dong", line.bullet)
            if not line.colon:
                labels["hai_cham"] = False
            self.wording.add(kind, line.wording)
            self.wording.add("dau_dong", line.bullet)
            if kind in (LEAD, SUPPORT):
                data[kind] = Assign(line.value)
            elif kind == TIME:
                data[kind] = _timeframe(line.value)
            elif kind in (PRODUCT, NOTE):
                data[kind] = line.value
            self.wording.add("nghieng", "1" if line.italic else "")
        if labels:
            data["#labels"] = labels
        if extra:
            data["nhan_khac"] = extra
        if LEAD not in data and SUPPORT not in data and not node.children:
            self.inline(data, node, section)
        is_task = LEAD in data or SUPPORT in data
        if not is_task and _ASSIGNEE_SECTIONS.search(section) and node.level > 1:
            self.assignees(data, node)

    def inline(self, data: dict[str, Any], node: Node, section: str) -> None:
        """An assignment inside the item's first sentence: "Sở Tư pháp chủ trì, phối hợp với …"."""
        first = next((p for p in node.content if isinstance(p, str)), None)
        if first is None:
            return
        found = inline_assignment(first.replace("*", ""))
        if found is None:
            return
        before, support, _ = found
        lead_names, _ = names_in(before)
        if not lead_names:
            return
        data[LEAD] = Assign(", ".join(lead_names))
        support_names, _ = names_in(support) if support else ([], False)
        if support_names:
            data[SUPPORT] = Assign(", ".join(support_names))
        doubt(
            data,
            LEAD,
            "chủ trì, phối hợp đọc từ câu văn; bản in sẽ thêm dòng nhãn: xem lại hoặc xóa",
        )

    def assignees(self, data: dict[str, Any], node: Node) -> None:
        """Under "Tổ chức thực hiện": an item headed by bodies' names is their part."""
        head = node.heading_text
        if not node.title or node.inline_title:
            first = next((p for p in node.content if isinstance(p, str)), "")
            head = first.split(":", 1)[0] if ":" in first[:120] else ""
        if not head:
            return
        names, sentence = names_in(head)
        if names and not sentence:
            data["#assignees"] = ", ".join(names)


def _names_only(line: LabelLine) -> bool:
    names, sentence = names_in(line.value)
    return line.kind in (LEAD, SUPPORT) and bool(names) and not sentence


def _point(text: str) -> str | dict[str, str]:
    """A "- " or "+ " paragraph is a bullet point of the format: {gach: …} / {cong: …}."""
    for mark, key in (("- ", "gach"), ("+ ", "cong")):
        if text.startswith(mark) and text[2:].strip():
            return {key: text[2:]}
    return text


def _as_text(lines: list[LabelLine]) -> list[str]:
    return [
        f"{line.bullet + ' ' if line.bullet else ''}{line.wording}: {line.value}" for line in lines
    ]
