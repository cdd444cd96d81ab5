"""How long this process lives: set by the `kehoach` command, whose process ends with its
command. A program that uses the library keeps the default (its process lives on)."""

from __future__ import annotations

# True: what a command loads may stay until the process ends (see workspace._no_collection).
ONE_COMMAND = False
