"""The renderer: runs, symbols, tables, sections, properties and every tagged part."""

from __future__ import annotations

import gc
import io
import re
import weakref
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from conftest import REPO
from lxml import etree

from kehoach_docs.document import (
    Appendix,
    Column,
    Document,
    Header,
    Inline,
    LineBreak,
    NoteRef,
    Paragraph,
    Row,
    Signature,
    Span,
    Table,
    plain,
)
from kehoach_docs.docxread import DocxReader
from kehoach_docs.errors import RenderError
from kehoach_docs.render.docx import CompiledTemplate
from kehoach_docs.render.hyphens import keep_symbols_whole
from kehoach_docs.render.package import deflate
from kehoach_docs.render.properties import app_properties, core_properties, current_compat_mode
from kehoach_docs.render.rules import draw_rules
from kehoach_docs.render.runs import runs
from kehoach_docs.render.tables import column_widths

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document(**changes: object) -> Document:
    base = Document(
        kind="ke-hoach",
        title="Thử",
        header=Header(
            ("UBND TỈNH A",), ("SỞ B",), "Số:      /KH-SB", "A, ngày 01 tháng 3 năm 2025"
        ),
        type_name="KẾ HOẠCH",
        summary=plain("Thực hiện Kế hoạch số 15/KH-UBND"),
        signature=Signature(("KT. GIÁM ĐỐC",), "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"),
        body=(Paragraph(plain("Căn cứ Kết luận số 50-KL/TW."), "basis"),),
        distribution=(plain("- Lưu: VT."),),
    )
    return Document(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_runs_carry_roles_and_direct_looks() -> None:
    xml = runs(
        Inline(
            (
                Span("nghiêng", "emphasis"),
                LineBreak(),
                Span("đứng", "label", italic=False),
                NoteRef(3),
            )
        )
    ).xml
    assert '<w:rStyle w:val="KhEmphasis"/>' in xml
    assert '<w:rStyle w:val="KhLabel"/><w:i w:val="0"/><w:iCs w:val="0"/>' in xml
    assert "<w:br/>" in xml
    assert '<w:footnoteReference w:id="3"/>' in xml


@pytest.mark.parametrize(
    ("text", "hyphens"),
    [
        ("Kế hoạch số 120-KH/TU ngày", 1),
        ("Số: 05/KH-UBND", 1),
        ("Nghị định số 107/2020/NĐ-CP", 1),
        ("giai đoạn 2022-2026", 0),  # a range may break
        ("Độc lập - Tự do - Hạnh phúc", 0),
    ],
)
def test_symbols_keep_their_hyphens(text: str, hyphens: int) -> None:
    root = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t>{text}</w:t></w:r></w:p>')
    assert keep_symbols_whole(root) == hyphens
    shown = "".join(
        "-" if el.tag == w("noBreakHyphen") else el.text or ""
        for el in root.iter(w("t"), w("noBreakHyphen"))
    )
    assert shown == text
    assert len(root.findall(f".//{w('noBreakHyphen')}")) == hyphens


def test_columns_sized_by_content() -> None:
    table = Table(
        (Column("STT"), Column("Nhiệm vụ"), Column("Vai trò")),
        tuple(
            Row((plain(str(i)), plain("Rà soát, sắp xếp tổ chức bộ máy " * 4), plain("Chủ trì")))
            for i in range(1, 4)
        ),
    )
    widths = column_widths(table, 9355)
    assert sum(widths) == 9355
    stt, task, role = widths
    # "STT" and "Chủ trì" stay on one line; the long text takes the rest.
    assert stt >= 500 and role >= 900
    assert task > 6000


def test_columns_with_given_weights() -> None:
    table = Table((Column("A", 1), Column("B", 3)), ())
    assert column_widths(table, 4000) == [1000, 3000]


@pytest.fixture(scope="module")
def template() -> CompiledTemplate:
    return CompiledTemplate(REPO / "templates" / "ke-hoach.docx")


def test_appendices_get_sections_numbered_from_one(template: CompiledTemplate) -> None:
    doc = document(
        appendices=(
            Appendix(
                "PHỤ LỤC I", plain("DANH MỤC"), blocks=(Paragraph(plain("x")),), landscape=True
            ),
            Appendix("PHỤ LỤC II", plain("BIỂU"), blocks=(Paragraph(plain("y")),)),
        )
    )
    body = etree.fromstring(parts(template.render(doc))["word/document.xml"]).find(w("body"))
    assert body is not None
    sections = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in body.iter(w("p"))]
    sections = [s for s in sections if s is not None] + [body.find(w("sectPr"))]
    assert len(sections) == 3
    sizes = [s.find(w("pgSz")) for s in sections]
    assert [z.get(w("orient")) for z in sizes] == [None, "landscape", None]
    assert int(sizes[1].get(w("w"))) > int(sizes[1].get(w("h")))
    margins = sections[1].find(w("pgMar"))
    # The bound edge is at the top of a landscape page.
    assert margins.get(w("top")) == "1701" and margins.get(w("left")) == "1134"
    assert [s.find(w("pgNumType")) is not None for s in sections] == [False, True, True]


def test_properties_say_who_made_it_and_open_in_current_word(template: CompiledTemplate) -> None:
    got = parts(template.render(document()))
    app = got["docProps/app.xml"].decode()
    assert "<Application>kehoach-docs</Application>" in app and "Macintosh" not in app
    settings = etree.fromstring(got["word/settings.xml"])
    mode = next(
        s for s in settings.iter(w("compatSetting")) if s.get(w("name")) == "compatibilityMode"
    )
    assert mode.get(w("val")) == "15"
    # No footnotes part in a document without notes.
    assert "word/footnotes.xml" not in got
    assert b"footnotes" not in got["word/_rels/document.xml.rels"]


def _title_of(data: bytes) -> str:
    core = etree.fromstring(parts(data)["docProps/core.xml"])
    return "".join(core.find("{http://purl.org/dc/elements/1.1/}title").itertext())  # type: ignore[union-attr]


def test_a_long_title_is_cut_after_a_whole_word_within_word_s_limit(
    template: CompiledTemplate,
) -> None:
    long = "Thực hiện Kết luận số 50-KL/TW ngày 28 tháng 02 năm 2023 của Bộ Chính trị " * 5
    title = _title_of(template.render(document(title=long)))
    assert len(title) <= 255 and title.endswith("…")
    kept = title[:-1]
    whole = " ".join(long.split())
    assert whole.startswith(kept) and whole[len(kept)] == " "  # (a whole word before "…")
    short = "Kế hoạch thực hiện Kết luận số 50-KL/TW"
    assert _title_of(template.render(document(title=short))) == short


def test_title_and_dates_read_back_whatever_the_title_holds(template: CompiledTemplate) -> None:
    # The core properties are filled in from a form made once per template: text that XML
    # escapes, a stand-in's own words, and (refused by lxml) text XML cannot hold.
    for title in (
        "Báo cáo <quý I> & 6 tháng “đầu năm” 'tỉnh' > 2024",
        "kehoach-title-3f9c2a kehoach-stamp-3f9c2a",
        "Kế hoạch &amp; &#13; ]]> <!-- -->",
    ):
        data = template.render(document(title=title))
        assert _title_of(data) == title
        core = etree.fromstring(parts(data)["docProps/core.xml"])
        terms = "{http://purl.org/dc/terms/}"
        created, modified = (core.findtext(terms + t) for t in ("created", "modified"))
        assert created == modified and created is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", created)
        assert docx.Document(io.BytesIO(data)).core_properties.title == title


def test_a_template_s_own_properties_are_kept() -> None:
    # Text of the template's that reads as the stand-ins once written out is its own.
    ns = {
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    core = (
        f'<cp:coreProperties xmlns:cp="{ns["cp"]}" xmlns:dc="{ns["dc"]}">'
        "<dc:subject>kehoach-title-3f9c2&#97;</dc:subject>"
        "<dc:creator>kehoach&#45;stamp-3f9c2a</dc:creator></cp:coreProperties>"
    ).encode()
    now = datetime(2026, 11, 26, 20, 1, 2, tzinfo=timezone.utc)
    root = etree.fromstring(core_properties(core, "Kế hoạch <1> & 2", now))
    assert root.findtext("dc:subject", namespaces=ns) == "kehoach-title-3f9c2a"
    assert root.findtext("dc:creator", namespaces=ns) == "kehoach-stamp-3f9c2a"
    assert root.findtext("dc:title", namespaces=ns) == "Kế hoạch <1> & 2"


def test_a_rule_paragraph_with_a_comment_in_its_properties(template: CompiledTemplate) -> None:
    # (A body with a comment is finished as one tree, the comment kept.)
    body = etree.fromstring(
        f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>SỞ NỘI VỤ</w:t></w:r></w:p>'
        '<w:p><w:pPr><!-- kẻ --><w:pStyle w:val="KhRule"/><w:jc w:val="center"/></w:pPr>'
        "<w:r><w:t>40%</w:t></w:r></w:p></w:body>"
    )
    assert draw_rules(body, template.book, 9000) == 1
    ppr = body[1][0]
    names = [etree.QName(c).localname if isinstance(c.tag, str) else "#" for c in ppr]
    assert names == ["#", "pStyle", "pBdr", "ind", "jc"]


def test_compat_mode_added_where_a_template_has_none() -> None:
    bare = f'<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:rsids/></w:settings>'.encode()
    root = etree.fromstring(current_compat_mode(bare))
    names = [etree.QName(c).localname for c in root]
    assert names == ["zoom", "compat", "rsids"]
    assert b"<Application>kehoach-docs" in app_properties(
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"/>'
    )


def _template_with_header_tag(tmp_path: Path) -> Path:
    source = REPO / "templates" / "ke-hoach.docx"
    target = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/header1.xml":
                data = data.replace(b"</w:p>", b"<w:r><w:t> {{ doc_type }}</w:t></w:r></w:p>", 1)
            out.writestr(info, data)
    return target


def test_tags_in_a_header_are_rendered(tmp_path: Path, template: CompiledTemplate) -> None:
    compiled = CompiledTemplate(_template_with_header_tag(tmp_path))
    got = parts(compiled.render(document()))
    header = got["word/header1.xml"].decode()
    assert "KẾ HOẠCH" in header and "{{" not in header


def test_an_unknown_name_in_a_header_is_refused(tmp_path: Path) -> None:
    path = _template_with_header_tag(tmp_path)
    with zipfile.ZipFile(path) as src:
        items = {i.filename: src.read(i.filename) for i in src.infolist()}
    items["word/header1.xml"] = items["word/header1.xml"].replace(b"doc_type", b"loai_vb")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as out:
        for name, data in items.items():
            out.writestr(name, data)
    with pytest.raises(RenderError, match="“loai_vb”"):
        CompiledTemplate(broken)


def test_rendered_document_reads_back(tmp_path: Path, template: CompiledTemplate) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(template.render(document()))
    reader = DocxReader(path)
    texts = [p.text for p in reader.paragraphs()]
    assert "Căn cứ Kết luận số 50-KL/TW." in texts
    assert "Thực hiện Kế hoạch số 15/KH-UBND" in texts


# -- docxtpl's table mending, asked for only where it would mend ---------------------------


def _table(grid: int, rows: list[list[int]]) -> etree._Element:
    """A body with one table: `grid` columns, each row its cells' spans."""
    cells = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:gridSpan w:val="{s}"/></w:tcPr></w:tc>' if s > 1 else "<w:tc/>"
            for s in row
        )
        + "</w:tr>"
        for row in rows
    )
    cols = '<w:gridCol w:w="1000"/>' * grid
    return etree.fromstring(
        f'<w:body xmlns:w="{W}"><w:tbl><w:tblGrid>{cols}</w:tblGrid>{cells}</w:tbl></w:body>'
    )


@pytest.mark.parametrize(
    ("grid", "rows", "mended"),
    [
        (3, [[1, 1, 1], [1, 1, 1]], False),
        (3, [[2, 1], [3]], False),  # merged cells fill the grid
        (3, [[1, 1, 1, 1]], True),  # a `{%tc %}` loop made a cell more than the grid
        (3, [[1, 1], [1]], True),  # no row fills the grid: docxtpl takes columns away
    ],
)
def test_tables_are_mended_where_docxtpl_would_change_them(
    grid: int, rows: list[list[int]], mended: bool
) -> None:
    from docxtpl import DocxTemplate

    from kehoach_docs.render.grids import grids_to_fix

    body = _table(grid, rows)
    before = etree.tostring(body)
    after = etree.tostring(DocxTemplate.fix_tables(None, before))  # (uses no template)
    assert grids_to_fix(body) is mended
    assert (after != before) is mended


def test_a_part_compressed_in_pieces_is_the_part() -> None:
    # A large report's body is compressed in pieces, never joined.
    pieces = [b"<w:body>", "<w:t>Sở Nội vụ</w:t>".encode() * 5000, b"", b"</w:body>"]
    whole = b"".join(pieces)
    entry = deflate("word/document.xml", pieces)
    assert zlib.decompress(entry.data, -15) == whole
    assert (entry.crc, entry.size) == (zlib.crc32(whole), len(whole))
    assert entry == deflate("word/document.xml", whole)


def test_a_document_made_for_rendering_is_let_go_before_its_template_runs(
    template: CompiledTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 10,000-agency report's model is tens of MB: only its template context is needed.
    made: list[weakref.ref[Document]] = []

    def make() -> Document:
        doc = document(footnotes=(plain("Chú thích."),))
        made.append(weakref.ref(doc))
        return doc

    seen: list[bool] = []
    render = type(template.env).render

    def watching(self: object, tpl: object, context: dict[str, object]) -> str:
        gc.collect()
        seen.append(made[0]() is None)
        return render(self, tpl, context)  # type: ignore[arg-type]

    monkeypatch.setattr(type(template.env), "render", watching)
    data = template.render_made(make)
    assert seen and all(seen)
    # What is held of it still shows: its footnote.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "Chú thích." in archive.read("word/footnotes.xml").decode()
