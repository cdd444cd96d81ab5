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
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError, Problem
from .limits import MAX_YAML_BYTES, InputError, read_file
from .translations import yaml_problem, yaml_reader_problem
from .vn import has_xml_forbidden, nfc, strip_xml_forbidden

# Enough for any real plan; an alias bomb reaches it within milliseconds.
MAX_NODES = 200_000
# Below this size a file's node tree is built whole (a few MB at most); a larger file
# (a registry of 10,000 agencies) is read event by event, its tree never held.
SMALL_FILE = 256 * 1024
_EMPTY = "tệp rỗng: không có nội dung YAML nào"
_CONTROL = (
    "đã bỏ ký tự điều khiển không in được (thường do dán từ Word; dấu ngắt dòng thành dấu cách)"
)

PathKey = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = _STD + "timestamp"
_STR = _STD + "str"
_MAP = _STD + "map"
_SEQ = _STD + "seq"
_MERGE = _STD + "merge"
_BAD_KEY = "khóa phải là một chữ đơn (không dùng khóa gộp “<<”)"
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


@dataclass(slots=True)
class Loaded:
    """A parsed YAML file: its data and the line each value came from."""

    path: Path
    display: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    raw: bytes = b""  # the file as it was read
    # The lines were let go (modelled): found again from `raw` when asked for.
    forgotten: bool = False

    def line_of(self, path: PathKey) -> int | None:
        """The line of `path`, or of the nearest enclosing value that has one."""
        lines = _lines_again(self) if self.forgotten else self.lines
        probe = tuple(path)
        while probe:
            if probe in lines:
                return lines[probe]
            probe = probe[:-1]
        return lines.get((), 1)

    def modelled(self) -> None:
        """Let go of the data and the lines of a file whose model is made, keeping its
        bytes: a report's table of lines took more memory than what is kept of the report
        (10,000 reports), and is needed only where a check finds something to say, which
        is rare; its lines are then found again from the bytes."""
        self.data = None
        if self.raw:
            self.lines = {}
            self.forgotten = True

    def problem(self, path: PathKey, message: str, warning: bool = False) -> Problem:
        return Problem(self.display, self.line_of(path), field_name(path), message, warning)

    def release(self) -> None:
        """Let go of the data and the lines once checked, keeping the file's name."""
        self.data = None
        self.lines = {}
        self.raw = b""
        self.forgotten = False


# The lines of the last file whose lines were found again: its checks usually ask for
# several, one after another.
_AGAIN: list[tuple[Loaded, dict[PathKey, int]]] = []


def _lines_again(loaded: Loaded) -> dict[PathKey, int]:
    """The lines of a file that forgot them, from the same bytes parsed the same way."""
    if _AGAIN and _AGAIN[0][0] is loaded:
        return _AGAIN[0][1]
    lines = parse_yaml(loaded.raw, loaded.path, loaded.display).lines
    _AGAIN[:] = [(loaded, lines)]
    return lines


class _TooBig(Exception):
    pass


class _Fallback(Exception):
    """libyaml's events say something only PyYAML's composer has words for."""


class _Syntax(Exception):
    """libyaml's scanner or parser found fault with the text (not its composer)."""


# What libyaml's scanner and parser raise (its composer raises ComposerError).
_SYNTAX_ERRORS = (yaml.scanner.ScannerError, yaml.parser.ParserError)


class _Builder:
    """The data of a node tree (PyYAML's composer), every value with its line."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, line: int, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.loaded.display, line, field_name(path), message))

    def counted(self, path: PathKey, line: int) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        self.loaded.lines.setdefault(path, line)

    def build(self, node: Node, path: PathKey) -> Any:
        line = node.start_mark.line + 1
        self.counted(path, line)
        if node.tag == _STR and type(node) is ScalarNode:
            return self.clean(node.value, path)  # most values: said first, said quickest
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.fail(line, path, f"thẻ YAML “{node.tag}” không được phép")
                return None
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self.scalar(node.tag, node.value, line, path, lambda: node)

    def mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        if node.tag != _MAP:
            self.fail(node.start_mark.line + 1, path, f"thẻ YAML “{node.tag}” không được phép")
            return {}
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                self.fail(line, path, _BAD_KEY)
                continue
            text = self.word(nfc(str(key_node.value)))
            child = self.key(out, text, line, path)
            if child is not None:
                out[text] = self.build(value_node, child)
        return out

    def key(self, out: dict[str, Any], key: str, line: int, path: PathKey) -> PathKey | None:
        """The path of the value under `key`, or None for a key already there."""
        child = (*path, key)
        if key in out:
            first = self.loaded.lines.get(child)
            self.fail(line, child, f"khóa “{key}” bị lặp (đã có ở dòng {first})")
            return None
        self.loaded.lines[child] = line
        return child

    def scalar(
        self, tag: str, raw: str, line: int, path: PathKey, node: Callable[[], ScalarNode]
    ) -> Any:
        value: Any
        if tag == _TIMESTAMP:
            # Dates stay text so that an impossible date is reported by the schema
            # with its field, not raised here by datetime.
            return raw
        if tag == _STR:
            value = raw  # what the constructor would return, without its machinery
        elif tag not in _SCALAR_TAGS:
            self.fail(line, path, f"thẻ YAML “{tag}” không được phép")
            return None
        else:
            try:
                value = self.constructor.construct_object(node())
            except ValueError:
                # Python refuses to convert integers of more than 4300 digits.
                self.fail(line, path, "số có quá nhiều chữ số: nếu là chữ, hãy đặt trong ngoặc kép")
                return None
        return self.clean(value, path) if isinstance(value, str) else value

    def clean(self, value: str, path: PathKey) -> str:
        """Text in NFC, without the control characters XML cannot hold."""
        value = nfc(value)
        if has_xml_forbidden(value):
            self.loaded.warnings.append(self.loaded.problem(path, _CONTROL, True))
            value = strip_xml_forbidden(value)
        return self.word(value)

    def word(self, text: str) -> str:
        # Each short text once in the process: a registry of 10,000 agencies says
        # "GIÁM ĐỐC", its place and its keys 10,000 times over (4 of its 7 MB of text),
        # a period's 10,000 reports their statuses and keys. (An interned text goes
        # when nothing holds it any more.)
        return sys.intern(text) if len(text) <= _SHORT else text


Next = Callable[[], Event]
# Far deeper than any real file; far from where PyYAML's recursive composer gives up.
_DEEP = 100


class _LibyamlBuilder(_Builder):
    """A builder of what libyaml read: the text is kept to place its last line as PyYAML
    does (see _EventBuilder.node)."""

    def __init__(self, loaded: Loaded, text: str) -> None:
        super().__init__(loaded)
        self.text = text

    @functools.cached_property
    def last_line(self) -> int:
        """The number of the text's last line, counting line breaks as PyYAML does."""
        text = self.text
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        return 1 + breaks + sum(text.count(c) for c in "\x85\u2028\u2029")


class _EventBuilder(_LibyamlBuilder):
    """The same data and lines built from libyaml's events as they come, with no node tree
    in between: the tree of a 3 MB registry held 90 MB at once, two marks for each value.
    Anchored values keep their events, replayed at each alias as the tree would be walked
    again there. Whatever PyYAML's composer would refuse or read differently (an alias as
    a key, to an unknown anchor or to its own anchor, an anchor twice, a second document)
    raises _Fallback: PyYAML's parser then reads the file, as it did before."""

    def __init__(self, loaded: Loaded, loader: Any, text: str) -> None:
        super().__init__(loaded, text)
        self.loader = loader
        self.anchors: dict[str, list[Event]] = {}
        self.recording: list[tuple[str, list[Event]]] = []
        # The first characters the resolver has implicit types for (numbers, dates,
        # booleans, null): a plain word starting with any other is text, as the resolver
        # would answer, and it is not asked (most of a registry's 100,000 words).
        resolvers = loader.yaml_implicit_resolvers
        self.typed_starts = frozenset(resolvers)
        self.always_resolve = None in resolvers or bool(loader.yaml_path_resolvers)

    def next(self) -> Event:
        event: Event = self.loader.get_event()
        if self.recording:
            for _, events in self.recording:
                events.append(event)
        return event

    def document(self) -> tuple[bool, Any]:
        """(whether the file holds a document, its data)."""
        self.next()  # stream start
        if isinstance(self.next(), StreamEndEvent):
            return False, None
        # Events are kept only within an anchored collection (see anchor()): elsewhere
        # they are read from libyaml as they are, not through next().
        data = self.node(self.next(), self.loader.get_event, (), replaying=False)
        self.next()  # document end
        if not isinstance(self.next(), StreamEndEvent):
            raise _Fallback  # a second document
        return True, data

    def resolve(self, kind: type[Node], event: Any, value: str | None) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            if kind is not ScalarNode and not self.loader.yaml_path_resolvers:
                # (what the resolver answers for any collection without a tag)
                return _MAP if kind is MappingNode else _SEQ
            tag = self.loader.resolve(kind, value, event.implicit)
        assert tag is not None
        return tag

    def anchor(self, event: Any, replaying: bool, pull: Next) -> Next:
        """Note the anchor an event opens (in a replay, it is known already); the events
        of the collection it opens are then read by next(), which keeps them."""
        name = event.anchor
        if name is None or replaying:
            return pull
        if name in self.anchors or any(name == n for n, _ in self.recording):
            raise _Fallback  # an anchor twice
        if isinstance(event, ScalarEvent):
            self.anchors[name] = [event]
            return pull
        self.recording.append((name, [event]))
        return self.next

    def close(self, event: Any, replaying: bool) -> None:
        if event.anchor is not None and not replaying and not isinstance(event, ScalarEvent):
            name, events = self.recording.pop()
            self.anchors[name] = events

    def node(self, event: Any, pull: Next, path: PathKey, replaying: bool) -> Any:
        if type(event) is ScalarEvent and event.anchor is None and len(path) <= _DEEP:
            # Most values, said first: nothing to note, nothing to close.
            line = event.start_mark.line + 1  # type: ignore[union-attr]
            self.counted(path, line)
            return self.scalar_value(event, path, line)
        if isinstance(event, AliasEvent):
            events = self.anchors.get(event.anchor or "")
            if events is None:
                raise _Fallback  # an unknown anchor, or an alias inside its own anchor
            replay = iter(events)
            return self.node(next(replay), lambda: next(replay), path, replaying=True)
        if len(path) > _DEEP:
            raise _Fallback  # where PyYAML's composer may run out of stack, it decides
        pull = self.anchor(event, replaying, pull)
        line = event.start_mark.line + 1
        self.counted(path, line)
        out: Any
        if isinstance(event, ScalarEvent):
            out = self.scalar_value(event, path, line)
        elif isinstance(event, MappingStartEvent):
            out = self.mapping_events(event, pull, path, replaying)
        elif isinstance(event, SequenceStartEvent):
            tag = self.resolve(SequenceNode, event, None)
            if tag != _SEQ:
                self.fail(line, path, f"thẻ YAML “{tag}” không được phép")
                self.skip_rest(pull, replaying)
                out = None
            else:
                out = []
                while not isinstance(item := pull(), SequenceEndEvent):
                    out.append(self.node(item, pull, (*path, len(out)), replaying))
        else:
            raise _Fallback
        self.close(event, replaying)
        return out

    def scalar_value(self, event: Any, path: PathKey, line: int) -> Any:
        """The value of a scalar event, as the resolver and scalar() would make it."""
        value: str = event.value
        if not value and line > self.last_line:
            # An empty value at the end of a file with no line break after it:
            # libyaml marks it on the next line, PyYAML's parser on this one.
            raise _Fallback
        tag: str | None = event.tag
        if tag is None and not self.always_resolve:
            # What the resolver answers: text, unless a plain word may be of a type.
            if event.implicit[0] and value[:1] in self.typed_starts:
                tag = self.resolve(ScalarNode, event, value)
            else:
                tag = _STR
        elif tag is None or tag == "!":
            tag = self.resolve(ScalarNode, event, value)
        if tag != _STR:
            return self.scalar(tag, value, line, path, lambda: _scalar_node(tag, event))
        text = nfc(value)
        if event.style == '"' and has_xml_forbidden(text):
            # Only a double-quoted escape can make such a character here: a file with
            # one as it is was left to PyYAML's parser (_python_only).
            return self.clean(text, path)
        return self.word(text)

    def mapping_events(self, start: Any, pull: Next, path: PathKey, replaying: bool) -> Any:
        tag = self.resolve(MappingNode, start, None)
        if tag != _MAP:
            self.fail(start.start_mark.line + 1, path, f"thẻ YAML “{tag}” không được phép")
            self.skip_rest(pull, replaying)
            return {}
        out: dict[str, Any] = {}
        deep = len(path) >= _DEEP
        while True:
            # The work of counted() and node() for one pair, done here for the usual one
            # (a plain key, a value with no anchor): a registry has 100,000.
            key: Any = pull()
            if type(key) is MappingEndEvent:
                return out
            line = key.start_mark.line + 1
            # Only a plain "<<" or a tag can make a merge key: the resolver is not asked
            # of the 100,000 other keys of a large registry.
            plain = type(key) is ScalarEvent and key.anchor is None and key.tag is None
            if not (plain and key.value != "<<") and self.odd_key(key, line, pull, path, replaying):
                continue
            text = self.word(nfc(key.value))
            child = self.key(out, text, line, path)
            if child is None:
                self.skip(pull(), pull, replaying)
                continue
            value: Any = pull()
            if type(value) is ScalarEvent and value.anchor is None and not deep:
                self.count += 1  # (its line is the key's, noted above)
                if self.count > MAX_NODES:
                    raise _TooBig
                out[text] = self.scalar_value(value, child, value.start_mark.line + 1)  # type: ignore[union-attr]
            else:
                out[text] = self.node(value, pull, child, replaying)

    def odd_key(self, key: Any, line: int, pull: Next, path: PathKey, replaying: bool) -> bool:
        """Note a key's anchor; True if it is no key (said) and its value was read past."""
        if isinstance(key, AliasEvent):  # (its mark is where it stands)
            raise _Fallback  # an alias as a key
        inner = self.anchor(key, replaying, pull)
        if not isinstance(key, ScalarEvent):
            self.fail(line, path, _BAD_KEY)
            self.skip_rest(inner, replaying)  # the key's own collection
            self.close(key, replaying)
            self.skip(pull(), pull, replaying)
            return True
        if self.resolve(ScalarNode, key, key.value) == _MERGE:
            self.fail(line, path, _BAD_KEY)
            self.skip(pull(), pull, replaying)
            return True
        return False

    def skip(self, event: Any, pull: Next, replaying: bool) -> None:
        """Read past a value that is not built, its anchors still noted."""
        if isinstance(event, AliasEvent):
            if event.anchor not in self.anchors:
                raise _Fallback
            return
        pull = self.anchor(event, replaying, pull)
        if not isinstance(event, ScalarEvent):
            self.skip_rest(pull, replaying)
        self.close(event, replaying)

    def skip_rest(self, pull: Next, replaying: bool) -> None:
        """Read past the rest of a collection whose start has been read."""
        while not isinstance(event := pull(), (MappingEndEvent, SequenceEndEvent)):
            self.skip(event, pull, replaying)


class _NodeBuilder(_LibyamlBuilder):
    """The data of a node tree libyaml composed, refusing what the event builder refuses,
    so that either reads a file as PyYAML's parser would (or leaves it to that parser)."""

    def build(self, node: Node, path: PathKey) -> Any:
        if len(path) > _DEEP:
            raise _Fallback
        # An empty value marked past the last line: see _EventBuilder.node.
        empty = isinstance(node, ScalarNode) and not node.value
        if empty and node.start_mark.line >= self.last_line:
            raise _Fallback
        return super().build(node, path)


def _small_file(loaded: Loaded, fast: Any, raw: bytes, text: str) -> Loaded | None:
    """A small file read through libyaml's composer, its tree walked once: 0.33 ms for a
    report where walking libyaml's events one by one took 0.55 ms (a period's 10,000
    reports). None: a file this path leaves to PyYAML's parser."""
    loader = fast(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(loaded.display, None, "", _EMPTY)])
        builder = _NodeBuilder(loaded, text)
        data = builder.build(node, ())
    except _SYNTAX_ERRORS:
        raise _Syntax from None
    except (yaml.YAMLError, RecursionError, _Fallback, _TooBig):
        return None
    finally:
        loader.dispose()
    if builder.problems:
        raise DataError(builder.problems)
    loaded.data = data
    return loaded


def _large_file(loaded: Loaded, fast: Any, raw: bytes, text: str) -> Loaded | None:
    """A large file read from libyaml's events as they come (see _EventBuilder). None: a
    file this path leaves to PyYAML's parser."""
    loader = fast(raw)
    builder = _EventBuilder(loaded, loader, text)
    try:
        found, data = builder.document()
    except _SYNTAX_ERRORS:
        raise _Syntax from None
    except (yaml.YAMLError, RecursionError, _Fallback, _TooBig):
        return None
    finally:
        loader.dispose()
    if not found:
        raise DataError([Problem(loaded.display, None, "", _EMPTY)])
    if builder.problems:
        raise DataError(builder.problems)
    loaded.data = data
    return loaded


def _scalar_node(tag: str, event: Any) -> ScalarNode:
    return ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)


# Short words (keys, statuses, units) come again and again: their tags are kept, up to
# RESOLVED_KEPT of them; then the kept ones are let go and the words that come again are
# kept anew (kept for good, a registry's 10,000 ids and names held 5 MB for nothing).
_SHORT = 40
_RESOLVED: dict[tuple[type[Node], str | None, Any], str] = {}
RESOLVED_KEPT = 2_000


@functools.cache
def _fast_loader() -> Any:
    """libyaml's loader, if PyYAML was built with it."""
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None

    class Loader(base):  # type: ignore[misc,valid-type]
        """The resolver's answer, which depends on nothing but its arguments, kept for
        short words: a fifth of the time libyaml's composer took over 10,000 reports."""

        def resolve(self, kind: type[Node], value: str | None, implicit: Any) -> str:
            if value is not None and len(value) > _SHORT:
                return cast(str, super().resolve(kind, value, implicit))
            key = (kind, value, implicit)
            tag = _RESOLVED.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) >= RESOLVED_KEPT:
                    _RESOLVED.clear()
                _RESOLVED[key] = tag
            return tag

    return Loader


def load_yaml(path: Path, display: str) -> Loaded:
    """Parse one YAML file safely; raise DataError naming the file and line."""
    raw = read_yaml_bytes(path, display)
    loaded = parse_yaml(raw, path, display)
    loaded.raw = raw
    return loaded


def read_yaml_bytes(path: Path, display: str) -> bytes:
    """The bytes of a YAML file, within its size limit; DataError naming the file if not."""
    try:
        return read_file(path, MAX_YAML_BYTES)
    except InputError as exc:
        raise DataError([Problem(display, None, "", str(exc))]) from None


def parse_yaml(raw: bytes, path: Path, display: str) -> Loaded:
    """Parse the bytes of the file `path` safely, as load_yaml."""
    loaded = Loaded(path=path, display=display, data=None)

    def fail(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(display, line, "", message)])

    if b"\x00" in raw:
        raise fail("tệp không phải văn bản (có byte 0): có thể là tệp nhị phân đặt nhầm chỗ")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail("tệp không ở mã UTF-8: hãy lưu lại với mã hóa UTF-8", line) from None
    fast = _fast_loader()
    syntax = False
    if fast is not None and not _python_only(text):
        # The bytes, already known to be UTF-8: libyaml reads them faster than text.
        read = _small_file if len(raw) <= SMALL_FILE else _large_file
        try:
            done = read(loaded, fast, raw, text)
        except _Syntax:
            syntax = True
        else:
            if done is not None:
                return done
        # What libyaml's path left is said below by PyYAML's parser, in its words.
        loaded = Loaded(path=path, display=display, data=None)
    try:
        if syntax:
            # Where libyaml found a syntax error, PyYAML's parser finds its own, the one
            # said, reading event by event: its composer's tree of a 1.5 MB registry held
            # 70 MB more, and took a third longer, to fail at the same place. (Composed
            # only if the parser finds nothing: libyaml and it part ways there.)
            for _ in yaml.parse(text, Loader=yaml.SafeLoader):
                pass
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
    if node is None:
        raise fail(_EMPTY)
    builder = _Builder(loaded)
    try:
        loaded.data = builder.build(node, ())
    except (_TooBig, RecursionError):
        raise fail(
            f"tệp có quá nhiều giá trị (hơn {MAX_NODES}): có thể do bí danh YAML (&, *) lồng nhau"
        ) from None
    if builder.problems:
        raise DataError(builder.problems)
    return loaded
