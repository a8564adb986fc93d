"""Fixtures for privacy tests: a private home with every XDG folder, the test bank, a cheaper KDF."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import pytest

from quiz import paths
from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.engine.session import Session
from quiz.store import crypto

FULL = Path(__file__).resolve().parents[1] / "data" / "valid" / "full.yaml"
FAST_N = 2**10
"""Tests derive keys at a low scrypt cost for speed; one test keeps the real cost."""


@dataclass(frozen=True)
class Home:
    """The private folders a test runs in; everything the program may touch lies under `root`."""

    root: Path
    home: Path
    data: Path
    config: Path
    cache: Path
    state: Path
    tmp: Path
    cwd: Path

    @property
    def sessions(self) -> Path:
        """Where saves go by default."""
        return paths.sessions_dir()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Home]:
    """HOME, XDG_DATA/CONFIG/CACHE/STATE_HOME, TMPDIR and the working folder under one tmp root.

    The XDG folders do not exist yet, as for someone who has never used quiz.
    """
    root = tmp_path / "root"
    h = Home(root, root / "home", root / "xdg-data", root / "xdg-config", root / "xdg-cache",
             root / "xdg-state", root / "tmp", root / "cwd")
    for d in (h.home, h.tmp, h.cwd):
        d.mkdir(parents=True)
    for var, value in (("HOME", h.home), ("XDG_DATA_HOME", h.data), ("XDG_CONFIG_HOME", h.config),
                       ("XDG_CACHE_HOME", h.cache), ("XDG_STATE_HOME", h.state), ("TMPDIR", h.tmp)):
        monkeypatch.setenv(var, str(value))
    monkeypatch.delenv("XDG_DATA_DIRS", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    monkeypatch.chdir(h.cwd)
    # platformdirs reads the environment on every call; prove it before relying on it.
    assert Path(platformdirs.user_data_dir("quiz", appauthor=False)).is_relative_to(root)
    assert paths.sessions_dir().is_relative_to(h.data)
    yield h


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap scrypt cost so protected saves take milliseconds in tests."""
    monkeypatch.setattr(crypto, "SCRYPT_N", FAST_N)


@pytest.fixture(scope="session")
def bank() -> Bank:
    """tests/data/valid/full.yaml."""
    return load_bank(FULL)


def answered(bank: Bank, *, worry: int = 3, label_text: str = "") -> Session:
    """A session part-way through full.yaml, touching every kind of answer."""
    s = Session(bank)
    s.answer("adult")
    s.answer(worry)
    s.answer("prefer_not_to_say")
    if worry >= 1:
        s.answer(["pain", "desire"])
        s.answer("yes")
        s.answer(False)
        s.answer(label_text or "free text, kept only when saved")
    return s
