"""A plan (Kế hoạch) as data: any sections, any depth, any label wording.

Every field carries a Vietnamese description: it is what the clerk's editor shows on
hover (`kehoach schema`), so it speaks the clerk's words, not the program's.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from .base import (
    STRING_OR_LIST,
    Date,
    Id,
    Model,
    OptionalDate,
    Text,
    TextList,
    as_list,
    new_list,
    with_shorthand,
)
from .registry import Signer

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _text_or_list(value: Any) -> Any:
    """`chu_tri: [id, …]` are references; `chu_tri: "…"` is printed wording, unless it is
    one id ("so-tai-chinh"): wording has spaces and diacritics, an id has neither."""
    if isinstance(value, str):
        return {"don_vi": [value]} if _ID.match(value.strip()) else {"ghi": value}
    if isinstance(value, list):
        return {"don_vi": value}
    return value


class Assignment(Model):
    """Who leads or supports: references for the tool, wording for the page."""

    refs: list[str] = Field(
        default_factory=new_list,
        alias="don_vi",
        description="Mã các cơ quan, nhóm (trong danh mục cơ quan); chương trình ghép thành chữ",
        examples=[["so-noi-vu", "cac-so-ban-nganh"]],
    )
    text: str | None = Field(
        None, alias="ghi", description="Chữ in ra, khi khác tên ghép từ danh mục"
    )

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
    def _not_empty(self) -> "Assignment":
        if not self.refs and not (self.text and self.text.strip()):
            raise ValueError("cần “don_vi” (mã cơ quan, nhóm) hoặc “ghi” (chữ in ra)")
        return self


# I., 1., a), then bullets: the levels NĐ 30 and real plans use.
DEFAULT_NUMBERING = ("{R}.", "{n}.", "{a})", "-", "+")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
PLACEHOLDERS = ("{R}", "{n}", "{a}", "{A}", "{p}")


def _pattern(value: Any) -> Any:
    """A numbering pattern may only hold the placeholders the program fills in."""
    if isinstance(value, str):
        for found in _PLACEHOLDER.findall(value):
            if found not in PLACEHOLDERS:
                raise ValueError(
                    f"mẫu đánh số “{value}” có “{found}” không hiểu được: dùng {{R}} (I, II), "
                    "{n} (1, 2), {a} (a, b), {A} (A, B), {p} (số của mục cha)"
                )
    return value


NumberPattern = Annotated[str, BeforeValidator(_pattern)]

RECURRING_WORDS = ("thường xuyên", "hằng năm", "hàng năm")


class Timeframe(Model):
    """As printed, plus a machine-readable deadline where there is one."""

    text: Text = Field(alias="ghi", description="Thời gian in ra, ví dụ “Quý II năm 2025.”")
    deadline: OptionalDate = Field(
        None,
        alias="han",
        description="Hạn chót, để tính quá hạn: 2025-06-30 hoặc 30/6/2025",
    )
    recurring: bool = Field(
        False, alias="thuong_xuyen", description="true: nhiệm vụ thường xuyên, không có hạn"
    )
    condition: str | None = Field(
        None,
        alias="dieu_kien",
        description="Điều kiện để bắt đầu, ví dụ “Chính phủ ban hành Nghị định …”",
    )

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
    def _consistent(self) -> "Timeframe":
        if self.deadline and self.recurring:
            raise ValueError("nhiệm vụ thường xuyên không có hạn (“han”)")
        return self


class ExtraLabel(Model):
    label: Text = Field(alias="nhan", description="Nhãn, ví dụ “Kinh phí”")
    text: Text = Field(alias="ghi", description="Nội dung in sau nhãn")


class Labels(Model):
    """Wording and look of the labelled lines under a task; a plan words them its own way."""

    lead: str | None = Field(
        None,
        alias="chu_tri",
        description="Nhãn đơn vị chủ trì (mặc định “Đơn vị chủ trì thực hiện”)",
    )
    support: str | None = Field(
        None, alias="phoi_hop", description="Nhãn đơn vị phối hợp (mặc định “Đơn vị phối hợp”)"
    )
    timeframe: str | None = Field(
        None, alias="thoi_gian", description="Nhãn thời gian (mặc định “Thời gian thực hiện”)"
    )
    product: str | None = Field(
        None, alias="san_pham", description="Nhãn sản phẩm (mặc định “Sản phẩm”)"
    )
    note: str | None = Field(None, alias="ghi_chu", description="Nhãn ghi chú (mặc định “Ghi chú”)")
    bullet: str | None = Field(
        None,
        alias="dau_dong",
        description="Ký hiệu đầu mỗi dòng nhãn: “-”, “+”, “*”; chuỗi rỗng là không có",
    )
    italic: bool | None = Field(
        None, alias="nghieng", description="false: nhãn in đứng (mặc định in nghiêng)"
    )
    colon: bool | None = Field(
        None,
        alias="hai_cham",
        description="false: không có dấu “:” sau nhãn (“Thời gian thực hiện sau khi …”)",
    )


DEFAULT_LABELS = Labels.model_validate(
    {
        "chu_tri": "Đơn vị chủ trì thực hiện",
        "phoi_hop": "Đơn vị phối hợp",
        "thoi_gian": "Thời gian thực hiện",
        "san_pham": "Sản phẩm",
        "ghi_chu": "Ghi chú",
        "dau_dong": "-",
        "nghieng": True,
        "hai_cham": True,
    }
)


class Table(Model):
    """A table in the body: column heads, rows of cells, relative column widths."""

    head: list[Text] = Field(alias="cot", min_length=1, description="Tiêu đề các cột")
    rows: list[list[str]] = Field(
        default_factory=new_list,
        alias="dong",
        description="Các dòng, mỗi dòng đủ một ô cho mỗi cột",
    )
    widths: list[float] = Field(
        default_factory=new_list,
        alias="do_rong",
        description="Độ rộng tương đối của các cột, ví dụ [1, 5, 2]; bỏ trống: tự theo nội dung",
    )

    @model_validator(mode="after")
    def _shape(self) -> "Table":
        if self.widths and len(self.widths) != len(self.head):
            raise ValueError("“do_rong” cần đủ một số cho mỗi cột")
        for i, row in enumerate(self.rows, start=1):
            if len(row) != len(self.head):
                raise ValueError(f"dòng {i} của bảng có {len(row)} ô, cần {len(self.head)}")
        return self


BULLETS = {"gach": "-", "cong": "+"}


class Point(Model):
    """One paragraph: plain text, or a bullet point ("- " or "+ ")."""

    text: str = Field(alias="doan", description="Đoạn văn")
    mark: Literal["", "-", "+"] = Field("", alias="dau", description="Ký hiệu đầu đoạn")

    @model_validator(mode="before")
    @classmethod
    def _forms(cls, value: Any) -> Any:
        # "- …" typed in the text, or {gach: …} / {cong: …}: the same bullet point.
        if isinstance(value, str):
            for mark in BULLETS.values():
                if value.startswith(mark + " "):
                    return {"doan": value[2:], "dau": mark}
            return {"doan": value}
        if isinstance(value, dict) and len(value) == 1:
            key, text = next(iter(value.items()))
            if key in BULLETS:
                return {"doan": text, "dau": BULLETS[key]}
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        string = {"type": "string", "description": "Đoạn văn; *nghiêng*, **đậm**, [^1] chú thích"}
        bullets = [
            {
                "type": "object",
                "properties": {
                    key: {"type": "string", "description": f"Đoạn bắt đầu bằng “{mark} ”"}
                },
                "required": [key],
                "additionalProperties": False,
            }
            for key, mark in BULLETS.items()
        ]
        return {"anyOf": [string, *bullets]}


# Paragraphs: one paragraph, or a list of them, each plain or a bullet point.
Paragraphs = Annotated[list[Point], BeforeValidator(as_list)]

ColumnField = Literal["so", "noi_dung", "chu_tri", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu"]
TABLE_HEADS: dict[str, str] = {
    "so": "STT",
    "noi_dung": "Nhiệm vụ",
    "chu_tri": "Cơ quan chủ trì",
    "phoi_hop": "Cơ quan phối hợp",
    "thoi_gian": "Thời gian hoàn thành",
    "san_pham": "Sản phẩm",
    "ghi_chu": "Ghi chú",
}


class TaskColumn(Model):
    field: ColumnField = Field(
        alias="truong",
        description="Nội dung của cột: so, noi_dung, chu_tri, phoi_hop, thoi_gian, san_pham, "
        "ghi_chu",
    )
    head: str | None = Field(None, alias="ten", description="Tiêu đề cột (mặc định theo trường)")
    width: float | None = Field(
        None, alias="do_rong", description="Độ rộng tương đối; bỏ trống: tự theo nội dung"
    )


class TaskTable(Model):
    """Tasks laid out as the rows of a table, under group rows (A, I, 1 …)."""

    columns: list[TaskColumn] = Field(
        default_factory=new_list,
        alias="cot",
        description="Các cột; bỏ trống: STT, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, "
        "Thời gian hoàn thành, Sản phẩm (và Ghi chú khi có)",
    )
    group_numbering: list[NumberPattern] = Field(
        default_factory=lambda: ["{A}", "{R}", "{n}"],
        alias="danh_so",
        description="Cách đánh số các dòng nhóm theo cấp, mặc định [“{A}”, “{R}”, “{n}”]",
    )
    restart: bool = Field(
        False,
        alias="dem_lai",
        description="true: đánh số nhiệm vụ lại từ 1 trong mỗi nhóm (mặc định liên tục 1…N)",
    )
    items: list["Item"] = Field(
        alias="muc",
        min_length=1,
        description="Các dòng: dòng nhóm (có tiêu đề và “muc”) và dòng nhiệm vụ (có chủ trì)",
    )


class HeadingStyle(Model):
    bold: bool | None = Field(None, alias="dam", description="Tiêu đề in đậm")
    italic: bool | None = Field(None, alias="nghieng", description="Tiêu đề in nghiêng")
    upper: bool | None = Field(None, alias="in_hoa", description="Tiêu đề in hoa")
    number_bold: bool | None = Field(
        None, alias="so_dam", description="Số thứ tự in đậm (mặc định như tiêu đề)"
    )
    number_italic: bool | None = Field(
        None, alias="so_nghieng", description="Số thứ tự in nghiêng (mặc định như tiêu đề)"
    )


class Item(Model):
    """A section, a task, a responsibility or a sub-point: one shape at every level."""

    id: Id | None = Field(
        None,
        alias="id",
        description="Mã của mục (chữ thường không dấu, số, “-”), để tệp khác dẫn tới",
        examples=["nv-1"],
    )
    number: str | None = Field(
        None,
        alias="so",
        description="Số thứ tự in ra, khi khác số tự đánh (ví dụ “c)” khi bỏ qua chữ); "
        "“” (chuỗi rỗng): mục không đánh số",
    )
    title: str | None = Field(None, alias="tieu_de", description="Tiêu đề của mục")
    inline_title: bool = Field(
        False,
        alias="lien_dong",
        description="true: tiêu đề in liền đầu đoạn văn đầu tiên (“1. Mục đích: …”)",
    )
    paragraphs: Paragraphs = Field(
        default_factory=new_list,
        alias="noi_dung",
        description="Các đoạn văn; đoạn gạch đầu dòng: {gach: …} hoặc {cong: …}",
    )
    lead: Assignment | None = Field(
        None,
        alias="chu_tri",
        description="Đơn vị chủ trì: don_vi (mã cơ quan, nhóm) và/hoặc ghi (chữ in ra)",
    )
    support: Assignment | None = Field(
        None,
        alias="phoi_hop",
        description="Đơn vị phối hợp: don_vi (mã cơ quan, nhóm) và/hoặc ghi (chữ in ra)",
    )
    timeframe: Timeframe | None = Field(
        None,
        alias="thoi_gian",
        description="Thời gian: chữ in ra, hoặc {ghi, han, thuong_xuyen, dieu_kien}",
    )
    product: str | None = Field(None, alias="san_pham", description="Sản phẩm của nhiệm vụ")
    note: str | None = Field(None, alias="ghi_chu", description="Ghi chú của nhiệm vụ")
    extra_labels: list[ExtraLabel] = Field(
        default_factory=new_list,
        alias="nhan_khac",
        description="Các dòng nhãn khác dưới mục: [{nhan, ghi}]",
    )
    labels: Labels | None = Field(
        None, alias="nhan", description="Cách ghi các nhãn riêng cho mục này"
    )
    assignees: list[str] = Field(
        default_factory=new_list,
        alias="don_vi",
        description="Cơ quan nhận phần trách nhiệm này (mã cơ quan, nhóm; không in ra)",
    )
    table: Table | None = Field(None, alias="bang", description="Một bảng trong mục")
    task_table: TaskTable | None = Field(
        None, alias="bang_nhiem_vu", description="Các nhiệm vụ của mục, trình bày thành bảng"
    )
    numbering: NumberPattern | None = Field(
        None,
        alias="danh_so",
        description="Cách đánh số các mục con của mục này: “{n}.”, “{p}{n}.”, “{a})”, “-”, “+”",
    )
    children: list["Item"] = Field(default_factory=new_list, alias="muc", description="Các mục con")

    @property
    def is_task(self) -> bool:
        return self.lead is not None or self.support is not None

    @property
    def texts(self) -> list[str]:
        """The paragraphs' words, without their bullets."""
        return [p.text for p in self.paragraphs]


class Drafter(Model):
    """Box 12: the drafter's mark, printed in small type after one of the Lưu units."""

    after: Text = Field(alias="sau", description="In sau đơn vị nào của dòng Lưu, ví dụ NC")
    mark: Text = Field(alias="ky_hieu", description="Ký hiệu người soạn thảo, ví dụ TTTT")


class Archive(Model):
    places: list[Text] = Field(
        default_factory=lambda: ["VT"],
        alias="noi",
        description="Nơi lưu: VT (văn thư) và đơn vị soạn thảo",
    )
    drafter: Drafter | None = Field(
        None, alias="nguoi_soan", description="Ký hiệu người soạn thảo, in chữ nhỏ"
    )
    copies: int | None = Field(None, alias="so_ban", ge=1, description="Số bản phát hành")

    @model_validator(mode="after")
    def _drafter_known(self) -> "Archive":
        if self.drafter and self.drafter.after not in self.places:
            raise ValueError(f"“nguoi_soan.sau” phải là một trong “noi”: {', '.join(self.places)}")
        return self


class Recipient(Model):
    text: str | None = Field(None, alias="ghi", description="Chữ in ra")
    refs: list[str] = Field(
        default_factory=new_list, alias="don_vi", description="Mã cơ quan, nhóm nhận văn bản"
    )
    purpose: str | None = Field(
        None, alias="muc_dich", description="b/c (để báo cáo), t/h (để thực hiện), đ/b (để biết)"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> "Recipient":
        if not self.refs and not (self.text and self.text.strip()):
            raise ValueError("cần “ghi” (chữ in ra) hoặc “don_vi” (mã cơ quan, nhóm)")
        return self


class Distribution(Model):
    recipients: list[Recipient] = Field(
        default_factory=new_list, alias="nhan", description="Các nơi nhận, mỗi nơi một dòng"
    )
    archive: Archive = Field(default_factory=Archive, alias="luu", description="Dòng Lưu")


class Milestone(Model):
    """A named reporting point of the plan (sơ kết, tổng kết) with its own window."""

    id: Id = Field(alias="id", description="Mã của mốc, dùng như kỳ báo cáo: --period so-ket")
    label: Text = Field(alias="ten", description="Tên in trong văn bản, ví dụ “sơ kết 01 năm”")
    start: Date = Field(alias="tu", description="Số liệu từ ngày")
    end: Date = Field(alias="den", description="Số liệu đến ngày")
    due: Date = Field(alias="han", description="Hạn gửi báo cáo")

    @model_validator(mode="after")
    def _ordered(self) -> "Milestone":
        if not self.start <= self.end <= self.due:
            raise ValueError("cần “tu” ≤ “den” ≤ “han”")
        return self


class Reporting(Model):
    """When agencies report on this plan: the words sub-plans print, and the windows.

    By default data close on the 14th (Nghị định 09/2019/NĐ-CP) and a report is due
    some days later; a plan may set both, and add milestones of its own.
    """

    when: Text = Field(
        "định kỳ 6 tháng, hằng năm hoặc đột xuất khi có yêu cầu",
        alias="ghi",
        description="Khi nào báo cáo, viết tiếp câu “… báo cáo kết quả thực hiện Kế hoạch "
        "này …”, chữ đầu viết thường: “định kỳ hằng quý và đột xuất khi có yêu cầu”",
    )
    cutoff_day: int = Field(
        14, alias="ngay_chot", ge=1, le=28, description="Ngày chốt số liệu (mặc định 14)"
    )
    due_after_days: int = Field(
        6,
        alias="han_nop_sau",
        ge=0,
        le=90,
        description="Hạn gửi báo cáo: số ngày sau ngày chốt (mặc định 6)",
    )
    milestones: list[Milestone] = Field(
        default_factory=new_list, alias="moc", description="Các mốc sơ kết, tổng kết riêng"
    )


# An abbreviation of a ký hiệu: capitals and digits, as "VP", "TCBC", "NC".
UnitCode = Annotated[str, StringConstraints(pattern=r"^[A-ZĐ0-9][A-ZĐa-zđ0-9]*$", max_length=20)]


class Reminder(Model):
    """The công văn đôn đốc (`kehoach dondoc`): who sends it, how long agencies are given,
    and the days off that do not count."""

    sender: Id | None = Field(
        None,
        alias="co_quan",
        description="Mã cơ quan gửi công văn đôn đốc; mặc định: cơ quan theo dõi, tổng hợp "
        "(“co_quan_theo_doi”). Ghi mã cơ quan ban hành kế hoạch (ví dụ ubnd-tinh) để gửi "
        "công văn của UBND tỉnh",
    )
    unit: UnitCode | None = Field(
        None,
        alias="don_vi_soan",
        description="Chữ viết tắt đơn vị soạn thảo, in sau ký hiệu cơ quan ở dòng số (“Số: "
        "…/SNV-VP”) và ở dòng Lưu; mặc định: nơi lưu đầu tiên sau VT trong dòng Lưu của cơ "
        "quan gửi (tệp dữ liệu riêng của cơ quan, hoặc “noi_nhan.luu” của kế hoạch khi cơ "
        "quan ban hành kế hoạch gửi)",
    )
    working_days: int = Field(
        5,
        alias="so_ngay_lam_viec",
        ge=1,
        le=60,
        description="Hạn mới: số ngày làm việc kể từ ngày ký công văn, không tính thứ Bảy, "
        "Chủ nhật và ngày nghỉ lễ, Tết (mặc định 5)",
    )
    signer: Signer | None = Field(
        None,
        alias="nguoi_ky",
        description="Người ký công văn đôn đốc; bỏ trống: người ký của cơ quan gửi",
    )
    recipients: list[Recipient] = Field(
        default_factory=new_list,
        alias="noi_nhan",
        description="Các dòng Nơi nhận sau “- Như trên;” (mặc định: cơ quan ban hành kế hoạch "
        "(b/c) và lãnh đạo cơ quan gửi)",
    )
    days_off: list[Date] = Field(
        default_factory=new_list,
        alias="ngay_nghi",
        description="Ngày nghỉ thêm ngoài lịch nghỉ lễ, Tết có sẵn của chương trình (năm "
        "2024-2030), ví dụ ngày nghỉ bù theo quyết định của năm, hay mọi ngày nghỉ lễ của "
        "một năm sau 2030",
    )
    days_worked: list[Date] = Field(
        default_factory=new_list,
        alias="ngay_lam_bu",
        description="Ngày thứ Bảy, Chủ nhật phải đi làm bù (tính là ngày làm việc)",
    )


class Appendix(Model):
    number: str | None = Field(
        None, alias="so", description="Số phụ lục: “I”, “II”, “01”; in “PHỤ LỤC I” trên tiêu đề"
    )
    title: Text = Field(alias="tieu_de", description="Tiêu đề phụ lục")
    subtitle: str | None = Field(None, alias="tieu_de_phu", description="Dòng dưới tiêu đề")
    note: str | None = Field(
        None,
        alias="ghi_chu",
        description="Dòng “(Kèm theo …)” dưới tiêu đề; bỏ trống: lấy số, ngày của kế hoạch",
    )
    landscape: bool | None = Field(
        None,
        alias="ngang",
        description="true: trang khổ ngang; false: khổ dọc (mặc định: ngang khi phụ lục có bảng "
        "nhiệm vụ)",
    )
    task_table: bool | TaskTable = Field(
        False,
        alias="bang_nhiem_vu",
        description="true: bảng các nhiệm vụ trong thân kế hoạch; hoặc các nhiệm vụ của phụ lục "
        "trình bày thành bảng {cot, danh_so, dem_lai, muc}",
    )
    items: list["Item"] = Field(
        default_factory=new_list, alias="muc", description="Các mục của phụ lục"
    )

    @property
    def tasks(self) -> TaskTable | None:
        return self.task_table if isinstance(self.task_table, TaskTable) else None

    @property
    def is_landscape(self) -> bool:
        return self.landscape if self.landscape is not None else self.task_table is not False


class Plan(Model):
    issuer: Id = Field(
        alias="co_quan_ban_hanh", description="Mã cơ quan ban hành (trong danh mục cơ quan)"
    )
    type_code: Text = Field(
        "KH", alias="loai_van_ban", description="Mã loại văn bản theo Phụ lục III NĐ 30: KH, BC…"
    )
    number: int | str | None = Field(
        None, alias="so", description="Số văn bản; để trống khi là dự thảo"
    )
    date: OptionalDate = Field(
        None, alias="ngay", description="Ngày ký: 2024-03-15 hoặc 15/3/2024; trống khi dự thảo"
    )
    year: int | None = Field(
        None, alias="nam", ge=1945, le=2200, description="Năm in ở dòng ngày tháng khi chưa có ngày"
    )
    summary: Text = Field(alias="trich_yeu", description="Trích yếu nội dung")
    implements: str | None = Field(
        None,
        alias="thuc_hien",
        description="Văn bản mà kế hoạch này triển khai, ví dụ “Kế hoạch số 120-KH/TU …”",
    )
    subject: str | None = Field(
        None,
        alias="chu_de",
        description="Kế hoạch về việc gì, viết như đứng ngay sau tên kế hoạch khi văn bản khác "
        "dẫn lại, ví dụ “về chuyển đổi số năm 2026”; mặc định: lấy từ trích yếu",
    )
    follow_up: Id | None = Field(
        None,
        alias="co_quan_theo_doi",
        description="Mã cơ quan theo dõi, tổng hợp báo cáo (ví dụ so-noi-vu)",
    )
    reporting: Reporting = Field(
        default_factory=Reporting, alias="bao_cao", description="Chế độ báo cáo và các kỳ"
    )
    reminder: Reminder = Field(
        default_factory=Reminder,
        alias="don_doc",
        description="Công văn đôn đốc báo cáo (kehoach dondoc): co_quan, don_vi_soan, "
        "so_ngay_lam_viec, nguoi_ky, noi_nhan, ngay_nghi, ngay_lam_bu",
    )
    to: list[Text] = Field(
        default_factory=new_list, alias="kinh_gui", description="Các dòng “Kính gửi” (nếu có)"
    )
    legal_basis: list[Text] = Field(
        default_factory=new_list, alias="can_cu", description="Các dòng căn cứ, mỗi dòng một căn cứ"
    )
    basis_italic: bool = Field(
        True, alias="can_cu_nghieng", description="false: các dòng căn cứ in đứng"
    )
    opening: list[Text] = Field(
        default_factory=new_list, alias="mo_dau", description="Các đoạn mở đầu"
    )
    sections: list["Item"] = Field(
        alias="phan", min_length=1, description="Các phần I., II., …; mỗi phần có các mục"
    )
    closing: TextList = Field(
        default_factory=new_list, alias="ket_thuc", description="Đoạn kết; câu cuối kết thúc “./.”"
    )
    attachment: str | None = Field(
        None,
        alias="kem_theo",
        description="Dòng ghi kèm sau đoạn kết, ví dụ “(Kèm theo Phụ lục I, II)”",
    )
    footnotes: dict[str, Text] = Field(
        default_factory=dict,
        alias="chu_thich",
        description="Chú thích cuối trang, dẫn bằng [^khóa]",
    )
    numbering: list[NumberPattern] = Field(
        default_factory=lambda: list(DEFAULT_NUMBERING),
        alias="danh_so",
        min_length=1,
        description="Cách đánh số theo cấp: {R} số La Mã, {n} số, {a} chữ thường, {A} chữ hoa, "
        "{p} số của mục cha; mặc định [“{R}.”, “{n}.”, “{a})”, “-”, “+”]",
    )
    headings: list[HeadingStyle] = Field(
        default_factory=new_list,
        alias="de_muc",
        description="Kiểu đề mục theo cấp: [{dam, nghieng, in_hoa, so_dam, so_nghieng}, …]",
    )
    labels: Labels = Field(
        default_factory=Labels, alias="nhan", description="Cách ghi các nhãn dưới nhiệm vụ"
    )
    distribution: Distribution = Field(
        default_factory=Distribution, alias="noi_nhan", description="Nơi nhận: nhan và luu"
    )
    signer: Signer | None = Field(
        None,
        alias="nguoi_ky",
        description="Người ký; bỏ trống: người ký mặc định của cơ quan ban hành",
    )
    appendices: list[Appendix] = Field(
        default_factory=new_list, alias="phu_luc", description="Phụ lục"
    )

    @model_validator(mode="after")
    def _year_known(self) -> "Plan":
        if self.date is None and self.year is None:
            raise ValueError("chưa có “ngay” thì cần “nam” để in dòng ngày tháng")
        if self.date and self.year and self.date.year != self.year:
            raise ValueError(f"“nam” {self.year} khác năm của “ngay” {self.date.year}")
        return self

    @property
    def issue_year(self) -> int | None:
        return self.date.year if self.date else self.year


class PlanFile(Model):
    plan: Plan = Field(alias="ke_hoach", description="Toàn bộ kế hoạch")
