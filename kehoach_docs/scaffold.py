"""The agency's own YAML file, pre-filled with its tasks and comments for the clerk."""

from __future__ import annotations

import json

from .duties import Duty
from .models.plan import Timeframe
from .models.registry import Agency
from .schemas import modeline
from .vn import shorten


def q(text: str) -> str:
    """A YAML scalar that stays text whatever it holds: a JSON string is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def _timeframe_lines(value: Timeframe | None, indent: str) -> list[str]:
    if value is None:
        return [f"{indent}thoi_gian:            # ví dụ: Quý II năm 2024."]
    if value.deadline:
        return [
            f"{indent}thoi_gian:",
            f"{indent}  ghi: {q(value.text)}",
            f"{indent}  han: {value.deadline.isoformat()}",
        ]
    return [f"{indent}thoi_gian: {q(value.text)}"]


def scaffold_text(plan_id: str, issuer: Agency, agency: Agency, duties: list[Duty]) -> str:
    signer = agency.signer
    lines = [
        modeline("don-vi", 3),
        f"# Dữ liệu riêng của {agency.name} cho kế hoạch triển khai “{plan_id}”.",
        "# Tệp do “kehoach scaffold” tạo; sửa tự do rồi chạy: kehoach validate, kehoach subplan.",
        "# Trường để trống thì chương trình dùng nội dung mặc định.",
        "",
        "ke_hoach_don_vi:",
        f"  co_quan: {agency.id}",
        "  so:                    # số văn bản khi ban hành, ví dụ 12",
        "  ngay:                  # ngày ký, ví dụ 2024-03-20 hoặc 20/3/2024",
        "",
        "  # Người ký; bỏ trống họ tên khi chưa biết.",
        "  nguoi_ky:",
        f"    quyen_han: [{', '.join(q(a) for a in signer.authority)}]",
        f"    chuc_vu: {q(signer.title)}",
        f"    ho_ten: {q(signer.name)}",
        "",
        "  # Các phòng, đơn vị trực thuộc; “id” dùng ở “don_vi” của từng việc bên dưới.",
        "  don_vi_truc_thuoc: []",
        "  #  - id: van-phong",
        "  #    ten: Văn phòng",
        "  #    ten_ngan: VP",
        "",
        "  # Dòng “Lưu”: văn thư và đơn vị soạn thảo.",
        "  luu:",
        "    noi: [VT]",
        "",
        "  # Các nhiệm vụ được giao; mỗi nhiệm vụ có các việc cụ thể (viec).",
        "  nhiem_vu:",
    ]
    for duty in duties:
        if duty.role == "thuc_hien":
            continue
        item = duty.entry.item
        summary = item.title or (item.paragraphs[0] if item.paragraphs else "")
        action = (
            f"Tổ chức thực hiện nội dung nhiệm vụ tại mục {duty.entry.ref} "
            f"Kế hoạch của {issuer.display_short}."
        )
        lines += [
            f"    # Mục {duty.entry.ref} ({duty.role_words}): {shorten(summary, 90)}",
            f"    # Thời gian theo kế hoạch của {issuer.display_short}: "
            f"{item.timeframe.text if item.timeframe else 'không ghi'}",
            f"    {duty.entry.key}:",
            "      don_vi:              # phòng chủ trì (mã ở don_vi_truc_thuoc, hoặc tên)",
            "      viec:",
            f"        - noi_dung: {q(action)}",
            "          don_vi:",
            *_timeframe_lines(item.timeframe, "          "),
            "",
        ]
    lines += [
        "  # Nhiệm vụ riêng của cơ quan (ngoài kế hoạch của tỉnh), viết như mục của kế hoạch.",
        "  nhiem_vu_them: []",
        "",
        "  # Thay chữ mặc định: trich_yeu, mo_dau, muc_dich, yeu_cau, ket_thuc, lanh_dao.",
        "  van_ban: {}",
    ]
    return "\n".join(lines) + "\n"
