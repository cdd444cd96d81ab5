"""What a command loads is set aside from the cyclic collector only in the `kehoach`
process, which ends with its command; a program using the library gets it all back."""

from __future__ import annotations

import gc
import subprocess
import sys

from conftest import REPO

from kehoach_docs import lifetime
from kehoach_docs.workspace import load_project


def test_a_program_using_the_library_keeps_nothing_frozen() -> None:
    assert not lifetime.ONE_COMMAND
    before = gc.get_freeze_count()
    for _ in range(3):
        load_project(REPO)
    assert gc.get_freeze_count() == before


def test_the_kehoach_command_sets_what_it_loaded_aside() -> None:
    code = (
        "import gc, sys; from kehoach_docs import __main__ as m; "
        "sys.argv = ['kehoach', 'validate']\n"
        "try:\n    m.run()\nexcept SystemExit:\n    pass\n"
        "print(gc.get_freeze_count())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert int(done.stdout.strip().splitlines()[-1]) > 10_000
