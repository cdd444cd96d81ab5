"""Work done beside the main work (the consolidated workbook beside its report): the same
result as done in place, an error said as in place, and no copy left behind."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from kehoach_docs.beside import beside
from kehoach_docs.errors import KehoachError

PARENT = os.getpid()


def test_the_result_is_the_work_s_done_elsewhere_where_the_system_forks() -> None:
    def work() -> bytes:
        # Where it was done, in its result; larger than a pipe holds at once.
        return str(os.getpid()).encode().ljust(200_000, b".")

    with beside(work) as result:
        data = result()
    assert len(data) == 200_000
    assert (int(data.rstrip(b".")) != PARENT) == sys.platform.startswith("linux")


def test_a_copy_that_fails_leaves_the_work_to_this_process() -> None:
    def work() -> bytes:
        if os.getpid() != PARENT:
            os._exit(3)  # killed, crashed: nothing comes down the pipe
        return b"made here"

    with beside(work) as result:
        assert result() == b"made here"


def test_an_error_of_the_work_is_said_as_in_place() -> None:
    def work() -> bytes:
        raise KehoachError("không ghi được bảng tổng hợp")

    with beside(work) as result, pytest.raises(KehoachError, match="bảng tổng hợp"):
        result()


def test_leaving_without_asking_ends_the_copy(tmp_path: Path) -> None:
    marker = tmp_path / "still-running"

    def work() -> bytes:
        time.sleep(1)
        marker.write_text("x")
        return b""

    with pytest.raises(RuntimeError), beside(work):
        raise RuntimeError("the report failed first")
    time.sleep(1.5)
    assert not marker.exists()


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


def test_a_copy_that_cannot_start_leaves_the_work_here_and_nothing_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    before = _open_descriptors()
    with beside(lambda: str(os.getpid()).encode()) as result:
        assert result() == str(PARENT).encode()
    assert _open_descriptors() == before


def test_no_copy_of_a_process_running_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with beside(lambda: str(os.getpid()).encode()) as result:
            assert result() == str(PARENT).encode()  # a copy could find a lock held
    finally:
        stop.set()
        other.join()


def test_no_output_stream_is_no_obstacle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # pythonw on Windows; a closed stdout
    with beside(lambda: b"x" * 10) as result:
        assert result() == b"x" * 10
