"""What a large workspace says again and again is held once: the memory of a command
over 10,000 agencies (benchmarks/bench_batch.py) rests on these, and each test here
fails if its sharing is undone. Every value is still what the data says."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pydantic import ValidationError
from synthetic import PERIOD, write_synthetic_workspace

from kehoach_docs import api, yamlsafe
from kehoach_docs.batch import run_batch
from kehoach_docs.duties import all_duties
from kehoach_docs.progress import period_state
from kehoach_docs.render.context import Blocks, context_of
from kehoach_docs.render.docx import CompiledTemplate
from kehoach_docs.template_paths import find_template


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_workspace(tmp_path_factory.mktemp("held"), 40, reports=True)


def test_agencies_of_one_shape_share_one_set_of_field_names(workspace: Path) -> None:
    project = api.open_project(workspace)
    agencies = [a for a in project.registry.agencies.values() if a.id.startswith("so-thu-")]
    first, second = agencies[0], agencies[1]
    assert first.model_fields_set == {"id", "name", "kind", "code", "header", "place", "signer"}
    assert first.model_fields_set is second.model_fields_set
    assert first.header is not None and second.header is not None
    assert first.header.model_fields_set is second.header.model_fields_set
    # Still frozen, and a copy with a change is a model of its own.
    with pytest.raises(ValidationError):
        first.name = "Khác"  # type: ignore[misc]
    changed = first.model_copy(update={"short_name": "Sở 1"})
    assert "short_name" in changed.model_fields_set
    assert "short_name" not in second.model_fields_set
    assert second.short_name is None


def test_short_texts_are_one_object_across_files(workspace: Path) -> None:
    project = api.open_project(workspace)
    a, b = (project.registry.agencies[f"so-thu-{i}"] for i in (1, 2))
    assert a.place == b.place == "Thử Nghiệm"
    assert a.place is b.place
    assert a.signer.title is b.signer.title == "GIÁM ĐỐC"
    entry = project.plan(None)
    project.read(entry.id, None, PERIOD)
    statuses = [
        t.status for r in project.reports(entry.id, PERIOD).values() for t in r.tasks.values()
    ]
    assert len(statuses) > 100 and len(set(statuses)) > 1
    # Each status one object, in whichever process its file was read (see beside.py).
    assert len({id(s) for s in statuses}) == len(set(statuses))


def test_a_task_is_one_duty_for_every_agency_of_its_group(workspace: Path) -> None:
    project = api.open_project(workspace)
    plan = project.plan(None).plan
    duties = all_duties(plan, project.registry)
    first, second = duties["so-thu-1"], duties["so-thu-2"]
    assert [d.entry.key for d in first] == [d.entry.key for d in second]
    assert [d.role for d in first] == ["chu_tri"] * len(first)
    assert all(x is y for x, y in zip(first, second, strict=True))


def test_a_period_state_says_the_status_its_deadline_calls_for(workspace: Path) -> None:
    project = api.open_project(workspace)
    entry = project.plan(None)
    period = api.period_of(entry, PERIOD)
    project.read(entry.id, None, PERIOD)
    state = period_state(
        entry.plan, project.registry, period, project.reports(entry.id, PERIOD), {}
    )
    reported = [s for s in state.states if s.report is not None]
    assert reported and all(s.status == s.report.status for s in reported if s.report)
    assert not any(s.overdue for s in state.states)  # (the synthetic tasks have no deadline)


def test_the_resolvers_kept_words_are_let_go_and_kept_anew(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(yamlsafe, "RESOLVED_KEPT", 10)
    values = [f"w{i}" for i in range(40)]
    text = "".join(f"k{i}: {v}\n" for i, v in enumerate(values))
    text += "n: 12\nb: true\nz: null\nd: 2024-03-15\nf: 1.5\n"
    path = tmp_path / "many.yaml"
    for _ in range(2):
        path.write_text(text, encoding="utf-8")
        data = yamlsafe.load_yaml(path, "many.yaml").data
        assert [data[f"k{i}"] for i in range(40)] == values
        assert (data["n"], data["b"], data["z"], data["d"], data["f"]) == (
            12, True, None, "2024-03-15", 1.5,
        )  # fmt: skip
        assert len(yamlsafe._RESOLVED) <= 10


def test_a_template_may_count_the_body_it_is_given_as_it_goes(workspace: Path) -> None:
    project, entry, state = api._whole_period(workspace, None, PERIOD)
    doc = api.consolidated_job(project, entry, state).compose()
    context = context_of(doc)
    assert isinstance(context.body, Blocks)
    listed = list(context.body)
    assert len(context.body) == len(listed) > 40
    assert [b.kind for b in context.body[:2]] == [b.kind for b in listed[:2]]
    assert [b.runs.xml for b in context.body] == [b.runs.xml for b in listed]


def test_a_template_that_counts_the_body_renders_it_whole(workspace: Path, tmp_path: Path) -> None:
    # `body|length` before the loop: the paragraphs are made once and the loop reads them.
    project, entry, state = api._whole_period(workspace, None, PERIOD)
    job = api.consolidated_job(project, entry, state)
    assert job.kind.template is not None
    source = find_template(project.root, job.kind.template)
    with zipfile.ZipFile(source) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    body = parts["word/document.xml"].decode("utf-8")
    loop = "{%p for b in body %}"
    assert loop in body
    parts["word/document.xml"] = body.replace(
        loop, "Số đoạn: {{ body|length }}</w:t></w:r></w:p><w:p><w:r><w:t>" + loop, 1
    ).encode("utf-8")
    counting = tmp_path / "dem.docx"
    with zipfile.ZipFile(counting, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    plain = CompiledTemplate(source).render(job.compose())
    counted = CompiledTemplate(counting).render(job.compose())
    paragraphs = len(list(context_of(job.compose()).body))
    shown = _texts(counted)
    assert shown.count(f"Số đoạn: {paragraphs}") == 1
    assert [t for t in shown if t != f"Số đoạn: {paragraphs}"] == _texts(plain)


def _texts(data: bytes) -> list[str]:
    from docx import Document as Word

    word = Word(io.BytesIO(data))
    return [p.text for p in word.paragraphs if p.text]


def test_a_batch_manifest_is_written_with_its_bom(workspace: Path, tmp_path: Path) -> None:
    result = run_batch(workspace, output=tmp_path / "out", jobs=2, period=PERIOD)
    data = result.manifest.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfma_co_quan,ten_co_quan,loai_van_ban,tep,sha256\n")
    assert data.count(b"\xef\xbb\xbf") == 1
    rows = data.decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + len(result.outcomes) and not result.failures
    assert all(o.path is not None and o.path.parent == result.folder for o in result.outcomes)
    assert rows[1].startswith("ubnd-tinh,Ủy ban nhân dân tỉnh,")


@pytest.mark.parametrize("where", ["beside", "here", "again"])
def test_the_consolidated_workbook_is_the_same_made_beside_or_here(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # The consolidate command lets go of the period before rendering its report; its
    # workbook is made in a forked copy; where none is made (Windows), here before that;
    # where the copy failed, here from the files read again.
    from kehoach_docs import beside
    from kehoach_docs.render.xlsx import summary_workbook

    reads = []
    whole_period = api._whole_period
    monkeypatch.setattr(api, "_whole_period", lambda *a: reads.append(a) or whole_period(*a))
    if where == "here":
        monkeypatch.setattr(beside, "forks", lambda: False)
    if where == "again":
        monkeypatch.setattr(beside, "_start", lambda work: None)
    result = api.build_consolidated(workspace, PERIOD, output=tmp_path)
    assert len(reads) == (2 if where == "again" else 1)
    [_, xlsx] = result.written
    project, _, state = api._whole_period(workspace, None, PERIOD)
    expected = summary_workbook(state, project.registry)
    assert _sheets(xlsx.read_bytes()) == _sheets(expected)
    assert [a.id for a in result.missing] == [a.id for a in state.missing] != []


def _sheets(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}
