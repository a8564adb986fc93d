"""The flow: which step comes next for every action, decided in the core for every front end."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import DECLINED, Answer, Bank
from quiz.engine.flow import Ask, Flow, Intro, Mode, Results, Reveal, Review, SectionNote, Walkthrough
from quiz.engine.session import Session, SessionError

FULL = Path(__file__).parent / "data" / "valid" / "full.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(FULL)


def _variant(tmp_path: Path, old: str, new: str) -> Bank:
    text = FULL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_bank(path)


def _asked(step: object) -> str:
    assert isinstance(step, Ask), step
    return step.question.id


def test_starts_at_the_intro_then_the_first_question_with_its_section_intro(bank: Bank) -> None:
    flow = Flow(Session(bank))
    first = flow.step
    assert isinstance(first, Intro)
    step = flow.begin()
    assert isinstance(step, Ask) and step.question.id == "age"
    # The age check comes before the count: no number; the total is every other question, "up to"
    # because answers show or hide some.
    assert (step.number, step.total, step.up_to, step.label) == (0, 6, True, "")
    assert step.opens_section and step.section is not None and step.section.intro == "A few questions."
    assert not step.review and step.answer is None
    assert flow.step is step
    step = flow.answer("adult")
    assert isinstance(step, Ask) and step.question.id == "worry" and not step.opens_section
    assert step.label == "Question 1 of up to 6"


def test_a_content_note_is_its_own_step_once(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    flow.answer("adult")
    flow.answer(1)
    step = flow.answer(0)
    assert isinstance(step, SectionNote)
    assert step.section.id == "details" and not step.skippable  # the statement needs an answer
    step = flow.go_on()
    assert _asked(step) == "topics"
    assert isinstance(step, Ask) and step.opens_section
    assert isinstance(flow.back(), Ask)  # calm
    assert _asked(flow.answer(0)) == "topics"  # the note is not shown a second time


def test_back_from_a_content_note_and_from_the_first_question(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    flow.answer("adult")
    flow.answer(1)
    assert isinstance(flow.answer(0), SectionNote)
    assert _asked(flow.back()) == "calm"
    assert _asked(flow.back()) == "worry"
    assert _asked(flow.back()) == "age"
    assert isinstance(flow.back(), Intro)
    assert _asked(flow.begin()) == "age"


def test_statement_is_revealed_at_once_then_the_flow_goes_on(bank: Bank) -> None:
    flow = Flow(Session(bank, {"age": "adult", "worry": 1, "calm": 0}, "myth"))
    assert isinstance(flow.begin(), SectionNote)  # the details section was not reached before
    assert _asked(flow.go_on()) == "myth"
    step = flow.answer(True)
    assert isinstance(step, Reveal)
    assert step.question.id == "myth" and step.given is True and step.correct is False
    assert _asked(flow.back()) == "myth"  # back to the statement, to answer again
    step = flow.answer(False)
    assert isinstance(step, Reveal) and step.correct is True
    assert _asked(flow.go_on()) == "notes"


def test_no_reveal_when_the_bank_reveals_at_the_end(tmp_path: Path) -> None:
    bank = _variant(tmp_path, "reveal: immediate", "reveal: end")
    flow = Flow(Session(bank, {"age": "adult", "worry": 1, "calm": 0}, "myth"))
    flow.begin()
    flow.go_on()
    assert _asked(flow.answer(True)) == "notes"


def test_review_after_the_last_question_then_results(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    for value in ("adult", 0, 0):
        step = flow.answer(value)
    assert isinstance(step, Review) and step.focus is None and step.missing == ()
    assert flow.mode is Mode.REVIEW
    step = flow.results()
    assert isinstance(step, Results)
    assert step.outcome == Session(bank, {"age": "adult", "worry": 0, "calm": 0}).outcome()


def test_back_from_review_goes_to_the_last_question(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    for value in ("adult", 0, 0):
        flow.answer(value)
    step = flow.back()
    assert _asked(step) == "calm"
    assert isinstance(step, Ask) and not step.review and flow.mode is Mode.FORWARD


def test_edit_from_review_changes_one_answer_and_returns(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    for value in ("adult", 0, 0):
        flow.answer(value)
    step = flow.edit("calm")
    assert isinstance(step, Ask) and step.question.id == "calm" and step.review and step.answer == 0
    step = flow.answer(2)
    assert isinstance(step, Review) and step.focus == "calm"
    assert flow.session.answers["calm"] == 2
    flow.edit("calm")
    assert isinstance(flow.back(), Review)  # back from a change returns to review unchanged
    assert flow.session.answers["calm"] == 2


def test_a_change_in_review_asks_the_required_questions_it_showed(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    for value in ("adult", 0, 0):
        flow.answer(value)
    flow.edit("worry")
    step = flow.answer(2)  # shows the details section, with the required statement
    assert isinstance(step, SectionNote) and step.section.id == "details"
    assert flow.mode is Mode.FILL_THEN_REVIEW
    assert _asked(flow.go_on()) == "myth"  # the one required question, not the optional ones
    assert isinstance(flow.answer(False), Reveal)
    step = flow.go_on()
    assert isinstance(step, Review) and step.focus == "myth" and step.missing == ()


def test_results_route_to_the_first_missing_answer_and_say_how_many(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    flow.answer("adult")
    flow.answer(1)
    flow.answer(DECLINED)
    flow.go_on()
    flow.skip()  # topics
    flow.review()
    del flow.session.answers["calm"]  # as if two more required answers were missing
    del flow.session.answers["worry"]
    step = flow.results()
    assert _asked(step) == "worry" and step.still_needed == 3  # worry, calm and the statement
    assert flow.mode is Mode.FILL_THEN_RESULTS
    step = flow.answer(1)
    assert _asked(step) == "calm" and step.still_needed == 0
    step = flow.answer(1)
    assert _asked(step) == "myth"  # never answered: still missing
    step = flow.answer(False)
    assert isinstance(step, Reveal)
    assert isinstance(flow.go_on(), Results)


def test_an_answer_that_ends_the_bank_goes_to_results(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    step = flow.answer("minor")
    assert isinstance(step, Results) and step.outcome.ended_early


def test_a_change_that_hides_answered_questions_reports_them(bank: Bank) -> None:
    answers: dict[str, Answer] = {"age": "adult", "worry": 2, "calm": 0, "topics": ("pain",),
                                  "pain-now": "yes"}
    flow = Flow(Session(bank, answers, "worry"))
    assert isinstance(flow.begin(), Ask)
    step = flow.answer(0)  # worry: Never hides the details section
    assert _asked(step) == "calm"
    assert [q.id for q in step.dropped] == ["topics", "pain-now"]
    assert not {"topics", "pain-now"} & set(flow.session.answers)
    assert flow.answer(0).dropped == ()


def test_skip_only_where_allowed_and_removes_an_earlier_answer(bank: Bank) -> None:
    flow = Flow(Session(bank, {"age": "adult", "worry": 2, "calm": 0, "topics": ("pain",),
                               "pain-now": "no"}, "topics"))
    flow.begin()
    step = flow.skip()
    assert _asked(step) == "myth"
    assert [q.id for q in step.dropped] == ["pain-now"]
    assert "topics" not in flow.session.answers
    with pytest.raises(SessionError, match="needs an answer"):
        flow.skip()
    assert _asked(flow.step) == "myth"


def test_a_refused_answer_leaves_the_step(bank: Bank) -> None:
    flow = Flow(Session(bank))
    step = flow.begin()
    with pytest.raises(SessionError):
        flow.answer("teen")
    with pytest.raises(SessionError):
        flow.answer(DECLINED)  # age does not offer "Prefer not to say"
    assert flow.step is step


def test_actions_that_need_a_question_refuse_elsewhere(bank: Bank) -> None:
    flow = Flow(Session(bank))
    with pytest.raises(SessionError):
        flow.answer("adult")  # still at the intro
    with pytest.raises(SessionError):
        flow.skip_section()


def test_a_section_of_skippable_questions_can_be_skipped_whole(tmp_path: Path) -> None:
    bank = _variant(tmp_path, "        text: Talk therapy never helps with sexual concerns.\n",
                    "        text: Talk therapy never helps with sexual concerns.\n        optional: true\n")
    flow = Flow(Session(bank))
    flow.begin()
    flow.answer("adult")
    flow.answer(2)
    step = flow.answer(1)
    assert isinstance(step, SectionNote) and step.skippable
    step = flow.skip_section()
    assert isinstance(step, Review)
    assert not {"topics", "myth", "notes"} & set(flow.session.answers)


def test_a_required_section_cannot_be_skipped(bank: Bank) -> None:
    flow = Flow(Session(bank))
    flow.begin()
    flow.answer("adult")
    flow.answer(2)
    step = flow.answer(1)
    with pytest.raises(SessionError):
        flow.skip_section()
    assert flow.step is step


def test_a_restored_session_does_not_show_notes_of_sections_it_reached(bank: Bank) -> None:
    answers: dict[str, Answer] = {"age": "adult", "worry": 2, "calm": 0, "topics": ("desire",)}
    step = Flow(Session(bank, answers, "myth")).resume()
    assert _asked(step) == "myth"
    # A section not reached yet still has its note.
    step = Flow(Session(bank, {"age": "adult", "worry": 2, "calm": 0}, "topics")).resume()
    assert isinstance(step, SectionNote)


def test_the_walkthrough_leaves_out_gates_and_reveals_before_moving_on(bank: Bank) -> None:
    walk = Walkthrough(bank)
    ids = [q.id for q in walk.items]
    assert "age" not in ids and ids[0] == "worry"
    assert isinstance(walk.step, Ask) and (walk.step.number, walk.step.total) == (1, len(ids))
    while walk.current.id != "myth":
        assert walk.next() is not None
    assert not walk.revealed
    step = walk.next()
    assert isinstance(step, Reveal) and step.question.id == "myth" and step.given is None
    assert walk.revealed
    step = walk.next()
    assert isinstance(step, Ask) and step.question.id == "notes"
    assert walk.next() is None  # the last item: the step stays
    assert walk.current.id == "notes"
    walk.back()
    assert walk.current.id == "myth" and not walk.revealed
    walk.toggle_reveal()
    assert walk.revealed
    walk.back()
    assert walk.current.id == "myth" and not walk.revealed
