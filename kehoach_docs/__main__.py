"""The `kehoach` command and `python -m kehoach_docs`: Ctrl-C answered from the first
instant to the last.

Importing the CLI (Click, then the commands) takes a moment; a Ctrl-C in it would
otherwise print a traceback instead of the message and exit code of every other moment.
A Ctrl-C as the command ends (its exit unwinding, the interpreter closing down) would
otherwise kill the process by the signal, with no word: the exit is made deaf to it.
"""

import signal
import sys

from .errors import EXIT_INTERRUPTED, INTERRUPTED


def _interrupted() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr.write(INTERRUPTED + "\n")
    sys.exit(EXIT_INTERRUPTED)


def run() -> None:
    try:
        from . import lifetime
        from .cli import main
    except KeyboardInterrupt:
        _interrupted()
    # This process ends with the command: what it loads may stay out of the collector.
    lifetime.ONE_COMMAND = True
    try:
        main(prog_name="kehoach")  # (always ends by SystemExit, with the command's code)
    except KeyboardInterrupt:
        _interrupted()  # Ctrl-C while the command's own exit was under way
    finally:
        # The command has said all it had to say: its exit is not cut short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    run()
