"""Render a document through a .docx template into .docx bytes.

docxtpl re-reads the template and recompiles its Jinja on every render. Here a template
is prepared once, with docxtpl's own steps (tag clean-up, listing, table fixes) on every
part that can hold tags (body, headers, footers, footnotes), and each document is only
a Jinja render of those parts, the steps docxtpl cannot do (footnotes, sized rules,
sections, non-breaking hyphens) and a zip of the template's parts with the changed ones
swapped in.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, cast

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from lxml import etree

from ..document import Document
from ..errors import RenderError
from ..limits import MAX_TEMPLATE_XML_PART, InputError, read_package
from ..translations import jinja_syntax
from ..vn import nfc, shorten, strip_xml_forbidden
from . import prepared
from .context import NAMES, VIEWS, context_of
from .footnotes import add_footnotes
from .grids import grids_to_fix
from .hyphens import keep_symbols_whole
from .package import deflate, write_zip
from .properties import app_properties, core_properties, current_compat_mode
from .rules import draw_rules
from .sandbox import LimitedSandbox, RenderLimit, TemplateShape
from .sections import Sections
from .stream import Unstreamable, body_in_pieces
from .styles import StyleBook
from .tables import LaterTables

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

_BARE_EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'
# How every run _EMPTY_RUN takes out ends.
_EMPTY_RUN_ENDS = (
    '<w:t xml:space="preserve"></w:t></w:r>', "<w:t></w:t></w:r>",
    '<w:t xml:space="preserve"/></w:r>', "<w:t/></w:r>",
)  # fmt: skip
_EMPTY_RUN = re.compile(
    r"<w:r>(?:<w:rPr>(?:(?!</w:r>).)*?</w:rPr>)?"
    r"<w:t(?: xml:space=\"preserve\")?(?:/>|></w:t>)</w:r>"
)
_TAG = re.compile(r"\{[{%]")
_BODY = "word/document.xml"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PART_TYPES = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
}
_DRAWINGS = etree.XPath(
    "//wp:docPr",
    namespaces={"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
)
_TEMPLATE_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED = re.compile(r"'([^']+)' is undefined")


def _finalize(value: Any) -> Any:
    # Plain strings printed by `{{ … }}` get what runs get: NFC, no characters XML
    # forbids (docxtpl would even split a paragraph at \a or \f).
    if isinstance(value, str) and not hasattr(value, "__html__"):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        return nfc(strip_xml_forbidden(text))
    return value


def jinja_env() -> LimitedSandbox:
    # Autoescape: text with & or < must stay text; StrictUndefined: a misspelt tag fails;
    # sandboxed and bounded: a template from a workspace cannot reach Python internals,
    # nor loop or grow without end.
    return LimitedSandbox(VIEWS, undefined=StrictUndefined, autoescape=True, finalize=_finalize)


# What a template's tags can raise while rendering, beside Jinja's own errors.
_RENDER_FAULTS = (
    TemplateError, RenderLimit, ArithmeticError, RecursionError, MemoryError, TypeError,
    ValueError, LookupError,
)  # fmt: skip


def _paragraph_of(exc: BaseException, source: str | None) -> str:
    """` ở đoạn “…”`: the template's paragraph where a tag failed, by its text. Each
    paragraph starts a line of the Jinja source; the line comes from the error, or from
    the traceback frame Jinja gives the template."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    lines = source.split("\n") if source else []
    if not line or not 0 < line <= len(lines):
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[line - 1])).strip()
    return f" ở đoạn “{shorten(text, 60)}”" if text else ""


def _template_error(name: str, exc: BaseException, source: str | None = None) -> RenderError:
    """A template's fault, said in words a clerk who edited the template can act on, with
    the paragraph of `source` (the part's Jinja source) where it is."""
    where = _paragraph_of(exc, source)
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, InputError | RenderLimit):
        return RenderError(f"mẫu {name}: {exc}")
    if isinstance(exc, TemplateShape):
        return RenderError(
            f"mẫu {name}: thẻ {{% include %}}, {{% import %}} hay {{% extends %}}{where} không "
            "dùng được: mỗi mẫu .docx là một tệp trọn vẹn"
        )
    if isinstance(exc, OverflowError):
        return RenderError(
            f"mẫu {name}: số quá lớn trong một thẻ{where} (range() nhiều nhất 100.000 phần tử)"
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
        return RenderError(f"mẫu {name}: thẻ Jinja viết sai{where}: {jinja_syntax(message)}")
    if isinstance(exc, UndefinedError):
        found = _NO_ATTRIBUTE.search(message) or _UNDEFINED.search(message)
        tag = found.group(1) if found else message
        return RenderError(
            f"mẫu {name}: thẻ dùng tên “{tag}” nhưng dữ liệu không có tên này "
            "(kiểm tra chính tả trong mẫu)"
        )
    if not isinstance(exc, TemplateError):
        return RenderError(
            f"mẫu {name}: một thẻ không tính được{where} ({type(exc).__name__}): "
            "kiểm tra thẻ đó trong mẫu"
        )
    return RenderError(f"mẫu {name}: {message}")


def _parts_with_tags(parts: dict[str, bytes]) -> list[str]:
    """The header, footer and footnotes parts of the document that hold template tags."""
    rels = parts.get("word/_rels/document.xml.rels")
    if rels is None:
        return []
    found = []
    for rel in etree.fromstring(rels).iter(f"{{{_REL_NS}}}Relationship"):
        name = "word/" + (rel.get("Target") or "").lstrip("/").removeprefix("word/")
        if rel.get("Type") in _PART_TYPES and name in parts and _TAG.search(parts[name].decode()):
            found.append(name)
    return found


def _unreadable(template: str, exc: Exception) -> RenderError:
    return RenderError(f"mẫu {template} không phải tệp .docx đọc được ({exc})")


def _check_names(template: str, names: frozenset[str]) -> None:
    unknown = sorted(names - NAMES)
    if unknown:
        raise RenderError(
            f"mẫu {template}: thẻ dùng tên không có trong dữ liệu: "
            + ", ".join(f"“{n}”" for n in unknown)
            + f" (các tên dùng được: {', '.join(sorted(NAMES))})"
        )


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
        # Read once, its parts' unpacked sizes checked before any XML is parsed.
        data = self._data = read_package(path, ".docx", MAX_TEMPLATE_XML_PART).getvalue()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                self.order = [info.filename for info in archive.infolist()]
                self.parts = {name: archive.read(name) for name in self.order}
            document = self.parts["word/document.xml"].decode("utf-8")
            if "<w:body" not in document:
                raise RenderError(f"mẫu {self.name}: không có phần thân văn bản (w:body)")
        except (OSError, zipfile.BadZipFile) as exc:
            raise _unreadable(self.name, exc) from None
        self._docxtpl: DocxTemplate | None = None
        self._drawing_id = 1000
        env = self.env = jinja_env()
        key = prepared.key_of(data)
        done = prepared.read(key)
        fresh = done is None
        if done is None:
            done = self._prepare()
        _check_names(self.name, done.names)
        if fresh:
            prepared.write(key, done)  # (only a template that can be used)
        # Kept to name the paragraph of a failing tag.
        self.sources = done.sources
        self.jinja: dict[str, Template] = {
            part: env.template(code) for part, code in done.codes.items()
        }
        start = document.index("<w:body")
        end = document.rindex("</w:body>") + len("</w:body>")
        # (As UTF-8 once: every document is written around them.)
        self.prefix = document[:start].encode("utf-8")
        self.suffix = document[end:].encode("utf-8")
        root_tag = re.search(r"<w:document\b[^>]*>", document)
        self._root_ns = (
            set(re.findall(r'xmlns:\w+="[^"]*"', root_tag.group(0))) if root_tag else set()
        )
        self.book = StyleBook(etree.fromstring(self.parts["word/styles.xml"]))
        self.sections = Sections(etree.fromstring(document.encode("utf-8")))
        for fixed, make in (
            ("word/settings.xml", current_compat_mode),
            ("docProps/app.xml", app_properties),
        ):
            if fixed in self.parts:
                self.parts[fixed] = make(self.parts[fixed])
        self._packed = {name: deflate(name, data) for name, data in self.parts.items()}

    def _docx(self) -> DocxTemplate:
        """docxtpl's own object for this template, made when first needed: preparing the
        template, mending tables, Listing characters (a prepared template read back from
        the cache needs none of it for most documents)."""
        if self._docxtpl is None:
            from docxtpl import DocxTemplate

            try:
                tpl = DocxTemplate(io.BytesIO(self._data))
                tpl.render_init()
            except (OSError, zipfile.BadZipFile) as exc:
                raise _unreadable(self.name, exc) from None
            self._docxtpl = tpl
        return self._docxtpl

    def _prepare(self) -> prepared.Prepared:
        """Each part that holds tags cleaned by docxtpl and compiled by Jinja."""
        tpl = self._docx()
        sources: dict[str, str] = {}
        codes: dict[str, CodeType] = {}
        names: set[str] = set()
        xml = {"word/document.xml": tpl.get_xml()}
        xml |= {n: self.parts[n].decode("utf-8") for n in _parts_with_tags(self.parts)}
        for part, text in xml.items():
            source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(text))
            # docxtpl's escapes for a literal "{{" become Jinja string literals here, so
            # that no replacement after rendering can touch the data's own text.
            for escaped, literal in _TEMPLATE_ESCAPES.items():
                source = source.replace(escaped, f"{{{{ {literal!r} }}}}")
            sources[part] = source
            try:
                codes[part], found = self.env.prepare(source)
            except (TemplateShape, TemplateError) as exc:
                raise _template_error(self.name, exc, source) from None
            names |= found
        return prepared.Prepared(sources, codes, frozenset(names))

    def _render_part(self, part: str, context: dict[str, Any], later: LaterTables) -> str:
        xml = self._clean(later.made(self._render_text(part, context)))
        self._parsed(xml)
        return xml

    def _render_text(self, part: str, context: dict[str, Any]) -> str:
        """A part rendered, as Jinja gives it (see _clean)."""
        try:
            return self.env.render(self.jinja[part], context)
        except _RENDER_FAULTS as exc:
            raise _template_error(self.name, exc, self.sources[part]) from None

    def _clean(self, xml: str) -> str:
        """docxtpl's clean-ups of a rendered text. Each reads within one paragraph, or the
        line end just before one, so that the body is cleaned piece by piece (stream.py)
        and a 10,000-agency report's text is never copied whole."""
        # The line ends put before each paragraph (see _prepare) go (two plain replaces cost
        # less than a regular expression with a group, called for every paragraph).
        xml = xml.replace("\n<w:p ", "<w:p ")
        xml = xml.replace("\n<w:p>", "<w:p>")
        # docxtpl leaves an empty run where a `{{r …}}` tag stood: drop it. Most are the
        # same few characters, taken out first as such (a regular expression tried at
        # every run cost twice as much); runs do not nest, so what is left matches alike.
        xml = xml.replace(_BARE_EMPTY_RUN, "")
        if any(end in xml for end in _EMPTY_RUN_ENDS):
            xml = _EMPTY_RUN.sub("", xml)
        if any(c in xml for c in "\t\n\a\f"):
            # docxtpl's Listing characters; its full pass is costly, so only when needed.
            xml = self._docx().resolve_listing(xml)
        return xml

    def _parsed(self, xml: str) -> etree._Element:
        """A rendered part's tree, parsed strictly."""
        try:
            # docxtpl parses leniently and would silently drop what follows broken XML.
            return etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as exc:
            # One line: the error's column is where the XML broke.
            before = xml[: max(0, exc.position[1] - 1)] if exc.position else ""
            paragraph = len(re.findall(r"<w:p[ >]", before)) or 1
            raise RenderError(
                f"mẫu {self.name}: văn bản tạo ra không phải XML hợp lệ (gần đoạn thứ "
                f"{paragraph} của văn bản): một thẻ |safe chèn XML hỏng, hay thẻ "
                "{%p %}, {%tr %} đặt sai chỗ"
            ) from None

    def _body_tree(self, xml: str) -> etree._Element:
        tree = self._parsed(xml)
        if grids_to_fix(tree):
            # A template's `{%tc %}` loop made a table's cells and grid disagree: docxtpl
            # mends the grid (on its own parse of the text).
            tree = self._docx().fix_tables(xml)
        return tree

    def _finish(self, tree: etree._Element) -> None:
        """What docxtpl cannot do and needs nothing beyond `tree`: drawing ids counted on
        from the tree before, sized rules, whole symbols."""
        # docxtpl's fix_docpr_ids (its object is not made for every template, see _docx):
        # every drawing numbered on from 1000, in order, so that no two share an id.
        for drawing in cast(list[etree._Element], _DRAWINGS(tree)):
            self._drawing_id += 1
            drawing.set("id", str(self._drawing_id))
        draw_rules(tree, self.book, self.sections.text_width)
        keep_symbols_whole(tree)

    def _start_tag(self, tag: bytes) -> bytes:
        """The body's start tag without the namespace declarations its root already has."""
        for decl in self._root_ns:
            tag = tag.replace(b" " + decl.encode("utf-8"), b"")
        return tag

    def _body_xml(self, landscapes: list[bool], tree: etree._Element) -> bytes:
        """The rendered body finished as one tree, as UTF-8."""
        self._drawing_id = 1000
        self._finish(tree)
        self.sections.split(tree, landscapes)
        body = etree.tostring(tree, encoding="utf-8", xml_declaration=False)
        head_end = body.index(b">")
        return self._start_tag(body[:head_end]) + body[head_end:]

    def _document(self, text: str, landscapes: list[bool], later: LaterTables) -> Iterator[bytes]:
        """The whole document part, its body finished in pieces."""
        self._drawing_id = 1000
        yield self.prefix
        yield from body_in_pieces(
            text, self._finish, self.sections, landscapes, self._start_tag, self._clean, later
        )
        yield self.suffix

    def render(self, doc: Document) -> bytes:
        return self.render_made(lambda: doc)

    def render_made(self, make: Callable[[], Document]) -> bytes:
        """The document that `make` makes, rendered. Once its template context is made, only
        a few of its fields are held: its body's blocks, made into the template's paragraphs
        as the template reads them (context.Blocks), and its long tables, made as the body
        is written; the rest is let go (a caller that passes `make` holds none of it)."""
        doc = make()
        # Long tables are made as the body is written: the template prints marks for them.
        later = LaterTables()
        context = context_of(
            doc, self.sections.text_width, self.sections.landscape_width, later
        ).as_dict()
        landscapes = [a.landscape for a in doc.appendices]
        footnotes, title = doc.footnotes, doc.title
        del doc
        parts = dict(self.parts)
        text = self._render_text(_BODY, context)
        for part in self.jinja:
            if part != _BODY:
                parts[part] = self._render_part(part, context, later).encode("utf-8")
        # A 10,000-agency report's runs and text are tens of MB, its tree as one some
        # hundreds: the runs are let go now, and the body is finished and compressed in
        # pieces (see stream.py), as one tree only where that cannot be done the same way.
        del context
        try:
            document = deflate(_BODY, self._document(text, landscapes, later))
        except Unstreamable:
            body = self._body_xml(landscapes, self._body_tree(self._clean(later.made(text))))
            document = deflate(_BODY, [self.prefix, body, self.suffix])
        del text
        if footnotes:
            add_footnotes(parts, list(enumerate(footnotes, start=1)))
        if "docProps/core.xml" in parts:
            parts["docProps/core.xml"] = core_properties(
                parts["docProps/core.xml"], title, datetime.now(timezone.utc)
            )
        names = self.order + [n for n in parts if n not in self.order]
        return write_zip(
            [
                document if n == _BODY
                else self._packed[n] if parts[n] is self.parts.get(n)
                else deflate(n, parts[n])
                for n in names
            ]
        )  # fmt: skip


def render_docx(template: Path, doc: Document) -> bytes:
    return CompiledTemplate(template).render(doc)
