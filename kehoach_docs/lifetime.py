"""How long this process lives: set by the `kehoach` command, whose process ends with its
command. A program that uses the library keeps the default (its process lives on)."""

from __future__ import annotations

import gc

# True: what a command loads may stay until the process ends (see workspace._no_collection).
ONE_COMMAND = False


def command_starts() -> None:
    """The `kehoach` command starts. Until its work begins (`work_begins`) it only loads
    modules: classes, functions, pydantic's models, all kept to the end. The cyclic
    collector, run again and again over them as they pile up (a full pass over all of
    them among others), took 32 ms of `validate`'s 440: it waits until the work."""
    global ONE_COMMAND
    ONE_COMMAND = True
    gc.disable()


def work_begins() -> None:
    """The command's modules are loaded and its work begins: what loading made is set aside
    from the collector for good (it lives as long as the process; the few hundred cycles
    the imports left are not worth a full pass over tens of thousands of objects), and
    the collector runs again for what the work makes."""
    if ONE_COMMAND and not gc.isenabled():
        gc.freeze()
        gc.enable()
