"""Anonymous room totals for workshops: counts per option in a local SQLite file, nothing per person.

The database holds only counters: how many participants answered each item, and how many chose each
value. No row identifies a participant, no row links two answers, and nothing records when an answer
was given, so the file cannot be used to rebuild any one person's answers.

What anyone reads (the presenter, `quiz room export`) is the item's *published* figure, never the live
counters. An item's figure is published only when the number who answered it has grown by at least K
(the room's `min_count`) since its last published figure, and the decision looks only at that number,
never at the values. So two readings either are the same, whatever the answers given in between, or
differ by the answers of at least K more people, mixed together; and until K people answered, nothing
is shown, not even how many answered. Answers changed in between are mixed into the next figure too.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quiz.bank.model import DECLINED, Answer, Bank
from quiz.errors import QuizError
from quiz.paths import user_data_dir
from quiz.safe_text import csv_cell, one_line
from quiz.store.atomic import make_private_dirs

DEFAULT_MIN_COUNT = 5
"""Totals for an item stay hidden until this many participants answered it (k-anonymity)."""

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")  # always fullmatch: `$` would let `name\n` through
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answered (question TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counts (question TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
                                   PRIMARY KEY (question, value));
CREATE TABLE IF NOT EXISTS published_answered (question TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS published (question TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
                                      PRIMARY KEY (question, value));
"""


class RoomError(QuizError):
    """A room name or database that cannot be used."""


@dataclass(frozen=True)
class ItemTotals:
    """One item's published figure: how many answered it and how many chose each value; 0 and None
    while nothing is published (fewer than K answered), so a reading below K says nothing at all."""

    question: str
    answered: int
    counts: tuple[tuple[str, int], ...] | None


def rooms_dir() -> Path:
    """Where room databases live."""
    return user_data_dir() / "rooms"


def room_path(name: str) -> Path:
    """The database file of a room, after checking the name."""
    if not _NAME.fullmatch(name):
        raise RoomError(f"`{one_line(name)}` is not a usable room name: use 1 to 40 lowercase letters, digits, "
                        "`-` or `_`, starting with a letter or digit")
    return rooms_dir() / f"{name}.sqlite3"


def counter_keys(value: Any) -> list[str]:
    """The counter keys for one answer value (one per chosen option for checklists)."""
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value)]


class Room:
    """An open room database. Safe to use from many processes at once (WAL, short transactions)."""

    def __init__(self, name: str, *, create: bool = False, min_count: int = DEFAULT_MIN_COUNT) -> None:
        """Open the room `name`; `create` makes it if missing, publishing in steps of `min_count` (K).

        K is the room's from its creation on: a reader may ask for more (`totals`), never for less.
        """
        self.name = name
        self.path = room_path(name)
        if not self.path.exists():
            if not create:
                raise RoomError(f"no room named `{name}` (it is created by `quiz serve BANK --room {name}`)")
            make_private_dirs(self.path.parent)  # the data folder and its parents too, owner-only like saves
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            # No flush to disk at each commit: with WAL the file stays whole after any crash of quiz,
            # and only a power cut could lose the last counts; a flush per answer cost 7 ms on a busy
            # laptop, so 200 answers at once queued for over a second.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=30000")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise RoomError(f"{self.path}: not a usable room database ({exc}); "
                            f"`quiz room clear {name}` removes it") from None
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('min_count', ?)", (str(max(1, min_count)),))
        row = self.db.execute("SELECT value FROM meta WHERE key='min_count'").fetchone()
        self.min_count = max(1, int(row[0])) if str(row[0]).isdigit() else DEFAULT_MIN_COUNT
        """K: an item's figure is published only when this many more answered it since the last one."""

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Room:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def bind(self, bank: Bank) -> None:
        """Tie the room to one bank; a room started for another bank is refused."""
        row = self.db.execute("SELECT value FROM meta WHERE key='bank'").fetchone()
        if row is None:
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('bank', ?)", (bank.id,))
        elif row[0] != bank.id:
            raise RoomError(f"room `{self.name}` holds totals for the bank `{row[0]}`, not `{bank.id}`; "
                            f"use another room name or `quiz room clear {self.name}`")

    def bank_id(self) -> str | None:
        """The bank this room is for, if any answer arrived yet."""
        row = self.db.execute("SELECT value FROM meta WHERE key='bank'").fetchone()
        return None if row is None else str(row[0])

    def record(self, question: str, old: Any, new: Any) -> None:
        """Count a participant's answer to one item; `old` is their previous answer (None if first)."""
        old_keys = [] if old is None or old == DECLINED else counter_keys(old)
        new_keys = [] if new is None or new == DECLINED else counter_keys(new)
        was, now = bool(old_keys), bool(new_keys)
        if old_keys == new_keys:
            return
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for k in old_keys:
                cur.execute("UPDATE counts SET n = n - 1 WHERE question=? AND value=? AND n > 0",
                            (question, k))
            for k in new_keys:
                cur.execute("INSERT INTO counts VALUES (?, ?, 1) ON CONFLICT(question, value) "
                            "DO UPDATE SET n = n + 1", (question, k))
            if now and not was:
                cur.execute("INSERT INTO answered VALUES (?, 1) ON CONFLICT(question) DO UPDATE SET n = n + 1",
                            (question,))
            elif was and not now:
                cur.execute("UPDATE answered SET n = n - 1 WHERE question=? AND n > 0", (question,))
            self._publish_if_due(cur, question)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _publish_if_due(self, cur: sqlite3.Cursor, question: str) -> None:
        """Publish the item's live counters once at least K more answered it than its last figure says.

        Only the number who answered decides, never the values: whether a new answer makes a figure
        appear says nothing about what it was.
        """
        row = cur.execute("SELECT n FROM answered WHERE question=?", (question,)).fetchone()
        live = int(row[0]) if row else 0
        row = cur.execute("SELECT n FROM published_answered WHERE question=?", (question,)).fetchone()
        shown = int(row[0]) if row else 0
        if live - shown < self.min_count:
            return
        cur.execute("DELETE FROM published WHERE question=?", (question,))
        cur.execute("INSERT INTO published SELECT question, value, n FROM counts WHERE question=?", (question,))
        cur.execute("INSERT INTO published_answered VALUES (?, ?) ON CONFLICT(question) DO UPDATE SET n = ?",
                    (question, live, live))

    def totals(self, question: str, min_count: int | None = None) -> ItemTotals:
        """One item's published figure; (0, None) until one is published with at least `min_count`
        answers (the room's K is the least: a reader can ask for more, not less)."""
        row = self.db.execute("SELECT n FROM published_answered WHERE question=?", (question,)).fetchone()
        n = int(row[0]) if row else 0
        if n < max(self.min_count, min_count or 1):
            return ItemTotals(question, 0, None)
        rows = self.db.execute("SELECT value, n FROM published WHERE question=? ORDER BY value",
                               (question,)).fetchall()
        return ItemTotals(question, n, tuple((str(v), int(c)) for v, c in rows))

    def published_totals(self) -> dict[str, tuple[int, dict[str, int]]]:
        """Every item's published figure: participant count and value counts (what the export shows)."""
        out: dict[str, tuple[int, dict[str, int]]] = {}
        for q, n in self.db.execute("SELECT question, n FROM published_answered"):
            out[q] = (int(n), {})
        for q, v, c in self.db.execute("SELECT question, value, n FROM published"):
            out.setdefault(q, (0, {}))[1][v] = int(c)
        return out

    def all_totals(self) -> dict[str, tuple[int, dict[str, int]]]:
        """Every item's live counters, unpublished: never shown to anyone (bench/room.py reads them to
        see that an answer was counted)."""
        out: dict[str, tuple[int, dict[str, int]]] = {}
        for q, n in self.db.execute("SELECT question, n FROM answered"):
            out[q] = (int(n), {})
        for q, v, c in self.db.execute("SELECT question, value, n FROM counts"):
            out.setdefault(q, (0, {}))[1][v] = int(c)
        return out


def counter(room: Room, bank: Bank) -> Callable[[str, Answer | None, Answer | None], None]:
    """A session listener that counts a participant's answers into `room`: answers to items with
    options only (free text is never counted: it could name someone, and only counts are kept); a
    failed count never stops the participant (the tally is best effort, their own take goes on)."""
    counted = frozenset(q.id for q in bank.questions if q.choices())

    def record(question: str, old: Answer | None, new: Answer | None) -> None:
        if question in counted:
            try:
                room.record(question, old, new)
            except sqlite3.Error:
                pass

    return record


def export_csv(room: Room, bank: Bank | None, min_count: int | None = None) -> str:
    """The room's published totals as CSV, the same figures the presenter shows.

    Every item of the bank is listed whatever was answered; one with no figure published yet (fewer
    than K answered) has no counts and no number answered.
    """
    buf = io.StringIO()
    w = csv.writer(buf)
    def row(*cells: object) -> None:  # bank and participant text: no formula cell, no raw ESC
        w.writerow([csv_cell(c) for c in cells])

    row("question", "value", "label", "count", "answered")
    data = room.published_totals()
    k = max(room.min_count, min_count or 1)
    order: Iterable[str] = [q.id for q in bank.questions if q.choices()] if bank else sorted(data)
    for qid in order:
        n, counts = data.get(qid, (0, {}))
        q = bank.by_id.get(qid) if bank else None
        if n < k:
            row(qid, "", f"fewer than {k} answers: hidden", "", "")
            continue
        values: list[Any] = [v for v, _ in q.choices()] if q else sorted(counts)
        for v in values:
            key = counter_keys(v)[0]
            row(qid, key, q.label_of(v) if q else key, counts.get(key, 0), n)
    return buf.getvalue()


def clear_room(name: str) -> list[Path]:
    """Delete a room's database files; returns what was removed."""
    base = room_path(name)
    removed = []
    for p in (base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")):
        if p.exists():
            p.unlink()
            removed.append(p)
    return removed
