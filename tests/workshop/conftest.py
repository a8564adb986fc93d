"""Fixtures for workshop tests: a private data folder per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.bank.model import Bank

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return home


@pytest.fixture
def bank() -> Bank:
    return load_bank(FULL)
