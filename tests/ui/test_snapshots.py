"""How the app looks at 80x24 (and, for the taking screens, at 80x23: an 80x24 window with a tmux status
line), one snapshot per screen state, from a fixed fixture bank.

Update after a deliberate change with `pytest tests/ui/test_snapshots.py --snapshot-update`, then look
at the SVGs (or `snapshot_report.html`) before keeping them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quiz.bank.check import load_bank
from quiz.ui.app import make_app

from .ui_helpers import ROOT, PatientClock, settle

# Relative paths, so the launcher shows the same text in any checkout.
BANK = Path("tests/data/ui/snapshot.yaml")
USER_BANKS = Path("tests/data/ui/user_banks")

TO_QUESTION = ("enter", "1", "2", "1", "down")
"""Intro, bedtime "Yes", stress "Sometimes", then tick Work and move to Screens."""
TO_REVEAL = ("enter", "1", "2", "1", "enter", "enter", "1")
"""... the checklist sent, the facts note, and the statement answered True (not right)."""
TO_REVIEW = (*TO_REVEAL, "enter", "enter")
TO_RESULTS = (*TO_REVIEW, "r")
TO_NOTE = ("enter", "1", "2", "1", "enter")
"""... the checklist sent: the facts section's content note."""

SIZES = pytest.mark.parametrize("size", [(80, 24), (80, 23)], ids=["80x24", "80x23"])


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


async def _loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_launcher(snap_compare: Any) -> None:
    app = make_app(shipped=[BANK], user_dir=USER_BANKS, clock=PatientClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


@SIZES
def test_intro(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, terminal_size=size)


@SIZES
def test_first_question_with_its_section_intro(snap_compare: Any, size: tuple[int, int]) -> None:
    """A section without a content note has no screen of its own: its intro sits above its first question."""
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, press=("enter",), terminal_size=size)


@SIZES
def test_question_checklist(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, press=TO_QUESTION, terminal_size=size)


@SIZES
def test_statement_revealed(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, press=TO_REVEAL, terminal_size=size)


@SIZES
def test_review(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, press=TO_REVIEW, terminal_size=size)


def test_results(snap_compare: Any) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, press=TO_RESULTS, terminal_size=(80, 24))


@SIZES
def test_section_content_note(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, press=TO_NOTE, terminal_size=size)


def test_terminal_too_small(snap_compare: Any) -> None:
    app = make_app(load_bank(BANK), clock=PatientClock())
    assert snap_compare(app, terminal_size=(59, 19))


@SIZES
def test_results_after_an_early_end(snap_compare: Any, size: tuple[int, int]) -> None:
    """The age check's 'under 18' ends the bank: plain words, no scores, no save or export."""
    from quiz.paths import shipped_banks

    therapy_fit = next(p for p in shipped_banks() if p.stem == "therapy-fit")
    app = make_app(load_bank(therapy_fit), clock=PatientClock())
    assert snap_compare(app, press=("enter", "2"), terminal_size=size)
