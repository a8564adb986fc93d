"""The input guard: keys pressed before a screen is drawn, or just after it changed, never act on it."""

from __future__ import annotations

import time
from collections.abc import Callable

GUARD_SECONDS = 0.25
"""How long after a screen is drawn its keys are ignored: long enough to swallow the rest of a burst
(a double tap, a key held down, enter pressed twice), short enough that a deliberate key never waits."""

Clock = Callable[[], float]
"""Seconds from any fixed start; `time.monotonic` in the app, a clock the test advances in tests."""


class InputGuard:
    """Whether a key may act on the screen now.

    Closed from the moment a screen changes (`hold`) until `GUARD_SECONDS` after it was drawn
    (`drawn`); a key when it is `open` always acts.
    """

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self._drawn_at: float | None = None
        """When the screen on top was drawn; None while a change is still to be drawn."""

    def hold(self) -> None:
        """The screen changes (or is about to): close until it has been drawn and the guard has passed."""
        self._drawn_at = None

    def drawn(self) -> None:
        """The changed screen is on the terminal: the guard runs from now."""
        self._drawn_at = self.clock()

    @property
    def open(self) -> bool:
        """Whether a key pressed now acts."""
        return self._drawn_at is not None and self.clock() - self._drawn_at >= GUARD_SECONDS
