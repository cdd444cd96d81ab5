"""The agency registry: every body a plan may address, and the groups plans name."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Id, Model, Text


class Signer(Model):
    """Box 7: authority lines (TM., KT. …), title, name; any may be empty on a draft."""

    authority: list[str] = Field(default_factory=list, alias="quyen_han")
    title: str = Field("", alias="chuc_vu")
    name: str = Field("", alias="ho_ten")


class Header(Model):
    """Box 2 as NĐ 30 prints it: governing body (not bold) over issuing body (bold)."""

    governing: list[str] = Field(default_factory=list, alias="co_quan_chu_quan")
    issuing: list[Text] = Field(alias="co_quan_ban_hanh", min_length=1)


class Agency(Model):
    id: Id = Field(alias="id")
    name: Text = Field(alias="ten")
    short_name: str | None = Field(None, alias="ten_ngan")
    kind: Id = Field(alias="loai")
    # An agency that issues documents needs these three; a recipient only may omit them.
    code: Text | None = Field(None, alias="ma")
    header: Header | None = Field(None, alias="tieu_de")
    place: Text | None = Field(None, alias="dia_danh")
    signer: Signer = Field(default_factory=Signer, alias="nguoi_ky")
    aliases: list[Text] = Field(default_factory=list, alias="ten_khac")
    parent: Id | None = Field(None, alias="cap_tren")
    # How its own leadership is listed in a Nơi nhận, e.g. "Giám đốc, các PGĐ Sở".
    leadership: str | None = Field(None, alias="lanh_dao")

    @property
    def can_issue(self) -> bool:
        return bool(self.code and self.header and self.place)

    @property
    def display_short(self) -> str:
        return self.short_name or self.name


class Group(Model):
    """A set of agencies a plan names in one phrase, e.g. "các sở, ban ngành"."""

    id: Id = Field(alias="id")
    wording: Text = Field(alias="ghi")
    members: list[Id] = Field(default_factory=list, alias="thanh_vien")
    kinds: list[Id] = Field(default_factory=list, alias="loai")

    @model_validator(mode="after")
    def _has_members(self) -> Group:
        if not self.members and not self.kinds:
            raise ValueError("nhóm cần “thanh_vien” hoặc “loai” để biết gồm những ai")
        return self


class RegistryFile(Model):
    agencies: list[Agency] = Field(default_factory=list, alias="co_quan")
    groups: list[Group] = Field(default_factory=list, alias="nhom")
