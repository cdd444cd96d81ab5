"""Workspaces written from real plans of other provinces (tests/data/workspaces/*/README.md).

Each must validate as shipped, and `kehoach tasks` / `kehoach agencies` must list the tasks the
data holds. Counts are taken from the YAML by hand, for agencies whose role is unambiguous
(no body named as phối hợp while its group is chủ trì), so a change in how that ambiguity is
resolved does not move these numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import agency_row

WORKSPACES = Path(__file__).resolve().parent / "data" / "workspaces"
LAM_DONG = WORKSPACES / "lam-dong-2025-cds"
DAK_LAK = WORKSPACES / "dak-lak-2024-cchc"

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("workspace", "summary"),
    [
        (
            LAM_DONG,
            "33 cơ quan, 4 nhóm, 1 kế hoạch (16 nhiệm vụ), 2 tệp dữ liệu của cơ quan, 8 báo cáo kỳ",
        ),
        (
            DAK_LAK,
            "32 cơ quan, 3 nhóm, 1 kế hoạch (25 nhiệm vụ), 2 tệp dữ liệu của cơ quan, 6 báo cáo kỳ",
        ),
    ],
    ids=["lam-dong-2025", "dak-lak-2024"],
)
def test_workspace_validates(run: Run, workspace: Path, summary: str) -> None:
    result = run("-w", str(workspace), "validate")
    assert result.exit_code == 0, result.output
    assert "Hợp lệ" in result.stdout
    assert summary in result.stdout


def test_lam_dong_warns_about_the_status_written_against_the_deadline(run: Run) -> None:
    # ubnd-xa-dam-rong-1 reports III.3 (due 31/8/2025) as "Đang thực hiện" on purpose.
    result = run("-w", str(LAM_DONG), "validate")
    assert result.exit_code == 0
    assert "ubnd-xa-dam-rong-1.yaml" in result.output
    assert "nv-03.tinh_trang" in result.output


@pytest.mark.parametrize(
    ("workspace", "agency_id", "counts"),
    [
        # Lâm Đồng: III.1-3 explicit, III.5-6 through "các sở, ban, ngành"; V.1, V.6.
        (LAM_DONG, "so-khoa-hoc-va-cong-nghe", (5, 8, 2)),
        (LAM_DONG, "so-y-te", (3, 3, 1)),
        (LAM_DONG, "ubnd-phuong-xuan-huong-da-lat", (3, 7, 1)),
        (LAM_DONG, "ubnd-dac-khu-phu-quy", (3, 7, 1)),
        # Bodies with only id/ten/loai, used as phối hợp and in TỔ CHỨC THỰC HIỆN.
        (LAM_DONG, "buu-dien-tinh", (0, 1, 1)),
        (LAM_DONG, "tinh-doan", (0, 2, 0)),
        (LAM_DONG, "ubnd-tinh", (0, 0, 0)),
        # Đắk Lắk: nine tasks led by "các sở, ban, ngành", five in support, V.1.
        (DAK_LAK, "so-y-te", (9, 5, 1)),
        (DAK_LAK, "ubnd-huyen-cu-mgar", (6, 6, 1)),
        (DAK_LAK, "ubnd-huyen-krong-pac", (6, 7, 1)),
        (DAK_LAK, "ubnd-thanh-pho-buon-ma-thuot", (6, 7, 1)),
        (DAK_LAK, "cong-an-tinh", (1, 1, 0)),
        (DAK_LAK, "bao-dak-lak", (0, 1, 1)),
    ],
)
def test_agencies_counts(
    run: Run, workspace: Path, agency_id: str, counts: tuple[int, int, int]
) -> None:
    result = run("-w", str(workspace), "agencies")
    assert result.exit_code == 0, result.output
    assert agency_row(result.stdout, agency_id) == counts


ROW = re.compile(r"^(\S+)\s+(chủ trì|phối hợp|thực hiện)\s+(.*)$")


def task_rows(output: str) -> list[tuple[str, str]]:
    """(role, text) of each row of `kehoach tasks`, after the heading line."""
    rows = []
    for line in output.splitlines()[1:]:
        match = ROW.match(line)
        assert match, f"unexpected row: {line!r}"
        rows.append((match.group(2), match.group(3)))
    return rows


# The first words of each task's text, as written in the plan file.
LAM_DONG_SKHCN = [
    "Rà soát, tham mưu sửa đổi",  # III.1 chủ trì
    "Bảo đảm hạ tầng số",  # III.2 chủ trì
    "Cấp mới, thay đổi thông tin chứng thư",  # III.3 chủ trì
    "Vận hành Hệ thống thông tin giải quyết",  # III.4 phối hợp
    "Số hóa hồ sơ, kết quả giải quyết",  # III.5 chủ trì (group)
    "Cung cấp dịch vụ công trực tuyến",  # III.6 chủ trì (group)
    "Tiếp tục triển khai Đề án 06",  # III.8 phối hợp (group)
    "Tổ chức đào tạo, bồi dưỡng kỹ năng số",  # III.9 phối hợp
    "Thống nhất sử dụng một Hệ thống",  # III.10 phối hợp
    "Tham mưu bố trí kinh phí",  # III.11 phối hợp
    "Bảo đảm an toàn thông tin",  # III.12 phối hợp
    "Kiện toàn, duy trì hoạt động",  # III.15 phối hợp
    "Kết nối, tích hợp Hệ thống",  # III.16 phối hợp, with a condition
]

DAK_LAK_CU_MGAR = [
    "Ban hành Kế hoạch CCHC",  # cd-1 chủ trì
    "Xác định, công bố Chỉ số CCHC",  # cd-4 phối hợp
    "Rà soát, hệ thống hóa văn bản QPPL",  # ct-2 phối hợp
    "Tiếp nhận hồ sơ, trả kết quả",  # mc-b chủ trì, in the unnumbered group
    "Số hóa hồ sơ, kết quả giải quyết TTHC",  # tthc-3 chủ trì
    "Rà soát, sắp xếp tổ chức bộ máy",  # tcbm-1 chủ trì
    "Điều chỉnh vị trí việc làm",  # cv-1 chủ trì
    "Đào tạo, bồi dưỡng cán bộ",  # cv-3 phối hợp
    "Giao quyền tự chủ tài chính",  # tcc-1 phối hợp
    "Đẩy nhanh tiến độ giải ngân",  # tcc-2 phối hợp
    "Cung cấp dịch vụ công trực tuyến",  # cds-2 chủ trì
    "Triển khai Đề án 06",  # cds-3 phối hợp
]


@pytest.mark.parametrize(
    ("workspace", "agency", "texts", "lead", "duties"),
    [
        (LAM_DONG, "so-khoa-hoc-va-cong-nghe", LAM_DONG_SKHCN, 5, 2),
        (DAK_LAK, "Cư M'gar", DAK_LAK_CU_MGAR, 6, 1),
    ],
    ids=["lam-dong-so-khcn", "dak-lak-cu-mgar"],
)
def test_tasks_of_an_agency(
    run: Run, workspace: Path, agency: str, texts: list[str], lead: int, duties: int
) -> None:
    result = run("-w", str(workspace), "tasks", "--agency", agency)
    assert result.exit_code == 0, result.output
    rows = task_rows(result.stdout)
    tasks = [(role, row) for role, row in rows if role != "thực hiện"]
    assert len(tasks) == len(texts)
    for (_, row), text in zip(tasks, texts, strict=True):
        assert row.startswith(text), row
    assert sum(role == "chủ trì" for role, _ in tasks) == lead
    assert sum(role == "thực hiện" for role, _ in rows) == duties
