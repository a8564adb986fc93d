"""When a save was made, in the person's local time and in words: never a raw UTC timestamp."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.engine.session import Session
from quiz.plain import PlainRunner
from quiz.store import save_session, when_words

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "tests" / "data" / "valid" / "full.yaml"
BERLIN_WINTER = timezone(timedelta(hours=1))
NOW = datetime(2025, 12, 3, 15, 0, tzinfo=BERLIN_WINTER)


@pytest.mark.parametrize(("saved_at", "words"), [
    ("2025-12-03T13:05:00Z", "today at 14:05"),  # local time, not UTC
    ("2025-12-02T20:30:00Z", "yesterday at 21:30"),
    ("2025-12-02T23:30:00Z", "today at 00:30"),  # past midnight locally, though not in UTC
    ("2025-12-01T08:10:00Z", "1 December at 09:10"),
    ("2024-06-02T08:10:00Z", "2 June 2024 at 09:10"),
    ("not a time", "not a time"),
])
def test_times_read_as_words_in_local_time(saved_at: str, words: str) -> None:
    assert when_words(saved_at, NOW) == words


def test_the_default_is_now_in_the_local_zone() -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    assert when_words(stamp).startswith(("today at", "yesterday at"))


@pytest.fixture
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.mark.usefixtures("_private_home")
def test_leaving_plain_mode_after_a_resume_says_the_save_is_still_there() -> None:
    bank = load_bank(FULL)
    path = save_session(Session(bank, {"age": "adult"}, "worry"))
    out = io.StringIO()
    code = PlainRunner(bank, io.StringIO("q\n"), out, session=Session(bank, {"age": "adult"}, "worry"),
                       resumed_from=path).run()
    assert code == 0
    assert "Nothing was saved" not in out.getvalue()
    assert str(path) in out.getvalue()


@pytest.mark.usefixtures("_private_home")
@pytest.mark.parametrize(("reply", "kept"), [("y", False), ("", False), ("n", True)])
def test_saving_again_in_plain_mode_offers_to_replace_the_earlier_save(reply: str, kept: bool) -> None:
    bank = load_bank(FULL)
    earlier = save_session(Session(bank, {"age": "adult"}, "worry"))
    out = io.StringIO()
    # save, a label, no passphrase, then whether to replace the earlier file
    replies = io.StringIO(f"save\nDr Example\nn\n{reply}\n")
    PlainRunner(bank, replies, out, session=Session(bank, {"age": "adult"}, "worry"),
                resumed_from=earlier).run()
    text = out.getvalue()
    assert "Replace the earlier save" in text and "Saved to" in text
    assert earlier.exists() is kept
    assert ("is still at" in text) is kept and ("was deleted" in text) is not kept
