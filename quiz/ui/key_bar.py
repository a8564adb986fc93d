"""The bottom line of every screen: the keys that work here, quick exit always among them.

One widget drawing one line, rather than Textual's Footer with a widget per key: every screen builds
faster, which is most of what makes the app start quickly and move from question to question at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.screen import Screen


class KeyBar(Widget):
    """Shows each binding marked `show` on the current screen; clicking one runs it.

    The line is worked out when it is drawn, so a burst of binding changes (a new screen mounting,
    the focus moving) costs one redraw rather than one per change.
    """

    def __init__(self) -> None:
        super().__init__(id="key-bar")
        self._hits: list[tuple[int, int, ActiveBinding]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        """The keys for what has the focus now."""
        shown: list[ActiveBinding] = []
        actions: set[tuple[int, str]] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description:
                continue
            what = (id(active.node), binding.action)
            if what in actions:  # one action bound to several keys shows once
                continue
            actions.add(what)
            shown.append(active)
        parts: list[Content | str | tuple[str, str]] = []
        hits: list[tuple[int, int, ActiveBinding]] = []
        x = 0
        for active in shown:
            key = self.app.get_key_display(active.binding)
            text = f" {key} {active.binding.description} "
            style = "" if active.enabled else "dim"
            parts += [(f" {key}", f"bold $accent {style}".strip()),
                      (f" {active.binding.description} ", style)]
            hits.append((x, x + len(text), active))
            x += len(text)
        if self.app.ENABLE_COMMAND_PALETTE:
            palette = " ^p palette "
            gap = max(1, self.size.width - x - len(palette))
            parts += [" " * gap, ("^p", "bold $accent"), " palette "]
        self._hits = hits
        return Content.assemble(*parts)

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        for start, end, active in self._hits:
            if start <= event.x < end and active.enabled:
                await self.app.run_action(active.binding.action, active.node)
                return
        if self.app.ENABLE_COMMAND_PALETTE and event.x >= self.size.width - 12:
            self.app.action_command_palette()
