"""therapist-fit, second edition: a warning sign outranks everything else, every red-flag card says how
to leave and how to report, only confirmed and dated resources ship, and first-edition answers still score."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from quiz.bank.check import check_file
from quiz.bank.model import Bank
from quiz.engine.answers import score_set
from quiz.engine.scoring import engine_for, score

BANK = Path(__file__).resolve().parent.parent / "banks" / "therapist-fit.yaml"
REPORT_ROUTES = {"report-us", "report-ca", "report-uk", "report-au", "report-in"}
LEAVE = "you do not have to go back, and you owe them no explanation"
UNIVERSAL = "Anywhere else: your local emergency number; findahelpline.com lists services by country"
# The dates ../shared/content/RESOURCES.md gives its checks.
CHECK_DATES = {"2026-11-28", "2026-12-02"}
# Numbers RESOURCES.md marks NOT CONFIRMED, or lists as outdated or wrong: none may ship.
UNCONFIRMED = ["14416", "891-4416", "1800 737 732", "0458 737 732", "843-4564", "0808 500 2222",
               "0800 0119 100", "7827170170", "14490", "488-7366", "273-8255", "press 3", "456-4566",
               "08457", "1800RESPECT", "Tele-MANAS"]
# The best answers a person could give, with a first conversation behind them.
BEST: dict[str, Any] = {
    "age": "adult", "had-consult": "yes", "licence": "verified", "training": "certified", "supervised": "no",
    "experience": "lots", "approach": "clear", "affirming": "yes", "medical": "yes", "attend": "alone",
    "fees": "clear", "sliding": "yes", "insurance": "yes", "telehealth": "in-person", "confidentiality": "yes",
    "respected": 3, "comfortable": 3, "pressured": 0, "warnings": ("none",)}


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = check_file(BANK)
    assert result.bank is not None, [str(p) for p in result.problems]
    return result.bank


def _ids(bank: Bank, answers: dict[str, Any]) -> list[str]:
    return list(score(bank, answers).suggestion_ids())


def test_the_bank_validates_with_no_problems_and_no_warnings() -> None:
    result = check_file(BANK)
    assert result.problems == () and result.warnings == ()


def test_best_answers_are_a_good_fit(bank: Bank) -> None:
    out = score(bank, BEST)
    assert out.dimensions[0].band == "strong"
    assert {"strength-licence", "strength-consultation"} <= set(out.suggestion_ids())


def test_every_red_flag_card_says_you_can_leave_and_how_to_report(bank: Bank) -> None:
    flags = [s for s in bank.suggestions if s.id.startswith("flag-")]
    assert len(flags) >= 9
    for s in flags:
        text = " ".join(s.text.split()).lower()
        assert s.kind == "safety", s.id
        assert LEAVE in text, s.id
        assert "by region" in text and "a new therapist can help" in text, s.id
        assert REPORT_ROUTES <= set(s.resources), s.id
        assert "findahelpline" in s.resources, s.id
    sexual = next(s for s in flags if s.id == "flag-sexual-contact")
    assert "police" in sexual.text
    conversion = next(s for s in flags if s.id == "flag-change-identity")
    assert {"us-trevor", "us-trans-lifeline", "ca-trans-lifeline", "au-qlife"} <= set(conversion.resources)


def test_only_confirmed_and_dated_resources_ship(bank: Bank) -> None:
    text = BANK.read_text(encoding="utf-8")
    assert [n for n in UNCONFIRMED if n in text] == []
    for r in bank.resources:
        words = f"{r.contact} {r.description}".lower()
        assert r.last_verified in CHECK_DATES, r.id
        assert "not checked" not in words and "confirm it there" not in words, r.id
        assert "24/7" not in words or "trans-lifeline" not in r.id, r.id
    by_id = {r.id: r for r in bank.resources}
    assert by_id["findahelpline"].contact == UNIVERSAL and by_id["findahelpline"].region == "ALL"
    # Every card that lists services shows the universal line too.
    for s in bank.suggestions:
        if s.resources:
            assert "findahelpline" in s.resources, s.id


WARNING_SIGNS = ("sexual-contact", "photos", "sexual-talk", "touch", "dual", "personal-contact", "secrecy",
                 "pressed-details", "pushed-exercises", "pushed-joint", "shaming", "change-identity",
                 "credentials-refused")
WARNING_ANSWERS: list[dict[str, Any]] = [{"warnings": (o,)} for o in WARNING_SIGNS]
WARNING_ANSWERS += [{"licence": "problem"}, {"affirming": "no"}, {"pressured": 3, "pushed": "yes"}]


@pytest.mark.parametrize("change", WARNING_ANSWERS, ids=lambda c: "-".join(str(v) for v in c.values()))
def test_any_warning_sign_is_a_warning_and_shows_no_strength(bank: Bank, change: dict[str, Any]) -> None:
    offered = next(q for q in bank.questions if q.id == "warnings").options
    assert {o.value for o in offered} == {*WARNING_SIGNS, "none"}
    out = score(bank, {**BEST, **change})
    ids = out.suggestion_ids()
    assert out.dimensions[0].band == "warning"
    assert [i for i in ids if i.startswith("strength-") or i == "consult-questions"] == []
    assert any(i.startswith("flag-") for i in ids)
    assert not any(i.startswith("gap-") and i != "gap-consultation" for i in ids)


def test_a_licence_that_did_not_check_out_is_never_a_good_fit(bank: Bank) -> None:
    """Whatever else is at its best, and whichever other answers are left out (scores are prorated)."""
    scored = ["training", "experience", "approach", "affirming", "medical", "fees", "confidentiality",
              "respected", "comfortable", "pressured", "warnings"]
    after_a_conversation = {"approach", "affirming", "confidentiality", "respected", "comfortable", "pressured"}
    for licence, consult in itertools.product(("problem", "discipline"), ("yes", "no")):
        bands = set()
        for r in range(len(scored) + 1):
            for left_out in itertools.combinations(scored, r):
                gone = set(left_out) | (after_a_conversation if consult == "no" else set())
                answers = {k: v for k, v in BEST.items() if k not in gone}
                answers.update({"licence": licence, "had-consult": consult})
                bands.add(score(bank, answers).dimensions[0].band)
        assert "strong" not in bands, (licence, consult)
        if licence == "problem":
            assert bands <= {"warning", None}, consult  # None: too few answers for a band
    out = score(bank, {**BEST, "licence": "discipline"})
    assert out.suggestions[0].id == "flag-licence-discipline"
    assert out.dimensions[0].band == "mixed"


def test_the_title_card_shows_on_every_adult_path(bank: Bank) -> None:
    assert "title-not-protected" in _ids(bank, {"age": "adult"})
    adults = [ex for ex in bank.examples if dict(ex.answers).get("age") == "adult"]
    assert len(adults) >= 10
    for ex in adults:
        assert "title-not-protected" in _ids(bank, dict(ex.answers)), ex.name


def test_questions_that_assume_a_first_conversation_wait_for_one(bank: Bank) -> None:
    order = [q.id for q in bank.questions]
    waiting = ["approach", "affirming", "screening", "confidentiality", "respected", "comfortable",
               "pressured", "pushed"]
    assert all(order.index("had-consult") < order.index(q) for q in waiting)
    _ctx, shown, _ended = engine_for(bank).walk({**BEST, "had-consult": "no", "attend": "together"})
    assert not {q.id for q in shown} & set(waiting)
    _ctx, shown, _ended = engine_for(bank).walk({**BEST, "attend": "together", "pressured": 2})
    assert set(waiting) <= {q.id for q in shown}
    assert "gap-first-conversation" in _ids(bank, {"age": "adult", "had-consult": "no"})


# First-edition answer sets (its own examples, with a first conversation behind them): they still
# score, whole, with no answer refused. "problem" keeps its value as one part of a split answer.
FIRST_EDITION: list[dict[str, Any]] = [
    {**BEST, "attend": "together", "screening": "yes", "sliding": "not-needed",
     "telehealth": "online-licensed"},
    {**BEST, "warnings": ("sexual-contact", "credentials-refused", "change-identity")},
    {"age": "adult", "licence": "told", "training": "unknown", "supervised": "not-told",
     "experience": "not-asked", "approach": "partly", "affirming": "unsure", "medical": "unsure",
     "attend": "not-sure", "screening": "not-asked", "fees": "unclear", "sliding": "unknown",
     "insurance": "unknown", "telehealth": "online-unsure", "confidentiality": "no", "had-consult": "yes",
     "respected": 1, "comfortable": 1, "pressured": 2, "warnings": ("none",)},
    {**BEST, "licence": "problem", "medical": "no", "insurance": "not-needed",
     "telehealth": "online-not-licensed", "respected": 2, "comfortable": 2, "pressured": 1},
]


@pytest.mark.parametrize("answers", FIRST_EDITION, ids=lambda a: f"{a['licence']}-{len(a)}")
def test_first_edition_answers_still_score(bank: Bank, answers: dict[str, Any]) -> None:
    raw = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
    outcome, problems = score_set(bank, raw, ("first-edition.yaml", 1))
    assert problems == [] and outcome is not None and outcome.complete
