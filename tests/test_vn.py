from datetime import date

import pytest

from kehoach_docs.vn import (
    date_words,
    doc_number,
    letter,
    nfc,
    place_date_line,
    roman,
    slugify,
    so_ky_hieu,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 1, 4), "ngày 04 tháng 01 năm 2024"),
        (date(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
        (date(2024, 3, 15), "ngày 15 tháng 3 năm 2024"),
        (date(2024, 12, 10), "ngày 10 tháng 12 năm 2024"),
        (date(2024, 10, 1), "ngày 01 tháng 10 năm 2024"),
    ],
)
def test_nd30_date_leading_zeros(value: date, expected: str) -> None:
    assert date_words(value) == expected


def test_draft_date_keeps_blanks_and_year() -> None:
    assert place_date_line("Kon Tum", None, 2024) == "Kon Tum, ngày      tháng      năm 2024"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (5, "05/KH-UBND"),
        ("5", "05/KH-UBND"),
        (15, "15/KH-UBND"),
        (None, "      /KH-UBND"),
        ("", "      /KH-UBND"),
        (123, "123/KH-UBND"),
    ],
)
def test_so_ky_hieu(number: int | str | None, expected: str) -> None:
    assert so_ky_hieu(number, "KH", "UBND") == expected


def test_doc_number_keeps_non_numeric_text() -> None:
    assert doc_number("12a") == "12a"


@pytest.mark.parametrize(("n", "r"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman(n: int, r: str) -> None:
    assert roman(n) == r


def test_roman_rejects_zero() -> None:
    with pytest.raises(ValueError):
        roman(0)


def test_letters_follow_vietnamese_order() -> None:
    assert [letter(i) for i in range(1, 7)] == ["a", "b", "c", "d", "đ", "e"]


def test_nfc_composes_decomposed_text() -> None:
    decomposed = "So\u031b\u0309 No\u0302\u0323i vu\u0323"
    assert nfc(decomposed) == "Sở Nội vụ"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sở Nội vụ", "so-noi-vu"),
        ("Ủy ban nhân dân huyện Đăk Hà", "uy-ban-nhan-dan-huyen-dak-ha"),
        ("Sở Lao động - Thương binh và Xã hội", "so-lao-dong-thuong-binh-va-xa-hoi"),
        ("huyện Ia H'Drai", "huyen-ia-h-drai"),
        ("ĐẮK GLEI", "dak-glei"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_plain_text_drops_markup_and_footnote_marks_only() -> None:
    from kehoach_docs.compose.inline import plain_text

    assert plain_text("Nghị định 107[^1], *nghiêng* và **đậm**, 7*7, \\*") == (
        "Nghị định 107, nghiêng và đậm, 7*7, *"
    )


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "*Nghị định 107[^1] năm 2020*",
            [("Nghị định 107", "emphasis"), 1, (" năm 2020", "emphasis")],
        ),
        ("*dấu \\* trong chữ nghiêng*", [("dấu * trong chữ nghiêng", "emphasis")]),
        ("**hai\ndòng**", [("hai", "strong"), "br", ("dòng", "strong")]),
    ],
)
def test_emphasis_holds_footnotes_stars_and_line_breaks(text: str, pieces: list[object]) -> None:
    """A footnote, an escaped star or a line break inside *…* or **…** is part of it (these
    stopped every command with "Lỗi không lường trước (KeyError)")."""
    from kehoach_docs.compose.inline import Footnotes, inline
    from kehoach_docs.document import LineBreak, NoteRef, Span

    shown: list[object] = []
    for piece in inline(text, Footnotes({"1": "Chú thích."})).pieces:
        if isinstance(piece, Span):
            shown.append((piece.text, piece.role))
        elif isinstance(piece, NoteRef):
            shown.append(piece.number)
        else:
            assert isinstance(piece, LineBreak)
            shown.append("br")
    assert shown == pieces


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1234, "1.234"),
        (1234.5, "1.234,5"),
        (0.1 + 0.2, "0,3"),
        (3.0, "3"),
        (1234567.891, "1.234.567,891"),
        (-0.25, "-0,25"),
    ],
)
def test_figures_in_vietnamese_form(value: float, shown: str) -> None:
    from kehoach_docs.vn import vn_number

    assert vn_number(value) == shown
