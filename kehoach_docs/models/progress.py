"""What an agency reports for one period: a status and results per task, general parts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..vn import vn_number
from .base import Id, Model, OptionalDate, Text, TextList
from .registry import Signer

DONE = "Đã hoàn thành"
DONE_LATE = "Hoàn thành quá hạn"
IN_PROGRESS = "Đang thực hiện"
IN_PROGRESS_LATE = "Đang thực hiện, quá hạn"
NOT_STARTED = "Chưa thực hiện"
STATUSES = (DONE, DONE_LATE, IN_PROGRESS, IN_PROGRESS_LATE, NOT_STARTED)
# The abbreviation of each status in tables too narrow for the words, and of "not reported".
STATUS_CODES = {
    DONE: "HT",
    DONE_LATE: "HTQH",
    IN_PROGRESS: "ĐTH",
    IN_PROGRESS_LATE: "ĐTHQH",
    NOT_STARTED: "CTH",
}
NOT_REPORTED = "Chưa báo cáo"
NOT_REPORTED_CODE = "CBC"
Status = Literal[
    "Đã hoàn thành",
    "Hoàn thành quá hạn",
    "Đang thực hiện",
    "Đang thực hiện, quá hạn",
    "Chưa thực hiện",
]


class Figure(Model):
    name: Text = Field(alias="ten")
    value: float | int | str = Field(alias="gia_tri")
    unit: str = Field("", alias="don_vi")

    @property
    def shown(self) -> str:
        value = self.value
        number = value if isinstance(value, str) else vn_number(value)
        return f"{self.name}: {number}{' ' + self.unit if self.unit else ''}"


class TaskProgress(Model):
    status: Status = Field(alias="tinh_trang")
    results: TextList = Field(default_factory=list, alias="ket_qua")
    figures: list[Figure] = Field(default_factory=list, alias="so_lieu")
    difficulties: TextList = Field(default_factory=list, alias="kho_khan")
    proposals: TextList = Field(default_factory=list, alias="de_xuat")
    done_on: OptionalDate = Field(None, alias="ngay_hoan_thanh")


class GeneralParts(Model):
    situation: TextList = Field(default_factory=list, alias="tinh_hinh")
    highlights: TextList = Field(default_factory=list, alias="ket_qua_noi_bat")
    shortcomings: TextList = Field(default_factory=list, alias="ton_tai")
    next_steps: TextList = Field(default_factory=list, alias="phuong_huong")
    recommendations: TextList = Field(default_factory=list, alias="kien_nghi")


class Progress(Model):
    agency: Id = Field(alias="co_quan")
    period: Text = Field(alias="ky")
    number: int | str | None = Field(None, alias="so")
    date: OptionalDate = Field(None, alias="ngay")
    signer: Signer | None = Field(None, alias="nguoi_ky")
    tasks: dict[str, TaskProgress] = Field(default_factory=dict, alias="nhiem_vu")
    general: GeneralParts = Field(default_factory=GeneralParts, alias="chung")


class ProgressFile(Model):
    progress: Progress = Field(alias="bao_cao_tien_do")
