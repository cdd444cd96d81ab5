"""Render a view model through a .docx template into .docx bytes.

docxtpl re-reads the template and recompiles its Jinja on every render. Here a template
is prepared once (docxtpl's own tag clean-up, then one Jinja compilation) and each
document is only a Jinja render, the steps docxtpl cannot do (footnotes, sized rules),
and a zip of the template's parts with the changed ones swapped in.
"""

from __future__ import annotations

import dataclasses
import io
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
)
from jinja2.exceptions import SecurityError
from lxml import etree

from ..compose.common import DocumentVM
from ..errors import RenderError
from ..limits import MAX_TEMPLATE_XML_PART, InputError, read_package
from ..translations import jinja_syntax
from ..vn import nfc, strip_xml_forbidden
from .footnotes import add_footnotes
from .package import deflate, write_zip
from .rules import draw_rules
from .sandbox import LimitedSandbox, RenderLimit, TemplateShape
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


def jinja_env() -> LimitedSandbox:
    # Autoescape: text with & or < must stay text; StrictUndefined: a misspelt tag fails;
    # sandboxed and bounded: a template from a workspace cannot reach Python internals,
    # nor loop or grow without end.
    return LimitedSandbox(undefined=StrictUndefined, autoescape=True, finalize=_finalize)


def context_of(vm: DocumentVM) -> dict[str, Any]:
    return {f.name: getattr(vm, f.name) for f in dataclasses.fields(vm)}


_TEMPLATE_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


# What a template's tags can raise while rendering, beside Jinja's own errors.
_RENDER_FAULTS = (
    TemplateError, RenderLimit, ArithmeticError, RecursionError, MemoryError, TypeError,
    ValueError, LookupError,
)  # fmt: skip


def _paragraph_of(exc: BaseException) -> str:
    """`ở đoạn thứ N của mẫu`, from the template line Jinja puts in the traceback (each
    paragraph of the template starts a line of the Jinja source)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" ở đoạn thứ {line - 1} của mẫu" if line and line > 1 else ""


def _template_error(name: str, exc: BaseException) -> RenderError:
    """A template's fault, said in words a clerk who edited the template can act on."""
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, InputError | RenderLimit):
        return RenderError(f"mẫu {name}: {exc}")
    if isinstance(exc, TemplateShape):
        return RenderError(
            f"mẫu {name}: thẻ {{% include %}}, {{% import %}} hay {{% extends %}} ở đoạn thứ "
            f"{exc} của mẫu không dùng được: mỗi mẫu .docx là một tệp trọn vẹn"
        )
    if isinstance(exc, OverflowError):
        return RenderError(
            f"mẫu {name}: số quá lớn trong một thẻ{_paragraph_of(exc)} (range() nhiều nhất "
            "100.000 phần tử)"
        )
    if isinstance(exc, RecursionError):
        return RenderError(f"mẫu {name}: macro hay vòng lặp gọi chính nó quá sâu")
    if isinstance(exc, MemoryError):
        return RenderError(
            f"mẫu {name}: hết bộ nhớ khi tạo văn bản (mẫu tạo ra quá nhiều nội dung?)"
        )
    if isinstance(exc, etree.XMLSyntaxError):
        return RenderError(
            f"mẫu {name}: tệp .docx có XML hỏng (dòng {exc.lineno}): mở bằng Word rồi lưu lại"
        )
    if isinstance(exc, KeyError):
        return RenderError(f"mẫu {name}: tệp .docx thiếu phần {exc}: mở bằng Word rồi lưu lại")
    if isinstance(exc, UnicodeDecodeError):
        return RenderError(f"mẫu {name}: tệp .docx có XML không ở mã UTF-8: lưu lại bằng Word")
    if isinstance(exc, SecurityError):
        return RenderError(
            f"mẫu {name}: thẻ không được phép (truy cập phần bên trong của chương trình): {message}"
        )
    if isinstance(exc, TemplateSyntaxError):
        # Line 1 of the Jinja source holds no paragraph: line n is paragraph n - 1.
        return RenderError(
            f"mẫu {name}: thẻ Jinja viết sai ở đoạn thứ {max(1, exc.lineno - 1)} của mẫu: "
            f"{jinja_syntax(message)}"
        )
    if isinstance(exc, UndefinedError):
        found = _NO_ATTRIBUTE.search(message) or _UNDEFINED.search(message)
        tag = found.group(1) if found else message
        return RenderError(
            f"mẫu {name}: thẻ dùng tên “{tag}” nhưng dữ liệu không có tên này "
            "(kiểm tra chính tả trong mẫu)"
        )
    if not isinstance(exc, TemplateError):
        return RenderError(
            f"mẫu {name}: một thẻ không tính được{_paragraph_of(exc)} ({type(exc).__name__}): "
            "kiểm tra thẻ đó trong mẫu"
        )
    return RenderError(f"mẫu {name}: {message}")


class CompiledTemplate:
    """A .docx template prepared once, rendered many times."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        try:
            self._load(path)
        except RenderError:
            raise
        except (InputError, TemplateShape, etree.XMLSyntaxError, *_RENDER_FAULTS) as exc:
            # A template is a file anyone can edit: each of its faults gets its own words.
            raise _template_error(self.name, exc) from None

    def _load(self, path: Path) -> None:
        from docxtpl import DocxTemplate

        data = read_package(path, ".docx", MAX_TEMPLATE_XML_PART).getvalue()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.order = [info.filename for info in archive.infolist()]
                self.parts = {name: archive.read(name) for name in self.order}
            if b"<w:body" not in self.parts["word/document.xml"]:
                raise RenderError(f"mẫu {self.name}: không có phần thân văn bản (w:body)")
            self._tpl = DocxTemplate(io.BytesIO(data))
            self._tpl.render_init()
        except (OSError, zipfile.BadZipFile) as exc:
            raise RenderError(f"mẫu {self.name} không phải tệp .docx đọc được ({exc})") from None
        env = self.env = jinja_env()
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._tpl.patch_xml(self._tpl.get_xml()))
        # docxtpl's escapes for a literal "{{" in a template become Jinja string literals
        # here, so that no replacement after rendering can touch the data's own text.
        for escaped, literal in _TEMPLATE_ESCAPES.items():
            source = source.replace(escaped, f"{{{{ {literal!r} }}}}")
        self.body: Template
        self.body, names = env.prepare(source)
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
            xml = self.env.render(self.body, context)
        except _RENDER_FAULTS as exc:
            raise _template_error(self.name, exc) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        # docxtpl leaves an empty run where a `{{r …}}` tag stood: drop it.
        xml = _EMPTY_RUN.sub("", xml)
        if any(c in xml for c in "\t\n\a\f"):
            # docxtpl's Listing characters; its full pass is costly, so only when needed.
            xml = self._tpl.resolve_listing(xml)
        try:
            # docxtpl parses leniently and would silently drop what follows broken XML.
            etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            # One line: the error's column is where the XML broke.
            before = xml[: max(0, exc.position[1] - 1)] if exc.position else ""
            paragraph = len(re.findall(r"<w:p[ >]", before)) or 1
            raise RenderError(
                f"mẫu {self.name}: văn bản tạo ra không phải XML hợp lệ (gần đoạn thứ "
                f"{paragraph} của văn bản): một thẻ |safe chèn XML hỏng, hay thẻ "
                "{%p %}, {%tr %} đặt sai chỗ"
            ) from None
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
