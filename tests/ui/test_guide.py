"""`quiz guide` in the terminal: Textual's Markdown viewer with its contents, opened at the section asked for.

The whole guide takes seconds to lay out, so the app runs once, on three of its sections; that every
heading of the whole guide is one the viewer can go to is proved in tests/test_guide.py (their titles
hold no Markdown but backticks, which the viewer's contents drop too).
"""

from __future__ import annotations

from textual.widgets import Markdown, MarkdownViewer

from quiz import guide
from quiz.ui.guide_app import GuideApp
from quiz.ui.guide_screen import GuideScreen

from .ui_helpers import screen_text


def sample() -> str:
    """The guide's title and sections 1, 7 and 8, as the viewer gets the whole guide."""
    parts = [guide.section_text(h) for h in guide.contents() if h.number in ("1", "7", "8")]
    return "# Writing a quiz bank\n\n" + "\n".join(parts)


async def test_opens_at_the_section_asked_for_with_its_contents_and_help() -> None:
    text = sample()
    heading = guide.find("missing answers", text)
    assert heading is not None
    app = GuideApp(text, heading)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        viewer = screen.query_one(MarkdownViewer)
        for _ in range(200):  # until the document is laid out and scrolled there (each pause: a step)
            await pilot.pause()
            if viewer.scroll_y > 0 and isinstance(app.focused, Markdown):
                break
        await pilot.pause()
        lines = screen_text(app).splitlines()
        # The keys are said on the screen, the contents are beside the text, and the section asked
        # for is at the top of the text, which has the keys (so the arrows read on from there).
        assert "q leaves" in " ".join(lines[:2])
        assert any("1. Install" in line for line in lines)
        # (the contents' own line for it, "Ⅱ 7. Missing answers", may share a row with it)
        at = next(i for i, line in enumerate(lines) if "7. Missing answers" in line.replace("Ⅱ 7.", ""))
        assert at <= 5, lines[:8]
        assert isinstance(app.focused, Markdown)
        # Every heading the lookup can return is one the viewer can go to.
        for h in guide.headings(text):
            assert screen.go_to(h), h.title
        await pilot.press("t")
        assert viewer.show_table_of_contents is False
        await pilot.press("t")
        assert viewer.show_table_of_contents is True
        await pilot.press("q")
    assert app.return_code == 0


async def test_narrow_the_contents_start_hidden_and_the_keys_scroll_the_text() -> None:
    app = GuideApp(sample(), None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        viewer = screen.query_one(MarkdownViewer)
        for _ in range(200):
            await pilot.pause()
            if isinstance(app.focused, Markdown):
                break
        assert viewer.show_table_of_contents is False and isinstance(app.focused, Markdown)
        await pilot.press("pagedown")
        await pilot.pause()
        assert viewer.scroll_y > 0
        await pilot.press("t")  # shown: the keys go to the contents
        assert viewer.show_table_of_contents is True and not isinstance(app.focused, Markdown)
        await pilot.press("t")  # hidden again: the keys come back to the text
        assert isinstance(app.focused, Markdown)
        await pilot.press("q")
    assert app.return_code == 0
