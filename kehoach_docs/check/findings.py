"""What the checker reports: one finding per broken rule and place."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..vn import shorten

RULES = {
    "kho-giay": "Khổ giấy",
    "le-trang": "Lề trang",
    "phong-chu": "Phông chữ",
    "quoc-hieu": "Quốc hiệu",
    "tieu-ngu": "Tiêu ngữ",
    "co-quan": "Tên cơ quan ban hành",
    "so-ky-hieu": "Số, ký hiệu",
    "dia-danh-ngay": "Địa danh, ngày tháng",
    "ten-loai": "Tên loại, trích yếu",
    "kinh-gui": "Kính gửi",
    "noi-dung": "Nội dung văn bản",
    "de-muc": "Đề mục",
    "chu-ky": "Chữ ký",
    "noi-nhan": "Nơi nhận",
    "so-trang": "Số trang",
    "cho-trong": "Chỗ chưa điền",
    "ghi-chu": "Ghi chú (comment)",
    "theo-doi-sua": "Thay đổi chưa chấp nhận",
    "mau-chu": "Màu chữ, tô nền",
    "ke-bang-ky-tu": "Đường kẻ gõ bằng ký tự",
    "hang-bang": "Chiều cao hàng bảng",
    "ngat-dong": "Ngắt dòng cứng",
}

ERROR = "lỗi"
WARNING = "cảnh báo"


def norm(text: str) -> str:
    """Text as a reader compares it: NFC, runs of white space (tabs, breaks) as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def excerpt(text: str, size: int = 50) -> str:
    return shorten(norm(text), size)


@dataclass
class Finding:
    """One broken rule. `text` is the whole paragraph it was found in; `measured` and
    `required` are the values compared, in `unit`, when the rule measures something."""

    rule: str
    message: str
    text: str = ""
    severity: str = ERROR
    measured: float | str | None = None
    required: str | None = None
    unit: str | None = None

    @property
    def title(self) -> str:
        return RULES[self.rule]

    @property
    def where(self) -> str:
        return excerpt(self.text)

    def line(self, file: str) -> str:
        place = f" (đoạn “{self.where}”)" if self.where else ""
        return f"{file}: {self.severity} [{self.title}] {self.message}{place}"

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "message": self.message,
            "paragraph": norm(self.text),
            "measured": self.measured,
            "required": self.required,
            "unit": self.unit,
        }


@dataclass
class Report:
    file: str
    kind: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def rules_broken(self) -> set[str]:
        return {f.rule for f in self.findings if f.severity == ERROR}

    def rules_warned(self) -> set[str]:
        return {f.rule for f in self.findings if f.severity == WARNING}

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "kind": self.kind,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_dict() for f in self.findings],
        }
