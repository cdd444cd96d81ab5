"""Every agency's own plan, the Nơi nhận, scaffolding and the batch."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from docx import Document
from synthetic import write_synthetic_workspace

from kehoach_docs.docxread import DocxReader, Para

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"


@pytest.fixture(scope="module")
def all_subplans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kehoach_docs.api import build_subplans

    out = tmp_path_factory.mktemp("subplans")
    build_subplans(REPO, every=True, output=out)
    return out


def header(path: Path) -> list[Para]:
    reader = DocxReader(path)
    return [p for p in reader.paragraphs() if p.in_table][:8]


def test_all_writes_30_subplans(all_subplans: Path) -> None:
    files = sorted(p.name for p in all_subplans.glob("*.docx"))
    assert len(files) == 30
    districts = [f for f in files if "ubnd-huyen" in f or "ubnd-thanh-pho" in f]
    assert len(districts) == 10


@pytest.mark.parametrize(
    ("agency", "name", "place"),
    [
        ("ubnd-huyen-dak-ha", "HUYỆN ĐĂK HÀ", "Đăk Hà"),
        ("ubnd-huyen-ia-h-drai", "HUYỆN IA H'DRAI", "Ia H'Drai"),
        ("ubnd-thanh-pho-kon-tum", "THÀNH PHỐ KON TUM", "Kon Tum"),
        ("ubnd-huyen-tu-mo-rong", "HUYỆN TU MƠ RÔNG", "Tu Mơ Rông"),
    ],
)
def test_district_header_name_and_place(
    all_subplans: Path, agency: str, name: str, place: str
) -> None:
    paras = header(all_subplans / f"{PLAN_ID}-{agency}.docx")
    issuing = next(p for p in paras if p.style == "KhOrgIssuing")
    assert issuing.text == f"ỦY BAN NHÂN DÂN\n{name}"
    assert all(look.bold and look.size_pt == 13 for _, look in issuing.looks)
    assert not any(p.style == "KhOrgGoverning" and p.text for p in paras)
    number = next(p for p in paras if p.style == "KhDocNumber")
    assert number.text == "Số:      /KH-UBND"
    date = next(p for p in paras if p.style == "KhPlaceDate")
    assert date.text == f"{place}, ngày      tháng      năm 2024"
    assert all(look.italic for _, look in date.looks)


def test_each_district_is_dated_with_its_own_place(all_subplans: Path) -> None:
    places = set()
    for path in all_subplans.glob(f"{PLAN_ID}-ubnd-*.docx"):
        date = next(p for p in header(path) if p.style == "KhPlaceDate")
        places.add(date.text.split(",")[0])
    assert len(places) == 10


def test_so_header_governing_not_bold_over_bold_name(all_subplans: Path) -> None:
    paras = header(all_subplans / f"{PLAN_ID}-so-tai-chinh.docx")
    governing = next(p for p in paras if p.style == "KhOrgGoverning" and p.text)
    assert governing.text == "UBND TỈNH KON TUM"
    assert all(not look.bold for _, look in governing.looks)
    issuing = next(p for p in paras if p.style == "KhOrgIssuing")
    assert issuing.text == "SỞ TÀI CHÍNH" and all(look.bold for _, look in issuing.looks)
    assert next(p for p in paras if p.style == "KhDocNumber").text == "Số:      /KH-STC"


def test_subplan_content_without_details(all_subplans: Path) -> None:
    reader = DocxReader(all_subplans / f"{PLAN_ID}-so-tu-phap.docx")
    paras = list(reader.paragraphs())
    text = [p.text for p in paras]
    summary = next(p.text for p in paras if p.style == "KhSummary")
    # The title cites the provincial plan and names its subject.
    assert summary.startswith("Thực hiện Kế hoạch số      /KH-UBND ngày      tháng")
    assert "của Ủy ban nhân dân tỉnh triển khai thực hiện Kế hoạch số 120-KH/TU" in summary
    assert [p.text for p in paras if p.style == "KhHeading1"] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ CỤ THỂ",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    tasks = [p.text for p in paras if p.style == "KhHeading2"]
    # In the agency's own voice: the sentence's subject ("Các sở, ban ngành …") is dropped.
    assert tasks[1] == (
        "2. Tiếp tục rà soát, sắp xếp tổ chức bộ máy bên trong theo hướng tinh gọn, nâng cao "
        "hiệu lực, hiệu quả quản lý nhà nước"
    )
    assert tasks[5] == (
        "6. Tổ chức tuyên truyền, phổ biến, quán triệt nội dung của Kế hoạch số 120-KH/TU đến "
        "đội ngũ cán bộ, công chức, viên chức thuộc ngành, cấp mình quản lý"
    )
    assert "- Vai trò: Chủ trì thực hiện (mục II.2 Kế hoạch của UBND tỉnh)." in text
    assert "- Vai trò: Phối hợp với Sở Nội vụ (mục II.6 Kế hoạch của UBND tỉnh)." in text
    assert "- Vai trò: Thực hiện (mục III.1 Kế hoạch của UBND tỉnh)." in text
    # Only once the provincial text: no pasted paragraph, no instruction to others.
    assert not any(t.startswith("Thủ trưởng các sở") for t in text)
    assert not any("liên hệ Sở Nội vụ" in t for t in text)
    assert any("báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) kết quả thực hiện" in t for t in text)
    label = text.index("Nơi nhận:")
    assert text[label + 1 : label + 6] == [
        "- UBND tỉnh (b/c);",
        "- Sở Nội vụ (đ/b);",
        "- Giám đốc, các Phó Giám đốc Sở;",
        "- Các phòng, đơn vị trực thuộc (t/h);",
        "- Lưu: VT.",
    ]
    assert [p.text for p in paras if p.style == "KhSignature"] == ["GIÁM ĐỐC"]
    # Footnotes only where the sub-plan itself refers to one: here none.
    assert reader.footnote_refs() == []
    assert reader.footnotes() == {}


def test_subplan_with_the_agencys_own_details(all_subplans: Path) -> None:
    reader = DocxReader(all_subplans / f"{PLAN_ID}-so-noi-vu.docx")
    text = [p.text for p in reader.paragraphs()]
    start = text.index(
        "2. Tiếp tục rà soát, sắp xếp tổ chức bộ máy bên trong theo hướng tinh gọn, nâng cao "
        "hiệu lực, hiệu quả quản lý nhà nước"
    )
    assert text[start + 1 : start + 6] == [
        "- Vai trò: Phối hợp với các sở, ban ngành, Ủy ban nhân dân các huyện, thành phố "
        "(mục II.2 Kế hoạch của UBND tỉnh).",
        "- Thẩm định đề án sắp xếp tổ chức bộ máy bên trong của các sở, ban ngành và Ủy ban "
        "nhân dân các huyện, thành phố (thời gian: trước ngày 31 tháng 5 năm 2024).",
        "- Lãnh đạo phụ trách: Phó Giám đốc phụ trách tổ chức bộ máy.",
        "- Đơn vị chủ trì: Phòng Tổ chức - Biên chế và Tổ chức phi chính phủ.",
        "- Thời gian thực hiện: Thường xuyên.",
    ]
    assert (
        "- Đơn vị chủ trì: Phòng Tổ chức - Biên chế và Tổ chức phi chính phủ; Đơn vị phối hợp: "
        "Phòng Công chức, viên chức, Văn phòng Sở." in text
    )
    assert (
        "- Xây dựng dự thảo Quy định chính sách thu hút, trọng dụng người có tài năng vào làm "
        "việc trong cơ quan hành chính nhà nước và đơn vị sự nghiệp công lập của tỉnh (thời "
        "gian: trước ngày 10 tháng 6 năm 2024; sản phẩm: dự thảo Quyết định của Ủy ban nhân "
        "dân tỉnh)." in text
    )
    assert "7. Theo dõi, đôn đốc, tổng hợp và tham mưu tổ chức thực hiện Kế hoạch" in text
    label = text.index("Nơi nhận:")
    assert text[label + 3 : label + 7] == [
        "- Phòng Tổ chức - Biên chế và Tổ chức phi chính phủ (t/h);",
        "- Phòng Công chức, viên chức (t/h);",
        "- Văn phòng Sở (t/h);",
        "- Lưu: VT, TCBC.",
    ]


def test_follow_up_body_reports_directly(all_subplans: Path) -> None:
    text = DocxReader(all_subplans / f"{PLAN_ID}-so-noi-vu.docx").text()
    assert "Sở Nội vụ báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện" in text
    assert "(qua Sở Nội vụ)" not in text


def test_agencies_lists_counts(run: Run) -> None:
    result = run("-w", str(REPO), "agencies")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("so-tai-chinh "))
    assert row.split()[-3:] == ["4", "1", "2"]
    assert len(result.stdout.strip().splitlines()) == 34


def test_tasks_by_alias_and_unknown_name(run: Run) -> None:
    result = run("-w", str(REPO), "tasks", "--agency", "Đắk Hà")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Ủy ban nhân dân huyện Đăk Hà (ubnd-huyen-dak-ha): 8 nhiệm vụ, trách nhiệm"
    assert lines[4].startswith("II.4    chủ trì")
    assert lines[6].startswith("II.6    phối hợp")
    result = run("-w", str(REPO), "tasks", "--agency", "so-noi-vuu")
    assert result.exit_code == 1
    assert "không có cơ quan “so-noi-vuu”. Có phải: so-noi-vu" in result.stderr


def test_subplan_needs_one_selection(run: Run) -> None:
    result = run("-w", str(REPO), "subplan")
    assert result.exit_code == 2
    assert "chọn đúng một trong --agency, --all, --kind" in result.output


def test_scaffold_round_trip(run: Run, example_copy: Path) -> None:
    ws = str(example_copy)
    result = run("-w", ws, "scaffold", "--agency", "Sở Y tế")
    assert result.exit_code == 0, result.output
    path = example_copy / "plans" / PLAN_ID / "don-vi" / "so-y-te.yaml"
    text = path.read_text(encoding="utf-8")
    assert "nv-6:" in text and "nv-4:" not in text
    # No words of the program's own stand in for the agency's actions.
    assert "viec: []" in text
    result = run("-w", ws, "validate")
    warning = next(line for line in result.stderr.splitlines() if "so-y-te.yaml" in line)
    assert "ke_hoach_don_vi.nhiem_vu: cảnh báo: chưa ghi việc cụ thể (viec) cho" in warning
    assert "nv-6 (mục II.6)" in warning
    start = text.index("    nv-6:")
    edited = (
        text[:start]
        + text[start:].replace(
            "viec: []",
            "viec:\n        - noi_dung: Đề xuất nhu cầu thu hút bác sĩ chuyên khoa, gửi Sở Nội vụ.",
            1,
        )
    ).replace('ho_ten: ""', "ho_ten: Nguyễn Văn Bình")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    result = run("-w", ws, "subplan", "--agency", "so-y-te", "-o", str(example_copy / "out"))
    assert result.exit_code == 0, result.output
    doc = DocxReader(example_copy / "out" / f"{PLAN_ID}-so-y-te.docx").text()
    assert "- Đề xuất nhu cầu thu hút bác sĩ chuyên khoa, gửi Sở Nội vụ." in doc
    assert "Nguyễn Văn Bình" in doc

    result = run("-w", ws, "scaffold", "--agency", "so-y-te")
    assert result.exit_code == 1
    assert "đã có; không ghi đè" in result.stderr
    assert path.read_text(encoding="utf-8") == edited

    result = run("-w", ws, "scaffold", "--agency", "so-y-te", "--force")
    assert result.exit_code == 0
    backups = list(path.parent.glob("so-y-te.yaml.bak-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited
    assert path.read_text(encoding="utf-8") == text


def test_details_for_a_task_the_agency_does_not_have(run: Run, example_copy: Path) -> None:
    folder = example_copy / "plans" / PLAN_ID / "don-vi"
    (folder / "so-tu-phap.yaml").write_text(
        "ke_hoach_don_vi:\n  co_quan: so-tu-phap\n  nhiem_vu:\n    nv-4:\n      viec: []\n",
        encoding="utf-8",
    )
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 1
    assert (
        f"plans/{PLAN_ID}/don-vi/so-tu-phap.yaml:4: ke_hoach_don_vi.nhiem_vu.nv-4: "
        "nhiệm vụ “nv-4” không giao cho cơ quan này"
    ) in result.stderr


def test_noinhan_text_and_docx(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "noinhan", "--agency", "dak-ha", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
        "- Sở Nội vụ (đ/b);",
        "- Chủ tịch, các PCT UBND huyện;",
        "- Phòng Nội vụ huyện (t/h);",
        "- Phòng Tài chính - Kế hoạch huyện (t/h);",
        "- Lưu: VT, NV.",
    ]
    doc = DocxReader(tmp_path / f"{PLAN_ID}-ubnd-huyen-dak-ha-noi-nhan.docx")
    paras = [p for p in doc.paragraphs() if p.text]
    assert paras[0].text == "Nơi nhận:" and paras[0].first_look.italic  # type: ignore[union-attr]
    assert [p.text for p in paras[1:]] == result.stdout.splitlines()[1:]


def test_batch_writes_plan_subplans_manifest_and_zip(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "batch", "-o", str(tmp_path), "--zip", "--quiet")
    assert result.exit_code == 0, result.output
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    docs = sorted(folder.glob("*.docx"))
    assert len(docs) == 31
    with (folder / "manifest.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 31
    assert rows[0]["loai_van_ban"] == "Kế hoạch" and rows[0]["ma_co_quan"] == "ubnd-tinh"
    for row in rows:
        data = (folder / row["tep"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
    with zipfile.ZipFile(folder.with_suffix(".zip")) as archive:
        assert len(archive.namelist()) == 32
    assert result.stdout.strip().endswith(f"Đã ghi 31/31 văn bản vào {folder}.")
    assert not list(folder.glob(".*.tmp"))


def test_batch_kind_districts(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(REPO), "batch", "-o", str(tmp_path), "--kind", "ubnd-huyen", "-q")
    assert result.exit_code == 0
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(list(folder.glob("*.docx"))) == 10


def test_one_failing_document_does_not_stop_the_batch(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kehoach_docs import batch
    from kehoach_docs.errors import RenderError

    original = batch._Renderer.job

    def failing(self: batch._Renderer, spec: batch.Spec) -> object:
        if spec.agency_id == "so-y-te":
            raise RenderError("mẫu ke-hoach.docx: hỏng thử")
        return original(self, spec)

    monkeypatch.setattr(batch._Renderer, "job", failing)
    result = run("-w", str(REPO), "batch", "-o", str(tmp_path), "-j", "1", "-q")
    assert result.exit_code == 1
    assert "Lỗi: so-y-te: mẫu ke-hoach.docx: hỏng thử" in result.stderr
    assert "Đã ghi 30/31 văn bản" in result.stdout and "1 văn bản lỗi" in result.stdout
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(list(folder.glob("*.docx"))) == 30


def test_killed_batch_leaves_only_whole_documents(tmp_path: Path) -> None:
    ws = write_synthetic_workspace(tmp_path / "ws", 400)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kehoach_docs", "-w", str(ws), "batch", "-o", str(out), "-q"]
    proc = subprocess.Popen(command, start_new_session=True, cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(list(out.glob("*/*.docx"))) >= 20:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    [folder] = [p for p in out.iterdir() if p.is_dir()]
    docs = list(folder.glob("*.docx"))
    assert 20 <= len(docs) < 401, "the batch should have been killed midway"
    assert not (folder / "manifest.csv").exists()
    for doc in docs:
        Document(str(doc))  # every .docx present opens
    subprocess.run(command, check=True, cwd=REPO, timeout=300)
    assert not list(out.glob("*/.*.kehoach-tmp")), "the killed run's temporary files are removed"
    newest = max((p for p in out.iterdir() if p.is_dir()), key=lambda p: p.name)
    assert len(list(newest.glob("*.docx"))) == 401
    assert (newest / "manifest.csv").exists()


def test_an_agency_that_cannot_issue_is_named_not_crashed(run: Run, example_copy: Path) -> None:
    # A body entered with only id, name and kind, in a group that leads tasks.
    registry = example_copy / "plans" / "co-quan.yaml"
    body, groups = registry.read_text(encoding="utf-8").split("\nnhom:", 1)
    extra = "\n  - id: cong-an-tinh\n    ten: Công an tỉnh\n    loai: so\n"
    registry.write_text(body + extra + "\nnhom:" + groups, encoding="utf-8")
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 0, result.output
    assert (
        "cảnh báo: mục II.1 (nv-1): Công an tỉnh (cong-an-tinh) có nhiệm vụ nhưng danh mục cơ "
        "quan chưa có đủ “tieu_de”, “ma”, “dia_danh”" in result.stderr
    )
    out = example_copy / "out"
    result = run("-w", str(example_copy), "subplan", "--all", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Bỏ qua Công an tỉnh (cong-an-tinh)" in result.stderr
    assert len(list(out.glob("*.docx"))) == 30
    result = run("-w", str(example_copy), "subplan", "-a", "cong-an-tinh", "-o", str(out))
    assert result.exit_code == 1
    assert "Công an tỉnh (cong-an-tinh) chưa đủ thông tin để ban hành văn bản" in result.stderr
    assert "Traceback" not in result.output
