"""libyaml's parser and PyYAML's own give the same result for every file: the same data,
the same line for every value, the same warnings, the same errors in the same words."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from kehoach_docs import yamlsafe
from kehoach_docs.errors import DataError

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    yamlsafe._fast_loader() is None, reason="PyYAML built without libyaml"
)


def outcome(path: Path, fast: bool, large: bool = False) -> Any:
    """What loading `path` gives, with libyaml's parser or with PyYAML's only; `large`:
    libyaml's events read as they come, as for a file larger than SMALL_FILE."""
    saved = yamlsafe._fast_loader
    try:
        if not fast:
            yamlsafe._fast_loader = lambda: None  # type: ignore[assignment]
        with mock.patch.object(yamlsafe, "SMALL_FILE", 0 if large else yamlsafe.SMALL_FILE):
            loaded = yamlsafe.load_yaml(path, "plans/f.yaml")
    except DataError as exc:
        return [str(p) for p in exc.problems]
    finally:
        yamlsafe._fast_loader = saved  # type: ignore[method-assign]
    return loaded.data, loaded.lines, [str(w) for w in loaded.warnings]


def same(path: Path, large: bool = False) -> Any:
    fast, slow = outcome(path, True, large), outcome(path, False)
    assert fast == slow
    return fast


WORKSPACE_FILES = sorted(
    p
    for folder in ("plans", "examples", "tests/data", "kehoach_docs/starter")
    for p in (REPO / folder).rglob("*.y*ml")
)


def test_every_yaml_file_of_the_repository(tmp_path: Path) -> None:
    assert len(WORKSPACE_FILES) > 40
    for path in WORKSPACE_FILES:
        data, lines, _ = same(path)
        assert data and lines


SNIPPETS = {
    "plain": "a: 1\nb: x y\nc: [1, 2.5, true, null, ~, 0x1F, 1e3, .inf]\n",
    "multi-line plain": "a: một dòng\n  dòng hai\n\n  đoạn mới\nb: x\n",
    "folded and literal": "a: >\n  gập\n  dòng\n\n  tiếp\nb: |-\n  giữ\n   nguyên\n"
    "c: |2+\n   x\n\n",
    "quoted": 'a: "dấu \\" và \\u00e0 \\x41 \\n"\nb: \'đơn \'\' nháy\'\nc: "dài\n  hai dòng"\n',
    "flow": "a: {b: [1, {c: d}], e: 'f'}\ng: [ x , y ,]\n",
    "anchors": "a: &x [1, 2]\nb: *x\nc: &y {k: v}\nd: *y\n",
    "anchors within anchors": "a: &x {b: &y [1, {c: 2}], d: 3}\ne: *y\nf: *x\n"
    "g: [&z {h: *y, i: &w x}, *z, *w]\n",
    "anchored value of a repeated key": "a: 1\na: &x [1, {b: 2}]\nc: *x\n",
    "anchored key": "&k a: 1\nb: *k\nc: {&m [x]: 1}\nd: *m\n",
    "anchor twice": "a: &x 1\nb: &x [2]\nc: *x\n",
    "alias inside its own anchor": "a: &x [1, *x]\n",
    "comments": "# đầu\na: 1 # sau\n# giữa\nb:\n  # trong\n  - x\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "other line breaks": "a: x\x85b: y\u2028c: z\u2029d: w\n",
    "bom": "\ufeffa: 1\n",
    "document markers": "---\na: 1\n...\n",
    "explicit empty document": "---\n",
    "only comments": "# không có gì\n",
    "empty": "",
    "two documents": "a: 1\n---\nb: 2\n",
    "tabs in value": 'a: x\ty\nb: "\\t"\n',
    "tab indent": "a:\n\t- x\n",
    "bad indent": "a:\n  b: 1\n c: 2\n",
    "unclosed flow": "a: [1, 2\nb: 3\n",
    "unclosed quote": 'a: "x\nb: 3\n',
    "colon in plain": "a: b:c\nd: e: f\n",
    "duplicate key": "ten: A\nloai: so\nten: B\n",
    "merge key": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "merge key quoted, tagged": 'a: &x {b: 1}\nc: {"<<": 1, !!str <<: 2, !!merge <<: *x}\n',
    "tagged collections": "a: !!map {b: !!seq [1], c: ! [2], d: ! {e: 3}}\n",
    "python tag": "x: !!python/object/apply:os.system ['true']\n",
    "unknown tag": "x: !thu 1\ny: !!set {a, b}\n",
    "timestamp": "ngay: 2024-02-30\nluc: 2024-01-01 10:00:00\n",
    "binary tag": "x: !!binary aGVsbG8=\n",
    "undefined alias": "a: *nope\n",
    "control character": "a: x\x07y\n",
    "delete character": "a: x\x7fy\n",
    "private use": "a: \ue000\n",
    "non-characters": "a: \ufffe\n",
    "astral": "a: 𝔸 😀\n",
    "decomposed": 'ten: "So\u031b\u0309 No\u0302\u0323i vu\u0323"\n',
    "forbidden in xml": 'a: "x\\x0by"\n',
    "long key": "k" * 1100 + ": 1\n",
    "huge integer": "a: " + "9" * 5000 + "\n",
    "nested": "a:\n" + "".join("  " * i + f"- b{i}:\n" for i in range(1, 60)) + "  " * 60 + "x\n",
    "deep flow": "a: " + "[" * 400 + "]" * 400 + "\n",
    "too deep for python": "a: " + "[" * 900 + "]" * 900 + "\n",
    "too deep for libyaml": "a: " + "[" * 2000 + "]" * 2000 + "\n",
    "question mark in flow": "a: [x?y, b]\nc: {d: e?f}\n",
    "question mark in prose": "a: Có phải không?\n",
    "tag alone": "a: !\nb: [!, x]\n",
    "exclamation in prose": "a: Chú ý! Hạn chót\n",
    "block header with comment": "a: |#c\n  x\n",
    "byte-order mark inside": "a: x\ufeffy\n",
    "sequence at top": "- a\n- b\n",
    "scalar at top": "chỉ là chữ\n",
    "key without value": "a:\nb: 1\n",
    "complex key": "? [a, b]\n: 1\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "bad directive": "%YAML 2.0\n---\na: 1\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets(name: str, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(SNIPPETS[name].encode("utf-8", "surrogatepass"))
    same(path)


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippets_read_as_large_files(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large file (a registry of thousands of agencies) is read from libyaml's events as
    # they come, not from its node tree: the same again, for every snippet.
    monkeypatch.setattr(yamlsafe, "SMALL_FILE", 0)
    test_snippets(name, tmp_path)


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "f.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "bí danh YAML" in same(path)[0]


_text = st.text(st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=12)
_scalars = st.one_of(_text, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)


@given(
    data=_values,
    flow=st.sampled_from([None, True, False]),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    width=st.integers(10, 80),
    large=st.booleans(),
)
def test_what_pyyaml_writes(
    data: Any, flow: bool | None, style: str | None, width: int, large: bool
) -> None:
    import tempfile

    text = yaml.safe_dump(
        {"a": data}, allow_unicode=True, default_flow_style=flow, default_style=style,
        width=width,
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.yaml"
        path.write_text(text, encoding="utf-8")
        same(path, large)


SMALL_FILES = [p for p in WORKSPACE_FILES if p.stat().st_size < 6000]
_PIECES = [*":-[]{},'\"#&*!|>?%@`\\ \t\n", "\n  ", "\n- ", ": ", "---", "&a ", "*a", "!!str ",
           "? ", "|2", ">-", "\u2028", "\ufeff", "é"]  # fmt: skip


@given(
    st.sampled_from(SMALL_FILES),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_PIECES), st.integers(0, 4)), max_size=3),
    st.booleans(),
)
def test_a_real_file_with_a_slip(
    path: Path, slips: list[tuple[float, str, int]], large: bool
) -> None:
    """A clerk's slip of the keyboard in a real file: a character added, a few lost."""
    import tempfile

    text = path.read_text(encoding="utf-8")
    for where, added, lost in slips:
        at = int(where * len(text))
        text = text[:at] + added + text[at + lost :]
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "f.yaml"
        target.write_text(text, encoding="utf-8", newline="")
        same(target, large)


@given(st.text(st.sampled_from("ab: -[]{},'\"#&*!|>\n\t?%@`\\x0"), max_size=40), st.booleans())
def test_any_text(text: str, large: bool) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.yaml"
        path.write_text(text, encoding="utf-8")
        same(path, large)
