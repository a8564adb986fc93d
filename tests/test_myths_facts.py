"""myths-facts, second edition: reading follows the statement missed, crisis lines are the confirmed ones
with the day they were checked, and the universal "anywhere else" line shows wherever lines are listed."""

from __future__ import annotations

import re

import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import Bank, Suggestion
from quiz.engine.report import to_text
from quiz.engine.session import Session
from quiz.paths import shipped_banks

UNIVERSAL = "Anywhere else: your local emergency number; findahelpline.com lists services by country."

# Each resource and the day ../shared/content/RESOURCES.md says it was checked: 2026-11-28 for the
# list, 2026-12-02 for rows it marks "checked 2026-12-02". Only CONFIRMED rows appear.
CHECKED = {
    "emergency": "2026-11-28", "findahelpline": "2026-11-28", "us-ndvh": "2026-11-28",
    "uk-ndah": "2026-11-28", "ca-sheltersafe": "2026-11-28", "us-childhelp": "2026-11-28",
    "uk-childline": "2026-11-28", "ca-kidshelp-call": "2026-12-02", "ca-kidshelp-text": "2026-11-28",
    "au-kidshelpline": "2026-11-28", "in-1098": "2026-11-28", "aven": "2026-12-02",
    "glma-directory": "2026-11-28",
}

# The statement missed, the card that follows it, and what the card must carry.
FOLLOWS = {
    "asexual": ("read-asexuality", {"resources": {"aven"}, "sources": {"dsm5"}}),
    "orientation": ("read-orientation", {"resources": {"glma-directory"}, "sources": {"apa-soce-2009"}}),
    "addiction": ("read-addiction", {"sources": {"aasect-2016", "reed-2019"}}),
    "antidepressant": ("read-medicines", {"reading": {"nice-ng222"}, "sources": {"serretti-2009"}}),
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(next(p for p in shipped_banks() if p.stem == "myths-facts"))


def card(bank: Bank, sid: str) -> Suggestion:
    return next(s for s in bank.suggestions if s.id == sid)


def all_right(bank: Bank) -> dict[str, object]:
    answers: dict[str, object] = {"age": "adult"}
    answers.update({q.id: q.answer for q in bank.questions if q.kind == "statement"})
    return answers


def chosen(bank: Bank, answers: dict[str, object]) -> list[str]:
    session = Session(bank)
    for qid, value in answers.items():
        session.answer(value, qid)
    return [s.id for s in session.outcome().suggestions]


def test_every_resource_is_a_confirmed_one_with_its_day(bank: Bank) -> None:
    assert {r.id: r.last_verified for r in bank.resources} == CHECKED


def test_youth_lines_cover_each_region_with_a_confirmed_one(bank: Bank) -> None:
    youth = card(bank, "youth")
    regions = {bank.resource_by_id[r].region for r in youth.resources}
    assert {"ALL", "US", "UK", "CA", "AU", "IN"} <= regions
    assert "never your fault" in youth.text and "report" in youth.text


def test_the_universal_line_shows_wherever_lines_are_listed(bank: Bank) -> None:
    assert UNIVERSAL in bank.resource_by_id["emergency"].contact
    for s in bank.suggestions:
        lines = [bank.resource_by_id[r] for r in s.resources]
        if any(re.search(r"\d{3}", r.contact) for r in lines):
            assert "emergency" in s.resources, f"{s.id} lists helplines without the universal line"


def test_the_universal_line_is_in_the_text_a_person_reads(bank: Bank) -> None:
    answers = all_right(bank) | {"abuse-couples": True}
    session = Session(bank)
    for qid, value in answers.items():
        session.answer(value, qid)
    text = " ".join(to_text(session.outcome()).split())
    assert UNIVERSAL in text and "(checked 2026-11-28)" in text


def test_one_statement_missed_brings_one_card(bank: Bank) -> None:
    """Reading follows the statement missed: any one statement missed alone brings exactly one card."""
    for q in bank.questions:
        if q.kind != "statement":
            continue
        got = chosen(bank, all_right(bank) | {q.id: not q.answer})
        assert len(got) == 1, f"missing `{q.id}` brought {got}"


@pytest.mark.parametrize("statement", sorted(FOLLOWS))
def test_the_card_that_follows_a_missed_statement(bank: Bank, statement: str) -> None:
    card_id, carries = FOLLOWS[statement]
    q = next(q for q in bank.questions if q.id == statement)
    assert chosen(bank, all_right(bank) | {statement: not q.answer}) == [card_id]
    shown = card(bank, card_id)
    for key, ids in carries.items():
        assert ids <= set(getattr(shown, key)), f"{card_id} lacks {key} {ids}"


def test_asexuality_is_not_sent_to_books_on_low_desire(bank: Bank) -> None:
    q = next(q for q in bank.questions if q.id == "asexual")
    assert "read-desire" not in chosen(bank, all_right(bank) | {"asexual": not q.answer})
