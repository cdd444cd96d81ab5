"""Run properties resolved through the style chain as Word does.

Order: direct run formatting, the run's character style, the paragraph's style and the
styles it is based on, then the document defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class RunLook:
    size_pt: float
    bold: bool
    italic: bool
    font: str | None = None
    vert_align: str | None = None


def is_on(el: etree._Element | None) -> bool:
    """An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): off when absent or turned off."""
    return el is not None and el.get(w("val")) not in ("0", "false", "off")


_RPR, _RSTYLE, _VAL = w("rPr"), w("rStyle"), w("val")
# The run properties a RunLook is made of.
_LOOK_TAGS = {tag: w(tag) for tag in ("sz", "rFonts", "vertAlign", "b", "i")}


class StyleBook:
    def __init__(self, styles_root: etree._Element) -> None:
        self._looks: dict[tuple[str | None, str | None], dict[str, etree._Element | None]] = {}
        self.by_id = {s.get(w("styleId")): s for s in styles_root.iter(w("style"))}
        defaults = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults = defaults
        self.paragraph_defaults = styles_root.find(
            f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}"
        )
        self.default_paragraph = next(
            (
                s.get(w("styleId"))
                for s in self.by_id.values()
                if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"
            ),
            None,
        )

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and those it is based on, nearest first; stops at a missing id or a
        loop of basedOn (a damaged file must not hang the reader)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def paragraph_style_id(self, paragraph: etree._Element) -> str | None:
        style_el = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        return style_el.get(w("val")) if style_el is not None else self.default_paragraph

    def _paragraph_layers(self, paragraph: etree._Element) -> list[etree._Element]:
        """Where a paragraph property may be set, strongest first: direct formatting, the
        paragraph style and those it is based on, the defaults. A subclass that knows more
        layers (lists, table styles) overrides this, and paragraph_attr serves both. Not
        cached here: the renderer asks about a body it is still changing."""
        layers = [paragraph.find(w("pPr"))]
        layers += [s.find(w("pPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        layers.append(self.paragraph_defaults)
        return [layer for layer in layers if layer is not None]

    def paragraph_attr(self, paragraph: etree._Element, tag: str, attr: str) -> str | None:
        """One paragraph property (e.g. spacing/after), resolved attribute by attribute
        through the layers: the strongest one that sets the attribute wins."""
        for layer in self._paragraph_layers(paragraph):
            el = layer.find(w(tag))
            if el is not None and el.get(w(attr)) is not None:
                return el.get(w(attr))
        return None

    def _styled(self, char_id: str | None, para_id: str | None) -> dict[str, etree._Element | None]:
        """What the styles set of a run's look (its character style, then its paragraph's
        style, each with those it is based on, then the defaults): the same for every run
        with those two styles, so looked up once (a batch asks for thousands of runs)."""
        found = self._looks.get((char_id, para_id))
        if found is None:
            layers = [s.find(_RPR) for s in self.chain(char_id)]
            layers += [s.find(_RPR) for s in self.chain(para_id)]
            layers.append(self.defaults)
            found = {
                tag: next(
                    (el for la in layers if la is not None and (el := la.find(name)) is not None),
                    None,
                )
                for tag, name in _LOOK_TAGS.items()
            }
            self._looks[(char_id, para_id)] = found
        return found

    def run_look(self, paragraph: etree._Element, run: etree._Element | None) -> RunLook:
        rpr = run.find(_RPR) if run is not None else None
        char = rpr.find(_RSTYLE) if rpr is not None else None
        styled = self._styled(
            char.get(_VAL) if char is not None else None, self.paragraph_style_id(paragraph)
        )

        def first(tag: str) -> etree._Element | None:
            # The run's own formatting first.
            own = rpr.find(_LOOK_TAGS[tag]) if rpr is not None else None
            return own if own is not None else styled[tag]

        size = first("sz")
        fonts = first("rFonts")
        vert = first("vertAlign")
        return RunLook(
            size_pt=int(size.get(_VAL, "20")) / 2 if size is not None else 10.0,
            bold=is_on(first("b")),
            italic=is_on(first("i")),
            font=fonts.get(w("ascii")) if fonts is not None else None,
            vert_align=vert.get(_VAL) if vert is not None else None,
        )
