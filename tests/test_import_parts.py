"""The importer's parts one by one: Word's automatic numbering, label lines and their
wordings, deadlines, agencies named two ways, and YAML that reads back as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from foreign_docs import para, run, write_docx
from hypothesis import given
from hypothesis import strategies as st

from kehoach_docs.compose.inline import inline
from kehoach_docs.importer.agencies import AgencyBook, names_in
from kehoach_docs.importer.blocks import Para, Span
from kehoach_docs.importer.docx_source import read_docx
from kehoach_docs.importer.inline import markup
from kehoach_docs.importer.labels import deadline, inline_assignment, split_labels
from kehoach_docs.importer.numbers import parse_label
from kehoach_docs.importer.yaml_out import dump

NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>
<w:isLgl/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="4"/><w:numFmt w:val="lowerLetter"/>
<w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/>
<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def test_automatic_numbering_as_word_shows_it(tmp_path: Path, monkeypatch: object) -> None:
    import foreign_docs

    setattr(foreign_docs, "NUMBERING", NUMBERING)  # noqa: B010 - one document's own list
    body = [
        para(run("A"), num=(3, 0)),
        para(run("B"), num=(3, 1)),
        para(run("C"), num=(3, 1)),
        para(run("D"), num=(3, 2)),
        para(run("E"), num=(3, 2)),
        para(run("F"), num=(3, 0)),
        para(run("G"), num=(3, 1)),
        para(run("H"), num=(4, 1)),
        para(run("I"), num=(3, 1)),
        para(run("J"), num=(5, 0)),
        para(run("K")),
    ]
    try:
        source = read_docx(write_docx(tmp_path / "so.docx", body))
    finally:
        import importlib

        importlib.reload(foreign_docs)
    labels = [b.label for b in source.blocks if isinstance(b, Para)]
    # levels restart under a new parent; a list instance with startOverride restarts,
    # and the next paragraph of the first instance continues the same count
    assert labels == ["I.", "1.1.", "1.2.", "d)", "e)", "II.", "2.1.", "2.1.", "2.2.", "-", ""]


def test_number_labels() -> None:
    shapes = {
        text: (found.shape if found else None)
        for text in [
            "I. MỤC TIÊU",
            "1. Việc",
            "1.1. Việc",
            "2.3.1 Việc",
            "a) việc",
            "đ) việc",
            "(1) Cụm",
            "- việc",
            "+ việc",
            "C. NHIỆM VỤ",
            "2017 năm",
            "1.000 tỷ",
            "Số: 12",
        ]
        for found in [parse_label(text)[0]]
    }
    assert shapes == {
        "I. MỤC TIÊU": "R.",
        "1. Việc": "n.",
        "1.1. Việc": "n.n.",
        "2.3.1 Việc": "n.n.n",
        "a) việc": "a)",
        "đ) việc": "a)",
        "(1) Cụm": "(n)",
        "- việc": "-",
        "+ việc": "+",
        "C. NHIỆM VỤ": "A.",
        "2017 năm": None,
        "1.000 tỷ": None,
        "Số: 12": None,
    }


def test_label_lines_in_their_many_forms() -> None:
    found = split_labels(
        "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng."
    )
    assert found is not None
    assert [(ln.kind, ln.wording, ln.value) for ln in found[1]] == [
        ("chu_tri", "Đơn vị chủ trì", "Phòng Quản lý Công nghiệp"),
        ("phoi_hop", "Đơn vị phối hợp", "Phòng Quản lý Năng lượng."),
    ]
    for text, kind in [
        ("- Cơ quan chủ trì: Sở Tư pháp.", "chu_tri"),
        ("Chủ trì thực hiện: Sở Tư pháp.", "chu_tri"),
        ("* Đơn vị thực hiện: Sở Tư pháp.", "chu_tri"),
        ("+ Thời gian hoàn thành: Năm 2025.", "thoi_gian"),
        ("Thời hạn: 30/6/2025.", "thoi_gian"),
        ("- Sản phẩm: Báo cáo.", "san_pham"),
        ("Lãnh đạo phụ trách: Phó Giám đốc.", "khac"),
    ]:
        found = split_labels(text)
        assert found is not None and found[1][0].kind == kind, text
    assert split_labels("Mục đích: nâng cao nhận thức.") is None
    assert split_labels("Tăng cường công tác tuyên truyền.") is None


def test_assignment_inside_a_sentence() -> None:
    found = inline_assignment(
        "Giao Sở Công Thương chủ trì, phối hợp với các sở, ngành, UBND các xã, phường "
        "liên quan tiếp tục theo dõi, kiểm tra."
    )
    assert found is not None
    before, support, _ = found
    assert names_in(before) == (["Sở Công Thương"], True)
    assert names_in(support)[0] == ["các sở, ngành", "UBND các xã, phường liên quan"]


def test_deadlines() -> None:
    assert deadline("Trước ngày 15/11/2024.") == (date(2024, 11, 15), False)
    assert deadline("hoàn thành trước ngày 05 tháng 3 năm 2025") == (date(2025, 3, 5), False)
    assert deadline("Quý II năm 2025") == (date(2025, 6, 30), True)
    assert deadline("Tháng 9/2025") == (date(2025, 9, 30), True)
    assert deadline("Năm 2026.") == (date(2026, 12, 31), True)
    assert deadline("Thường xuyên.") == (None, False)
    assert deadline("Trước ngày 31/2/2025") == (None, False)


def test_names_keep_their_own_commas_and_ands() -> None:
    assert names_in(
        "Sở Văn hóa, Thể thao và Du lịch; Sở Tài nguyên và Môi trường và UBND các xã, phường."
    ) == (
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài nguyên và Môi trường", "UBND các xã, phường"],
        False,
    )
    assert names_in("Sở Nội vụ phối hợp thẩm định nội dung.") == (["Sở Nội vụ"], True)


def test_one_body_written_two_ways() -> None:
    book = AgencyBook()
    for text in [
        "Sở LĐ-TB&XH",
        "Sở Lao động - Thương binh và Xã hội",
        "UBND xã Tân Lập",
        "Ủy ban nhân dân xã Tân Lập",
        "các sở, ban, ngành",
    ]:
        book.register(text)
    book.settle()
    agencies, groups = book.new_entries()
    data = {a.id: a.data() for a in agencies}
    assert data["so-lao-dong-thuong-binh-va-xa-hoi"]["ten_ngan"] == "Sở LĐ-TB&XH"
    assert data["ubnd-xa-tan-lap"] == {
        "id": "ubnd-xa-tan-lap",
        "ten": "Ủy ban nhân dân xã Tân Lập",
        "ten_ngan": "UBND xã Tân Lập",
        "loai": "ubnd-xa",
    }
    assert [(g.id, g.kinds) for g in groups] == [("cac-so-ban-nganh", ["so"])]


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)


@given(st.lists(TEXT, min_size=1, max_size=4), TEXT)
def test_yaml_reads_back_as_written(texts: list[str], key: str) -> None:
    data = {"ke_hoach": {"mo_dau": texts, "ghi": key or "x", "so": "1.", "han": "2025-01-02"}}
    emitted = dump(data, ["Ghi chú"])
    loaded = yaml.safe_load(emitted.text)
    loaded["ke_hoach"]["han"] = str(loaded["ke_hoach"]["han"])
    assert loaded == data


def test_backslashes_and_stars_read_back_as_the_document_wrote_them() -> None:
    # The renderer reads only "\\*" as an escape: any other backslash is a character of the
    # text, so the importer must leave it single (it used to double it: a\\b came back a\\\\b).
    spans = [
        Span("Thư mục C:\\kehoach\\2025, 7*7 = 49, a\\*b, *x* và "),
        Span("đậm", bold=True),
        Span(" rồi \\ "),
        Span("nghiêng", italic=True),
        Span(" cuối \\"),
        Span("sát", italic=True),
        Span("\\"),
    ]
    read = inline(markup(spans))
    assert read.text == "".join(s.text for s in spans)
    # Emphasis is kept, except where a backslash touches the mark: the renderer would
    # read "\\*" as a literal star, so "sát" is written unmarked instead.
    assert [(p.text, p.role) for p in read.pieces if getattr(p, "role", None)] == [
        ("đậm", "strong"),
        ("nghiêng", "emphasis"),
    ]


PLAIN = st.text(st.sampled_from("ab \\*"), min_size=1, max_size=6)
MARKED = st.tuples(st.text(st.sampled_from("ab \\"), min_size=1, max_size=6), st.booleans())


@given(st.lists(st.tuples(PLAIN, MARKED), min_size=1, max_size=4))
def test_marked_text_reads_back_as_its_words(parts: list[tuple[str, tuple[str, bool]]]) -> None:
    # Backslashes and stars anywhere in plain text, and backslashes in or next to bold or
    # italic text, read back as the same words (whitespace aside, which markup() folds).
    spans = [
        span
        for plain, (marked, bold) in parts
        for span in (Span(plain), Span(marked, bold=bold, italic=not bold))
    ]
    words = " ".join("".join(s.text for s in spans).split())
    assert inline(markup(spans)).text == words
