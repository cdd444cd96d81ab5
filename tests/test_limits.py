"""Bounded work: every input is checked for type and size before it is read, every
template render for time and size, and each refusal names what was too big or too slow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from docx import Document

from kehoach_docs import limits

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"
KEHOACH = [sys.executable, "-m", "kehoach_docs"]
FOREIGN = REPO / "tests" / "data" / "foreign" / "bao-cao-vp-ubnd.docx"


def _kehoach(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """In a process of its own, so that a regression hangs no more than `timeout`."""
    return subprocess.run(
        [*KEHOACH, *args], capture_output=True, text=True, timeout=timeout, cwd=REPO
    )


def _zip_with(path: Path, source: Path, name: str, data: bytes) -> Path:
    """A copy of a .docx/.xlsx with one part replaced (or added)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as out:
        for info in original.infolist():
            if info.filename != name:
                out.writestr(info.filename, original.read(info.filename), zipfile.ZIP_DEFLATED)
        out.writestr(name, data, zipfile.ZIP_DEFLATED)
    return path


# -- files that are not files ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_as_yaml_and_as_docx(example_copy: Path, tmp_path: Path) -> None:
    os.mkfifo(example_copy / "plans" / "x.yaml")
    result = _kehoach("-w", str(example_copy), "validate")
    assert result.returncode == 1
    assert "plans/x.yaml: không đọc được: đây là một đường ống (FIFO), không phải một tệp" in (
        result.stderr
    )
    fifo = tmp_path / "a.docx"
    os.mkfifo(fifo)
    result = _kehoach("check", str(fifo), str(FOREIGN))
    assert result.returncode == 1
    assert f"{fifo}: lỗi: không đọc được: đây là một đường ống (FIFO)" in result.stdout
    assert f"{FOREIGN}: " in result.stdout and "lỗi, " in result.stdout, "the next file is checked"
    (example_copy / "plans" / "x.yaml").unlink()
    result = _kehoach("-w", str(example_copy), "collect", str(fifo))
    assert result.returncode == 1
    assert "a.docx: không đọc được: đây là một đường ống (FIFO)" in result.stderr


def test_yaml_pointing_at_a_device_is_not_read(example_copy: Path) -> None:
    (example_copy / "plans" / "x.yaml").symlink_to("/dev/zero")
    result = _kehoach("-w", str(example_copy), "validate", timeout=60)
    assert result.returncode == 1
    assert "plans/x.yaml: không đọc được: đây là một thiết bị, không phải một tệp" in result.stderr


def test_yaml_size_is_checked_before_reading(run: Run, example_copy: Path) -> None:
    big = example_copy / "plans" / "x.yaml"
    with big.open("wb") as handle:
        handle.truncate(limits.MAX_YAML_BYTES + 1)  # sparse: its size is known unread
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 1
    assert "plans/x.yaml: tệp quá lớn (8192 KB; tối đa 8192 KB)" in result.stderr


# -- zip parts that unpack to gigabytes ---------------------------------------------------------


def test_check_refuses_a_docx_bomb_and_checks_the_rest(tmp_path: Path) -> None:
    bomb = _zip_with(tmp_path / "bomb.docx", FOREIGN, "word/document.xml", b" " * (30 << 20))
    assert bomb.stat().st_size < 200_000
    start = time.monotonic()
    result = _kehoach("check", str(bomb), str(FOREIGN))
    assert result.returncode == 1
    assert f"{bomb}: lỗi: phần word/document.xml giải nén ra 30 MB, quá giới hạn 20 MB" in (
        result.stdout
    )
    assert f"{FOREIGN}: " in result.stdout
    assert time.monotonic() - start < 30


def test_collect_refuses_an_xlsx_with_a_huge_shared_string(
    run: Run, example_copy: Path, tmp_path: Path
) -> None:
    ws = str(example_copy)
    out = tmp_path / "forms"
    assert run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-y-te", "-o", str(out)).exit_code == 0
    [form] = out.glob("*.xlsx")
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    strings += b"x" * (30 << 20) + b"</t></si></sst>"
    bomb = _zip_with(tmp_path / "bomb.xlsx", form, "xl/sharedStrings.xml", strings)
    result = run("-w", ws, "collect", str(bomb))
    assert result.exit_code == 1
    assert "bomb.xlsx: phần xl/sharedStrings.xml giải nén ra 30 MB, quá giới hạn 20 MB" in (
        result.stderr
    )


def _workspace_with_template(tmp_path: Path, *paragraphs: str) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plans", ws / "plans")
    (ws / "templates").mkdir()
    doc = Document(str(REPO / "templates" / "ke-hoach.docx"))
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(ws / "templates" / "ke-hoach.docx"))
    return ws


def test_template_too_big_to_compile(run: Run, tmp_path: Path) -> None:
    ws = _workspace_with_template(tmp_path)
    template = ws / "templates" / "ke-hoach.docx"
    with zipfile.ZipFile(template) as archive:
        xml = archive.read("word/document.xml")
    padded = xml.replace(b"</w:body>", b"<w:p/>" * (1 << 20) + b"</w:body>")
    _zip_with(tmp_path / "t.docx", template, "word/document.xml", padded).replace(template)
    result = run("-w", str(ws), "plan")
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: phần word/document.xml giải nén ra 6 MB, quá giới hạn 4 MB" in (
        result.stderr
    )
    assert not (ws / "output").exists()


# -- renders that would not end -------------------------------------------------------------


def test_endless_template_loop_stops_at_the_time_limit(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "RENDER_SECONDS", 1.0)
    ws = _workspace_with_template(
        tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    for command in (["plan"], ["batch", "-q"]):
        start = time.monotonic()
        result = run("-w", str(ws), *command)
        assert result.exit_code == 1
        assert "mẫu ke-hoach.docx: tạo văn bản quá 1 giây nên đã dừng" in result.stderr
        assert time.monotonic() - start < 20
    assert not (ws / "output").exists()


@pytest.mark.parametrize(
    "tag",
    [
        "{{ 'x' * 1000000000 }}",
        "{{ 'x'|center(1000000000) }}",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    ],
)
def test_template_output_size_is_bounded(run: Run, tmp_path: Path, tag: str) -> None:
    ws = _workspace_with_template(tmp_path, tag)
    result = run("-w", str(ws), "plan")
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: văn bản tạo ra vượt 64 MB nên đã dừng" in result.stderr


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (
            "{% include 'x.docx' %}",
            "thẻ {% include %}, {% import %} hay {% extends %} "
            "ở đoạn “{% include 'x.docx' %}” không dùng",
        ),
        (
            "{% import 'x' as y %}",
            "thẻ {% include %}, {% import %} hay {% extends %} "
            "ở đoạn “{% import 'x' as y %}” không dùng",
        ),
        (
            "{% extends 'x' %}",
            "thẻ {% include %}, {% import %} hay {% extends %} "
            "ở đoạn “{% extends 'x' %}” không dùng",
        ),
        (
            "{% for i in range(10**9) %}{% endfor %}",
            "số quá lớn trong một thẻ ở đoạn “{% for i in range(10**9) %}{% endfor %}”",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "macro hay vòng lặp gọi chính nó"),
        (
            "{{ '{a}'.format_map() }}",
            "một thẻ không tính được ở đoạn “{{ '{a}'.format_map() }}” (TypeError)",
        ),
        ("{{ 1 / 0 }}", "một thẻ không tính được ở đoạn “{{ 1 / 0 }}” (ZeroDivisionError)"),
        ("{{ 9 ** (9 ** 9) }}", "một phép lũy thừa (**) trong mẫu cho số quá lớn"),
        ("{{ '</w:t></w:r></w:p><w:p>'|safe }}", "văn bản tạo ra không phải XML hợp lệ"),
        ("{% foo %}", "thẻ Jinja viết sai ở đoạn “{% foo %}”: không có thẻ “foo”"),
    ],
)
def test_template_faults_are_named(run: Run, tmp_path: Path, tag: str, message: str) -> None:
    ws = _workspace_with_template(tmp_path, tag)
    for command in (["plan"], ["batch", "-q"]):
        result = run("-w", str(ws), *command)
        assert result.exit_code == 1, result.output
        assert f"mẫu ke-hoach.docx: {message}" in result.stderr, result.stderr
        assert "không lường trước" not in result.stderr
    assert not (ws / "output").exists()


def test_broken_template_packages_are_named(run: Run, tmp_path: Path) -> None:
    ws = _workspace_with_template(tmp_path)
    template = ws / "templates" / "ke-hoach.docx"
    original = tmp_path / "original.docx"
    shutil.copy(template, original)
    with zipfile.ZipFile(original) as archive:
        document = archive.read("word/document.xml")
    cases = {
        "không có phần thân văn bản (w:body)": (
            "word/document.xml",
            document.split(b"<w:body>")[0] + b"</w:document>",
        ),
        "tệp .docx có XML hỏng": ("word/styles.xml", b"<w:styles><broken"),
    }
    for message, (part, data) in cases.items():
        _zip_with(template, original, part, data)
        result = run("-w", str(ws), "plan")
        assert result.exit_code == 1, result.output
        assert f"mẫu ke-hoach.docx: {message}" in result.stderr, result.stderr
        assert "không lường trước" not in result.stderr


def test_memory_error_in_a_render_is_named(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kehoach_docs.render import sandbox

    def exhausted(self: object, template: object, context: object) -> str:
        raise MemoryError

    monkeypatch.setattr(sandbox.LimitedSandbox, "render", exhausted)
    result = run("-w", str(REPO), "plan", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "mẫu ke-hoach.docx: hết bộ nhớ khi tạo văn bản" in result.stderr
