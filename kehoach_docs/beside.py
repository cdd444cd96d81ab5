"""Work done beside the main work: in a copy of this process where the system forks.

The consolidated report and its workbook are made from the same figures; on a machine
with two cores the workbook is made in a forked copy while the report is rendered, and
the command takes the time of the longer of the two, not of both. Where the system does
not fork (Windows) or forks unsafely (macOS), the work is done when its result is asked
for, as it always was.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator

_LENGTH = 8  # bytes of the length that comes before the result


@contextlib.contextmanager
def beside(work: Callable[[], bytes]) -> Iterator[Callable[[], bytes]]:
    """Start `work` in a forked copy of this process; give a function that returns its
    result. A copy that fails, or is killed, leaves nothing behind: the work is then
    done here, so that its error, if any, is said as this process would say it. Leaving
    the block before asking (an error, Ctrl-C) ends the copy."""
    if not sys.platform.startswith("linux"):
        yield work
        return
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: its result down the pipe, then gone without clean-up
        code = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            data = work()
            with os.fdopen(write_end, "wb") as out:
                out.write(len(data).to_bytes(_LENGTH, "big"))
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    waited = False

    def result() -> bytes:
        nonlocal waited
        with pipe:
            raw = pipe.read()
        _, status = os.waitpid(pid, 0)
        waited = True
        size = int.from_bytes(raw[:_LENGTH], "big")
        if os.waitstatus_to_exitcode(status) == 0 and len(raw) == size + _LENGTH:
            return raw[_LENGTH:]
        return work()

    try:
        yield result
    finally:
        if not waited:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pipe.close()
