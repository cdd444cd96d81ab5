"""What recognition produces before agencies are resolved and YAML is written: plain
data in the workspace format, with the spots to check kept beside the values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Key under which a mapping keeps its doubts: {field or "": [messages]}. The YAML writer
# turns them into "# KIỂM TRA:" comments and never writes the key itself.
DOUBTS = "#kiem_tra"


def doubt(data: dict[str, Any], field: str, message: str) -> None:
    data.setdefault(DOUBTS, {}).setdefault(field, [])
    if message not in data[DOUBTS][field]:
        data[DOUBTS][field].append(message)


@dataclass
class Assign:
    """A chủ trì / phối hợp text still to be resolved into agency references."""

    text: str
