"""The `kehoach` command and `python -m kehoach_docs`: Ctrl-C answered from the first instant.

Importing the CLI (Click, then the commands) takes a moment; a Ctrl-C in it would
otherwise print a traceback instead of the message and exit code of every other moment.
"""

import sys

from .errors import EXIT_INTERRUPTED, INTERRUPTED


def run() -> None:
    try:
        from . import lifetime
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(EXIT_INTERRUPTED)
    # This process ends with the command: what it loads may stay out of the collector.
    lifetime.ONE_COMMAND = True
    main(prog_name="kehoach")


if __name__ == "__main__":
    run()
