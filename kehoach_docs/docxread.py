"""Read a .docx back as a reader sees it: text, styles resolved, tables, footnotes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .render.styles import RunLook, StyleBook, w


@dataclass
class Para:
    element: Any
    text: str
    style: str | None
    align: str | None
    looks: list[tuple[str, RunLook]]
    in_table: bool

    @property
    def first_look(self) -> RunLook | None:
        return next((look for text, look in self.looks if text.strip()), None)


# A non-breaking hyphen reads as the hyphen it prints; a soft hyphen prints nothing.
_SPECIAL = {
    w("br"): "\n",
    w("cr"): "\n",
    w("tab"): "\t",
    w("noBreakHyphen"): "-",
    w("softHyphen"): "",
}
_READ = {w("t"), *_SPECIAL}


class DocxReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.doc = Document(str(path))
        self.book = StyleBook(self.doc.styles.element)

    def paragraph(self, el: etree._Element) -> Para:
        looks: list[tuple[str, RunLook]] = []
        for run in el.iter(w("r")):
            text = "".join(_SPECIAL.get(t.tag, t.text or "") for t in run if t.tag in _READ)
            if text:
                looks.append((text, self.book.run_look(el, run)))
        style_el = el.find(f"{w('pPr')}/{w('pStyle')}")
        return Para(
            element=el,
            text="".join(t for t, _ in looks),
            style=style_el.get(w("val")) if style_el is not None else None,
            align=self.book.paragraph_attr(el, "jc", "val"),
            looks=looks,
            in_table=next(el.iterancestors(w("tbl")), None) is not None,
        )

    def paragraphs(self) -> Iterator[Para]:
        for el in self.doc.element.body.iter(w("p")):
            yield self.paragraph(el)

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())

    def footnotes(self) -> dict[str, str]:
        part = next(
            (r.target_part for r in self.doc.part.rels.values() if r.reltype == RT.FOOTNOTES),
            None,
        )
        if part is None:
            return {}
        root = etree.fromstring(part.blob)
        return {
            note.get(w("id")) or "": "".join(
                _SPECIAL.get(t.tag, t.text or "") for t in note.iter() if t.tag in _READ
            ).strip()
            for note in root.iter(w("footnote"))
            if note.get(w("type")) is None
        }

    def footnote_refs(self) -> list[str]:
        return [
            ref.get(w("id")) or "" for ref in self.doc.element.body.iter(w("footnoteReference"))
        ]
