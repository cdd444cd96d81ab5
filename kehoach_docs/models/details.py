"""An agency's own data for its sub-plan: number, signer, units, actions per task."""

from pydantic import Field

from .base import Id, Model, OptionalDate, Text, TextList, new_list
from .plan import Archive, Item, Timeframe
from .registry import Agency, Signer


class Unit(Model):
    """An internal unit (phòng, đơn vị trực thuộc) that takes charge of actions."""

    id: Id = Field(
        alias="id", description="Mã của phòng, đơn vị, ví dụ tcbc; dùng ở “don_vi” của từng việc"
    )
    name: Text = Field(alias="ten", description="Tên đầy đủ của phòng, đơn vị")
    short_name: str | None = Field(None, alias="ten_ngan", description="Tên viết tắt, ví dụ TCBC")


class Action(Model):
    """One concrete thing the agency will do for a task of the provincial plan."""

    text: Text = Field(alias="noi_dung", description="Việc cụ thể cơ quan sẽ làm")
    unit: str | None = Field(
        None, alias="don_vi", description="Phòng, đơn vị chủ trì (mã ở don_vi_truc_thuoc, hoặc tên)"
    )
    support: str | None = Field(
        None,
        alias="phoi_hop",
        description="Phòng, đơn vị phối hợp (mã ở don_vi_truc_thuoc, hoặc tên)",
    )
    timeframe: Timeframe | None = Field(
        None, alias="thoi_gian", description="Thời gian: chữ in ra, hoặc {ghi, han}"
    )
    product: str | None = Field(None, alias="san_pham", description="Sản phẩm của việc")


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
        default_factory=new_list,
        alias="phoi_hop",
        description="Các phòng, đơn vị phối hợp (mã ở don_vi_truc_thuoc, hoặc tên)",
    )
    timeframe: Timeframe | None = Field(
        None, alias="thoi_gian", description="Thời gian: chữ in ra, hoặc {ghi, han}"
    )
    actions: list[Action] = Field(
        default_factory=new_list,
        alias="viec",
        description="Các việc cụ thể: [{noi_dung, don_vi, phoi_hop, thoi_gian, san_pham}]",
    )

    @property
    def lead_unit(self) -> str | None:
        """The unit in charge: the one named, else the one all its actions name."""
        if self.unit:
            return self.unit
        units = {a.unit for a in self.actions if a.unit}
        return units.pop() if len(units) == 1 else None


class TextOverrides(Model):
    """Wording the agency writes itself instead of the generated default."""

    summary: str | None = Field(
        None, alias="trich_yeu", description="Trích yếu thay cho trích yếu mặc định"
    )
    opening: list[Text] | None = Field(
        None, alias="mo_dau", description="Các đoạn mở đầu thay cho đoạn mặc định"
    )
    purpose: list[Text] | None = Field(
        None, alias="muc_dich", description="Các đoạn “Mục đích” thay cho đoạn mặc định"
    )
    requirements: list[Text] | None = Field(
        None, alias="yeu_cau", description="Các đoạn “Yêu cầu” thay cho đoạn mặc định"
    )
    closing: list[Text] | None = Field(
        None,
        alias="ket_thuc",
        description="Đoạn kết thay cho đoạn mặc định; câu cuối kết thúc “./.”",
    )
    organisation: list[Text] | None = Field(
        None,
        alias="to_chuc",
        description="Các đoạn của phần “Tổ chức thực hiện” (mặc định: giao các phòng, đơn vị "
        "và chế độ báo cáo)",
    )
    leadership: str | None = Field(
        None, alias="lanh_dao", description="Cách ghi lãnh đạo cơ quan trong Nơi nhận"
    )


class AgencyDetails(Model):
    agency: Id = Field(alias="co_quan", description="Mã cơ quan (trùng tên tệp)")
    number: int | str | None = Field(None, alias="so", description="Số văn bản khi ban hành")
    date: OptionalDate = Field(None, alias="ngay", description="Ngày ký: 2024-03-20 hoặc 20/3/2024")
    signer: Signer | None = Field(
        None, alias="nguoi_ky", description="Người ký: quyen_han, chuc_vu, ho_ten"
    )
    units: list[Unit] = Field(
        default_factory=new_list,
        alias="don_vi_truc_thuoc",
        description="Các phòng, đơn vị trực thuộc: [{id, ten, ten_ngan}]",
    )
    archive: Archive | None = Field(
        None, alias="luu", description="Dòng Lưu: noi (VT, đơn vị soạn thảo), nguoi_soan, so_ban"
    )
    tasks: dict[str, TaskDetails] = Field(
        default_factory=dict,
        alias="nhiem_vu",
        description="Dữ liệu riêng cho từng nhiệm vụ được giao, theo mã nhiệm vụ",
    )
    extra_tasks: list["Item"] = Field(
        default_factory=new_list,
        alias="nhiem_vu_them",
        description="Nhiệm vụ riêng của cơ quan, ngoài kế hoạch của tỉnh, viết như mục kế hoạch",
    )
    text: TextOverrides = Field(
        default_factory=TextOverrides,
        alias="van_ban",
        description="Chữ cơ quan tự viết thay chữ mặc định: trich_yeu, mo_dau, muc_dich, "
        "yeu_cau, to_chuc, ket_thuc, lanh_dao",
    )

    def unit_name(self, ref: str) -> str:
        """A unit named by id becomes its name; any other text is printed as written."""
        return next((u.name for u in self.units if u.id == ref), ref)


# What an agency's own file sets for its documents, else what the registry holds.


def leadership_of(agency: Agency, details: AgencyDetails | None) -> str:
    """The agency's leaders as its Nơi nhận names them."""
    own = details.text.leadership if details else None
    return own or agency.leadership or f"Lãnh đạo {agency.display_short}"


def signer_of(agency: Agency, details: AgencyDetails | None) -> Signer:
    return (details.signer if details else None) or agency.signer


def archive_of(details: AgencyDetails | None) -> Archive:
    return (details.archive if details else None) or Archive()


class AgencyDetailsFile(Model):
    details: AgencyDetails = Field(
        alias="ke_hoach_don_vi", description="Dữ liệu riêng của cơ quan cho kế hoạch"
    )
