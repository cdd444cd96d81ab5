"""Shared pydantic configuration: English attributes, the clerks' keys as aliases."""

import functools
import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema


class Model(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True, defer_build=True)


# Every set of field names seen, by its names (a few hundred at most: one per shape).
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def share_field_sets(model: BaseModel) -> None:
    """Give `model` and the models inside it the one set of field names each shape has.

    Pydantic keeps in every instance its own set of the names of the fields it was given:
    for an agency of seven keys, 728 bytes, more than its values (10,000 agencies: 11 MB
    of identical sets). These models are frozen: pydantic changes such a set only when a
    field is assigned (never, here) and copies it before a model_copy changes it."""
    stack: list[BaseModel] = [model]
    while stack:
        value = stack.pop()
        names = value.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault(frozenset(names), names)
        if shared is not names:
            object.__setattr__(value, "__pydantic_fields_set__", shared)
        held = value.__dict__
        for name in _nesting(type(value)):
            inner = held[name]
            if isinstance(inner, BaseModel):
                stack.append(inner)
            elif isinstance(inner, list | tuple | dict):
                items = inner.values() if isinstance(inner, dict) else inner
                stack.extend(item for item in items if isinstance(item, BaseModel))


@functools.cache
def _nesting(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` whose values may be or hold models (an agency's header and
    signer, not its name): only these are looked into (10,000 agencies: 130 ms to 30)."""
    return tuple(
        name
        for name, info in cls.model_fields.items()
        if any(isinstance(t, type) and issubclass(t, BaseModel) for t in _types_in(info.annotation))
    )


def _types_in(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in get_args(annotation):
        yield from _types_in(arg)


def new_list() -> list[Any]:
    """A new empty list, as a field's default. Pydantic reads the signature of a default
    factory; for the builtin `list` that means parsing its text signature (0.3 ms, against
    0.01 ms for a function): 15 ms of every command's start for the models' 41 lists."""
    return []


# `[^key]` in a text field refers to the footnote `key` of the plan's `chu_thich`.
FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")

_VN_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _vn_date(value: Any) -> Any:
    """Accept `15/3/2024` as clerks write it, beside ISO `2024-03-15`."""
    if isinstance(value, str):
        match = _VN_DATE.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
        if not value.strip():
            return None
    return value


def parse_day(text: str) -> date | None:
    """A date typed as a clerk writes it (15/3/2024) or as ISO (2024-03-15); None if it is
    not one."""
    value = _vn_date(text.strip())
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


Date = Annotated[date, BeforeValidator(_vn_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_vn_date)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]


def as_list(value: Any) -> Any:
    """A text field may be one paragraph or a list of paragraphs."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


STRING_OR_LIST: dict[str, Any] = {
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
}
# Paragraphs: one string, or a list of them; the editor schema says both are fine.
TextList = Annotated[list[str], BeforeValidator(as_list), WithJsonSchema(STRING_OR_LIST)]


def with_shorthand(schema: dict[str, Any], *alternatives: dict[str, Any]) -> dict[str, Any]:
    """A model's JSON schema that also admits the shorthand forms its validator accepts."""
    return {"anyOf": [schema, *alternatives]}
