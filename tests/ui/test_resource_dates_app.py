"""The app's results card says when each service was checked in the report's words, and gives no date for
a service nobody checked."""

from __future__ import annotations

from pathlib import Path

from quiz.bank.check import load_bank
from quiz.engine.report import checked_words
from quiz.engine.session import Session
from quiz.ui.results import suggestion_content

DATES = Path(__file__).parent.parent / "data" / "resources" / "dates.yaml"


def test_the_card_shows_the_checked_date_only_where_there_is_one() -> None:
    session = Session(load_bank(DATES))
    session.answer("yes", "upset")
    [card] = session.outcome().suggestions
    lines = suggestion_content(card).plain.splitlines()
    first = next(x for x in lines if "A first line" in x)
    second = next(x for x in lines if "A second line" in x)
    assert first.endswith(checked_words(card.resources[0])) and checked_words(card.resources[0])
    assert "checked" not in second
