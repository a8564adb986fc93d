"""The saved-session record: constants, encoding, reading, parsing and validating a file."""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from quiz.engine.session import Session
from quiz.store.errors import NotASavedSession, StoreError, not_a_saved_session

FORMAT = "quiz-session"
"""The marker of every saved-session file; a file without it is never read, nor overwritten."""

FORMAT_VERSION = 1
"""The saved-session format this code writes; it reads this version only."""

MAX_SESSION_BYTES = 32 * 1024 * 1024
"""Larger files are refused before they are parsed."""

MAX_LABEL = 200
SUFFIX = ".json"


@dataclass(frozen=True)
class SavedInfo:
    """What a saved session says about itself, read without a bank."""

    path: Path
    protected: bool
    bank_id: str
    bank_version: str
    bank_hash: str
    bank_title: str
    label: str
    saved_at: str
    answered: int
    position: str | None = None
    answers: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


def encode_session(session: Session, label: str, now: datetime) -> bytes:
    """The plain (unprotected) file content for a session saved at `now`."""
    bank = session.bank
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bank": {"id": bank.id, "version": bank.version, "content_hash": bank.content_hash,
                 "title": bank.title},
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in session.answers.items()},
        "position": session.position,
        "label": label,
        "saved_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8") + b"\n"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def when_words(saved_at: str, now: datetime | None = None) -> str:
    """When a save was made, in the person's local time and the words people read: "today at 14:05",
    "yesterday at 21:30", "2 December at 09:10", "2 December 2024 at 09:10".

    Args:
        saved_at: The file's `saved_at` (ISO 8601, UTC with a Z); anything else is given back as is.
        now: The moment to speak from, with its time zone (default: now, in the local time zone).
    """
    try:
        moment = datetime.fromisoformat(saved_at.replace("Z", "+00:00"))
    except ValueError:
        return saved_at
    if moment.tzinfo is None:
        return saved_at
    now = now if now is not None else datetime.now().astimezone()
    local = moment.astimezone(now.tzinfo)
    clock = f"{local:%H:%M}"
    if local.date() == now.date():
        return f"today at {clock}"
    if local.date() == (now - timedelta(days=1)).date():
        return f"yesterday at {clock}"
    year = "" if local.year == now.year else f" {local.year}"
    return f"{local.day} {MONTHS[local.month - 1]}{year} at {clock}"


def read_session_bytes(path: Path) -> bytes:
    """A saved file's bytes, refusing what cannot be one (a folder, a file over the size limit)."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StoreError(f"{name}: no such file") from None
    except OSError as exc:
        raise StoreError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise not_a_saved_session(name, "not a regular file")
    if st.st_size > MAX_SESSION_BYTES:
        raise not_a_saved_session(name, f"{st.st_size:,} bytes, over the {MAX_SESSION_BYTES:,}-byte limit")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SESSION_BYTES + 1)
    except OSError as exc:
        raise StoreError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_SESSION_BYTES:
        raise not_a_saved_session(name, "grew past the size limit while reading")
    return data


def parse_saved(name: str, data: bytes) -> dict[str, Any]:
    """A saved file's JSON object, or NotASavedSession."""
    if not data.strip():
        raise not_a_saved_session(name, "empty file")
    try:
        obj = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise not_a_saved_session(name, "not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise not_a_saved_session(name, "not complete JSON; it may be truncated or damaged") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise not_a_saved_session(name, "no quiz-session marker")
    version = obj.get("format_version")
    if type(version) is not int or version < 1:
        raise not_a_saved_session(name, "bad format version")
    if version > FORMAT_VERSION:
        raise NotASavedSession(f"{name} was saved by a newer quiz (format {version}); update "
                               "quiz to open it")
    return obj


def check_plain(name: str, obj: Mapping[str, Any]) -> None:
    """Refuse a plain saved-session object whose fields are missing or of the wrong type."""
    bank = obj.get("bank")
    if not isinstance(bank, dict):
        raise not_a_saved_session(name, "`bank` is missing")
    for key in ("id", "version", "content_hash"):
        if not isinstance(bank.get(key), str) or not bank[key]:
            raise not_a_saved_session(name, f"`bank.{key}` is missing")
    if not isinstance(bank.get("title", ""), str):
        raise not_a_saved_session(name, "`bank.title` is not text")
    answers = obj.get("answers")
    if not isinstance(answers, dict):
        raise not_a_saved_session(name, "`answers` is not a mapping")
    for key, value in answers.items():
        ok = isinstance(value, str | int) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value))
        if not ok:
            raise not_a_saved_session(name, f"the answer to `{key[:60]}` is not an answer value")
    if not isinstance(obj.get("position"), str | None):
        raise not_a_saved_session(name, "`position` is not a question id")
    for key in ("label", "saved_at"):
        if not isinstance(obj.get(key, ""), str):
            raise not_a_saved_session(name, f"`{key}` is not text")


def sniff(path: Path) -> str | None:
    """"plain" or "protected" for a file with the saved-session marker, else None; never raises."""
    try:
        obj = parse_saved(str(path), read_session_bytes(path))
    except StoreError:
        return None
    return "protected" if "protected" in obj else "plain"
