"""Plain mode and the app, given the same answers, reach the same results: one flow behind both.

For random answer paths through every shipped bank (answer, tick, skip where allowed, prefer not to
say where offered, including answers that end a bank early), plain mode is fed the replies as lines
on its input and the app the same choices as key presses; both must end on results with the same
answers, dimension bands and suggestions.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

from quiz.bank.check import load_bank
from quiz.bank.model import DECLINED, Bank, Question
from quiz.engine.outcome import Outcome
from quiz.engine.session import Session
from quiz.paths import shipped_banks
from quiz.plain import PlainRunner
from quiz.ui.choices import answer_key
from quiz.ui.question import QuestionScreen
from quiz.ui.results import ResultsScreen
from quiz.ui.review import ReviewScreen

from ..profiles import examples
from .ui_helpers import SIZE, app_for

Decision = tuple[str, tuple[int, ...] | str]
"""What to do with one question: ("pick", indices), ("skip", ()), ("decline", ()) or ("text", words)."""

BANKS = {path.stem: load_bank(path) for path in shipped_banks()}


def decisions_for(q: Question) -> st.SearchStrategy[Decision]:
    """Every way a person may deal with one question, as Hypothesis draws them."""
    ways: list[st.SearchStrategy[Decision]] = []
    if q.kind == "text":
        ways.append(st.sampled_from(["", "fine"]).map(lambda words: ("text", words)))
    elif q.kind == "multiple":
        normal = [i for i, o in enumerate(q.options) if not o.exclusive]
        alone = [i for i, o in enumerate(q.options) if o.exclusive]
        low, high = max(1, q.min_choices), min(q.max_choices or len(normal), len(normal))
        if low <= high:
            ways.append(st.lists(st.sampled_from(normal), min_size=low, max_size=high, unique=True)
                        .map(lambda ticks: ("pick", tuple(sorted(ticks)))))
        if alone and q.min_choices <= 1:
            ways.append(st.sampled_from(alone).map(lambda i: ("pick", (i,))))
    else:
        ways.append(st.integers(0, len(q.choices()) - 1).map(lambda i: ("pick", (i,))))
    if q.can_skip:
        ways.append(st.just(("skip", ())))
    if q.prefer_not_to_say:
        ways.append(st.just(("decline", ())))
    return st.one_of(ways)


def paths(bank: Bank) -> st.SearchStrategy[dict[str, Decision]]:
    """One decision for every question of the bank (those a path never reaches go unused)."""
    return st.fixed_dictionaries({q.id: decisions_for(q) for q in bank.questions})


def plain_lines(bank: Bank, path: dict[str, Decision]) -> list[str]:
    """The lines plain mode reads for `path`, worked out by walking a session (no reveal or note needs
    a line): a reply per question shown, then Enter for the results unless an answer ended the bank."""
    session = Session(bank)
    lines = []
    while (q := session.current()) is not None:
        what, detail = path[q.id]
        if what == "skip":
            lines.append("s")
            session.skip()
            continue
        if what == "decline":
            lines.append("p")
            value: Any = DECLINED
        elif what == "text":
            assert isinstance(detail, str)
            lines.append(detail)
            value = detail
        else:
            assert isinstance(detail, tuple)
            lines.append(" ".join(str(i + 1) for i in detail))
            values = [q.choices()[i][0] for i in detail]
            value = values if q.kind == "multiple" else values[0]
        if session.answer(value).ended:
            return lines
    return [*lines, ""]


def run_plain(bank: Bank, path: dict[str, Decision]) -> tuple[dict[str, Any], Outcome]:
    out = io.StringIO()
    runner = PlainRunner(bank, io.StringIO("".join(f"{line}\n" for line in plain_lines(bank, path))), out)
    assert runner.run() == 0, out.getvalue()[-2000:]  # 1 would mean the input ran out before results
    return dict(runner.session.answers), runner.session.outcome()


def number_key(index: int) -> str:
    return answer_key(index)


def question_keys(q: Question, decision: Decision) -> list[str]:
    """The keys that carry out one decision on a question screen."""
    what, detail = decision
    if what == "skip":
        return ["s"]
    if what == "decline":
        return ["p"]
    if what == "text":
        assert isinstance(detail, str)
        return [*detail, "enter"]
    assert isinstance(detail, tuple)
    if q.kind == "multiple":
        return [*(number_key(i) for i in detail), "enter"]
    (i,) = detail
    return [number_key(i)]


async def wait_for(pilot: Pilot[Any], done: Callable[[], bool], what: str) -> None:
    """Let the app work until `done()` holds (no fixed sleep), then until it is idle again."""
    for attempt in range(200):
        if done():
            if attempt:
                await pilot.pause()  # the screen for the new step settles before the next key
            return
        await pilot.pause()
    raise AssertionError(f"the app never got to: {what}")


async def take_in_app(bank: Bank, path: dict[str, Decision]) -> tuple[dict[str, Any], Outcome]:
    app = app_for(bank)
    async with app.run_test(size=SIZE) as pilot:

        def step() -> object:
            return app.flow.step if app.flow is not None else None

        def moved_from(before: object) -> Callable[[], bool]:
            return lambda: step() is not before

        for _ in range(4 * len(bank.questions) + 10):
            screen = app.screen
            if isinstance(screen, ResultsScreen):
                assert app.session is not None
                return dict(app.session.answers), screen.outcome
            before = step()
            if isinstance(screen, QuestionScreen):
                await pilot.press(*question_keys(screen.question, path[screen.question.id]))
            elif isinstance(screen, ReviewScreen):
                await pilot.press("r")
            else:  # the intro, a section's content note, a statement revealed
                await pilot.press("enter")
                for _ in range(10):  # a long reveal: enter scrolls to its end first
                    if step() is not before:
                        break
                    await pilot.pause()
                    await pilot.press("enter")
            await wait_for(pilot, moved_from(before), f"past {type(screen).__name__}")
    raise AssertionError("the app never showed results")


def summary(answers: dict[str, Any], outcome: Outcome) -> tuple[object, ...]:
    return (answers, {d.id: d.band for d in outcome.dimensions}, [s.id for s in outcome.suggestions],
            outcome.ended_early)


@pytest.mark.parametrize("name", list(BANKS))
@settings(max_examples=examples(0.04), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_plain_and_app_reach_the_same_results(name: str, data: st.DataObject) -> None:
    bank = BANKS[name]
    path = data.draw(paths(bank), label="path")
    plain = summary(*run_plain(bank, path))
    app = summary(*asyncio.run(take_in_app(bank, path)))
    assert app == plain

