"""Issue 16's smaller findings: room names, room folder modes, a shared sessions folder, a flood of
left-out answers."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.cli import main
from quiz.engine.session import Session
from quiz.room.totals import Room, RoomError, room_path
from quiz.store import StoreError, latest_saved, load_session, save_session, session_files

FULL = Path(__file__).parent / "data" / "valid" / "full.yaml"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "data"


@pytest.mark.parametrize("name", ["room\n", "room\nx", "Room", "", "-x", "a" * 41])
def test_a_room_name_is_checked_whole(name: str) -> None:
    with pytest.raises(RoomError):
        room_path(name)


def test_creating_a_room_makes_its_folders_owner_only(home: Path) -> None:
    with Room("class", create=True):
        pass
    for folder in (home, home / "quiz", home / "quiz" / "rooms"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def _saved(home: Path) -> Path:
    bank = load_bank(FULL)
    sessions = home / "quiz" / "sessions"
    path = save_session(Session(bank))
    assert path.parent == sessions
    return path


def test_a_sessions_folder_others_can_write_is_refused(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _saved(home)
    bank = load_bank(FULL)
    path.parent.chmod(0o777)
    assert session_files() == [] and latest_saved(bank.id) is None
    with pytest.raises(StoreError, match="chmod 700"):
        load_session(path, lambda _id: bank)
    assert main(["take", str(FULL), "--plain", "--resume"]) != 0
    assert "chmod 700" in capsys.readouterr().err
    assert main(["take", str(FULL), "--plain", "--resume", str(path)]) != 0
    assert "chmod 700" in capsys.readouterr().err
    path.parent.chmod(0o700)
    assert session_files() == [path]
    assert load_session(path, lambda _id: bank).bank.id == bank.id


def test_a_flood_of_unknown_answers_is_summarised(home: Path) -> None:
    path = _saved(home)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["answers"] = {f"gone{i}": 1 for i in range(20_000)}
    path.write_text(json.dumps(doc), encoding="utf-8")
    bank = load_bank(FULL)
    loaded = load_session(path, lambda _id: bank)
    assert len(loaded.dropped) == 20_000
    assert len(loaded.changes) <= 13
    assert loaded.changes[-1] == "- and 19,990 more"
