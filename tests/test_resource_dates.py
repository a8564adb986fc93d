"""A date says a resource was checked: every output shows it in the same words, an entry nobody checked
shows none, and `quiz validate` refuses a date that is in the future or beside words saying "not checked"."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from quiz.bank.check import check_text, load_bank
from quiz.bank.migrate import migrate_text
from quiz.bank.resource_checks import unchecked_words
from quiz.engine.outcome import Outcome
from quiz.engine.report import checked_words, to_html, to_json, to_markdown, to_text
from quiz.engine.session import Session
from quiz.plain import PlainRunner

DATA = Path(__file__).parent / "data"
DATES = DATA / "resources" / "dates.yaml"
CHECKED = "checked 2026-11-28"


def outcome() -> Outcome:
    session = Session(load_bank(DATES))
    session.answer("yes", "upset")
    return session.outcome()


def with_date(date: str, description: str = "A line.") -> str:
    """The fixture bank with its unchecked line given `description` and the date `date`."""
    text = DATES.read_text(encoding="utf-8")
    return text.replace("    description: Not checked on the service's own site; confirm it there.\n",
                        f"    description: {description}\n    last_verified: {date}\n")


def test_the_wording_is_one_helper() -> None:
    [checked, unchecked] = outcome().suggestions[0].resources
    assert checked_words(checked) == CHECKED
    assert (unchecked.last_verified, checked_words(unchecked)) == ("", "")


@pytest.mark.parametrize("render", [to_text, to_markdown, to_html], ids=["text", "markdown", "html"])
def test_every_report_shows_the_date_and_no_date_for_an_unchecked_line(render) -> None:  # type: ignore[no-untyped-def]
    report = render(outcome())
    assert report.count(CHECKED) == 1
    assert report.count("checked") == 1  # the unchecked line carries no date and no stand-in
    line = next(x for x in report.splitlines() if "A second line" in x and "0800 111 111" in x)
    assert "checked" not in line


def test_json_keeps_the_date_field() -> None:
    [card] = json.loads(to_json(outcome()))["suggestions"]
    assert [r["last_verified"] for r in card["resources"]] == ["2026-11-28", ""]


def test_plain_mode_shows_the_date() -> None:
    out = io.StringIO()
    PlainRunner(load_bank(DATES), io.StringIO("1\n\n"), out, width=200).run()
    contact = [x for x in out.getvalue().splitlines() if "Contact:" in x]
    assert len(contact) == 2
    assert contact[0].endswith(f"({CHECKED})") and "checked" not in contact[1]


def test_an_entry_nobody_checked_needs_no_date() -> None:
    result = check_text(DATES.read_text(encoding="utf-8"), "dates.yaml")
    assert result.problems == () and result.bank is not None
    assert result.bank.resource_by_id["unchecked-line"].last_verified == ""


@pytest.mark.parametrize("words", ["Not checked on the service's own site; confirm it there.",
                                   "Widely published number, unverified.",
                                   "Confirm it there before you call.",
                                   "A number that has not been verified."])
def test_a_date_beside_words_saying_not_checked_is_a_problem(words: str) -> None:
    result = check_text(with_date("2026-11-28", words), "dates.yaml")
    assert result.bank is None
    [p] = result.problems
    assert p.path == "resources.1.last_verified" and "`last_verified`" in p.message
    assert "quiz migrate" in p.hint


def test_plain_descriptions_are_not_mistaken_for_unchecked() -> None:
    for words in ("Checked on the service's own page.", "Confirm your identity when you call.",
                  "Support when you are not sure what happened."):
        assert unchecked_words({"description": words}) == ("", ""), words


def test_a_date_later_than_today_is_a_problem_on_the_clock_given() -> None:
    text = with_date("2026-12-03")
    [p] = check_text(text, "dates.yaml", today=dt.date(2026, 12, 2)).problems
    assert p.path == "resources.1.last_verified" and "later than today" in p.message
    assert check_text(text, "dates.yaml", today=dt.date(2026, 12, 3)).bank is not None  # today itself is fine


def test_a_date_that_is_no_real_day_is_a_problem() -> None:
    [p] = check_text(with_date("2026-02-30"), "dates.yaml", today=dt.date(2026, 12, 2)).problems
    assert p.path == "resources.1.last_verified" and "not a real date" in p.message


def test_migrate_drops_a_date_beside_words_saying_not_checked() -> None:
    before = (DATA / "migrate" / "unchecked_dates.yaml").read_text(encoding="utf-8")
    assert check_text(before, "old.yaml").bank is None
    result = migrate_text(before, "old.yaml")
    assert result.problems == ()
    bank = check_text(result.text, "old.yaml").bank
    assert bank is not None
    dates = {r.id: r.last_verified for r in bank.resources}
    assert dates == {"checked": "2026-11-01", "widely-published": "", "flow-style": ""}
    assert "# kept: a comment beside the resources" in result.text
    assert len(result.changes) == 2
