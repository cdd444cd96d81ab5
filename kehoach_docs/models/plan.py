"""A plan (Kế hoạch) as data: any sections, any depth, any label wording."""

from __future__ import annotations

from typing import Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from .base import STRING_OR_LIST, Date, Id, Model, OptionalDate, Text, TextList, with_shorthand
from .registry import Signer


def _text_or_list(value: Any) -> Any:
    """`chu_tri: "…"` is printed wording; `chu_tri: [id, …]` are references."""
    if isinstance(value, str):
        return {"ghi": value}
    if isinstance(value, list):
        return {"don_vi": value}
    return value


class Assignment(Model):
    """Who leads or supports: references for the tool, wording for the page."""

    refs: list[str] = Field(default_factory=list, alias="don_vi")
    text: str | None = Field(None, alias="ghi")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _text_or_list(value)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return with_shorthand(handler(core_schema), *STRING_OR_LIST["anyOf"])

    @model_validator(mode="after")
    def _not_empty(self) -> Assignment:
        if not self.refs and not (self.text and self.text.strip()):
            raise ValueError("cần “don_vi” (mã cơ quan, nhóm) hoặc “ghi” (chữ in ra)")
        return self


# I., 1., a), then bullets: the levels NĐ 30 and real plans use.
DEFAULT_NUMBERING = ("{R}.", "{n}.", "{a})", "-", "+")

RECURRING_WORDS = ("thường xuyên", "hằng năm", "hàng năm")


class Timeframe(Model):
    """As printed, plus a machine-readable deadline where there is one."""

    text: Text = Field(alias="ghi")
    deadline: OptionalDate = Field(None, alias="han")
    recurring: bool = Field(False, alias="thuong_xuyen")
    condition: str | None = Field(None, alias="dieu_kien")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            plain = value.strip(" .").lower()
            return {"ghi": value, "thuong_xuyen": plain in RECURRING_WORDS}
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return with_shorthand(handler(core_schema), {"type": "string"})

    @model_validator(mode="after")
    def _consistent(self) -> Timeframe:
        if self.deadline and self.recurring:
            raise ValueError("nhiệm vụ thường xuyên không có hạn (“han”)")
        return self


class ExtraLabel(Model):
    label: Text = Field(alias="nhan")
    text: Text = Field(alias="ghi")


class Labels(Model):
    """Wording of the italic labels under a task; a plan words them its own way."""

    lead: str | None = Field(None, alias="chu_tri")
    support: str | None = Field(None, alias="phoi_hop")
    timeframe: str | None = Field(None, alias="thoi_gian")
    product: str | None = Field(None, alias="san_pham")
    bullet: str | None = Field(None, alias="dau_dong")


DEFAULT_LABELS = Labels.model_validate(
    {
        "chu_tri": "Đơn vị chủ trì thực hiện",
        "phoi_hop": "Đơn vị phối hợp",
        "thoi_gian": "Thời gian thực hiện",
        "san_pham": "Sản phẩm",
        "dau_dong": "-",
    }
)


class Table(Model):
    """A table in the body: column heads, rows of cells, relative column widths."""

    head: list[Text] = Field(alias="cot", min_length=1)
    rows: list[list[str]] = Field(default_factory=list, alias="dong")
    widths: list[float] = Field(default_factory=list, alias="do_rong")

    @model_validator(mode="after")
    def _shape(self) -> Table:
        if self.widths and len(self.widths) != len(self.head):
            raise ValueError("“do_rong” cần đủ một số cho mỗi cột")
        for i, row in enumerate(self.rows, start=1):
            if len(row) != len(self.head):
                raise ValueError(f"dòng {i} của bảng có {len(row)} ô, cần {len(self.head)}")
        return self


class Item(Model):
    """A section, a task, a responsibility or a sub-point: one shape at every level."""

    id: Id | None = Field(None, alias="id")
    number: str | None = Field(None, alias="so")
    title: str | None = Field(None, alias="tieu_de")
    inline_title: bool = Field(False, alias="lien_dong")
    paragraphs: list[str] = Field(default_factory=list, alias="noi_dung")
    lead: Assignment | None = Field(None, alias="chu_tri")
    support: Assignment | None = Field(None, alias="phoi_hop")
    timeframe: Timeframe | None = Field(None, alias="thoi_gian")
    product: str | None = Field(None, alias="san_pham")
    extra_labels: list[ExtraLabel] = Field(default_factory=list, alias="nhan_khac")
    labels: Labels | None = Field(None, alias="nhan")
    assignees: list[str] = Field(default_factory=list, alias="don_vi")
    table: Table | None = Field(None, alias="bang")
    children: list[Item] = Field(default_factory=list, alias="muc")

    @property
    def is_task(self) -> bool:
        return self.lead is not None or self.support is not None


class Drafter(Model):
    """Box 12: the drafter's mark, printed in small type after one of the Lưu units."""

    after: Text = Field(alias="sau")
    mark: Text = Field(alias="ky_hieu")


class Archive(Model):
    places: list[Text] = Field(default_factory=lambda: ["VT"], alias="noi")
    drafter: Drafter | None = Field(None, alias="nguoi_soan")
    copies: int | None = Field(None, alias="so_ban", ge=1)

    @model_validator(mode="after")
    def _drafter_known(self) -> Archive:
        if self.drafter and self.drafter.after not in self.places:
            raise ValueError(f"“nguoi_soan.sau” phải là một trong “noi”: {', '.join(self.places)}")
        return self


class Recipient(Model):
    text: str | None = Field(None, alias="ghi")
    refs: list[str] = Field(default_factory=list, alias="don_vi")
    purpose: str | None = Field(None, alias="muc_dich")

    @model_validator(mode="after")
    def _not_empty(self) -> Recipient:
        if not self.refs and not (self.text and self.text.strip()):
            raise ValueError("cần “ghi” (chữ in ra) hoặc “don_vi” (mã cơ quan, nhóm)")
        return self


class Distribution(Model):
    recipients: list[Recipient] = Field(default_factory=list, alias="nhan")
    archive: Archive = Field(default_factory=Archive, alias="luu")


class Milestone(Model):
    """A named reporting point of the plan (sơ kết, tổng kết) with its own window."""

    id: Id = Field(alias="id")
    label: Text = Field(alias="ten")
    start: Date = Field(alias="tu")
    end: Date = Field(alias="den")
    due: Date = Field(alias="han")

    @model_validator(mode="after")
    def _ordered(self) -> Milestone:
        if not self.start <= self.end <= self.due:
            raise ValueError("cần “tu” ≤ “den” ≤ “han”")
        return self


class Reporting(Model):
    """When agencies report on this plan: the words sub-plans print, and the windows.

    By default data close on the 14th (Nghị định 09/2019/NĐ-CP) and a report is due
    some days later; a plan may set both, and add milestones of its own.
    """

    when: Text = Field("định kỳ 6 tháng, hằng năm hoặc đột xuất khi có yêu cầu", alias="ghi")
    cutoff_day: int = Field(14, alias="ngay_chot", ge=1, le=28)
    due_after_days: int = Field(6, alias="han_nop_sau", ge=0, le=90)
    milestones: list[Milestone] = Field(default_factory=list, alias="moc")


class Appendix(Model):
    title: Text = Field(alias="tieu_de")
    subtitle: str | None = Field(None, alias="tieu_de_phu")
    note: str | None = Field(None, alias="ghi_chu")
    task_table: bool = Field(False, alias="bang_nhiem_vu")
    items: list[Item] = Field(default_factory=list, alias="muc")


class Plan(Model):
    issuer: Id = Field(alias="co_quan_ban_hanh")
    type_code: Text = Field("KH", alias="loai_van_ban")
    number: int | str | None = Field(None, alias="so")
    date: OptionalDate = Field(None, alias="ngay")
    year: int | None = Field(None, alias="nam", ge=1945, le=2200)
    summary: Text = Field(alias="trich_yeu")
    implements: str | None = Field(None, alias="thuc_hien")
    subject: str | None = Field(
        None,
        alias="chu_de",
        description="Kế hoạch về việc gì, viết ngắn để văn bản khác dẫn lại (“… về <chủ đề>”); "
        "mặc định: lấy từ trích yếu",
    )
    follow_up: Id | None = Field(None, alias="co_quan_theo_doi")
    reporting: Reporting = Field(default_factory=Reporting, alias="bao_cao")
    # "Kính gửi" lines: a report sent upward names its recipients under the title.
    to: list[Text] = Field(default_factory=list, alias="kinh_gui")
    legal_basis: list[Text] = Field(default_factory=list, alias="can_cu")
    opening: list[Text] = Field(default_factory=list, alias="mo_dau")
    sections: list[Item] = Field(alias="phan", min_length=1)
    closing: TextList = Field(default_factory=list, alias="ket_thuc")
    footnotes: dict[str, Text] = Field(default_factory=dict, alias="chu_thich")
    numbering: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_NUMBERING), alias="danh_so", min_length=1
    )
    labels: Labels = Field(default_factory=Labels, alias="nhan")
    distribution: Distribution = Field(default_factory=Distribution, alias="noi_nhan")
    signer: Signer | None = Field(None, alias="nguoi_ky")
    appendices: list[Appendix] = Field(default_factory=list, alias="phu_luc")

    @model_validator(mode="after")
    def _year_known(self) -> Plan:
        if self.date is None and self.year is None:
            raise ValueError("chưa có “ngay” thì cần “nam” để in dòng ngày tháng")
        if self.date and self.year and self.date.year != self.year:
            raise ValueError(f"“nam” {self.year} khác năm của “ngay” {self.date.year}")
        return self

    @property
    def issue_year(self) -> int | None:
        return self.date.year if self.date else self.year


class PlanFile(Model):
    plan: Plan = Field(alias="ke_hoach")
