"""A plan shaped unlike the seed: other sections, nested actions, other labels, appendices.

Also a 2026 province with communes instead of districts: only another workspace.
"""

from __future__ import annotations

import zipfile

import pytest
from conftest import REPO

from kehoach_docs.api import build_plan
from kehoach_docs.docxread import DocxReader, Para
from kehoach_docs.render.styles import w

REGISTRY = """
co_quan:
  - id: ubnd-tinh
    ten: Ủy ban nhân dân tỉnh
    loai: ubnd-tinh
    ma: UBND
    tieu_de: {co_quan_ban_hanh: [ỦY BAN NHÂN DÂN, TỈNH LÀO CAI]}
    dia_danh: Lào Cai
  - id: so-cong-thuong
    ten: Sở Công Thương
    loai: so
    ma: SCT
    tieu_de:
      co_quan_chu_quan: [UBND TỈNH LÀO CAI]
      co_quan_ban_hanh: [SỞ CÔNG THƯƠNG]
    dia_danh: Lào Cai
    nguoi_ky: {quyen_han: [KT. GIÁM ĐỐC], chuc_vu: PHÓ GIÁM ĐỐC, ho_ten: Trịnh Văn Thành}
  - id: phong-quan-ly-cong-nghiep
    ten: Phòng Quản lý Công nghiệp
    loai: phong
  - id: phong-quan-ly-nang-luong
    ten: Phòng Quản lý Năng lượng
    loai: phong
  - id: ubnd-xa-bao-thang
    ten: Ủy ban nhân dân xã Bảo Thắng
    loai: ubnd-xa
nhom:
  - id: ubnd-cac-xa-phuong
    ghi: Ủy ban nhân dân các xã, phường
    loai: [ubnd-xa]
"""

PLAN = """
ke_hoach:
  co_quan_ban_hanh: so-cong-thuong
  so: 7
  ngay: 5/3/2026
  trich_yeu: Thực hiện Đề án số 08 về phát triển công nghiệp theo hướng xanh
  can_cu:
    - Căn cứ Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ;
    - Căn cứ chức năng, nhiệm vụ được giao.
  mo_dau: ["Sở Công Thương xây dựng Kế hoạch như sau:"]
  danh_so: ["{R}.", "{n}.", "{p}{n}.", "-"]
  nhan:
    chu_tri: Đơn vị chủ trì tham mưu thực hiện
    phoi_hop: Cơ quan phối hợp
    dau_dong: "-"
  phan:
    - tieu_de: Mục đích, yêu cầu
      muc:
        - tieu_de: Mục đích
          noi_dung: [Cụ thể hóa các mục tiêu của Đề án.]
    - tieu_de: MỤC TIÊU GIAI ĐOẠN 2026-2030
      muc:
        - tieu_de: Các chỉ tiêu cụ thể đến năm 2030
          noi_dung: ["- Chỉ số sản xuất công nghiệp tăng bình quân 12%/năm."]
    - tieu_de: NHIỆM VỤ TRỌNG TÂM
      muc:
        - tieu_de: Tái cơ cấu ngành công nghiệp
          muc:
            - id: nv-1-1
              noi_dung: [Tham mưu xây dựng chính sách thu hút dự án công nghệ cao.]
              chu_tri: [phong-quan-ly-cong-nghiep]
              phoi_hop: [phong-quan-ly-nang-luong, ubnd-cac-xa-phuong]
              thoi_gian: {ghi: Quý II năm 2026., han: 2026-06-30}
              san_pham: Báo cáo đề xuất chính sách
            - id: nv-1-2
              noi_dung: [Rà soát danh mục dự án & xử lý điểm nghẽn <ưu tiên>.]
              chu_tri: [phong-quan-ly-nang-luong]
              thoi_gian: Thường xuyên
              nhan_khac:
                - {nhan: Lãnh đạo phụ trách, ghi: Phó Giám đốc Nguyễn Trường Giang.}
    - tieu_de: KINH PHÍ
      noi_dung: [Kinh phí bố trí trong dự toán ngân sách hằng năm.]
    - tieu_de: TỔ CHỨC THỰC HIỆN
      muc:
        - tieu_de: Phòng Quản lý Công nghiệp
          don_vi: [phong-quan-ly-cong-nghiep]
          noi_dung: ["Là đầu mối tổng hợp, theo dõi."]
  ket_thuc: Trên đây là Kế hoạch của Sở Công Thương./.
  noi_nhan:
    nhan:
      - {ghi: UBND tỉnh, muc_dich: b/c}
      - {don_vi: [ubnd-cac-xa-phuong], muc_dich: t/h}
    luu: {noi: [VT, CN], so_ban: 2}
  phu_luc:
    - tieu_de: Phụ lục I
      tieu_de_phu: BẢNG PHÂN CÔNG NHIỆM VỤ
      ghi_chu: (Kèm theo Kế hoạch của Sở Công Thương)
      bang_nhiem_vu: true
    - tieu_de: Phụ lục II
      tieu_de_phu: ĐỀ CƯƠNG BÁO CÁO
      muc:
        - tieu_de: Đặc điểm, tình hình
        - tieu_de: Kết quả thực hiện
          muc:
            - tieu_de: Công tác tuyên truyền
"""


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> DocxReader:
    root = tmp_path_factory.mktemp("laocai")
    (root / "plans").mkdir()
    (root / "plans" / "don-vi.yaml").write_text(REGISTRY, encoding="utf-8")
    (root / "plans" / "kh-de-an-08.yaml").write_text(PLAN, encoding="utf-8")
    return DocxReader(build_plan(root)[0])


@pytest.fixture(scope="module")
def paras(doc: DocxReader) -> list[Para]:
    return list(doc.paragraphs())


def texts(paras: list[Para], style: str) -> list[str]:
    return [p.text for p in paras if p.style == style]


def test_any_number_of_sections(paras: list[Para]) -> None:
    assert texts(paras, "KhHeading1")[:5] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. MỤC TIÊU GIAI ĐOẠN 2026-2030",
        "III. NHIỆM VỤ TRỌNG TÂM",
        "IV. KINH PHÍ",
        "V. TỔ CHỨC THỰC HIỆN",
    ]


def test_header_of_a_so_with_its_own_number_and_date(paras: list[Para]) -> None:
    governing = next(p for p in paras if p.text == "UBND TỈNH LÀO CAI")
    assert governing.first_look is not None and not governing.first_look.bold
    issuing = next(p for p in paras if p.text == "SỞ CÔNG THƯƠNG")
    assert issuing.first_look is not None and issuing.first_look.bold
    assert any(p.text == "Số: 07/KH-SCT" for p in paras)
    assert any(p.text == "Lào Cai, ngày 05 tháng 3 năm 2026" for p in paras)
    assert [p.text for p in paras if p.style == "KhSignature"][:2] == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    ]


def test_nested_actions_with_their_own_assignments(paras: list[Para]) -> None:
    body = [p.text for p in paras if p.style == "KhBody"]
    assert "1.1. Tham mưu xây dựng chính sách thu hút dự án công nghệ cao." in body
    assert "- Đơn vị chủ trì tham mưu thực hiện: Phòng Quản lý Công nghiệp." in body
    assert "- Cơ quan phối hợp: Phòng Quản lý Năng lượng, Ủy ban nhân dân các xã, phường." in body
    assert "- Sản phẩm: Báo cáo đề xuất chính sách" in body
    assert "- Thời gian thực hiện: Quý II năm 2026." in body
    assert "- Lãnh đạo phụ trách: Phó Giám đốc Nguyễn Trường Giang." in body
    assert "1.2. Rà soát danh mục dự án & xử lý điểm nghẽn <ưu tiên>." in body


def test_legal_basis_is_italic(paras: list[Para]) -> None:
    basis = [p for p in paras if p.style == "KhBasis"]
    assert basis[0].text.startswith("Căn cứ Nghị định số 32/2024")
    assert all(look.italic for p in basis for _, look in p.looks)


def test_appendices_start_new_pages_with_a_task_table(doc: DocxReader, paras: list[Para]) -> None:
    titles = [p for p in paras if p.style == "KhAppendixTitle"]
    assert [p.text for p in titles] == ["Phụ lục I", "Phụ lục II"]
    # Each appendix is a section of its own: a new page, numbered from 1 (NĐ 30).
    for title in titles:
        before = title.element.getprevious()
        section = before.find(f"{w('pPr')}/{w('sectPr')}")
        assert section is not None and section.find(w("type")) is None  # next page
    sections = doc.doc.sections
    assert len(sections) == 3
    starts = [s._sectPr.find(w("pgNumType")) for s in sections]
    assert starts[0] is None
    assert [el.get(w("start")) for el in starts[1:]] == ["1", "1"]
    table = doc.doc.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Sản phẩm"]
    assert rows[1][:3] == [
        "III.1.1",
        "Tham mưu xây dựng chính sách thu hút dự án công nghệ cao.",
        "Phòng Quản lý Công nghiệp.",
    ]
    assert len(rows) == 3
    assert texts(paras, "KhHeading1")[-2:] == ["I. ĐẶC ĐIỂM, TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN"]
    assert texts(paras, "KhHeading2")[-1] == "1. Công tác tuyên truyền"


def test_archive_line_with_copy_count(paras: list[Para]) -> None:
    assert any(p.text == "- Lưu: VT, CN (2)." for p in paras)
    assert any(p.text == "Là đầu mối tổng hợp, theo dõi." for p in paras)
    assert any(p.text == "- Ủy ban nhân dân các xã, phường (t/h);" for p in paras)


def test_no_province_in_code_or_templates() -> None:
    hits = []
    for path in [*(REPO / "kehoach_docs").rglob("*.py"), *(REPO / "templates").glob("*.docx")]:
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                text = " ".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())
        else:
            text = path.read_text(encoding="utf-8")
        if "kon tum" in text.lower():
            hits.append(path.name)
    assert hits == []
