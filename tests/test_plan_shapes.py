"""The shapes real plans use, as data: each rendered and read back from the .docx."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import MINI_REGISTRY

from kehoach_docs.docxread import DocxReader, Para
from kehoach_docs.render.styles import w

Run = Callable[..., Result]

HEAD = """
ke_hoach:
  co_quan_ban_hanh: ubnd-tinh
  nam: 2025
  trich_yeu: Thực hiện một việc
"""


def render(run: Run, make_workspace: Callable[[dict[str, str]], Path], plan: str) -> DocxReader:
    root = make_workspace({"plans/co-quan.yaml": MINI_REGISTRY, "plans/kh.yaml": HEAD + plan})
    result = run("-w", str(root), "validate")
    assert result.exit_code == 0, result.output
    result = run("-w", str(root), "plan", "-o", str(root / "out"))
    assert result.exit_code == 0, result.output
    return DocxReader(root / "out" / "kh.docx")


def para(reader: DocxReader, start: str) -> Para:
    return next(p for p in reader.paragraphs() if p.text.startswith(start))


def test_bullet_paragraphs_are_their_own_kind(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, """
  phan:
    - tieu_de: Nhiệm vụ
      noi_dung:
        - Đoạn thường.
        - gach: Việc thứ nhất.
        - cong: Chi tiết của việc.
        - "- Gõ sẵn gạch đầu dòng."
""")  # fmt: skip
    texts = [p.text for p in reader.paragraphs()]
    assert "- Việc thứ nhất." in texts
    assert "+ Chi tiết của việc." in texts
    assert "- Gõ sẵn gạch đầu dòng." in texts


def test_numbering_per_item_explicit_and_unnumbered(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, """
  phan:
    - tieu_de: Nhiệm vụ
      muc:
        - tieu_de: Tuyên truyền
          danh_so: "{p}{n}."
          muc:
            - noi_dung: [Ở cấp tỉnh.]
            - noi_dung: [Ở cấp xã.]
        - tieu_de: Cải cách
          muc:
            - noi_dung: [Điểm a.]
            - so: "c)"
              noi_dung: "Điểm c, bỏ qua chữ b như văn bản gốc."
        - so: ""
          tieu_de: Nhóm không đánh số
        - tieu_de: Kiểm tra
""")  # fmt: skip
    texts = [p.text for p in reader.paragraphs()]
    for line in (
        "1.1. Ở cấp tỉnh.",
        "1.2. Ở cấp xã.",
        "a) Điểm a.",
        "c) Điểm c, bỏ qua chữ b như văn bản gốc.",
        "Nhóm không đánh số",
        "3. Kiểm tra",  # the unnumbered group took no number
    ):
        assert line in texts, line


def test_label_looks(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, """
  nhan: {nghieng: false, dau_dong: ""}
  phan:
    - tieu_de: Nhiệm vụ
      muc:
        - noi_dung: [Làm một việc.]
          chu_tri: [so-noi-vu]
          thoi_gian: {ghi: sau khi có hướng dẫn của Bộ.}
          ghi_chu: Ưu tiên.
          nhan: {hai_cham: false}
""")  # fmt: skip
    timing = para(reader, "Thời gian thực hiện")
    # No colon, no bullet, upright: the deadline is still data, only its look differs.
    assert timing.text == "Thời gian thực hiện sau khi có hướng dẫn của Bộ."
    assert not any(look.italic for _, look in timing.looks)
    note = para(reader, "Ghi chú")
    assert note.text == "Ghi chú Ưu tiên."


def test_heading_looks_per_level(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, """
  de_muc:
    - {}
    - {so_nghieng: true}
    - {dam: true}
  phan:
    - tieu_de: Nhiệm vụ
      muc:
        - tieu_de: Tuyên truyền
          muc:
            - tieu_de: Ở cấp tỉnh
""")  # fmt: skip
    level2 = para(reader, "1. Tuyên truyền")
    number, look = level2.looks[0]
    assert number == "1." and look.italic and look.bold
    level3 = para(reader, "a) Ở cấp tỉnh")
    assert all(look.bold for text, look in level3.looks if text.strip() == "Ở cấp tỉnh")


def test_basis_upright_and_attachment_line(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, """
  can_cu: ["Căn cứ Luật Tổ chức chính quyền địa phương;"]
  can_cu_nghieng: false
  phan:
    - tieu_de: Nhiệm vụ
      noi_dung: [Làm một việc.]
  ket_thuc: Trên đây là Kế hoạch./.
  kem_theo: Kèm theo Phụ lục I
""")  # fmt: skip
    basis = para(reader, "Căn cứ Luật")
    assert not any(look.italic for _, look in basis.looks)
    texts = [p.text for p in reader.paragraphs()]
    closing = texts.index("Trên đây là Kế hoạch./.")
    assert texts[closing + 1] == "(Kèm theo Phụ lục I)"


TABLE_PLAN = """
  phan:
    - tieu_de: Nhiệm vụ
      noi_dung: [Các nhiệm vụ cụ thể tại Phụ lục kèm theo.]
  ket_thuc: Trên đây là Kế hoạch./.
  phu_luc:
    - so: I
      tieu_de: DANH MỤC NHIỆM VỤ
      bang_nhiem_vu:
        muc:
          - tieu_de: NHIỆM VỤ CHUNG
            muc:
              - tieu_de: Về thể chế
                muc:
                  - id: pl-1
                    noi_dung: Ban hành quy chế phối hợp.
                    chu_tri: [so-noi-vu]
                    phoi_hop: [cac-so]
                    thoi_gian: {ghi: Quý II năm 2025, han: 2025-06-30}
                    san_pham: Quyết định của UBND tỉnh
          - tieu_de: NHIỆM VỤ CỤ THỂ
            muc:
              - id: pl-2
                noi_dung: Bố trí kinh phí.
                chu_tri: [so-tai-chinh]
                thoi_gian: Hằng năm
                ghi_chu: Từ nguồn ngân sách tỉnh
"""


def test_task_table_in_a_landscape_appendix(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, TABLE_PLAN)
    texts = [p.text for p in reader.paragraphs()]
    start = texts.index("PHỤ LỤC I")
    assert texts[start + 1] == "DANH MỤC NHIỆM VỤ"
    assert texts[start + 2].startswith("(Kèm theo Kế hoạch số      /KH-UBND ngày")
    assert texts[start + 2].endswith("năm 2025 của Ủy ban nhân dân tỉnh)")
    sections = reader.doc.sections
    assert len(sections) == 2
    assert sections[1].page_width > sections[1].page_height  # landscape
    table = reader.doc.tables[-1]
    rows = table._tbl.findall(w("tr"))
    head = rows[0].find(w("trPr"))
    assert head is not None and head.find(w("tblHeader")) is not None
    assert all(r.find(f"{w('trPr')}/{w('cantSplit')}") is not None for r in rows)
    heads = [c.text for c in table.rows[0].cells]
    assert heads == [
        "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
        "Sản phẩm", "Ghi chú",
    ]  # fmt: skip
    group = rows[1].findall(w("tc"))
    assert [c.find(f"{w('tcPr')}/{w('gridSpan')}") is not None for c in group] == [False, True]
    assert "".join(t.text or "" for t in group[0].iter(w("t"))) == "A"
    assert "".join(t.text or "" for t in group[1].iter(w("t"))) == "NHIỆM VỤ CHUNG"
    cells = [[c.text for c in r.cells] for r in table.rows]
    assert cells[2][:2] == ["I", "Về thể chế"]
    assert cells[3] == [
        "1", "Ban hành quy chế phối hợp.", "Sở Nội vụ", "Các sở", "Quý II năm 2025",
        "Quyết định của UBND tỉnh", "",
    ]  # fmt: skip
    assert cells[5][:3] == ["2", "Bố trí kinh phí.", "Sở Tài chính"]


def test_table_tasks_are_tasks(run: Run, make_workspace: Callable, tmp_path: Path) -> None:
    root = make_workspace({"plans/co-quan.yaml": MINI_REGISTRY, "plans/kh.yaml": HEAD + TABLE_PLAN})
    result = run("-w", str(root), "validate")
    assert "(2 nhiệm vụ)" in result.stdout
    result = run("-w", str(root), "tasks", "-a", "so-tai-chinh")
    assert "pl-2" in result.stdout or "PLI.2" in result.stdout
    assert "phối hợp" in result.stdout and "chủ trì" in result.stdout
    result = run("-w", str(root), "subplan", "--all", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    text = DocxReader(tmp_path / "kh-so-tai-chinh.docx").text()
    assert "Bố trí kinh phí" in text
    assert "Chủ trì thực hiện (nhiệm vụ số 2 Phụ lục I Kế hoạch của Ủy ban nhân dân tỉnh)." in text


def test_task_table_in_the_body(run: Run, make_workspace: Callable) -> None:
    reader = render(run, make_workspace, """
  phan:
    - tieu_de: Nhiệm vụ
      bang_nhiem_vu:
        cot:
          - {truong: so, ten: TT}
          - {truong: noi_dung}
          - {truong: chu_tri, ten: Chủ trì}
        muc:
          - noi_dung: Rà soát thủ tục.
            chu_tri: [so-noi-vu]
""")  # fmt: skip
    table = reader.doc.tables[1]  # after the header block
    assert [c.text for c in table.rows[0].cells] == ["TT", "Nhiệm vụ", "Chủ trì"]
    assert [c.text for c in table.rows[1].cells] == ["1", "Rà soát thủ tục.", "Sở Nội vụ"]
    assert len(reader.doc.sections) == 1
