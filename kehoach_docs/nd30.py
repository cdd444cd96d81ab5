"""Facts of Nghị định 30/2020/NĐ-CP that are national law, the same in every province."""

from __future__ import annotations

# Phụ lục III: the type code of a document and the tên loại it prints.
TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "TTr": "TỜ TRÌNH",
    "CTr": "CHƯƠNG TRÌNH",
    "HD": "HƯỚNG DẪN",
    "CT": "CHỈ THỊ",
    "NQ": "NGHỊ QUYẾT",
    "QyĐ": "QUY ĐỊNH",
    "ĐA": "ĐỀ ÁN",
    "PA": "PHƯƠNG ÁN",
    "BB": "BIÊN BẢN",
}

# Purpose marks after a recipient in Nơi nhận.
TO_REPORT = "b/c"  # để báo cáo
TO_ACT = "t/h"  # để thực hiện
TO_KNOW = "đ/b"  # để biết
