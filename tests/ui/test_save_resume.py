"""Save and leave, resume from the launcher, and compare saves: all in the app, all in tmp folders."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList

from quiz.bank.model import Bank
from quiz.engine.session import Session
from quiz.paths import sessions_dir
from quiz.store import crypto, save_session
from quiz.ui.app import QuizApp
from quiz.ui.question import QuestionScreen
from quiz.ui.save import SaveScreen

from .ui_helpers import (
    FULL,
    SIZE,
    ManualClock,
    app_for,
    screen_name,
    screen_text,
    settle,
    static_text,
    take_to_results,
)


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap scrypt cost (the file records it, and loading follows it), as in tests/privacy: these
    tests are about the dialogs, not the cost, which test_the_real_kdf_cost_round_trips keeps real."""
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


async def _type(pilot: Pilot[Any], app: QuizApp, selector: str, text: str) -> None:
    field = app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def _to_second_question(pilot: Pilot[Any], app: QuizApp) -> None:
    await pilot.press("enter")  # the intro (the first section has no content note)
    assert isinstance(app.screen, QuestionScreen)
    await pilot.press("1")  # adult
    await pilot.pause()
    assert isinstance(app.screen, QuestionScreen)


async def _save(pilot: Pilot[Any], app: QuizApp, label: str, passphrase: str = "") -> None:
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, SaveScreen)
    assert app.screen.query_one("#path", Input).value == str(sessions_dir())
    await _type(pilot, app, "#label", label)
    if passphrase:
        await _type(pilot, app, "#passphrase", passphrase)
        await _type(pilot, app, "#confirm", passphrase)
    app.screen.query_one("#label", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_save_from_a_question_writes_an_owner_only_file_and_leaves(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await _to_second_question(pilot, app)
        assert "Save and leave" in screen_text(app)
        await _save(pilot, app, "Dr Ada")
    assert app.saved_to is not None
    assert app.saved_to.parent == sessions_dir()
    assert stat.S_IMODE(os.stat(app.saved_to).st_mode) == 0o600
    assert '"label": "Dr Ada"' in app.saved_to.read_text(encoding="utf-8")
    assert not app.is_running


async def test_passphrases_that_differ_keep_the_dialog(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await _to_second_question(pilot, app)
        await pilot.press("ctrl+s")
        await _type(pilot, app, "#passphrase", "one")
        await _type(pilot, app, "#confirm", "two")
        await pilot.press("enter")
        assert isinstance(app.screen, SaveScreen)
        assert "differ" in static_text(app, "#save-error")
        assert app.screen.query_one("#passphrase", Input).value == "one"
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
    assert app.saved_to is None
    assert not sessions_dir().exists()


async def test_protected_save_resumes_from_the_launcher(full_bank: Bank, notes: list[str]) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await _to_second_question(pilot, app)
        assert app.session is not None
        answers = dict(app.session.answers)
        position = app.session.position
        await _save(pilot, app, "private", passphrase="s3cret")
    assert app.saved_to is not None and app.saved_to.name.startswith("protected-")

    again = app_for(shipped=[FULL])
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert screen_name(again) == "SavedListScreen"
        assert "protected save (passphrase needed)" in screen_text(again)
        await pilot.press("enter")
        assert screen_name(again) == "PassphraseScreen"
        await pilot.press(*"s3cret", "enter")
        await settle(pilot)  # the key is worked out off the UI thread
        await pilot.pause()
        assert isinstance(again.screen, QuestionScreen)
        assert again.session is not None
        assert again.session.position == position
        assert dict(again.session.answers) == answers
        assert any("private" in n for n in notes)


async def test_wrong_passphrase_is_said_as_is(full_bank: Bank) -> None:
    save_session(Session(full_bank), passphrase="right one")
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter")
        await pilot.press(*"wrong", "enter")
        await settle(pilot)
        assert screen_name(app) == "PassphraseScreen"
        assert static_text(app, "#passphrase-error") == "wrong passphrase"
        await pilot.press("escape")
        assert screen_name(app) == "SavedListScreen"


async def test_the_app_stays_live_while_a_protected_save_opens(full_bank: Bank,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import quiz.store

    save_session(Session(full_bank), passphrase="right one")
    release = threading.Event()
    real = quiz.store.load_session
    derivations: list[str] = []

    def slow_load_session(*args: Any, **kwargs: Any) -> Any:
        derivations.append("key")
        release.wait(10)  # as slow as the key derivation can be on a slow machine
        return real(*args, **kwargs)

    monkeypatch.setattr(quiz.store, "load_session", slow_load_session)
    real_info = quiz.store.read_info

    def recorded_read_info(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("passphrase") or len(args) > 1:
            derivations.append("info")  # a protected file's label read with its passphrase
        return real_info(*args, **kwargs)

    monkeypatch.setattr(quiz.store, "read_info", recorded_read_info)
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter", *"right one", "enter")
        await pilot.pause()
        assert screen_name(app) == "SavedListScreen"
        assert "Opening the protected save" in static_text(app, "#saved-status")
        await pilot.press("space", "c")  # other actions wait while it opens
        assert screen_name(app) == "SavedListScreen"
        await pilot.press("ctrl+q")  # and the quick exit does not wait at all
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running
    assert derivations == ["key"]  # opening asks for the key once, not to read the label and again
    release.set()


async def test_compare_two_saves_shows_both_labels(full_bank: Bank) -> None:
    save_session(Session(full_bank), label="Therapist A")
    save_session(Session(full_bank), label="Therapist B")
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "space", "down", "space", "c")
        await settle(pilot)
        assert screen_name(app) == "CompareScreen"
        text = screen_text(app)
        assert "Therapist A" in text and "Therapist B" in text
        table = static_text(app, "#compare-table")
        for d in full_bank.dimensions:
            assert d.title[:20] in table
        await pilot.press("escape")
        assert screen_name(app) == "SavedListScreen"


async def test_a_corrupt_save_is_listed_with_its_problem_and_left_alone(full_bank: Bank) -> None:
    folder = sessions_dir()
    folder.mkdir(parents=True)
    bad = folder / "broken.json"
    data = b'{"format": "quiz-session", "format_version": 1, "bank": {"id'
    bad.write_bytes(data)
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        text = screen_text(app)
        assert "broken.json" in text and "Cannot be opened" in text
        # The whole problem, as listed: on screen it wraps wherever the tmp folder's length puts it.
        listed = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert listed.startswith("broken.json\nCannot be opened: ")
        assert f"{bad}: " in listed and "not complete JSON" in listed
        await pilot.press("enter", "space", "c")
        assert screen_name(app) == "SavedListScreen"
    assert bad.read_bytes() == data


async def _resume_first_save(pilot: Pilot[Any], app: QuizApp, passphrase: str = "") -> None:
    """From the launcher: open the only save (with its passphrase, if any)."""
    await settle(pilot)
    await pilot.press("o")
    assert screen_name(app) == "SavedListScreen"
    await pilot.press("enter")
    if passphrase:
        await pilot.press(*passphrase, "enter")
    await settle(pilot)
    await pilot.pause()


async def test_a_password_manager_typing_ahead_fills_each_field(full_bank: Bank) -> None:
    """Label, Tab, passphrase, Tab, passphrase, typed with no time passing right after the dialog
    opens (as a password manager does): each lands in its own field, none in the label."""
    clock = ManualClock()
    app = app_for(full_bank, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("enter", "1"):  # to the second question, each key after the guard
            await pilot.pause()
            clock.advance()
            await pilot.press(key)
        await pilot.pause()
        clock.advance()
        await pilot.press("ctrl+s", *"Dr Ada", "tab", *"s3cret", "tab", *"s3cret", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        fields = {f.id: f.value for f in app.screen.query(Input).results(Input)}
        assert fields["label"] == "Dr Ada"
        assert fields["passphrase"] == fields["confirm"] == "s3cret"
        assert app.saved_to is None  # the enter in the burst did not submit before the guard passed
        clock.advance()
        await pilot.press("enter")
        await pilot.pause()
    assert app.saved_to is not None and app.saved_to.name.startswith("protected-")


async def test_after_a_resume_results_say_the_save_exists_and_saving_again_replaces_it(
        full_bank: Bank) -> None:
    first = save_session(Session(full_bank, {"age": "adult"}, "worry"), label="Dr Ada")
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await _resume_first_save(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        assert "today at" in " ".join(app.screen.notice.split())  # when, in words, in local time
        await take_to_results(pilot)
        saved = static_text(app, "#saved")
        assert "Nothing has been saved" not in saved
        assert str(first) in saved
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveScreen)
        assert app.screen.query_one("#label", Input).value == "Dr Ada"  # the label is kept
        assert app.screen.query_one("#replace", Checkbox).value
        assert "unprotected" in str(app.screen.query_one("#replace", Checkbox).label)
        await _type(pilot, app, "#passphrase", "s3cret")
        await _type(pilot, app, "#confirm", "s3cret")
        app.screen.query_one("#label", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.saved_to is not None and app.saved_to.name.startswith("protected-")
    assert not first.exists()  # the unprotected file is not left behind
    said = "\n".join(app.saved_lines)
    assert str(app.saved_to) in said and "--resume" in said and str(first) in said


async def test_keeping_the_earlier_unprotected_save_is_said(full_bank: Bank) -> None:
    first = save_session(Session(full_bank, {"age": "adult"}, "worry"))
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await _resume_first_save(pilot, app)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one("#replace", Checkbox).value = False
        await _type(pilot, app, "#passphrase", "s3cret")
        await _type(pilot, app, "#confirm", "s3cret")
        app.screen.query_one("#label", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert app.saved_to is not None and first.exists()
    kept = [line for line in app.saved_lines if str(first) in line]
    assert kept and "unprotected" in kept[0]


async def test_the_save_message_says_how_to_carry_on(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await _to_second_question(pilot, app)
        await _save(pilot, app, "")
    assert app.saved_to is not None
    assert any(f"--resume {app.saved_to}" in line for line in app.saved_lines)


async def test_compare_with_too_few_marked_says_so_inline(full_bank: Bank,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    toasts: list[str] = []
    monkeypatch.setattr(QuizApp, "notify", lambda self, message, *a, **k: toasts.append(message))
    save_session(Session(full_bank))
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "c")
        assert screen_name(app) == "SavedListScreen"
        assert "Mark two or more" in static_text(app, "#notice")
        assert not toasts  # nothing pops up over the list
        await pilot.press("space")
        assert not app.screen.query_one("#notice").display  # gone once the person does something else


async def test_a_burst_that_arrives_before_the_dialog_is_ready_lands_in_the_right_fields(
        full_bank: Bank) -> None:
    """The keys of a password manager all reach the app before the dialog exists (as in a real
    terminal): ctrl+s, label, Tab, passphrase, Tab, passphrase, queued together."""
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await _to_second_question(pilot, app)
        chars = {"ctrl+s": "\x13", "tab": "\t", "space": " "}
        typed = ["ctrl+s", *"Dr", "space", *"Ada", "tab", *"s3cret", "tab", *"s3cret"]
        for key in typed:
            app.post_message(events.Key(key, chars.get(key, key)))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        fields = {f.id: f.value for f in app.screen.query(Input).results(Input)}
        assert fields["label"] == "Dr Ada"
        assert fields["passphrase"] == fields["confirm"] == "s3cret"
