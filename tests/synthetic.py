"""A synthetic workspace of any size, for batch tests and the benchmark.

`python tests/synthetic.py DIR 1000 --reports` writes one from the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# The period the reports are for, within the plan's year.
PERIOD = "2026-H1"
TASKS = 5


def _registry(agencies: int) -> str:
    lines = [
        "co_quan:",
        "  - id: ubnd-tinh",
        "    ten: Ủy ban nhân dân tỉnh",
        "    ten_ngan: UBND tỉnh",
        "    loai: ubnd-tinh",
        "    ma: UBND",
        "    tieu_de: {co_quan_ban_hanh: [ỦY BAN NHÂN DÂN, TỈNH THỬ NGHIỆM]}",
        "    dia_danh: Thử Nghiệm",
    ]
    for i in range(1, agencies + 1):
        lines += [
            f"  - id: so-thu-{i}",
            f"    ten: Sở Thử nghiệm số {i}",
            "    loai: so",
            f"    ma: ST{i}",
            "    tieu_de:",
            "      co_quan_chu_quan: [UBND TỈNH THỬ NGHIỆM]",
            f"      co_quan_ban_hanh: [SỞ THỬ NGHIỆM SỐ {i}]",
            "    dia_danh: Thử Nghiệm",
            "    nguoi_ky: {chuc_vu: GIÁM ĐỐC}",
        ]
    lines += ["nhom:", "  - id: cac-so", "    ghi: các sở", "    loai: [so]"]
    return "\n".join(lines) + "\n"


def _plan() -> str:
    plan = """ke_hoach:
  co_quan_ban_hanh: ubnd-tinh
  nam: 2026
  trich_yeu: Thử nghiệm tạo hàng loạt văn bản
  co_quan_theo_doi: so-thu-1
  mo_dau: ["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"]
  phan:
    - tieu_de: MỤC ĐÍCH, YÊU CẦU
      noi_dung: [Bảo đảm thực hiện đúng quy định.]
    - tieu_de: NHIỆM VỤ
      muc:
"""
    for i in range(1, TASKS + 1):
        plan += f"""        - id: nv-{i}
          noi_dung: ["Nhiệm vụ thử nghiệm số {i}, có nhiều chữ để đoạn văn dài như thật."]
          chu_tri: [cac-so]
          thoi_gian: Thường xuyên.
"""
    return plan + "  ket_thuc: Trên đây là Kế hoạch./.\n"


_STATUSES = ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Đang thực hiện"]


def _report(i: int) -> str:
    text = f"""bao_cao_tien_do:
  co_quan: so-thu-{i}
  ky: {PERIOD}
  so: {i}
  ngay: 2026-06-18
  nhiem_vu:
"""
    for task in range(1, TASKS + 1):
        status = _STATUSES[(i + task) % len(_STATUSES)]
        text += f"""    nv-{task}:
      tinh_trang: {status}
      ket_qua: [Đã triển khai nhiệm vụ số {task} tại Sở Thử nghiệm số {i}.]
      so_lieu: [{{ten: Số văn bản đã ban hành, gia_tri: {i % 7 + task}, don_vi: văn bản}}]
"""
        if (i + task) % 9 == 0:
            text += "      kho_khan: [Kinh phí được giao chậm.]\n"
    return text + "  chung: {kien_nghi: [Đề nghị bố trí kinh phí kịp thời.]}\n"


def write_synthetic_workspace(root: Path, agencies: int, reports: bool = False) -> Path:
    """`agencies` bodies, each leading every task of a plan of five; with `reports`, nine
    in ten of them have reported for PERIOD."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "co-quan.yaml").write_text(_registry(agencies), encoding="utf-8")
    (root / "plans" / "kh-thu.yaml").write_text(_plan(), encoding="utf-8")
    if reports:
        folder = root / "plans" / "kh-thu" / "tien-do" / PERIOD
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(1, agencies + 1):
            if i % 10 != 3:
                (folder / f"so-thu-{i}.yaml").write_text(_report(i), encoding="utf-8")
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("agencies", type=int)
    parser.add_argument("--reports", action="store_true", help=f"reports for {PERIOD}")
    args = parser.parse_args()
    write_synthetic_workspace(args.folder, args.agencies, args.reports)
