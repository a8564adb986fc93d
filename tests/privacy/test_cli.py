"""`quiz take --resume`, `quiz compare` and `quiz forget` on the command line."""

from __future__ import annotations

import getpass
import io
import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from quiz.bank.model import Bank
from quiz.cli import main
from quiz.engine.session import Session
from quiz.store import latest_saved, list_saved, save_session

from .conftest import FULL, Home, answered
from .test_store import changed_bank


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "", tty: bool = False, secrets: list[str] | None = None
        ) -> tuple[int, str, str]:
    fake = io.StringIO(stdin)
    monkeypatch.setattr(fake, "isatty", lambda: tty)
    monkeypatch.setattr(sys, "stdin", fake)
    asked: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        asked.append(prompt)
        if not secrets:
            raise EOFError
        return secrets.pop(0)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def therapist(bank: Bank, worry: int, calm: int, label: str) -> Path:
    s = Session(bank)
    for value in ("adult", worry, calm, ["pain"], "no", False):
        s.answer(value)
    return save_session(s, label=label)


# -- take: save and resume --------------------------------------------------------------------------


def test_save_from_plain_then_resume(home: Home, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "take", str(FULL), "--plain",
                       stdin="1\n4\nsave\nMonday\nn\n")
    assert code == 0 and "Saved to " in out and "--resume" in out
    info = latest_saved("full-fixture")
    assert info is not None and info.label == "Monday" and info.answered == 2
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    code, out, err = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume",
                         stdin="1\n1 2\n1\n2\n\n\n")
    assert code == 0, err
    assert "Resuming \u201cMonday\u201d" in out
    assert "Question 2 of up to 6\nHow often do you feel calm" in out  # carries on where it was left
    assert "Results: Every feature" in out and "Heavy" in out


def test_protected_save_and_resume_by_file(home: Home, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "take", str(FULL), "--plain",
                       stdin="1\n4\nsave\n\ny\n", secrets=["s3cret", "s3cret"])
    assert code == 0
    path = next(home.sessions.iterdir())
    assert path.name.startswith("protected-") and b"s3cret" not in path.read_bytes()
    # Without the passphrase prompt, --resume alone does not search protected saves.
    code, _, err = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume")
    assert code == 1 and "1 protected save was not searched" in err
    code, out, err = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume",
                         "--passphrase-prompt", stdin="q\n", secrets=["s3cret"])
    assert code == 0 and "Resuming from" in out, err
    code, _, err = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume", str(path),
                       stdin="q\n", secrets=["no", "nope", "never"])
    assert code == 1
    assert err.count("wrong passphrase") == 4  # one per try, then the error itself
    code, out, _ = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume", str(path),
                       stdin="q\n", secrets=["wrong", "s3cret"])
    assert code == 0 and "Resuming" in out


def test_mismatched_passphrases_save_nothing(home: Home, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "take", str(FULL), "--plain",
                       stdin="1\nsave\n\ny\nq\n", secrets=["one", "two"])
    assert code == 0 and "did not match; nothing was saved" in out
    assert not home.data.exists()


def test_resume_after_a_bank_change_says_what_changed(
        home: Home, bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = save_session(answered(bank))
    new = changed_bank(tmp_path)
    code, out, _ = run(monkeypatch, capsys, "take", new.file, "--plain", "--resume", str(path),
                       stdin="q\n")
    assert code == 0
    words = " ".join(out.split())  # plain mode wraps its lines at the width
    assert "changed since this session was saved (version 1.0.0 then, 1.1.0 now)" in words
    assert "`topics`" in words and "`desire` is not an option" in words


def test_resume_errors(home: Home, bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume")
    assert code == 1 and "no saved session of `full-fixture`" in err
    broken = home.cwd / "broken.json"
    broken.write_bytes(b'{"format": "quiz-sess')
    code, _, err = run(monkeypatch, capsys, "take", str(FULL), "--plain", "--resume", str(broken))
    assert code == 1 and "not a quiz saved session" in err and "Traceback" not in err
    assert broken.read_bytes() == b'{"format": "quiz-sess'
    other = tmp_path / "minimal.yaml"
    other.write_text((FULL.parent / "minimal.yaml").read_text())
    saved = save_session(answered(bank))
    code, _, err = run(monkeypatch, capsys, "take", str(other), "--plain", "--resume", str(saved))
    assert code == 1 and "saved from the bank `full-fixture`, not `minimal`" in err


def test_resume_in_the_app_passes_the_session_and_notes(
        home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import quiz.ui.app as app

    path = save_session(answered(bank, worry=0))
    calls: list[dict[str, Any]] = []

    def with_session(bank: Bank | None = None, session: Any = None, notes: Any = (),
                     resumed_from: Any = None) -> int:
        calls.append({"bank": bank, "session": session, "notes": notes, "resumed_from": resumed_from})
        return 0

    monkeypatch.setattr(app, "run_app", with_session)
    code, _, _err = run(monkeypatch, capsys, "take", str(FULL), "--resume", str(path))
    assert code == 0 and calls and calls[0]["session"].answers["worry"] == 0
    assert any("Resuming" in n for n in calls[0]["notes"])
    assert calls[0]["resumed_from"].path == path  # so the app can say the save exists, and replace it


# -- compare ----------------------------------------------------------------------------------------


def test_compare_side_by_side(home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    a = therapist(bank, 3, 0, "Dr. A")
    b = therapist(bank, 1, 3, "Dr. B")
    code, out, err = run(monkeypatch, capsys, "compare", str(a), str(b), "--bank", str(FULL))
    assert (code, err) == (0, "")
    header = next(line for line in out.splitlines() if "Dr. A" in line)
    assert header.index("Dr. A") < header.index("Dr. B")
    weight = next(line for line in out.splitlines() if line.startswith("How much it weighs"))
    assert "Heavy (8 of 9)" in weight and "Light (3 of 9)" in weight
    assert "Consider talking to someone [next-step]" in out

    code, out, _ = run(monkeypatch, capsys, "compare", str(a), str(b), "--bank", str(FULL),
                       "--format", "md")
    assert code == 0 and "| | Dr. A<br>" in out and "| Dr. B<br>" in out and "| Suggestions |" in out

    code, out, _ = run(monkeypatch, capsys, "compare", str(a), str(b), "--bank", str(FULL),
                       "--format", "json")
    data = json.loads(out)
    assert [s["label"] for s in data["sessions"]] == ["Dr. A", "Dr. B"]
    bands = [{d["id"]: d["band"] for d in s["dimensions"]} for s in data["sessions"]]
    assert bands[0]["weight"] == "heavy" and bands[1]["weight"] == "light"
    assert "talk" in [s["id"] for s in data["sessions"][0]["suggestions"]]


def test_compare_protected_files_asks_once(home: Home, bank: Bank,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    s = answered(bank)
    a = save_session(s, label="A", passphrase="pw")
    b = save_session(s, label="B", passphrase="pw")
    code, out, err = run(monkeypatch, capsys, "compare", str(a), str(b), "--bank", str(FULL),
                         secrets=["pw"])
    assert code == 0, err
    assert "A" in out and "B" in out
    code, _, err = run(monkeypatch, capsys, "compare", str(a), "--bank", str(FULL),
                       secrets=["x", "y", "z"])
    assert code == 1 and err.strip().endswith("quiz: wrong passphrase")


def test_compare_refuses_different_banks(home: Home, bank: Bank, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from quiz.bank.check import load_bank

    minimal = load_bank(FULL.parent / "minimal.yaml")
    a = save_session(answered(bank))
    b = save_session(Session(minimal))
    code, out, err = run(monkeypatch, capsys, "compare", str(a), str(b))
    assert code == 1 and out == ""
    assert "different banks" in err and "`full-fixture`" in err and "`minimal`" in err
    code, _, err = run(monkeypatch, capsys, "compare", str(a))
    assert code == 1 and "--bank FILE" in err
    code, _, err = run(monkeypatch, capsys, "compare", str(a), "--bank", str(FULL.parent /
                                                                             "minimal.yaml"))
    assert code == 1 and "is `minimal`" in err


def test_compare_says_when_the_bank_changed(home: Home, bank: Bank, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    a = therapist(bank, 3, 0, "Dr. A")
    new = changed_bank(tmp_path)
    code, _, err = run(monkeypatch, capsys, "compare", str(a), "--bank", new.file)
    assert code == 0 and "changed since this session was saved" in err


# -- forget -----------------------------------------------------------------------------------------


def test_forget_with_nothing_saved(home: Home, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(monkeypatch, capsys, "forget")
    assert code == 0 and "nothing saved" in out
    assert not home.data.exists()


def test_forget_yes_removes_everything_and_says_so(home: Home, bank: Bank,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    a = save_session(answered(bank), label="A")
    b = save_session(answered(bank), passphrase="pw")
    banks = home.data / "quiz" / "banks"
    banks.mkdir()
    (banks / "mine.yaml").write_text("quiz: 1\n")
    code, out, _ = run(monkeypatch, capsys, "forget", "--yes")
    assert code == 0
    assert f"Removed 2 file(s):\n  {a}\n  {b}" in out or f"  {b}\n  {a}" in out
    assert "your own banks" in out and "never deletes them" in out
    assert not home.sessions.exists() and (banks / "mine.yaml").exists()
    assert list_saved().saved == ()


def test_forget_asks_on_a_terminal(home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = save_session(answered(bank))
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    code, out, _ = run(monkeypatch, capsys, "forget", tty=True)
    assert code == 0 and "Nothing removed." in out and path.exists()
    monkeypatch.setattr("builtins.input", lambda prompt="": "y")
    code, out, _ = run(monkeypatch, capsys, "forget", tty=True)
    assert code == 0 and "Removed 1 file(s)" in out and not path.exists()
    assert list(home.data.iterdir()) == []


def test_forget_without_a_terminal_needs_yes(home: Home, bank: Bank,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = save_session(answered(bank))
    code, out, err = run(monkeypatch, capsys, "forget")
    assert code == 2 and "--yes" in err and str(path) in out
    assert path.exists()
