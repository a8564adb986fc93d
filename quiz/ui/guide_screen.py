"""The guide's screen: the authoring guide in Textual's Markdown viewer, its table of contents beside it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import MarkdownViewer, Static, Tree

from quiz.guide import Heading
from quiz.ui.actions import key_bar

HELP = ("↑ ↓ page up/down scroll · tab moves between the contents and the text · enter on a contents line "
        "goes there · t hides or shows the contents · q leaves")
"""Said at the top of the screen, so no key has to be guessed."""

NARROW = 100
"""Below this many columns the guide opens with its contents hidden (`t` shows them)."""


class GuideScreen(Screen[None]):
    """The whole guide, scrolled to the section asked for (`quiz guide 7`)."""

    AUTO_FOCUS = "MarkdownTableOfContents Tree"
    """The contents have the keys first: choose where to go (opened at a section, the text has them)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "app.quit", "Leave"),
        Binding("ctrl+q", "app.quit", "Leave", show=False, priority=True),
        Binding("t", "contents", "Contents"),
    ]

    def __init__(self, markdown: str, start: Heading | None = None) -> None:
        """Show `markdown`, at `start` when given."""
        super().__init__()
        self.markdown = markdown
        self.start = start

    def compose(self) -> ComposeResult:
        yield Static(Content(HELP), id="guide-help")
        yield MarkdownViewer(show_table_of_contents=True, id="guide")
        yield key_bar()

    @property
    def viewer(self) -> MarkdownViewer:
        """The Markdown viewer."""
        return self.query_one(MarkdownViewer)

    def on_mount(self) -> None:
        # The guide takes a second or two to lay out (over a thousand blocks): the screen is drawn
        # first, with a loading indicator where the text will be, then the text is read in.
        self.viewer.loading = True
        if self.app.size.width < NARROW:  # beside the text, the contents would leave neither readable
            self.viewer.show_table_of_contents = False
        self.call_after_refresh(self.read_in)

    async def read_in(self) -> None:
        """Read the guide into the viewer, then scroll to the section asked for."""
        await self.viewer.document.update(self.markdown)
        self.viewer.loading = False
        if not self.viewer.show_table_of_contents:
            self.viewer.document.focus(scroll_visible=False)  # the arrows scroll the text at once
        if self.start is not None:
            self.call_after_refresh(self.open_at, self.start)

    def open_at(self, heading: Heading) -> None:
        """Scroll to `heading` and give the text the keys, so the arrows read on from there."""
        if self.go_to(heading):
            self.viewer.document.focus(scroll_visible=False)

    def go_to(self, heading: Heading) -> bool:
        """Scroll so that `heading` is at the top; False when the document has no such heading."""
        level_and_title = (heading.level, heading.plain)
        for level, title, block_id in self.viewer.document.table_of_contents:
            if (level, title) == level_and_title:
                self.viewer.scroll_to_widget(self.viewer.document.query_one(f"#{block_id}"), top=True,
                                             animate=False)
                return True
        return False

    def action_contents(self) -> None:
        """Hide or show the table of contents; the keys go with what is shown (hidden contents keep none)."""
        shown = self.viewer.show_table_of_contents = not self.viewer.show_table_of_contents
        if shown:
            self.viewer.table_of_contents.query_one(Tree).focus()
        else:
            self.viewer.document.focus(scroll_visible=False)
