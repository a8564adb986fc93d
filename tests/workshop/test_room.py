"""Room totals: exact under concurrency, hidden below the threshold, anonymous by construction."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
import stat
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.synchronize import Barrier as ProcessBarrier
from pathlib import Path
from threading import Barrier

import pytest

from quiz.bank.model import Bank
from quiz.cli import main
from quiz.room.totals import Room, RoomError, export_csv, room_path

AGE = ["adult", "minor"]
PROCESSES, EACH = 3, 10
"""Thirty participants: a few interpreters (spawning thirty on two cores costs seconds), ten each."""


def _participant(i: int, start: Barrier) -> None:
    start.wait(timeout=60)  # every participant of this process writes at the same moment
    with Room("class") as room:
        room.record("age", None, AGE[i % 2])
        room.record("topics", None, ("pain", "desire") if i % 3 == 0 else ("desire",))
        if i % 5 == 0:  # changes their mind: the old answer must be taken back exactly once
            room.record("age", AGE[i % 2], AGE[(i + 1) % 2])


def _participants(data_home: str, first: int, ready: ProcessBarrier) -> None:
    """One process: EACH participants, each on its own thread and connection, all writing at once."""
    os.environ["XDG_DATA_HOME"] = data_home
    start = Barrier(EACH)
    ready.wait(timeout=60)  # and every process starts together, so writers of different processes overlap too
    with ThreadPoolExecutor(EACH) as pool:
        for done in [pool.submit(_participant, i, start) for i in range(first, first + EACH)]:
            done.result()  # a participant's error fails the process


def test_thirty_participants_at_once_give_exact_totals(data_home: Path, bank: Bank) -> None:
    with Room("class", create=True) as room:
        room.bind(bank)
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(PROCESSES)
    procs = [ctx.Process(target=_participants, args=(str(data_home), n * EACH, ready))
             for n in range(PROCESSES)]
    for proc in procs:
        proc.start()
    try:
        for proc in procs:
            proc.join(timeout=120)
    finally:
        for proc in procs:
            if proc.exitcode is None:
                proc.kill()
    assert [proc.exitcode for proc in procs] == [0] * PROCESSES
    expected_age = {"adult": 0, "minor": 0}
    for i in range(30):
        final = AGE[(i + 1) % 2] if i % 5 == 0 else AGE[i % 2]
        expected_age[final] += 1
    with Room("class") as room:
        live = room.all_totals()  # every count, published or not yet: none lost to the concurrency
        age, topics = room.totals("age"), room.totals("topics")
    assert live["age"] == (30, expected_age)
    assert live["topics"] == (30, {"desire": 30, "pain": 10})
    assert age.answered == topics.answered == 30  # the last five first answers published a figure
    assert dict(topics.counts or ()) == {"desire": 30, "pain": 10}


def test_totals_hidden_below_k_and_shown_at_k(data_home: Path, bank: Bank) -> None:
    with Room("k", create=True) as room:
        room.bind(bank)
        for n in range(1, 6):
            room.record("age", None, "adult")
            t = room.totals("age", min_count=5)
            assert t.answered == (5 if n == 5 else 0)  # below K not even how many answered is shown
            if n < 5:
                assert t.counts is None
            else:
                assert t.counts == (("adult", 5),)


def test_database_holds_only_counters(data_home: Path, bank: Bank) -> None:
    with Room("anon", create=True) as room:
        room.bind(bank)
        room.record("age", None, "adult")
        room.record("topics", None, ("pain",))
    db = sqlite3.connect(room_path("anon"))
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"meta", "answered", "counts", "published", "published_answered"}
    cols = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in tables}
    assert cols["counts"] == cols["published"] == ["question", "value", "n"]
    assert cols["answered"] == cols["published_answered"] == ["question", "n"]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    mode = stat.S_IMODE(room_path("anon").stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(room_path("anon").parent.stat().st_mode) == 0o700


def test_room_for_another_bank_is_refused(data_home: Path, bank: Bank) -> None:
    with Room("mixed", create=True) as room:
        room.db.execute("INSERT INTO meta VALUES ('bank', 'other-bank')")
        with pytest.raises(RoomError, match="other-bank"):
            room.bind(bank)


def test_bad_room_names_are_refused(data_home: Path) -> None:
    for name in ("", "../x", "Class", "a b", "x" * 41):
        with pytest.raises(RoomError):
            room_path(name)


def test_export_and_clear_cli(data_home: Path, bank: Bank, capsys: pytest.CaptureFixture[str],
                              tmp_path: Path) -> None:
    with Room("cli", create=True) as room:
        room.bind(bank)
        for _ in range(5):
            room.record("age", None, "adult")
        room.record("topics", None, ("pain",))
        text = export_csv(room, bank)
    assert "age,adult,\"Yes, 18 or older\",5,5" in text
    assert "topics,,fewer than 5 answers: hidden,," in text and ",1\n" not in text
    out = tmp_path / "totals.csv"
    assert main(["room", "export", "cli", "-o", str(out)]) == 0
    assert out.read_text().startswith("question,value,label,count,answered")
    assert main(["room", "clear", "cli"]) == 0
    assert "Cleared room `cli`" in capsys.readouterr().out
    assert not room_path("cli").exists()
    assert main(["room", "clear", "cli"]) == 0
    assert "nothing to clear" in capsys.readouterr().out
    assert main(["room", "export", "nope"]) == 2
    assert "no room named `nope`" in capsys.readouterr().err


def test_corrupt_room_file_is_a_clear_error(data_home: Path) -> None:
    path = room_path("broken")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(RoomError, match="not a usable room database"):
        Room("broken")
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_a_session_counts_chosen_answers_only(data_home: Path, bank: Bank) -> None:
    """`quiz take --room` and the room page count through one listener: free text never reaches the room."""
    from quiz.engine.session import Session
    from quiz.room.totals import counter

    with Room("typed", create=True) as room:
        room.bind(bank)
        session = Session(bank, listener=counter(room, bank))
        for qid, value in (("age", "adult"), ("worry", 2), ("calm", 1), ("topics", ["pain"]),
                           ("pain-now", "yes"), ("myth", False), ("notes", "a name and a place")):
            session.answer(value, qid)
        live = room.all_totals()
    assert set(live) == {"age", "worry", "calm", "topics", "pain-now", "myth"}  # not "notes"
    assert live["topics"] == (1, {"pain": 1}) and live["myth"] == (1, {"false": 1})
    assert b"a name and a place" not in room_path("typed").read_bytes()
