"""A period with many reports: each is read, checked by its model and kept small one at a
time, half of them in a forked copy where the system forks; what is said of a report
names its file and line wherever it was read (the lines are found again from the bytes
that were checked)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from docx import Document
from synthetic import PERIOD, write_synthetic_workspace

from kehoach_docs import beside, workspace

Run = Callable[..., Result]

AGENCIES = 240  # 216 reports: more than workspace.MANY_FILES
FOLDER = f"plans/kh-thu/tien-do/{PERIOD}"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def many(tmp_path: Path) -> Path:
    root = write_synthetic_workspace(tmp_path / "ws", AGENCIES, reports=True)
    reports = sorted((root / FOLDER).glob("*.yaml"))
    assert len(reports) >= workspace.MANY_FILES
    return root


@pytest.fixture(params=["forked", "here"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "here":
        monkeypatch.setattr(beside, "forks", lambda: False)
    return str(request.param)


# so-thu-231 and so-thu-230 sort into the first half (read here), so-thu-5 and so-thu-6
# into the second (read beside, where the system forks).
FAULTS = {
    "a task no one gave": (
        {
            "so-thu-231.yaml": ("    nv-2:\n", "    nv-8:\n"),
            "so-thu-5.yaml": ("    nv-1:\n", "    nv-9:\n"),
        },
        [
            f"{FOLDER}/so-thu-231.yaml:11: bao_cao_tien_do.nhiem_vu.nv-8: nhiệm vụ “nv-8” "
            "không giao cho cơ quan này",
            f"{FOLDER}/so-thu-5.yaml:7: bao_cao_tien_do.nhiem_vu.nv-9: nhiệm vụ “nv-9” "
            "không giao cho cơ quan này",
            "Có 2 lỗi; chưa ghi tệp nào.",
        ],
    ),
    "a key the form does not have, a date that is none": (
        {
            "so-thu-230.yaml": ("  so: 230\n", "  so_hieu: 230\n"),
            "so-thu-6.yaml": ("  ngay: 2026-06-18\n", "  ngay: 2026-13-18\n"),
        },
        [
            f"{FOLDER}/so-thu-230.yaml:4: bao_cao_tien_do.so_hieu: khóa “so_hieu”",
            f"{FOLDER}/so-thu-6.yaml:5: bao_cao_tien_do.ngay:",
        ],
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_is_named_with_its_file_and_line_in_either_half(
    run: Run, many: Path, where: str, fault: str
) -> None:
    edits, expected = FAULTS[fault]
    for name, (old, new) in edits.items():
        _replace(many / FOLDER / name, old, new)
    result = run("-w", str(many), "consolidate", "-p", PERIOD, "-o", str(many / "out"))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert not (many / "out").exists()
    for line in expected:
        assert line in result.stderr


def test_validate_names_a_fault_found_after_the_reports_are_read(run: Run, many: Path) -> None:
    # validate counts every file it read, but keeps of a report only its bytes once its
    # model is made (10,000 reports as read held 250 MB): the line of a fault found later,
    # by the checks across files, is found again from them.
    edits, expected = FAULTS["a task no one gave"]
    for name, (old, new) in edits.items():
        _replace(many / FOLDER / name, old, new)
    result = run("-w", str(many), "validate")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.strip().splitlines() if "cảnh báo" not in line]
    assert len(errors) == len(expected), errors
    assert all(line.startswith(start) for line, start in zip(errors, expected, strict=True))


def test_every_report_is_counted_in_the_consolidated_report(
    run: Run, many: Path, where: str
) -> None:
    out = many / "out"
    result = run("-w", str(many), "consolidate", "-p", PERIOD, "-o", str(out))
    assert result.exit_code == 0, result.output
    [docx] = out.glob("*.docx")
    document = Document(str(docx))
    text = "\n".join(p.text for p in document.paragraphs)
    # 240 agencies, of which every tenth (3, 13, …) has not reported.
    assert "có 216/240 cơ quan, đơn vị, địa phương gửi báo cáo" in text
    rows = [r for t in document.tables for r in t.rows]
    names = {c.text for r in rows for c in r.cells}
    # An agency read here, one read beside, and one that has not reported.
    assert {"Sở Thử nghiệm số 231", "Sở Thử nghiệm số 5", "Sở Thử nghiệm số 3"} <= names
