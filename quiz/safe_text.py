"""Bank text made safe for a terminal: control characters removed, so escape sequences stay inert.

A module of its own, with nothing to import, so the app can use it without loading the reports.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def clean(text: str) -> str:
    """Text with terminal control characters removed, so escape sequences in a bank stay inert."""
    return _CONTROL.sub("", text)
