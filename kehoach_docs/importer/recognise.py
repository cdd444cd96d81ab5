"""A document's parts, recognised in order: the header block (issuing body, Số/ký hiệu,
place and date), the type name and trích yếu, Kính gửi, căn cứ and opening lines, the
numbered body, the closing and "(Kèm theo …)", Nơi nhận and the signature, appendices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..compose.inline import Footnotes
from ..errors import KehoachError
from ..outline import format_number
from ..vn import fold
from .blocks import Block, Para, Source, Table
from .body import BodyReader, ItemWriter, Node
from .draft import doubt
from .inline import markup
from .labels import split_labels
from .numbers import pattern_for

TYPE_CODES = {
    "KẾ HOẠCH": "KH",
    "BÁO CÁO": "BC",
    "QUYẾT ĐỊNH": "QĐ",
    "THÔNG BÁO": "TB",
    "TỜ TRÌNH": "TTr",
    "CHƯƠNG TRÌNH": "CTr",
    "HƯỚNG DẪN": "HD",
    "CHỈ THỊ": "CT",
    "NGHỊ QUYẾT": "NQ",
    "QUY ĐỊNH": "QyĐ",
    "ĐỀ ÁN": "ĐA",
    "PHƯƠNG ÁN": "PA",
    "BIÊN BẢN": "BB",
}
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<n>[^/]*?)\s*/\s*(?P<code>\S.*)$", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,40}),\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*"
    r"(?P<y>\d{4})",
    re.IGNORECASE,
)
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục|PHU LUC|BIỂU|Biểu)\b(?:\s+(?:số\s+)?(?P<so>[\w.]+))?")
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s", re.IGNORECASE)
_KEM_THEO = re.compile(r"^\(\s*(?:Kèm theo|Gửi kèm)\b.*\)\.?$", re.IGNORECASE)
_CLOSING = re.compile(r"^trên đây\b", re.IGNORECASE)
_SKIP_SIGN = re.compile(r"^\(?(?:đã ký|ký tên|ký, ghi rõ|ký và|chữ ký)", re.IGNORECASE)


@dataclass
class Header:
    governing: list[str] = field(default_factory=list)
    issuing: list[str] = field(default_factory=list)
    type_code: str = ""
    issuer_code: str = ""
    number: str = ""
    place: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    subject: str = ""  # "V/v …" of a công văn
    to: list[str] = field(default_factory=list)


@dataclass
class Recognised:
    plan: dict[str, Any]
    header: Header
    signer: dict[str, Any]
    footnotes: dict[str, str]
    tasks: int = 0


def _lines(block: Block) -> list[Para]:
    if isinstance(block, Para):
        return [block]
    return [p for row in block.rows for cell in row for p in cell.paras]


def _pieces(para: Para) -> list[tuple[str, bool]]:
    """A header paragraph's lines (line breaks and tabs split it), each with its boldness."""
    out: list[tuple[str, bool]] = []
    current, bold = "", True
    for span in para.spans:
        for i, part in enumerate(re.split(r"[\n\t]+", span.text)):
            if i:
                out.append((current, bold))
                current, bold = "", True
            if part.strip():
                bold = bold and span.bold
            current += part
    out.append((current, bold))
    return [(" ".join(t.split()), b) for t, b in out if t.strip()]


def _is_national(text: str) -> bool:
    folded = fold(text)
    return (
        "cong hoa xa hoi chu nghia" in folded
        or folded.startswith("doc lap tu do")
        or folded in ("nam", "viet nam")  # the national name wrapped in a narrow cell
    )


def _type_name(para: Para) -> str | None:
    text = " ".join(para.text.upper().split())
    return text if text in TYPE_CODES and para.text.isupper() else None


class Recogniser:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.blocks = source.blocks
        # The notes numbered 1, 2, … in order of first reference, as the renderer numbers
        # them, so the keys written are the numbers the printed plan shows.
        self.footnotes = Footnotes(source.footnotes)
        self.body_tasks: list[str] = []

    def note_key(self, note_id: str) -> str:
        return str(self.footnotes.ref(note_id))

    # --- header and title -------------------------------------------------------------

    def find_title(self) -> int | None:
        for index, block in enumerate(self.blocks[:60]):
            if isinstance(block, Para) and _type_name(block):
                return index
        return None

    def header(self, blocks: list[Block]) -> Header:
        header = Header()
        to_mode = False
        agency_lines: list[tuple[str, bool]] = []
        for block in blocks:
            for para in _lines(block):
                for text, bold in _pieces(para):
                    if _is_national(text):
                        continue
                    if to_mode or fold(text).startswith("kinh gui"):
                        after = text.split(":", 1)[1].strip() if ":" in text else ""
                        to_mode = True
                        if after or not fold(text).startswith("kinh gui"):
                            header.to.append((after or text).lstrip("-–• ").rstrip(";. "))
                        continue
                    number = _NUMBER.match(text)
                    if number:
                        self._number(header, number)
                        continue
                    place = _PLACE_DATE.match(text)
                    if place:
                        header.place = place.group("place").strip()
                        header.day = int(place.group("d")) if place.group("d") else None
                        header.month = int(place.group("m")) if place.group("m") else None
                        header.year = int(place.group("y"))
                        continue
                    if fold(text).startswith("v v ") or text.startswith("V/v"):
                        header.subject = text
                        continue
                    if text.isupper() and not header.number and len(text) < 80:
                        agency_lines.append((text, bold))
        if any(bold for _, bold in agency_lines) and not all(b for _, b in agency_lines):
            header.governing = [t for t, b in agency_lines if not b]
            header.issuing = [t for t, b in agency_lines if b]
        else:
            header.issuing = [t for t, _ in agency_lines]
        return header

    def _number(self, header: Header, match: re.Match[str]) -> None:
        header.number = match.group("n").strip()
        code = re.sub(r"\s*-\s*", "-", match.group("code").strip())
        parts = code.split("-", 1)
        known = {c.lower(): c for c in TYPE_CODES.values()}
        if len(parts) == 2 and parts[0].lower() in known:
            header.type_code, header.issuer_code = known[parts[0].lower()], parts[1]
        else:
            header.issuer_code = parts[0]

    # --- the document ------------------------------------------------------------------

    def run(self) -> Recognised:
        title_at = self.find_title()
        if title_at is None:
            return self.without_title()
        header = self.header(self.blocks[:title_at])
        title = self.blocks[title_at]
        assert isinstance(title, Para)
        type_name = _type_name(title) or "KẾ HOẠCH"
        header.type_code = header.type_code or TYPE_CODES[type_name]
        index = title_at + 1
        summary: list[str] = []
        while index < len(self.blocks):
            block = self.blocks[index]
            if not isinstance(block, Para):
                break
            if not block.text:
                if summary:
                    index += 1
                    break
                index += 1
                continue
            if block.align != "center" or fold(block.text).startswith("kinh gui"):
                break
            if block.label or re.match(r"^[IVX]+\.\s", block.text):
                break
            summary.append(block.text)
            index += 1
        return self.rest(header, " ".join(summary), index)

    def without_title(self) -> Recognised:
        """A công văn (no type name): the header table, then "V/v …" as its subject."""
        first = next((i for i, b in enumerate(self.blocks[:10]) if isinstance(b, Table)), None)
        if first is None:
            raise KehoachError(
                f"{self.source.name}: không nhận ra kế hoạch trong tệp này: không thấy tên loại "
                "văn bản (KẾ HOẠCH, BÁO CÁO…) ở đầu văn bản"
            )
        end = first + 1
        while end < len(self.blocks):
            block = self.blocks[end]
            lines = [p.text for p in _lines(block) if p.text]
            if lines and not lines[0].startswith(("V/v", "Kính gửi", "-")):
                break
            end += 1
        header = self.header(self.blocks[first:end])
        if not header.subject or not header.issuer_code:
            raise KehoachError(
                f"{self.source.name}: không nhận ra kế hoạch trong tệp này: không thấy tên loại "
                "văn bản (KẾ HOẠCH, BÁO CÁO…) hay số, ký hiệu và trích yếu “V/v”"
            )
        header.type_code = "CV"
        subject = re.sub(r"^V/v\s*", "", header.subject).strip()
        found = self.rest(header, subject, end)
        doubt(
            found.plan,
            "trich_yeu",
            "công văn (không có tên loại): bản in của chương trình ghi tên loại “CV” và số "
            "“…/CV-…”; văn bản này chỉ nên dùng để tham khảo nhiệm vụ",
        )
        return found

    def rest(self, header: Header, summary: str, start: int) -> Recognised:
        blocks = self.blocks[start:]
        end_at, appendix_at = self.ending(blocks)
        body_blocks = blocks[:end_at]
        ending = blocks[end_at:appendix_at]
        appendix_blocks = blocks[appendix_at:]
        plan: dict[str, Any] = {}
        if not summary:
            summary = "(chưa có trích yếu)"
            doubt(plan, "trich_yeu", "không thấy trích yếu dưới tên loại văn bản; hãy ghi vào")
        plan["trich_yeu"] = summary
        # Kính gửi below the title (reports)
        while body_blocks and isinstance(body_blocks[0], Para):
            first = body_blocks[0]
            if not first.text:
                body_blocks = body_blocks[1:]
                continue
            if not fold(first.text).startswith("kinh gui"):
                break
            after = first.text.split(":", 1)[1].strip() if ":" in first.text else ""
            body_blocks = body_blocks[1:]
            if after:
                header.to.append(after.rstrip(".;"))
            else:
                while body_blocks and isinstance(body_blocks[0], Para):
                    line = body_blocks[0].text
                    if not line.startswith(("-", "–", "+", "•")):
                        break
                    header.to.append(line.lstrip("-–+• ").rstrip(".;"))
                    body_blocks = body_blocks[1:]
        if header.to:
            plan["kinh_gui"] = header.to
        closing, kem_theo, body_blocks = self.closing(body_blocks)
        basis, opening, body_blocks = self.opening(body_blocks)
        if basis:
            plan["can_cu"] = [text for text, _ in basis]
            if not any(italic for _, italic in basis):
                plan["can_cu_nghieng"] = False
        if opening:
            plan["mo_dau"] = opening
        writer = ItemWriter(self.note_key)
        reader = BodyReader(self.note_key)
        for block in body_blocks:
            reader.feed(block)
        sections = reader.root.children or [Node(None, 1)]
        if not any(node.label for node in sections):
            doubt(plan, "phan", "không thấy mục đánh số (I., 1. …): cả thân văn bản là một phần")
        plan["phan"] = writer.items(sections)
        self.body_tasks = _task_texts(plan["phan"])
        if closing:
            plan["ket_thuc"] = closing
        if kem_theo:
            plan["kem_theo"] = kem_theo
        signer, distribution = self.signature(ending)
        if distribution:
            plan["noi_nhan"] = distribution
        appendices = self.appendices(appendix_blocks, writer)
        if appendices:
            plan["phu_luc"] = appendices
        numbering = self.numbering([plan["phan"], *(a.get("muc", []) for a in appendices)])
        if numbering:
            plan["danh_so"] = numbering
        self.labels(plan, writer)
        tasks = _number_tasks(plan)
        notes = {
            self.note_key(k): v
            for k, v in self.source.footnotes.items()
            if k in self.footnotes.order
        }
        for note_id in self.footnotes.order:
            key = self.note_key(note_id)
            if key not in notes:
                notes[key] = "…"
                doubt(plan, "chu_thich", f"không đọc được nội dung chú thích {key}; hãy ghi vào")
        notes = {k: notes[k] for k in sorted(notes, key=int)}
        return Recognised(plan, header, signer, notes, tasks)

    # --- parts ------------------------------------------------------------------------

    def ending(self, blocks: list[Block]) -> tuple[int, int]:
        """Where Nơi nhận / the signature starts, and where appendices start."""
        end_at = len(blocks)
        for index, block in enumerate(blocks):
            texts = [p.text for p in _lines(block)]
            if any(fold(t).startswith("noi nhan") for t in texts):
                end_at = index
                break
        else:
            for index in range(len(blocks) - 1, -1, -1):
                block = blocks[index]
                texts = [p.text for p in _lines(block) if p.text]
                if any(_AUTHORITY.match(t) for t in texts):
                    end_at = index
                    break
        appendix_at = len(blocks)
        for index in range(end_at, len(blocks)):
            block = blocks[index]
            if index > end_at and isinstance(block, Para) and _APPENDIX.match(block.text):
                appendix_at = index
                break
        if end_at == len(blocks):
            for index, block in enumerate(blocks):
                if (
                    isinstance(block, Para)
                    and _APPENDIX.match(block.text)
                    and (block.page_break or block.align == "center")
                ):
                    return index, index
        if appendix_at == len(blocks):
            # Anything after the signature that is not part of it starts an appendix.
            for index in range(end_at + 1, len(blocks)):
                block = blocks[index]
                if block.page_break and (not isinstance(block, Para) or block.text):
                    appendix_at = index
                    break
        return end_at, appendix_at

    def closing(self, blocks: list[Block]) -> tuple[list[str], str, list[Block]]:
        kem_theo = ""
        while blocks and isinstance(blocks[-1], Para) and not blocks[-1].text:
            blocks = blocks[:-1]
        if blocks and isinstance(blocks[-1], Para) and _KEM_THEO.match(blocks[-1].text):
            kem_theo = blocks[-1].text
            blocks = blocks[:-1]
        start = None
        for index in range(len(blocks) - 1, -1, -1):
            block = blocks[index]
            if isinstance(block, Para) and _CLOSING.match(block.text) and not block.label:
                start = index
                break
        if start is None and blocks and isinstance(blocks[-1], Para):
            last = blocks[-1]
            if (
                last.text.endswith("./.")
                and not last.label
                and not re.match(r"^(?:[IVX]+|\d+)[.)]\s", last.text)
            ):
                start = len(blocks) - 1
        if start is None:
            return [], kem_theo, blocks
        closing = [
            markup(b.spans, self.note_key) for b in blocks[start:] if isinstance(b, Para) and b.text
        ]
        return closing, kem_theo, blocks[:start]

    def opening(self, blocks: list[Block]) -> tuple[list[tuple[str, bool]], list[str], list[Block]]:
        basis: list[tuple[str, bool]] = []
        opening: list[str] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if not isinstance(block, Para):
                break
            if block.text and (block.label or _numbered(block.text)):
                break
            if block.text and split_labels(block.text) is not None:
                break
            if block.text:
                # a căn cứ is marked against its own look (often all italic); an opening
                # line against upright text
                if fold(block.text).startswith("can cu") and not opening:
                    text = markup(block.spans, self.note_key, base_italic=block.italic)
                    basis.append((text, block.italic))
                else:
                    opening.append(markup(block.spans, self.note_key))
            index += 1
        return basis, opening, blocks[index:]

    def signature(self, blocks: list[Block]) -> tuple[dict[str, Any], dict[str, Any]]:
        recipients: list[dict[str, Any]] = []
        archive: dict[str, Any] = {}
        sign_lines: list[str] = []
        for block in blocks:
            cells = (
                [[block]]
                if isinstance(block, Para)
                else [cell.paras for row in block.rows for cell in row]
            )
            for paras in cells:
                in_list = False
                for para in paras:
                    text = para.text
                    if not text:
                        continue
                    if fold(text).startswith("noi nhan"):
                        in_list = True
                        continue
                    if in_list and fold(text.lstrip("-–+• ")).startswith("luu"):
                        archive = self.archive(para)
                        continue
                    if in_list and (text.startswith(("-", "–", "+", "•")) or para.label):
                        recipients.append(_recipient(text.lstrip("-–+• ")))
                        continue
                    if not _SKIP_SIGN.match(text):
                        sign_lines.append(text)
        distribution: dict[str, Any] = {}
        if recipients:
            distribution["nhan"] = recipients
        if archive:
            distribution["luu"] = archive
        signer: dict[str, Any] = {}
        authority = [t for t in sign_lines if _AUTHORITY.match(t)]
        titles = [t for t in sign_lines if t.isupper() and t not in authority]
        names = [t for t in sign_lines if not t.isupper()]
        if authority:
            signer["quyen_han"] = authority
        if titles:
            signer["chuc_vu"] = " ".join(titles)
        if names:
            signer["ho_ten"] = names[-1]
        return signer, distribution

    def archive(self, para: Para) -> dict[str, Any]:
        """ "- Lưu: VT, NC, TTHG." with the drafter's mark in small type after a unit."""
        places: list[str] = []
        drafter: dict[str, str] = {}
        text = ""
        for span in para.spans:
            if span.small and places and span.text.strip():
                drafter = {"sau": places[-1], "ky_hieu": span.text.strip(" .,")}
                continue
            text += span.text
            if ":" in text:
                after = text.split(":", 1)[1]
                places = [p.strip(" .") for p in after.split(",") if p.strip(" .")]
        out: dict[str, Any] = {}
        copies = re.search(r"\((\d{1,3})\)\.?$", text.strip())
        if copies and places:
            places[-1] = places[-1][: places[-1].rfind("(")].strip()
            out["so_ban"] = int(copies.group(1))
        out["noi"] = places or ["VT"]
        if drafter and drafter["sau"] in places:
            out["nguoi_soan"] = drafter
        return {"noi": out["noi"], **{k: v for k, v in out.items() if k != "noi"}}

    def appendices(self, blocks: list[Block], writer: ItemWriter) -> list[dict[str, Any]]:
        groups: list[list[Block]] = []
        for block in blocks:
            starts = isinstance(block, Para) and bool(_APPENDIX.match(block.text))
            if not groups or (starts and groups[-1]):
                groups.append([])
            groups[-1].append(block)
        out = []
        for group in groups:
            appendix = self.appendix(group, writer)
            if appendix:
                out.append(appendix)
        return out

    def appendix(self, blocks: list[Block], writer: ItemWriter) -> dict[str, Any] | None:
        titles: list[str] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if not isinstance(block, Para):
                break
            heading = not titles and bool(_APPENDIX.match(block.text))
            if (
                block.text
                and not heading
                and (block.align != "center" or block.label or _numbered(block.text))
            ):
                break
            if block.text:
                titles.append(block.text)
            index += 1
        rest = blocks[index:]
        if not titles and not rest:
            return None
        data: dict[str, Any] = {}
        note = next((t for t in titles[1:] if t.startswith("(")), None)
        heads = [t for t in titles if t != note]
        number = _APPENDIX.match(heads[0]) if heads else None
        if (
            number
            and number.group("so")
            and len(heads) > 1
            and fold(heads[0]).startswith("phu luc")
        ):
            # "PHỤ LỤC I" / "Phụ lục số 01:" above the title: the appendix's number
            data["so"] = number.group("so").rstrip(".:")
            heads = heads[1:]
        data["tieu_de"] = heads[0] if heads else "Phụ lục"
        if len(heads) > 1:
            data["tieu_de_phu"] = " ".join(heads[1:])
        if note:
            data["ghi_chu"] = note
        landscape = any(b.landscape for b in blocks)
        reader = BodyReader(self.note_key)
        for block in rest:
            reader.feed(block)
        items = writer.items(reader.root.children)
        for item in items:
            node = item.get("#node")
            if isinstance(node, Node) and node.label is None and "bang_nhiem_vu" in item:
                data["bang_nhiem_vu"] = item.pop("bang_nhiem_vu")
        if isinstance(data.get("bang_nhiem_vu"), dict) and self._repeats_body(
            data["bang_nhiem_vu"]
        ):
            # the table of the body's own tasks, printed again in an appendix
            data["bang_nhiem_vu"] = True
        items = [i for i in items if any(k for k in i if not k.startswith("#"))]
        if items:
            data["muc"] = items
        if landscape != isinstance(data.get("bang_nhiem_vu"), dict):
            data["ngang"] = landscape
        order = ("so", "tieu_de", "tieu_de_phu", "ghi_chu", "ngang", "bang_nhiem_vu", "muc")
        return {k: data[k] for k in order if k in data}

    def _repeats_body(self, table: dict[str, Any]) -> bool:
        rows: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                if item.get("noi_dung"):
                    first = item["noi_dung"][0]
                    rows.append(fold(first if isinstance(first, str) else str(first)))
                walk(item.get("muc", []))

        walk(table.get("muc", []))
        body = [fold(t) for t in self.body_tasks]
        return bool(rows) and all(any(b.startswith(r[:60]) for b in body) for r in rows)

    # --- numbering and labels -----------------------------------------------------------

    def numbering(self, lists: list[list[dict[str, Any]]]) -> list[str]:
        """The plan's pattern per level (the most common shape), and an explicit `so` for
        every item printed otherwise."""
        counts: dict[int, dict[str, int]] = {}

        def count(items: list[dict[str, Any]], depth: int) -> None:
            for item in items:
                node = item.get("#node")
                if isinstance(node, Node) and node.label is not None:
                    bucket = counts.setdefault(depth, {})
                    bucket[node.label.shape] = bucket.get(node.label.shape, 0) + 1
                count(item.get("muc", []), depth + 1)

        for items in lists:
            count(items, 1)
        from ..models.plan import DEFAULT_NUMBERING

        patterns: list[str] = []
        for depth in range(1, (max(counts) if counts else 0) + 1):
            bucket = counts.get(depth, {})
            shapes = sorted(bucket, key=lambda s: -bucket[s])
            found = next((p for s in shapes if (p := pattern_for(s))), None)
            patterns.append(found or DEFAULT_NUMBERING[min(depth, len(DEFAULT_NUMBERING)) - 1])
        if not patterns:
            patterns = list(DEFAULT_NUMBERING)

        def explicit(items: list[dict[str, Any]], depth: int, parent: str) -> None:
            pattern = patterns[min(depth, len(patterns)) - 1]
            skipped = False
            for index, item in enumerate(items, start=1):
                node = item.get("#node")
                label = node.label if isinstance(node, Node) else None
                printed = label.text if label is not None else ""
                if label is None:
                    item["so"] = ""
                    skipped = True
                elif (
                    skipped or "{A}" in pattern or format_number(pattern, index, parent) != printed
                ):
                    item["so"] = printed
                explicit(item.get("muc", []), depth + 1, printed)

        for items in lists:
            explicit(items, 1, "")
        return patterns if patterns != list(DEFAULT_NUMBERING[: len(patterns)]) else []

    def labels(self, plan: dict[str, Any], writer: ItemWriter) -> None:
        """The plan's label wording: the most common; items worded otherwise say theirs."""
        from ..models.plan import DEFAULT_LABELS

        defaults = DEFAULT_LABELS.model_dump(by_alias=True)
        kinds = ("chu_tri", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu", "dau_dong")
        words = {k: writer.wording.usual(k) for k in kinds}
        labels: dict[str, Any] = {
            k: v for k, v in words.items() if v is not None and v != defaults[k]
        }
        if writer.wording.usual("nghieng") == "":
            labels["nghieng"] = False  # the labels stand upright in this plan
        if labels:
            plan["nhan"] = labels
        effective = {k: defaults[k] if words[k] is None else words[k] for k in kinds}

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                own = item.pop("#labels", None) or {}
                differs = {k: v for k, v in own.items() if v != effective.get(k, True)}
                if differs:
                    item["nhan"] = differs
                walk(item.get("muc", []))

        walk(plan["phan"])
        for appendix in plan.get("phu_luc", []):
            walk(appendix.get("muc", []))


def _number_tasks(plan: dict[str, Any]) -> int:
    """Ids nv-1 … nv-N for the tasks in document order, body and task tables alike."""
    count = 0

    def walk(items: list[dict[str, Any]]) -> None:
        nonlocal count
        for item in items:
            if "chu_tri" in item or "phoi_hop" in item:
                count += 1
                item["id"] = f"nv-{count}"
            table = item.get("bang_nhiem_vu")
            if isinstance(table, dict):
                walk(table.get("muc", []))
            walk(item.get("muc", []))

    walk(plan["phan"])
    for appendix in plan.get("phu_luc", []):
        table = appendix.get("bang_nhiem_vu")
        if isinstance(table, dict):
            walk(table.get("muc", []))
        walk(appendix.get("muc", []))
    return count


def _task_texts(items: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for item in items:
        if "chu_tri" in item or "phoi_hop" in item:
            first = (item.get("noi_dung") or [""])[0]
            if isinstance(first, dict):
                first = next(iter(first.values()))
            content = item.get("tieu_de") or first
            out.append(content.replace("*", ""))
        out.extend(_task_texts(item.get("muc", [])))
    return out


def _numbered(text: str) -> bool:
    return bool(re.match(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]\s", text))


def _recipient(text: str) -> dict[str, Any]:
    text = text.rstrip(" ;.")
    match = re.match(r"^(?P<who>.+?)\s*\((?P<why>[^()]{1,30})\)$", text)
    if (match and "/" in match.group("why")) or (match and len(match.group("why").split()) <= 3):
        return {"ghi": match.group("who"), "muc_dich": match.group("why")}
    return {"ghi": text}


def plan_date(header: Header) -> tuple[str | None, int | None]:
    if header.day and header.month and header.year:
        try:
            return date(header.year, header.month, header.day).isoformat(), None
        except ValueError:
            return None, header.year
    return None, header.year
