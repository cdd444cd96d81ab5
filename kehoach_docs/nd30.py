"""Facts of Nghị định 30/2020/NĐ-CP that are national law, the same in every province."""

from __future__ import annotations

# Phụ lục III: the tên loại of a văn bản hành chính as printed -> the abbreviation used in
# its ký hiệu. The one copy of the table; the checker reads it this way round.
KINDS = {
    "NGHỊ QUYẾT": "NQ", "QUYẾT ĐỊNH": "QĐ", "CHỈ THỊ": "CT", "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ", "THÔNG CÁO": "TC", "THÔNG BÁO": "TB", "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr", "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA", "BÁO CÁO": "BC", "BIÊN BẢN": "BB", "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ", "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "GN", "BẢN THỎA THUẬN": "TTh",
    "GIẤY ỦY QUYỀN": "GUQ", "GIẤY MỜI": "GM", "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG", "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}  # fmt: skip
_NAME_OF_CODE = {code: name for name, code in KINDS.items()}
# The type code of a plan and the tên loại it prints. Only these 13 codes, as always: a
# plan with another code (even one of KINDS, such as "GM") prints the code as written.
# The names are looked up in KINDS so the table is written once; a code here missing
# from KINDS fails at import instead of printing a wrong name.
TYPE_NAMES = {
    code: _NAME_OF_CODE[code]
    for code in ("KH", "BC", "QĐ", "TB", "TTr", "CTr", "HD", "CT", "NQ", "QyĐ", "ĐA", "PA", "BB")
}

# Purpose marks after a recipient in Nơi nhận.
TO_REPORT = "b/c"  # để báo cáo
TO_ACT = "t/h"  # để thực hiện
TO_KNOW = "đ/b"  # để biết
