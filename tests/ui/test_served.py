"""A served app (`quiz serve`) never writes on the serving computer and never shows a path of it.

Each test replays an attack from issue 16 against the app as a participant's browser runs it:
"Export…" writing any file the facilitator can write, "Save and leave" writing into the
facilitator's sessions folder and showing their home path, and the dialog promising "readable by you
only".
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from quiz.bank.model import Bank
from quiz.ui.app import QuizApp
from quiz.ui.base import QuizScreen
from quiz.ui.export import ExportScreen
from quiz.ui.help import HelpScreen
from quiz.ui.results import ResultsScreen

from .ui_helpers import SIZE, app_for, screen_text

TO_RESULTS = ("enter", "1", "r")
"""short.yaml (tests/data/ui): the intro, one answer, the results."""


@pytest.fixture
def host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The facilitator's computer: a home, a data folder and a working folder, all watched."""
    for name in ("home", "data", "cwd"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "cwd")
    return tmp_path


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


class Deliveries:
    """Stands in for the browser's end of Textual's `deliver_text`: what the participant downloads."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str, str | None]] = []

    def __call__(self, path_or_file: Any, **kwargs: Any) -> str:
        assert isinstance(path_or_file, io.StringIO), "a served export is sent from memory, never a host file"
        self.files.append((kwargs["save_filename"], path_or_file.getvalue(), kwargs.get("mime_type")))
        return "key"


def served_app(bank: Bank) -> tuple[QuizApp, Deliveries]:
    app = app_for(bank, served=True)
    deliveries = Deliveries()
    app.deliver_text = deliveries  # type: ignore[method-assign]
    return app, deliveries


def shows_no_host_path(app: QuizApp, host: Path) -> None:
    text = screen_text(app)
    for path in (str(host), os.environ["HOME"], "~/"):
        assert path not in text
    assert "readable by you only" not in text


async def test_save_is_not_offered_and_ctrl_s_writes_nothing(short_bank: Bank, host: Path) -> None:
    app, _ = served_app(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        assert "ctrl+s" not in screen_text(app)  # the intro's privacy line no longer points at it
        await pilot.press("enter")
        for next_key in ("1", "r", ""):  # on a question, the review, then the results
            assert "Save and leave" not in screen_text(app)
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, QuizScreen), "no save dialog opens"
            shows_no_host_path(app, host)
            if next_key:
                await pilot.press(next_key)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "ctrl+s" not in screen_text(app)
    assert files_under(host) == []
    assert app.saved_to is None


async def test_a_save_reached_anyway_is_refused(short_bank: Bank, host: Path) -> None:
    app, _ = served_app(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*TO_RESULTS)
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        screen.post_message(QuizScreen.SaveAndLeave())  # as if a key or a button had sent it
        await pilot.pause()
        assert "not offered" in screen.notice
        assert app.screen is screen and app.is_running
        shows_no_host_path(app, host)
    assert files_under(host) == []


async def test_export_is_a_download_in_the_browser(short_bank: Bank, host: Path) -> None:
    app, deliveries = served_app(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*TO_RESULTS, "e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert list(dialog.query(Input)) == [], "no path to type: the file is never written here"
        shows_no_host_path(app, host)
        await pilot.press("2")  # HTML
        await pilot.press("enter")  # Download
        results = app.screen
        assert isinstance(results, ResultsScreen)
        shows_no_host_path(app, host)
        assert "quiz-results.html" in results.notice
    assert files_under(host) == []
    [(name, text, mime)] = deliveries.files
    assert name == "quiz-results.html" and mime == "text/html"
    assert short_bank.title in text and "<html" in text.lower()


async def test_the_same_app_unserved_still_saves(short_bank: Bank, host: Path) -> None:
    """The guard is the serving, not the app: at the person's own terminal save and export stay."""
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert "Save and leave" in screen_text(app)
        await pilot.press("1", "r", "e")
        assert isinstance(app.screen, ExportScreen)
        assert list(app.screen.query(Input))
