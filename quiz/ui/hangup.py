"""Leave when the terminal goes away (its window closed, the connection dropped), saving nothing.

Textual keeps reading a hung-up terminal, which only ever answers "end of input", and spins a core at
full speed for as long as nobody kills it, with the person's answers still in memory. The app checks
once a second that its terminal is still there, and leaves as the quick exit does if not.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from textual.app import App

CHECK_EVERY = 1.0
"""Seconds between checks."""

EXIT_HANGUP = 129
"""The exit status after the terminal hung up (128 + SIGHUP), as a shell reports it."""


def terminal_fd() -> int | None:
    """The terminal the app reads keys from, or None when there is none (or it has hung up)."""
    stream = sys.__stdin__
    try:
        fd = stream.fileno() if stream is not None else -1
        return fd if fd >= 0 and os.isatty(fd) else None
    except (OSError, ValueError):
        return None


def watch_terminal(app: App[Any]) -> None:
    """From now on, leave `app` at once when its terminal hangs up (not in tests or a browser)."""
    if app.is_headless or terminal_fd() is None:
        return

    def check() -> None:
        if terminal_fd() is None:
            app.exit(return_code=EXIT_HANGUP)

    app.set_interval(CHECK_EVERY, check)
