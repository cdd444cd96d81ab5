"""Read a .docx as Word users really make it: paragraphs with their automatic numbers,
runs split anywhere (bookmarks, proofing marks, tracked insertions between them), text
boxes, tables with merged cells, footnotes, landscape sections and page breaks.

The package is read with zipfile and lxml directly: no external entities, no network,
and only the parts a plan needs.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import KehoachError
from ..render.styles import StyleBook, w
from ..vn import nfc, strip_xml_forbidden
from .blocks import Block, Cell, Para, Source, Span, Table
from .docx_numbering import Numbering

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOC = "/officeDocument"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Containers whose runs are part of the paragraph's text.
_INLINE = {
    w(t)
    for t in (
        "hyperlink",
        "ins",
        "smartTag",
        "fldSimple",
        "customXml",
        "sdt",
        "sdtContent",
        "moveTo",
        "dir",
        "bdo",
    )
}
_MAX_PART = 64 * 1024 * 1024
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise KehoachError(f"{name}: tệp .docx bị hỏng (phần XML không đọc được: {exc})") from None


class _Package:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError):
            raise KehoachError(_not_docx(path)) from None
        self.names = set(self.zip.namelist())

    def read(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > _MAX_PART:
            raise KehoachError(f"{self.path.name}: phần {name} quá lớn để đọc")
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise KehoachError(f"{self.path.name}: tệp .docx bị hỏng ({exc})") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target part) of a part."""
        folder, name = posixpath.split(part)
        data = self.read(posixpath.join(folder, "_rels", name + ".rels"))
        if data is None:
            return {}
        out = {}
        for rel in _parse(data, self.path.name).iter(_REL):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
        return out

    def main_part(self) -> str:
        for kind, target in self.rels("").values():
            if kind.endswith(_OFFICE_DOC):
                return target
        return "word/document.xml"


def _not_docx(path: Path) -> str:
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        return f"{path.name}: không đọc được tệp ({exc.strerror})"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            return (
                f"{path.name}: tệp Word có mật khẩu (đã mã hóa); hãy mở bằng Word, bỏ mật khẩu "
                "(Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại"
            )
        return (
            f"{path.name}: đây là tệp Word cũ (.doc); hãy mở bằng Word hoặc LibreOffice và "
            "lưu lại thành .docx (Lưu thành > Word Document)"
        )
    return f"{path.name}: không phải tệp .docx (Word 2007 trở lên) hợp lệ"


def _part_of_kind(rels: dict[str, tuple[str, str]], suffix: str) -> str | None:
    return next((t for kind, t in rels.values() if kind.endswith(suffix)), None)


class DocxSource:
    def __init__(self, path: Path) -> None:
        self.package = _Package(path)
        self.name = path.name
        main = self.package.main_part()
        data = self.package.read(main)
        if data is None:
            raise KehoachError(f"{path.name}: tệp .docx không có phần nội dung (document.xml)")
        self.root = _parse(data, path.name)
        rels = self.package.rels(main)
        styles = self._root_of(rels, "/styles")
        self.book = StyleBook(styles if styles is not None else etree.Element(w("styles")))
        self.numbering = Numbering(self._root_of(rels, "/numbering"), self.book)
        self.footnotes_root = self._root_of(rels, "/footnotes")
        self._looks: dict[tuple[str, bytes], Any] = {}

    def _root_of(self, rels: dict[str, tuple[str, str]], suffix: str) -> etree._Element | None:
        part = _part_of_kind(rels, suffix)
        data = self.package.read(part) if part else None
        return _parse(data, self.name) if data is not None else None

    # --- paragraphs -------------------------------------------------------------------

    def _look(self, el: etree._Element, run: etree._Element, rpr: etree._Element | None) -> Any:
        """A run's look, resolved once for each paragraph style and run formatting."""
        style = el.find(f"{w('pPr')}/{w('pStyle')}")
        key = (
            style.get(w("val"), "") if style is not None else "",
            etree.tostring(rpr) if rpr is not None else b"",
        )
        look = self._looks.get(key)
        if look is None:
            look = self._looks[key] = self.book.run_look(el, run)
        return look

    def _runs(self, el: etree._Element) -> Iterator[etree._Element]:
        """The runs of a paragraph in order, inside hyperlinks, insertions, fields, …"""
        for child in el:
            tag = child.tag
            if tag == w("r"):
                yield child
            elif tag in _INLINE:
                yield from self._runs(child)
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                if choice is not None:
                    yield from self._runs(choice)

    def _boxes(self, run: etree._Element) -> list[etree._Element]:
        """Paragraphs of text boxes anchored in a run (Word writes each box twice:
        the modern drawing and a VML fallback; only one is read)."""
        found: list[etree._Element] = []
        for content in run.iter(w("txbxContent")):
            if any(a.tag == f"{{{_MC}}}Fallback" for a in content.iterancestors()):
                continue
            found.extend(p for p in content if p.tag == w("p"))
        if not found:
            for content in run.iter(w("txbxContent")):
                found.extend(p for p in content if p.tag == w("p"))
                break
        return found

    def paragraph(self, el: etree._Element, out: list[Block], in_box: bool = False) -> None:
        pieces: list[tuple[str, bool, bool, float, str | None]] = []
        page_break = el.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None
        boxes: list[etree._Element] = []
        for run in self._runs(el):
            rpr = run.find(w("rPr"))
            if rpr is not None and rpr.find(w("vanish")) is not None:
                continue
            look = None
            for child in run:
                tag = child.tag
                text = ""
                note = None
                if tag == w("t"):
                    text = child.text or ""
                    if child.get(_XML_SPACE) != "preserve":
                        # without xml:space="preserve" edge spaces are not part of the text
                        text = text.strip(" ")
                elif tag in (w("tab"), w("ptab")):
                    text = "\t"
                elif tag == w("br"):
                    if child.get(w("type")) == "page":
                        page_break = page_break or not any(p[0].strip() for p in pieces)
                        continue
                    text = "\n"
                elif tag == w("cr"):
                    text = "\n"
                elif tag == w("noBreakHyphen"):
                    text = "-"
                elif tag == w("footnoteReference"):
                    note = child.get(w("id"), "")
                elif tag in (w("drawing"), w("pict"), f"{{{_MC}}}AlternateContent"):
                    boxes.extend(self._boxes(child))
                    continue
                else:
                    continue
                if look is None:
                    look = self._look(el, run, rpr)
                text = strip_xml_forbidden(nfc(text))
                if text or note is not None:
                    # a sub- or superscript run reads as small type (the drafter's mark)
                    size = look.size_pt - (
                        3 if look.vert_align in ("subscript", "superscript") else 0
                    )
                    pieces.append((text, look.bold, look.italic, size, note))
        for box in boxes:
            self.paragraph(box, out, in_box=True)
        sizes: dict[float, int] = {}
        for text, _, _, size, _ in pieces:
            if text.strip():
                sizes[size] = sizes.get(size, 0) + len(text)
        main = max(sizes, key=lambda s: sizes[s]) if sizes else 0.0
        spans = [
            Span(text, bold, italic, size < main - 1.5, note)
            for text, bold, italic, size, note in pieces
        ]
        label = self.numbering.label(el)
        align = self.book.paragraph_attr(el, "jc", "val") or ""
        align = {"distribute": "both", "start": "left", "end": "right"}.get(align, align)
        out.append(Para(spans, label=label, align=align, page_break=page_break, in_box=in_box))

    # --- tables -----------------------------------------------------------------------

    def _borderless(self, tbl: etree._Element) -> bool:
        layers = [tbl.find(f"{w('tblPr')}/{w('tblBorders')}")]
        style = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        style_id = style.get(w("val")) if style is not None else None
        layers += [s.find(f"{w('tblPr')}/{w('tblBorders')}") for s in self.book.chain(style_id)]
        for layer in layers:
            if layer is None:
                continue
            kinds = [b.get(w("val"), "") for b in layer if b.get(w("val"))]
            return all(k in ("nil", "none") for k in kinds)
        cells = tbl.findall(f".//{w('tcBorders')}")
        return not any(b.get(w("val"), "") not in ("nil", "none", "") for c in cells for b in c)

    def table(self, tbl: etree._Element) -> Table:
        rows: list[list[Cell]] = []
        for tr in tbl.iterchildren(w("tr")):
            row: list[Cell] = []
            for tc in tr.iterchildren(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = 1
                merged = False
                if tcpr is not None:
                    grid = tcpr.find(w("gridSpan"))
                    if grid is not None:
                        span = max(1, int(grid.get(w("val"), "1") or 1))
                    vmerge = tcpr.find(w("vMerge"))
                    merged = vmerge is not None and vmerge.get(w("val"), "continue") != "restart"
                paras: list[Block] = []
                for child in tc.iter(w("p")):
                    self.paragraph(child, paras)
                row.append(Cell([p for p in paras if isinstance(p, Para)], span, merged))
            rows.append(row)
        return Table(rows, borderless=self._borderless(tbl))

    # --- the body ---------------------------------------------------------------------

    def _body(self, parent: etree._Element, out: list[Block], sections: list[int]) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, out)
                sectpr = child.find(f"{w('pPr')}/{w('sectPr')}")
                if sectpr is not None:
                    sections.append(len(out))
                    self._sectprs.append(sectpr)
            elif tag == w("tbl"):
                out.append(self.table(child))
            elif tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                self._body(content if content is not None else child, out, sections)

    def read(self) -> Source:
        body = self.root.find(w("body"))
        if body is None:
            raise KehoachError(f"{self.name}: tệp .docx không có thân văn bản")
        blocks: list[Block] = []
        ends: list[int] = []
        self._sectprs: list[etree._Element] = []
        self._body(body, blocks, ends)
        final = body.find(w("sectPr"))
        ends.append(len(blocks))
        self._sectprs.append(final if final is not None else etree.Element(w("sectPr")))
        start = 0
        for end, sectpr in zip(ends, self._sectprs, strict=True):
            size = sectpr.find(w("pgSz"))
            landscape = size is not None and (
                size.get(w("orient")) == "landscape"
                or _int_attr(size, "w") > _int_attr(size, "h") > 0
            )
            for block in blocks[start:end]:
                block.landscape = landscape
            if start and start < len(blocks):
                kind = sectpr.find(w("type"))
                if kind is None or kind.get(w("val")) != "continuous":
                    blocks[start].page_break = True
            start = end
        return Source(self.name, blocks, self.footnotes(), "docx")

    def footnotes(self) -> dict[str, str]:
        if self.footnotes_root is None:
            return {}
        out = {}
        for note in self.footnotes_root.iter(w("footnote")):
            if note.get(w("type")) not in (None, "normal"):
                continue
            parts: list[Block] = []
            for p in note.iter(w("p")):
                self.paragraph(p, parts)
            text = " ".join(b.text for b in parts if isinstance(b, Para) and b.text)
            out[note.get(w("id"), "")] = text.strip()
        return out


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return int(el.get(w(name), "0"))
    except ValueError:
        return 0


def read_docx(path: Path) -> Source:
    return DocxSource(path).read()
