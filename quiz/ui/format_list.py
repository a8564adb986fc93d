"""The export dialog's format picker: a one-answer choice list whose enter only chooses."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from quiz.ui.choice_list import ChoiceList


class FormatList(ChoiceList):
    """Markdown, HTML or JSON, chosen with arrows and enter, a number key, or a click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Choose format"),
    ]
