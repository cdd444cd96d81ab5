"""Every document of a batch reads as one a văn thư signs as it comes out.

The batch (plan, sub-plans, reports and the consolidated report of a period) of the
example and of two other provinces' plans written as workspaces (one after the 2025
reform, with xã and phường; one whose tasks nest with lettered points) is read back as
text: nothing cut with "…", no labelled line twice under one item, no malformed
reference, no provincial paragraph pasted into an agency's plan, and every sub-plan names
the subject of the plan it implements.
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
OTHERS = REPO / "tests" / "data" / "workspaces"
# workspace, plan id, period, documents the batch writes
WORKSPACES = {
    "kon-tum-2024": (REPO, PLAN_ID, "2024-H1", 54),
    "lam-dong-2025": (OTHERS / "lam-dong-2025-cds", "kh-cds-chinh-quyen-hai-cap", "2025-Q4", 36),
    "dak-lak-2024": (OTHERS / "dak-lak-2024-cchc", "kh-cchc-2024", "2024-H1", 0),
}
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
# The longest task heading a sub-plan may quote (a clause of the provincial text).
HEADING_WORDS = 35
# A numbered item starts with "I.", "2.", "1.1." or "a)".
ITEM_START = re.compile(r"^([IVXLC]+\.|\d+(\.\d+)*\.|[a-zđ]\))\s")
# "mục II.3.1" (not "danh mục TTHC"): a reference starts with a Roman numeral.
REFERENCE = re.compile(r"\bmục ([IVXLC]+(?:\.[^\s,;():]*)?)(?=[\s,;():]|$)")
WELL_FORMED = re.compile(r"^[IVXLC]+(\.\d+)*(\.[a-zđ])?$")


@pytest.fixture(scope="module", params=list(WORKSPACES))
def workspace(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def batch(workspace: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kehoach_docs.batch import run_batch

    root, _, period, _ = WORKSPACES[workspace]
    result = run_batch(root, output=tmp_path_factory.mktemp("batch"), period=period, jobs=1)
    assert not result.failures
    return result.folder


def plan_id(batch: Path) -> str:
    return next(p for name, (_, p, _, _) in WORKSPACES.items() if batch.name.startswith(p))


def docx_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.docx"))
    expected = next(n for _, (_, p, _, n) in WORKSPACES.items() if folder.name.startswith(p))
    assert len(files) == expected or not expected
    assert len(files) > 10
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
    assert seen > 10


def _section(paragraphs: list[str], title: str) -> list[str]:
    start = next(i for i, t in enumerate(paragraphs) if t.endswith(title))
    end = next(i for i, t in enumerate(paragraphs) if t.startswith("Trên đây là"))
    return paragraphs[start + 1 : end]


def subplans(batch: Path) -> list[Path]:
    plan = plan_id(batch)
    others = ("-bao-cao", "-don-doc")  # reports and reminders
    return [p for p in batch.glob(f"{plan}-*.docx") if not any(o in p.name for o in others)]


def test_no_sub_plan_pastes_the_plans_organisation_section(batch: Path) -> None:
    plan = texts(batch / f"{plan_id(batch)}.docx")
    provincial = [norm(t) for t in _section(plan, "TỔ CHỨC THỰC HIỆN")]
    # A duty of one sentence ("Chủ trì, theo dõi, hướng dẫn …") may stand whole as its
    # task's heading, quoted once; a paragraph longer than any heading is never pasted.
    provincial = [t for t in provincial if len(t.split()) > HEADING_WORDS]
    assert provincial
    for path in subplans(batch):
        for text in texts(path):
            mine = norm(text)
            for theirs in provincial:
                assert theirs not in mine, f"{path.name} repeats: {theirs[:80]}"


def test_sub_plan_tasks_quote_at_most_a_heading(batch: Path) -> None:
    for path in subplans(batch):
        paras = list(DocxReader(path).paragraphs())
        tasks = [p.text for p in paras if p.style == "KhHeading2"]
        assert tasks, path.name
        for heading in tasks:
            assert len(heading.split()) <= HEADING_WORDS + 1, f"{path.name}: {heading}"


def test_every_sub_plan_names_the_plans_subject(workspace: str, batch: Path) -> None:
    root, plan, _, _ = WORKSPACES[workspace]
    data = yaml.safe_load((root / "plans" / f"{plan}.yaml").read_text(encoding="utf-8"))
    written = data["ke_hoach"].get("chu_de") or data["ke_hoach"]["trich_yeu"]
    subject = " ".join(written.split()).lower().rstrip(".")
    found = subplans(batch)
    assert len(found) >= 10
    for path in found:
        summary = next(p.text for p in DocxReader(path).paragraphs() if p.style == "KhSummary")
        assert subject in " ".join(summary.split()).lower(), path.name


def test_empty_parts_of_a_report_are_left_out(workspace: str, batch: Path) -> None:
    for path in batch.glob("*-bao-cao-*.docx"):
        assert "(Không có.)" not in "\n".join(texts(path))
    if workspace != "kon-tum-2024":
        return
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
    [consolidated] = batch.glob("*-bao-cao-tong-hop.docx")
    reader = DocxReader(consolidated)
    matrix = next(t for t in reader.doc.tables if t.rows[0].cells[0].text == "Cơ quan, đơn vị")
    cells = {c.text for row in matrix.rows[1:] for c in row.cells[1:]}
    assert cells <= {"HT", "HTQH", "ĐTH", "ĐTHQH", "CTH", "CBC", ""}
    assert {"CBC", ""} <= cells
    legend = next(t for t in texts(consolidated) if t.startswith("Ký hiệu:"))
    for words in ("HT - đã hoàn thành", "ĐTHQH - đang thực hiện, quá hạn", "CBC - chưa báo cáo"):
        assert words in legend
