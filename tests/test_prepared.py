"""A template's preparation kept in the cache folder (render/prepared.py): read back, it
makes the same documents as a template prepared afresh; a new or edited template, a file
cut short, a folder that cannot be written are each no cache, never an error."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from lxml import etree

from kehoach_docs import api
from kehoach_docs.document import Document
from kehoach_docs.errors import RenderError
from kehoach_docs.render import prepared
from kehoach_docs.render.docx import CompiledTemplate

TEMPLATES = REPO / "templates"
PERIOD = "2024-H1"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(folder))
    return folder


def _parts(data: bytes) -> dict[str, bytes]:
    """Every part but the one that says when the file was made."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def _documents() -> list[tuple[str, Document]]:
    project, entry, state = api._whole_period(REPO, None, PERIOD)
    agency = next(a for a in state.assigned if a.id in state.reports)
    jobs = [
        api.plan_job(project, entry),
        api.subplan_job(project, entry, agency),
        api.report_job(project, entry, state, agency),
        api.consolidated_job(project, entry, state),
    ]
    return [(j.kind.template or "", j.compose()) for j in jobs]


def _render_all(documents: list[tuple[str, Document]]) -> list[dict[str, bytes]]:
    templates: dict[str, CompiledTemplate] = {}
    out = []
    for name, doc in documents:
        if name not in templates:
            templates[name] = CompiledTemplate(TEMPLATES / name)
        out.append(_parts(templates[name].render(doc)))
    return out


def test_a_template_read_back_makes_the_documents_a_fresh_one_makes(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = _documents()
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "")
    fresh = _render_all(documents)
    assert not cache.exists()  # (an empty value: nothing kept)
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(cache))
    first = _render_all(documents)
    kept = sorted(p.name for p in cache.iterdir())
    # One file a template's contents (the example's plan and report templates are one).
    assert len(kept) == len({(TEMPLATES / name).read_bytes() for name, _ in documents})
    read_back = _render_all(documents)
    assert first == fresh and read_back == fresh
    assert sorted(p.name for p in cache.iterdir()) == kept


def _plan_in_a_process(cache: Path) -> list[str]:
    """A command's process: what it imported of docxtpl, python-docx."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kehoach_docs import api\n"
        f"api.build_plan(Path({str(REPO)!r}), output=Path({str(cache.parent / 'out')!r}))\n"
        "print(sorted(m for m in ('docx', 'docxtpl') if m in sys.modules))\n"
    )
    env = {**os.environ, "KEHOACH_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return list(eval(done.stdout.strip()))


def test_a_command_with_its_template_prepared_before_imports_neither_docxtpl_nor_docx(
    cache: Path,
) -> None:
    assert _plan_in_a_process(cache) == ["docx", "docxtpl"]
    assert _plan_in_a_process(cache) == []


def _edited(tmp_path: Path, added: str) -> Path:
    """The plan's template with `added` at the start of its body."""
    source = TEMPLATES / "ke-hoach.docx"
    target = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                assert b"<w:body>" in data
                data = data.replace(b"<w:body>", b"<w:body>" + added.encode(), 1)
            dst.writestr(info, data)
    return target


def test_an_edited_template_is_prepared_again(cache: Path, tmp_path: Path) -> None:
    [(name, doc)] = _documents()[:1]
    CompiledTemplate(TEMPLATES / name)
    edited = _edited(tmp_path, "<w:p><w:r><w:t>Bản sửa</w:t></w:r></w:p>")
    text = CompiledTemplate(edited).render(doc)
    assert "Bản sửa".encode() in _parts(text)["word/document.xml"]
    assert len(list(cache.iterdir())) == 2


def test_a_cache_file_cut_short_or_not_ours_is_no_cache(cache: Path) -> None:
    [(name, doc)] = _documents()[:1]
    expected = _parts(CompiledTemplate(TEMPLATES / name).render(doc))
    [kept] = cache.iterdir()
    whole = kept.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"", b"not marshal", whole[:-1] + b"\xff"):
        kept.write_bytes(damaged)
        rendered = CompiledTemplate(TEMPLATES / name).render(doc)
        assert _parts(rendered) == expected
        assert kept.read_bytes() == whole  # (made again, and kept again)


@pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev/zero are POSIX's")
@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_what_is_not_a_cache_file_is_not_read(
    cache: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A FIFO would block the command, /dev/zero or a sparse file of gigabytes fill memory.
    [(name, doc)] = _documents()[:1]
    expected = _parts(CompiledTemplate(TEMPLATES / name).render(doc))
    [kept] = cache.iterdir()
    whole = kept.read_bytes()
    kept.unlink()
    if kind == "fifo":
        os.mkfifo(kept)
    elif kind == "device":
        kept.symlink_to("/dev/zero")
    else:  # (a whole file, over a bound made small: refused unread, prepared afresh)
        kept.write_bytes(whole)
        monkeypatch.setattr(prepared, "_MAX_BYTES", len(whole) - 1)
    prepare = CompiledTemplate._prepare
    fresh: list[bool] = []

    def watched(self: CompiledTemplate) -> prepared.Prepared:
        fresh.append(True)
        return prepare(self)

    monkeypatch.setattr(CompiledTemplate, "_prepare", watched)
    rendered = CompiledTemplate(TEMPLATES / name).render(doc)
    assert _parts(rendered) == expected and fresh == [True]


def test_a_cache_folder_written_with_a_tilde_is_in_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("KEHOACH_CACHE_DIR", "~/mau-da-chuan-bi")
    assert prepared.folder() == tmp_path / "mau-da-chuan-bi"


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(blocker / "cache"))
    [(name, doc)] = _documents()[:1]
    CompiledTemplate(TEMPLATES / name).render(doc)
    assert blocker.read_text() == "not a folder"


def test_a_template_with_a_fault_is_refused_each_time_and_never_kept(
    cache: Path, tmp_path: Path
) -> None:
    broken = _edited(tmp_path, "<w:p><w:r><w:t>{{ ten_la }}</w:t></w:r></w:p>")
    for _ in range(2):
        with pytest.raises(RenderError, match="“ten_la”"):
            CompiledTemplate(broken)
    assert not cache.exists() or not list(cache.iterdir())


def test_only_the_newest_files_are_kept_and_nothing_else_is_touched(cache: Path) -> None:
    cache.mkdir()
    (cache / "ghi-chu.txt").write_text("của người dùng")
    for i in range(prepared._KEEP + 5):
        path = cache / f"{prepared._PREFIX}{i:04d}"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    CompiledTemplate(TEMPLATES / "noi-nhan.docx")
    ours = sorted(p.name for p in cache.iterdir() if p.name.startswith(prepared._PREFIX))
    assert len(ours) == prepared._KEEP
    assert f"{prepared._PREFIX}0000" not in ours and f"{prepared._PREFIX}0005" not in ours
    assert (cache / "ghi-chu.txt").read_text() == "của người dùng"


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def test_drawings_are_numbered_as_docxtpl_numbers_them() -> None:
    from docxtpl import DocxTemplate

    drawing = '<w:r><w:drawing><wp:inline><wp:docPr id="7" name="x"/></wp:inline></w:drawing></w:r>'
    body = (
        f'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:wp="{WP}"><w:p>{drawing}{drawing}</w:p><w:p>{drawing}</w:p></w:body>'
    )
    ours, theirs = etree.fromstring(body), etree.fromstring(body)
    template = CompiledTemplate(TEMPLATES / "noi-nhan.docx")
    template._drawing_id = 1000
    template._finish(ours)
    docxtpl = DocxTemplate(TEMPLATES / "noi-nhan.docx")
    docxtpl.render_init()
    docxtpl.fix_docpr_ids(theirs)
    ids = [e.get("id") for e in ours.iter(f"{{{WP}}}docPr")]
    assert ids == ["1001", "1002", "1003"]
    assert ids == [e.get("id") for e in theirs.iter(f"{{{WP}}}docPr")]
