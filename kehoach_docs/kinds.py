"""The kinds of document the program writes: one place for each kind's name and template."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    id: str
    label: str  # as the manifest and messages name it
    template: str | None  # the .docx template it renders through (None: not a .docx)


PLAN = Kind("ke-hoach", "Kế hoạch", "ke-hoach.docx")
SUBPLAN = Kind("ke-hoach-don-vi", "Kế hoạch của cơ quan, đơn vị", "ke-hoach.docx")
REPORT = Kind("bao-cao", "Báo cáo của cơ quan, đơn vị", "bao-cao.docx")
CONSOLIDATED = Kind("bao-cao-tong-hop", "Báo cáo tổng hợp", "bao-cao.docx")
WORKBOOK = Kind("bang-tong-hop", "Bảng số liệu tổng hợp (.xlsx)", None)
DISTRIBUTION = Kind("noi-nhan", "Danh sách Nơi nhận", "noi-nhan.docx")
# Công văn (no tên loại, "V/v" under the number): the follow-up body's reminders.
REMINDER = Kind("don-doc", "Công văn đôn đốc gửi báo cáo", "cong-van.docx")
OVERDUE_REMINDER = Kind("don-doc-qua-han", "Công văn đôn đốc nhiệm vụ quá hạn", "cong-van.docx")

KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        PLAN, SUBPLAN, REPORT, CONSOLIDATED, WORKBOOK, DISTRIBUTION, REMINDER, OVERDUE_REMINDER,
    )
}  # fmt: skip
