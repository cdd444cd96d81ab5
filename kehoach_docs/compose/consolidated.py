"""The follow-up body's consolidated report on a period, from every agency's report.

Counts are of (agency, task) pairs: each pair has one of the five statuses, so the
status counts add up to the total; "quá hạn" (past the deadline and not done) is
counted apart, beside them, never among them.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import (
    Appendix,
    Block,
    Column,
    Document,
    Inline,
    Item,
    Paragraph,
    Row,
    Table,
    plain,
)
from ..kinds import CONSOLIDATED
from ..models.details import AgencyDetails
from ..models.plan import Plan
from ..models.progress import NOT_REPORTED, NOT_REPORTED_CODE, STATUS_CODES, STATUSES
from ..progress import PeriodState, short_date
from ..registry import Registry
from ..vn import vn_number
from .common import closing
from .report import ReportParts, task_title

# Beyond this many tasks the agency x task matrix goes to a landscape appendix, in
# tables of at most MATRIX_COLUMNS tasks, so that agency names keep a readable column.
MATRIX_IN_BODY = 8
MATRIX_COLUMNS = 10


def legend() -> str:
    codes = "; ".join(f"{code} - {status.lower()}" for status, code in STATUS_CODES.items())
    return (
        f"Ký hiệu: {codes}; {NOT_REPORTED_CODE} - {NOT_REPORTED.lower()}; ô để trống - "
        "nhiệm vụ không giao cho cơ quan, đơn vị đó."
    )


# A cell this short (a status's code, a count, a date) is made once for the whole report.
_SHORT_CELL = 20


class _Cells:
    """The cells of a report's tables; the ones said again and again are one object each
    (the model is immutable): a 10,000-agency table of codes was 8 MB of equal cells."""

    def __init__(self) -> None:
        self.made: dict[str, Inline] = {}

    def row(self, cells: list[str], bold: bool = False) -> Row:
        return Row(tuple(self.cell(c) for c in cells), bold=bold)

    def cell(self, text: str) -> Inline:
        if len(text) > _SHORT_CELL:
            return plain(text)
        cell = self.made.get(text)
        if cell is None:
            cell = self.made[text] = plain(text)
        return cell


class ConsolidatedComposer(ReportParts):
    def __init__(self, plan: Plan, registry: Registry, state: PeriodState) -> None:
        super().__init__(plan, registry, state)
        self.cells = _Cells()

    def share(self, n: int, total: int) -> str:
        return f"{round(100 * n / total)}%" if total else "0%"

    def overview(self) -> Item:
        counts = self.state.counts()
        total = sum(counts.values())
        late = len(self.state.overdue())
        words = "; ".join(f"{s.lower()}: {counts[s]}" for s in STATUSES)
        text = (
            f"Tổng số lượt nhiệm vụ được báo cáo: {total}; trong đó {words}. Riêng số lượt "
            f"nhiệm vụ đã quá hạn mà chưa hoàn thành: {late}."
        )
        rows = [
            self.cells.row([s, vn_number(counts[s]), self.share(counts[s], total)])
            for s in STATUSES
        ]
        rows.append(
            self.cells.row(["Tổng cộng", vn_number(total), "100%" if total else "0%"], bold=True)
        )
        table = Table((Column("Tình trạng"), Column("Số lượt nhiệm vụ"), Column("Tỷ lệ")),
                      tuple(rows))  # fmt: skip
        late_table = Table(
            (Column("Ngoài ra"), Column("Số lượt nhiệm vụ"), Column("Tỷ lệ")),
            (
                self.cells.row(
                    ["Quá hạn, chưa hoàn thành", vn_number(late), self.share(late, total)]
                ),
            ),
        )
        return self.item(1, "Tổng hợp chung", [Paragraph(plain(text)), table, late_table])

    def per_task(self) -> list[Block]:
        state = self.state
        codes = [STATUS_CODES[s] for s in STATUSES]
        rows = []
        for key in state.task_keys:
            first = state.entry_of(key)
            counts = state.counts(key)
            late = len(state.overdue(key))
            rows.append(
                self.cells.row(
                    [
                        first.duty.entry.label,
                        task_title(first, self.names),
                        *(vn_number(counts[s]) for s in STATUSES),
                        vn_number(sum(counts.values())),
                        vn_number(late),
                    ]
                )
            )
        columns = [Column("Mục"), Column("Nhiệm vụ"), *(Column(c) for c in codes)]
        columns += [Column("Cộng"), Column("Quá hạn")]
        table = Table(tuple(columns), tuple(rows))
        note = (
            "Các cột tình trạng cộng lại bằng cột “Cộng”; cột “Quá hạn” đếm riêng các lượt "
            "nhiệm vụ đã quá hạn mà chưa hoàn thành."
        )
        return [Paragraph(plain(legend()), "lead"), Paragraph(plain(note), "lead"), table]

    def matrix(self, keys: list[str]) -> Table:
        state = self.state
        refs = [state.entry_of(k).duty.entry.label for k in keys]
        rows = [
            self.cells.row([agency.display_short, *(state.code(agency.id, k) for k in keys)])
            for agency in state.assigned
        ]
        return Table(
            (Column("Cơ quan, đơn vị"), *(Column(r, align="center") for r in refs)), tuple(rows)
        )

    def matrices(self, size: int) -> list[Block]:
        """The agency x task table, split into tables of at most `size` tasks."""
        keys = self.state.task_keys
        chunks = [keys[i : i + size] for i in range(0, len(keys), size)]
        blocks: list[Block] = []
        for chunk in chunks:
            if len(chunks) > 1:
                first = self.state.entry_of(chunk[0]).duty.entry.cite
                last = self.state.entry_of(chunk[-1]).duty.entry.cite
                blocks.append(Paragraph(plain(f"Các nhiệm vụ từ {first} đến {last}:"), "lead"))
            blocks.append(self.matrix(chunk))
        return blocks

    def overdue(self) -> list[Block]:
        rows = [
            self.cells.row(
                [
                    s.duty.entry.label,
                    s.agency.name,
                    short_date(s.deadline) if s.deadline else "",
                    s.status or NOT_REPORTED,
                ]
            )
            for s in self.state.overdue()
        ]
        if not rows:
            return []
        text = (
            f"Các lượt nhiệm vụ đã quá hạn mà chưa hoàn thành tại ngày chốt số liệu "
            f"{short_date(self.period.end)}:"
        )
        columns = (Column("Mục"), Column("Cơ quan, đơn vị"), Column("Hạn"), Column("Tình trạng"))
        return [Paragraph(plain(text), "lead"), Table(columns, tuple(rows))]

    def issues(self) -> list[Block]:
        out: list[Block] = []
        for agency in self.state.assigned:
            report = self.state.reports.get(agency.id)
            if report is None:
                continue
            texts = [t for s in report.tasks.values() for t in (*s.difficulties, *s.proposals)]
            texts += report.recommendations
            if texts:
                paragraphs = [Paragraph(self.text(t), bullet="-") for t in texts]
                out.append(self.item(len(out) + 1, agency.name, list(paragraphs)))
        return out

    def compose(self, details: dict[str, AgencyDetails]) -> Document:
        assert self.follow is not None
        state = self.state
        follow = self.follow
        label = self.period.label
        reported = [a for a in state.assigned if a.id in state.reports]
        missing = state.missing
        situation: list[Block] = [
            Paragraph(
                plain(
                    f"Đến ngày {short_date(self.period.due)}, có {len(reported)}/"
                    f"{len(state.assigned)} cơ quan, đơn vị, địa phương gửi báo cáo {label}."
                )
            ),
            Paragraph(
                plain(
                    "Các cơ quan, đơn vị chưa gửi báo cáo: "
                    + ", ".join(a.name for a in missing)
                    + "."
                    if missing
                    else "Tất cả các cơ quan, đơn vị đã gửi báo cáo."
                )
            ),
        ]
        results: list[Block] = [self.overview()]
        appendices: tuple[Appendix, ...] = ()
        by_task = "Theo từng nhiệm vụ"
        by_agency = "Theo cơ quan, đơn vị, địa phương"
        # The legend stands once, above the first table that uses the abbreviations.
        if len(state.task_keys) <= MATRIX_IN_BODY:
            results.append(self.item(2, by_task, self.per_task()))
            results.append(self.item(3, by_agency, self.matrices(MATRIX_IN_BODY)))
        else:
            # Many tasks: the wide tables go to a landscape appendix.
            results.append(
                self.item(
                    2,
                    f"{by_task}; {by_agency.lower()}",
                    [Paragraph(plain("Chi tiết tại Phụ lục kèm theo Báo cáo này."))],
                )
            )
            appendices = (
                Appendix(
                    label="PHỤ LỤC",
                    title=plain("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"),
                    note=f"(Kèm theo Báo cáo tổng hợp {label})",
                    blocks=(
                        self.item(1, by_task, self.per_task()),
                        self.item(2, by_agency, self.matrices(MATRIX_COLUMNS)),
                    ),
                    landscape=True,
                ),
            )
        opening = (
            f"Thực hiện {self.subject()}; trên cơ sở báo cáo của các cơ quan, đơn vị, địa "
            f"phương, {follow.name} tổng hợp kết quả thực hiện {label} như sau:"
        )
        body: list[Block] = [Paragraph(self.text(opening))]
        body += self.sections(
            [
                ("TÌNH HÌNH BÁO CÁO", situation),
                ("KẾT QUẢ THỰC HIỆN", results),
                ("NHIỆM VỤ QUÁ HẠN", self.overdue()),
                ("KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ", self.issues()),
            ]
        )
        body += closing(
            [
                self.text(
                    f"Trên đây là báo cáo tổng hợp kết quả thực hiện {label}, {follow.name} "
                    f"kính báo cáo {self.issuer.name} xem xét, chỉ đạo./."
                )
            ]
        )
        document = self.document(
            CONSOLIDATED.id,
            follow,
            None,
            follow.signer,
            f"Tổng hợp kết quả thực hiện {self.subject()}, {label}",
            [self.issuer.name],
            body,
            self.distribution(follow, details.get(follow.id)),
        )
        return replace(document, appendices=appendices)


def compose_consolidated(
    plan: Plan, registry: Registry, state: PeriodState, details: dict[str, AgencyDetails]
) -> Document:
    return ConsolidatedComposer(plan, registry, state).compose(details)
