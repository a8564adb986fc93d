"""The person's own folders, from platformdirs; nothing here creates them."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "quiz"


def user_data_dir() -> Path:
    """Where saved sessions and the person's own banks live (created only when they save)."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_banks_dir() -> Path:
    """The person's own banks folder, listed by the launcher."""
    return user_data_dir() / "banks"


def sessions_dir() -> Path:
    """Where saved sessions go unless the person picks a path."""
    return user_data_dir() / "sessions"
