"""Property tests: any text renders as itself; any data validates or fails with a message."""

from __future__ import annotations

import re
import tempfile
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from conftest import MINI_PLAN, MINI_REGISTRY, REPO
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from kehoach_docs.compose.plan import compose_plan
from kehoach_docs.docxread import DocxReader
from kehoach_docs.errors import DataError
from kehoach_docs.models.plan import Plan
from kehoach_docs.registry import Registry
from kehoach_docs.render.docx import CompiledTemplate
from kehoach_docs.render.styles import w
from kehoach_docs.workspace import load_project

TEMPLATE = CompiledTemplate(REPO / "templates" / "ke-hoach.docx")
REGISTRY_DATA = yaml.safe_load(textwrap.dedent(MINI_REGISTRY))
PLAN_DATA = yaml.safe_load(textwrap.dedent(MINI_PLAN))["ke_hoach"]


def registry() -> Registry:
    from kehoach_docs.models.registry import RegistryFile

    model = RegistryFile.model_validate(REGISTRY_DATA)
    return Registry({a.id: a for a in model.agencies}, {g.id: g for g in model.groups})


# XML 1.0 has no place for these characters (its Char production); they cannot print.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def expected(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Word's line and page breaks (as a copy from Word gives them) read back as one space
    # between the words they stood between.
    text = re.sub(" ?[\x0b\x0c]+ ?", " ", text)
    return unicodedata.normalize("NFC", NOT_XML.sub("", text))


def escape_markup(text: str) -> str:
    """How a clerk writes a literal star in a marked-up field."""
    return text.replace("*", "\\*")


def render(data: dict[str, Any]) -> DocxReader:
    plan = Plan.model_validate(data)
    body = TEMPLATE.render(compose_plan(plan, registry()))
    with tempfile.NamedTemporaryFile(suffix=".docx", delete=False) as handle:
        handle.write(body)
    path = Path(handle.name)
    try:
        document = etree.fromstring(__import__("zipfile").ZipFile(path).read("word/document.xml"))
        assert document.tag == w("document")
        return DocxReader(path)
    finally:
        path.unlink()


@given(text=st.text(min_size=1))
def test_any_text_in_a_paragraph_reads_back(text: str) -> None:
    data = {**PLAN_DATA, "mo_dau": [escape_markup(text)]}
    reader = render(data)
    paras = list(reader.paragraphs())
    summary = next(i for i, p in enumerate(paras) if p.style == "KhSummary")
    opening = next(p for p in paras[summary + 1 :] if p.style == "KhBody")
    assert opening.text == expected(text)


@given(text=st.text(min_size=1).filter(lambda t: t.strip()))
def test_any_text_in_the_summary_and_signature_reads_back(text: str) -> None:
    data = {
        **PLAN_DATA,
        "trich_yeu": escape_markup(text),
        "nguoi_ky": {"quyen_han": ["TM. ỦY BAN NHÂN DÂN"], "chuc_vu": "CHỦ TỊCH", "ho_ten": text},
        "noi_nhan": {"nhan": [{"ghi": text}]},
    }
    paras = list(render(data).paragraphs())
    assert next(p for p in paras if p.style == "KhSummary").text == expected(text)
    assert next(p for p in paras if p.style == "KhSignerName").text == expected(text)
    recipient = next(p for p in paras if p.style == "KhRecipient")
    # A recipient line ends with one ";", whatever the clerk typed at its end.
    assert recipient.text == f"- {expected(text).rstrip(' .;')};"


KEYS = [
    "ke_hoach", "co_quan_ban_hanh", "so", "ngay", "nam", "trich_yeu", "mo_dau", "phan", "muc",
    "tieu_de", "noi_dung", "chu_tri", "phoi_hop", "don_vi", "ghi", "thoi_gian", "han", "id",
    "ket_thuc", "chu_thich", "noi_nhan", "nhan", "luu", "noi", "nguoi_ky", "danh_so", "bang",
    "cot", "dong", "phu_luc", "bang_nhiem_vu", "co_quan", "nhom", "ten", "loai", "ma",
    "tieu_de", "dia_danh", "thanh_vien", "so_ban", "lien_dong", "nhan_khac", "bao_cao", "moc",
]  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=30),
    st.sampled_from(["ubnd-tinh", "so-noi-vu", "cac-so", "2025-02-30", "15/3/2025", "{n}."]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    ),
    max_leaves=25,
)


def _mutate(base: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    data = yaml.safe_load(yaml.safe_dump(base))
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node
    if isinstance(node, dict):
        node[path[-1]] = value
    return data


@given(
    target=st.sampled_from(["plan", "registry"]),
    key=st.sampled_from(KEYS),
    value=values,
)
def test_any_data_validates_or_fails_with_a_message(target: str, key: str, value: Any) -> None:
    plan = {"ke_hoach": PLAN_DATA}
    reg = REGISTRY_DATA
    if target == "plan":
        plan = _mutate(plan, ["ke_hoach", key], value)
    else:
        reg = _mutate(reg, [key], value)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "plans").mkdir()
        (root / "plans" / "co-quan.yaml").write_text(
            yaml.safe_dump(reg, allow_unicode=True), "utf-8"
        )
        (root / "plans" / "kh.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
        try:
            project = load_project(root)
        except DataError as exc:
            assert exc.problems
            assert all(str(p).startswith("plans/") for p in exc.problems)
            return
        entry = project.plan()
        TEMPLATE.render(compose_plan(entry.plan, project.registry))
