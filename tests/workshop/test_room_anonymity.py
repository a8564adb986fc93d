"""Room totals stay anonymous: readings at n and n+1 participants never reveal the new answer.

Issue 16: exporting at 5 participants and again at 6 gave the sixth person's answers, and below K the
`answered` column counted 1-4. The presenter's reading (`Room.totals`) and the export (`export_csv`)
are taken after every answer of generated rooms, and checked against README's guarantee.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.bank.model import Bank
from quiz.room.totals import ItemTotals, Room, export_csv

from .conftest import FULL

QUESTION = "age"
VALUES = ("adult", "minor")

Event = tuple[int, str | None]
"""One participant (by number) answers a value, or takes their answer back (None)."""


@contextmanager
def fresh_room(k: int) -> Iterator[Room]:
    with tempfile.TemporaryDirectory() as home, mock.patch.dict(os.environ, {"XDG_DATA_HOME": home}):
        room = Room("prop", create=True, min_count=k)
        try:
            yield room
        finally:
            room.close()


def reading(room: Room, bank: Bank) -> tuple[ItemTotals, list[list[str]]]:
    """What the presenter shows for the item, and its rows in the export."""
    rows = list(csv.reader(io.StringIO(export_csv(room, bank))))[1:]
    return room.totals(QUESTION), [r for r in rows if r[0] == QUESTION]


def replay(events: list[Event], k: int, bank: Bank) -> list[tuple[ItemTotals, list[list[str]]]]:
    """The readings after each event, from an empty room."""
    out = []
    with fresh_room(k) as room:
        room.bind(bank)
        answers: dict[int, str | None] = {}
        for person, value in events:
            room.record(QUESTION, answers.get(person), value)
            answers[person] = value
            out.append(reading(room, bank))
    return out


def load_full() -> Bank:
    from quiz.bank.check import load_bank

    return load_bank(FULL)


BANK = load_full()

events_st = st.lists(st.tuples(st.integers(0, 9), st.sampled_from((*VALUES, None))), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(events=events_st, k=st.integers(2, 5), data=st.data())
def test_readings_at_n_and_n_plus_1_never_reveal_the_new_answer(events: list[Event], k: int, data: Any) -> None:
    readings = replay(events, k, BANK)
    live: dict[int, str | None] = {}
    shown_answered = 0
    hidden = [[QUESTION, "", f"fewer than {k} answers: hidden", "", ""]]
    before: tuple[ItemTotals, list[list[str]]] = (ItemTotals(QUESTION, 0, None), hidden)  # an empty room
    for (person, value), now in zip(events, readings, strict=True):
        live[person] = value
        totals, rows = now
        # The presenter and the export read the same published figure.
        if totals.counts is None:
            assert totals.answered == 0
            assert rows == hidden
        else:
            assert {r[1]: int(r[3]) for r in rows} == {v: dict(totals.counts).get(v, 0) for v in VALUES}
            assert {int(r[4]) for r in rows} == {totals.answered}
        if now != before:
            # A new figure: at least K more people answered since the last one, so the new answer is
            # one of K or more, mixed together; and the figure is the room's true count at that moment.
            assert totals.answered >= shown_answered + k
            assert totals.answered >= k
            given_now = [v for v in live.values() if v is not None]
            assert totals.answered == len(given_now)
            shown = {v: c for v, c in totals.counts or () if c}  # a value chosen and then taken back counts 0
            assert shown == {v: given_now.count(v) for v in VALUES if v in given_now}
            shown_answered = totals.answered
        before = now
    # Whether a figure changed at step i never depends on the value given then: replaying with any
    # other value at step i gives a reading that changes (or stays) exactly when this one did, and a
    # reading that stayed is the same whatever that value was.
    i = data.draw(st.integers(0, len(events) - 1), label="step")
    person, value = events[i]
    if value is None:
        return
    other = next(v for v in VALUES if v != value)
    swapped = replay([*events[:i], (person, other), *events[i + 1:]][: i + 1], k, BANK)
    previous = readings[i - 1] if i else (ItemTotals(QUESTION, 0, None), hidden)
    original_changed = readings[i] != previous
    swapped_changed = swapped[i] != previous
    assert original_changed == swapped_changed
    if not original_changed:
        assert swapped[i] == readings[i]


def test_export_at_five_and_six_does_not_give_the_sixth_answer(data_home: Any, bank: Bank) -> None:
    """Issue 16's attack, replayed: export at 5 participants and again at 6."""
    with Room("six", create=True) as room:
        room.bind(bank)
        for _ in range(5):
            room.record(QUESTION, None, "adult")
        at_five = export_csv(room, bank)
        room.record(QUESTION, None, "minor")
        assert export_csv(room, bank) == at_five
        assert room.totals(QUESTION) == room.totals(QUESTION, 5)
        for _ in range(4):
            room.record(QUESTION, None, "adult")
        at_ten = room.totals(QUESTION)
    assert at_ten.answered == 10 and dict(at_ten.counts or ()) == {"adult": 9, "minor": 1}


def test_nothing_below_k_not_even_how_many(data_home: Any, bank: Bank) -> None:
    with Room("few", create=True) as room:
        room.bind(bank)
        readings = set()
        for _ in range(4):
            room.record(QUESTION, None, "adult")
            readings.add(export_csv(room, bank))
            assert room.totals(QUESTION, 1) == ItemTotals(QUESTION, 0, None)  # a reader cannot ask below K
    assert len(readings) == 1


def test_a_changed_answer_alone_publishes_nothing(data_home: Any, bank: Bank) -> None:
    with Room("change", create=True) as room:
        room.bind(bank)
        for _ in range(5):
            room.record(QUESTION, None, "adult")
        shown = room.totals(QUESTION)
        room.record(QUESTION, "adult", "minor")  # one of the five changes their mind
        assert room.totals(QUESTION) == shown
