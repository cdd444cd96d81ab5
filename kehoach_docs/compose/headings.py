"""Short headings for a task taken from the provincial plan into another document.

A sub-plan or a report names each task in a line, as real sub-plans do: the task's own
title, or the first sentence of its text; a long sentence is ended at a clause boundary,
never cut mid-word with "…". A point ("a) Luật …") takes its parent's title before it
where the parent says what the point is about ("Góp ý dự thảo: Luật …").
"""

from __future__ import annotations

import re

from ..outline import Entry
from ..registry import Registry
from ..vn import fold, upper_first
from .inline import plain_text

MAX_WORDS = 30
# A clause may run a few words past MAX_WORDS rather than end inside a list of names.
SLACK_WORDS = 5
MIN_WORDS = 6
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[^\W\d_])")
_CLAUSE_END = re.compile(r"[,;:](?=\s)")
# Words that open a clause of purpose, condition or manner, which a heading can do without.
_CLAUSE_OPENERS = re.compile(
    r"\s(?=(?:nhằm|để|khi|theo|bảo đảm|đảm bảo|trên cơ sở|gắn với|phù hợp với)\s)"
)
# The name of a document ("Kế hoạch số 15", "Luật Tổ chức …", "Đề án 08"), never lowered.
_DOC_NAMES = re.compile(
    r"^(Kế hoạch|Đề án|Nghị quyết|Chương trình|Quyết định|Chỉ thị|Kết luận|Luật|Nghị định|"
    r"Thông tư|Hướng dẫn|Công văn|Thông báo|Bộ luật|Pháp lệnh)\s+(số\s|\d|[^\W\d_])"
)


def first_sentence(text: str) -> str:
    text = " ".join(plain_text(text).split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def _balanced(text: str) -> bool:
    return text.count("(") <= text.count(")") and text.count("“") <= text.count("”")


def clause(sentence: str, max_words: int = MAX_WORDS) -> str:
    """`sentence` ended at its last clause boundary within `max_words` words (and a few
    more), if it is longer; kept whole where no boundary leaves at least MIN_WORDS words."""
    words = sentence.split()
    if len(words) <= max_words:
        return sentence.rstrip(" .;,:")

    def ends(pattern: re.Pattern[str], marks: str | None = None, slack: int = 0) -> list[int]:
        limit = len(" ".join(words[: max_words + slack]))
        found = pattern.finditer(sentence, 0, limit + 1)
        return [
            m.start()
            for m in found
            if (marks is None or m.group(0) in marks)
            and len(sentence[: m.start()].split()) >= MIN_WORDS
            # Never inside brackets or quotes left open: "(sâm Ngọc Linh, tỏi …".
            and _balanced(sentence[: m.start()])
        ]

    # A ";" or ":" ends a clause; then the start of a clause of purpose or condition
    # ("… nhằm …", "… khi …"); a "," last, for it may only part a list.
    for found in (
        ends(_CLAUSE_END, ";:", SLACK_WORDS),
        ends(_CLAUSE_OPENERS),
        ends(_CLAUSE_OPENERS, None, SLACK_WORDS),
        ends(_CLAUSE_END, None, SLACK_WORDS),
    ):
        if found:
            return sentence[: found[-1]].rstrip(" .;,:")
    return sentence.rstrip(" .;,:")


class Addressees:
    """The names a plan uses for who is addressed, to tell a title that only names them
    ("Sở Nội vụ", "Các sở, ban ngành và UBND các huyện") from one that says what is to be
    done, and to take them off the front of a sentence ("Các sở, ban ngành tiếp tục rà
    soát …" becomes, in an agency's own plan, "Tiếp tục rà soát …")."""

    def __init__(self, registry: Registry) -> None:
        self.names = [n for n in registry.names() if n.strip()]
        self.folded = sorted({fold(n) for n in self.names}, key=len, reverse=True)

    def only_names(self, title: str) -> bool:
        rest = f" {fold(title)} "
        for name in self.folded:
            rest = rest.replace(f" {name} ", " ")
        for word in (*(fold(h) for h in _HEADS), "va", "cac"):
            rest = rest.replace(f" {word} ", " ")
        return not rest.strip()

    def strip_subject(self, sentence: str) -> str:
        """`sentence` without the names (and their heads' titles) it begins with."""
        rest = sentence
        while True:
            lowered = rest.lower()
            head = next((h for h in _HEADS if lowered.startswith(h + " ")), "")
            after = rest[len(head) + 1 :] if head else rest
            name = next((n for n in self.names if after.lower().startswith(n.lower())), None)
            if name is None:
                break
            rest = after[len(name) :]
            joiner = re.match(r"^(,\s*|\s+và\s+|\s+)", rest)
            rest = rest[joiner.end() :] if joiner else rest
        if rest is sentence or not rest or not rest[0].islower():
            return sentence
        return upper_first(rest)


# Titles of the heads of bodies that a sentence may address before the bodies' names.
_HEADS = ("thủ trưởng", "giám đốc", "chủ tịch", "người đứng đầu", "lãnh đạo")


def item_heading(entry: Entry, names: Addressees) -> str:
    """The heading of the item alone: its title, or the first clause of its text, in
    the voice of whoever carries it out."""
    item = entry.item
    if item.title and not names.only_names(item.title):
        return clause(plain_text(item.title))
    text = item.texts[0] if item.texts else (item.title or "")
    return clause(names.strip_subject(first_sentence(text)))


def task_heading(entry: Entry, names: Addressees) -> str:
    """The item's heading, after its parent's title where the parent is a titled task
    group rather than a section of the plan."""
    own = item_heading(entry, names)
    parent = entry.parent
    if parent is None or parent.level < 2 or not parent.item.title:
        return own
    if names.only_names(parent.item.title):
        return own
    head = clause(plain_text(parent.item.title)).rstrip(":")
    # The whole heading keeps to the length of one: the point's own words are shortened.
    own = clause(own, max(MIN_WORDS, MAX_WORDS - len(head.split())))
    return f"{head}: {lower_first(own)}"


def lower_first(text: str) -> str:
    """A phrase put after other words: its first letter small, unless it starts with a
    name ("Kế hoạch số 15…", "Đề án 08…", an acronym such as "UBND")."""
    first = text.split(" ", 1)[0]
    named = _DOC_NAMES.match(text)
    if named and (
        named.group(2)[0].isupper() or named.group(2)[0].isdigit() or "số" in named.group(2)
    ):
        return text
    if not text or (len(first) > 1 and first.isupper()):
        return text
    return text[0].lower() + text[1:]
