"""An agency's own data for its sub-plan: number, signer, units, actions per task."""

from __future__ import annotations

from pydantic import Field

from .base import Id, Model, OptionalDate, Text, TextList
from .plan import Archive, Item, Timeframe
from .registry import Signer


class Unit(Model):
    """An internal unit (phòng, đơn vị trực thuộc) that takes charge of actions."""

    id: Id = Field(alias="id")
    name: Text = Field(alias="ten")
    short_name: str | None = Field(None, alias="ten_ngan")


class Action(Model):
    """One concrete thing the agency will do for a task of the provincial plan."""

    text: Text = Field(alias="noi_dung")
    unit: str | None = Field(None, alias="don_vi")
    support: str | None = Field(None, alias="phoi_hop")
    timeframe: Timeframe | None = Field(None, alias="thoi_gian")
    product: str | None = Field(None, alias="san_pham")


class TaskDetails(Model):
    """How the agency carries out one task of the provincial plan."""

    title: str | None = Field(
        None,
        alias="tieu_de",
        description="Tên ngắn của nhiệm vụ in trong kế hoạch của cơ quan (mặc định: tên hay "
        "câu đầu của nhiệm vụ trong kế hoạch của tỉnh)",
    )
    leader: str | None = Field(
        None,
        alias="lanh_dao",
        description="Lãnh đạo phụ trách, ví dụ “Phó Giám đốc Nguyễn Văn A”",
    )
    unit: str | None = Field(
        None, alias="don_vi", description="Phòng, đơn vị chủ trì (mã ở don_vi_truc_thuoc, hoặc tên)"
    )
    support: TextList = Field(
        default_factory=list,
        alias="phoi_hop",
        description="Các phòng, đơn vị phối hợp (mã ở don_vi_truc_thuoc, hoặc tên)",
    )
    timeframe: Timeframe | None = Field(None, alias="thoi_gian")
    actions: list[Action] = Field(default_factory=list, alias="viec")


class TextOverrides(Model):
    """Wording the agency writes itself instead of the generated default."""

    summary: str | None = Field(None, alias="trich_yeu")
    opening: list[Text] | None = Field(None, alias="mo_dau")
    purpose: list[Text] | None = Field(None, alias="muc_dich")
    requirements: list[Text] | None = Field(None, alias="yeu_cau")
    closing: list[Text] | None = Field(None, alias="ket_thuc")
    organisation: list[Text] | None = Field(
        None,
        alias="to_chuc",
        description="Các đoạn của phần “Tổ chức thực hiện” (mặc định: giao các phòng, đơn vị "
        "và chế độ báo cáo)",
    )
    leadership: str | None = Field(None, alias="lanh_dao")


class AgencyDetails(Model):
    agency: Id = Field(alias="co_quan")
    number: int | str | None = Field(None, alias="so")
    date: OptionalDate = Field(None, alias="ngay")
    signer: Signer | None = Field(None, alias="nguoi_ky")
    units: list[Unit] = Field(default_factory=list, alias="don_vi_truc_thuoc")
    archive: Archive | None = Field(None, alias="luu")
    tasks: dict[str, TaskDetails] = Field(default_factory=dict, alias="nhiem_vu")
    extra_tasks: list[Item] = Field(default_factory=list, alias="nhiem_vu_them")
    text: TextOverrides = Field(default_factory=TextOverrides, alias="van_ban")

    def unit_name(self, ref: str) -> str:
        """A unit named by id becomes its name; any other text is printed as written."""
        return next((u.name for u in self.units if u.id == ref), ref)


class AgencyDetailsFile(Model):
    details: AgencyDetails = Field(alias="ke_hoach_don_vi")
