"""Render a view model through a .docx template into .docx bytes.

docxtpl re-reads the template and recompiles its Jinja on every render. Here a template
is prepared once (docxtpl's own tag clean-up, then one Jinja compilation) and each
document is only a Jinja render, the steps docxtpl cannot do (footnotes, sized rules),
and a zip of the template's parts with the changed ones swapped in.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    meta,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..compose.common import DocumentVM
from ..errors import RenderError
from ..vn import nfc, strip_xml_forbidden
from .footnotes import add_footnotes
from .package import deflate, write_zip
from .rules import draw_rules
from .styles import StyleBook, w

_EMPTY_RUN = re.compile(
    r"<w:r>(?:<w:rPr>(?:(?!</w:r>).)*?</w:rPr>)?"
    r"<w:t(?: xml:space=\"preserve\")?(?:/>|></w:t>)</w:r>"
)
_CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def _finalize(value: Any) -> Any:
    # Plain strings printed by `{{ … }}` get what run_xml gives runs: NFC, no characters
    # XML forbids (docxtpl would even split a paragraph at \a or \f).
    if isinstance(value, str) and not hasattr(value, "__html__"):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        return nfc(strip_xml_forbidden(text))
    return value


def jinja_env() -> SandboxedEnvironment:
    # Autoescape: text with & or < must stay text; StrictUndefined: a misspelt tag fails;
    # sandboxed: a template from a workspace cannot reach Python internals.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, finalize=_finalize)


def context_of(vm: DocumentVM) -> dict[str, Any]:
    return {f.name: getattr(vm, f.name) for f in dataclasses.fields(vm)}


_TEMPLATE_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


def _template_error(name: str, exc: Exception) -> RenderError:
    """A template's fault, said in words a clerk who edited the template can act on."""
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, SecurityError):
        return RenderError(
            f"mẫu {name}: thẻ không được phép (truy cập phần bên trong của chương trình): {message}"
        )
    if isinstance(exc, TemplateSyntaxError):
        return RenderError(f"mẫu {name}: thẻ Jinja viết sai ở dòng {exc.lineno}: {message}")
    if isinstance(exc, UndefinedError):
        found = _NO_ATTRIBUTE.search(message) or _UNDEFINED.search(message)
        tag = found.group(1) if found else message
        return RenderError(
            f"mẫu {name}: thẻ dùng tên “{tag}” nhưng dữ liệu không có tên này "
            "(kiểm tra chính tả trong mẫu)"
        )
    return RenderError(f"mẫu {name}: {message}")


class CompiledTemplate:
    """A .docx template prepared once, rendered many times."""

    def __init__(self, path: Path) -> None:
        from docxtpl import DocxTemplate

        self.name = path.name
        try:
            with zipfile.ZipFile(path) as archive:
                self.order = [info.filename for info in archive.infolist()]
                self.parts = {name: archive.read(name) for name in self.order}
            self._tpl = DocxTemplate(str(path))
            self._tpl.render_init()
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise RenderError(f"mẫu {self.name} không phải tệp .docx đọc được ({exc})") from None
        env = jinja_env()
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._tpl.patch_xml(self._tpl.get_xml()))
        # docxtpl's escapes for a literal "{{" in a template become Jinja string literals
        # here, so that no replacement after rendering can touch the data's own text.
        for escaped, literal in _TEMPLATE_ESCAPES.items():
            source = source.replace(escaped, f"{{{{ {literal!r} }}}}")
        try:
            names = meta.find_undeclared_variables(env.parse(source))
            self.body: Template = env.from_string(source)
        except TemplateError as exc:
            raise _template_error(self.name, exc) from None
        known = {f.name for f in dataclasses.fields(DocumentVM)}
        unknown = sorted(names - known)
        if unknown:
            raise RenderError(
                f"mẫu {self.name}: thẻ dùng tên không có trong dữ liệu: "
                + ", ".join(f"“{n}”" for n in unknown)
                + f" (các tên dùng được: {', '.join(sorted(known))})"
            )
        document = self.parts["word/document.xml"].decode("utf-8")
        start = document.index("<w:body")
        end = document.rindex("</w:body>") + len("</w:body>")
        self.prefix, self.suffix = document[:start], document[end:]
        root_tag = re.search(r"<w:document\b[^>]*>", document)
        self._root_ns = (
            set(re.findall(r'xmlns:\w+="[^"]*"', root_tag.group(0))) if root_tag else set()
        )
        self.book = StyleBook(etree.fromstring(self.parts["word/styles.xml"]))
        self._packed = {name: deflate(name, data) for name, data in self.parts.items()}
        self.text_width = self._text_width(etree.fromstring(document.encode("utf-8")))

    @staticmethod
    def _text_width(document: etree._Element) -> int:
        sect = document.find(f"{w('body')}/{w('sectPr')}")
        size = sect.find(w("pgSz")) if sect is not None else None
        margins = sect.find(w("pgMar")) if sect is not None else None
        if size is None or margins is None:
            return 9355  # A4 with 30/15 mm margins, in twips
        width = int(size.get(w("w"), "11906"))
        return width - int(margins.get(w("left"), "0")) - int(margins.get(w("right"), "0"))

    def _body_xml(self, context: dict[str, Any]) -> str:
        try:
            xml = self.body.render(context)
        except TemplateError as exc:
            raise _template_error(self.name, exc) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        # docxtpl leaves an empty run where a `{{r …}}` tag stood: drop it.
        xml = _EMPTY_RUN.sub("", xml)
        if any(c in xml for c in "\t\n\a\f"):
            # docxtpl's Listing characters; its full pass is costly, so only when needed.
            xml = self._tpl.resolve_listing(xml)
        tree = self._tpl.fix_tables(xml)
        self._tpl.docx_ids_index = 1000
        self._tpl.fix_docpr_ids(tree)
        draw_rules(tree, self.book, self.text_width)
        body = etree.tostring(tree, encoding="unicode")
        # The body repeats the namespace declarations its root already has: drop them.
        head_end = body.index(">")
        head = body[:head_end]
        for decl in self._root_ns:
            head = head.replace(" " + decl, "")
        return head + body[head_end:]

    def render(self, vm: DocumentVM, title: str) -> bytes:
        parts = dict(self.parts)
        body = self._body_xml(context_of(vm))
        parts["word/document.xml"] = (self.prefix + body + self.suffix).encode("utf-8")
        if vm.footnotes is not None:
            add_footnotes(parts, vm.footnotes.notes())
        if "docProps/core.xml" in parts:
            parts["docProps/core.xml"] = _core_properties(parts["docProps/core.xml"], title)
        names = self.order + [n for n in parts if n not in self.order]
        return write_zip(
            [
                self._packed[n] if parts[n] is self.parts.get(n) else deflate(n, parts[n])
                for n in names
            ]
        )


def _core_properties(xml: bytes, title: str) -> bytes:
    root = etree.fromstring(xml)
    now = datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    for tag, value in (
        ("dc:title", title[:255]),
        ("dcterms:created", now),
        ("dcterms:modified", now),
    ):
        prefix, local = tag.split(":")
        el = root.find(f"{{{_CORE_NS[prefix]}}}{local}")
        if el is None:
            el = etree.SubElement(root, f"{{{_CORE_NS[prefix]}}}{local}")
            if prefix == "dcterms":
                el.set("{http://www.w3.org/2001/XMLSchema-instance}type", "dcterms:W3CDTF")
        el.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def render_docx(template: Path, vm: DocumentVM, title: str) -> bytes:
    return CompiledTemplate(template).render(vm, title)
