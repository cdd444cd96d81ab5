"""The kinds of văn bản hành chính of NĐ 30 (Điều 7, Phụ lục III) and what each one carries."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..nd30 import KINDS

CONG_VAN = "CÔNG VĂN"
# Kinds whose trích yếu NĐ 30 marks "nếu có", or which have none.
SUMMARY_OPTIONAL = {
    "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "GIẤY ỦY QUYỀN", "PHIẾU GỬI",
    "PHIẾU CHUYỂN", "PHIẾU BÁO", "BIÊN BẢN", "HỢP ĐỒNG",
}  # fmt: skip
# Kinds addressed to someone by a "Kính gửi:" line (a báo cáo or giấy mời may have one too).
ADDRESSED = {CONG_VAN, "TỜ TRÌNH"}

# Old-style tone marks ("HOÀ", "UỶ") and the modern ones of the decree's text ("HÒA", "ỦY").
_TONES = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA", "OÈ": "ÒE",
          "OÉ": "ÓE", "OẺ": "ỎE", "OẼ": "ÕE", "OẸ": "ỌE", "UỲ": "ỦY", "UÝ": "ÚY",
          "UỶ": "ỦY", "UỸ": "ŨY", "UỴ": "ỤY"}  # fmt: skip
_TONE_RE = re.compile(f"(?:{'|'.join(_TONES)})(?!\\w)")  # only at a syllable's end


def modern_tones(upper_text: str) -> str:
    """Capitals with the tone on the decree's letter: "HOÀ" -> "HÒA", "UỶ" -> "ỦY"."""
    return _TONE_RE.sub(lambda m: _TONES[m.group(0)], upper_text)


def kind_of(text: str) -> str | None:
    """The tên loại a paragraph names, if its whole text is one."""
    key = modern_tones(unicodedata.normalize("NFC", " ".join(text.split())).upper())
    if key == CONG_VAN or key in KINDS:
        return key
    return None


@dataclass(frozen=True)
class Kind:
    """What the checker found a document to be."""

    name: str  # a key of nd30.KINDS, or CONG_VAN
    code: str | None  # the abbreviation in the ký hiệu; None for a công văn

    @property
    def label(self) -> str:
        return self.name.capitalize() if self.name != CONG_VAN else "Công văn"
