"""The session: moving back and forward, skipping, "prefer not to say", hidden answers, ending, completeness."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import DECLINED, Bank
from quiz.engine.session import Change, Session, SessionError

FULL = Path(__file__).parent / "data" / "valid" / "full.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(FULL)


def _ids(s: Session) -> list[str]:
    return [q.id for q in s.visible]


def _walk_to_the_end(s: Session) -> None:
    s.answer("adult")
    s.answer(3)                # worry >= 1 shows the details section
    s.answer(0)                # calm
    s.answer(["pain"])         # topics includes pain shows pain-now
    s.answer("yes")            # pain-now
    s.answer(False)            # myth


def test_starts_at_the_first_question(bank: Bank) -> None:
    s = Session(bank)
    assert s.position == "age"
    assert _ids(s) == ["age", "worry", "calm"]
    assert s.number() == (1, 3)
    assert not s.is_complete()


def test_answers_move_forward_and_reveal_questions(bank: Bank) -> None:
    s = Session(bank)
    assert s.answer("adult") == Change()
    assert s.position == "worry"
    s.answer(2)
    assert _ids(s) == ["age", "worry", "calm", "topics", "myth", "notes"]
    assert s.position == "calm"
    s.answer(1)
    current = s.current()
    assert current is not None and current.id == "topics"
    assert s.number() == (4, 6)


def test_back_and_forward(bank: Bank) -> None:
    s = Session(bank)
    assert s.back() is False  # already at the first question
    assert s.position == "age"
    s.answer("adult")
    s.answer(0)
    s.answer(0)
    assert s.position is None  # past the last question: review
    assert s.back() is True and s.position == "calm"
    assert s.back() is True and s.position == "worry"
    assert s.back() is True and s.position == "age"
    assert s.back() is False and s.position == "age"
    # Forward again: answers are kept, and answering again moves on.
    assert s.answers == {"age": "adult", "worry": 0, "calm": 0}
    s.answer(s.answers["age"])
    assert s.position == "worry"
    s.go_to("calm")
    assert s.position == "calm"
    with pytest.raises(SessionError):
        s.go_to("topics")  # hidden while worry is 0
    s.finish()
    assert s.position is None and s.current() is None


def test_answer_without_advancing(bank: Bank) -> None:
    s = Session(bank)
    s.answer("adult", advance=False)
    assert s.position == "age" and s.answers == {"age": "adult"}
    s.answer(2, "worry", advance=False)
    assert s.position == "age" and s.answers["worry"] == 2


def test_skip_only_where_optional(bank: Bank) -> None:
    s = Session(bank)
    with pytest.raises(SessionError, match="needs an answer"):
        s.skip()
    assert s.position == "age"
    s.answer("adult")
    s.answer(3)
    with pytest.raises(SessionError, match="Prefer not to say"):
        s.skip()  # calm is required but offers "prefer not to say": the message says so
    s.answer(1)
    current = s.current()
    assert current is not None and current.can_skip
    s.skip()  # topics is optional
    assert s.position == "myth"
    assert "topics" not in s.answers
    s.answer(True)
    s.skip()  # notes: free text is optional
    assert s.position is None
    assert s.is_complete()
    s.skip()  # past the end, skipping does nothing
    assert s.position is None


def test_prefer_not_to_say(bank: Bank) -> None:
    s = Session(bank)
    with pytest.raises(SessionError, match="Prefer not to say"):
        s.answer(DECLINED)  # age does not offer it
    s.answer("adult")
    with pytest.raises(SessionError):
        s.answer(DECLINED)  # nor does worry
    s.answer(3)
    s.answer(DECLINED)  # calm does
    assert s.answers["calm"] == DECLINED
    assert s.position == "topics"
    s.answer([])
    s.answer(DECLINED, "calm", advance=False)
    out = s.outcome()
    weight = out.dimension("weight")
    # Declined counts as answered for completeness, and as missing for scoring.
    assert weight.answered == 2  # worry and the empty checklist; calm is declined
    assert s.unanswered()[0].id == "myth"


def test_changing_an_answer_drops_hidden_answers(bank: Bank) -> None:
    s = Session(bank)
    _walk_to_the_end(s)
    assert s.is_complete() and s.position == "notes"
    assert set(s.answers) == {"age", "worry", "calm", "topics", "pain-now", "myth"}
    # Unticking pain hides pain-now only.
    s.go_to("topics")
    change = s.answer(["desire"])
    assert change.dropped == ("pain-now",)
    assert "pain-now" not in s.answers and "pain-now" not in _ids(s)
    assert s.position == "myth"
    # worry 0 hides the whole details section: its answers go, and the change names them.
    s.go_to("worry")
    change = s.answer(0)
    assert set(change.dropped) == {"topics", "myth"}
    assert not change.ended
    assert s.answers == {"age": "adult", "worry": 0, "calm": 0}
    assert s.position == "calm"
    # Showing the section again does not bring the dropped answers back.
    s.go_to("worry")
    assert s.answer(3) == Change()
    assert "topics" not in s.answers and "topics" in _ids(s)


def test_clear_drops_what_depended_on_it(bank: Bank) -> None:
    s = Session(bank)
    _walk_to_the_end(s)
    assert s.clear("topics") == ("pain-now",)
    assert "topics" not in s.answers


def test_hidden_answers_given_at_the_start_are_dropped(bank: Bank) -> None:
    s = Session(bank, {"age": "adult", "worry": 0, "calm": 1, "topics": ("pain",)})
    assert "topics" not in s.answers
    assert _ids(s) == ["age", "worry", "calm"]
    resumed = Session(bank, {"age": "adult", "worry": 1}, position="calm")
    assert resumed.position == "calm"
    assert Session(bank, position="myth").position == "age"  # not visible: start at the top


def test_end_option_ends_the_bank(bank: Bank) -> None:
    s = Session(bank)
    change = s.answer("minor")
    assert change.ended and s.ended
    assert _ids(s) == ["age"]
    assert s.position is None
    assert s.is_complete()
    out = s.outcome()
    assert out.ended_early and out.suggestion_ids()[0] == "youth"
    # Ending after other answers drops them, and says so.
    s = Session(bank)
    _walk_to_the_end(s)
    s.go_to("age")
    change = s.answer("minor")
    assert change.ended
    assert set(change.dropped) == {"worry", "calm", "topics", "pain-now", "myth"}
    # Changing the gate back reopens the bank without the old answers.
    s.go_to("age")
    change = s.answer("adult")
    assert not change.ended and not s.ended
    assert _ids(s) == ["age", "worry", "calm"] and s.position == "worry"


def test_completeness(bank: Bank) -> None:
    s = Session(bank)
    assert [q.id for q in s.unanswered()] == ["age", "worry", "calm"]
    s.answer("adult")
    s.answer(0)
    assert [q.id for q in s.unanswered()] == ["calm"]
    s.answer(2, "worry", advance=False)
    # The details section appeared: its required statement is now missing; topics and notes are optional.
    assert [q.id for q in s.unanswered()] == ["calm", "myth"]
    s.answer(2)
    assert [q.id for q in s.unanswered()] == ["myth"]
    assert not s.is_complete() and not s.outcome().complete
    s.go_to("myth")
    s.answer("false")  # statements accept true/false as text
    assert s.answers["myth"] is False
    assert s.is_complete() and s.outcome().complete


def test_invalid_answers_are_refused(bank: Bank) -> None:
    # The words are for the person at the screen: what to do, never an id or a YAML value.
    s = Session(bank)
    with pytest.raises(SessionError, match="Choose one answer") as refused:
        s.answer("teen")
    assert "`" not in str(refused.value) and "age" not in str(refused.value)
    s.answer("adult")
    with pytest.raises(SessionError, match="Choose one answer"):
        s.answer(7)
    with pytest.raises(SessionError):
        s.answer(True)  # a bool is not a scale point
    s.answer(3)
    s.answer(0)
    none = next(o for o in bank.question("topics").options if o.exclusive)
    with pytest.raises(SessionError, match=f"\u201c{none.label}\u201d is ticked on its own"):
        s.answer(["pain", "none"])
    with pytest.raises(SessionError, match="Tick answers from the list"):
        s.answer(["pain", "pain"])
    assert s.position == "topics" and "topics" not in s.answers
    change = s.answer(("desire", "pain"))  # tuples are fine and come back in option order
    assert s.answers["topics"] == ("pain", "desire") and change == Change()


def test_text_answers(bank: Bank) -> None:
    s = Session(bank)
    _walk_to_the_end(s)
    s.answer("some words")
    assert s.answers["notes"] == "some words"
    s.answer("   ", "notes")  # blank text removes the answer rather than storing spaces
    assert "notes" not in s.answers
