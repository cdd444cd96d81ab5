"""The document settings part (word/settings.xml): its elements in the order Word needs.

CT_Settings is a sequence: Word refuses a file whose settings are out of order. Only the
tail of the sequence, from footnotePr on, is listed: it is where this program adds.
"""

from __future__ import annotations

from lxml import etree

from .styles import W

_TAIL = (
    "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip


def insert_setting(settings: etree._Element, element: etree._Element) -> None:
    """Put `element` among the settings' children at its place in the sequence."""
    rank = _TAIL.index(etree.QName(element).localname)
    for child in settings:
        name = etree.QName(child)
        # Elements of later Word versions (w14:…) come after all of these.
        if name.namespace != W or (name.localname in _TAIL and _TAIL.index(name.localname) > rank):
            child.addprevious(element)
            return
    settings.append(element)
