"""Bank text made inert for the screen: control characters removed, never parsed as markup."""

from __future__ import annotations

from textual.content import Content

from quiz.safe_text import clean


def inert(text: str, style: str = "") -> Content:
    """Bank text as literal Content: markup like `[b]` or `[@click=...]` stays plain characters."""
    text = clean(text)
    return Content.styled(text, style) if style else Content(text)


def bar(fraction: float, width: int = 20) -> str:
    """A bar of `width` cells drawn with characters, so it reads without colour."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled)
