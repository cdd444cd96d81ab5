"""Word files this project did not make: one typed as a văn thư types it (header table,
automatic numbering mixed with typed numbers, split italic labels, inline assignments,
footnotes, signature table), its PDF exported by LibreOffice, and the real drafts of a
provincial office."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from conftest import REPO
from foreign_docs import foreign_appendix_plan, foreign_plan
from roundtrip import recall, tasks

from kehoach_docs.api import build_plan, import_document
from kehoach_docs.workspace import load_project

FOREIGN = REPO / "tests" / "data" / "foreign"
REAL_DRAFTS = sorted(FOREIGN.glob("*.docx"))


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The typed plan and the workspace imported from it."""
    folder = tmp_path_factory.mktemp("typed")
    docx = foreign_plan(folder)
    import_document(docx, Path("."), folder / "ws")
    return docx, folder / "ws"


def test_typed_plan_validates_and_renders_its_words(typed: tuple[Path, Path]) -> None:
    docx, ws = typed
    load_project(ws)
    [again] = build_plan(ws, None, ws / "output")
    assert recall(docx, again) >= 0.95


def test_automatic_and_typed_numbers_give_the_same_outline(typed: tuple[Path, Path]) -> None:
    plan = load_project(typed[1]).plan().plan
    assert [s.title for s in plan.sections] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NHIỆM VỤ CỤ THỂ",
        "TỔ CHỨC THỰC HIỆN",
    ]
    body = plan.sections[1].children
    assert len(body) == 4  # 1., 2. automatic; 3., 4. typed
    assert [(p.mark, p.text) for p in body[3].paragraphs[1:]] == [
        ("-", "Rà soát, cập nhật văn bản vào tủ sách."),
        ("-", "Hướng dẫn cấp xã khai thác tủ sách."),
    ]
    points = plan.sections[2].children[1].children
    assert [p.texts for p in points] == [
        ["Phối hợp tổ chức các hoạt động tại địa phương."],
        ["Báo cáo kết quả về Sở Tư pháp trước ngày 15/12/2025."],
    ]


def test_labels_split_across_runs_and_written_inline(typed: tuple[Path, Path]) -> None:
    found = tasks(typed[1])
    assert found == [
        (
            "Tuyên truyền, phổ biến các văn bản pháp",
            "Sở Thông tin và Truyền thông",
            "Sở TT&TT, Ủy ban nhân dân huyện Hòa Bình, UBND các huyện, thành phố",
            "Trước ngày 30/6/2025.",
        ),
        ("Tổ chức hội nghị tập huấn nghiệp vụ", "Sở Nội vụ", "Sở Tài chính", "Quý III năm 2025."),
        ("Sở Tư pháp chủ trì, phối hợp với", "Sở Tư pháp", "Sở Nội vụ, Công an tỉnh", ""),
        ("Xây dựng tủ sách pháp luật điện tử:", "Sở Tư pháp", "", "Thường xuyên."),
    ]
    plan = load_project(typed[1]).plan().plan
    first = plan.sections[1].children[0]
    assert first.timeframe is not None and str(first.timeframe.deadline) == "2025-06-30"
    assert first.product == "Chuyên mục pháp luật trên Cổng thông tin."


def test_header_footnote_signature(typed: tuple[Path, Path]) -> None:
    project = load_project(typed[1])
    plan = project.plan().plan
    issuer = project.registry.agencies[plan.issuer]
    assert (issuer.name, issuer.code, issuer.place) == ("Sở Tư pháp", "STP", "Bình An")
    assert issuer.header is not None
    assert issuer.header.governing == ["UBND TỈNH BÌNH AN"]
    assert issuer.header.issuing == ["SỞ TƯ PHÁP"]
    assert str(plan.date) == "2025-03-05"
    assert plan.legal_basis[0] == "Căn cứ Luật Phổ biến, giáo dục pháp luật năm 2012[^1];"
    assert plan.footnotes == {"1": "Luật số 14/2012/QH13 ngày 20 tháng 6 năm 2012."}
    assert plan.signer is not None
    assert (plan.signer.authority, plan.signer.title, plan.signer.name) == (
        ["KT. GIÁM ĐỐC"],
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Bình",
    )
    assert [r.text for r in plan.distribution.recipients] == ["UBND tỉnh", "Các sở, ban, ngành"]


def test_agencies_named_two_ways_are_one(
    typed: tuple[Path, Path], run: Callable[..., Result]
) -> None:
    ws = typed[1]
    registry = yaml.safe_load((ws / "plans" / "co-quan.yaml").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in registry["co_quan"]}
    assert by_id["so-thong-tin-va-truyen-thong"]["ten_ngan"] == "Sở TT&TT"
    assert by_id["ubnd-huyen-hoa-binh"]["loai"] == "ubnd-huyen"
    assert by_id["cong-an-tinh"]["ten"] == "Công an tỉnh"
    groups = {g["id"]: g for g in registry["nhom"]}
    assert groups["cac-so-ban-nganh"]["loai"][0] == "so"
    assert groups["ubnd-cac-huyen-thanh-pho"]["loai"] == ["ubnd-huyen"]
    listed = run("-w", str(ws), "agencies")
    assert listed.exit_code == 0
    assert "so-thong-tin-va-truyen-thong" in listed.output
    duties = run("-w", str(ws), "tasks", "--agency", "Sở TT&TT")
    assert duties.exit_code == 0, duties.output
    lines = duties.output.splitlines()
    assert (
        lines[0]
        == "Sở Thông tin và Truyền thông (so-thong-tin-va-truyen-thong): 2 nhiệm vụ, trách nhiệm"
    )
    assert lines[1].split()[:2] == ["II.1", "chủ"]
    assert lines[2].split()[:2] == ["III.1", "thực"]
    huyen = run("-w", str(ws), "tasks", "--agency", "ubnd-huyen-hoa-binh")
    assert "phối hợp" in huyen.output and "thực hiện" in huyen.output


def test_pdf_exported_by_libreoffice_gives_the_same_tasks(
    typed: tuple[Path, Path], tmp_path: Path
) -> None:
    # tests/data/foreign/ke-hoach-so-tu-phap.pdf: `python tests/foreign_docs.py` exports it
    result = import_document(FOREIGN / "ke-hoach-so-tu-phap.pdf", Path("."), tmp_path / "ws")
    assert result.source_kind == "pdf"
    assert tasks(tmp_path / "ws") == tasks(typed[1])
    pdf_plan = load_project(tmp_path / "ws").plan().plan
    docx_plan = load_project(typed[1]).plan().plan
    assert pdf_plan.footnotes == docx_plan.footnotes
    assert pdf_plan.legal_basis == docx_plan.legal_basis


def test_appendix_task_table_becomes_table_tasks(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    docx = foreign_appendix_plan(tmp_path)
    ws = tmp_path / "ws"
    imported = run("import", str(docx), "-o", str(ws))
    assert imported.exit_code == 0, imported.output
    assert "Đã nhận ra 3 nhiệm vụ" in imported.output
    plan = load_project(ws).plan().plan
    assert plan.attachment == "(Kèm theo Phụ lục I)"
    [appendix] = plan.appendices
    assert (appendix.number, appendix.title) == ("I", "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025")
    assert appendix.note is not None and appendix.note.startswith("(Kèm theo Kế hoạch số")
    assert appendix.is_landscape
    table = appendix.tasks
    assert table is not None
    assert [c.field for c in table.columns] == [
        "so",
        "noi_dung",
        "chu_tri",
        "phoi_hop",
        "thoi_gian",
        "san_pham",
    ]
    assert [(g.number, g.title) for g in table.items] == [
        ("I.", "NHIỆM VỤ CHUNG"),
        ("II.", "NHIỆM VỤ CỦA CẤP XÃ"),
    ]
    first = table.items[0].children[0]
    assert first.texts == ["Xây dựng kế hoạch chuyển đổi số năm 2025"]
    assert first.lead is not None and first.lead.refs == ["so-khoa-hoc-va-cong-nghe"]
    [again] = build_plan(ws, None, tmp_path / "out")
    assert recall(docx, again) >= 0.95
    duties = run("-w", str(ws), "tasks", "--agency", "Sở Khoa học và Công nghệ")
    assert duties.exit_code == 0, duties.output
    lines = duties.output.splitlines()
    assert lines[0].endswith("2 nhiệm vụ, trách nhiệm")
    assert [line.split()[1] for line in lines[1:]] == ["chủ", "phối"]


@pytest.mark.parametrize("docx", REAL_DRAFTS, ids=[p.stem for p in REAL_DRAFTS])
def test_real_drafts_import_validate_and_render(docx: Path, tmp_path: Path) -> None:
    result = import_document(docx, Path("."), tmp_path / "ws")
    load_project(tmp_path / "ws")
    [again] = build_plan(tmp_path / "ws", None, tmp_path / "out")
    assert recall(docx, again) >= 0.95
    assert result.written[0].name == "co-quan.yaml"


def test_real_plan_tasks_and_agencies(tmp_path: Path, run: Callable[..., Result]) -> None:
    ws = tmp_path / "ws"
    imported = run("import", str(FOREIGN / "ke-hoach-thuc-hien-de-an-08.docx"), "-o", str(ws))
    assert imported.exit_code == 0, imported.output
    assert "Đã nhận ra 5 nhiệm vụ" in imported.output
    assert [t[1:3] for t in tasks(ws)] == [
        ("Phòng Quản lý Công nghiệp", "Phòng Quản lý Năng lượng, Phòng Quản lý Thương mại"),
        ("Phòng Quản lý Công nghiệp", "Phòng Quản lý Năng lượng, Văn phòng Sở"),
        ("Phòng Quản lý Năng lượng", "Phòng Quản lý Công nghiệp"),
        ("Phòng Quản lý Công nghiệp", "Phòng Quản lý Năng lượng, Văn phòng Sở"),
        ("Văn phòng Sở", "Phòng Quản lý Công nghiệp, Phòng Quản lý Năng lượng"),
    ]
    listed = run("-w", str(ws), "agencies")
    rows = {line.split()[0]: line.split()[-3:] for line in listed.output.splitlines()[1:]}
    assert rows["phong-quan-ly-cong-nghiep"][:2] == ["3", "2"]
    assert rows["so-cong-thuong"][:2] == ["0", "0"]
    duties = run("-w", str(ws), "tasks", "--agency", "Phòng Quản lý Năng lượng")
    assert "Phòng Quản lý Năng lượng (phong-quan-ly-nang-luong): 5 nhiệm vụ" in duties.output


def _header_variant(folder: Path, kind: str) -> Path:
    from foreign_docs import p, para, plan_body, run, write_docx

    body = plan_body()
    if kind == "tabs":
        header = [
            para(
                run("UBND TỈNH BÌNH AN"),
                run("\t"),
                run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True),
                jc="left",
            ),
            para(
                run("SỞ TƯ PHÁP", b=True),
                run("\t"),
                run("Độc lập - Tự do - Hạnh phúc", b=True),
                jc="left",
            ),
            para(
                run("Số: 12/KH-STP"),
                run("\t"),
                run("Bình An, ngày 05 tháng 3 năm 2025", i=True),
                jc="left",
            ),
        ]
    else:

        def box(*paras: str) -> str:
            return (
                '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
                f"<w:txbxContent>{''.join(paras)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
            )

        header = [
            para(
                box(
                    p("UBND TỈNH BÌNH AN", jc="center"),
                    p("SỞ TƯ PHÁP", b=True, jc="center"),
                    p("Số: 12/KH-STP", jc="center"),
                ),
                box(
                    p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", b=True, jc="center"),
                    p("Độc lập - Tự do - Hạnh phúc", b=True, jc="center"),
                    p("Bình An, ngày 05 tháng 3 năm 2025", i=True, jc="center"),
                ),
                jc="left",
            ),
        ]
    path = folder / f"tieu-de-{kind}.docx"
    return write_docx(path, header + body[1:])


@pytest.mark.parametrize("kind", ["tabs", "text boxes"])
def test_header_typed_with_tabs_or_in_text_boxes(kind: str, tmp_path: Path) -> None:
    docx = _header_variant(tmp_path, kind.split()[0])
    import_document(docx, Path("."), tmp_path / "ws")
    project = load_project(tmp_path / "ws")
    plan = project.plan().plan
    issuer = project.registry.agencies[plan.issuer]
    assert issuer.header is not None
    assert (issuer.header.governing, issuer.header.issuing) == (
        ["UBND TỈNH BÌNH AN"],
        ["SỞ TƯ PHÁP"],
    )
    assert (issuer.code, issuer.place, plan.number, str(plan.date)) == (
        "STP",
        "Bình An",
        12,
        "2025-03-05",
    )
    assert len(tasks(tmp_path / "ws")) == 4


def test_into_an_existing_workspace_only_missing_agencies_are_added(
    tmp_path: Path, example_copy: Path, run: Callable[..., Result]
) -> None:
    docx = foreign_plan(tmp_path)
    before = {p.name: p.read_bytes() for p in (example_copy / "plans").glob("*.yaml")}
    result = run("-w", str(example_copy), "import", str(docx))
    assert result.exit_code == 0, result.output
    after = {p.name: p.read_bytes() for p in (example_copy / "plans").glob("*.yaml")}
    assert {k: v for k, v in after.items() if k in before} == before  # nothing rewritten
    [plan_name] = [n for n in after if n not in before and not n.startswith("co-quan-")]
    [registry_name] = [n for n in after if n.startswith("co-quan-")]
    added = yaml.safe_load(after[registry_name])
    # Sở Tư pháp, Sở Nội vụ, Sở Tài chính, Sở TT&TT and the groups are in the registry
    assert [a["id"] for a in added["co_quan"]] == ["ubnd-huyen-hoa-binh", "cong-an-tinh"]
    assert "nhom" not in added
    project = load_project(example_copy)
    plan = project.plans[plan_name.removesuffix(".yaml")].plan
    assert plan.issuer == "so-tu-phap"
    first = plan.sections[1].children[0]
    assert first.lead is not None and first.lead.refs == ["so-thong-tin-va-truyen-thong"]


def test_task_table_in_the_body(tmp_path: Path) -> None:
    from foreign_docs import appendix_body, write_docx

    body = appendix_body()
    cut = next(i for i, part in enumerate(body) if "<w:sectPr>" in part)
    table = body[-1]
    # the same table typed under section I instead of in a phụ lục
    docx = write_docx(tmp_path / "bang.docx", [*body[:5], table, *body[5:cut]])
    import_document(docx, Path("."), tmp_path / "ws")
    plan = load_project(tmp_path / "ws").plan().plan
    section = plan.sections[0]
    # the table stands under section I, whose item holds it
    assert section.task_table is not None
    assert [c.field for c in section.task_table.columns][:3] == ["so", "noi_dung", "chu_tri"]
    assert [g.title for g in section.task_table.items] == ["NHIỆM VỤ CHUNG", "NHIỆM VỤ CỦA CẤP XÃ"]
    assert len(tasks(tmp_path / "ws")) == 3
