"""`kehoach dondoc`: the công văn đôn đốc, read back as a văn thư reads it, and checked
against the NĐ 30 rules of a công văn."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import MINI_PLAN, MINI_REGISTRY, REPO
from docx import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from kehoach_docs.check import check_docx
from kehoach_docs.check.kinds import kind_of
from kehoach_docs.cli import main
from kehoach_docs.docxread import DocxReader, Para

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"
H1 = REPO / "plans" / PLAN_ID / "tien-do" / "2024-H1"
QUANG_NGAI = REPO / "examples" / "quang-ngai-2025"
NBSP = "\u00a0"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def not_reported() -> list[str]:
    """Full names of the example's agencies without a 2024-H1 report, in registry order,
    read straight from the YAML."""
    registry = yaml.safe_load((REPO / "plans" / "co-quan.yaml").read_text(encoding="utf-8"))
    reported = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["bao_cao_tien_do"]["co_quan"]
        for p in H1.glob("*.yaml")
    }
    return [
        a["ten"]
        for a in registry["co_quan"]
        if a["loai"] in ("so", "ban-nganh", "ubnd-huyen") and a["id"] not in reported
    ]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("dondoc")
    result = cli("-w", str(REPO), "dondoc", "--period", "2024-H1", "--ngay", "21/6/2024",
                 "-o", str(out))  # fmt: skip
    return result, out


def paragraphs(path: Path) -> list[Para]:
    return [p for p in DocxReader(path).paragraphs() if p.text.strip()]


def texts(path: Path) -> list[str]:
    return [p.text.replace(NBSP, " ") for p in paragraphs(path)]


def kinh_gui(lines: list[str]) -> list[str]:
    """The "Kính gửi" lines: the label with its addressee, or the label and the list."""
    start = next(i for i, t in enumerate(lines) if t.startswith("Kính gửi:"))
    if lines[start] != "Kính gửi:":
        return [lines[start]]
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("- "))
    return lines[start:end]


def letter(out: Path, name: str = "don-doc") -> Path:
    return out / f"{PLAN_ID}-2024-H1-{name}.docx"


def test_dondoc_writes_to_every_agency_without_a_report(written: tuple[Result, Path]) -> None:
    result, out = written
    assert result.exit_code == 0, result.output
    lines = kinh_gui(texts(letter(out)))
    expected = not_reported()
    assert len(expected) == 10
    # NĐ 30: several addressees, one a line under the label, "-" before, ";" after, "."
    # after the last; by their full names, and no one else.
    assert lines == ["Kính gửi:", *(f"- {n};" for n in expected[:-1]), f"- {expected[-1]}."]
    assert f"Đã ghi {letter(out)}" in result.stdout
    assert "Hạn mới: 28/6/2024 (5 ngày làm việc kể từ ngày 21/6/2024" in result.stdout


def test_the_cong_van_header(written: tuple[Result, Path]) -> None:
    paras = paragraphs(letter(written[1]))
    number = next(i for i, p in enumerate(paras) if p.text.startswith("Số:"))
    assert paras[number].text == "Số:      /SNV-TCBC"  # issuer, then drafting unit
    vv = paras[number + 1]
    # The trích yếu under the number, in the same cell: "V/v …", 12 pt, upright, centred.
    assert vv.in_table and vv.element.getparent() is paras[number].element.getparent()
    assert vv.text.replace(NBSP, " ") == (
        "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số      /KH-UBND của UBND tỉnh "
        "(6 tháng đầu năm 2024)"
    )
    looks = [look for text, look in vv.looks if text.strip()]
    assert {look.size_pt for look in looks} == {12}
    assert not any(look.bold or look.italic for look in looks)
    assert vv.align == "center"
    # No tên loại: no paragraph is a kind of document.
    assert [p.text for p in paras if kind_of(p.text)] == []
    date_line = next(p for p in paras if p.text.startswith("Kon Tum, ngày"))
    assert date_line.text == "Kon Tum, ngày 21 tháng 6 năm 2024"


def test_the_body_cites_the_plan_the_period_and_both_deadlines(
    written: tuple[Result, Path],
) -> None:
    lines = texts(letter(written[1]))
    body = " ".join(lines)
    assert (
        "Theo Kế hoạch số      /KH-UBND ngày      tháng      năm 2024 của Ủy ban nhân dân tỉnh "
        "triển khai thực hiện Kế hoạch số 120-KH/TU" in body
    )
    assert (
        "gửi báo cáo kết quả thực hiện 6 tháng đầu năm 2024 (số liệu từ ngày 15/12/2023 đến "
        "ngày 14/6/2024) về Sở Nội vụ chậm nhất ngày 20/6/2024" in body
    )
    assert "đã nhận được báo cáo của 20/30 cơ quan, đơn vị, địa phương" in body
    assert "gửi về Sở Nội vụ chậm nhất ngày 28/6/2024." in body
    assert any(t.endswith("./.") for t in lines)
    label = lines.index("Nơi nhận:")
    assert lines[label + 1 : label + 5] == [
        "- Như trên;",
        "- UBND tỉnh (b/c);",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Lưu: VT, TCBC.",
    ]
    assert "GIÁM ĐỐC" in lines


def test_overdue_tasks_go_in_a_second_letter(written: tuple[Result, Path]) -> None:
    lines = texts(letter(written[1], "don-doc-qua-han"))
    # Sở Nội vụ's own overdue task (II.2) is not a letter to itself; one addressee stands
    # on the "Kính gửi:" line.
    assert kinh_gui(lines) == ["Kính gửi: Ủy ban nhân dân huyện Đăk Hà."]
    assert (
        "- Mục II.4: Thực hiện chế độ, chính sách đối với cán bộ, công chức cấp xã, người hoạt "
        "động không chuyên trách ở cấp xã, thôn, tổ dân phố; hạn hoàn thành 31/3/2024 (theo "
        "kế hoạch của UBND huyện Đăk Hà); tình trạng: chưa thực hiện."
    ) in lines
    assert any("chậm nhất ngày 28/6/2024" in t for t in lines)
    number = next(t for t in lines if t.startswith("V/v"))
    assert number.startswith("V/v đôn đốc thực hiện các nhiệm vụ quá hạn theo Kế hoạch số")


KNOWN_WARNINGS = {"chưa có họ tên người ký dưới chức vụ"}


def test_kehoach_check_reads_a_cong_van_and_passes_it(written: tuple[Result, Path]) -> None:
    files = [letter(written[1]), letter(written[1], "don-doc-qua-han")]
    result = cli("check", "--format", "json", *map(str, files))
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [(r["kind"], r["errors"]) for r in reports] == [("Công văn", 0), ("Công văn", 0)]
    assert {f["message"] for r in reports for f in r["findings"]} <= KNOWN_WARNINGS


def _paragraph(doc, start: str):  # type: ignore[no-untyped-def]
    return next(p for p in doc.paragraphs + [
        p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ] if p.text.replace(NBSP, " ").startswith(start))  # fmt: skip


def vv_at_14(doc) -> None:  # type: ignore[no-untyped-def]
    for run in _paragraph(doc, "V/v").runs:
        run.font.size = Pt(14)


def vv_italic(doc) -> None:  # type: ignore[no-untyped-def]
    for run in _paragraph(doc, "V/v").runs:
        run.font.italic = True


def _set_text(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = text


def addressee_on_its_own_line(doc) -> None:  # type: ignore[no-untyped-def]
    label = _paragraph(doc, "Kính gửi:")
    name = label.text.removeprefix("Kính gửi:").strip()
    below = copy.deepcopy(label._p)
    label._p.addnext(below)
    _set_text(label, "Kính gửi:")
    _set_text(DocxParagraph(below, label._parent), name)


def no_same_as_above(doc) -> None:  # type: ignore[no-untyped-def]
    line = _paragraph(doc, "- Như trên;")
    line._p.getparent().remove(line._p)


BREAKS = [
    (vv_at_14, "ten-loai", "trích yếu “V/v” cỡ chữ 14"),
    (vv_italic, "ten-loai", "trích yếu “V/v”"),
    (addressee_on_its_own_line, "kinh-gui", "gửi một nơi thì ghi cùng dòng với “Kính gửi:”"),
    (no_same_as_above, "noi-nhan", "Nơi nhận mở đầu bằng “- Như trên;”"),
]


@pytest.mark.parametrize(("breaker", "rule", "words"), BREAKS)
def test_the_checker_catches_a_broken_cong_van(
    written: tuple[Result, Path],
    tmp_path: Path,
    breaker,
    rule: str,
    words: str,  # type: ignore[no-untyped-def]
) -> None:
    source = letter(written[1], "don-doc-qua-han")
    assert check_docx(source).errors == 0
    doc = Document(str(source))
    breaker(doc)
    broken = tmp_path / "broken.docx"
    doc.save(str(broken))
    report = check_docx(broken)
    assert any(f.rule == rule and words in f.message for f in report.findings), [
        f.line("") for f in report.findings
    ]


def test_new_deadline_skips_holidays(tmp_path: Path) -> None:
    # Friday 26/4/2024: 29/4-1/5 off, Saturday 4/5 worked: the fifth working day is 7/5.
    result = cli("-w", str(REPO), "dondoc", "-p", "2024-Q1", "--ngay", "2024-04-26",
                 "-o", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    body = " ".join(texts(tmp_path / f"{PLAN_ID}-2024-Q1-don-doc.docx"))
    assert "chậm nhất ngày 20/3/2024 để tổng hợp" in body  # the period's own deadline
    assert "gửi về Sở Nội vụ chậm nhất ngày 07/5/2024." in body
    # Friday 24/1/2025, the week before Tết Ất Tỵ (27/1-31/1 off).
    result = cli("-w", str(REPO), "dondoc", "-p", "2024", "--ngay", "24/1/2025",
                 "-o", str(tmp_path))  # fmt: skip
    assert "Hạn mới: 07/02/2025" in result.stdout


def test_before_the_deadline_nobody_is_late(tmp_path: Path) -> None:
    result = cli("-w", str(REPO), "dondoc", "-p", "2024-H1", "--ngay", "20/6/2024",
                 "-o", str(tmp_path))  # fmt: skip
    assert result.exit_code == 1
    assert "hạn gửi báo cáo 6 tháng đầu năm 2024 là ngày 20/6/2024, chưa qua" in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_wrong_date_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("-w", str(REPO), "dondoc", "-p", "2024-H1", "--ngay", "31/2/2024")
    assert result.exit_code == 2
    assert "“31/2/2024” không phải ngày" in result.stderr


# Sở Nội vụ leads the one task, the other sở (Sở Tài chính) supports it.
TWO_AGENCIES_PLAN = MINI_PLAN.replace(
    "  trich_yeu: Thực hiện một việc\n",
    "  trich_yeu: Thực hiện một việc\n  co_quan_theo_doi: so-noi-vu\n",
)


def report(agency: str, status: str) -> str:
    return f"""
bao_cao_tien_do:
  co_quan: {agency}
  ky: "2025"
  nhiem_vu:
    nv-1: {{tinh_trang: "{status}"}}
"""


def test_everyone_reported_nothing_to_write(make_workspace: Callable, tmp_path: Path) -> None:
    root = make_workspace({
        "plans/co-quan.yaml": MINI_REGISTRY,
        "plans/kh.yaml": TWO_AGENCIES_PLAN,
        "plans/kh/tien-do/2025/so-noi-vu.yaml": report("so-noi-vu", "Đã hoàn thành"),
        "plans/kh/tien-do/2025/so-tai-chinh.yaml": report("so-tai-chinh", "Đã hoàn thành"),
    })  # fmt: skip
    out = tmp_path / "out"
    result = cli("-w", str(root), "dondoc", "-p", "2025", "--ngay", "22/12/2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Không có ai cần đôn đốc: mọi cơ quan, đơn vị đã gửi báo cáo năm 2025 và không có "
        "nhiệm vụ quá hạn. Không ghi tệp nào.\n"
    )
    assert not out.exists()


def test_everyone_reported_but_a_task_is_overdue(make_workspace: Callable, tmp_path: Path) -> None:
    root = make_workspace({
        "plans/co-quan.yaml": MINI_REGISTRY,
        "plans/kh.yaml": TWO_AGENCIES_PLAN,
        "plans/kh/tien-do/2025/so-noi-vu.yaml": report("so-noi-vu", "Đã hoàn thành"),
        "plans/kh/tien-do/2025/so-tai-chinh.yaml":
            report("so-tai-chinh", "Đang thực hiện, quá hạn"),
    })  # fmt: skip
    out = tmp_path / "out"
    result = cli("-w", str(root), "dondoc", "-p", "2025", "--ngay", "22/12/2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Mọi cơ quan, đơn vị đã gửi báo cáo năm 2025." in result.stdout
    assert [p.name for p in out.iterdir()] == ["kh-2025-don-doc-qua-han.docx"]
    lines = texts(out / "kh-2025-don-doc-qua-han.docx")
    assert kinh_gui(lines) == ["Kính gửi: Sở Tài chính."]
    # Monday 22/12/2025, five working days: 29/12.
    assert any("chậm nhất ngày 29/12/2025" in t for t in lines)


def test_the_province_signs_with_its_own_settings(make_workspace: Callable, tmp_path: Path) -> None:
    plan = TWO_AGENCIES_PLAN.replace(
        "  co_quan_theo_doi: so-noi-vu\n",
        "  co_quan_theo_doi: so-noi-vu\n"
        "  don_doc:\n"
        "    co_quan: ubnd-tinh\n"
        "    don_vi_soan: NC\n"
        "    so_ngay_lam_viec: 3\n"
        "    nguoi_ky: {quyen_han: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH], chuc_vu: PHÓ CHỦ TỊCH}\n"
        "    noi_nhan:\n"
        '      - {ghi: "CT, các PCT UBND tỉnh"}\n'
        "      - {don_vi: [so-noi-vu], muc_dich: t/h}\n"
        "    ngay_nghi: [2025-12-23]\n",
    )
    root = make_workspace({"plans/co-quan.yaml": MINI_REGISTRY, "plans/kh.yaml": plan})
    assert cli("-w", str(root), "validate").exit_code == 0
    out = tmp_path / "out"
    result = cli("-w", str(root), "dondoc", "-p", "2025", "--ngay", "22/12/2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = texts(out / "kh-2025-don-doc.docx")
    assert "Số:      /UBND-NC" in lines
    assert kinh_gui(lines) == ["Kính gửi:", "- Sở Nội vụ;", "- Sở Tài chính."]
    # Three working days from Monday 22/12/2025, the plan's own day off on 23/12.
    assert any("gửi về Sở Nội vụ chậm nhất ngày 26/12/2025." in t for t in lines)
    # Sở Nội vụ, in Kính gửi, is not named again in Nơi nhận (NĐ 30: "Như trên").
    label = lines.index("Nơi nhận:")
    assert lines[label + 1 : label + 4] == [
        "- Như trên;",
        "- CT, các PCT UBND tỉnh;",
        "- Lưu: VT, NC.",
    ]
    signature = paragraphs(out / "kh-2025-don-doc.docx")
    assert [p.text for p in signature if p.style == "KhSignature"] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
    ]  # fmt: skip
    assert "Đề nghị các cơ quan, đơn vị, địa phương nghiêm túc thực hiện./." in lines


def test_an_unknown_sender_is_a_data_error(make_workspace: Callable) -> None:
    plan = TWO_AGENCIES_PLAN.replace(
        "  co_quan_theo_doi: so-noi-vu\n",
        "  co_quan_theo_doi: so-noi-vu\n  don_doc: {co_quan: so-noi-vuu}\n",
    )
    root = make_workspace({"plans/co-quan.yaml": MINI_REGISTRY, "plans/kh.yaml": plan})
    result = cli("-w", str(root), "validate")
    assert result.exit_code == 1
    assert (
        "ke_hoach.don_doc.co_quan: không có cơ quan hay nhóm nào mã “so-noi-vuu”; có phải "
        "“so-noi-vu”?"
    ) in result.stderr


def test_a_plan_whose_tasks_are_in_a_table(tmp_path: Path) -> None:
    """Quảng Ngãi 2026: 33 tasks in the Phụ lục I table; Sở KH&CN follows the plan up."""
    result = cli("-w", str(QUANG_NGAI), "dondoc", "-p", "2026-H1", "--ngay", "25/6/2026",
                 "-o", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    stem = tmp_path / "kh-khcn-dmst-cds-2026-2026-H1"
    missing = kinh_gui(texts(Path(f"{stem}-don-doc.docx")))
    assert len(missing) == 1 + 17 and missing[1] == "- Sở Tài chính;"
    lines = texts(Path(f"{stem}-don-doc-qua-han.docx"))
    assert "Số:      /SKHCN-CĐS" in lines
    assert kinh_gui(lines) == [
        "Kính gửi:", "- Sở Tư pháp;", "- Sở Nông nghiệp và Môi trường;",
        "- Ủy ban nhân dân xã Đăk Hà.",
    ]  # fmt: skip
    tasks = [t for t in lines if t.startswith("- Nhiệm vụ số ")]
    assert [t.split(":")[0] for t in tasks] == [
        "- Nhiệm vụ số 5 Phụ lục I", "- Nhiệm vụ số 19 Phụ lục I", "- Nhiệm vụ số 30 Phụ lục I",
    ]  # fmt: skip
    assert "hạn hoàn thành 30/4/2026; tình trạng: đang thực hiện, quá hạn." in tasks[0]
    # Thursday 25/6/2026: the fifth working day is Thursday 2/7.
    assert any("chậm nhất ngày 02/7/2026" in t for t in lines)
    report = check_docx(Path(f"{stem}-don-doc-qua-han.docx"))
    assert report.kind == "Công văn" and report.errors == 0


def test_batch_with_a_period_adds_the_letters(tmp_path: Path) -> None:
    result = cli("-w", str(REPO), "batch", "-p", "2024-H1", "-o", str(tmp_path), "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    names = {p.name for p in folder.glob("*don-doc*")}
    assert names == {f"{PLAN_ID}-2024-H1-don-doc.docx", f"{PLAN_ID}-2024-H1-don-doc-qua-han.docx"}
    manifest = (folder / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "Công văn đôn đốc gửi báo cáo" in manifest
    assert "Công văn đôn đốc nhiệm vụ quá hạn" in manifest
    lines = kinh_gui(texts(folder / f"{PLAN_ID}-2024-H1-don-doc.docx"))
    assert len(lines) == 11
