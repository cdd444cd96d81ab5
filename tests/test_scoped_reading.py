"""A command reads and checks what it needs: one agency's broken file stops the commands
that need it, naming it, and no one else; `validate` still reads everything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]

PLAN = "kh-trien-khai-120-tu"
REPORT = f"plans/{PLAN}/tien-do/2024-H1/so-y-te.yaml"
DETAILS = f"plans/{PLAN}/don-vi/so-tai-chinh.yaml"


def _break(root: Path, name: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    # An unclosed list, as a slip of the keyboard leaves it.
    path.write_text(text.replace("nhiem_vu:", "nhiem_vu: [", 1), encoding="utf-8")


@pytest.fixture
def broken(example_copy: Path) -> Path:
    _break(example_copy, REPORT)
    _break(example_copy, DETAILS)
    return example_copy


def test_validate_names_every_broken_file(run: Run, broken: Path) -> None:
    result = run("-w", str(broken), "validate")
    assert result.exit_code == 1
    assert f"{REPORT}:" in result.stderr and f"{DETAILS}:" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["plan"],
        ["noinhan"],
        ["noinhan", "-a", "so-noi-vu"],
        ["subplan", "-a", "so-noi-vu"],
        ["agencies"],
        ["tasks", "-a", "so-tai-chinh"],
        ["report", "-a", "so-noi-vu", "-p", "2024-H1"],
        ["forms", "-p", "2024-H1", "-a", "so-y-te"],
    ],
    ids=" ".join,
)
def test_what_does_not_need_them_works(
    run: Run, broken: Path, tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "out"
    writes = command[0] in {"plan", "subplan", "report", "forms"}
    result = run("-w", str(broken), *command, *(["-o", str(out)] if writes else []))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert not writes or len(list(out.iterdir())) == 1


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (["subplan", "-a", "so-tai-chinh"], DETAILS),
        (["subplan", "--all"], DETAILS),
        (["noinhan", "-a", "so-tai-chinh"], DETAILS),
        (["batch", "-q"], DETAILS),
        (["report", "-a", "so-y-te", "-p", "2024-H1"], REPORT),
        (["consolidate", "-p", "2024-H1"], REPORT),
        (["batch", "-q", "-p", "2024-H1"], REPORT),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else "",
)
def test_what_needs_them_stops_and_names_them(
    run: Run, broken: Path, tmp_path: Path, command: list[str], named: str
) -> None:
    out = tmp_path / "out"
    result = run("-w", str(broken), *command, "-o", str(out))
    assert result.exit_code == 1
    assert f"{named}:" in result.stderr, result.stderr
    assert "chưa ghi tệp nào" in result.stderr
    assert not out.exists() or not list(out.rglob("*.docx"))


def test_a_batch_without_a_period_reads_no_report(run: Run, example_copy: Path) -> None:
    _break(example_copy, REPORT)
    result = run("-w", str(example_copy), "batch", "-q", "-o", str(example_copy / "out"))
    assert result.exit_code == 0, result.output
    assert "Đã ghi 31/31 văn bản" in result.stdout


def test_a_misnamed_file_is_read_as_it_could_be_anyones(run: Run, example_copy: Path) -> None:
    details = example_copy / f"plans/{PLAN}/don-vi"
    (details / "so-noi-vu.yaml").rename(details / "so-noi-vuu.yaml")
    result = run("-w", str(example_copy), "subplan", "-a", "so-noi-vu", "-o", str(example_copy))
    assert result.exit_code == 1
    assert "tệp so-noi-vuu.yaml phải mang tên mã cơ quan: “so-noi-vu.yaml”" in result.stderr


def test_a_report_saved_again_under_another_name_is_said_not_left_out(
    run: Run, example_copy: Path
) -> None:
    # A clerk saves a corrected report as a copy beside the agency's own file: which of the
    # two counts was decided by their names' order, silently; now the copy is named.
    folder = example_copy / "plans" / PLAN / "tien-do" / "2024-H1"
    copy = folder / "so-y-te-sua.yaml"
    copy.write_text((folder / "so-y-te.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    expected = (
        f"plans/{PLAN}/tien-do/2024-H1/so-y-te-sua.yaml:6: bao_cao_tien_do.co_quan: tệp "
        "so-y-te-sua.yaml phải mang tên mã cơ quan: “so-y-te.yaml”"
    )
    for command in (["validate"], ["consolidate", "-p", "2024-H1", "-o", str(example_copy / "o")]):
        result = run("-w", str(example_copy), *command)
        assert result.exit_code == 1
        assert expected in result.stderr.splitlines()
    assert not (example_copy / "o").exists()
