"""What the checker reports: one finding per broken rule and place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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
    "noi-dung": "Nội dung văn bản",
    "de-muc": "Đề mục",
    "chu-ky": "Chữ ký",
    "noi-nhan": "Nơi nhận",
    "so-trang": "Số trang",
}

ERROR = "lỗi"
WARNING = "cảnh báo"


@dataclass
class Finding:
    rule: str
    message: str
    where: str = ""
    severity: str = ERROR

    @property
    def title(self) -> str:
        return RULES[self.rule]

    def line(self, file: str) -> str:
        place = f" (đoạn “{self.where}”)" if self.where else ""
        return f"{file}: {self.severity} [{self.title}] {self.message}{place}"


@dataclass
class Report:
    file: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def rules_broken(self) -> set[str]:
        return {f.rule for f in self.findings if f.severity == ERROR}

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [{**asdict(f), "title": f.title} for f in self.findings],
        }
