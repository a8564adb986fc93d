"""Carrying answers over a changed bank (`quiz preview`'s reload, `quiz take --resume`): where the
person lands when the question they were on is gone."""

from __future__ import annotations

from pathlib import Path

from quiz.bank.check import check_text
from quiz.engine.carry import carry, carry_on

FULL = Path(__file__).parent / "data" / "valid" / "full.yaml"


def _bank(text: str):  # type: ignore[no-untyped-def]
    result = check_text(text, "full.yaml")
    assert result.bank is not None, result.problems
    return result.bank


def test_a_renamed_question_gives_way_to_the_one_in_its_place_not_a_later_one() -> None:
    text = FULL.read_text(encoding="utf-8")
    before = _bank(text)
    answers = {"age": "adult", "worry": 2, "calm": 1}
    # On `topics` (optional, unanswered): renamed, the person stays at its place, not at the next
    # required question further on.
    shown = [q.id for q in before.questions]
    after = _bank(text.replace("id: topics", "id: subjects").replace("topics", "subjects"))
    kept = carry(after, answers).kept
    assert carry_on(after, kept, "topics", shown.index("topics")).position == "subjects"
    # Without a place (a save from elsewhere), the first question still needing an answer.
    assert carry_on(after, kept, "topics").position != "subjects"
    # A question still there is where they stay, whatever the place says.
    assert carry_on(after, kept, "calm", 0).position == "calm"
