"""The agency registry: every body a plan may address, and the groups plans name."""

from pydantic import Field, model_validator

from .base import Id, Model, Text, new_list


class Signer(Model):
    """Box 7: authority lines (TM., KT. …), title, name; any may be empty on a draft."""

    authority: list[str] = Field(
        default_factory=new_list,
        alias="quyen_han",
        description="Quyền hạn ký: TM., KT., Q., TL., TUQ. …, mỗi dòng một mục, "
        "ví dụ [“TM. ỦY BAN NHÂN DÂN”]",
    )
    title: str = Field(
        "", alias="chuc_vu", description="Chức vụ người ký, ví dụ CHỦ TỊCH, GIÁM ĐỐC"
    )
    name: str = Field("", alias="ho_ten", description="Họ và tên người ký; để trống khi chưa biết")


class Header(Model):
    """Box 2 as NĐ 30 prints it: governing body (not bold) over issuing body (bold)."""

    governing: list[str] = Field(
        default_factory=new_list,
        alias="co_quan_chu_quan",
        description="Tên cơ quan chủ quản (dòng trên, không đậm), ví dụ [“UBND TỈNH GIA LAI”]",
    )
    issuing: list[Text] = Field(
        alias="co_quan_ban_hanh",
        min_length=1,
        description="Tên cơ quan ban hành, in hoa, mỗi dòng một mục, ví dụ [“SỞ NỘI VỤ”]",
    )


class Agency(Model):
    id: Id = Field(alias="id", description="Mã (chữ thường không dấu, số, “-”), ví dụ so-noi-vu")
    name: Text = Field(alias="ten", description="Tên đầy đủ, ví dụ “Sở Nội vụ”")
    short_name: str | None = Field(
        None, alias="ten_ngan", description="Tên ngắn dùng trong Nơi nhận, ví dụ “UBND tỉnh”"
    )
    kind: Id = Field(
        alias="loai", description="Loại cơ quan (mã tự đặt), ví dụ so, ban-nganh, ubnd-xa"
    )
    # An agency that issues documents needs these three; a recipient only may omit them.
    code: Text | None = Field(
        None,
        alias="ma",
        description="Chữ viết tắt tên cơ quan trong số, ký hiệu, ví dụ SNV trong “Số: 05/KH-SNV”",
    )
    header: Header | None = Field(
        None,
        alias="tieu_de",
        description="Tiêu đề của cơ quan ở góc trái văn bản: co_quan_chu_quan, co_quan_ban_hanh",
    )
    place: Text | None = Field(
        None, alias="dia_danh", description="Địa danh in ở dòng ngày tháng, ví dụ “Gia Lai”"
    )
    signer: Signer = Field(
        default_factory=Signer,
        alias="nguoi_ky",
        description="Người ký mặc định: quyen_han, chuc_vu, ho_ten",
    )
    aliases: list[Text] = Field(
        default_factory=new_list,
        alias="ten_khac",
        description="Các tên khác của cơ quan (để tìm theo tên), ví dụ “TP. Pleiku”",
    )
    parent: Id | None = Field(None, alias="cap_tren", description="Mã cơ quan cấp trên (nếu có)")
    # How its own leadership is listed in a Nơi nhận, e.g. "Giám đốc, các PGĐ Sở".
    leadership: str | None = Field(
        None,
        alias="lanh_dao",
        description="Cách ghi lãnh đạo cơ quan trong Nơi nhận, ví dụ “Giám đốc, các PGĐ Sở”",
    )

    @property
    def can_issue(self) -> bool:
        return bool(self.code and self.header and self.place)

    @property
    def display_short(self) -> str:
        return self.short_name or self.name


class Group(Model):
    """A set of agencies a plan names in one phrase, e.g. "các sở, ban ngành"."""

    id: Id = Field(alias="id", description="Mã (chữ thường không dấu, số, “-”), ví dụ so-noi-vu")
    wording: Text = Field(
        alias="ghi", description="Chữ kế hoạch dùng để gọi chung nhóm, ví dụ “các sở, ban ngành”"
    )
    members: list[Id] = Field(
        default_factory=new_list,
        alias="thanh_vien",
        description="Mã các cơ quan (hoặc nhóm) thuộc nhóm",
    )
    kinds: list[Id] = Field(
        default_factory=new_list,
        alias="loai",
        description="Các loại cơ quan thuộc nhóm, ví dụ [so, ban-nganh]",
    )

    @model_validator(mode="after")
    def _has_members(self) -> "Group":
        if not self.members and not self.kinds:
            raise ValueError("nhóm cần “thanh_vien” hoặc “loai” để biết gồm những ai")
        return self


class RegistryFile(Model):
    agencies: list[Agency] = Field(
        default_factory=new_list, alias="co_quan", description="Danh sách cơ quan, đơn vị"
    )
    groups: list[Group] = Field(
        default_factory=new_list, alias="nhom", description="Các nhóm cơ quan mà kế hoạch gọi chung"
    )
