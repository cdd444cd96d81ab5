"""`kehoach validate`: every problem at once, as file:line: field: message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import MINI_PLAN, MINI_REGISTRY, REPO

Run = Callable[..., Result]


def test_example_workspace_is_valid(run: Run) -> None:
    result = run("-w", str(REPO), "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "Hợp lệ: 25 tệp: 33 cơ quan, 3 nhóm, 1 kế hoạch (6 nhiệm vụ), "
        "3 tệp dữ liệu của cơ quan, 20 báo cáo kỳ; 5 cảnh báo (ở trên)."
    )


def test_three_errors_in_two_files_are_all_reported(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    registry = MINI_REGISTRY.replace("    loai: so\n    ma: STC", "    loai: so\n    maa: STC")
    plan = MINI_PLAN.replace("don_vi: [so-noi-vu]", "don_vi: [so-noi-vuu]").replace(
        "han: 2025-11-15", "han: 2025-02-30"
    )
    root = make_workspace({"plans/co-quan.yaml": registry, "plans/kh.yaml": plan})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "plans/co-quan.yaml:21: co_quan[2].maa: khóa “maa” không có trong mẫu; có phải “ma”?",
        "plans/kh.yaml:11: ke_hoach.phan[0].muc[0].chu_tri.don_vi[0]: "
        "không có cơ quan hay nhóm nào mã “so-noi-vuu”; có phải “so-noi-vu”?",
        "plans/kh.yaml:13: ke_hoach.phan[0].muc[0].thoi_gian.han: "
        "ngày không hợp lệ: “2025-02-30”; tháng 2 năm 2025 chỉ có 28 ngày "
        "(viết 2024-03-15 hoặc 15/3/2024)",
        "Có 3 lỗi; chưa ghi tệp nào.",
    ]
    assert "Traceback" not in result.output
    assert not (root / "output").exists()


def test_one_slip_in_the_registry_is_one_error(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    # A registry that cannot be read says so, once: the codes the plan uses are not then
    # each said to be unknown (they are in the file that could not be read).
    registry = MINI_REGISTRY.replace("    loai: so\n    ma: STC", "    loai: so\n     ma: STC")
    plan = MINI_PLAN.replace("don_vi: [so-noi-vu]", "don_vi: [so-noi-vuu]")
    root = make_workspace({"plans/co-quan.yaml": registry, "plans/kh.yaml": plan})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("plans/co-quan.yaml:21: lỗi cú pháp YAML: "), lines
    assert lines[1] == "Có 1 lỗi; chưa ghi tệp nào."
    # Once it reads, the code mistyped in the plan is said.
    (root / "plans/co-quan.yaml").write_text(MINI_REGISTRY, encoding="utf-8")
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    assert "không có cơ quan hay nhóm nào mã “so-noi-vuu”" in result.stderr


def test_plan_command_refuses_invalid_data_and_writes_nothing(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    root = make_workspace(
        {"plans/co-quan.yaml": MINI_REGISTRY, "plans/kh.yaml": MINI_PLAN.replace("nam: 2025", "")}
    )
    result = run("-w", str(root), "plan")
    assert result.exit_code == 1
    assert "plans/kh.yaml:1: ke_hoach: chưa có “ngay” thì cần “nam”" in result.stderr
    assert not (root / "output").exists()


def test_duplicate_ids_across_files(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    extra = """
    co_quan:
      - id: so-noi-vu
        ten: Sở Nội vụ (bản sao)
        loai: so
    """
    root = make_workspace(
        {
            "plans/co-quan.yaml": MINI_REGISTRY,
            "plans/co-quan-2.yaml": extra,
            "plans/kh.yaml": MINI_PLAN,
        }
    )
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    assert (
        "plans/co-quan.yaml:10: co_quan[1].id: mã “so-noi-vu” bị trùng "
        "(đã dùng ở plans/co-quan-2.yaml:2)"
    ) in result.stderr


def test_group_containing_itself(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    groups = (
        MINI_REGISTRY
        + """
  - id: nhom-a
    ghi: nhóm a
    thanh_vien: [nhom-b]
  - id: nhom-b
    ghi: nhóm b
    thanh_vien: [nhom-a]
"""
    )
    root = make_workspace({"plans/co-quan.yaml": groups, "plans/kh.yaml": MINI_PLAN})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    assert "nhom[1].thanh_vien: nhóm chứa chính nó: nhom-a → nhom-b → nhom-a" in result.stderr


def test_unknown_file_kind_and_wrong_top_level(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    root = make_workspace(
        {
            "plans/co-quan.yaml": MINI_REGISTRY,
            "plans/kh.yaml": MINI_PLAN,
            "plans/la.yaml": "tieu_de: gì đó\n",
            "plans/list.yaml": "- a\n- b\n",
        }
    )
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    assert "plans/la.yaml:1: không rõ loại tệp" in result.stderr
    assert "plans/list.yaml:1: tệp phải là một khối “khóa: giá trị” ở ngoài cùng" in result.stderr


def test_footnote_reference_without_text(
    run: Run, make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    plan = MINI_PLAN.replace("[Làm một việc.]", '["Làm một việc[^9]."]')
    root = make_workspace({"plans/co-quan.yaml": MINI_REGISTRY, "plans/kh.yaml": plan})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 1
    assert "ke_hoach.phan[0].muc[0].noi_dung[0]: chú thích “[^9]” chưa có nội dung" in result.stderr


def test_not_a_workspace(run: Run, tmp_path: Path) -> None:
    result = run("-w", str(tmp_path), "validate")
    assert result.exit_code == 1
    assert "thiếu thư mục plans/" in result.stderr


def test_a_header_line_that_will_wrap_is_named_with_a_fix(
    run: Callable[..., Result], make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    registry = MINI_REGISTRY.replace(
        "co_quan_ban_hanh: [SỞ TÀI CHÍNH]",
        "co_quan_ban_hanh: [PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT]",
    )
    root = make_workspace({"plans/co-quan.yaml": registry, "plans/kh.yaml": MINI_PLAN})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 0
    assert (
        "co_quan[2].tieu_de.co_quan_ban_hanh[0]: cảnh báo: dòng “PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT” "
        "rộng 6,84 cm, ô tên cơ quan chỉ rộng 6,60 cm nên sẽ xuống dòng: hãy tách thành hai "
        "dòng, ví dụ “PHƯỜNG XUÂN HƯƠNG”, “- ĐÀ LẠT”"
    ) in result.stderr


def test_a_date_line_close_to_its_edge_is_not_said_to_be_over_it(
    run: Callable[..., Result], make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    # 9,62 cm in a 9,90 cm box: within it, but too close to lay out safely. The warning
    # must not read "9,62 cm, the box is only 9,90 cm" (a clerk's question).
    registry = MINI_REGISTRY.replace("dia_danh: Mẫu\nnhom:", "dia_danh: Đăk Thành Thượng\nnhom:")
    root = make_workspace({"plans/co-quan.yaml": registry, "plans/kh.yaml": MINI_PLAN})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 0
    assert (
        "co_quan[2].dia_danh: cảnh báo: dòng ngày tháng dài nhất “Đăk Thành Thượng, ngày 28 "
        "tháng 12 năm 2026” rộng 9,62 cm, sát mép ô rộng 9,90 cm (Word, LibreOffice dàn chữ "
        "rộng hơn một chút) nên có thể xuống dòng: dùng địa danh ngắn hơn"
    ) in result.stderr


def test_a_follow_up_body_that_cannot_issue_is_named(
    run: Callable[..., Result], make_workspace: Callable[[dict[str, str]], Path]
) -> None:
    # A body entered with only id, name and kind.
    registry = MINI_REGISTRY.replace(
        "nhom:", "  - id: ban-chi-dao\n    ten: Ban Chỉ đạo\n    loai: ban\nnhom:"
    )
    plan = MINI_PLAN.replace("  nam: 2025", "  nam: 2025\n  co_quan_theo_doi: ban-chi-dao")
    root = make_workspace({"plans/co-quan.yaml": registry, "plans/kh.yaml": plan})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 0, result.output
    assert (
        "ke_hoach.co_quan_theo_doi: cảnh báo: Ban Chỉ đạo (ban-chi-dao) theo dõi kế hoạch nhưng "
        "danh mục cơ quan chưa có đủ “tieu_de”, “ma”, “dia_danh”: chưa lập được báo cáo tổng hợp"
    ) in result.stderr


def test_a_numbered_document_citing_a_draft_plan_is_named(
    run: Callable[..., Result], example_copy: Path
) -> None:
    details = example_copy / "plans" / "kh-trien-khai-120-tu" / "don-vi" / "so-noi-vu.yaml"
    details.write_text(
        details.read_text(encoding="utf-8").replace("  so:  ", "  so: 27", 1), encoding="utf-8"
    )
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 0
    assert (
        "ke_hoach.so: cảnh báo: kế hoạch chưa có số, ngày (“so”, “ngay”) mà 1 văn bản của cơ "
        "quan đã có (ví dụ plans/kh-trien-khai-120-tu/don-vi/so-noi-vu.yaml)"
    ) in result.stderr


def test_a_unit_code_that_is_no_unit_is_named_with_a_guess(
    run: Callable[..., Result], example_copy: Path
) -> None:
    details = example_copy / "plans" / "kh-trien-khai-120-tu" / "don-vi" / "so-noi-vu.yaml"
    text = details.read_text(encoding="utf-8")
    details.write_text(text.replace("      don_vi: tcbc\n", "      don_vi: tcb\n", 1), "utf-8")
    result = run("-w", str(example_copy), "validate")
    assert result.exit_code == 0
    assert (
        "ke_hoach_don_vi.nhiem_vu.nv-2.don_vi: cảnh báo: “tcb” không phải mã phòng, đơn vị nào "
        "trong “don_vi_truc_thuoc”; có phải “tcbc”? (chữ này sẽ in nguyên như vậy)"
    ) in result.stderr
