"""The agency's own YAML file, pre-filled with its tasks and comments for the clerk."""

from __future__ import annotations

import json

from .compose.headings import Addressees, task_heading
from .duties import Duty
from .models.registry import Agency
from .schemas import modeline
from .vn import upper_first


def q(text: str) -> str:
    """A YAML scalar that stays text whatever it holds: a JSON string is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def scaffold_text(
    plan_id: str,
    issuer: Agency,
    agency: Agency,
    duties: list[Duty],
    names: Addressees,
    year: int,
) -> str:
    """An agency's data file to fill in; the examples in its comments speak of `year`,
    the plan's own year."""
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
        f"  ngay:                  # ngày ký, ví dụ {year}-03-20 hoặc 20/3/{year}",
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
        "  # Các nhiệm vụ được giao. Ghi các việc cụ thể (viec) cho từng nhiệm vụ: chưa ghi thì",
        "  # kế hoạch của cơ quan chỉ nêu tên nhiệm vụ, và kehoach validate nhắc.",
        "  nhiem_vu:",
    ]
    for duty in duties:
        item = duty.entry.item
        heading = upper_first(task_heading(duty.entry, names))
        lines += [
            f"    # {upper_first(duty.entry.cite)} ({duty.role_words}); thời gian theo kế hoạch "
            f"của {issuer.display_short}: {item.timeframe.text if item.timeframe else 'không ghi'}",
            f"    {duty.entry.key}:",
            f"      tieu_de: {q(heading)}",
            "      lanh_dao:            # lãnh đạo phụ trách: chức vụ và họ tên",
            "      don_vi:              # phòng chủ trì (mã ở don_vi_truc_thuoc, hoặc tên)",
            "      phoi_hop: []         # các phòng phối hợp",
            "      viec: []             # các việc cụ thể cơ quan sẽ làm; ví dụ:",
            "      #  - noi_dung: Tham mưu xây dựng …",
            f"      #    thoi_gian: Quý II năm {year}.",
            "",
        ]
    lines += [
        "  # Nhiệm vụ riêng của cơ quan (ngoài kế hoạch của tỉnh), viết như mục của kế hoạch.",
        "  nhiem_vu_them: []",
        "",
        "  # Thay chữ mặc định: trich_yeu, mo_dau, muc_dich, yeu_cau, to_chuc, ket_thuc, lanh_dao.",
        "  van_ban: {}",
    ]
    return "\n".join(lines) + "\n"
