"""The speed work of issue 13 changes no document.

The reference documents are made by the code of REFERENCE, the commit the work started
from, taken out of this repository's own history (`git archive`) and run in a
subprocess, with its own templates, on the same data. Generating them rather than
committing them keeps megabytes of XML out of the repository, and the comparison is
of every part of every file, read back from both sets.

When a later change is meant to alter documents, move REFERENCE to the commit before
that change and say so in its message.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import PERIOD_WORKSPACES
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
REFERENCE = "00382437ca3d43534f940214eca6d461d9d0fef4"


# The only values of a file that depend on when it was made; and the title property, cut
# at 255 characters in the middle of a word by the reference's code, after a whole word
# with "…" since (test_render.py checks it).
_VOLATILE = [
    re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)"),
    re.compile(rb"(<dc:title>)[^<]*(</dc:title>)"),
]


def _normalised(name: str, data: bytes) -> bytes:
    if name.endswith("core.xml"):
        for pattern in _VOLATILE:
            data = pattern.sub(rb"\1\2", data)
    return data


def _parts(path: Path) -> dict[str, bytes]:
    """Every part of a .docx/.xlsx, in the archive's order, timestamps taken out."""
    with zipfile.ZipFile(path) as archive:
        names = [info.filename for info in archive.infolist()]
        return {
            "(order)": "\n".join(names).encode(),
            **{n: _normalised(n, archive.read(n)) for n in names},
        }


def _rgb(colour: Any) -> str | None:
    value = getattr(colour, "rgb", None)
    return value[-6:].upper() if isinstance(value, str) else None


def _width(value: float | None) -> int:
    # openpyxl writes a width as given; XlsxWriter as Excel does (28 -> 28.7109375):
    # the same column on the screen.
    return int(value or 0)


def _or_one(pages: int | None) -> int:
    return 1 if pages is None else pages  # the file format's default, said or not


def workbook_view(path: Path) -> dict[str, Any]:
    """What a reader of a workbook sees: every sheet's cells with their values and looks,
    its columns, rows, frozen panes and print settings, and each chart's bars."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    view: dict[str, Any] = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for c in row:
                value = None if c.value == "" else c.value
                b = c.border
                look = (
                    bool(c.font.b), _rgb(c.font.color), c.fill.fill_type, _rgb(c.fill.fgColor),
                    tuple((s.style, _rgb(s.color)) for s in (b.left, b.right, b.top, b.bottom)),
                    c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text),
                    bool(c.quotePrefix),
                )  # fmt: skip
                if value is not None or look[2] or look[4][0][0]:
                    cells[c.coordinate] = (value, look)
        setup = sheet.page_setup
        view[sheet.title] = {
            "cells": cells,
            "columns": {
                i: (_width(d.width), bool(d.hidden))
                for d in sheet.column_dimensions.values() if d.width or d.hidden
                for i in range(d.min or 1, (d.max or d.min or 1) + 1)
            },
            "rows": {k: d.height for k, d in sheet.row_dimensions.items() if d.height},
            "frozen": sheet.freeze_panes,
            "print": (
                sheet.print_title_rows, sheet.print_title_cols, setup.orientation,
                int(setup.paperSize or 0), _or_one(setup.fitToWidth), _or_one(setup.fitToHeight),
                sheet.sheet_properties.pageSetUpPr is not None
                and sheet.sheet_properties.pageSetUpPr.fitToPage,
            ),
        }  # fmt: skip
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart")):
            chart = etree.fromstring(archive.read(name))
            bar = chart.find(f".//{c}barChart")
            assert bar is not None
            series = [
                (
                    s.findtext(f"{c}tx/{c}strRef/{c}f", "").replace("$", ""),
                    s.findtext(f"{c}cat/{c}strRef/{c}f", "").replace("$", ""),
                    s.findtext(f"{c}val/{c}numRef/{c}f", "").replace("$", ""),
                    s.find(f"{c}spPr/{a}solidFill/{a}srgbClr").get("val"),
                )
                for s in bar.findall(f"{c}ser")
            ]
            view["chart"] = {
                "kind": [bar.find(f"{c}{k}").get("val") for k in ("barDir", "grouping")],
                "title": "".join(chart.find(f"{c}chart/{c}title").itertext()),
                "series": series,
                "first at the top": chart.find(f".//{c}catAx/{c}scaling/{c}orientation").get("val"),
                "value axis": "".join(chart.find(f".//{c}valAx/{c}title").itertext()),
            }
    return view


def _manifest(path: Path) -> list[list[str]]:
    # The checksums differ with the timestamps inside each file: compared without them.
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [row[:-1] for row in rows]


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _make(tree: Path, data: Path, period: str, out: Path) -> None:
    """Every kind of file the commands write, from `data` (a workspace's plans/), by the
    code of `tree`: the batch with a period (plan, sub-plans, reports, consolidated report
    and its .xlsx, công văn đôn đốc, manifest), the Nơi nhận documents, the forms, the
    reminders on their own; and what `batch`, `status` and `validate` print."""
    ws = out / "ws"
    shutil.copytree(data / "plans", ws / "plans")  # no templates/: each tree its own
    env = {**os.environ, "PYTHONPATH": str(tree)}
    where = [sys.executable, "-c", "import kehoach_docs; print(kehoach_docs.__file__)"]
    found = subprocess.run(where, check=True, capture_output=True, text=True, cwd=tree, env=env)
    assert Path(found.stdout.strip()).parent == tree / "kehoach_docs"

    def run(*args: str) -> None:
        command = [sys.executable, "-m", "kehoach_docs", "-w", str(ws), *args]
        done = subprocess.run(command, check=True, capture_output=True, cwd=tree, env=env)
        # What the command says, its own folder's name aside.
        said = done.stdout.decode("utf-8").replace(str(out), "OUT")
        (out / f"{args[0]}.txt").write_text(re.sub(r"-\d{8}-\d{6}", "-RUN", said))

    out.mkdir(parents=True, exist_ok=True)
    run("batch", "--period", period, "-o", str(out / "batch"), "-q")
    run("noinhan", "-o", str(out / "noinhan"))
    run("forms", "--period", period, "--all", "-o", str(out / "forms"))
    run("dondoc", "--period", period, "-o", str(out / "dondoc"))
    run("status", "--period", period)
    run("validate")
    [folder] = (out / "batch").iterdir()
    folder.rename(out / "batch" / "run")  # its name holds the date and time
    shutil.rmtree(ws)


@pytest.fixture(scope="module")
def reference_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("reference")
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", REFERENCE], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


@pytest.mark.parametrize(("workspace", "period"), PERIOD_WORKSPACES)
def test_every_part_of_every_file_is_as_before(
    workspace: str, period: str, reference_tree: Path, tmp_path: Path
) -> None:
    # The data as it was at the reference: both trees render the same input.
    data = reference_tree / workspace
    before, after = tmp_path / "before", tmp_path / "after"
    _make(reference_tree, data, period, before)
    _make(REPO, data, period, after)

    old, new = _files(before), _files(after)
    assert sorted(new) == sorted(old)
    assert len(old) > 10
    for name, path in old.items():
        if name.endswith("manifest.csv"):
            assert _manifest(new[name]) == _manifest(path), name
        elif name.endswith("tong-hop.xlsx"):
            # Written by another library since (XlsxWriter, row by row): the same workbook
            # as a reader sees it, not the same bytes.
            assert workbook_view(new[name]) == workbook_view(path), name
        elif name.endswith((".docx", ".xlsx")):
            parts, expected = _parts(new[name]), _parts(path)
            assert list(parts) == list(expected), name
            for part, data_before in expected.items():
                assert parts[part] == data_before, f"{name}: {part}"
        else:
            assert new[name].read_bytes() == path.read_bytes(), name
