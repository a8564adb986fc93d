"""Bank text made safe for a terminal: control characters removed or shown, so escape sequences stay inert.

A module of its own, with nothing to import, so the app and quiz.errors can use it without loading more.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")
"""Terminal control characters other than tab and newline (which prose may hold)."""


def clean(text: str) -> str:
    """Text with terminal control characters removed, so escape sequences in a bank stay inert."""
    return CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Text for a single line of a log: newline and tab shown as `\\n` and `\\t`, other controls as `?`."""
    return CONTROL.sub("?", text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))
