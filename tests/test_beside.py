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
