"""Shared pydantic configuration: English attributes, the clerks' keys as aliases."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints


class Model(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


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


Date = Annotated[date, BeforeValidator(_vn_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_vn_date)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]
