"""The keys: the help lists every key each screen binds (and no key it does not), and the key bar
shows whole at 80x24 on every screen, with the quick exit and help always on it."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Input

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.ui.app import MIN_HEIGHT, MIN_WIDTH, QuizApp
from quiz.ui.choices import Choices
from quiz.ui.compare import CompareScreen
from quiz.ui.export import ExportScreen
from quiz.ui.help import KEYS, HelpScreen
from quiz.ui.intro import IntroScreen
from quiz.ui.launcher import LauncherScreen
from quiz.ui.passphrase import PassphraseScreen
from quiz.ui.question import QuestionScreen
from quiz.ui.results import ResultsScreen
from quiz.ui.reveal import RevealScreen
from quiz.ui.review import ReviewScreen
from quiz.ui.save import SaveScreen
from quiz.ui.saved_list import SavedListScreen
from quiz.ui.section import SectionScreen

from .ui_helpers import (
    FULL,
    SIZE,
    USER_BANKS,
    app_for,
    assert_key_bar_whole,
    screen_name,
    screen_text,
    settle,
    take_to_results,
    take_to_results_checking_key_bars,
)

WHERE: dict[str, tuple[type[DOMNode], ...]] = {
    "Everywhere": (QuizApp,),
    "Choosing a bank": (LauncherScreen,),
    "Saved sessions": (SavedListScreen,),
    "Comparing saves": (CompareScreen,),
    "Intro and content notes": (IntroScreen, SectionScreen),
    "Questions": (QuestionScreen, Choices),
    "True or false revealed": (RevealScreen,),
    "Review": (ReviewScreen,),
    "Results": (ResultsScreen,),
    "Save and leave": (SaveScreen,),
    "Export": (ExportScreen, Choices),
    "Passphrase of a protected save": (PassphraseScreen,),
    "This help": (HelpScreen,),
}
"""Each group of the help, and the classes whose own bindings it documents."""

NAMES = {"question_mark": "?", "f1": "F1", "up": "↑", "down": "↓", "left": "←", "right": "→"}
"""How the help writes a key Textual names otherwise."""

EVERYWHERE = ("ctrl+q", "ctrl+c", "f1")
"""Bound again on the dialogs (a modal screen hides the app's own bindings); the help lists them once."""


def own_keys(cls: type[DOMNode]) -> list[str]:
    """The keys bound in `cls` itself (not those of the stock widget it extends)."""
    keys = []
    for binding in vars(cls).get("BINDINGS", []):
        assert isinstance(binding, Binding)
        keys += [k.strip() for k in binding.key.split(",")]
    return keys


def documented(group: str) -> str:
    """The key column of one help group, as one string."""
    return " | ".join(key for key, _what in dict(KEYS)[group])


def test_every_help_group_is_a_place_in_the_app() -> None:
    assert [group for group, _keys in KEYS] == list(WHERE)


@pytest.mark.parametrize("group", list(WHERE))
def test_the_help_lists_every_key_bound_there(group: str) -> None:
    listed = documented(group)
    for cls in WHERE[group]:
        for key in own_keys(cls):
            if key in EVERYWHERE and group != "Everywhere":
                continue
            if key.isdigit():
                assert re.search(r"\b1-\d\b", listed), f"{group}: number keys of {cls.__name__}"
                continue
            name = NAMES.get(key, key)
            assert re.search(rf"(^|[\s(,/|]){re.escape(name)}($|[\s),/|])", listed), (
                f"{group}: {cls.__name__} binds {key!r}, which the help does not list")


@pytest.mark.parametrize("group", list(WHERE))
def test_the_help_lists_no_letter_that_is_not_bound_there(group: str) -> None:
    bound = {k for cls in WHERE[group] for k in own_keys(cls)}
    if group == "Everywhere":
        bound.add(QuizApp.COMMAND_PALETTE_BINDING)  # Textual's own, kept on
    for token in re.split(r"[\s(),/|]+", documented(group)):
        if re.fullmatch(r"[a-z]|ctrl\+[a-z]", token):
            assert token in bound, f"{group}: the help lists {token!r}, which nothing there binds"


async def test_the_key_bar_is_whole_on_every_screen_of_the_full_fixture() -> None:
    """full.yaml has every kind of question and screen. The shipped banks' key bars are checked the
    same way (take_to_results_checking_key_bars) on their walk from the launcher in test_take_banks."""
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE) as pilot:
        await take_to_results_checking_key_bars(pilot)


@pytest.mark.parametrize("size", [(80, 23), (MIN_WIDTH, MIN_HEIGHT)])
async def test_the_key_bar_is_whole_at_80x23_and_the_smallest_size(size: tuple[int, int]) -> None:
    app = app_for(load_bank(FULL))
    async with app.run_test(size=size) as pilot:
        await take_to_results_checking_key_bars(pilot)


async def test_the_key_bar_is_whole_on_the_launcher_and_a_bank_opened_from_it() -> None:
    app = app_for(shipped=[FULL], user_dir=USER_BANKS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Open a saved session" in await assert_key_bar_whole(pilot)
        await pilot.press("o")
        assert screen_name(app) == "SavedListScreen"
        await assert_key_bar_whole(pilot)
        await pilot.press("escape", "enter")
        assert screen_name(app) == "IntroScreen"
        assert "b Back to the list" in await assert_key_bar_whole(pilot)
        await pilot.press("enter", "2")  # under 18: results, with "Other banks"
        assert screen_name(app) == "ResultsScreen"
        assert "h Other banks" in await assert_key_bar_whole(pilot)


async def test_f1_opens_the_help_over_a_dialog_where_question_mark_is_typed() -> None:
    app = app_for(load_bank(FULL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "ctrl+s")
        assert screen_name(app) == "SaveScreen"
        await pilot.press("question_mark")
        assert app.screen.query_one("#label", Input).value == "?"
        await pilot.press("f1")
        assert screen_name(app) == "HelpScreen"
        await pilot.press("escape")
        assert screen_name(app) == "SaveScreen"


async def test_the_command_palette_offers_the_apps_own_actions_first(short_bank: Bank) -> None:
    app = app_for(short_bank)
    async with app.run_test(size=SIZE) as pilot:
        await take_to_results(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[:4] == ["Export results", "Review answers", "Save and leave", "Quick exit"]
        assert "Screenshot" not in titles and len(titles) > 5  # Textual's own follow
        save = next(c for c in app.get_system_commands(app.screen) if c.title == "Save and leave")
        save.callback()
        await pilot.pause()
        assert screen_name(app) == "SaveScreen"


async def test_ctrl_c_is_the_quick_exit(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.quick_exited and app.return_code == 0
    assert not app.is_running


@pytest.mark.parametrize(("keys", "group"), [((), "Intro and content notes"), (("enter",), "Questions")])
async def test_the_help_opens_at_the_part_for_the_screen(full_bank: Bank, keys: tuple[str, ...],
                                                         group: str) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys, "question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        shown = screen_text(app)
        assert f"{group} (this screen)" in shown  # its heading is in view, however far down
