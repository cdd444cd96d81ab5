"""An agency's own plan (a sub-plan), in the agency's voice, from its duties and its file.

The shape is that of real sub-plans of provincial bodies: per task a short heading, the
agency's role, the concrete actions it will take, the leader in charge, its own units in
charge and in support, and the deadline, each once. The provincial text is cited, not
pasted; "Tổ chức thực hiện" speaks to the agency's own units and reports upward.
"""

from __future__ import annotations

from ..document import (
    Block,
    Document,
    Inline,
    Item,
    LabelLine,
    LabelLook,
    Paragraph,
    Span,
    plain,
)
from ..duties import Duty
from ..kinds import SUBPLAN
from ..models.details import (
    Action,
    AgencyDetails,
    TaskDetails,
    archive_of,
    leadership_of,
    signer_of,
)
from ..models.plan import Assignment, Plan, Timeframe
from ..models.plan import Item as PlanItem
from ..models.registry import Agency
from ..nd30 import TO_ACT, TO_KNOW, TO_REPORT
from ..outline import Entry, format_number
from ..registry import Registry
from ..vn import upper_first
from .common import (
    archive_line,
    body_paragraph,
    cite_plan,
    closing,
    header_for,
    number_inline,
    recipient_line,
    signature_for,
    subject,
)
from .headings import Addressees, first_sentence, item_heading, lower_first, task_heading
from .inline import Footnotes, inline, plain_text

LABELS = LabelLook(bullet="-")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":", ";")) else text + "."


class SubplanComposer:
    def __init__(
        self,
        plan: Plan,
        registry: Registry,
        agency: Agency,
        details: AgencyDetails | None,
        duties: list[Duty],
    ) -> None:
        self.plan = plan
        self.registry = registry
        self.agency = agency
        self.details = details or AgencyDetails.model_validate({"co_quan": agency.id})
        self.duties = duties
        # Tasks the agency is given itself: not repeated as points of their parent task.
        self.own = frozenset(d.entry.key for d in duties)
        self.issuer = registry.agencies[plan.issuer]
        follow = registry.agencies.get(plan.follow_up or "")
        self.follow = follow if follow is not None and follow.id != agency.id else None
        self.footnotes = Footnotes(dict(plan.footnotes))
        self.names = Addressees(registry)

    # -- words ------------------------------------------------------------------------
    @property
    def short(self) -> str:
        return self.agency.display_short

    def cited_plan(self) -> str:
        return cite_plan(self.plan, self.issuer)

    def source(self, entry: Entry) -> str:
        return f"{entry.cite} Kế hoạch của {self.issuer.display_short}"

    def text(self, value: str) -> Inline:
        return inline(value, self.footnotes)

    def unit(self, ref: str) -> str:
        return self.details.unit_name(ref)

    # -- the parts --------------------------------------------------------------------
    def summary(self) -> str:
        return self.details.text.summary or f"Thực hiện {self.cited_plan()} {subject(self.plan)}"

    def opening(self) -> list[str]:
        if self.details.text.opening:
            return self.details.text.opening
        return [
            f"Thực hiện {self.cited_plan()} {subject(self.plan)}; {self.agency.name} ban hành "
            "Kế hoạch triển khai thực hiện như sau:"
        ]

    def purpose(self) -> list[Block]:
        text = self.details.text
        purpose = text.purpose or [
            f"Cụ thể hóa các nhiệm vụ được giao cho {self.agency.name} tại {self.cited_plan()}, "
            "bảo đảm triển khai kịp thời, đồng bộ, hiệu quả."
        ]
        requirements = text.requirements or [
            "Xác định rõ nội dung công việc, đơn vị chủ trì, thời hạn hoàn thành; gắn trách "
            "nhiệm của người đứng đầu với kết quả thực hiện nhiệm vụ được giao."
        ]
        return [
            self._run_in(1, "Mục đích:", purpose),
            self._run_in(2, "Yêu cầu:", requirements),
        ]

    def _run_in(self, index: int, title: str, paragraphs: list[str]) -> Item:
        return Item(
            level=2,
            number=number_inline(f"{index}.", 2),
            title=plain(title, "strong"),
            blocks=tuple(body_paragraph(self.text(p)) for p in paragraphs),
            run_in=True,
        )

    def role_line(self, duty: Duty) -> LabelLine:
        where = self.source(duty.entry)
        item = duty.entry.item
        if duty.role == "chu_tri":
            words = f"Chủ trì thực hiện ({where})."
        elif duty.role == "phoi_hop":
            lead = self._assignment(item.lead)
            words = f"Phối hợp với {lead} ({where})." if lead else f"Phối hợp thực hiện ({where})."
        else:
            words = f"Thực hiện ({where})."
        return LabelLine("Vai trò", plain(words), LABELS)

    def _assignment(self, assignment: Assignment | None) -> str:
        if assignment is None:
            return ""
        if assignment.refs:
            return self.registry.phrase(assignment.refs)
        return lower_first((assignment.text or "").rstrip(" ."))

    def action(self, action: Action, task: TaskDetails, timeframe: Timeframe | None) -> Paragraph:
        """`- <việc> (<what differs from the task's own lines>).`"""
        notes = []
        if action.unit and action.unit != task.unit:
            notes.append(f"{self.unit(action.unit)} chủ trì")
        if action.support and action.support not in task.support:
            notes.append(f"phối hợp: {self.unit(action.support)}")
        if action.timeframe and (timeframe is None or action.timeframe.text != timeframe.text):
            notes.append(f"thời gian: {lower_first(action.timeframe.text.rstrip(' .'))}")
        if action.product:
            notes.append(f"sản phẩm: {lower_first(action.product.rstrip(' .'))}")
        text = plain_text(action.text).rstrip(" .;")
        if notes:
            text += f" ({'; '.join(notes)})"
        return Paragraph(self.text(_sentence(text)), bullet="-")

    def content(self, duty: Duty, task: TaskDetails, timeframe: Timeframe | None) -> list[Block]:
        """What the agency will do: its own actions, else the points of the task."""
        if task.actions:
            return [self.action(a, task, timeframe) for a in task.actions]
        return [
            Paragraph(plain(_sentence(item_heading(child, self.names))), bullet="-")
            for child in duty.entry.children
            if child.key not in self.own
        ]

    def units_line(self, task: TaskDetails) -> LabelLine | None:
        lead = self.unit(task.lead_unit) if task.lead_unit else ""
        return self.units_of(lead, ", ".join(self.unit(s) for s in task.support))

    @staticmethod
    def units_of(lead: str, support: str) -> LabelLine | None:
        """The line of the units in charge and in support, given by their names."""
        if not lead and not support:
            return None
        value = plain(lead) if lead else Inline()
        if support:
            if lead:
                value = value + plain("; ") + Inline((Span("Đơn vị phối hợp:", "label"),))
                value = value + plain(f" {support}")
            else:
                return LabelLine("Đơn vị phối hợp", plain(support + "."), LABELS)
        return LabelLine("Đơn vị chủ trì", value + plain("."), LABELS)

    def task(self, index: int, duty: Duty) -> Item:
        task = self.details.tasks.get(duty.entry.key, TaskDetails())
        heading = task.title or task_heading(duty.entry, self.names)
        timeframe = task.timeframe or duty.entry.item.timeframe
        blocks: list[Block] = [self.role_line(duty), *self.content(duty, task, timeframe)]
        if task.leader:
            blocks.append(LabelLine("Lãnh đạo phụ trách", plain(_sentence(task.leader)), LABELS))
        units = self.units_line(task)
        if units is not None:
            blocks.append(units)
        blocks += self.time_and_product(timeframe, duty.entry.item.product)
        return Item(
            level=2,
            number=number_inline(f"{index}.", 2),
            title=self.text(upper_first(heading)),
            blocks=tuple(blocks),
        )

    def time_and_product(self, timeframe: Timeframe | None, product: str | None) -> list[Block]:
        """The deadline and the product of a task, each on its labelled line."""
        lines: list[Block] = []
        if timeframe is not None:
            text = self.text(_sentence(timeframe.text))
            lines.append(LabelLine("Thời gian thực hiện", text, LABELS))
        if product:
            lines.append(LabelLine("Sản phẩm", self.text(_sentence(product)), LABELS))
        return lines

    def extra_task(self, index: int, item: PlanItem) -> Item:
        """A task of the agency's own, beyond the provincial plan, in the same shape as the
        tasks it was given: heading, what it will do, its units and its deadline."""
        heading = item.title or first_sentence(item.texts[0] if item.texts else "")
        texts = item.texts if item.title else item.texts[1:]
        blocks: list[Block] = [Paragraph(self.text(_sentence(t)), bullet="-") for t in texts]
        blocks += [
            Paragraph(self.text(_sentence(c.title or " ".join(c.texts))), bullet="-")
            for c in item.children
        ]
        units = self.units_of(self._names(item.lead), self._names(item.support))
        if units is not None:
            blocks.append(units)
        blocks += self.time_and_product(item.timeframe, item.product)
        return Item(
            level=2,
            number=number_inline(item.number or f"{index}.", 2),
            title=self.text(upper_first(heading.rstrip(" ."))),
            blocks=tuple(blocks),
        )

    def _names(self, assignment: Assignment | None) -> str:
        """Units of the agency by their names, bodies of the registry by theirs."""
        if assignment is None:
            return ""
        if assignment.text:
            return assignment.text.rstrip(" .")
        names = [
            self.unit(r) if r not in self.registry.agencies and r not in self.registry.groups
            else self.registry.phrase([r])
            for r in assignment.refs
        ]  # fmt: skip
        return ", ".join(names)

    def organisation(self, tasks: list[tuple[Item, str | None]]) -> list[Block]:
        """Each unit and the tasks it leads (by their numbers in this plan), then the
        agency's units together, then the reporting duty."""
        if self.details.text.organisation:
            return [body_paragraph(self.text(p)) for p in self.details.text.organisation]
        blocks: list[Block] = []
        index = 0
        for unit in self.details.units:
            led = ["II." + t.number.text.rstrip(".") for t, lead in tasks if lead == unit.id]
            if not led:
                continue
            index += 1
            what = f"chủ trì tham mưu thực hiện nhiệm vụ tại mục {', '.join(led)} của Kế hoạch này"
            blocks.append(self._run_in_unit(index, unit.name, what))
        index += 1
        blocks.append(
            self._run_in_unit(
                index,
                f"Các phòng, đơn vị thuộc {self.short}",
                "căn cứ nhiệm vụ được phân công tại Kế hoạch này, chủ động tổ chức triển khai "
                f"thực hiện; định kỳ báo cáo kết quả về Lãnh đạo {self.short} để tổng hợp",
            )
        )
        index += 1
        blocks.append(self._run_in_unit(index, "Chế độ báo cáo", self.reporting_duty()))
        return blocks

    def _unit_of(self, duty: Duty) -> str | None:
        task = self.details.tasks.get(duty.entry.key)
        return task.lead_unit if task is not None else None

    def _run_in_unit(self, index: int, title: str, text: str) -> Item:
        return Item(
            level=2,
            number=number_inline(f"{index}.", 2),
            title=plain(f"{title}:", "strong"),
            blocks=(Paragraph(self.text(_sentence(upper_first(text)))),),
            run_in=True,
        )

    def reporting_duty(self) -> str:
        via = f" (qua {self.follow.name})" if self.follow else ""
        when = self.plan.reporting.when.strip().rstrip(".")
        if when[:1].isupper():
            # A sentence written for the provincial plan, not a phrase to go on from here.
            when = f"theo chế độ báo cáo quy định tại Kế hoạch của {self.issuer.display_short}"
        return (
            f"{self.agency.name} báo cáo {self.issuer.name}{via} kết quả thực hiện Kế hoạch "
            f"này {when}"
        )

    def closing_text(self) -> list[str]:
        return self.details.text.closing or [
            f"Trên đây là Kế hoạch của {self.agency.name} triển khai thực hiện "
            f"{self.cited_plan()}. Yêu cầu các phòng, đơn vị nghiêm túc triển khai thực hiện; "
            "trong quá trình thực hiện nếu có khó khăn, vướng mắc kịp thời báo cáo Lãnh đạo "
            f"{self.short} để chỉ đạo, giải quyết./."
        ]

    def distribution(self) -> tuple[Inline, ...]:
        lines = [recipient_line(self.issuer.display_short, TO_REPORT)]
        if self.follow is not None:
            lines.append(recipient_line(self.follow.name, TO_KNOW))
        lines.append(recipient_line(leadership_of(self.agency, self.details)))
        if self.details.units:
            lines += [recipient_line(u.name, TO_ACT) for u in self.details.units]
        else:
            lines.append(recipient_line("Các phòng, đơn vị trực thuộc", TO_ACT))
        return (*lines, archive_line(archive_of(self.details)))

    def section(self, index: int, title: str, blocks: list[Block]) -> Item:
        return Item(
            level=1,
            number=number_inline(format_number("{R}.", index, ""), 1),
            title=plain(title),
            blocks=tuple(blocks),
        )

    def compose(self) -> Document:
        # Each task of this plan with the unit that leads it, for "Tổ chức thực hiện".
        tasks = [(self.task(i, d), self._unit_of(d)) for i, d in enumerate(self.duties, start=1)]
        units = {u.id for u in self.details.units}
        for item in self.details.extra_tasks:
            leads = [r for r in (item.lead.refs if item.lead else []) if r in units]
            tasks.append((self.extra_task(len(tasks) + 1, item), leads[0] if leads else None))
        work: list[Block] = [t for t, _ in tasks]
        if not work:
            work = [Paragraph(plain("Không có nhiệm vụ được giao."))]
        body: list[Block] = [body_paragraph(self.text(p)) for p in self.opening()]
        body += [
            self.section(1, "MỤC ĐÍCH, YÊU CẦU", self.purpose()),
            self.section(2, "NHIỆM VỤ CỤ THỂ", work),
            self.section(3, "TỔ CHỨC THỰC HIỆN", self.organisation(tasks)),
        ]
        body += closing(self.text(p) for p in self.closing_text())
        signer = signer_of(self.agency, self.details)
        date = self.details.date
        return Document(
            kind=SUBPLAN.id,
            title=f"KẾ HOẠCH của {self.agency.name}: {self.summary()}",
            header=header_for(
                self.agency,
                "KH",
                self.details.number,
                date,
                date.year if date else self.plan.issue_year,
            ),
            type_name="KẾ HOẠCH",
            summary=self.text(self.summary()),
            body=tuple(body),
            distribution=self.distribution(),
            signature=signature_for(signer),
            footnotes=self.footnotes.notes(),
        )


def compose_subplan(
    plan: Plan,
    registry: Registry,
    agency: Agency,
    details: AgencyDetails | None,
    duties: list[Duty],
) -> Document:
    return SubplanComposer(plan, registry, agency, details, duties).compose()
