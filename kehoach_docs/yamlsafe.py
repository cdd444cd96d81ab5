"""YAML loading that clerks' files cannot abuse, with a line number for every value.

PyYAML's SafeLoader still expands aliases without bound and keeps the last of two
duplicate keys silently; here the node tree is walked by hand so that both are refused,
every value keeps the line it came from, and every string comes out NFC.

The node tree comes from libyaml's parser where PyYAML has it (the same nodes and line
marks, eight times faster than PyYAML's own parser, which was most of a command's load
time). A file libyaml finds fault with is parsed again by PyYAML's parser, so that every
error message and line is that parser's, as it always was.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError, Problem
from .limits import MAX_YAML_BYTES, InputError, read_file
from .translations import yaml_problem, yaml_reader_problem
from .vn import has_xml_forbidden, nfc, strip_xml_forbidden

# Enough for any real plan; an alias bomb reaches it within milliseconds.
MAX_NODES = 200_000

PathKey = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = _STD + "timestamp"
_STR = _STD + "str"
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
# Where libyaml and PyYAML's parser part ways (found by comparing them on random text):
# a tab, a byte-order mark inside the text, a "?" (libyaml allows it inside words in
# "[…]" and "{…}"), a tag ("!") at the start of a token, a comment right after a block
# scalar's "|" or ">". PyYAML's parser alone reads a file with any of them, so that
# nothing refused before is accepted now, nor read otherwise.
_TAG = re.compile(r"(?:^|[\s\[\]{},])!")
_BLOCK_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _python_only(text: str) -> bool:
    # Looked for character by character first: a regular expression over the whole text
    # cost as much as libyaml's parse of a small file.
    return (
        "\t" in text
        or "\ufeff" in text
        or "?" in text
        or ("!" in text and _TAG.search(text) is not None)
        or (("|" in text or ">" in text) and _BLOCK_COMMENT.search(text) is not None)
        or _NON_PRINTABLE.search(text) is not None
    )


def field_name(path: PathKey) -> str:
    """`ke_hoach.phan[1].muc[0].chu_tri` from a path of keys and indices."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Loaded:
    """A parsed YAML file: its data and the line each value came from."""

    path: Path
    display: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def line_of(self, path: PathKey) -> int | None:
        """The line of `path`, or of the nearest enclosing value that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)

    def problem(self, path: PathKey, message: str, warning: bool = False) -> Problem:
        return Problem(self.display, self.line_of(path), field_name(path), message, warning)

    def release(self) -> None:
        """Let go of the data and the lines once checked, keeping the file's name."""
        self.data = None
        self.lines = {}


class _TooBig(Exception):
    pass


class _Builder:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: Node, path: PathKey, message: str) -> None:
        self.problems.append(
            Problem(self.loaded.display, node.start_mark.line + 1, field_name(path), message)
        )

    def build(self, node: Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        self.loaded.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _STD + "seq":
                self.fail(node, path, f"thẻ YAML “{node.tag}” không được phép")
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.scalar(node, path)

    def mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        if node.tag != _STD + "map":
            self.fail(node, path, f"thẻ YAML “{node.tag}” không được phép")
            return {}
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _STD + "merge":
                self.fail(key_node, path, "khóa phải là một chữ đơn (không dùng khóa gộp “<<”)")
                continue
            key = nfc(str(key_node.value))
            child = (*path, key)
            if key in out:
                first = self.loaded.lines.get(child)
                self.fail(key_node, child, f"khóa “{key}” bị lặp (đã có ở dòng {first})")
                continue
            self.loaded.lines[child] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, child)
        return out

    def scalar(self, node: ScalarNode, path: PathKey) -> Any:
        if node.tag == _TIMESTAMP:
            # Dates stay text so that an impossible date is reported by the schema
            # with its field, not raised here by datetime.
            return node.value
        if node.tag == _STR:
            value = node.value  # what the constructor would return, without its machinery
        elif node.tag not in _SCALAR_TAGS:
            self.fail(node, path, f"thẻ YAML “{node.tag}” không được phép")
            return None
        else:
            try:
                value = self.constructor.construct_object(node)
            except ValueError:
                # Python refuses to convert integers of more than 4300 digits.
                self.fail(node, path, "số có quá nhiều chữ số: nếu là chữ, hãy đặt trong ngoặc kép")
                return None
        if isinstance(value, str):
            value = nfc(value)
            if has_xml_forbidden(value):
                self.loaded.warnings.append(
                    self.loaded.problem(
                        path, "đã bỏ ký tự điều khiển không in được (thường do dán từ Word)", True
                    )
                )
                value = strip_xml_forbidden(value)
        return value


@functools.lru_cache(maxsize=1)
def _fast_loader() -> type[yaml.SafeLoader] | None:
    """libyaml's loader, if PyYAML was built with it and it bounds nesting (libyaml 0.2.5
    and later): PyYAML's composer over libyaml recurses in C, unguarded."""
    loader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    try:
        yaml.compose("[" * 1100 + "]" * 1100, Loader=loader)
    except yaml.YAMLError:
        return loader
    return None


def _tree(loaded: Loaded, node: Node | None, fast: bool) -> Any:
    """The data of a node tree, refused as it always was; None where the tree came from
    libyaml and only PyYAML's parser can say what is wrong (nesting too deep for it)."""
    if node is None:
        raise DataError([Problem(loaded.display, None, "", "tệp rỗng: không có nội dung YAML nào")])
    builder = _Builder(loaded)
    try:
        data = builder.build(node, ())
    except (_TooBig, RecursionError):
        if fast:
            return None
        raise DataError(
            [
                Problem(
                    loaded.display, None, "",
                    f"tệp có quá nhiều giá trị (hơn {MAX_NODES}): có thể do bí danh YAML "
                    "(&, *) lồng nhau",
                )
            ]
        ) from None  # fmt: skip
    if builder.problems:
        raise DataError(builder.problems)
    return data


def load_yaml(path: Path, display: str) -> Loaded:
    """Parse one YAML file safely; raise DataError naming the file and line."""
    loaded = Loaded(path=path, display=display, data=None)

    def fail(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(display, line, "", message)])

    try:
        raw = read_file(path, MAX_YAML_BYTES)
    except InputError as exc:
        raise fail(str(exc)) from None
    if b"\x00" in raw:
        raise fail("tệp không phải văn bản (có byte 0): có thể là tệp nhị phân đặt nhầm chỗ")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail("tệp không ở mã UTF-8: hãy lưu lại với mã hóa UTF-8", line) from None
    fast = _fast_loader()
    if fast is not None and not _python_only(text):
        try:
            # The bytes, already known to be UTF-8: libyaml reads them faster than text.
            node = yaml.compose(raw, Loader=fast)
        except (yaml.YAMLError, RecursionError):
            pass  # said below by PyYAML's parser, in its words
        else:
            data = _tree(loaded, node, fast=True)
            if data is not None:
                loaded.data = data
                return loaded
            loaded = Loaded(path=path, display=display, data=None)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = yaml_problem(exc.problem, exc.context)
        raise fail(f"lỗi cú pháp YAML: {what}", mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise fail(f"lỗi cú pháp YAML: {yaml_reader_problem(exc.character)}", line) from None
    except yaml.YAMLError:
        raise fail("lỗi cú pháp YAML: cú pháp sai") from None
    except RecursionError:
        raise fail("tệp lồng nhau quá sâu") from None
    loaded.data = _tree(loaded, node, fast=False)
    return loaded
