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


def _python(code: str) -> str:
    """What a program of its own process prints."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_kehoach_command_sets_what_it_loaded_aside() -> None:
    code = (
        "import gc, sys; from kehoach_docs import __main__ as m; "
        "sys.argv = ['kehoach', 'validate']\n"
        "try:\n    m.run()\nexcept SystemExit:\n    pass\n"
        "print(gc.get_freeze_count())"
    )
    assert int(_python(code).strip().splitlines()[-1]) > 10_000


def test_the_collector_waits_for_the_command_s_work_and_then_runs() -> None:
    # Off while the command's modules load (a full pass over all of them, among others,
    # was a tenth of `validate`); on again, the modules set aside, when its work begins:
    # a batch of 10,000 documents must not run without it.
    code = (
        "import gc, sys\n"
        "from kehoach_docs import api, __main__ as m\n"
        "seen = []\n"
        "def validate(root):\n"
        "    seen.append((gc.isenabled(), gc.get_freeze_count() > 10_000))\n"
        "    raise SystemExit(0)\n"
        "api.validate = validate\n"
        "sys.argv = ['kehoach', 'validate']\n"
        "try:\n    m.run()\nexcept SystemExit:\n    pass\n"
        "print(seen)"
    )
    assert _python(code).strip().splitlines()[-1] == "[(True, True)]"


def test_the_collector_is_left_alone_for_a_program_using_the_library() -> None:
    enabled = gc.isenabled()
    before = gc.get_freeze_count()
    lifetime.work_begins()
    assert gc.isenabled() == enabled and gc.get_freeze_count() == before


def _imported_by_the_command(*args: str) -> tuple[int, str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kehoach_docs", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    modules = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return done.returncode, done.stderr, modules


def test_the_kehoach_command_does_not_look_for_pydantic_plugins() -> None:
    # (pydantic's plugin loader imports importlib.metadata: 35 ms of every command.)
    code, errors, modules = _imported_by_the_command("validate")
    assert code == 0, errors
    assert "pydantic_core" in modules and "importlib.metadata" not in modules
    assert "Traceback" not in errors


def test_a_program_using_the_library_keeps_pydantic_s_plugin_loader() -> None:
    # The command's loader is its own process's: a program that imports the library
    # gets pydantic's own, and anything pydantic asks of the command's that it does not
    # have comes from pydantic's own.
    code = (
        "import sys; import kehoach_docs.api\n"
        "from kehoach_docs.workspace import load_project\n"
        "from pathlib import Path; load_project(Path('.'))\n"
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print(loader.__file__ is not None)\n"
        "del sys.modules['pydantic.plugin._loader']\n"
        "from kehoach_docs import __main__ as m; m._without_pydantic_plugins()\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP)\n"
    )
    assert _python(code).split() == ["True", "pydantic"]
