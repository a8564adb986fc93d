"""Goals that can never hold get the specific reason the guide promises, proved before any search."""

from __future__ import annotations

from pathlib import Path

from quiz.authoring.reach import NOT_FOUND, check_reachability, reachable_scores
from quiz.bank.check import load_bank

BANK = """\
quiz: 1
id: reasons
title: Reasons
version: "1"
disclaimer: A test bank; educational only.
scales:
  often4:
    title: How often
    options:
      - {{value: 0, label: Never}}
      - {{value: 1, label: Sometimes}}
      - {{value: 2, label: Often}}
      - {{value: 3, label: Always}}
sections:
  - id: s
    title: S
    questions:
      - id: worry
        kind: scale
        text: How often do you worry?
        scale: often4
        dimension: daytime
      - id: sleep
        kind: scale
        text: How often do you sleep badly?
        scale: often4
        dimension: daytime
      - id: pain
        kind: single
        text: Is there pain?
        show_if: 'worry >= 1'
        options:
          - {{value: "yes", label: "Yes"}}
          - {{value: "no", label: "No"}}
{extra_questions}
dimensions:
  - id: daytime
    title: Daytime
    min_answered: 2
    bands:
      - {{id: low, label: Low, min: 0, max: 3}}
      - {{id: high, label: High, min: 4, max: 6}}
suggestions:
  - id: s1
    kind: next-step
    title: S1
    text: S1.
    when: '{when}'
    because: Because.
"""


def _reasons(tmp_path: Path, when: str, extra_questions: str = "") -> list[str]:
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(when=when, extra_questions=extra_questions), encoding="utf-8")
    return [f"{v.goal.label}: {v.reason}" for v in check_reachability(load_bank(path)) if v.witness is None]


def test_a_score_bound_past_the_range(tmp_path: Path) -> None:
    assert _reasons(tmp_path, "score(daytime) > 6") == [
        "suggestion `s1`: `score(daytime) > 6` but its highest score is 6"]


def test_a_condition_that_contradicts_itself(tmp_path: Path) -> None:
    [reason] = _reasons(tmp_path, 'sleep >= 2 and sleep < 1')
    assert "`sleep >= 2` and `sleep < 1` contradict each other" in reason


def test_a_question_hidden_whenever_the_rest_holds(tmp_path: Path) -> None:
    [reason] = _reasons(tmp_path, 'pain == "yes" and worry == 0')
    assert reason.startswith("suggestion `s1`: `pain` is hidden whenever the rest holds")
    assert "shown only if `worry >= 1`" in reason


def test_a_question_never_shown(tmp_path: Path) -> None:
    extra = """\
      - id: later
        kind: single
        text: Later?
        show_if: 'pain == "yes" and worry < 1'
        options:
          - {value: "a", label: "A"}
          - {value: "b", label: "B"}
"""
    reasons = _reasons(tmp_path, "score(daytime) >= 1", extra)
    assert len(reasons) == 1
    assert reasons[0].startswith("question `later`: `pain` is hidden whenever the rest holds")


def test_a_condition_the_search_settles_still_says_so(tmp_path: Path) -> None:
    """Two questions at once are beyond the proofs: the search decides, and says it searched."""
    assert _reasons(tmp_path, "score(daytime) >= 2") == []
    reasons = _reasons(tmp_path, "not (worry != 3 or sleep != 3) and score(daytime) < 6")
    assert reasons == [f"suggestion `s1`: {NOT_FOUND}"]


def test_band_proof_from_each_items_possible_points() -> None:
    # Two items scoring 0 or 2: only even totals, and with one answer needed, 0 is still reachable by one.
    scores = reachable_scores([{0, 2}, {0, 2}], min_answered=1)
    assert scores.values() == [0, 2, 4]
    assert not scores.hits(1, 1) and scores.hits(3, 4)
    # Scale items 1-5, all needed: at least 2; items may not be left out to make 0 or 1.
    assert reachable_scores([{1, 2, 3, 4, 5}] * 2, min_answered=2).values() == list(range(2, 11))
    # One of two needed: a missing item gives nothing, so 1 alone is reachable.
    assert reachable_scores([{1, 2}, {1, 2}], min_answered=1).values() == [1, 2, 3, 4]
    # Negative points.
    assert reachable_scores([{-1, 1}], min_answered=1).values() == [-1, 1]
    # A large dimension is quick and exact.
    assert reachable_scores([{0, 3}] * 1000, min_answered=1000).values() == list(range(0, 3001, 3))


def test_a_gate_is_part_of_what_shows_a_suggestion(tmp_path: Path) -> None:
    # The gate holds only when `pain` is shown and answered "no"; the witness must satisfy it too.
    gated = """\
  - id: gated
    kind: next-step
    title: G
    text: G.
    gate: 'pain == "no"'
    when: 'sleep >= 2'
"""
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(when="sleep >= 0", extra_questions="") + gated, encoding="utf-8")
    bank = load_bank(path)
    [verdict] = [v for v in check_reachability(bank) if v.goal.id == "gated"]
    assert verdict.witness is not None
    answers = dict(verdict.witness)
    assert answers["pain"] == "no" and answers["sleep"] >= 2 and answers["worry"] >= 1


def test_a_suggestion_withheld_by_one_shown_to_everyone_is_never_shown(tmp_path: Path) -> None:
    extra = """\
  - id: always
    kind: reading
    title: A
    text: A.
    because: Shown to everyone.
  - id: hidden-card
    kind: next-step
    title: H
    text: H.
    when: 'sleep >= 2'
    withheld_by: [always]
"""
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(when="sleep >= 0", extra_questions="") + extra, encoding="utf-8")
    [verdict] = [v for v in check_reachability(load_bank(path)) if v.goal.id == "hidden-card"]
    assert verdict.witness is None and "withheld by `always`" in verdict.reason


def test_a_withheld_suggestion_is_reached_where_its_withholder_is_not_shown(tmp_path: Path) -> None:
    extra = """\
  - id: red-flag
    kind: safety
    title: R
    text: R.
    when: 'worry == 3'
  - id: strength
    kind: next-step
    title: S
    text: S.
    when: 'sleep == 0'
    withheld_by: [red-flag]
"""
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(when="sleep >= 0", extra_questions="") + extra, encoding="utf-8")
    [verdict] = [v for v in check_reachability(load_bank(path)) if v.goal.id == "strength"]
    assert verdict.witness is not None
    answers = dict(verdict.witness)
    assert answers["sleep"] == 0 and answers.get("worry") != 3
