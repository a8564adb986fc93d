"""An early end (an `end: true` answer) speaks plainly, offers no save or export and shows no scores;
results are never thrown away without asking."""

from __future__ import annotations

from textual.widgets import Button

from quiz.bank.model import Bank

from .ui_helpers import FULL, SIZE, action_shown, app_for, screen_name, screen_text, settle, static_text


async def test_an_early_end_offers_no_save_or_export_and_no_scores(full_bank: Bank) -> None:
    app = app_for(full_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")  # under 18: the bank ends here
        assert screen_name(app) == "ResultsScreen"
        assert "nothing was scored" in static_text(app, "#status")
        assert not action_shown(app, "export")
        shown = screen_text(app)
        assert "Export" not in shown and "Save and leave" not in shown
        assert "Your scores" not in shown and "Statements:" not in shown
        await pilot.press("e", "enter", "ctrl+s")
        assert screen_name(app) == "ResultsScreen"  # neither key opens a dialog
        assert "Nothing has been saved" in static_text(app, "#saved")


async def test_other_banks_asks_before_the_results_go_and_escape_keeps_them() -> None:
    app = app_for(shipped=[FULL])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "2")  # the bank's intro, then under 18: results
        assert screen_name(app) == "ResultsScreen"
        await pilot.press("h")
        assert screen_name(app) == "ConfirmScreen"
        assert app.screen.focused is not None and isinstance(app.screen.focused, Button)
        assert app.screen.focused.id == "keep"  # enter, too, keeps them
        await pilot.press("escape")
        assert screen_name(app) == "ResultsScreen" and app.session is not None
        await pilot.press("h", "enter")
        assert screen_name(app) == "ResultsScreen" and app.session is not None
        await pilot.press("h")
        await pilot.click("#go")
        await pilot.pause()
        assert screen_name(app) == "LauncherScreen" and app.session is None
