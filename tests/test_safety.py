"""No clerk's work lost, no file removed that this program did not make, concurrent runs
that both succeed, files colleagues can open, workers that never outlive the batch."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from click.testing import Result
from conftest import REPO
from docx import Document

from kehoach_docs import write

Run = Callable[..., Result]
PLAN_ID = "kh-trien-khai-120-tu"
KEHOACH = [sys.executable, "-m", "kehoach_docs"]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


# -- backups ------------------------------------------------------------------------------


def test_scaffold_force_twice_in_the_same_second_keeps_every_version(
    run: Run, example_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Frozen(write.datetime):  # type: ignore[misc,name-defined]
        @classmethod
        def now(cls, tz: object = None) -> write.datetime:  # type: ignore[name-defined]
            return write.datetime(2024, 5, 6, 7, 8, 9)

    monkeypatch.setattr(write, "datetime", Frozen)
    ws = str(example_copy)
    path = example_copy / "plans" / PLAN_ID / "don-vi" / "so-noi-vu.yaml"
    versions = []
    for n in range(3):
        text = path.read_text(encoding="utf-8") + f"# sửa lần {n}\n"
        path.write_text(text, encoding="utf-8")
        versions.append(text)
        result = run("-w", ws, "scaffold", "-a", "so-noi-vu", "--force")
        assert result.exit_code == 0, result.output
    backups = sorted(path.parent.glob("so-noi-vu.yaml.bak-*"))
    assert [b.name for b in backups] == [
        "so-noi-vu.yaml.bak-20240506-070809",
        "so-noi-vu.yaml.bak-20240506-070809-2",
        "so-noi-vu.yaml.bak-20240506-070809-3",
    ]
    assert sorted(b.read_text(encoding="utf-8") for b in backups) == sorted(versions)
    assert "Đã sao lưu tệp cũ: " in result.stdout and str(backups[-1]) in result.stdout


def test_forms_are_not_replaced_without_force(run: Run, example_copy: Path) -> None:
    ws, out = str(example_copy), example_copy / "bieu-mau"
    assert run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-y-te", "-o", str(out)).exit_code == 0
    [form] = out.glob("*.xlsx")
    form.write_bytes(b"filled by the clerk")
    result = run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-y-te", "-o", str(out))
    assert result.exit_code == 1
    assert "đã có; không ghi đè" in result.stderr and "--force" in result.stderr
    assert form.read_bytes() == b"filled by the clerk"
    result = run("-w", ws, "forms", "-p", "2024-Q3", "-a", "so-y-te", "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    [backup] = out.glob("*.xlsx.bak-*")
    assert backup.read_bytes() == b"filled by the clerk"
    assert form.read_bytes().startswith(b"PK")


def test_init_keeps_a_customised_template(run: Run, tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    (demo / "templates").mkdir(parents=True)
    mine = demo / "templates" / "ke-hoach.docx"
    mine.write_bytes(b"my own template")
    result = run("init", str(demo))
    assert result.exit_code == 0, result.output
    assert mine.read_bytes() == b"my own template"
    assert f"Giữ nguyên tệp đã có: {mine}" in result.stdout
    assert (demo / "templates" / "bao-cao.docx").read_bytes().startswith(b"PK")
    assert (demo / "plans" / "co-quan.yaml").exists()


# -- files this program did not make ------------------------------------------------------


def test_batch_removes_no_file_it_did_not_make(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "H"
    theirs = [
        out / ".pdf-archive" / "contract.pdf",
        out / ".notes.tmp",
        out / "old" / ".draft.tmp",
        out / "old" / ".pdf-x" / "a.pdf",
        out / ".someone.docx.abc.kehoach-tmp" / "inside.txt",  # a folder with our suffix
    ]
    for path in theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    result = run("-w", str(REPO), "batch", "-q", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert all(p.exists() for p in theirs)


def test_batch_removes_what_a_killed_run_of_its_own_left(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_folder = out / f"{PLAN_ID}-20240101-000000"
    run_folder.mkdir(parents=True)
    # What write_atomic and the PDF step leave when killed: marked, and no longer locked.
    stale = run_folder / f".a.docx.x1y2{write.TEMP_SUFFIX}"
    stale.write_bytes(b"half")
    staging = run_folder / f"{write.STAGING_PREFIX}abc"
    staging.mkdir()
    (staging / write.STAGING_LOCK).write_bytes(b"")
    (staging / "a.pdf").write_bytes(b"half a pdf")
    whole = run_folder / "a.docx"
    whole.write_bytes(b"whole")
    result = run("-w", str(REPO), "batch", "-q", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert not stale.exists() and not staging.exists()
    assert whole.read_bytes() == b"whole"


def test_clean_up_leaves_a_live_writers_files(tmp_path: Path) -> None:
    # Another process is writing: its temporary file and staging folder are locked.
    code = (
        "import sys, time; from pathlib import Path; from kehoach_docs import write\n"
        "folder = Path(sys.argv[1])\n"
        "fd, tmp = write._temp_file(folder / 'a.docx')\n"
        "with write.staging_dir(folder) as staging:\n"
        "    print(tmp, staging, flush=True); time.sleep(30)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert writer.stdout is not None
        tmp, staging = writer.stdout.readline().split()
        assert write.remove_abandoned(tmp_path) == 0
        assert Path(tmp).exists() and Path(staging).is_dir()
    finally:
        writer.kill()
        writer.wait()
    assert write.remove_abandoned(tmp_path) == 2
    assert not Path(tmp).exists() and not Path(staging).exists()


def test_two_batches_at_once_both_succeed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [*KEHOACH, "-w", str(REPO), "batch", "-q", "-o", str(out)]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (stdout, stderr) in zip(procs, results, strict=True):
        assert proc.returncode == 0, stderr
        assert "Đã ghi 31/31 văn bản" in stdout
        assert "không lường trước" not in stderr
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 3
    for folder in folders:
        assert len(list(folder.glob("*.docx"))) == 31
        assert (folder / "manifest.csv").exists()


def test_run_folders_of_the_same_second_are_distinct(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from kehoach_docs import batch

    class SameSecond(dt.datetime):
        """The clock of three runs started within one second."""

        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> SameSecond:
            return cls(2024, 6, 20, 9, 30, 5)

    monkeypatch.setattr(batch, "datetime", SameSecond)
    folders = [batch._run_folder(tmp_path, "kh") for _ in range(3)]
    assert [f.name for f in folders] == [
        "kh-20240620-093005",
        "kh-20240620-093005-2",
        "kh-20240620-093005-3",
    ]
    assert all(f.is_dir() for f in folders)


# -- what colleagues can open -----------------------------------------------------------


def test_written_files_follow_the_umask(run: Run, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "out"
    assert run("-w", str(REPO), "plan", "-o", str(out)).exit_code == 0
    assert run("-w", str(REPO), "batch", "-q", "-o", str(out), "--zip").exit_code == 0
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) > 30
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {"0o644"}


def test_output_folders_are_made_as_needed(run: Run, tmp_path: Path) -> None:
    # Folders that do not exist yet, nested, for one document and for a batch.
    nested = tmp_path / "a" / "b" / "c"
    assert run("-w", str(REPO), "plan", "-o", str(nested)).exit_code == 0
    assert [p.name for p in nested.glob("*.docx")] == [f"{PLAN_ID}.docx"]
    batch = run("-w", str(REPO), "batch", "-q", "-o", str(tmp_path / "d" / "e"))
    assert batch.exit_code == 0, batch.output
    assert len(list((tmp_path / "d" / "e").glob("*/*.docx"))) > 30


def test_replacing_a_file_keeps_its_mode(run: Run, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "out"
    assert run("-w", str(REPO), "plan", "-o", str(out)).exit_code == 0
    [doc] = out.glob("*.docx")
    doc.chmod(0o664)
    assert run("-w", str(REPO), "plan", "-o", str(out)).exit_code == 0
    assert oct(doc.stat().st_mode & 0o777) == "0o664"


# -- disks that refuse ----------------------------------------------------------------------


def test_output_folder_that_cannot_be_made(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out = blocker / "out"
    for command in (["batch", "-q"], ["subplan", "--all"], ["plan"]):
        result = run("-w", str(REPO), *command, "-o", str(out))
        assert result.exit_code == 1, result.output
        assert str(blocker) in result.stderr and "không phải thư mục" in result.stderr
        assert "không lường trước" not in result.stderr


def test_read_only_folder(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def refused(path: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(write, "_temp_file", refused)
    for command in (["batch", "-q", "-j", "1"], ["subplan", "--all"]):
        out = tmp_path / command[0]
        result = run("-w", str(REPO), *command, "-o", str(out))
        assert result.exit_code == 1, result.output
        assert f"không tạo được tệp trong {out}" in result.stderr
        assert "không có quyền ghi" in result.stderr and "Permission" not in result.stderr
        assert "không lường trước" not in result.stderr


@pytest.mark.parametrize("when", ["writing", "flushing"])
def test_disk_full_is_named(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    import errno

    def full(*args: object) -> NoReturn:
        raise OSError(errno.ENOSPC, "No space left on device")

    if when == "writing":
        monkeypatch.setattr(write.os, "write", full)
    else:  # the file system's flush fails, then each file's
        monkeypatch.setattr(write, "_syncfs", lambda: lambda fd: -1)
        monkeypatch.setattr(write.os, "fsync", full)
    for command in (["batch", "-q", "-j", "1"], ["subplan", "--all"], ["plan"]):
        out = tmp_path / command[0]
        result = run("-w", str(REPO), *command, "-o", str(out))
        assert result.exit_code == 1, result.output
        assert "ổ đĩa đã đầy" in result.stderr, result.stderr
        assert "không lường trước" not in result.stderr and "No space" not in result.output
        assert not list(out.rglob("*.docx")) and not list(out.rglob(f"*{write.TEMP_SUFFIX}"))


# -- worker processes -------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # the field after the state is the parent's pid
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc (Linux)")
def test_workers_exit_when_the_batch_is_killed(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plans", ws / "plans")
    (ws / "templates").mkdir()
    doc = Document(str(REPO / "templates" / "ke-hoach.docx"))
    # Slow enough that workers are busy when the parent dies.
    doc.add_paragraph("{% for i in range(2000) %}{% for j in range(400) %}{% endfor %}{% endfor %}")
    doc.save(str(ws / "templates" / "ke-hoach.docx"))
    command = [*KEHOACH, "-w", str(ws), "batch", "-q", "-j", "2", "-o", str(tmp_path / "out")]
    parent = subprocess.Popen(command, cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) == 2, "the batch should have started two workers"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if _alive(w)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "workers must exit when the parent dies"
