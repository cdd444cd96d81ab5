"""What an agency reports for one period: a status and results per task, general parts."""

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from ..vn import vn_number
from .base import Id, Model, OptionalDate, Text, TextList, new_list
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


# A figure is a count or an amount a report prints: 15 digits hold any budget in đồng.
MAX_FIGURE = 10**15
MAX_FIGURE_TEXT = 200


class Figure(Model):
    name: Text = Field(alias="ten", description="Tên số liệu, ví dụ “Số đề án đã thẩm định”")
    value: float | int | str = Field(alias="gia_tri", description="Giá trị, ví dụ 12 hoặc 12,5")
    unit: str = Field("", alias="don_vi", description="Đơn vị tính, ví dụ “đề án”")

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
        number = value if isinstance(value, str) else vn_number(value)
        # "98,4%" without a space; "12 đề án" with one.
        unit = self.unit if self.unit in ("%", "‰") else f" {self.unit}" if self.unit else ""
        return f"{self.name}: {number}{unit}"


class TaskProgress(Model):
    status: Status = Field(
        alias="tinh_trang",
        description="Một trong năm tình trạng: Đã hoàn thành, Hoàn thành quá hạn, "
        "Đang thực hiện, Đang thực hiện, quá hạn, Chưa thực hiện",
    )
    results: TextList = Field(
        default_factory=new_list, alias="ket_qua", description="Kết quả thực hiện, mỗi đoạn một mục"
    )
    figures: list[Figure] = Field(
        default_factory=new_list, alias="so_lieu", description="Số liệu: [{ten, gia_tri, don_vi}]"
    )
    difficulties: TextList = Field(
        default_factory=new_list, alias="kho_khan", description="Khó khăn, vướng mắc"
    )
    proposals: TextList = Field(
        default_factory=new_list, alias="de_xuat", description="Đề xuất, kiến nghị"
    )
    done_on: OptionalDate = Field(
        None, alias="ngay_hoan_thanh", description="Ngày hoàn thành (nếu đã xong)"
    )


class GeneralParts(Model):
    situation: TextList = Field(
        default_factory=new_list, alias="tinh_hinh", description="Tình hình triển khai thực hiện"
    )
    highlights: TextList = Field(
        default_factory=new_list, alias="ket_qua_noi_bat", description="Kết quả nổi bật"
    )
    shortcomings: TextList = Field(
        default_factory=new_list, alias="ton_tai", description="Tồn tại, hạn chế và nguyên nhân"
    )
    next_steps: TextList = Field(
        default_factory=new_list, alias="phuong_huong", description="Phương hướng, nhiệm vụ kỳ tới"
    )
    recommendations: TextList = Field(
        default_factory=new_list, alias="kien_nghi", description="Đề xuất, kiến nghị chung"
    )


class Progress(Model):
    agency: Id = Field(alias="co_quan", description="Mã cơ quan báo cáo (trùng tên tệp)")
    period: Text = Field(
        alias="ky",
        description="Kỳ báo cáo: 2024-Q1 … 2024-Q4, 2024-H1, 2024, hoặc mốc của kế hoạch",
    )
    number: int | str | None = Field(None, alias="so", description="Số báo cáo khi ban hành")
    date: OptionalDate = Field(None, alias="ngay", description="Ngày ký báo cáo")
    signer: Signer | None = Field(None, alias="nguoi_ky", description="Người ký báo cáo")
    tasks: dict[str, TaskProgress] = Field(
        default_factory=dict,
        alias="nhiem_vu",
        description="Kết quả từng nhiệm vụ, theo mã nhiệm vụ",
    )
    general: GeneralParts = Field(
        default_factory=GeneralParts, alias="chung", description="Các phần chung của báo cáo"
    )


class ProgressFile(Model):
    progress: Progress = Field(alias="bao_cao_tien_do", description="Báo cáo kỳ của một cơ quan")


@dataclass(frozen=True, slots=True)
class Reported:
    """What the documents of a whole period read of a task's report: its status, when it
    was done, the difficulties and proposals it raised (an agency's own report reads the
    whole of it again: Project.report)."""

    status: str
    done_on: date | None
    difficulties: tuple[str, ...]
    proposals: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Received:
    """An agency's report as the documents of a whole period read it: 10,000 of them are
    held at once, where their whole models took eight times the memory."""

    tasks: dict[str, Reported]
    recommendations: tuple[str, ...]


def received(report: Progress) -> Received:
    tasks = {
        key: Reported(t.status, t.done_on, tuple(t.difficulties), tuple(t.proposals))
        for key, t in report.tasks.items()
    }
    return Received(tasks, tuple(report.general.recommendations))
