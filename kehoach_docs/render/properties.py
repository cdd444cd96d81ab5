"""Package properties a document carries: its title and dates, the application that made
it, and the Word compatibility mode it opens in."""

from __future__ import annotations

import functools
import re
from datetime import datetime

from lxml import etree

from ..vn import has_xml_forbidden
from .runs import escape
from .settings import insert_setting
from .styles import w

APPLICATION = "kehoach-docs"
# Word 2013 and later: documents open without "[Compatibility Mode]".
COMPAT_MODE = "15"
_WORD_URI = "http://schemas.microsoft.com/office/word"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# Word keeps at most this many characters of a document property (and refuses more).
TITLE_LIMIT = 255


def title_property(title: str) -> str:
    """A document's title as its Title property: a longer one (a plan's summary often is)
    cut after a whole word, with "…", never in the middle of one."""
    title = " ".join(title.split())
    if len(title) <= TITLE_LIMIT:
        return title
    cut = title[: TITLE_LIMIT - 1]
    space = cut.rfind(" ")
    if space > TITLE_LIMIT // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"


def _core_xml(xml: bytes, title: str, stamp: str) -> bytes:
    root = etree.fromstring(xml)
    for tag, value in (("dc:title", title), ("dcterms:created", stamp),
                       ("dcterms:modified", stamp)):  # fmt: skip
        prefix, local = tag.split(":")
        el = root.find(f"{{{_CORE_NS[prefix]}}}{local}")
        if el is None:
            el = etree.SubElement(root, f"{{{_CORE_NS[prefix]}}}{local}")
            if prefix == "dcterms":
                el.set("{http://www.w3.org/2001/XMLSchema-instance}type", "dcterms:W3CDTF")
        el.text = value
    return _xml(root)


# Stand-ins for the title and the dates in a template's core properties made once: every
# document of a batch then fills in the same bytes instead of parsing them again.
_TITLE, _STAMP = b"kehoach-title-3f9c2a", b"kehoach-stamp-3f9c2a"


@functools.lru_cache(maxsize=8)
def _core_form(xml: bytes) -> list[bytes] | None:
    """The template's core properties with the title and dates set to stand-ins, cut at
    them; None where the template's own text has them too."""
    form = re.split(
        b"(" + _TITLE + b"|" + _STAMP + b")", _core_xml(xml, _TITLE.decode(), _STAMP.decode())
    )
    # Only the three values set here: a template whose own text reads as a stand-in once
    # written out (an entity, CDATA, an attribute) keeps the parsing path.
    if form.count(_TITLE) != 1 or form.count(_STAMP) != 2:
        return None
    return form


def _text(value: str) -> bytes:
    """`value` as lxml writes an element's text in UTF-8."""
    return escape(value).replace("\r", "&#13;").encode("utf-8")


def core_properties(xml: bytes, title: str, now: datetime) -> bytes:
    stamp = now.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    title = title_property(title)
    form = _core_form(xml)
    if form is None or has_xml_forbidden(title):
        return _core_xml(xml, title, stamp)  # (lxml refuses what XML cannot hold)
    values = {_TITLE: _text(title), _STAMP: stamp.encode("ascii")}
    return b"".join(values.get(piece, piece) for piece in form)


def app_properties(xml: bytes) -> bytes:
    """The application is this program, not the one that once made the template."""
    root = etree.fromstring(xml)
    app = root.find(f"{{{_EXTENDED}}}Application")
    if app is None:
        app = etree.SubElement(root, f"{{{_EXTENDED}}}Application")
    app.text = APPLICATION
    version = root.find(f"{{{_EXTENDED}}}AppVersion")
    if version is not None:
        root.remove(version)
    return _xml(root)


def current_compat_mode(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    compat = root.find(w("compat"))
    if compat is None:
        compat = etree.Element(w("compat"))
        insert_setting(root, compat)
    setting = next(
        (s for s in compat.findall(w("compatSetting")) if s.get(w("name")) == "compatibilityMode"),
        None,
    )
    if setting is None:
        setting = etree.SubElement(compat, w("compatSetting"))
        setting.set(w("name"), "compatibilityMode")
        setting.set(w("uri"), _WORD_URI)
    setting.set(w("val"), COMPAT_MODE)
    return _xml(root)
