"""Read a .docx back as a reader sees it: text, styles resolved, tables, footnotes.

Formatting is resolved as Word resolves it: direct run formatting, the run's character
style, the paragraph's style and those it is based on, the style of the table around the
paragraph, then the document defaults. Fonts are resolved slot by slot (the ascii slot for
ASCII letters, hAnsi for the others, Vietnamese included), and a theme font
(`w:asciiTheme="minorHAnsi"`) is looked up in the document's theme; on one `w:rFonts` a
theme attribute wins over the explicit name beside it, as the standard says and Word and
LibreOffice do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .render.styles import RunLook, StyleBook, is_on, w

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DRAWING_MAIN = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class Look(RunLook):
    """What a run looks like once every layer of formatting is applied.

    `font` is the family of the ascii slot, `font_other` that of the hAnsi slot (the one
    Vietnamese letters are drawn with); None when neither a name nor a theme gives one."""

    font_other: str | None = None
    highlight: str | None = None
    color: str | None = None
    shading: str | None = None
    hidden: bool = False
    caps: bool = False  # "All caps": the letters show as capitals whatever was typed


@dataclass
class Para:
    element: Any
    text: str
    style: str | None
    align: str | None
    looks: list[tuple[str, Look]]
    in_table: bool

    @property
    def first_look(self) -> Look | None:
        return next((look for text, look in self.looks if text.strip()), None)


# Characters Word draws for elements of a run other than w:t: a non-breaking hyphen is a
# hyphen to a reader, an optional hyphen shows only where Word breaks the line.
_SPECIAL = {
    w("br"): "\n", w("cr"): "\n", w("tab"): "\t", w("ptab"): "\t",
    w("noBreakHyphen"): "-", w("softHyphen"): "",
}  # fmt: skip
_THEME_SLOTS = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme"}


def xml_number(value: str | None, default: float = 0) -> float:
    """A number from an attribute of a file written by anyone: a malformed one counts as
    the default rather than stopping the reading."""
    try:
        return float(value) if value else default
    except ValueError:
        return default


def _run_text(run: etree._Element) -> str:
    out = []
    for child in run:
        if child.tag == w("t"):
            out.append(child.text or "")
        elif child.tag == w("sym"):
            code = child.get(w("char"), "")
            try:
                value = int(code, 16) if code else 0
            except ValueError:
                value = 0
            # Symbol fonts map their glyphs into the private area F000-F0FF.
            value = value - 0xF000 if value >= 0xF000 else value
            out.append(chr(value) if 0 < value < 0x110000 else "")
        elif child.tag in _SPECIAL:
            out.append(_SPECIAL[child.tag])
    return "".join(out)


def _own(run: etree._Element, paragraph: etree._Element) -> bool:
    """A run that belongs to this paragraph, not to a text box drawn inside it, and not to
    the VML copy Word stores beside a drawing."""
    for ancestor in run.iterancestors():
        if ancestor.tag == w("p"):
            return ancestor is paragraph
        if ancestor.tag == MC_FALLBACK:
            return False
    return False


class Styles(StyleBook):
    """A StyleBook that also resolves theme fonts, table styles and numbering indents."""

    def __init__(
        self,
        styles_root: etree._Element,
        theme_root: etree._Element | None = None,
        numbering_root: etree._Element | None = None,
    ) -> None:
        super().__init__(styles_root)
        self.theme: dict[str, str] = {}
        if theme_root is not None:
            for scheme in ("major", "minor"):
                latin = theme_root.find(f".//{DRAWING_MAIN}{scheme}Font/{DRAWING_MAIN}latin")
                if latin is not None and latin.get("typeface"):
                    self.theme[scheme] = latin.get("typeface") or ""
        self.numbering = numbering_root
        # A document read back is never changed, so each paragraph's layers are found once:
        # the checker asks a paragraph for several properties (indents, spacing, alignment).
        self._layers: dict[etree._Element, list[etree._Element]] = {}

    def _table_layers(self, paragraph: etree._Element, prop: str) -> list[etree._Element | None]:
        table = next(paragraph.iterancestors(w("tbl")), None)
        style = table.find(f"{w('tblPr')}/{w('tblStyle')}") if table is not None else None
        if style is None:
            return []
        return [s.find(w(prop)) for s in self.chain(style.get(w("val")))]

    def _numbering_ppr(self, paragraph: etree._Element) -> etree._Element | None:
        """The list level's pPr of a numbered paragraph (its indents come from there)."""
        if self.numbering is None:
            return None
        num_id = self.paragraph_attr_plain(paragraph, "numPr", "numId")
        if num_id is None:
            return None
        level = self.paragraph_attr_plain(paragraph, "numPr", "ilvl") or "0"
        num = next((n for n in self.numbering.iter(w("num")) if n.get(w("numId")) == num_id), None)
        abstract_ref = num.find(w("abstractNumId")) if num is not None else None
        if abstract_ref is None:
            return None
        abstract_id = abstract_ref.get(w("val"))
        abstract = next(
            (a for a in self.numbering.iter(w("abstractNum"))
             if a.get(w("abstractNumId")) == abstract_id), None,
        )  # fmt: skip
        if abstract is None:
            return None
        lvl = next((lv for lv in abstract.iter(w("lvl")) if lv.get(w("ilvl")) == level), None)
        return lvl.find(w("pPr")) if lvl is not None else None

    def paragraph_attr_plain(self, paragraph: etree._Element, tag: str, attr: str) -> str | None:
        """Like paragraph_attr, for numPr: `w:numPr` holds its values in children."""
        layers = [paragraph.find(w("pPr"))]
        layers += [s.find(w("pPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        for layer in layers:
            el = layer.find(f"{w(tag)}/{w(attr)}") if layer is not None else None
            if el is not None and el.get(w("val")) is not None:
                return el.get(w("val"))
        return None

    def _paragraph_layers(self, paragraph: etree._Element) -> list[etree._Element]:
        """Where a paragraph property may be set, strongest first: direct formatting, the
        list level, the paragraph style chain, the table style, the defaults."""
        found = self._layers.get(paragraph)
        if found is None:
            layers = [paragraph.find(w("pPr")), self._numbering_ppr(paragraph)]
            layers += [s.find(w("pPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
            layers += self._table_layers(paragraph, "pPr")
            layers.append(self.paragraph_defaults)
            found = self._layers[paragraph] = [layer for layer in layers if layer is not None]
        return found

    def paragraph_flag(self, paragraph: etree._Element, tag: str) -> bool:
        """An on/off paragraph property (`<w:contextualSpacing/>`), from the strongest
        layer that sets it."""
        el = next(
            (
                e
                for layer in self._paragraph_layers(paragraph)
                if (e := layer.find(w(tag))) is not None
            ),
            None,
        )
        return is_on(el)

    def _run_layers(
        self, paragraph: etree._Element, run: etree._Element | None
    ) -> list[etree._Element]:
        layers: list[etree._Element | None] = []
        if run is not None:
            rpr = run.find(w("rPr"))
            layers.append(rpr)
            char = rpr.find(w("rStyle")) if rpr is not None else None
            if char is not None:
                layers += [s.find(w("rPr")) for s in self.chain(char.get(w("val")))]
        layers += [s.find(w("rPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        layers += self._table_layers(paragraph, "rPr")
        layers.append(self.defaults)
        return [layer for layer in layers if layer is not None]

    def _font(self, layers: list[etree._Element], slot: str) -> str | None:
        for layer in layers:
            fonts = layer.find(w("rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(w(_THEME_SLOTS[slot]))
            if theme:
                scheme = "major" if theme.startswith("major") else "minor"
                if scheme in self.theme:
                    return self.theme[scheme]
            if fonts.get(w(slot)):
                return fonts.get(w(slot))
        return None

    def run_look(self, paragraph: etree._Element, run: etree._Element | None) -> Look:
        layers = self._run_layers(paragraph, run)

        def first(tag: str) -> etree._Element | None:
            return next((el for layer in layers if (el := layer.find(w(tag))) is not None), None)

        size, vert = first("sz"), first("vertAlign")
        highlight, color, shading = first("highlight"), first("color"), first("shd")
        return Look(
            size_pt=xml_number(size.get(w("val")), 20) / 2 if size is not None else 10.0,
            bold=is_on(first("b")),
            italic=is_on(first("i")),
            font=self._font(layers, "ascii"),
            vert_align=vert.get(w("val")) if vert is not None else None,
            font_other=self._font(layers, "hAnsi"),
            highlight=highlight.get(w("val")) if highlight is not None else None,
            color=color.get(w("val")) if color is not None else None,
            shading=shading.get(w("fill")) if shading is not None else None,
            hidden=is_on(first("vanish")),
            caps=is_on(first("caps")),
        )


def _part_root(doc: Any, reltype: str) -> etree._Element | None:
    try:
        part = doc.part.part_related_by(reltype)
    except KeyError:
        return None
    return etree.fromstring(part.blob)


class DocxReader:
    def __init__(self, source: Path | IO[bytes]) -> None:
        """`source`: the file, or its bytes already read (and checked, see limits)."""
        self.doc = Document(str(source) if isinstance(source, Path) else source)
        self.book = Styles(
            self.doc.styles.element,
            _part_root(self.doc, RT.THEME),
            _part_root(self.doc, RT.NUMBERING),
        )

    def paragraph(self, el: etree._Element) -> Para:
        looks: list[tuple[str, Look]] = []
        for run in el.iter(w("r")):
            if not _own(run, el):
                continue
            text = _run_text(run)
            if text:
                look = self.book.run_look(el, run)
                looks.append((text.upper() if look.caps else text, look))
        style_el = el.find(f"{w('pPr')}/{w('pStyle')}")
        return Para(
            element=el,
            text="".join(t for t, _ in looks),
            style=style_el.get(w("val")) if style_el is not None else None,
            align=self.book.paragraph_attr(el, "jc", "val"),
            looks=looks,
            in_table=next(el.iterancestors(w("tbl")), None) is not None,
        )

    def paragraphs(self, root: etree._Element | None = None) -> Iterator[Para]:
        """Every paragraph in reading order (text boxes' own paragraphs included once)."""
        root = self.doc.element.body if root is None else root
        for el in root.iter(w("p")):
            if not any(a.tag == MC_FALLBACK for a in el.iterancestors()):
                yield self.paragraph(el)

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())

    def part(self, reltype: str) -> etree._Element | None:
        """The XML root of a part of the document (footnotes, comments, …), if it has one."""
        return _part_root(self.doc, reltype)

    def footnotes(self) -> dict[str, str]:
        root = self.part(RT.FOOTNOTES)
        if root is None:
            return {}
        return {
            note.get(w("id")) or "": "".join(_run_text(r) for r in note.iter(w("r"))).strip()
            for note in root.iter(w("footnote"))
            if note.get(w("type")) is None
        }

    def footnote_refs(self) -> list[str]:
        return [
            ref.get(w("id")) or "" for ref in self.doc.element.body.iter(w("footnoteReference"))
        ]
