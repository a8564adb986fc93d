"""Fixtures of the UI tests."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.ui.app import QuizApp
from quiz.ui.base import QuizScreen

from .ui_helpers import FULL, SHORT, SNAPSHOT_BANK

# A Bank is frozen, so each worker loads a fixture bank once and every test shares it.


@pytest.fixture(scope="session")
def full_bank() -> Bank:
    return load_bank(FULL)


@pytest.fixture(scope="session")
def snapshot_bank() -> Bank:
    return load_bank(SNAPSHOT_BANK)


@pytest.fixture(scope="session")
def short_bank() -> Bank:
    """tests/data/ui/short.yaml: one question, then the results (with three suggestions)."""
    return load_bank(SHORT)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every inline notice a screen shows, and every notification the app still pops up (dialogs,
    exports), as plain text."""
    seen: list[str] = []
    original_say = QuizScreen.say
    original_notify = QuizApp.notify

    def say(self: QuizScreen, text: str) -> None:
        if text:
            seen.append(text)
        original_say(self, text)

    def record(self: QuizApp, message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(f"{kwargs.get('title', '')}: {message}")
        original_notify(self, message, *args, **kwargs)

    monkeypatch.setattr(QuizScreen, "say", say)
    monkeypatch.setattr(QuizApp, "notify", record)
    return seen
