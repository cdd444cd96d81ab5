"""An agency's own plan, derived from the provincial plan and the agency's details.

The sub-plan is built as another Plan and composed like any plan, so it shares every
rule of form with the provincial one. Without details it is still a signable draft.
"""

from __future__ import annotations

from typing import Any

from ..duties import Duty, duties_of
from ..models.details import AgencyDetails, TaskDetails
from ..models.plan import Assignment, Plan, Timeframe
from ..models.registry import Agency
from ..registry import Registry
from ..vn import date_words, numbered
from .common import DocumentVM
from .plan import compose_plan


def cite_plan(plan: Plan, issuer: Agency) -> str:
    """`Kế hoạch số 15/KH-UBND ngày 04 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh`."""
    number = numbered("số", plan.number, plan.type_code, issuer.code or "")
    return f"Kế hoạch {number} {date_words(plan.date, plan.issue_year)} của {issuer.name}"


def _assignment_text(registry: Registry, assignment: Assignment | None) -> str:
    if assignment is None:
        return ""
    return assignment.text or registry.wording(assignment.refs)


def _timeframe(value: Timeframe | None) -> dict[str, Any] | None:
    return value.model_dump(by_alias=True, exclude_none=True) if value else None


class SubplanBuilder:
    def __init__(self, plan: Plan, registry: Registry, agency: Agency,
                 details: AgencyDetails | None) -> None:  # fmt: skip
        self.plan = plan
        self.registry = registry
        self.agency = agency
        self.details = details or AgencyDetails.model_validate({"co_quan": agency.id})
        self.issuer = registry.agencies[plan.issuer]
        self.duties = duties_of(plan, registry, agency.id)

    # -- the provincial plan as cited -------------------------------------------------
    def cited_plan(self) -> str:
        return cite_plan(self.plan, self.issuer)

    def _about(self) -> str:
        return f" triển khai thực hiện {self.plan.implements}" if self.plan.implements else ""

    # -- parts ------------------------------------------------------------------------
    def summary(self) -> str:
        return (
            self.details.text.summary or f"Triển khai thực hiện {self.cited_plan()}{self._about()}"
        )

    def opening(self) -> list[str]:
        if self.details.text.opening:
            return self.details.text.opening
        return [
            f"Thực hiện {self.cited_plan()}{self._about()}; {self.agency.name} ban hành "
            "Kế hoạch triển khai thực hiện như sau:"
        ]

    def purpose(self) -> dict[str, Any]:
        purpose = self.details.text.purpose or [
            f"Cụ thể hóa các nhiệm vụ được giao cho {self.agency.name} tại {self.cited_plan()}, "
            "bảo đảm triển khai kịp thời, đồng bộ, hiệu quả."
        ]
        requirements = self.details.text.requirements or [
            "Xác định rõ nội dung công việc, đơn vị chủ trì, thời hạn hoàn thành; gắn trách "
            "nhiệm của người đứng đầu với kết quả thực hiện nhiệm vụ được giao."
        ]
        return {
            "tieu_de": "MỤC ĐÍCH, YÊU CẦU",
            "muc": [
                {"tieu_de": "Mục đích:", "lien_dong": True, "noi_dung": purpose},
                {"tieu_de": "Yêu cầu:", "lien_dong": True, "noi_dung": requirements},
            ],
        }

    def role_text(self, duty: Duty) -> str:
        source = f"mục {duty.entry.ref} {self.cited_plan_short()}"
        if duty.role == "chu_tri":
            return f"Chủ trì thực hiện ({source})."
        lead = _assignment_text(self.registry, duty.entry.item.lead)
        return f"Phối hợp với {lead} ({source})." if lead else f"Phối hợp thực hiện ({source})."

    def cited_plan_short(self) -> str:
        return f"Kế hoạch của {self.issuer.display_short}"

    def task(self, duty: Duty) -> dict[str, Any]:
        item = duty.entry.item
        own: TaskDetails = self.details.tasks.get(duty.entry.key, TaskDetails())
        actions = [
            {
                "noi_dung": [a.text],
                **({"chu_tri": {"ghi": self.details.unit_name(a.unit) + "."}} if a.unit else {}),
                **(
                    {"phoi_hop": {"ghi": self.details.unit_name(a.support) + "."}}
                    if a.support
                    else {}
                ),
                **({"san_pham": a.product} if a.product else {}),
                **({"thoi_gian": _timeframe(a.timeframe)} if a.timeframe else {}),
            }
            for a in own.actions
        ]
        paragraphs = list(item.paragraphs) or [item.title or ""]
        task: dict[str, Any] = {
            "noi_dung": paragraphs,
            "nhan_khac": [{"nhan": "Vai trò", "ghi": self.role_text(duty)}],
        }
        if actions:
            task["muc"] = actions
        if own.unit:
            task["chu_tri"] = {"ghi": self.details.unit_name(own.unit) + "."}
        timeframe = own.timeframe or item.timeframe
        if timeframe:
            task["thoi_gian"] = _timeframe(timeframe)
        return task

    def organisation(self) -> dict[str, Any]:
        short = self.agency.display_short
        items: list[dict[str, Any]] = []
        for duty in (d for d in self.duties if d.role == "thuc_hien"):
            items.append(
                {
                    "tieu_de": f"Thực hiện nhiệm vụ tại mục {duty.entry.ref} "
                    f"{self.cited_plan_short()}",
                    "noi_dung": list(duty.entry.item.paragraphs),
                }
            )
        units = self.details.units
        unit_text = (
            f"Các phòng, đơn vị thuộc {short} căn cứ nhiệm vụ được phân công tại Kế hoạch này "
            "chủ động tổ chức triển khai thực hiện; định kỳ báo cáo kết quả về Lãnh đạo "
            f"{short} để tổng hợp."
        )
        items.append(
            {
                "tieu_de": "Các phòng, đơn vị trực thuộc",
                "noi_dung": [unit_text]
                + [f"- {u.name}: chủ trì tham mưu thực hiện các việc được giao." for u in units],
            }
        )
        items.append({"tieu_de": "Chế độ báo cáo", "noi_dung": [self.reporting_duty()]})
        return {"tieu_de": "TỔ CHỨC THỰC HIỆN", "muc": items}

    def reporting_duty(self) -> str:
        target = self.issuer.display_short
        follow = self.registry.agencies.get(self.plan.follow_up or "")
        via = f" (qua {follow.name})" if follow and follow.id != self.agency.id else ""
        return (
            f"{self.agency.name} báo cáo {target}{via} kết quả thực hiện Kế hoạch này "
            f"{self.plan.reporting.when}."
        )

    def closing(self) -> list[str]:
        return self.details.text.closing or [
            f"Trên đây là Kế hoạch của {self.agency.name} triển khai thực hiện "
            f"{self.cited_plan()}. Yêu cầu các phòng, đơn vị nghiêm túc triển khai thực hiện; "
            f"trong quá trình thực hiện nếu có khó khăn, vướng mắc kịp thời báo cáo Lãnh đạo "
            f"{self.agency.display_short} để chỉ đạo, giải quyết./."
        ]

    def recipients(self) -> dict[str, Any]:
        items: list[dict[str, Any]] = [{"ghi": self.issuer.display_short, "muc_dich": "b/c"}]
        follow = self.registry.agencies.get(self.plan.follow_up or "")
        if follow and follow.id != self.agency.id:
            items.append({"ghi": follow.name, "muc_dich": "đ/b"})
        leadership = self.details.text.leadership or self.agency.leadership
        items.append({"ghi": leadership or f"Lãnh đạo {self.agency.display_short}"})
        if self.details.units:
            items += [{"ghi": u.name, "muc_dich": "t/h"} for u in self.details.units]
        else:
            items.append({"ghi": "Các phòng, đơn vị trực thuộc", "muc_dich": "t/h"})
        archive = self.details.archive
        luu = archive.model_dump(by_alias=True, exclude_none=True) if archive else {"noi": ["VT"]}
        return {"nhan": items, "luu": luu}

    def build(self) -> Plan:
        tasks = [self.task(d) for d in self.duties if d.role != "thuc_hien"]
        tasks += [t.model_dump(by_alias=True, exclude_none=True) for t in self.details.extra_tasks]
        signer = self.details.signer or self.agency.signer
        data: dict[str, Any] = {
            "co_quan_ban_hanh": self.agency.id,
            "loai_van_ban": "KH",
            "so": self.details.number,
            "ngay": self.details.date,
            "nam": self.details.date.year if self.details.date else self.plan.issue_year,
            "trich_yeu": self.summary(),
            "mo_dau": self.opening(),
            "nhan": {"chu_tri": "Đơn vị chủ trì tham mưu", "dau_dong": "-"},
            "phan": [
                self.purpose(),
                {"tieu_de": "NHIỆM VỤ CỤ THỂ", "muc": tasks}
                if tasks
                else {"tieu_de": "NHIỆM VỤ CỤ THỂ", "noi_dung": ["(Không có nhiệm vụ được giao.)"]},
                self.organisation(),
            ],
            "ket_thuc": self.closing(),
            "chu_thich": dict(self.plan.footnotes),
            "noi_nhan": self.recipients(),
            "nguoi_ky": signer.model_dump(by_alias=True),
        }
        return Plan.model_validate(data)


def compose_subplan(
    plan: Plan, registry: Registry, agency: Agency, details: AgencyDetails | None
) -> DocumentVM:
    return compose_plan(SubplanBuilder(plan, registry, agency, details).build(), registry)
