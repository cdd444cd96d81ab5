"""Composers build the document model from resolved data: its structure, read directly."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import yaml
from conftest import MINI_REGISTRY

from kehoach_docs.compose.consolidated import ConsolidatedComposer
from kehoach_docs.compose.headings import Addressees, clause, first_sentence, lower_first
from kehoach_docs.compose.plan import compose_plan
from kehoach_docs.compose.report import AgencyReportComposer
from kehoach_docs.compose.subplan import compose_subplan
from kehoach_docs.document import Block, Document, Item, LabelLine, NoteRef, Paragraph, Table
from kehoach_docs.duties import duties_of
from kehoach_docs.models.details import AgencyDetails
from kehoach_docs.models.plan import Plan
from kehoach_docs.models.progress import Progress, received
from kehoach_docs.models.registry import RegistryFile
from kehoach_docs.outline import entries
from kehoach_docs.periods import parse_period
from kehoach_docs.progress import period_state
from kehoach_docs.registry import Registry


def registry() -> Registry:
    model = RegistryFile.model_validate(yaml.safe_load(textwrap.dedent(MINI_REGISTRY)))
    return Registry({a.id: a for a in model.agencies}, {g.id: g for g in model.groups})


def plan(**changes: Any) -> Plan:
    data: dict[str, Any] = {
        "co_quan_ban_hanh": "ubnd-tinh",
        "nam": 2025,
        "trich_yeu": "Thực hiện chuyển đổi số năm 2025",
        "co_quan_theo_doi": "so-noi-vu",
        "mo_dau": ["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"],
        "chu_thich": {"a": "Chú thích."},
        "phan": [
            {
                "tieu_de": "Nhiệm vụ",
                "muc": [
                    {
                        "id": "nv-1",
                        "noi_dung": [
                            "Các sở rà soát thủ tục hành chính[^a]. Báo cáo kết quả.",
                            "- Công khai kết quả rà soát.",
                        ],
                        "chu_tri": {"don_vi": ["cac-so"]},
                        "phoi_hop": {"don_vi": ["so-noi-vu"]},
                        "thoi_gian": {"ghi": "Trước ngày 30/6/2025.", "han": "2025-06-30"},
                    },
                    {
                        "tieu_de": "Góp ý dự thảo văn bản",
                        "muc": [
                            {
                                "id": "nv-2a",
                                "noi_dung": ["Luật Tổ chức chính quyền địa phương."],
                                "chu_tri": ["so-tai-chinh"],
                            }
                        ],
                    },
                ],
            }
        ],
        "ket_thuc": "Trên đây là Kế hoạch./.",
        **changes,
    }
    return Plan.model_validate(data)


def items_of(blocks: tuple[Block, ...]) -> list[Item]:
    return [b for b in blocks if isinstance(b, Item)]


def labels(item: Item) -> list[tuple[str, str]]:
    return [(b.label, b.value.text) for b in item.blocks if isinstance(b, LabelLine)]


def test_plan_structure() -> None:
    doc = compose_plan(plan(), registry())
    assert doc.type_name == "KẾ HOẠCH"
    assert doc.header.number == "Số:      /KH-UBND"
    [section] = items_of(doc.body)
    assert (section.number.text, section.title and section.title.text) == ("I.", "NHIỆM VỤ")
    task, _group = items_of(section.blocks)
    assert task.number.text == "1." and task.title is None
    first, bullet = (b for b in task.blocks if isinstance(b, Paragraph))
    assert NoteRef(1) in first.text.pieces
    assert (bullet.bullet, bullet.text.text) == ("-", "Công khai kết quả rà soát.")
    assert labels(task) == [
        ("Đơn vị chủ trì thực hiện", "Các sở."),
        ("Đơn vị phối hợp", "Sở Nội vụ."),
        ("Thời gian thực hiện", "Trước ngày 30/6/2025."),
    ]
    assert [n.text for n in doc.footnotes] == ["Chú thích."]
    closing = doc.body[-1]
    assert isinstance(closing, Paragraph) and closing.keep_with_next
    assert [d.text for d in doc.distribution] == ["- Lưu: VT."]


def test_references_follow_the_printed_numbers() -> None:
    data = plan(
        danh_so=["{R}.", "{n}.", "{p}{n}.", "{a})"],
        phan=[
            {
                "tieu_de": "A",
                "muc": [
                    {"tieu_de": "Một", "muc": [{"noi_dung": ["x"], "muc": [{"noi_dung": ["y"]}]}]},
                    {"so": "", "tieu_de": "Nhóm", "muc": [{"noi_dung": ["z"]}]},
                    {"tieu_de": "Hai"},
                    {"so": "5.", "tieu_de": "Năm"},
                ],
            }
        ],
    )
    found = [(e.number, e.ref) for e in entries(data)]
    assert found == [
        ("I.", "I"),
        ("1.", "I.1"),
        ("1.1.", "I.1.1"),
        ("a)", "I.1.1.a"),
        ("", "I"),  # an unnumbered group is cited by its parent
        ("1.", "I.1"),
        ("2.", "I.2"),  # … and takes no number of its siblings
        ("5.", "I.5"),
    ]


def test_subplan_in_the_agencys_voice() -> None:
    reg = registry()
    base = plan()
    details = AgencyDetails.model_validate(
        {
            "co_quan": "so-tai-chinh",
            "don_vi_truc_thuoc": [
                {"id": "vp", "ten": "Văn phòng Sở"},
                {"id": "ns", "ten": "Phòng Ngân sách"},
            ],
            "nhiem_vu": {
                "nv-1": {
                    "lanh_dao": "Phó Giám đốc Trần B",
                    "don_vi": "ns",
                    "phoi_hop": ["vp"],
                    "viec": [
                        {"noi_dung": "Rà soát thủ tục thuộc lĩnh vực tài chính"},
                        {"noi_dung": "Công khai kết quả", "thoi_gian": "Quý III năm 2025"},
                    ],
                }
            },
        }
    )
    agency = reg.agencies["so-tai-chinh"]
    doc = compose_subplan(base, reg, agency, details, duties_of(base, reg, agency.id))
    assert doc.summary.text.startswith("Thực hiện Kế hoạch số")
    assert doc.summary.text.endswith("thực hiện chuyển đổi số năm 2025")
    _purpose, work, organisation = items_of(doc.body)
    first, second = items_of(work.blocks)
    # The subject of the provincial sentence ("Các sở") is not the agency's own voice.
    assert first.title is not None and first.title.text == "Rà soát thủ tục hành chính"
    assert [type(b).__name__ for b in first.blocks] == [
        "LabelLine", "Paragraph", "Paragraph", "LabelLine", "LabelLine", "LabelLine",
    ]  # fmt: skip
    actions = [b.text.text for b in first.blocks if isinstance(b, Paragraph)]
    assert actions == [
        "Rà soát thủ tục thuộc lĩnh vực tài chính.",
        "Công khai kết quả (thời gian: quý III năm 2025).",
    ]
    assert labels(first) == [
        ("Vai trò", "Chủ trì thực hiện (mục I.1 Kế hoạch của Ủy ban nhân dân tỉnh)."),
        ("Lãnh đạo phụ trách", "Phó Giám đốc Trần B."),
        ("Đơn vị chủ trì", "Phòng Ngân sách; Đơn vị phối hợp: Văn phòng Sở."),
        ("Thời gian thực hiện", "Trước ngày 30/6/2025."),
    ]
    # A point takes its parent's title where that says what it is about.
    assert second.title is not None
    assert second.title.text == "Góp ý dự thảo văn bản: Luật Tổ chức chính quyền địa phương"
    assert doc.footnotes == ()  # the sub-plan refers to none of the plan's notes
    reporting = items_of(organisation.blocks)[-1]
    assert "báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ)" in reporting.blocks[0].text.text  # type: ignore[union-attr]


def test_children_keep_their_content_when_the_agency_wrote_no_actions() -> None:
    reg = registry()
    base = plan(
        phan=[
            {
                "tieu_de": "Tổ chức thực hiện",
                "muc": [
                    {
                        "tieu_de": "Sở Tài chính",
                        "don_vi": ["so-tai-chinh"],
                        "muc": [{"noi_dung": ["Bố trí kinh phí."]}, {"noi_dung": ["Quyết toán."]}],
                    }
                ],
            }
        ]
    )
    agency = reg.agencies["so-tai-chinh"]
    doc = compose_subplan(base, reg, agency, None, duties_of(base, reg, agency.id))
    task = items_of(items_of(doc.body)[1].blocks)[0]
    bullets = [b.text.text for b in task.blocks if isinstance(b, Paragraph)]
    assert bullets == ["Bố trí kinh phí.", "Quyết toán."]


def progress(agency: str, statuses: dict[str, str], **general: Any) -> Progress:
    return Progress.model_validate(
        {
            "co_quan": agency,
            "ky": "2025-H1",
            "nhiem_vu": {k: {"tinh_trang": v} for k, v in statuses.items()},
            "chung": general,
        }
    )


def test_reports_leave_out_empty_parts_and_count_overdue_apart() -> None:
    reg = registry()
    base = plan()
    period = parse_period("2025", base.reporting)
    reports = {
        "so-tai-chinh": progress(
            "so-tai-chinh", {"nv-1": "Đang thực hiện, quá hạn"}, tinh_hinh=["Đã triển khai."]
        ),
        "so-noi-vu": progress("so-noi-vu", {"nv-1": "Đã hoàn thành"}),
    }
    state = period_state(base, reg, period, {k: received(v) for k, v in reports.items()}, {})
    report = AgencyReportComposer(base, reg, state).compose(
        reg.agencies["so-tai-chinh"], reports["so-tai-chinh"], None
    )
    heads = [i.title.text for i in items_of(report.body) if i.title]
    assert heads == ["TÌNH HÌNH TRIỂN KHAI THỰC HIỆN", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ"]
    consolidated = ConsolidatedComposer(base, reg, state).compose({})
    tables = [b for b in _walk(consolidated.body) if isinstance(b, Table)]
    status = tables[0]
    counts = {r.cells[0].text: r.cells[1].text for r in status.rows}
    assert counts == {
        "Đã hoàn thành": "1",
        "Hoàn thành quá hạn": "0",
        "Đang thực hiện": "0",
        "Đang thực hiện, quá hạn": "1",
        "Chưa thực hiện": "0",
        "Tổng cộng": "2",
    }
    late = tables[1]
    assert [c.text for c in late.rows[0].cells][:2] == ["Quá hạn, chưa hoàn thành", "1"]
    matrix = next(t for t in tables if t.columns[0].head == "Cơ quan, đơn vị")
    cells = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in matrix.rows}
    # Reported, but not this task: "chưa báo cáo"; not its task: empty.
    assert cells["Sở Tài chính"] == ["ĐTHQH", "CBC"]
    assert cells["Sở Nội vụ"] == ["HT", ""]


def _walk(blocks: tuple[Block, ...]) -> list[Block]:
    from kehoach_docs.document import walk

    return walk(blocks)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Một câu ngắn. Câu thứ hai.", "Một câu ngắn"),
        (
            "Tăng cường tuyên truyền, phổ biến, quán triệt nội dung Kế hoạch đến cán bộ, công "
            "chức, viên chức và người lao động trong toàn tỉnh nhằm nâng cao nhận thức, trách "
            "nhiệm của người đứng đầu trong tổ chức thực hiện.",
            # A clause of purpose ("nhằm …") is what a heading leaves out.
            "Tăng cường tuyên truyền, phổ biến, quán triệt nội dung Kế hoạch đến cán bộ, công "
            "chức, viên chức và người lao động trong toàn tỉnh",
        ),
    ],
)
def test_headings_end_at_a_clause_never_mid_word(text: str, heading: str) -> None:
    assert clause(first_sentence(text)) == heading
    assert "…" not in heading


def test_addressees() -> None:
    names = Addressees(registry())
    assert names.only_names("Các sở và Sở Nội vụ")
    assert not names.only_names("Sở Nội vụ rà soát")
    assert names.strip_subject("Thủ trưởng các sở và Sở Nội vụ rà soát hồ sơ") == "Rà soát hồ sơ"
    assert names.strip_subject("Sở Nội vụ") == "Sở Nội vụ"
    assert lower_first("Kế hoạch số 15/KH-UBND") == "Kế hoạch số 15/KH-UBND"
    assert lower_first("UBND tỉnh") == "UBND tỉnh"
    assert lower_first("Triển khai Đề án") == "triển khai Đề án"
    assert lower_first("Luật Tổ chức chính quyền") == "Luật Tổ chức chính quyền"
    assert lower_first("Luật pháp và đời sống") == "luật pháp và đời sống"


def test_document_is_plain_data() -> None:
    """Composers give the renderer data only: no markup, no template words."""
    doc = compose_plan(plan(), registry())
    assert isinstance(doc, Document)
    assert "<w:" not in repr(doc)
