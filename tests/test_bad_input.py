"""A corpus of bad input: every case gets a Vietnamese message with file and line, exit 1,
no traceback, and nothing written."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import MINI_PLAN, MINI_REGISTRY

Run = Callable[..., Result]
REG = textwrap.dedent(MINI_REGISTRY).lstrip("\n")
PLAN = textwrap.dedent(MINI_PLAN).lstrip("\n")


def cut(text: str, marker: str, replacement: str) -> str:
    assert marker in text, marker
    return text.replace(marker, replacement, 1)


CASES: dict[str, tuple[dict[str, str | bytes], str]] = {
    "yaml-syntax": (
        {"plans/kh.yaml": cut(PLAN, "  nam: 2025", "  nam: [2025")},
        "plans/kh.yaml:4: lỗi cú pháp YAML:",
    ),
    "truncated": (
        {"plans/kh.yaml": PLAN[: PLAN.index("  phan:")]},
        "plans/kh.yaml:1: ke_hoach.phan: thiếu trường bắt buộc",
    ),
    "empty": ({"plans/kh.yaml": ""}, "plans/kh.yaml: tệp rỗng: không có nội dung YAML nào"),
    "binary": (
        {"plans/kh.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        "plans/kh.yaml: tệp không phải văn bản (có byte 0)",
    ),
    "not-utf8": (
        {"plans/kh.yaml": PLAN.encode("cp1258", errors="replace")},
        "plans/kh.yaml:5: tệp không ở mã UTF-8",
    ),
    "top-level-list": (
        {"plans/kh.yaml": "- ke_hoach\n- co_quan\n"},
        "plans/kh.yaml:1: tệp phải là một khối “khóa: giá trị” ở ngoài cùng",
    ),
    "unknown-key": (
        {"plans/kh.yaml": cut(PLAN, "  nam: 2025", "  nam: 2025\n  nguoi_soan: A")},
        "plans/kh.yaml:4: ke_hoach.nguoi_soan: khóa “nguoi_soan” không có trong mẫu",
    ),
    "duplicate-key": (
        {"plans/kh.yaml": cut(PLAN, "  nam: 2025", "  nam: 2025\n  nam: 2026")},
        "plans/kh.yaml:4: ke_hoach.nam: khóa “nam” bị lặp (đã có ở dòng 3)",
    ),
    "wrong-type": (
        {"plans/kh.yaml": cut(PLAN, "  nam: 2025", "  nam: hai nghìn")},
        "plans/kh.yaml:3: ke_hoach.nam: phải là số nguyên",
    ),
    "missing-field": (
        {"plans/kh.yaml": cut(PLAN, "  trich_yeu: Thực hiện một việc\n", "")},
        "plans/kh.yaml:1: ke_hoach.trich_yeu: thiếu trường bắt buộc",
    ),
    "unknown-agency": (
        {"plans/kh.yaml": cut(PLAN, "[so-noi-vu]", "[so-noi-vu-2]")},
        "plans/kh.yaml:11: ke_hoach.phan[0].muc[0].chu_tri.don_vi[0]: không có cơ quan hay nhóm "
        "nào mã “so-noi-vu-2”; có phải “so-noi-vu”?",
    ),
    "unknown-group": (
        {"plans/kh.yaml": cut(PLAN, "[cac-so]", "[cac-so-nganh]")},
        "plans/kh.yaml:12: ke_hoach.phan[0].muc[0].phoi_hop.don_vi[0]: không có cơ quan hay nhóm "
        "nào mã “cac-so-nganh”; có phải “cac-so”?",
    ),
    "duplicate-id": (
        {"plans/co-quan.yaml": cut(REG, "  - id: so-tai-chinh", "  - id: so-noi-vu")},
        "plans/co-quan.yaml:18: co_quan[2].id: mã “so-noi-vu” bị trùng "
        "(đã dùng ở plans/co-quan.yaml:10)",
    ),
    "group-cycle": (
        {
            "plans/co-quan.yaml": REG + "  - id: a\n    ghi: a\n    thanh_vien: [b]\n"
            "  - id: b\n    ghi: b\n    thanh_vien: [a]\n"
        },
        "plans/co-quan.yaml:32: nhom[1].thanh_vien: nhóm chứa chính nó: a → b → a",
    ),
    "impossible-date": (
        {"plans/kh.yaml": cut(PLAN, "han: 2025-11-15", "han: 2025-11-31")},
        "plans/kh.yaml:13: ke_hoach.phan[0].muc[0].thoi_gian.han: ngày không hợp lệ: “2025-11-31”",
    ),
    "impossible-vn-date": (
        {"plans/kh.yaml": cut(PLAN, "  nam: 2025", "  ngay: 29/2/2025")},
        # As the clerk typed it, with why it is not a date.
        "plans/kh.yaml:3: ke_hoach.ngay: ngày không hợp lệ: “29/2/2025”; tháng 2 năm 2025 "
        "chỉ có 28 ngày",
    ),
    "unknown-period": (
        {
            "plans/kh/tien-do/2025-Q5/so-noi-vu.yaml": (
                "bao_cao_tien_do:\n  co_quan: so-noi-vu\n  ky: 2025-Q5\n"
            )
        },
        "plans/kh/tien-do/2025-Q5/so-noi-vu.yaml:3: bao_cao_tien_do.ky: thư mục kỳ báo cáo "
        "“2025-Q5” không hợp lệ",
    ),
    "python-tag": (
        {
            "plans/kh.yaml": cut(
                PLAN, "  nam: 2025", "  nam: !!python/object/apply:os.system ['echo']"
            )
        },
        "plans/kh.yaml:3: ke_hoach.nam: thẻ YAML “tag:yaml.org,2002:python/object/apply:os.system” "
        "không được phép",
    ),
    "alias-bomb": (
        {
            "plans/kh.yaml": 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + "".join(
                f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
        },
        "plans/kh.yaml: tệp có quá nhiều giá trị (hơn 200000): có thể do bí danh YAML",
    ),
    "too-big": (
        {"plans/kh.yaml": "# " + "x" * (9 * 1024 * 1024) + "\n"},
        "plans/kh.yaml: tệp quá lớn (9216 KB; tối đa 8192 KB)",
    ),
    "forbidden-group-as-issuer": (
        {"plans/kh.yaml": cut(PLAN, "co_quan_ban_hanh: ubnd-tinh", "co_quan_ban_hanh: cac-so")},
        "plans/kh.yaml:2: ke_hoach.co_quan_ban_hanh: “cac-so” là một nhóm; ở đây cần một cơ quan",
    ),
}


def build(root: Path, files: dict[str, str | bytes]) -> None:
    base = {"plans/co-quan.yaml": REG, "plans/kh.yaml": PLAN}
    for name, content in {**base, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


COMMANDS = [
    ["validate"], ["plan"], ["batch", "-q"], ["subplan", "--all"], ["noinhan"], ["agencies"],
    ["tasks", "-a", "so-noi-vu"], ["scaffold", "-a", "so-noi-vu"],
    ["forms", "-p", "2025-Q1", "--all"], ["report", "-a", "so-noi-vu", "-p", "2025-H1"],
    ["consolidate", "-p", "2025-H1"],
]  # fmt: skip


# A file of one agency (its reports): it stops `validate` and the commands that read it,
# no other (tests/test_scoped_reading.py).
ONE_AGENCY = {"unknown-period"}


@pytest.mark.parametrize(
    ("case", "command"),
    [
        (case, command)
        for command in COMMANDS
        for case in sorted(CASES)
        if case not in ONE_AGENCY or command == ["validate"]
    ],
    ids=lambda x: x if isinstance(x, str) else x[0],
)
def test_bad_input(run: Run, tmp_path: Path, case: str, command: list[str]) -> None:
    files, message = CASES[case]
    root = tmp_path / "ws"
    build(root, files)
    before = sorted(p for p in root.rglob("*"))
    result = run("-w", str(root), *command)
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1].startswith("Có ")
    assert sorted(p for p in root.rglob("*")) == before, "nothing may be written"


def test_nfd_text_is_accepted_and_rendered_nfc(run: Run, tmp_path: Path) -> None:
    import unicodedata

    from kehoach_docs.docxread import DocxReader

    root = tmp_path / "ws"
    nfd = unicodedata.normalize("NFD", "Làm một việc khó.")
    build(root, {"plans/kh.yaml": cut(PLAN, "[Làm một việc.]", f'["{nfd}"]')})
    assert nfd != "Làm một việc khó."
    result = run("-w", str(root), "plan")
    assert result.exit_code == 0, result.output
    text = DocxReader(root / "output" / "kh.docx").text()
    assert "1. Làm một việc khó." in text
    assert unicodedata.normalize("NFD", "một") not in text


def test_control_characters_are_removed_with_a_warning(run: Run, tmp_path: Path) -> None:
    from kehoach_docs.docxread import DocxReader

    root = tmp_path / "ws"
    build(root, {"plans/kh.yaml": cut(PLAN, "[Làm một việc.]", '["Làm\\x0b một\\x01 việc."]')})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 0
    assert (
        "plans/kh.yaml:10: ke_hoach.phan[0].muc[0].noi_dung[0]: cảnh báo: đã bỏ ký tự điều khiển"
        in result.stderr
    )
    assert run("-w", str(root), "plan").exit_code == 0
    assert "1. Làm một việc." in DocxReader(root / "output" / "kh.docx").text()


def test_a_line_break_from_word_keeps_the_words_apart(run: Run, tmp_path: Path) -> None:
    # Shift+Enter in Word comes out of a copy as a vertical tab: the words either side of
    # it are not glued together ("VĩnhPxi").
    from kehoach_docs.docxread import DocxReader

    root = tmp_path / "ws"
    build(root, {"plans/kh.yaml": cut(PLAN, "[Làm một việc.]", '["Làm một\\vviệc\\f khó."]')})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 0
    assert "dấu ngắt dòng thành dấu cách" in result.stderr
    assert run("-w", str(root), "plan").exit_code == 0
    assert "1. Làm một việc khó." in DocxReader(root / "output" / "kh.docx").text()


def test_jinja_and_xml_in_text_are_printed_literally(run: Run, tmp_path: Path) -> None:
    from kehoach_docs.docxread import DocxReader

    root = tmp_path / "ws"
    literal = "{{ 7*7 }} {% if x %} </w:t> & <b> \\\\*"
    build(
        root,
        {
            "plans/kh.yaml": cut(PLAN, "[Làm một việc.]", f"['{literal}']").replace(
                "trich_yeu: Thực hiện một việc", "trich_yeu: 'A & B <c> {{ d }}'"
            )
        },
    )
    result = run("-w", str(root), "plan")
    assert result.exit_code == 0, result.output
    text = DocxReader(root / "output" / "kh.docx").text()
    assert "1. {{ 7*7 }} {% if x %} </w:t> & <b> \\*" in text
    assert "A & B <c> {{ d }}" in text
    assert "49" not in text


def test_plan_file_names_become_safe_output_names(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    build(root, {})
    (root / "plans" / "kh.yaml").rename(root / "plans" / "CON.yaml")
    result = run("-w", str(root), "plan")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "output").iterdir()] == ["con-.docx"]
    (root / "plans" / "CON.yaml").rename(root / "plans" / "Kế hoạch: số 1 (..).yaml")
    result = run("-w", str(root), "plan", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ke-hoach-so-1.docx"]
