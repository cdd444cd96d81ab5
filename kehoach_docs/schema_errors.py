"""Pydantic's errors, located in the YAML file and said in Vietnamese."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem
from .yamlsafe import Loaded, PathKey

_TYPE_WORDS = {
    "missing": "thiếu trường bắt buộc",
    "string_type": "phải là chữ",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách (mỗi mục một dòng bắt đầu bằng “- ”)",
    "dict_type": "phải là một khối “khóa: giá trị”",
    "model_type": "phải là một khối “khóa: giá trị”",
    "model_attributes_type": "phải là một khối “khóa: giá trị”",
    "string_too_short": "không được để trống",
}
_DATE_TYPES = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_past",
    "date_future",
}


def _message(err: ErrorDetails, allowed: list[str]) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    given = err.get("input")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
        hint = f"; có phải “{near[0]}”?" if near else ""
        known = f" (các khóa dùng được: {', '.join(allowed)})" if allowed and not near else ""
        return f"khóa “{key}” không có trong mẫu{hint}{known}"
    if kind in _DATE_TYPES:
        return f"ngày không hợp lệ: “{given}” (viết 2024-03-15 hoặc 15/3/2024)"
    if kind == "string_pattern_mismatch":
        return (
            f"mã “{given}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu “-” "
            "(ví dụ so-noi-vu)"
        )
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} mục"
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự"
    if kind in ("greater_than_equal", "greater_than"):
        return f"phải từ {ctx.get('ge', ctx.get('gt'))} trở lên"
    if kind in ("less_than_equal", "less_than"):
        return f"phải không quá {ctx.get('le', ctx.get('lt'))}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "string_type" and isinstance(given, dict):
        return (
            "phải là chữ; nếu chữ có dấu “:” hay bắt đầu bằng “[”, “{”, “*”, "
            "hãy đặt cả câu trong ngoặc kép"
        )
    if kind in _TYPE_WORDS:
        return _TYPE_WORDS[kind]
    return err["msg"]


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
        problem = loaded.problem(path, _message(err, allowed))
        key = (problem.line, problem.field)
        if key in seen:
            continue
        seen.add(key)
        out.append(problem)
    return out
