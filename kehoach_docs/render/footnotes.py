"""Real Word footnotes, which docxtpl cannot create: the footnotes part is built here.

The body already holds `<w:footnoteReference w:id="n"/>` runs (see render.runs);
this adds the notes with the same ids, the separators Word expects, the relationship,
the content type and the settings entry, working on the package's parts directly.
"""

from __future__ import annotations

from lxml import etree

from ..document import Inline
from .hyphens import keep_symbols_whole
from .runs import runs
from .settings import insert_setting
from .styles import W, w

PART = "word/footnotes.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
)


def _note_xml(note_id: int, text: Inline) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs(text).xml}</w:p></w:footnote>'
    )


def _with_settings(settings_xml: bytes) -> bytes:
    settings = etree.fromstring(settings_xml)
    if settings.find(w("footnotePr")) is not None:
        return settings_xml
    pr = etree.Element(w("footnotePr"))
    for note_id in ("-1", "0"):
        etree.SubElement(pr, w("footnote")).set(w("id"), note_id)
    insert_setting(settings, pr)
    return etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_relationship(rels_xml: bytes) -> bytes:
    root = etree.fromstring(rels_xml)
    if any(rel.get("Type") == REL_TYPE for rel in root):
        return rels_xml
    taken = {rel.get("Id") for rel in root}
    number = 1
    while f"rId{number}" in taken:
        number += 1
    rel = etree.SubElement(root, f"{{{_PKG_RELS}}}Relationship")
    rel.set("Id", f"rId{number}")
    rel.set("Type", REL_TYPE)
    rel.set("Target", "footnotes.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_content_type(types_xml: bytes) -> bytes:
    root = etree.fromstring(types_xml)
    if any(el.get("PartName") == "/" + PART for el in root):
        return types_xml
    override = etree.SubElement(root, f"{{{_CT}}}Override")
    override.set("PartName", "/" + PART)
    override.set("ContentType", CONTENT_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_footnotes(parts: dict[str, bytes], notes: list[tuple[int, Inline]]) -> None:
    """Add `notes` to the package held in `parts` (name -> bytes), in place."""
    if not notes:
        return
    body = "".join(_note_xml(i, text) for i, text in notes)
    if PART in parts:
        # A user's template may carry its own footnotes part: keep its separators only.
        root = etree.fromstring(parts[PART])
        for note in root.findall(w("footnote")):
            if note.get(w("type")) not in ("separator", "continuationSeparator"):
                root.remove(note)
        for note in etree.fromstring(f'<w:footnotes xmlns:w="{W}">{body}</w:footnotes>'):
            root.append(note)
    else:
        root = etree.fromstring(f'<w:footnotes xmlns:w="{W}">{_SEPARATORS}{body}</w:footnotes>')
    keep_symbols_whole(root)
    parts[PART] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/_rels/document.xml.rels"] = _with_relationship(
        parts["word/_rels/document.xml.rels"]
    )
    parts["[Content_Types].xml"] = _with_content_type(parts["[Content_Types].xml"])
    if "word/settings.xml" in parts:
        parts["word/settings.xml"] = _with_settings(parts["word/settings.xml"])
