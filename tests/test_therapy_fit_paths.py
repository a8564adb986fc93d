"""therapy-fit's sensitive paths, for any answers a person could give: safety, distress, relationship shape."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.check import load_bank
from quiz.bank.model import DECLINED, Bank
from quiz.engine.answers import normalize_one
from quiz.engine.outcome import Outcome
from quiz.engine.scoring import Engine
from quiz.paths import shipped_banks

PATH = next(p for p in shipped_banks() if p.stem == "therapy-fit")
BANK: Bank = load_bank(PATH)
ENGINE = Engine(BANK)

# Suggestions and works about a couple or about partners together: only for someone who answered "No" to
# the safety question (afraid of, or pressured, forced or controlled by, a partner).
COUPLE_SUGGESTIONS = {"work-joint", "work-undecided", "read-desire", "read-desire-couple", "read-communication",
                      "read-affair", "read-several", "read-kink"}
COUPLE_READING = {"good-enough-sex", "hold-me-tight", "seven-principles", "not-just-friends", "state-of-affairs",
                  "polysecure", "ethical-slut", "relate"}
# Words that invite a partner in, or tell a person that desire follows closeness with one.
COUPLE_WORDS = re.compile(r"alone or with a partner|join later|could join|invite a partner|as a couple|"
                          r"for couples|follows? arousal|followed arousal|responsive", re.IGNORECASE)
# Books and articles for couples or marriage, which a single person or someone dating is never offered.
PARTNERED_READING = {"good-enough-sex", "hold-me-tight", "seven-principles", "not-just-friends",
                     "state-of-affairs", "relate"}
DESIRE_TREATMENT = {"read-desire", "read-desire-couple"}


def _raw(draw: st.DrawFn, qid: str) -> Any:
    """A valid raw answer to `qid`, as a person could give it."""
    q = BANK.by_id[qid]
    if q.kind == "scale":
        return draw(st.sampled_from([v for v, _ in q.choices()]))
    if q.kind == "single":
        return draw(st.sampled_from([o.value for o in q.options]))
    plain = [o.value for o in q.options if not o.exclusive]
    exclusive = [o.value for o in q.options if o.exclusive]
    if exclusive and draw(st.integers(0, 3)) == 0:
        return [exclusive[0]]
    k = draw(st.integers(max(1, q.min_choices), min(4, len(plain))))
    return draw(st.permutations(plain))[:k]


@st.composite
def answer_sets(draw: st.DrawFn, /, **fixed: Any) -> dict[str, Any]:
    """An adult's walk through the bank: each question shown is answered, declined or (where allowed)
    skipped; `fixed` answers are given as they are (`None`: left unanswered)."""
    answers: dict[str, Any] = {"age": "adult"}
    decided = {"age"}
    while True:
        pending = [q for q in ENGINE.visible(answers) if q.id not in decided]
        if not pending:
            return answers
        q = pending[0]
        decided.add(q.id)
        if q.id in fixed:
            if fixed[q.id] is not None:
                answers[q.id] = fixed[q.id] if fixed[q.id] == DECLINED else normalize_one(q, fixed[q.id])[0]
            continue
        action = draw(st.sampled_from(["answer"] * 5 + ["decline"] * bool(q.prefer_not_to_say)
                                      + ["skip"] * bool(q.can_skip)))
        if action == "decline":
            answers[q.id] = DECLINED
        elif action == "answer":
            value, message, _hint = normalize_one(q, _raw(draw, q.id))
            assert value is not None, message
            answers[q.id] = value


def _shown(outcome: Outcome) -> set[str]:
    return {s.id for s in outcome.suggestions}


def _works(outcome: Outcome) -> set[str]:
    return {w.id for s in outcome.suggestions for w in s.reading}


@given(answers=answer_sets(**{"partner-safety": None}), safety=st.sampled_from(["yes", "unsure", DECLINED, None]))
def test_nothing_couple_focused_reaches_someone_who_did_not_say_they_feel_safe(answers: dict[str, Any],
                                                                              safety: Any) -> None:
    answers = dict(answers)
    if safety is not None:
        answers["partner-safety"] = safety
    outcome = ENGINE.score(answers)
    assert not _shown(outcome) & COUPLE_SUGGESTIONS
    assert not _works(outcome) & COUPLE_READING
    for s in outcome.suggestions:
        assert not COUPLE_WORDS.search(f"{s.title} {s.text}"), (s.id, COUPLE_WORDS.search(s.text))


def test_couple_suggestions_are_gated_on_feeling_safe() -> None:
    by_id = {s.id: s for s in BANK.suggestions}
    for sid in COUPLE_SUGGESTIONS:
        # A precondition, not a reason: results never quote it.
        assert by_id[sid].gate_text.startswith('partner-safety == "no"'), sid
    for s in BANK.suggestions:
        if s.id not in COUPLE_SUGGESTIONS:
            assert not COUPLE_WORDS.search(s.text), s.id
            assert not set(s.reading) & COUPLE_READING, s.id


@given(answers=answer_sets(), shape=st.sampled_from(["single", "dating", "complicated", DECLINED, None]))
def test_reading_for_couples_only_reaches_someone_with_a_partner(answers: dict[str, Any], shape: Any) -> None:
    answers = {k: v for k, v in answers.items() if k not in ("relationship", "attend")}
    if shape is not None:
        answers["relationship"] = shape
    outcome = ENGINE.score(answers)
    assert not _works(outcome) & PARTNERED_READING
    assert not _shown(outcome) & {"read-communication", "read-affair", "read-desire-couple", "read-several"}


@given(answers=answer_sets(**{"relationship": "several-partners", "partner-safety": "no"}))
def test_more_than_one_partner_gets_no_marriage_book(answers: dict[str, Any]) -> None:
    assert "seven-principles" not in _works(ENGINE.score(answers))


@given(answers=answer_sets(), duration=st.sampled_from(["under-3m", "months", "years", "on-off", DECLINED]))
def test_how_long_it_has_lasted_changes_nothing(answers: dict[str, Any], duration: str) -> None:
    other = dict(answers, duration=duration)
    a, b = ENGINE.score(answers), ENGINE.score(other)
    assert [(d.id, d.score, d.band) for d in a.dimensions] == [(d.id, d.score, d.band) for d in b.dimensions]
    assert [s.id for s in a.suggestions] == [s.id for s in b.suggestions]


@given(answers=answer_sets(distress=0))
def test_someone_not_worried_is_never_told_it_weighs_on_them(answers: dict[str, Any]) -> None:
    outcome = ENGINE.score(answers)
    [weight] = outcome.dimensions
    assert weight.band in ("light", None)
    shown = _shown(outcome)
    assert not shown & DESIRE_TREATMENT
    assert not shown & {"fit-yes", "support-now"}
    concerns = set(answers.get("concerns") or ())
    if concerns & {"identity", "desire", "sexless"}:
        assert "not-a-disorder" in shown
        assert "aven" in _works(outcome)


@given(answers=answer_sets())
def test_low_desire_treatment_reading_only_with_distress(answers: dict[str, Any]) -> None:
    if _shown(ENGINE.score(answers)) & DESIRE_TREATMENT:
        assert isinstance(answers.get("distress"), int) and answers["distress"] >= 1


def test_wanting_more_alone_is_not_asked_how_much_it_worries() -> None:
    def shown(concerns: list[str]) -> set[str]:
        return {q.id for q in ENGINE.visible({"age": "adult", "concerns": tuple(concerns)})}

    assert "distress" not in shown(["enhance"])
    assert "distress" in shown(["enhance", "pain"])
    assert "distress" in shown(["desire"])
    [weight] = ENGINE.score({"age": "adult", "concerns": ("enhance",), "impact": 1}).dimensions
    assert weight.band == "light"  # the question not asked counts as "not at all", not as missing


# Each red flag and the card it gets first (the rest go to the general medical card).
TAILORED = {"chest": "see-doctor-heart", "ed-new": "see-doctor-erection", "pain-new": "see-doctor-pain",
            "medicine": "see-doctor-medicine"}


@pytest.mark.parametrize("flag", [o.value for o in BANK.by_id["red-flags"].options if o.value != "none"])
def test_every_red_flag_gets_a_medical_card_first(flag: str) -> None:
    outcome = ENGINE.score({"age": "adult", "concerns": ("other",), "red-flags": (flag,), "partner-safety": "no"})
    assert outcome.suggestions[0].id == TAILORED.get(flag, "see-doctor")
    assert [s.id for s in outcome.suggestions if s.id.startswith("see-doctor")] == [outcome.suggestions[0].id]


def test_each_medical_card_says_what_its_answer_needs() -> None:
    text = {s.id: " ".join(s.text.split()) for s in BANK.suggestions if s.id.startswith("see-doctor")}
    heart = text["see-doctor-heart"]
    assert "within the next few days" in heart and "Do not start erection medicines you bought yourself" in heart
    assert "emergency" in heart
    assert "treatable" in text["see-doctor-pain"] and "physiotherapy" in text["see-doctor-pain"]
    assert "don't stop a medicine on your own" in text["see-doctor-medicine"]
    assert "prescribed" in text["see-doctor-medicine"]
    assert "four hours is an emergency" in text["see-doctor"]
    assert not any("minor" in t for t in text.values())
    both = ENGINE.score({"age": "adult", "red-flags": ("ed-new", "chest")})
    assert [s.id for s in both.suggestions if s.kind == "safety"] == ["see-doctor-heart"]


# Every helpline and route the bank ships: confirmed on the service's own page or an official one, in the
# checked list's words, dated as that list dates its check (2026-11-28; 2026-12-02 for rows it rechecked).
CONFIRMED = {
    "emergency": ("999 in the UK", "2026-11-28"),
    "findahelpline": ("findahelpline.com lists services by country", "2026-11-28"),
    "us-988": ("988", "2026-11-28"),
    "ca-988": ("9-8-8", "2026-11-28"),
    "uk-samaritans": ("116 123", "2026-11-28"),
    "au-lifeline": ("13 11 14", "2026-11-28"),
    "us-ndvh": ("800-799-SAFE (7233)", "2026-11-28"),
    "us-rainn": ("1-800-656-4673", "2026-11-28"),
    "ca-sheltersafe": ("sheltersafe.ca", "2026-11-28"),
    "uk-ndah": ("0808 2000 247", "2026-11-28"),
    "uk-sarc": ("nhs.uk/sarcs", "2026-12-02"),
    "uk-rape-crisis-scotland": ("08088 01 03 02", "2026-11-28"),
    "in-ncw-complaints": ("Online form", "2026-11-28"),
    "us-childhelp": ("1-800-422-4453", "2026-11-28"),
    "uk-childline": ("0800 1111", "2026-11-28"),
    "ca-kids-help-phone": ("1-800-668-6868", "2026-12-02"),
    "ca-kids-help-text": ("CONNECT to 686868", "2026-11-28"),
    "au-kids-helpline": ("1800 55 1800", "2026-11-28"),
    "in-childline-1098": ("1098", "2026-11-28"),
    "us-trevor": ("1-866-488-7386", "2026-12-02"),
    "us-trans-lifeline": ("(877) 565-8860", "2026-12-02"),
    "ca-trans-lifeline": ("(877) 330-6366", "2026-12-02"),
    "au-qlife": ("1800 184 527", "2026-11-28"),
}
# Numbers the checked list marks NOT CONFIRMED (or out of date): none may appear anywhere in the bank.
UNCONFIRMED = ["181", "14416", "891-4416", "1800 737 732", "1800RESPECT", "888-843-4564", "0808 500 2222",
               "0800 0119 100", "7827170170", "14490", "833-456-4566", "press 3", "Tele-MANAS", "422-2253"]


def test_only_confirmed_helplines_with_their_check_dates() -> None:
    assert {r.id for r in BANK.resources} == set(CONFIRMED)
    for r in BANK.resources:
        words, date = CONFIRMED[r.id]
        assert words in r.contact, r.id
        assert r.last_verified == date, r.id
        blurb = f"{r.contact} {r.description}".lower()
        assert "not checked" not in blurb and "confirm it" not in blurb and "unverified" not in blurb, r.id
    text = PATH.read_text(encoding="utf-8")
    found = [n for n in UNCONFIRMED if re.search(rf"(?<![\d-]){re.escape(n)}(?![\d-])", text)]
    assert not found, found


def test_every_card_with_regional_lines_shows_the_universal_line() -> None:
    regions = {r.id: r.region for r in BANK.resources}
    for s in BANK.suggestions:
        if any(regions[r] != "ALL" for r in s.resources):
            assert "findahelpline" in s.resources, s.id
    youth = next(s for s in BANK.suggestions if s.id == "youth")
    assert {regions[r] for r in youth.resources} >= {"US", "UK", "CA", "AU", "IN", "ALL"}


def test_caveats_travel_with_the_books() -> None:
    works = {w.id: w for w in BANK.reading}
    for wid, words in [("come-as-you-are", "women"), ("better-sex-mindfulness", "women"),
                       ("when-sex-hurts", "women"), ("becoming-orgasmic", "women"), ("new-male-sexuality", "men"),
                       ("seven-principles", "marriage"), ("hold-me-tight", "couples"), ("good-enough-sex", "couples"),
                       ("woman-cancer-sex", "women"), ("man-cancer-sex", "men"), ("wpath-soc8", "clinicians"),
                       ("ucsf-disabled-advocate", "women with physical disabilities"),
                       ("outsiders", "not for everyone")]:
        assert words in works[wid].note, wid
    outcome = ENGINE.score({"age": "adult", "concerns": ("orgasm",)})
    assert any(w.id == "becoming-orgasmic" and "women" in w.note for s in outcome.suggestions for w in s.reading)


def test_every_adult_hears_the_two_warning_signs() -> None:
    first = " ".join(next(s for s in BANK.suggestions if s.id == "first-session").text.split())
    assert "any part of who you are as the problem is a warning sign" in first
    assert "presses for details, exercises or promises you did not offer" in first
    outcome = ENGINE.score({"age": "adult", "partner-safety": "yes"})
    assert "first-session" in _shown(outcome)
