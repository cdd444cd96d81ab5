"""The one exception family the CLI turns into a clean message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Ctrl-C, at any moment of any command: what the user reads and the exit code.
INTERRUPTED = "Đã dừng theo yêu cầu (Ctrl-C); các tệp đã ghi đều trọn vẹn."
EXIT_INTERRUPTED = 130


def near_id(word: str, choices: Iterable[str]) -> str | None:
    """The code a mistyped code was most likely meant to be, if any is close."""
    import difflib  # only when something is wrong

    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return near[0] if near else None


def did_you_mean(near: str | None) -> str:
    """The hint after a refusal: "; có phải “x”?", or nothing."""
    return f"; có phải “{near}”?" if near else ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input, located as precisely as the input allows."""

    file: str
    line: int | None
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        prefix = "cảnh báo: " if self.warning else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {prefix}{self.message}"


class KehoachError(Exception):
    """Base of every error a user can cause; its text is shown as it is, in Vietnamese."""

    exit_code = 1


class DataError(KehoachError):
    """The workspace data has problems; all of them are listed, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))


class WorkspaceError(KehoachError):
    """The workspace itself cannot be used (missing folder, no plan, ambiguous plan)."""


class RenderError(KehoachError):
    """A template could not be rendered into a document."""
