"""Saving and loading sessions: round trips, permissions, protection, bank changes, clear errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quiz import store
from quiz.bank.check import load_bank
from quiz.bank.model import DECLINED, Bank
from quiz.engine.session import Session
from quiz.errors import QuizError
from quiz.store import (
    NotASavedSession,
    PassphraseNeeded,
    SaveError,
    UnknownBank,
    WrongPassphrase,
    forget_all,
    latest_saved,
    list_saved,
    load_session,
    read_info,
    save_session,
)

from .conftest import FULL, Home, answered


def lookup(bank: Bank) -> Callable[[str], Bank | None]:
    return lambda bank_id: bank if bank_id == bank.id else None


def mode(p: Path) -> int:
    return stat.S_IMODE(p.lstat().st_mode)


def changed_bank(tmp_path: Path, *, version: str = "1.1.0") -> Bank:
    """full.yaml with `desire` gone from `topics` and "Prefer not to say" gone from `calm`."""
    text = FULL.read_text(encoding="utf-8")
    edits = [
        ('version: "1.0.0"', f'version: "{version}"'),
        ("          - {value: desire, label: Desire, scores: {weight: 1}}\n", ""),
        ("""when: 'topics includes "desire" or wrong(myth)'""", "when: 'wrong(myth)'"),
        ("        reverse: true\n        prefer_not_to_say: true\n", "        reverse: true\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    p = tmp_path / "changed.yaml"
    p.write_text(text, encoding="utf-8")
    return load_bank(p)


# -- round trips ------------------------------------------------------------------------------------


def test_round_trip_keeps_answers_position_and_label(home: Home, bank: Bank) -> None:
    s = answered(bank)
    s.back()
    path = save_session(s, label="Dr. A")
    assert path.parent == home.sessions and path.name.startswith("full-fixture-")
    loaded = load_session(path, lookup(bank))
    assert dict(loaded.answers) == s.answers
    assert loaded.label == "Dr. A" and loaded.position == s.position
    assert loaded.changes == () and loaded.dropped == () and not loaded.bank_changed
    again = loaded.session()
    assert again.position == s.position and again.answers == s.answers
    assert loaded.outcome() == s.outcome()


def test_a_finished_session_resumes_at_review(home: Home, bank: Bank) -> None:
    s = answered(bank)
    assert s.position is None and s.is_complete()
    loaded = load_session(save_session(s), lookup(bank))
    assert loaded.session().position is None


def test_protected_round_trip_hides_everything(home: Home, bank: Bank) -> None:
    s = answered(bank, label_text="very private words")
    path = save_session(s, label="Therapist B", passphrase="correct horse")
    assert path.name.startswith("protected-")
    raw = path.read_bytes()
    for secret in (b"full-fixture", b"Every feature", b"Therapist B", b"very private", b"pain"):
        assert secret not in raw
    loaded = load_session(path, lookup(bank), passphrase="correct horse")
    assert dict(loaded.answers) == s.answers and loaded.label == "Therapist B" and loaded.protected


def test_the_real_kdf_cost_round_trips(home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    monkeypatch.setattr(store.crypto, "SCRYPT_N", 2**17)
    path = save_session(answered(bank), passphrase="pw")
    assert json.loads(path.read_text())["protected"]["n"] == 2**17
    assert load_session(path, lookup(bank), passphrase="pw").protected


def test_the_passphrase_is_normalised(home: Home, bank: Bank) -> None:
    path = save_session(answered(bank), passphrase="caf\u00e9")
    assert load_session(path, lookup(bank), passphrase="cafe\u0301").protected


# -- passphrase errors ------------------------------------------------------------------------------


def test_wrong_passphrase_says_only_that(home: Home, bank: Bank) -> None:
    path = save_session(answered(bank), passphrase="right")
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase) as exc:
        load_session(path, lookup(bank), passphrase="wrong")
    assert str(exc.value) == "wrong passphrase"
    with pytest.raises(PassphraseNeeded, match="protected by a passphrase"):
        load_session(path, lookup(bank))
    assert path.read_bytes() == before


@pytest.mark.parametrize("field,value", [("n", 2**11), ("salt", "AAAAAAAAAAAAAAAAAAAAAA=="),
                                         ("nonce", "AAAAAAAAAAAAAAAA")])
def test_a_tampered_header_fails_like_a_wrong_passphrase(home: Home, bank: Bank, field: str,
                                                         value: object) -> None:
    path = save_session(answered(bank), passphrase="pw")
    doc = json.loads(path.read_text())
    doc["protected"][field] = value
    path.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        load_session(path, lookup(bank), passphrase="pw")


def test_a_hostile_kdf_cost_is_refused_at_once(home: Home, bank: Bank) -> None:
    path = save_session(answered(bank), passphrase="pw")
    doc = json.loads(path.read_text())
    doc["protected"].update(n=2**24, r=16)
    path.write_text(json.dumps(doc))
    with pytest.raises(NotASavedSession, match="out of range"):
        load_session(path, lookup(bank), passphrase="pw")


def test_empty_passphrase_and_long_label_are_refused(home: Home, bank: Bank) -> None:
    with pytest.raises(SaveError, match="passphrase is empty"):
        save_session(answered(bank), passphrase="")
    with pytest.raises(SaveError, match="label"):
        save_session(answered(bank), label="x" * 201)
    assert not home.data.exists()


# -- permissions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_every_file_and_folder_created_is_owner_only(home: Home, bank: Bank, umask: int) -> None:
    old = os.umask(umask)
    try:
        paths = [save_session(answered(bank)), save_session(answered(bank), passphrase="pw")]
    finally:
        os.umask(old)
    for p in paths:
        assert mode(p) == 0o600
    created = [home.data, home.data / "quiz", home.sessions]
    for d in created:
        assert mode(d) == 0o700, d
    # Nothing else appeared anywhere under the private root.
    seen = {p for p in home.root.rglob("*")}
    assert seen == {home.home, home.tmp, home.cwd, *created, *paths}


def test_an_existing_folder_keeps_its_mode(home: Home, bank: Bank) -> None:
    home.data.mkdir(mode=0o755)
    os.chmod(home.data, 0o755)
    save_session(answered(bank))
    assert mode(home.data) == 0o755
    assert mode(home.data / "quiz") == 0o700 and mode(home.sessions) == 0o700


def test_a_chosen_path_and_folder(home: Home, bank: Bank, tmp_path: Path) -> None:
    target = home.cwd / "mine.json"
    assert save_session(answered(bank), target) == target and mode(target) == 0o600
    inside = save_session(answered(bank), home.cwd)
    assert inside.parent == home.cwd and inside.name.startswith("full-fixture-")
    again = save_session(answered(bank, worry=0), target)  # over a saved session: allowed
    assert again == target and read_info(target).answered == 3
    assert mode(target) == 0o600
    assert not home.data.exists(), "a chosen path creates nothing in the data folder"


def test_never_overwrites_a_file_that_is_not_a_saved_session(home: Home, bank: Bank) -> None:
    other = home.cwd / "thesis.json"
    other.write_text('{"chapter": 1}')
    with pytest.raises(SaveError, match="not a quiz saved session"):
        save_session(answered(bank), other)
    assert other.read_text() == '{"chapter": 1}'
    link = home.cwd / "link.json"
    link.symlink_to(other)
    with pytest.raises(SaveError, match="symbolic link"):
        save_session(answered(bank), link)
    with pytest.raises(SaveError, match="does not exist"):
        save_session(answered(bank), home.cwd / "nope" / "x.json")
    assert sorted(p.name for p in home.cwd.iterdir()) == ["link.json", "thesis.json"]


def test_default_names_never_collide(home: Home, bank: Bank) -> None:
    names = {save_session(answered(bank)).name for _ in range(3)}
    assert len(names) == 3


# -- bank changes -----------------------------------------------------------------------------------


def test_resume_after_a_bank_change_keeps_what_fits(home: Home, bank: Bank, tmp_path: Path) -> None:
    s = answered(bank)
    path = save_session(s)
    new = changed_bank(tmp_path)
    loaded = load_session(path, lookup(new))
    assert loaded.bank_changed
    assert dict(loaded.answers) == {"age": "adult", "worry": 3, "myth": False,
                                    "notes": "free text, kept only when saved"}
    dropped = dict(loaded.dropped)
    assert set(dropped) == {"calm", "topics", "pain-now"}
    assert "Prefer not to say" in dropped["calm"]
    assert "`desire` is not an option" in dropped["topics"]
    assert "no longer shown" in dropped["pain-now"]
    assert "changed since this session was saved (version 1.0.0 then, 1.1.0 now)" in loaded.changes[0]
    assert "3 saved answers no longer fit" in loaded.changes[1]
    resumed = loaded.session()
    assert resumed.position == "calm"  # the first question that needs an answer again
    assert resumed.outcome().dimension("weight").band is None  # incomplete, never a wrong band


def test_same_version_different_content_is_still_said(home: Home, bank: Bank, tmp_path: Path
                                                      ) -> None:
    s = Session(bank)
    for value in ("adult", 0, 2):
        s.answer(value)
    loaded = load_session(save_session(s), lookup(changed_bank(tmp_path, version="1.0.0")))
    assert "still version 1.0.0, but its content differs" in loaded.changes[0]
    assert loaded.changes[-1] == "All 3 saved answers still fit."


def test_an_unknown_bank_is_named(home: Home, bank: Bank) -> None:
    path = save_session(answered(bank))
    with pytest.raises(UnknownBank, match="full-fixture") as exc:
        load_session(path, lambda _id: None)
    assert exc.value.bank_id == "full-fixture"


# -- foreign and broken files -----------------------------------------------------------------------


@pytest.mark.parametrize("content,why", [
    (b"", "empty"), (b"\xff\xfe", "UTF-8"), (b"{", "truncated"), (b"[1, 2]", "marker"),
    (b'{"format": "quiz-session", "format_version": 1}', "bank"),
    (b'{"format": "quiz-session", "format_version": true}', "version"),
    (b"[" * 100_000, "truncated"),
], ids=["empty", "not-utf8", "cut", "list", "no-bank", "bool-version", "deep"])
def test_broken_files_are_named_and_left_alone(home: Home, bank: Bank, content: bytes, why: str
                                               ) -> None:
    p = home.cwd / "broken.json"
    p.write_bytes(content)
    with pytest.raises(NotASavedSession, match="not a quiz saved session") as exc:
        load_session(p, lookup(bank))
    assert why in str(exc.value)
    assert p.read_bytes() == content


def test_truncated_saves_are_refused(home: Home, bank: Bank) -> None:
    for pw in (None, "pw"):
        data = save_session(answered(bank), home.cwd / "s.json", passphrase=pw).read_bytes()
        for cut in range(0, len(data) - 2, 7):
            p = home.cwd / "cut.json"
            p.write_bytes(data[:cut])
            with pytest.raises(QuizError):
                load_session(p, lookup(bank), passphrase=pw)
            assert p.read_bytes() == data[:cut]


def test_a_newer_format_says_update(home: Home, bank: Bank) -> None:
    p = home.cwd / "future.json"
    p.write_text('{"format": "quiz-session", "format_version": 9}')
    with pytest.raises(NotASavedSession, match="newer quiz"):
        load_session(p, lookup(bank))


def test_folders_and_missing_files(home: Home, bank: Bank) -> None:
    with pytest.raises(NotASavedSession, match="not a regular file"):
        load_session(home.cwd, lookup(bank))
    with pytest.raises(store.StoreError, match="no such file"):
        load_session(home.cwd / "missing.json", lookup(bank))
    os.mkfifo(home.cwd / "fifo")
    with pytest.raises(NotASavedSession):  # would block forever if opened
        load_session(home.cwd / "fifo", lookup(bank))


# -- finding and forgetting -------------------------------------------------------------------------


def test_latest_saved_picks_the_newest_of_the_bank(home: Home, bank: Bank) -> None:
    assert latest_saved(bank.id) is None
    first = save_session(answered(bank), label="one")
    second = save_session(answered(bank), label="two")
    os.utime(first, (1, 1))
    protected = save_session(answered(bank), label="three", passphrase="pw")
    (home.sessions / "junk.json").write_text("{}")
    info = latest_saved(bank.id)
    assert info is not None and info.path == second
    info = latest_saved(bank.id, passphrase="pw")
    assert info is not None and info.path == protected
    assert latest_saved("another-bank") is None


def test_list_and_forget_everything_quiz_saved(home: Home, bank: Bank) -> None:
    plain = save_session(answered(bank), label="A")
    locked = save_session(answered(bank), passphrase="pw")
    leftover = home.sessions / f".{plain.name}.abc123{store.TMP_SUFFIX}"
    leftover.write_bytes(plain.read_bytes()[:40])
    foreign = home.sessions / "notes.txt"
    foreign.write_text("mine")
    banks = home.data / "quiz" / "banks"
    banks.mkdir()
    (banks / "my.yaml").write_text("quiz: 1\n")
    inv = list_saved()
    assert {(i.path, i.kind) for i in inv.saved} == {
        (plain, "saved session"), (locked, "protected session"), (leftover, "unfinished save")}
    assert "full-fixture" in next(i.note for i in inv.saved if i.path == plain)
    assert {i.path for i in inv.left_alone} == {foreign, banks}
    report = forget_all()
    assert {i.path for i in report.removed} == {plain, locked, leftover}
    assert report.failed == () and report.removed_folders == ()  # both still hold things left alone
    assert foreign.read_text() == "mine" and (banks / "my.yaml").read_text() == "quiz: 1\n"
    foreign.unlink()
    assert forget_all().removed_folders == (home.sessions,)
    assert list_saved().saved == ()


def test_forget_removes_the_folders_it_emptied(home: Home, bank: Bank) -> None:
    save_session(answered(bank))
    report = forget_all()
    assert report.removed_folders == (home.sessions, home.data / "quiz")
    assert list(home.data.iterdir()) == []


def test_a_session_of_every_answer_kind_survives(home: Home, bank: Bank) -> None:
    s = Session(bank)
    s.answer("adult")
    s.answer(1)
    s.answer(DECLINED)
    s.answer([])  # an empty checklist is an answer too
    loaded = load_session(save_session(s), lookup(bank))
    assert dict(loaded.answers) == s.answers


def test_the_store_is_core_and_loads_no_ui_and_no_crypto_until_needed() -> None:
    probe = ("import sys, quiz.store, quiz.cli.compare, quiz.cli.forget; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', "
             "'cryptography'}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.strip() == "[]"
