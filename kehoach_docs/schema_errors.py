"""Pydantic's errors, located in the YAML file and said in Vietnamese."""

from __future__ import annotations

import calendar
import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem, did_you_mean, near_id
from .translations import INVALID_VALUE, PYDANTIC
from .vn import fold, shorten
from .yamlsafe import Loaded, PathKey

_DATE_TYPES = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}
_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
_VN_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$")


def suggest(value: str, choices: list[str]) -> str | None:
    """The choice a value was most likely meant to be, read without accents or case."""
    folded = {fold(c): c for c in choices}
    key = fold(value)
    if key in folded:
        return folded[key]
    near = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[near[0]] if near else None


def date_hint(given: str) -> str:
    """Why a date as the clerk typed it is not a date, and what it probably meant."""
    vn, iso = _VN_DATE.match(given), _ISO_DATE.match(given)
    if vn:
        day, month, year = (int(g) for g in vn.groups())
        if len(vn.group(3)) == 2:
            return f"; năm viết đủ 4 chữ số: có phải “{day}/{month}/20{vn.group(3)}”?"
        if len(vn.group(3)) != 4:
            return "; năm viết đủ 4 chữ số"
    elif iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        return ""
    if year < 1:
        return ""
    if not 1 <= month <= 12:
        swapped = ""
        if 1 <= day <= 12 and 1 <= month <= calendar.monthrange(year, day)[1]:
            swapped = f": có phải “{month}/{day}/{year}” (ngày/tháng/năm)?"
        return f"; tháng phải từ 1 đến 12{swapped}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"; tháng {month} năm {year} chỉ có {last} ngày"
    if iso and "-" not in given:
        return f": có phải “{year}-{month:02d}-{day:02d}”?"
    return ""


def _literal(given: Any, ctx: dict[str, Any]) -> str:
    options = re.findall(r"'((?:[^'\\]|\\.)*)'", str(ctx.get("expected", "")))
    near = suggest(str(given), options) if isinstance(given, str) else None
    hint = did_you_mean(near)
    # Each choice in quotes: a status may hold a comma ("Đang thực hiện, quá hạn").
    listed = ", ".join(f"“{o}”" for o in options)
    return f"“{given}” không hợp lệ{hint} (chọn một trong: {listed})"


def _message(err: ErrorDetails, allowed: list[str], raw: Any) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    given = err.get("input")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        if not _KEY.match(key) and given is None:
            return (
                f"“{key}” không phải một khóa: có vẻ câu có dấu phẩy trong “{{…}}” bị tách ra; "
                "hãy đặt cả câu trong ngoặc kép"
            )
        near = near_id(key, allowed)
        hint = did_you_mean(near)
        known = f" (các khóa dùng được: {', '.join(allowed)})" if allowed and not near else ""
        return f"khóa “{key}” không có trong mẫu{hint}{known}"
    if kind in _DATE_TYPES:
        typed = raw if isinstance(raw, str) else given
        return (
            f"ngày không hợp lệ: “{typed}”{date_hint(str(typed))} (viết 2024-03-15 hoặc 15/3/2024)"
        )
    if kind == "literal_error":
        return _literal(given, ctx)
    if kind == "string_pattern_mismatch":
        return (
            f"mã “{given}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu “-” "
            "(ví dụ so-noi-vu)"
        )
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} mục"
    if kind == "too_long":
        return f"nhiều quá {ctx.get('max_length')} mục"
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự"
    if kind in ("greater_than_equal", "greater_than"):
        return f"phải từ {ctx.get('ge', ctx.get('gt'))} trở lên"
    if kind in ("less_than_equal", "less_than"):
        return f"phải không quá {ctx.get('le', ctx.get('lt'))}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "")) or INVALID_VALUE.format(value=shorten(str(given), 60))
    if kind == "string_type" and isinstance(given, dict):
        return (
            "phải là chữ; nếu chữ có dấu “:” hay bắt đầu bằng “[”, “{”, “*”, "
            "hãy đặt cả câu trong ngoặc kép"
        )
    if kind in PYDANTIC:
        return PYDANTIC[kind]
    return INVALID_VALUE.format(value=shorten(str(given), 60))


def message_of(err: ErrorDetails, raw: Any = None) -> str:
    """One pydantic error in Vietnamese, for callers that locate it themselves."""
    return _message(err, [], raw)


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...] / list[...] / dict[..., ...], if any."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if origin in (list, dict, typing.Annotated):
        args = typing.get_args(annotation)
        return _unwrap(args[-1] if origin is not typing.Annotated else args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(root: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        by_alias = {f.alias or name: f for name, f in model.model_fields.items()}
        field = by_alias.get(part)
        if field is None:
            continue
        model = _unwrap(field.annotation)
    return model


def _data_path(data: Any, loc: tuple[int | str, ...]) -> PathKey:
    """Map pydantic's loc onto the YAML path, dropping union-branch tags it inserts."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
        elif isinstance(part, str) and (
            "[" in part or part in _BRANCH_TAGS or (part[:1].isupper() and part.isidentifier())
        ):
            # A tag pydantic puts in for a branch of a union (a type or a model's name).
            continue
        else:
            path.append(part)
            current = None
    return tuple(path)


def _raw(data: Any, path: PathKey) -> Any:
    """The value as written in the file (before any validator rewrote it)."""
    for part in path:
        in_dict = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if not (in_dict or in_list):
            return None
        data = data[part]
    return data


_SCALAR_BRANCHES = {"bool_type", "bool_parsing", "string_type", "int_type", "float_type"}
_BRANCH_TAGS = {"int", "str", "bool", "float", "none", "list", "dict", "date", "function-before"}


def problems_from(exc: ValidationError, loaded: Loaded, root: type[BaseModel]) -> list[Problem]:
    seen: set[tuple[int | None, str]] = set()
    out: list[Problem] = []
    errors = exc.errors()
    paths = [_data_path(loaded.data, err["loc"]) for err in errors]
    for err, path in zip(errors, paths, strict=True):
        if (
            err["type"] in _SCALAR_BRANCHES
            and isinstance(err.get("input"), (dict, list))
            and any(len(other) > len(path) and other[: len(path)] == path for other in paths)
        ):
            # A block where a union also admits a plain value (`bang_nhiem_vu: true` or a
            # table): the clerk meant the block, whose own errors are reported.
            continue
        container = path[:-1] if err["type"] in ("extra_forbidden", "missing") else path
        model = _model_at(root, container)
        allowed = [f.alias or n for n, f in model.model_fields.items()] if model is not None else []
        problem = loaded.problem(path, _message(err, allowed, _raw(loaded.data, path)))
        key = (problem.line, problem.field)
        if key in seen:
            continue
        seen.add(key)
        out.append(problem)
    return out
