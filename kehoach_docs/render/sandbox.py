"""The Jinja environment a template runs in: sandboxed, and bounded in time and size.

Jinja's sandbox stops a template from reaching Python, but not from looping for ever or
building a string of gigabytes. Here every loop turn, call, filter and operator checks a
deadline, and what they make (and the document as it streams out) is held to a size.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import math
import time
from collections.abc import Callable, Iterable, Iterator
from types import CodeType
from typing import Any

from jinja2 import Template, nodes
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from .. import limits

_LOOP = "_kh_loop"
_SIZED = (str, bytes, list, tuple, dict)


class RenderLimit(Exception):
    """A render went past one of its limits; the message says which, in Vietnamese."""


class TemplateShape(Exception):
    """A template uses what a standalone .docx template cannot (include, import, …)."""

    def __init__(self, lineno: int) -> None:
        super().__init__(lineno)
        self.lineno = lineno


def _too_slow() -> RenderLimit:
    return RenderLimit(
        f"tạo văn bản quá {limits.RENDER_SECONDS:.0f} giây nên đã dừng "
        "(vòng lặp hay macro trong mẫu lặp quá nhiều lần?)"
    )


def _too_big() -> RenderLimit:
    return RenderLimit(
        f"văn bản tạo ra vượt {limits.MAX_RENDERED_CHARS // limits.MB} MB nên đã dừng "
        "(vòng lặp hay phép nhân chuỗi trong mẫu tạo quá nhiều nội dung?)"
    )


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


class LimitedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, data: Iterable[type] = (), **options: Any) -> None:
        """`data`: dataclasses whose fields are plain data a template may read."""
        super().__init__(**options)
        self._deadline = math.inf
        self._safe: dict[tuple[type, str], bool] = {}
        self._fields = {kind: frozenset(f.name for f in dataclasses.fields(kind)) for kind in data}
        self.globals[_LOOP] = self._loop
        for table in (self.filters, self.tests):
            for name, function in list(table.items()):
                table[name] = self._bounded(function)

    # -- checks -----------------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Jinja's answer depends on the object's type and the name only: asked once per
        # pair, not on every attribute a template reads (a third of a render's time).
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A template reads the fields of its context (`b.kind`, `b.runs`) a hundred times
        # a document; a field of a data class is data (a text, runs, a list), which
        # Jinja's checks for methods and private names would always let through.
        fields = self._fields.get(type(obj))
        if fields is not None and attribute in fields:
            return getattr(obj, attribute)  # (the builtin: a field, slotted or not)
        return super().getattr(obj, attribute)

    def tick(self) -> None:
        if time.monotonic() > self._deadline:
            raise _too_slow()

    def _checked(self, value: Any) -> Any:
        if _size(value) > limits.MAX_RENDERED_CHARS:
            raise _too_big()
        return value

    def _loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.tick()
            yield item

    def _bounded(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)  # keeps Jinja's pass_context & co. markers
        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int) and abs(arg) > limits.MAX_RENDERED_CHARS:
                    raise _too_big()
            return self._checked(function(*args, **kwargs))

        return bounded

    def call(
        __self,  # Jinja's own signature: keyword arguments pass through untouched
        __context: Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        __self.tick()
        return __self._checked(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator == "*":
            count = right if isinstance(left, _SIZED) else left
            sized = left if isinstance(left, _SIZED) else right
            if isinstance(count, int) and _size(sized) * count > limits.MAX_RENDERED_CHARS:
                raise _too_big()
        elif operator == "**":
            whole = isinstance(left, int) and isinstance(right, int) and right > 0
            if whole and abs(left) > 1 and right * abs(left).bit_length() > 64 * 1024:
                raise RenderLimit("một phép lũy thừa (**) trong mẫu cho số quá lớn")
        elif operator == "+" and _size(left) + _size(right) > limits.MAX_RENDERED_CHARS:
            raise _too_big()
        return self._checked(super().call_binop(context, operator, left, right))

    # -- preparing and rendering -------------------------------------------------------

    def prepare(self, source: str) -> tuple[CodeType, set[str]]:
        """Compile a template once, every loop bounded; return its code (see `template`)
        and the names it reads."""
        from jinja2 import meta

        tree = self.parse(source)
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            raise TemplateShape(node.lineno)
        names = meta.find_undeclared_variables(tree)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name(_LOOP, "load"), [loop.iter], [], None, None)
        return self.compile(tree), names

    def template(self, code: CodeType) -> Template:
        """The template of code `prepare` made (as Jinja's from_string makes it)."""
        return self.template_class.from_code(self, code, self.make_globals(None), None)

    def render(self, template: Template, context: dict[str, Any]) -> str:
        """The template's output, stopped at the time and size limits."""
        self._deadline = time.monotonic() + limits.RENDER_SECONDS
        # Written as it comes: a body's paragraphs are made as the template reads them
        # (context.Blocks), and each is let go once written, not held to be joined.
        out = io.StringIO()
        size = 0
        try:
            for chunk in template.generate(context):
                size += len(chunk)
                if size > limits.MAX_RENDERED_CHARS:
                    raise _too_big()
                self.tick()
                out.write(chunk)
        finally:
            self._deadline = math.inf
        return out.getvalue()
