"""An agency's periodic report (Báo cáo) and Sở Nội vụ's consolidated report.

Both are built as another Plan (type BC, with "Kính gửi" and tables), so they share the
plan's rules of form; the figures come from progress.PeriodState.
"""

from __future__ import annotations

from typing import Any

from ..duties import ROLE_WORDS
from ..models.details import AgencyDetails
from ..models.plan import Plan
from ..models.progress import STATUSES, Progress
from ..models.registry import Agency
from ..periods import Period
from ..progress import PeriodState, TaskState, short_date
from ..registry import Registry
from ..vn import shorten
from .common import DocumentVM
from .inline import plain_text
from .plan import compose_plan
from .subplan import cite_plan


def excerpt(text: str, size: int = 110) -> str:
    """A task's words as a reader sees them, on one line, cut to `size`."""
    return shorten(plain_text(text), size)


def task_title(state: TaskState) -> str:
    item = state.duty.entry.item
    return excerpt(item.title or (item.paragraphs[0] if item.paragraphs else ""))


def _per_task(states: list[TaskState], field: str) -> list[str]:
    """`- Mục II.2: …` for each line an agency wrote in `field` of its task reports."""
    return [
        f"- Mục {s.duty.entry.ref}: {text}"
        for s in states
        if s.report
        for text in getattr(s.report, field)
    ]


def _or_none(paragraphs: list[str]) -> list[str]:
    return paragraphs or ["(Không có.)"]


class ReportBuilder:
    def __init__(self, plan: Plan, registry: Registry, state: PeriodState) -> None:
        self.plan = plan
        self.registry = registry
        self.state = state
        self.period: Period = state.period
        self.issuer = registry.agencies[plan.issuer]
        self.follow = registry.agencies.get(plan.follow_up or "")

    def subject(self) -> str:
        about = f" triển khai thực hiện {self.plan.implements}" if self.plan.implements else ""
        return f"{cite_plan(self.plan, self.issuer)}{about}"

    def base(self, agency: Agency, number: Any, when: Any, signer: Any) -> dict[str, Any]:
        return {
            "co_quan_ban_hanh": agency.id,
            "loai_van_ban": "BC",
            "so": number,
            "ngay": when,
            "nam": when.year if when else self.period.due.year,
            "nguoi_ky": signer.model_dump(by_alias=True),
            "chu_thich": dict(self.plan.footnotes),
        }

    def archive(self, details: AgencyDetails | None) -> dict[str, Any]:
        if details and details.archive:
            return details.archive.model_dump(by_alias=True, exclude_none=True)
        return {"noi": ["VT"]}

    def recipients(self, agency: Agency, details: AgencyDetails | None) -> dict[str, Any]:
        leadership = (details.text.leadership if details else None) or agency.leadership
        items = [{"ghi": "Như trên"}, {"ghi": leadership or f"Lãnh đạo {agency.display_short}"}]
        return {"nhan": items, "luu": self.archive(details)}

    # -- one agency's report ----------------------------------------------------------
    def agency_report(
        self, agency: Agency, report: Progress, details: AgencyDetails | None
    ) -> Plan:
        states = [s for s in self.state.states if s.agency.id == agency.id]
        via = f" (qua {self.follow.name})" if self.follow and self.follow.id != agency.id else ""
        tasks: list[dict[str, Any]] = []
        rows: list[list[str]] = []
        for index, s in enumerate(states, start=1):
            deadline = (
                short_date(s.deadline)
                if s.deadline
                else (s.duty.entry.item.timeframe.text if s.duty.entry.item.timeframe else "")
            )
            status = s.status or "Chưa báo cáo"
            overdue = " (quá hạn)" if s.overdue(self.period) and "quá hạn" not in status else ""
            paragraphs = [f"Tình trạng: {status}{overdue}."]
            if s.report:
                paragraphs += s.report.results
                paragraphs += [f"- {f.shown}." for f in s.report.figures]
            tasks.append(
                {
                    "tieu_de": f"Nhiệm vụ tại mục {s.duty.entry.ref} ({ROLE_WORDS[s.duty.role]}): "
                    f"{task_title(s)}",
                    "noi_dung": paragraphs,
                }
            )
            result = excerpt(" ".join(s.report.results), 160) if s.report else ""
            role = ROLE_WORDS[s.duty.role].capitalize()
            title = f"{s.duty.entry.ref}. {task_title(s)}"
            rows.append([str(index), title, role, deadline, status, result])
        general = report.general
        difficulties = _per_task(states, "difficulties")
        proposals = _per_task(states, "proposals")
        table = {
            "tieu_de": "Bảng tổng hợp tình hình thực hiện nhiệm vụ",
            "bang": {
                "cot": ["TT", "Nhiệm vụ", "Vai trò", "Thời hạn", "Tình trạng", "Kết quả"],
                "dong": rows,
                "do_rong": [0.8, 4.0, 1.3, 1.9, 1.8, 3.8],
            },
        }
        signer = report.signer or (details.signer if details else None) or agency.signer
        data = self.base(agency, report.number, report.date, signer)
        data |= {
            "trich_yeu": f"Kết quả thực hiện {self.subject()}, {self.period.label}",
            "kinh_gui": [f"{self.issuer.name}{via}"],
            "mo_dau": [
                f"Thực hiện {self.subject()}; {agency.name} báo cáo kết quả thực hiện "
                f"{self.period.label} (số liệu từ ngày {short_date(self.period.start)} đến ngày "
                f"{short_date(self.period.end)}) như sau:"
            ],
            "phan": [
                {
                    "tieu_de": "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
                    "noi_dung": _or_none(general.situation),
                },
                {
                    "tieu_de": "KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
                    "noi_dung": general.highlights,
                    "muc": [*tasks, table],
                },
                {
                    "tieu_de": "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                    "noi_dung": _or_none(general.shortcomings + difficulties),
                },
                {
                    "tieu_de": "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
                    "noi_dung": _or_none(general.next_steps),
                },
                {
                    "tieu_de": "ĐỀ XUẤT, KIẾN NGHỊ",
                    "noi_dung": _or_none(general.recommendations + proposals),
                },
            ],
            "ket_thuc": [
                f"Trên đây là báo cáo kết quả thực hiện {self.period.label} của {agency.name}, "
                f"kính báo cáo {self.issuer.name} xem xét, chỉ đạo./."
            ],
            "noi_nhan": self.recipients(agency, details),
        }
        return Plan.model_validate(data)

    # -- the consolidated report ------------------------------------------------------
    def consolidated(self, details: dict[str, AgencyDetails]) -> Plan:
        assert self.follow is not None
        state = self.state
        follow = self.follow
        reported = [a for a in state.assigned if a.id in state.reports]
        missing = state.missing
        counts = state.counts()
        total = sum(counts.values())
        overdue = state.overdue()

        def share(n: int) -> str:
            return f"{round(100 * n / total)}%" if total else "-"

        overview = {
            "tieu_de": "Tổng hợp chung",
            "noi_dung": [
                f"Tổng số lượt nhiệm vụ được báo cáo: {total}; trong đó: "
                + "; ".join(f"{status.lower()}: {counts[status]}" for status in STATUSES)
                + f". Số lượt nhiệm vụ quá hạn: {len(overdue)}."
            ],
            "bang": {
                "cot": ["Tình trạng", "Số lượt nhiệm vụ", "Tỷ lệ"],
                "dong": [[s, str(counts[s]), share(counts[s])] for s in STATUSES]
                + [["Tổng cộng", str(total), "100%" if total else "-"]],
                "do_rong": [5, 2.5, 2],
            },
        }
        per_task_rows = []
        for key in state.task_keys:
            entry = state.entry_of(key)
            c = state.counts(key)
            late = sum(1 for s in overdue if s.duty.entry.key == key)
            title = excerpt(task_title(entry), 70)
            per_task_rows.append(
                [entry.duty.entry.ref, title, *(str(c[s]) for s in STATUSES), str(late)]
            )
        per_task = {
            "tieu_de": "Theo từng nhiệm vụ",
            "bang": {
                "cot": ["Mục", "Nhiệm vụ", "HT", "HTQH", "ĐTH", "QH", "CTH", "Quá hạn"],
                "dong": per_task_rows,
                "do_rong": [1, 4.6, 0.9, 1.3, 1.0, 0.9, 1.0, 1.2],
            },
        }
        matrix_rows = [
            [agency.display_short, *(state.code(agency.id, key) for key in state.task_keys)]
            for agency in state.assigned
        ]
        refs = [state.entry_of(k).duty.entry.ref for k in state.task_keys]
        matrix = {
            "tieu_de": "Theo cơ quan, đơn vị, địa phương",
            "noi_dung": [
                "Ký hiệu: HT - đã hoàn thành; HTQH - hoàn thành quá hạn; ĐTH - đang thực hiện; "
                "QH - đang thực hiện, quá hạn; CTH - chưa thực hiện; ? - chưa báo cáo; "
                "- - không được giao."
            ],
            "bang": {
                "cot": ["Cơ quan, đơn vị", *refs],
                "dong": matrix_rows,
                "do_rong": [4.5] + [1.1] * len(refs),
            },
        }
        overdue_rows = [
            [
                s.duty.entry.ref,
                s.agency.name,
                short_date(s.deadline) if s.deadline else "",
                s.status or "",
            ]
            for s in overdue
        ]
        overdue_part = {
            "tieu_de": "NHIỆM VỤ QUÁ HẠN",
            "noi_dung": [
                f"Có {len(overdue)} lượt nhiệm vụ quá hạn tại ngày chốt số liệu "
                f"{short_date(self.period.end)}:" if overdue else "Không có nhiệm vụ quá hạn."
            ],
            "muc": [
                {
                    "tieu_de": "Danh sách nhiệm vụ quá hạn",
                    "bang": {
                        "cot": ["Mục", "Cơ quan, đơn vị", "Hạn", "Tình trạng"],
                        "dong": overdue_rows,
                        "do_rong": [1, 5, 1.8, 3],
                    },
                }
            ] if overdue else [],
        }  # fmt: skip
        issues = []
        for agency in reported:
            report = state.reports[agency.id]
            texts = [t for s in report.tasks.values() for t in (*s.difficulties, *s.proposals)]
            texts += report.general.recommendations
            if texts:
                issues.append({"tieu_de": agency.name, "noi_dung": [f"- {t}" for t in texts]})
        missing_text = (
            "Các cơ quan, đơn vị chưa gửi báo cáo: " + ", ".join(a.name for a in missing) + "."
            if missing else "Tất cả các cơ quan, đơn vị đã gửi báo cáo."
        )  # fmt: skip
        signer = follow.signer
        data = self.base(follow, None, None, signer)
        data |= {
            "trich_yeu": f"Tổng hợp kết quả thực hiện {self.subject()}, {self.period.label}",
            "kinh_gui": [self.issuer.name],
            "mo_dau": [
                f"Thực hiện {self.subject()}; trên cơ sở báo cáo của các cơ quan, đơn vị, địa "
                f"phương, {follow.name} tổng hợp kết quả thực hiện {self.period.label} như sau:"
            ],
            "phan": [
                {
                    "tieu_de": "TÌNH HÌNH BÁO CÁO",
                    "noi_dung": [
                        f"Đến ngày {short_date(self.period.due)}, có {len(reported)}/"
                        f"{len(state.assigned)} cơ quan, đơn vị, địa phương gửi báo cáo "
                        f"{self.period.label}.",
                        missing_text,
                    ],
                },
                {"tieu_de": "KẾT QUẢ THỰC HIỆN", "muc": [overview, per_task, matrix]},
                overdue_part,
                {
                    "tieu_de": "KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
                    "noi_dung": [] if issues else ["(Không có.)"],
                    "muc": issues,
                },
            ],
            "ket_thuc": [
                f"Trên đây là báo cáo tổng hợp kết quả thực hiện {self.period.label}, "
                f"{follow.name} kính báo cáo {self.issuer.name} xem xét, chỉ đạo./."
            ],
            "noi_nhan": self.recipients(follow, details.get(follow.id)),
        }
        return Plan.model_validate(data)


def compose_report(
    plan: Plan,
    registry: Registry,
    state: PeriodState,
    agency: Agency,
    details: AgencyDetails | None,
) -> DocumentVM:
    report = state.reports[agency.id]
    return compose_plan(
        ReportBuilder(plan, registry, state).agency_report(agency, report, details), registry
    )


def compose_consolidated(
    plan: Plan, registry: Registry, state: PeriodState, details: dict[str, AgencyDetails]
) -> DocumentVM:
    return compose_plan(ReportBuilder(plan, registry, state).consolidated(details), registry)
