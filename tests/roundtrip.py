"""Helpers for import tests: the words a reader sees in a .docx, word recall, and the
tasks of a workspace as the plan prints them (content, chủ trì, phối hợp, thời gian)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from kehoach_docs.compose.inline import plain_text
from kehoach_docs.compose.plan import PlanComposer
from kehoach_docs.duties import entries
from kehoach_docs.importer.blocks import Para
from kehoach_docs.importer.docx_source import read_docx
from kehoach_docs.workspace import load_project


def words(path: Path) -> Counter[str]:
    source = read_docx(path)
    texts: list[str] = []
    marks: set[str] = set()
    for block in source.blocks:
        paras = (
            [block]
            if isinstance(block, Para)
            else [p for row in block.rows for cell in row for p in cell.paras]
        )
        texts += [p.full_text for p in paras]
        marks |= {s.note for p in paras for s in p.spans if s.note is not None}
    # the footnotes a reader sees: those the text refers to
    texts += [text for key, text in source.footnotes.items() if key in marks]
    text = unicodedata.normalize("NFC", " ".join(texts)).lower()
    return Counter(re.findall(r"\w+", text))


def recall(original: Path, rendered: Path) -> float:
    before, after = words(original), words(rendered)
    found = sum(min(count, after[word]) for word, count in before.items())
    return found / sum(before.values())


def tasks(workspace: Path) -> list[tuple[str, str, str, str]]:
    """Each task: first words of its content, printed chủ trì, phối hợp and thời gian."""
    project = load_project(workspace)
    plan = project.plan().plan
    composer = PlanComposer(plan, project.registry)
    out = []
    for entry in entries(plan):
        item = entry.item
        if not item.is_task:
            continue
        content = item.title or (item.texts[0] if item.texts else "")
        lead = composer.assignment_text(item.lead) if item.lead else ""
        support = composer.assignment_text(item.support) if item.support else ""
        when = item.timeframe.text if item.timeframe else ""
        out.append(
            (" ".join(plain_text(content).split()[:8]), lead.rstrip("."), support.rstrip("."), when)
        )
    return out
