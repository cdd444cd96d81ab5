"""What an agency reports for one period: a status and results per task, general parts."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, field_validator

from .base import Id, Model, OptionalDate, Text, TextList
from .registry import Signer

DONE = "Đã hoàn thành"
DONE_LATE = "Hoàn thành quá hạn"
IN_PROGRESS = "Đang thực hiện"
IN_PROGRESS_LATE = "Đang thực hiện, quá hạn"
NOT_STARTED = "Chưa thực hiện"
STATUSES = (DONE, DONE_LATE, IN_PROGRESS, IN_PROGRESS_LATE, NOT_STARTED)
Status = Literal[
    "Đã hoàn thành",
    "Hoàn thành quá hạn",
    "Đang thực hiện",
    "Đang thực hiện, quá hạn",
    "Chưa thực hiện",
]


# A figure is a count or an amount a report prints: 15 digits hold any budget in đồng.
MAX_FIGURE = 10**15
MAX_FIGURE_TEXT = 200


class Figure(Model):
    name: Text = Field(alias="ten")
    value: float | int | str = Field(alias="gia_tri")
    unit: str = Field("", alias="don_vi")

    @field_validator("value")
    @classmethod
    def _printable(cls, value: float | int | str) -> float | int | str:
        if isinstance(value, str):
            if len(value) > MAX_FIGURE_TEXT:
                raise ValueError(f"số liệu dài quá {MAX_FIGURE_TEXT} ký tự")
            return value
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("số liệu phải là một số (quá lớn hay không xác định)")
        if abs(value) >= MAX_FIGURE:
            raise ValueError("số liệu quá lớn: tối đa 15 chữ số")
        return value

    @property
    def shown(self) -> str:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        number = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
        if isinstance(value, float):
            number = str(value).replace(".", ",")
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
