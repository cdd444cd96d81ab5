"""Every document of a batch reads as one a văn thư signs as it comes out.

The batch of the example (plan, sub-plans, reports and the consolidated report of
2024-H1) is read back as text: nothing cut with "…", no labelled line twice under one
item, no malformed reference, no provincial paragraph pasted into an agency's plan, and
every sub-plan names the subject of the plan it implements.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from openpyxl import load_workbook

from kehoach_docs.docxread import DocxReader

PLAN_ID = "kh-trien-khai-120-tu"
LABELS = (
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Đơn vị thực hiện",
    "Đơn vị chủ trì thực hiện",
    "Thời gian thực hiện",
    "Sản phẩm",
    "Lãnh đạo phụ trách",
    "Vai trò",
)
# A numbered item starts with "I.", "2.", "1.1." or "a)".
ITEM_START = re.compile(r"^([IVXLC]+\.|\d+(\.\d+)*\.|[a-zđ]\))\s")
REFERENCE = re.compile(r"\bmục ([^\s,;():]+)")
WELL_FORMED = re.compile(r"^[IVXLC]+(\.\d+)*(\.[a-zđ])?$")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kehoach_docs.batch import run_batch

    result = run_batch(REPO, output=tmp_path_factory.mktemp("batch"), period="2024-H1", jobs=1)
    assert not result.failures
    return result.folder


def docx_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.docx"))
    assert len(files) == 52  # the plan, 30 sub-plans, 20 reports, the consolidated report
    return files


def texts(path: Path) -> list[str]:
    reader = DocxReader(path)
    return [p.text for p in reader.paragraphs()] + list(reader.footnotes().values())


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"^([-+*]|[IVXLC]+\.|\d+(\.\d+)*\.|[a-zđ]\))\s+", "", text.strip())
    return " ".join(text.split()).rstrip(" .;:/").lower()


def test_no_text_is_cut(batch: Path) -> None:
    for path in docx_files(batch):
        for text in texts(path):
            assert "…" not in text, f"{path.name}: {text}"
    workbooks = list(batch.glob("*.xlsx"))
    assert workbooks
    for path in workbooks:
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    assert "…" not in str(value or ""), f"{path.name}: {value}"


def items(paragraphs: list[str]) -> list[list[str]]:
    """The paragraphs grouped by numbered item: each group starts at a number."""
    groups: list[list[str]] = [[]]
    for text in paragraphs:
        if ITEM_START.match(text):
            groups.append([])
        groups[-1].append(text)
    return groups


def test_no_labelled_line_twice_in_an_item(batch: Path) -> None:
    for path in docx_files(batch):
        for group in items(texts(path)):
            for label in LABELS:
                pattern = re.compile(rf"(^|[-*;]\s){re.escape(label)}:")
                found = [t for t in group if pattern.search(t)]
                assert len(found) <= 1, f"{path.name}: {label} twice in {group[0][:60]}"


def test_references_are_well_formed(batch: Path) -> None:
    seen = 0
    for path in docx_files(batch):
        for text in texts(path):
            for match in REFERENCE.finditer(text):
                ref = match.group(1).rstrip(".")
                if ref[:1].isupper():
                    seen += 1
                    assert WELL_FORMED.match(ref), f"{path.name}: “{match.group(0)}” in {text}"
    assert seen > 100


def _section(paragraphs: list[str], title: str) -> list[str]:
    start = next(i for i, t in enumerate(paragraphs) if t.endswith(title))
    end = next(i for i, t in enumerate(paragraphs) if t.startswith("Trên đây là"))
    return paragraphs[start + 1 : end]


def test_no_sub_plan_pastes_the_plans_organisation_section(batch: Path) -> None:
    plan = texts(batch / f"{PLAN_ID}.docx")
    provincial = [norm(t) for t in _section(plan, "TỔ CHỨC THỰC HIỆN")]
    provincial = [t for t in provincial if len(t.split()) >= 15]
    assert len(provincial) >= 6
    for path in batch.glob(f"{PLAN_ID}-*.docx"):
        if "-bao-cao" in path.name:
            continue
        for text in texts(path):
            mine = norm(text)
            for theirs in provincial:
                assert theirs not in mine, f"{path.name} repeats: {theirs[:80]}"


def test_every_sub_plan_names_the_plans_subject(batch: Path) -> None:
    data = yaml.safe_load((REPO / "plans" / f"{PLAN_ID}.yaml").read_text(encoding="utf-8"))
    subject = " ".join(data["ke_hoach"]["trich_yeu"].split()).lower()
    subplans = [p for p in batch.glob(f"{PLAN_ID}-*.docx") if "-bao-cao" not in p.name]
    assert len(subplans) == 30
    for path in subplans:
        summary = next(p.text for p in DocxReader(path).paragraphs() if p.style == "KhSummary")
        assert subject in " ".join(summary.split()).lower(), path.name


def test_empty_parts_of_a_report_are_left_out(batch: Path) -> None:
    for path in batch.glob(f"{PLAN_ID}-2024-H1-bao-cao-*.docx"):
        assert "(Không có.)" not in "\n".join(texts(path))
    # Ubnd huyện Đăk Tô wrote no shortcomings, next steps or recommendations.
    heads = [
        p.text
        for p in DocxReader(
            batch / f"{PLAN_ID}-2024-H1-bao-cao-ubnd-huyen-dak-to.docx"
        ).paragraphs()
        if p.style == "KhHeading1"
    ]
    assert heads[0] == "I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN"
    assert all(h.split(". ", 1)[0] in ("I", "II", "III", "IV", "V") for h in heads)


def test_consolidated_matrix_uses_abbreviations_with_a_legend(batch: Path) -> None:
    reader = DocxReader(batch / f"{PLAN_ID}-2024-H1-bao-cao-tong-hop.docx")
    matrix = next(t for t in reader.doc.tables if t.rows[0].cells[0].text == "Cơ quan, đơn vị")
    cells = {c.text for row in matrix.rows[1:] for c in row.cells[1:]}
    assert cells <= {"HT", "HTQH", "ĐTH", "ĐTHQH", "CTH", "CBC", ""}
    assert {"CBC", ""} <= cells
    legend = next(t for t in texts(batch / f"{PLAN_ID}-2024-H1-bao-cao-tong-hop.docx")
                  if t.startswith("Ký hiệu:"))  # fmt: skip
    for words in ("HT - đã hoàn thành", "ĐTHQH - đang thực hiện, quá hạn", "CBC - chưa báo cáo"):
        assert words in legend
