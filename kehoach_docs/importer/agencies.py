"""Bodies named in a plan, recognised and registered: who is named as chủ trì or phối hợp
becomes an agency with an id, a name, a short name and a kind; "các sở, ban, ngành" and
"UBND các xã, phường" become groups; "Sở TT&TT" and "Sở Thông tin và Truyền thông" are
one agency with the other form in `ten_khac`. An existing registry is reused first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..registry import Registry
from ..vn import fold, slugify, upper_first

# Words a body's name starts with (capitalised, as written mid-sentence).
_START = (
    r"Sở|Ban|Văn phòng|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Công an|Bộ Chỉ huy|Bộ đội|Bộ|Cục|"
    r"Chi cục|Thanh tra|Kho bạc|Ngân hàng|Bảo hiểm|BHXH|Đài|Báo|Phòng|Trung tâm|Trường|"
    r"Viện|Bệnh viện|Mặt trận|MTTQ|Hội|Liên đoàn|Liên minh|Tỉnh đoàn|Đoàn|Tỉnh ủy|Tỉnh uỷ|"
    r"Thường trực|Đảng ủy|Đảng uỷ|Huyện ủy|Thành ủy|Tòa án|Toà án|Công ty|Tổng công ty|"
    r"Điện lực|Cảnh sát|Quỹ|Hạt|Chi nhánh|Lãnh đạo|Chủ tịch|Giám đốc|Thủ trưởng|Cơ quan|"
    r"Đơn vị|Các|các|Cổng|Hiệp hội|Liên hiệp"
)
START = re.compile(rf"(?:^|(?<=\s))(?:{_START})(?=\s|$|,)")
_SEPARATOR = re.compile(r"\s*(,|;|\svà\s|\svới\s|\scùng\s)\s*")
# Words after which a name has ended and a sentence goes on (lower case only).
_STOP = re.compile(
    r"\s(?:phối hợp|chủ trì|thực hiện|tham mưu|triển khai|tổ chức|xây dựng|hướng dẫn|theo dõi|"
    r"đôn đốc|kiểm tra|khẩn trương|rà soát|báo cáo|trình|hoàn thành|có trách nhiệm|là cơ quan|"
    r"là đơn vị|tuyên truyền|nghiên cứu|đề xuất|để|nhằm|trong|theo|tại|căn cứ|được giao|"
    r"tiếp tục|chịu trách nhiệm|giúp|làm|bảo đảm|đảm bảo|thẩm định|phụ trách|tổng hợp|cung cấp|"
    r"chỉ đạo|quản lý|thường xuyên)\b"
)
_ABBREVIATIONS = [
    (re.compile(r"^UBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"^Uỷ ban"), "Ủy ban"),
    (re.compile(r"^HĐND\b"), "Hội đồng nhân dân"),
    (re.compile(r"^BHXH\b"), "Bảo hiểm xã hội"),
    (re.compile(r"^MTTQ\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"^BCH\b"), "Bộ Chỉ huy"),
    (re.compile(r"\bTP\.?\s"), "thành phố "),
    (re.compile(r"\bTX\.?\s"), "thị xã "),
]
_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^uy ban nhan dan (?:cac )?(?:xa|phuong|thi tran|dac khu)\b"), "ubnd-xa"),
    (re.compile(r"^uy ban nhan dan (?:cac )?(?:huyen|thi xa|thanh pho|quan)\b"), "ubnd-huyen"),
    (re.compile(r"^uy ban nhan dan tinh\b"), "ubnd-tinh"),
    (re.compile(r"^(?:uy ban )?mat tran\b"), "doan-the"),
    (re.compile(r"^so\b"), "so"),
    (re.compile(r"^(?:van phong|thanh tra tinh|ban)\b"), "ban-nganh"),
    (
        re.compile(
            r"^(?:cong an|bo chi huy|bo doi|kho bac|ngan hang|bao hiem xa hoi|cuc|toa an|"
            r"vien kiem sat|canh sat|thanh tra)\b"
        ),
        "nganh",
    ),
    (re.compile(r"^chi cuc\b"), "chi-cuc"),
    (re.compile(r"^(?:tinh doan|doan|hoi|lien doan|lien minh|hiep hoi|lien hiep)\b"), "doan-the"),
    (re.compile(r"^(?:dai|bao|cong thong tin)\b"), "bao-chi"),
    (re.compile(r"^phong\b"), "phong"),
    (re.compile(r"^(?:trung tam|truong|vien|benh vien|quy|hat)\b"), "don-vi"),
    (re.compile(r"^(?:cong ty|tong cong ty|dien luc|chi nhanh)\b"), "doanh-nghiep"),
    (re.compile(r"^(?:tinh uy|thuong truc|ban thuong vu|dang uy|huyen uy|thanh uy)\b"), "dang"),
    (re.compile(r"^hoi dong nhan dan\b"), "hdnd"),
    (re.compile(r"^(?:lanh dao|chu tich|giam doc|thu truong)\b"), "lanh-dao"),
]
# Group phrases: folded words -> the kinds of agency they cover.
_GROUP_KINDS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"\bso\b"), ("so",)),
    (re.compile(r"\b(?:ban|nganh)\b"), ("ban-nganh", "nganh")),
    (re.compile(r"\b(?:huyen|thi xa|thanh pho|quan)\b"), ("ubnd-huyen",)),
    (re.compile(r"\b(?:xa|phuong|thi tran|dac khu)\b"), ("ubnd-xa",)),
    (re.compile(r"\bphong\b"), ("phong",)),
    (re.compile(r"\bchi cuc\b"), ("chi-cuc",)),
    (re.compile(r"\b(?:doan the|hoi)\b"), ("doan-the",)),
]
_PLACES = re.compile(
    r"\b(tỉnh|huyện|xã|phường|thị xã|thị trấn|thành phố|quận|đặc khu)\s+(.+)$", re.IGNORECASE
)


def expand(name: str) -> str:
    for pattern, full in _ABBREVIATIONS:
        name = pattern.sub(full, name)
    return name


def is_group(name: str) -> bool:
    return bool(re.search(r"(?:^|\s)các\s", " " + name.lower()))


def kind_of(name: str) -> str:
    folded = fold(expand(name))
    for pattern, kind in _KINDS:
        if pattern.search(folded):
            return kind
    return "co-quan-khac"


def _initials(words: str) -> str:
    return "".join(w[0] for w in fold(words).split() if w not in ("va",))


def _abbreviation(name: str) -> tuple[str, str] | None:
    """("so", "tttt") for "Sở TT&TT": the kind word and the abbreviated letters."""
    match = re.match(
        r"^(\S+(?:\s+\S+)?)\s+([A-ZĐ][A-ZĐa-zđ]*(?:[&\-,.][A-ZĐ]+)+|[A-ZĐ]{3,})$", name.strip()
    )
    if not match:
        return None
    return fold(match.group(1)), fold(match.group(2)).replace(" ", "")


def names_in(text: str) -> tuple[list[str], bool]:
    """The names a list of bodies holds, and whether the text said more than names
    (a sentence after them)."""
    text = " ".join(text.split()).strip(" .;,")
    text = re.sub(r"\s*\((?:nếu có|nếu cần)\)$", "", text)
    if not text:
        return [], False
    sentence = False
    stop = _STOP.search(text)
    if stop:
        text, sentence = text[: stop.start()].strip(" ,;"), True
    start = START.search(text)
    if start is None:
        return [], True
    if start.start() > 0:
        text, sentence = text[start.start() :], True
    pieces = _SEPARATOR.split(text)
    names: list[str] = [pieces[0]]
    for sep, piece in zip(pieces[1::2], pieces[2::2], strict=False):
        if START.match(piece):
            names.append(piece)
        else:
            glue = sep.strip()
            names[-1] += (glue + " " if glue in (",", ";") else f" {glue} ") + piece
    return [n.strip(" .;,") for n in names if n.strip(" .;,")], sentence


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:3].lower() == "các" else text


def title_case(upper: str) -> str:
    """ "SỞ CÔNG THƯƠNG" -> "Sở Công thương"; place names keep a capital on each word."""
    text = upper_first(upper.lower())
    match = _PLACES.search(text)
    if match:
        place = " ".join(upper_first(w) for w in match.group(2).split())
        text = text[: match.start(2)] + place
    words = text.split(" ")
    if len(words) > 1 and fold(words[0]) in ("so", "ban", "phong", "cuc", "chi", "thanh"):
        first = 2 if fold(words[0]) == "chi" and len(words) > 2 else 1
        words[first] = upper_first(words[first])
        for i in range(first + 1, len(words) - 1):
            if words[i] == "và" or words[i].endswith(","):
                words[i + 1] = upper_first(words[i + 1])
    return " ".join(words)


@dataclass
class Entry:
    id: str
    name: str
    kind: str
    forms: list[str] = field(default_factory=list)
    group: bool = False
    kinds: list[str] = field(default_factory=list)
    new: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    doubts: list[str] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        if self.group:
            return {"id": self.id, "ghi": self.name, "loai": self.kinds}
        out: dict[str, Any] = {"id": self.id, "ten": self.name}
        short = [f for f in self.forms if fold(f) != fold(self.name)]
        shortest = min(short, key=len) if short else None
        if shortest and len(shortest) < len(self.name):
            out["ten_ngan"] = shortest
        out["loai"] = self.kind
        out.update(self.extra)
        others = [f for f in short if f != out.get("ten_ngan")]
        if others:
            out["ten_khac"] = others
        return out


class AgencyBook:
    """The registry being built: existing agencies and groups first, new ones added."""

    def __init__(self, existing: Registry | None = None) -> None:
        self.existing = existing or Registry()
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[str, str] = {}
        self.rejected: set[str] = set()
        self._pending: list[str] = []
        for agency in self.existing.agencies.values():
            entry = Entry(agency.id, agency.name, agency.kind, new=False)
            self.entries[agency.id] = entry
            for form in (agency.name, agency.display_short, *agency.aliases):
                self.by_key.setdefault(fold(expand(form)), agency.id)
        for group in self.existing.groups.values():
            self.entries[group.id] = Entry(group.id, group.wording, "", group=True, new=False)
            self.by_key.setdefault(fold(expand(group.wording)), group.id)

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries.values() if not e.group}

    def _unique_id(self, base: str) -> str:
        base = (base or "co-quan")[:70].strip("-")
        ident, n = base, 2
        while ident in self.entries:
            ident, n = f"{base}-{n}", n + 1
        return ident

    def _by_abbreviation(self, name: str) -> str | None:
        found = _abbreviation(name)
        if found is None:
            return None
        head, letters = found
        for entry in self.entries.values():
            if entry.group:
                continue
            folded = fold(entry.name)
            if folded.startswith(head + " ") and _initials(folded[len(head) :]) == letters:
                return entry.id
        return None

    def add(self, name: str, **extra: Any) -> str:
        """The id of the body named `name`, registering it when new."""
        name = " ".join(name.split()).strip(" .;,")
        key = fold(expand(name))
        if key in self.by_key:
            ident = self.by_key[key]
            entry = self.entries[ident]
            if entry.new and name not in entry.forms:
                entry.forms.append(name)
            return ident
        found = self._by_abbreviation(name)
        if found is None:
            full = expand(name)
            base = slugify(full).replace("uy-ban-nhan-dan", "ubnd")
            ident = self._unique_id(base)
            self.entries[ident] = Entry(ident, upper_first(full), kind_of(full), [name], **extra)
        else:
            ident = found
            self.entries[ident].forms.append(name)
        self.by_key[key] = ident
        return ident

    def add_group(self, wording: str) -> str | None:
        """A group for a collective phrase, when it says which kinds of body it covers."""
        wording = " ".join(wording.split()).strip(" .;,")
        full = expand(wording)
        key = fold(full)
        if key in self.by_key:
            return self.by_key[key]
        if key in self.rejected:
            return None
        folded = key[key.find("cac ") + 4 :] if "cac " in key else key
        kinds: list[str] = []
        for pattern, found in _GROUP_KINDS:
            if pattern.search(folded):
                kinds += [k for k in found if k not in kinds]
        if not kinds:
            return None
        base = slugify(full).replace("uy-ban-nhan-dan", "ubnd")
        ident = self._unique_id(base)
        entry = Entry(ident, lower_first(wording), "", [wording], group=True, kinds=kinds)
        self.entries[ident] = entry
        self.by_key[key] = ident
        return ident

    def refs_for(self, text: str) -> tuple[list[str], list[str]]:
        """Ids for the bodies a chủ trì / phối hợp text names, and the names not
        registered (vague collective phrases)."""
        names, _ = names_in(text)
        refs: list[str] = []
        vague: list[str] = []
        for name in names:
            if is_group(name):
                ident = self.add_group(name)
                if ident is None:
                    vague.append(name)
                    continue
            else:
                ident = self.add(name)
            if ident not in refs:
                refs.append(ident)
        return refs, vague

    def register(self, text: str) -> None:
        """First pass: every name of a chủ trì / phối hợp text, full names before
        abbreviations so that "Sở TT&TT" finds "Sở Thông tin và Truyền thông"."""
        self._pending.extend(names_in(text)[0])

    def settle(self) -> None:
        """Register the names seen, then keep each new group to kinds that have members;
        a group with none is dropped (its phrase stays as printed wording)."""
        pending = sorted(self._pending, key=lambda n: _abbreviation(n) is not None)
        for name in pending:
            if is_group(name):
                self.add_group(name)
            else:
                self.add(name)
        kinds = self.kinds
        for entry in list(self.entries.values()):
            if entry.group and entry.new:
                entry.kinds = [k for k in entry.kinds if k in kinds]
                if not entry.kinds:
                    del self.entries[entry.id]
                    for key in [k for k, v in self.by_key.items() if v == entry.id]:
                        del self.by_key[key]
                        self.rejected.add(key)

    def registry(self) -> Registry:
        """The registry as the renderer will see it (names and wordings)."""
        from ..models.registry import Agency, Group

        out = Registry()
        for entry in self.entries.values():
            if entry.group:
                kinds = entry.kinds or ["co-quan-khac"]
                out.groups[entry.id] = self.existing.groups.get(entry.id) or Group.model_validate(
                    {"id": entry.id, "ghi": entry.name, "loai": kinds}
                )
            else:
                out.agencies[entry.id] = self.existing.agencies.get(
                    entry.id
                ) or Agency.model_validate({"id": entry.id, "ten": entry.name, "loai": entry.kind})
        return out

    def new_entries(self) -> tuple[list[Entry], list[Entry]]:
        fresh = [e for e in self.entries.values() if e.new]
        return [e for e in fresh if not e.group], [e for e in fresh if e.group]
