"""The launcher: shipped banks and the person's own folder, broken banks listed with their problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from quiz.ui.launcher import LauncherScreen, read_entries

from .ui_helpers import (
    FULL,
    SIZE,
    SNAPSHOT_BANK,
    USER_BANKS,
    app_for,
    click_action,
    screen_name,
    screen_text,
    settle,
    static_text,
)


def test_entries_list_good_and_broken_banks_without_raising(tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    shutil.copytree(USER_BANKS, folder)
    (folder / "notes.txt").write_text("not a bank", encoding="utf-8")
    (folder / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    entries = read_entries([SNAPSHOT_BANK], folder)
    names = [e.path.name for e in entries]
    assert names == ["snapshot.yaml", "binary.yaml", "broken.yaml", "my-own.yaml"]
    by_name = {e.path.name: e for e in entries}
    assert by_name["snapshot.yaml"].bank is not None and not by_name["snapshot.yaml"].mine
    assert by_name["my-own.yaml"].bank is not None and by_name["my-own.yaml"].mine
    broken = by_name["broken.yaml"]
    assert broken.bank is None
    assert any("optoins" in p and ":14:" in p for p in broken.problems)
    assert by_name["binary.yaml"].bank is None and by_name["binary.yaml"].problems


def test_a_missing_folder_lists_only_shipped_banks(tmp_path: Path) -> None:
    entries = read_entries([FULL], tmp_path / "nothing-here")
    assert [e.path for e in entries] == [FULL]
    assert not (tmp_path / "nothing-here").exists()


async def test_launcher_shows_banks_folder_and_problems() -> None:
    app = app_for(shipped=[SNAPSHOT_BANK], user_dir=USER_BANKS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LauncherScreen)
        text = screen_text(app)
        assert "Rest and stress check" in text
        assert "5 questions" in text and "about 2 min" in text
        assert "A short fixture bank about sleep and stress" in text
        assert "My own check  (yours)" in text
        assert "broken.yaml" in text and "Cannot be opened" in text
        assert str(USER_BANKS) in static_text(app, "#user-dir")
        listing = app.screen.query_one(OptionList)
        disabled = [o for o in listing.options if o.disabled]
        assert len(disabled) == 1
        # The broken bank cannot be opened: the cursor skips it.
        await pilot.press("down", "enter")
        assert screen_name(app) == "IntroScreen"
        assert app.bank is not None and app.bank.id == "my-own"


async def test_back_from_the_intro_and_home_from_results() -> None:
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert screen_name(app) == "IntroScreen"
        await pilot.press("b")
        assert screen_name(app) == "LauncherScreen"
        await pilot.press("enter", "enter", "2")  # open, start, under 18
        assert screen_name(app) == "ResultsScreen"
        await click_action(pilot, "home")
        assert screen_name(app) == "ConfirmScreen"  # the results are not thrown away unasked
        await pilot.click("#go")
        await pilot.pause()
        assert screen_name(app) == "LauncherScreen"
        assert app.session is None


async def test_unknown_user_folder_shows_where_to_put_banks(tmp_path: Path) -> None:
    folder = tmp_path / "quiz" / "banks"
    app = app_for(shipped=[FULL], user_dir=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert static_text(app, "#user-dir").endswith(f"put .yaml files in {folder} (not created yet)")
    assert not folder.exists()


async def test_the_main_bank_comes_first_and_saved_sessions_are_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quiz.bank.check import load_bank
    from quiz.engine.session import Session
    from quiz.paths import shipped_banks
    from quiz.store import save_session

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shipped = sorted(shipped_banks(), reverse=True)  # whatever order the files come in
    app = app_for(shipped=shipped, user_dir=USER_BANKS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [e.bank.id for e in app.screen.entries if e.bank is not None]  # type: ignore[attr-defined]
        assert titles[:3] == ["therapy-fit", "myths-facts", "therapist-fit"]
        assert not app.screen.query_one("#saves-line").display  # no saves: nothing said
    bank = load_bank(FULL)
    save_session(Session(bank))
    save_session(Session(bank), label="two")
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "2 saved sessions: press o to open" in screen_text(app)
