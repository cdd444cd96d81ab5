"""A synthetic workspace of any size, for batch tests and the benchmark."""

from __future__ import annotations

from pathlib import Path


def write_synthetic_workspace(root: Path, agencies: int) -> Path:
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
    for i in range(1, 6):
        plan += f"""        - id: nv-{i}
          noi_dung: ["Nhiệm vụ thử nghiệm số {i}, có nhiều chữ để đoạn văn dài như thật."]
          chu_tri: [cac-so]
          thoi_gian: Thường xuyên.
"""
    plan += "  ket_thuc: Trên đây là Kế hoạch./.\n"
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "co-quan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "plans" / "kh-thu.yaml").write_text(plan, encoding="utf-8")
    return root
