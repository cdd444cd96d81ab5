"""A rendered body finished in pieces (render/stream.py) is the body finished as one tree.

The one-tree way is the one `test_same_documents.py` holds to the reference commit's
bytes; here every kind of document of four workspaces is finished both ways, the pieces
as small as they can be (a cut before every top-level paragraph and every table row), and
the pieces' way must be taken, not fallen back from.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import PERIOD_WORKSPACES, REPO
from lxml import etree

from kehoach_docs import api
from kehoach_docs.document import Column, Document, Row, Table, plain
from kehoach_docs.render import stream, tables
from kehoach_docs.render.docx import CompiledTemplate
from kehoach_docs.render.runs import Runs
from kehoach_docs.render.sections import Sections
from kehoach_docs.render.tables import LaterTables
from kehoach_docs.template_paths import find_template

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _documents(workspace: Path, period: str) -> list[tuple[str, str, Document]]:
    """(file name, template, document) of every kind the batch writes, a few agencies."""
    project, entry, state = api._whole_period(workspace, None, period)
    jobs = [api.plan_job(project, entry), api.consolidated_job(project, entry, state)]
    issuing = [a for a in project.registry.agencies.values() if a.can_issue]
    jobs += [api.subplan_job(project, entry, a) for a in issuing[:4]]
    reported = [a for a in state.assigned if a.id in state.reports]
    jobs += [api.report_job(project, entry, state, a) for a in reported[:3]]
    jobs += api.reminder_jobs(
        project,
        entry,
        state,
        api.reminders_for(project, entry, state, state.period.due + timedelta(days=1)),
    )
    return [(j.filename, j.kind.template or "", j.compose()) for j in jobs]


def _body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


@pytest.mark.parametrize(("workspace", "period"), PERIOD_WORKSPACES)
def test_every_document_finished_in_pieces_is_the_document_finished_whole(
    workspace: str, period: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = REPO / workspace
    templates: dict[str, CompiledTemplate] = {}
    whole_tree = CompiledTemplate._body_tree
    appendices = 0
    for name, template_name, doc in _documents(root, period):
        if template_name not in templates:
            templates[template_name] = CompiledTemplate(find_template(root, template_name))
        template = templates[template_name]
        appendices += len(doc.appendices)

        def no_whole_tree(self: CompiledTemplate, text: str) -> etree._Element:
            raise AssertionError("the body was finished as one tree")

        monkeypatch.setattr(CompiledTemplate, "_body_tree", no_whole_tree)
        in_pieces = {}
        for size in (64, stream.PIECE):
            monkeypatch.setattr(stream, "PIECE", size)
            in_pieces[size] = _body(template.render(doc))
        monkeypatch.undo()

        def unstreamable(
            self: CompiledTemplate, text: str, landscapes: list[bool], later: LaterTables
        ) -> None:
            raise stream.Unstreamable

        monkeypatch.setattr(CompiledTemplate, "_document", unstreamable)
        monkeypatch.setattr(CompiledTemplate, "_body_tree", whole_tree)
        whole = _body(template.render(doc))
        monkeypatch.undo()
        assert set(in_pieces.values()) == {whole}, name
    # (The sections of appendices are made as the pieces come, too: the example has none.)
    assert appendices or workspace == "."


@pytest.mark.parametrize(("workspace", "period"), PERIOD_WORKSPACES)
def test_every_document_with_its_tables_made_as_written_is_the_document_as_before(
    workspace: str, period: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long tables are given to the template as marks and made as the body is written
    # (tables.LaterTables): here every table is, in pieces of every size, and each
    # document must be the one made with the tables in the template's output, which
    # test_same_documents.py holds to the reference commit's.
    root = REPO / workspace
    marks = 0
    made = LaterTables.runs

    def counted(self: LaterTables, table: Table, total: int) -> Runs:
        nonlocal marks
        out = made(self, table, total)
        marks += out.xml.startswith("<?kehoach-table ")
        return out

    def no_whole_tree(self: CompiledTemplate, text: str) -> etree._Element:
        raise AssertionError("the body was finished as one tree")

    for name, template_name, doc in _documents(root, period):
        template = CompiledTemplate(find_template(root, template_name))
        before = _body(template.render(doc))
        monkeypatch.setattr(tables, "LATER_ROWS", 0)
        monkeypatch.setattr(LaterTables, "runs", counted)
        monkeypatch.setattr(CompiledTemplate, "_body_tree", no_whole_tree)
        for size in (1, 64, stream.PIECE):
            monkeypatch.setattr(stream, "PIECE", size)
            assert _body(template.render(doc)) == before, (name, size)
        monkeypatch.undo()
    assert marks > 0


def _long_table(rows: int = 3) -> Table:
    return Table(
        (Column("STT"), Column("Cơ quan")),
        tuple(Row((plain(str(i)), plain(f"Sở số {i}"))) for i in range(rows)),
    )


def test_a_long_table_is_a_mark_made_into_the_table_where_the_text_is_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tables, "LATER_ROWS", 2)
    later = LaterTables()
    short = later.runs(_long_table(2), 9000)
    mark = later.runs(_long_table(3), 9000)
    assert short.xml.startswith("<w:tbl>") and mark.xml == "<?kehoach-table 0?>"
    # A mark this document did not make is left as its template wrote it.
    text = _p("a") + mark.xml + _p("b") + "<?kehoach-table 1?>"
    assert later.made(text) == (
        _p("a") + tables.table_xml(_long_table(3), 9000).xml + _p("b") + "<?kehoach-table 1?>"
    )


@pytest.mark.parametrize(
    "inner",
    [
        # A template that prints a table's runs inside a paragraph, not in its place.
        "<w:p><w:r><w:t>{mark}</w:t></w:r></w:p>",
        # Another mark than a table's, or a processing instruction of the template's own.
        "{mark}<?kehoach-table 7?>",
        "{mark}<?other?>",
    ],
)
def test_a_mark_that_is_not_a_table_in_the_body_s_place_is_finished_whole(
    inner: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "LATER_ROWS", 0)
    later = LaterTables()
    mark = later.runs(_long_table(), 9000).xml
    with pytest.raises(stream.Unstreamable):
        _pieces_of(HEAD + _p("a") + inner.format(mark=mark) + "</w:body>", later=later)


HEAD = f'<w:body xmlns:w="{W}">'
RULE = '<w:p><w:pPr><w:pStyle w:val="KhRule"/></w:pPr><w:r><w:t>40%</w:t></w:r></w:p>'


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _rows(n: int) -> str:
    return "".join(f"<w:tr><w:tc>{_p(str(i))}</w:tc></w:tr>" for i in range(n))


def test_pieces_are_cut_before_paragraphs_and_rows_never_before_a_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stream, "PIECE", 1)
    table = '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>'
    inner = _p("a") + RULE + _p("b") + table + _rows(3) + "</w:tbl>" + _p("c")
    text = HEAD + inner + "</w:body>"
    pieces = list(stream._pieces(text, len(HEAD), len(text) - len("</w:body>")))
    assert "".join(p.text for p in pieces) == inner
    assert not any(p.text.startswith(RULE) for p in pieces)
    assert [p.text[:7] for p in pieces] == ["<w:p><w", "<w:p><w", *["<w:tr><"] * 3, "<w:p><w"]
    assert pieces[0].text == _p("a") + RULE  # (the rule stays with the paragraph above it)
    # A piece that begins among a table's rows is read after the table's own start.
    assert [p.table for p in pieces] == ["", "", table, table, table, ""]
    assert [p.open_table for p in pieces] == [False, True, True, True, False, False]


def test_a_line_end_before_a_paragraph_goes_into_the_piece_of_that_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (The clean-up that removes it is done piece by piece: it must see "\n<w:p".)
    monkeypatch.setattr(stream, "PIECE", 1)
    inner = "\n" + _p("a") + "\n" + _p("b") + "\n" + _p("c")
    text = HEAD + inner + "</w:body>"
    pieces = list(stream._pieces(text, len(HEAD), len(text) - len("</w:body>")))
    assert [p.text for p in pieces] == ["\n" + _p("a"), "\n" + _p("b"), "\n" + _p("c")]


def test_the_text_clean_ups_done_piece_by_piece_are_those_done_on_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    template = CompiledTemplate(find_template(REPO, "bao-cao.docx"))
    run = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
    empty = '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"></w:t></w:r>'
    paragraphs = [
        f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{run.format(text)}{empty}</w:p>'
        for text in ["một\thai", "dòng\nmới", "đoạn\amới", "trang\fmới", "thường"]
    ]
    raw = HEAD + "".join("\n" + p for p in paragraphs * 3) + "</w:body>"
    cleaned = template._clean(raw)
    assert "\t" not in cleaned and "<w:tab/>" in cleaned and 'w:type="page"' in cleaned
    monkeypatch.setattr(stream, "PIECE", 1)
    in_pieces = _pieces_of(raw, clean=template._clean)
    monkeypatch.setattr(stream, "PIECE", 1 << 30)
    assert in_pieces == _pieces_of(cleaned)


def _finish(tree: etree._Element) -> None:
    pass


def _pieces_of(
    body: str,
    landscapes: list[bool] | None = None,
    clean: Callable[[str], str] = str,
    later: LaterTables | None = None,
) -> bytes:
    sections = Sections(etree.fromstring(f'<w:document xmlns:w="{W}">{HEAD}</w:body></w:document>'))
    return b"".join(
        stream.body_in_pieces(
            body, _finish, sections, landscapes or [], lambda tag: tag, clean, later
        )
    )


@pytest.mark.parametrize(
    ("body", "landscapes"),
    [
        # A table whose rows have more cells than its grid: docxtpl must mend it, whole.
        (
            HEAD + '<w:tbl><w:tblGrid><w:gridCol w:w="9"/></w:tblGrid>'
            "<w:tr><w:tc/><w:tc/></w:tr></w:tbl></w:body>",
            [],
        ),
        # Two appendices asked for, none begun in the body: as Sections.split, nothing.
        (HEAD + _p("a") + "<w:sectPr/></w:body>", [True, False]),
        # A rule right after a table cut into pieces: the paragraph above it, which decides
        # its length, is in a piece before.
        (
            HEAD
            + _p("a")
            + '<w:tbl><w:tblGrid><w:gridCol w:w="9"/></w:tblGrid>'
            + _rows(3)
            + "</w:tbl>"
            + RULE
            + "</w:body>",
            [],
        ),
        # A comment: the cutting reads tags only.
        (HEAD + "<!-- <w:p> -->" + _p("a") + "</w:body>", []),
        # Text that is not XML.
        (HEAD + "<w:p><w:r></w:p></w:body>", []),
    ],
)
def test_what_cannot_be_done_in_pieces_is_said(
    body: str, landscapes: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "PIECE", 1)
    with pytest.raises(stream.Unstreamable):
        _pieces_of(body, landscapes)


def test_a_body_in_pieces_serialises_as_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "PIECE", 1)
    table = '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="10"/></w:tblGrid>'
    body = HEAD + _p("a &amp; b") + table + _rows(4) + "</w:tbl>" + _p("c") + "</w:body>"
    assert _pieces_of(body) == etree.tostring(etree.fromstring(body))
