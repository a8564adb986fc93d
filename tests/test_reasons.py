"""Reasons that are true: gates, quotes of what the person answered, withholding, and `because` claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.check import check_file, check_text
from quiz.bank.claims import is_claim, without_claims
from quiz.bank.migrate import migrate_text
from quiz.bank.model import DECLINED, Bank, Question
from quiz.cli import main
from quiz.conditions.nodes import Or
from quiz.engine.answers import normalize_one
from quiz.engine.outcome import Outcome, Quote, Reason
from quiz.engine.scoring import Engine
from quiz.paths import shipped_banks

from .test_scoring_properties import SETTINGS, _Loaded, _value, answer_sets

BANKS = {p.stem: p for p in shipped_banks()}

_BANK = """\
quiz: 1
id: reasons
title: Reasons
version: "1.0"
disclaimer: Educational only, not a diagnosis.
scales:
  amount:
    options:
      - {value: 0, label: Not at all}
      - {value: 1, label: A little}
      - {value: 2, label: A lot}
sections:
  - id: main
    title: Main
    questions:
      - id: age
        kind: single
        text: How old are you?
        options:
          - {value: adult, label: 18 or older}
          - {value: minor, label: Under 18, end: true}
      - {id: worry, kind: scale, text: How much does it worry you?, scale: amount, dimension: weight}
      - {id: impact, kind: scale, text: How much does it get in the way?, scale: amount, dimension: weight}
      - id: partner
        kind: single
        text: Do you have a partner?
        prefer_not_to_say: true
        options:
          - {value: "yes", label: "Yes"}
          - {value: "no", label: "No"}
      - id: signs
        kind: multiple
        text: Which signs?
        optional: true
        options:
          - {value: pain, label: Pain}
          - {value: sores, label: Sores}
          - {value: contact, label: Sexual contact}
dimensions:
  - id: weight
    title: How much this weighs on you
    bands:
      - {id: light, label: A little, min: 0, max: 1}
      - {id: heavy, label: A lot, min: 2, max: 4}
suggestions:
  - id: red-flag
    kind: safety
    title: A warning sign
    text: Report it.
    when: 'signs includes "contact"'
  - id: talk
    kind: next-step
    title: Talk
    text: Talk to someone.
    gate: 'age == "adult"'
    when: 'band(weight) == "heavy"'
    because: You said this worries you a lot. A first talk is low-pressure.
  - id: doctor
    kind: next-step
    title: Doctor
    text: See a doctor.
    when: 'signs includes "pain" or signs includes "sores" or partner == "no"'
  - id: together
    kind: next-step
    title: Together
    text: Go together.
    gate: 'partner == "yes"'
    because: Going together can help.
  - id: strength
    kind: next-step
    title: "Strength: you are talking about it"
    text: Good.
    when: 'answered(partner)'
    because: Talking about it is a strength.
    withheld_by: [red-flag]
  - id: chain
    kind: reading
    title: Chained
    text: Shown unless `strength` is shown.
    when: 'answered(age)'
    because: Always useful.
    withheld_by: [strength]
"""


@pytest.fixture(scope="module")
def small() -> tuple[Bank, Engine]:
    result = check_text(_BANK, "reasons.yaml")
    assert result.bank is not None, [p.render() for p in result.problems]
    return result.bank, Engine(result.bank)


def _by_id(out: Outcome) -> dict[str, Any]:
    return {s.id: s for s in out.suggestions}


# -- gates, and what a reason quotes ---------------------------------------------------------------------


def test_a_gate_is_a_precondition_never_a_reason(small: tuple[Bank, Engine]) -> None:
    _bank, engine = small
    out = engine.score({"age": "adult", "worry": 2, "impact": 1, "partner": "yes"})
    talk = _by_id(out)["talk"]
    assert all(q.question != "age" for r in talk.reasons for q in r.quotes)
    assert not any("How old" in r.text for r in talk.reasons)
    # The gate holds the suggestion back when it does not hold, whatever `when` says.
    assert "talk" not in _by_id(engine.score({"age": "minor", "worry": 2, "impact": 2}))
    # A suggestion with only a gate has no reasons: its `because` says why.
    together = _by_id(out)["together"]
    assert together.reasons == () and together.because == "Going together can help."


def test_a_band_reason_quotes_only_the_answers_that_added_points(small: tuple[Bank, Engine]) -> None:
    _bank, engine = small
    talk = _by_id(engine.score({"age": "adult", "worry": 0, "impact": 2, "partner": "yes"}))["talk"]
    (reason,) = talk.reasons
    assert reason.dimension == "weight"
    assert reason.quotes == (Quote("impact", 2, "A lot"),)
    assert "Not at all" not in reason.text  # "not at all" worried is never given as a worry
    assert reason.text == ("How much this weighs on you: \u201cA lot\u201d (2 of 4), from your answers "
                           "\u201cA lot\u201d to \u201cHow much does it get in the way?\u201d.")


def test_equal_scores_from_other_answers_quote_those_answers(small: tuple[Bank, Engine]) -> None:
    _bank, engine = small  # one engine, so a reused result must not carry another answer set's quotes
    first = _by_id(engine.score({"age": "adult", "worry": 2, "impact": 0, "partner": "yes"}))["talk"]
    second = _by_id(engine.score({"age": "adult", "worry": 0, "impact": 2, "partner": "yes"}))["talk"]
    assert [q.question for q in first.reasons[0].quotes] == ["worry"]
    assert [q.question for q in second.reasons[0].quotes] == ["impact"]


def test_or_quotes_only_the_alternatives_that_hold(small: tuple[Bank, Engine]) -> None:
    _bank, engine = small
    one = _by_id(engine.score({"age": "adult", "worry": 0, "impact": 0, "partner": "yes",
                               "signs": ("pain",)}))["doctor"]
    assert [q for r in one.reasons for q in r.quotes] == [Quote("signs", "pain", "Pain")]
    both = _by_id(engine.score({"age": "adult", "worry": 0, "impact": 0, "partner": "no",
                                "signs": ("pain", "sores")}))["doctor"]
    assert [q.answer for r in both.reasons for q in r.quotes] == ["pain", "sores", "no"]


def test_a_claiming_because_gives_way_to_the_reasons(small: tuple[Bank, Engine]) -> None:
    _bank, engine = small
    talk = _by_id(engine.score({"age": "adult", "worry": 2, "impact": 2, "partner": "yes"}))["talk"]
    assert talk.because == "A first talk is low-pressure." and talk.because_generated
    strength = _by_id(engine.score({"age": "adult", "worry": 0, "impact": 0, "partner": "yes"}))["strength"]
    assert strength.because == "Talking about it is a strength." and not strength.because_generated
    data = engine.score({"age": "adult", "worry": 2, "impact": 2}).to_json()
    (talk_json,) = [s for s in data["suggestions"] if s["id"] == "talk"]
    assert talk_json["because_generated"] is True
    assert talk_json["reasons"][0]["quotes"][0] == {"question": "worry", "answer": 2, "label": "A lot"}


def test_claims_are_sentences_about_what_was_answered() -> None:
    for claim in ("You said you are under 18.", "You are single.", "You answered yes.", "Your answer to it.",
                  "You mentioned pain.", "You've tried therapy.", "Earlier, you said it hurts."):
        assert is_claim(claim), claim
    for advice in ("You may want to know where to start.", "Knowing what to expect helps.",
                   "You do not have to decide now.", "You deserve support."):
        assert not is_claim(advice), advice
    assert without_claims("You said so. It helps.") == "It helps."
    assert without_claims("It helps.") == "It helps."
    assert without_claims("You said so.") == ""


# -- withholding -------------------------------------------------------------------------------------------


def test_a_strength_is_withheld_beside_a_red_flag(small: tuple[Bank, Engine]) -> None:
    _bank, engine = small
    out = engine.score({"age": "adult", "worry": 0, "impact": 0, "partner": "yes", "signs": ("contact",)})
    assert "strength" not in out.suggestion_ids()
    assert [(w.id, w.by) for w in out.withheld] == [("strength", ("red-flag",))]
    # A withholder that is itself withheld withholds nothing: `chain` shows.
    assert "chain" in out.suggestion_ids()
    calm = engine.score({"age": "adult", "worry": 0, "impact": 0, "partner": "yes"})
    assert "strength" in calm.suggestion_ids() and "chain" not in calm.suggestion_ids()
    assert [(w.id, w.by) for w in calm.withheld] == [("chain", ("strength",))]


def test_therapist_fit_never_shows_a_strength_beside_a_red_flag() -> None:
    bank = check_file(BANKS["therapist-fit"]).bank
    assert bank is not None
    engine = Engine(bank)
    flags = [s.id for s in bank.suggestions if s.id.startswith("flag-")]
    strengths = [s for s in bank.suggestions if s.id.startswith("strength-")]
    assert flags and strengths
    for s in strengths:
        assert set(flags) <= set(s.withheld_by), s.id
    answers = {"age": "adult", "licence": "verified", "training": "certified", "experience": "lots",
               "affirming": "yes", "medical": "yes", "warnings": ("sexual-contact",)}
    out = engine.score(answers)
    assert "flag-sexual-contact" in out.suggestion_ids()
    assert not any(i.startswith("strength-") for i in out.suggestion_ids())
    assert {w.id for w in out.withheld} >= {"strength-licence", "strength-training"}
    assert all(w.by == ("flag-sexual-contact",) for w in out.withheld)


# -- validate and migrate ----------------------------------------------------------------------------------

_CLAIMS = _BANK.replace("    when: 'answered(partner)'\n    because: Talking about it is a strength.\n",
                        "    when: 'answered(partner)'\n    because: >-\n      You said you have a partner.\n"
                        "      Talking about it is a strength.  # kept\n") \
               .replace("    when: 'signs includes \"contact\"'\n",
                        "    when: 'signs includes \"contact\"'\n    because: You ticked it.\n")


def test_a_claiming_because_is_a_warning_and_the_bank_stays_valid(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(_CLAIMS, encoding="utf-8")
    result = check_file(path)
    assert result.bank is not None and result.problems == ()
    assert [w.path for w in result.warnings] == ["suggestions.0.because", "suggestions.1.because",
                                                 "suggestions.4.because"]
    assert all(w.severity == "warning" for w in result.warnings)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "You ticked it." in err and "\n" not in err.splitlines()[0]
    assert main(["validate", "--format", "json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"][0]["ok"] and len(data["files"][0]["warnings"]) == 3


def test_migrate_drops_the_claiming_sentences_and_keeps_the_rest() -> None:
    result = migrate_text(_CLAIMS, "claims.yaml")
    assert result.problems == ()
    assert len(result.changes) == 3
    after = check_text(result.text, "claims.yaml")
    assert after.bank is not None and after.warnings == ()
    by_id = {s.id: s for s in after.bank.suggestions}
    assert by_id["red-flag"].because == ""  # it has a `when`: its reasons say why
    assert by_id["talk"].because == "A first talk is low-pressure."
    assert by_id["strength"].because.startswith("Talking about it is a strength.")
    assert "# kept" not in result.text or result.text.count("# kept") == _CLAIMS.count("# kept")
    assert migrate_text(result.text, "claims.yaml").changes == ()


def test_migrate_keeps_a_claim_where_nothing_else_would_say_why() -> None:
    text = _BANK.replace("    gate: 'partner == \"yes\"'\n    because: Going together can help.\n",
                         "    gate: 'partner == \"yes\"'\n    because: You said you have a partner.\n")
    result = migrate_text(text, "gate-only.yaml")
    assert result.problems == ()
    assert "You said you have a partner." in result.text


def test_shipped_banks_have_no_claiming_because_and_no_precondition_reason() -> None:
    for path in BANKS.values():
        result = check_file(path)
        assert result.bank is not None and result.warnings == (), [w.render() for w in result.warnings]
        for s in result.bank.suggestions:
            # The age check gates; it is never a reason (its own youth card aside).
            assert "age ==" not in s.when_text or s.id == "youth", s.id


# -- the property over every shipped bank ------------------------------------------------------------------


def _other(draw: Callable[[st.SearchStrategy[Any]], Any], q: Question, quote: Quote, given_: Any) -> Any:
    """Another allowed answer to `q` than the one `quote` quotes (for a checklist: without that option),
    or None when there is none."""
    if quote.answer == DECLINED:
        raw = _value(draw, q)
        return None if raw is None else normalize_one(q, raw)[0]
    if q.kind == "multiple":
        if isinstance(quote.answer, tuple) or not isinstance(given_, tuple):
            return None  # a count quotes the whole list: not a single answer to change
        rest = [v for v in given_ if v != quote.answer]
        value = normalize_one(q, rest)[0]
        if value is None:
            return DECLINED if q.prefer_not_to_say else None
        return value
    others = [v for v, _label in q.choices() if not (v == quote.answer and type(v) is type(quote.answer))]
    if q.prefer_not_to_say:
        others.append(DECLINED)
    return draw(st.sampled_from(others)) if others else None


def _check_quotes(bank: Bank, engine: Engine, answers: dict[str, Any], reason: Reason) -> None:
    eff = engine.walk(answers)[0].answers
    for quote in reason.quotes:
        assert quote.question in eff, f"{reason.text!r} quotes an answer not given"
        given_ = eff[quote.question]
        q = bank.by_id[quote.question]
        if isinstance(given_, tuple) and not isinstance(quote.answer, tuple):
            assert quote.answer in given_, reason.text
        else:
            assert quote.answer == given_ and type(quote.answer) is type(given_), reason.text
        assert quote.label == q.label_of(quote.answer)
        assert f"\u201c{q.text}\u201d" in reason.text
        if quote.answer == DECLINED:
            assert "preferred not to say" in reason.text
        elif not isinstance(quote.answer, tuple):
            assert f"\u201c{quote.label}\u201d" in reason.text


def _changed(draw: Callable[[st.SearchStrategy[Any]], Any], bank: Bank, answers: dict[str, Any],
             reasons: list[Reason]) -> dict[str, Any] | None:
    out = dict(answers)
    for r in reasons:
        for quote in r.quotes:
            value = _other(draw, bank.by_id[quote.question], quote, out.get(quote.question))
            if value is None:
                return None
            out[quote.question] = value
    return out


@pytest.fixture(scope="module", params=sorted(BANKS), ids=str)
def shipped(request: pytest.FixtureRequest) -> tuple[Bank, Engine]:
    bank = check_file(BANKS[request.param]).bank
    assert bank is not None
    return _Loaded((bank, Engine(bank)))


@SETTINGS
@given(data=st.data())
def test_every_reason_is_true_and_decides(shipped: tuple[Bank, Engine], data: st.DataObject) -> None:
    """Every quoted answer is one the person gave; changing all the quoted answers of a reason removes
    that reason (and the suggestion where it was the only one, unless the new answers are a reason in
    turn); of an `or`, one alternative holding is enough."""
    bank, engine = shipped
    draw = data.draw
    answers = draw(answer_sets(engine), label="answers")
    out = engine.score(answers)
    suggestion = {s.id: s for s in bank.suggestions}
    for chosen in out.suggestions:
        for r in chosen.reasons:
            _check_quotes(bank, engine, answers, r)
        for r in chosen.reasons:
            if not r.quotes or r.dimension:
                continue  # a score's reason moves with the score: its quotes are checked above
            changed = _changed(draw, bank, answers, [r])
            if changed is None:
                continue
            after = {s.id: s for s in engine.score(changed).suggestions}
            again = after.get(chosen.id)
            if again is None:
                continue
            assert r.text not in [x.text for x in again.reasons], (chosen.id, r.text)
            for x in again.reasons:
                _check_quotes(bank, engine, changed, x)
            if len(chosen.reasons) == 1:
                moved = {q.question for q in r.quotes}
                assert any(q.question in moved for x in again.reasons for q in x.quotes), (chosen.id, r.text)
        when = suggestion[chosen.id].when
        if isinstance(when, Or) and len(chosen.reasons) > 1 and not any(r.dimension for r in chosen.reasons):
            keep = draw(st.sampled_from(chosen.reasons), label="kept alternative")
            kept = {(q.question, q.answer) for q in keep.quotes}
            others = [r for r in chosen.reasons if r is not keep
                      and not kept & {(q.question, q.answer) for q in r.quotes}]
            changed = _changed(draw, bank, answers, others)
            if changed is None:
                continue
            after = {s.id: s for s in engine.score(changed).suggestions}
            assert chosen.id in after, (chosen.id, keep.text)
            assert keep.text in [x.text for x in after[chosen.id].reasons]
