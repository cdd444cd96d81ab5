"""Work done beside the main work: in a copy of this process where the system forks.

The consolidated report and its workbook are made from the same figures; on a machine
with two cores the workbook is made in a forked copy while the report is rendered, and
the command takes the time of the longer of the two, not of both. Where the system does
not fork (Windows) or forks unsafely (macOS, or a process running threads, which a copy
would find with their locks held), the work is done when its result is asked for, as it
always was.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

_LENGTH = 8  # bytes of the length that comes before the result


def forks() -> bool:
    """Whether this process may work in copies of itself now (here, and for the batch's
    workers): on Linux, with no other thread running."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


@contextlib.contextmanager
def beside(work: Callable[[], bytes]) -> Iterator[Callable[[], bytes]]:
    """Start `work` in a forked copy of this process; give a function that returns its
    result. A copy that cannot start, fails or is killed leaves the work to this process,
    so that its error, if any, is said as this process would say it. Leaving the block
    before asking (an error, Ctrl-C) ends the copy."""
    started = _start(work) if forks() else None
    if started is None:
        yield work
        return
    pid, pipe = started
    waited = False

    def result() -> bytes:
        nonlocal waited
        with pipe:
            raw = pipe.read()
        try:
            _, status = os.waitpid(pid, 0)
        finally:
            waited = True
        size = int.from_bytes(raw[:_LENGTH], "big")
        if os.waitstatus_to_exitcode(status) == 0 and len(raw) == size + _LENGTH:
            return raw[_LENGTH:]
        return work()

    try:
        yield result
    finally:
        if not waited:
            _end(pid)
            pipe.close()


def _end(pid: int) -> None:
    """The copy ended, and its exit collected, while it is still at work."""
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _start(work: Callable[[], bytes]) -> tuple[int, BinaryIO] | None:
    """The copy's process id and the end of the pipe its result comes through; None if
    the system cannot make one now (no memory, too many processes)."""
    for stream in (sys.stdout, sys.stderr):
        # What this process has buffered must not be written by the copy too.
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    # Ctrl-C is held back until the copy has said it ignores it: a copy interrupted
    # before that would run this process's own clean-up.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the copy: its result down the pipe, then gone without clean-up
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            os.close(read_end)
            data = work()
            with os.fdopen(write_end, "wb") as out:
                out.write(len(data).to_bytes(_LENGTH, "big"))
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    try:
        # A Ctrl-C held back is raised here, with the copy known and ended below.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    except BaseException:
        _end(pid)
        pipe.close()
        raise
    return pid, pipe
