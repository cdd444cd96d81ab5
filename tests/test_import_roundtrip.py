"""Every plan the project renders comes back through `kehoach import` with its words and
its tasks: the example, the starter workspace and a plan of another shape."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import REPO
from roundtrip import recall, tasks

from kehoach_docs.api import build_plan, import_document
from kehoach_docs.workspace import load_project


def _shape(root: Path) -> Path:
    from test_other_shapes import PLAN, REGISTRY

    (root / "plans").mkdir(parents=True)
    (root / "plans" / "co-quan.yaml").write_text(REGISTRY, encoding="utf-8")
    (root / "plans" / "kh-de-an-08.yaml").write_text(PLAN, encoding="utf-8")
    return root


def _starter(root: Path) -> Path:
    shutil.copytree(REPO / "kehoach_docs" / "starter" / "plans", root / "plans")
    return root


LABEL_LOOKS = """
ke_hoach:
  co_quan_ban_hanh: ubnd-tinh
  nam: 2025
  trich_yeu: Thực hiện một việc
  can_cu_nghieng: false
  can_cu: [Căn cứ Luật Tổ chức chính quyền địa phương;]
  nhan: {nghieng: false, dau_dong: ""}
  phan:
    - tieu_de: Nhiệm vụ
      muc:
        - noi_dung: [Làm một việc., {gach: Việc thứ nhất.}, {cong: Ý nhỏ.}]
          chu_tri: [so-noi-vu]
          phoi_hop: [cac-so]
          thoi_gian: {ghi: sau khi có hướng dẫn của Bộ.}
          ghi_chu: Ưu tiên.
          nhan: {hai_cham: false}
        - noi_dung: [Làm việc khác.]
          chu_tri: [so-tai-chinh]
          san_pham: Báo cáo
  ket_thuc: Trên đây là Kế hoạch./.
  kem_theo: (Kèm theo Phụ lục I)
  phu_luc:
    - so: I
      tieu_de: DANH MỤC NHIỆM VỤ
      bang_nhiem_vu:
        muc:
          - tieu_de: NHIỆM VỤ CHUNG
            muc:
              - noi_dung: [Ban hành quy chế phối hợp.]
                chu_tri: [so-noi-vu]
                phoi_hop: [cac-so]
                thoi_gian: {ghi: Quý II năm 2025, han: 2025-06-30}
"""


def _label_looks(root: Path) -> Path:
    from conftest import MINI_REGISTRY

    (root / "plans").mkdir(parents=True)
    (root / "plans" / "co-quan.yaml").write_text(MINI_REGISTRY, encoding="utf-8")
    (root / "plans" / "kh.yaml").write_text(LABEL_LOOKS, encoding="utf-8")
    return root


WORKSPACES: dict[str, Callable[[Path], Path]] = {
    "labels-upright-without-colon": _label_looks,
    "example": lambda root: REPO,
    "second-example": lambda root: REPO / "examples" / "quang-ngai-2025",
    "starter": _starter,
    "other-shape": _shape,
}
# The test workspaces of other provinces and years, whichever are in the repository.
for _folder in sorted((REPO / "tests" / "data" / "workspaces").glob("*/plans")):
    WORKSPACES[_folder.parent.name] = lambda root, folder=_folder.parent: folder


@pytest.mark.parametrize("name", list(WORKSPACES))
def test_round_trip_keeps_words_and_tasks(name: str, tmp_path: Path) -> None:
    source = WORKSPACES[name](tmp_path / "source")
    [original] = build_plan(source, None, tmp_path / "first")
    result = import_document(original, Path("."), tmp_path / "imported")
    load_project(tmp_path / "imported")  # validates, or raises with every problem
    [again] = build_plan(tmp_path / "imported", None, tmp_path / "again")
    assert recall(original, again) >= 0.98
    assert tasks(tmp_path / "imported") == tasks(source)
    assert result.tasks == len(tasks(source))


def test_example_structure_comes_back(tmp_path: Path) -> None:
    [original] = build_plan(REPO, None, tmp_path / "first")
    import_document(original, Path("."), tmp_path / "ws")
    plan = load_project(tmp_path / "ws").plan().plan
    assert [s.title for s in plan.sections] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG THỰC HIỆN",
        "TỔ CHỨC THỰC HIỆN",
    ]
    purpose = plan.sections[0].children[0]
    assert (purpose.title, purpose.inline_title) == ("Mục đích:", True)
    assert plan.labels.bullet == "*"
    assert plan.sections[1].children[0].labels is not None
    assert plan.sections[1].children[0].labels.lead == "Đơn vị thực hiện"
    assert list(plan.footnotes) == ["1", "2"]
    assert plan.footnotes["1"].startswith("Sửa đổi, bổ sung một số điều của Nghị định số 24/2014")
    assert plan.signer is not None and plan.signer.name == "Lê Ngọc Tuấn"
    archive = plan.distribution.archive
    assert archive.places == ["VT", "NC", "TTHG"]
    assert archive.drafter is not None and archive.drafter.mark == "TTTT"
    # responsibilities under "Tổ chức thực hiện" name who takes them
    assert plan.sections[2].children[1].assignees == ["so-tai-chinh"]


def test_import_into_the_example_reuses_its_agencies(
    tmp_path: Path, example_copy: Path, run: Callable[..., Result]
) -> None:
    [original] = build_plan(REPO, None, tmp_path / "first")
    before = sorted(p.name for p in (example_copy / "plans").iterdir())
    result = run("-w", str(example_copy), "import", str(original), "--ma", "kh-nhap-lai")
    assert result.exit_code == 0, result.output
    added = sorted(set(p.name for p in (example_copy / "plans").iterdir()) - set(before))
    assert added == ["kh-nhap-lai.yaml"]  # no agency was missing: no registry file
    assert "tạo mới 0" in result.output
    project = load_project(example_copy)
    first = project.plans["kh-nhap-lai"].plan.sections[1].children[1]
    assert first.lead is not None and first.lead.refs == [
        "cac-so-ban-nganh",
        "ubnd-cac-huyen-thanh-pho",
    ]
    for agency in ("dak-ha", "so-noi-vu", "so-tai-chinh"):
        imported = run("-w", str(example_copy), "--plan", "kh-nhap-lai", "tasks", "-a", agency)
        kept = run("-w", str(example_copy), "--plan", "kh-trien-khai-120-tu", "tasks", "-a", agency)
        assert imported.exit_code == kept.exit_code == 0
        assert imported.output == kept.output


def test_import_never_overwrites(
    tmp_path: Path, example_copy: Path, run: Callable[..., Result]
) -> None:
    [original] = build_plan(REPO, None, tmp_path / "first")
    plan_file = example_copy / "plans" / "kh-trien-khai-120-tu.yaml"
    before = plan_file.read_bytes()
    taken = run("-w", str(example_copy), "import", str(original), "--ma", "kh-trien-khai-120-tu")
    assert taken.exit_code == 1
    assert "kh-trien-khai-120-tu" in taken.output and "mã khác" in taken.output
    assert plan_file.read_bytes() == before
    full = tmp_path / "full"
    full.mkdir()
    (full / "ghi-chu.txt").write_text("của văn thư", encoding="utf-8")
    refused = run("import", str(original), "-o", str(full))
    assert refused.exit_code == 1
    assert "không rỗng" in refused.output
    assert sorted(p.name for p in full.iterdir()) == ["ghi-chu.txt"]


def test_summary_points_at_each_doubt(tmp_path: Path, run: Callable[..., Result]) -> None:
    [original] = build_plan(REPO, None, tmp_path / "first")
    result = run("import", str(original), "-o", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    assert "Đã nhận ra 6 nhiệm vụ" in result.output
    doubts = [line for line in result.output.splitlines() if line.startswith("plans/")]
    assert doubts
    for line in doubts:
        name, number, message = line.split(":", 2)
        text = (tmp_path / "ws" / name).read_text(encoding="utf-8").splitlines()[int(number) - 1]
        assert f"# KIỂM TRA: {message.strip()}" in text


def test_looks_of_the_format_come_back(tmp_path: Path) -> None:
    [original] = build_plan(_label_looks(tmp_path / "source"), None, tmp_path / "first")
    import_document(original, Path("."), tmp_path / "ws")
    plan = load_project(tmp_path / "ws").plan().plan
    assert (plan.labels.italic, plan.labels.bullet, plan.basis_italic) == (False, "", False)
    assert plan.attachment == "(Kèm theo Phụ lục I)"
    first = plan.sections[0].children[0]
    assert [(p.mark, p.text) for p in first.paragraphs] == [
        ("", "Làm một việc."),
        ("-", "Việc thứ nhất."),
        ("+", "Ý nhỏ."),
    ]
    assert first.labels is not None and first.labels.colon is False
    assert first.note == "Ưu tiên."
    [appendix] = plan.appendices
    assert (appendix.number, appendix.title) == ("I", "DANH MỤC NHIỆM VỤ")
    assert appendix.tasks is not None


def test_a_new_workspace_gets_the_editor_schemas(tmp_path: Path) -> None:
    [original] = build_plan(REPO, None, tmp_path / "first")
    result = import_document(original, Path("."), tmp_path / "ws")
    schema = tmp_path / "ws" / "schemas" / "ke-hoach.schema.json"
    assert schema in result.written and schema.exists()
    first = (tmp_path / "ws" / "plans" / f"{result.plan_id}.yaml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../schemas/ke-hoach.schema.json")
