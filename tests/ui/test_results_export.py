"""Export from the results: the person types a path, the file is written only then, and they are told."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from quiz.bank.model import Bank
from quiz.ui.app import QuizApp
from quiz.ui.export import DEFAULT_PATH, ExportScreen
from quiz.ui.results import ResultsScreen

from .ui_helpers import SIZE, app_for, screen_name, screen_text, static_text

TO_RESULTS = ("enter", "1", "r")
"""short.yaml (tests/data/ui): the intro, the pain is new (every suggestion fires), the results."""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in the test's folder, so the paths typed key by key are short relative ones."""
    monkeypatch.chdir(tmp_path)
    return Path.cwd()


async def to_export(pilot: Pilot[Any], app: QuizApp) -> ExportScreen:
    await pilot.press(*TO_RESULTS)
    assert isinstance(app.screen, ResultsScreen)
    await pilot.press("e")
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def type_path(pilot: Pilot[Any], screen: ExportScreen, path: str) -> None:
    field = screen.query_one("#path", Input)
    field.focus()
    field.value = ""
    await pilot.press(*path)


async def test_export_markdown_where_typed(short_bank: Bank, in_tmp: Path, notes: list[str]) -> None:
    app = app_for(short_bank)
    target = in_tmp / "mine.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*TO_RESULTS)
        assert "Nothing has been saved" not in screen_text(app)  # the results run past the screen
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.query_one("#path", Input).value == DEFAULT_PATH
        assert "Quick exit" in screen_text(app)
        await type_path(pilot, screen, "mine.md")
        assert not target.exists()  # nothing until Save
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
        assert target.exists()
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Results: One question")
        assert "See a doctor" in text
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert any(str(target) in n for n in notes)
        assert static_text(app, "#saved") == f"Saved to {target}"
        assert "Saved to" in screen_text(app)  # scrolled into view


async def test_export_html_and_json_by_keys(short_bank: Bank, tmp_path: Path) -> None:
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_export(pilot, app)
        await type_path(pilot, screen, "o.md")
        await pilot.press("shift+tab", "right", "enter")  # the format: HTML; the path has the focus again
        assert screen.query_one("#path", Input).value == "o.html"
        assert screen.focused is screen.query_one("#path", Input)
        await pilot.press("enter")
        html = (tmp_path / "o.html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>") and "<script" not in html
        await pilot.press("e")
        again = app.screen
        assert isinstance(again, ExportScreen)
        await type_path(pilot, again, "o.md")
        await pilot.press("shift+tab", "right", "right", "enter", "enter")
        data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
        assert data["bank"] == "short-fixture"


async def test_enter_on_results_opens_export(short_bank: Bank) -> None:
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*TO_RESULTS)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")  # the highlighted action, Export…
        assert isinstance(app.screen, ExportScreen)


async def test_the_format_has_the_focus_first_and_its_number_keys_choose(short_bank: Bank,
                                                                         tmp_path: Path) -> None:
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_export(pilot, app)
        await pilot.press("2")  # HTML: the number chooses the format, it is not typed into the path
        field = screen.query_one("#path", Input)
        assert field.value == DEFAULT_PATH.removesuffix(".md") + ".html"
        assert screen.focused is field
        field.value = str(tmp_path / "r.html")
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
        assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")


async def test_export_says_clearly_when_the_path_cannot_be_written(short_bank: Bank,
                                                                    in_tmp: Path) -> None:
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_export(pilot, app)
        missing = in_tmp / "none" / "r.md"
        await type_path(pilot, screen, "none/r.md")
        await pilot.press("enter")
        assert screen_name(app) == "ExportScreen"
        assert static_text(app, "#export-error") == f"The folder {missing.parent} does not exist."
        assert not missing.parent.exists()
        screen.query_one("#path", Input).value = str(in_tmp)  # too long to type key by key
        await pilot.press("enter")
        assert static_text(app, "#export-error").startswith(f"{in_tmp} is a folder; add a file name")
        await pilot.press("escape")
        assert isinstance(app.screen, ResultsScreen)
    assert sorted(p.name for p in in_tmp.iterdir()) == []


async def test_export_asks_before_replacing_a_file(short_bank: Bank, in_tmp: Path) -> None:
    target = in_tmp / "r.md"
    target.write_text("keep me", encoding="utf-8")
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_export(pilot, app)
        await type_path(pilot, screen, "r.md")
        await pilot.press("enter")
        assert "already exists. Press Save again to replace it." in static_text(app, "#export-error")
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
        assert target.read_text(encoding="utf-8").startswith("# Results: One question")


async def test_a_click_chooses_the_format_and_marks_it(short_bank: Bank) -> None:
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_export(pilot, app)
        assert "(•) Markdown" in screen_text(app) and "( ) HTML" in screen_text(app)
        await pilot.click("#format", offset=(2, 2))  # HTML, the second format
        field = screen.query_one("#path", Input)
        assert field.value == DEFAULT_PATH.removesuffix(".md") + ".html"
        assert screen.focused is field
        assert "( ) Markdown" in screen_text(app) and "(•) HTML" in screen_text(app)
