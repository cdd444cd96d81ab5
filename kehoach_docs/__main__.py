"""The `kehoach` command and `python -m kehoach_docs`: Ctrl-C answered from the first
instant to the last.

Importing the CLI (Click, then the commands) takes a moment; a Ctrl-C in it would
otherwise print a traceback instead of the message and exit code of every other moment.
A Ctrl-C as the command ends (its exit unwinding, the interpreter closing down) would
otherwise kill the process by the signal, with no word: the exit is made deaf to it.
"""

import signal
import sys
import types

from . import lifetime
from .errors import EXIT_INTERRUPTED, INTERRUPTED

_PLUGIN_LOADER = "pydantic.plugin._loader"


def _without_pydantic_plugins() -> None:
    """This command's models use no pydantic plugin, and pydantic looks for plugins when
    it builds its first model: its loader imports importlib.metadata (35 ms of every
    command's start) and reads every installed package's entry points. Here the loader
    is one that finds none, as PYDANTIC_DISABLE_PLUGINS=__all__ makes pydantic's own,
    without that import; anything else asked of it comes from pydantic's own."""
    if _PLUGIN_LOADER in sys.modules:
        return
    loader = types.ModuleType(_PLUGIN_LOADER)

    def get_plugins() -> tuple[()]:
        return ()

    def anything_else(name: str) -> object:
        import importlib

        if name.startswith("__"):  # (what the import system asks of any module)
            raise AttributeError(name)
        if sys.modules.get(_PLUGIN_LOADER) is loader:
            del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = anything_else  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = loader


def _interrupted() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr.write(INTERRUPTED + "\n")
    sys.exit(EXIT_INTERRUPTED)


def run() -> None:
    # This process ends with the command (see lifetime).
    lifetime.command_starts()
    _without_pydantic_plugins()
    try:
        from .cli import main
    except KeyboardInterrupt:
        _interrupted()
    try:
        main(prog_name="kehoach")  # (always ends by SystemExit, with the command's code)
    except KeyboardInterrupt:
        _interrupted()  # Ctrl-C while the command's own exit was under way
    finally:
        # The command has said all it had to say: its exit is not cut short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    run()
