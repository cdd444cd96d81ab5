"""Real Word footnotes, which docxtpl cannot create: the footnotes part is built here.

The body already holds `<w:footnoteReference w:id="n"/>` runs (see compose.inline);
this adds the notes with the same ids, the separators Word expects, and the relation.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from lxml import etree

from ..compose.inline import Runs
from .styles import W, w

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
)


def _note_xml(note_id: int, runs: Runs) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs.xml}</w:p></w:footnote>'
    )


# Elements that follow footnotePr in CT_Settings: Word rejects settings out of order.
_AFTER_FOOTNOTE_PR = {
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
}


def _settings_footnote_pr(doc: Document) -> None:
    settings = doc.settings.element
    if settings.find(w("footnotePr")) is not None:
        return
    pr = etree.Element(w("footnotePr"))
    for note_id in ("-1", "0"):
        el = etree.SubElement(pr, w("footnote"))
        el.set(w("id"), note_id)
    for child in settings:
        name = etree.QName(child)
        if name.namespace != W or name.localname in _AFTER_FOOTNOTE_PR:
            child.addprevious(pr)
            return
    settings.append(pr)


def add_footnotes(doc: Document, notes: list[tuple[int, Runs]]) -> None:
    if not notes:
        return
    body = "".join(_note_xml(i, runs) for i, runs in notes)
    existing = next(
        (rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FOOTNOTES), None
    )
    if isinstance(existing, XmlPart):
        root = existing.element
        for note in root.findall(w("footnote")):
            if note.get(w("type")) not in ("separator", "continuationSeparator"):
                root.remove(note)
        for note in parse_xml(f'<w:footnotes xmlns:w="{W}">{body}</w:footnotes>'):
            root.append(note)
        return
    xml = f'<w:footnotes xmlns:w="{W}">{_SEPARATORS}{body}</w:footnotes>'
    part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE, parse_xml(xml), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    _settings_footnote_pr(doc)
