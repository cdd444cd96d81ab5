from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kehoach_docs.cli import main

# The templates the tests prepare are kept in a folder of the session's, not the user's
# (render/prepared.py); the tests of that folder choose their own.
os.environ["KEHOACH_CACHE_DIR"] = tempfile.mkdtemp(prefix="kehoach-test-cache-")

REPO = Path(__file__).resolve().parent.parent
# The seed plan (shared/seed/000_39d6dda251fd2e98.txt), kept here so tests need nothing outside.
SEED = REPO / "tests" / "data" / "seed-kon-tum-2024.md"
# Workspaces inside the tree with a period's reports (folder, period): the example and
# three other provinces, between them plans and reports with one or two appendices.
PERIOD_WORKSPACES = [
    (".", "2024-H1"),
    ("tests/data/workspaces/dak-lak-2024-cchc", "2024-H1"),
    ("tests/data/workspaces/lam-dong-2025-cds", "2025-Q4"),
    ("examples/quang-ngai-2025", "2026-H1"),
]
# The five statuses of the README, in its order: what reports count and tables show.
STATUSES = [
    "Đã hoàn thành",
    "Hoàn thành quá hạn",
    "Đang thực hiện",
    "Đang thực hiện, quá hạn",
    "Chưa thực hiện",
]


@pytest.fixture
def run() -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def make_workspace(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """A workspace in tmp_path built from {relative path: YAML text}."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "ws"
        (root / "plans").mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example workspace copied, so tests may break it without touching the repo."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "plans", root / "plans")
    return root


@pytest.fixture(scope="session")
def rendered_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kehoach_docs.api import build_plan

    return build_plan(REPO, None, tmp_path_factory.mktemp("plan"))[0]


MINI_REGISTRY = """
co_quan:
  - id: ubnd-tinh
    ten: Ủy ban nhân dân tỉnh
    loai: ubnd-tinh
    ma: UBND
    tieu_de:
      co_quan_ban_hanh: [ỦY BAN NHÂN DÂN, TỈNH MẪU]
    dia_danh: Mẫu
    nguoi_ky: {quyen_han: [TM. ỦY BAN NHÂN DÂN], chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A}
  - id: so-noi-vu
    ten: Sở Nội vụ
    loai: so
    ma: SNV
    tieu_de:
      co_quan_chu_quan: [UBND TỈNH MẪU]
      co_quan_ban_hanh: [SỞ NỘI VỤ]
    dia_danh: Mẫu
  - id: so-tai-chinh
    ten: Sở Tài chính
    loai: so
    ma: STC
    tieu_de:
      co_quan_chu_quan: [UBND TỈNH MẪU]
      co_quan_ban_hanh: [SỞ TÀI CHÍNH]
    dia_danh: Mẫu
nhom:
  - id: cac-so
    ghi: các sở
    loai: [so]
"""

MINI_PLAN = """
ke_hoach:
  co_quan_ban_hanh: ubnd-tinh
  nam: 2025
  trich_yeu: Thực hiện một việc
  mo_dau: ["Thực hiện chỉ đạo; Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"]
  phan:
    - tieu_de: NHIỆM VỤ
      muc:
        - id: nv-1
          noi_dung: [Làm một việc.]
          chu_tri: {don_vi: [so-noi-vu]}
          phoi_hop: {don_vi: [cac-so]}
          thoi_gian: {ghi: Trước ngày 15 tháng 11 năm 2025., han: 2025-11-15}
  ket_thuc: Trên đây là Kế hoạch./.
"""


def _hypothesis_profiles() -> None:
    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    settings.register_profile("default", max_examples=200, **common)  # type: ignore[arg-type]
    # A longer run for a nightly job: pytest --hypothesis-profile=nightly
    settings.register_profile("nightly", max_examples=3000, **common)  # type: ignore[arg-type]
    settings.load_profile("default")


_hypothesis_profiles()


def agency_row(output: str, agency_id: str) -> tuple[int, int, int]:
    """(chủ trì, phối hợp, trách nhiệm) from the `kehoach agencies` table."""
    for line in output.splitlines():
        fields = line.split()
        if fields and fields[0] == agency_id:
            lead, support, duty = (int(x) for x in fields[-3:])
            return lead, support, duty
    raise AssertionError(f"{agency_id} not listed:\n{output}")
