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
