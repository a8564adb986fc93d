"""Hypothesis: any bytes in a saved-session file give a clear QuizError, never a crash or a write."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quiz import store
from quiz.bank.check import load_bank
from quiz.errors import QuizError
from quiz.store import load_session, read_info, save_session, sniff

from ..profiles import examples
from .conftest import FULL, answered

BANK = load_bank(FULL)
SETTINGS = settings(max_examples=examples(2), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _saved(passphrase: str | None) -> bytes:
    old = store.crypto.SCRYPT_N
    store.crypto.SCRYPT_N = 2**10
    try:
        with tempfile.TemporaryDirectory() as d:
            return save_session(answered(BANK), Path(d) / "s.json", label="L",
                                passphrase=passphrase).read_bytes()
    finally:
        store.crypto.SCRYPT_N = old


PLAIN = _saved(None)
PROTECTED = _saved("pw")


@contextmanager
def file_with(data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "session.json"
        p.write_bytes(data)
        yield p


def check_load(data: bytes, passphrase: str | None = None) -> None:
    """Loading either works or raises a QuizError with a message; the bytes never change."""
    with file_with(data) as p:
        try:
            loaded = load_session(p, lambda i: BANK if i == BANK.id else None, passphrase)
        except QuizError as exc:
            assert str(exc).strip()
        else:
            loaded.session().outcome()  # a file that loads is usable all the way to results
        assert p.read_bytes() == data
        assert [x.name for x in p.parent.iterdir()] == ["session.json"]


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "cut":
            del data[i:]
        elif kind == "flip" and data:
            data[i] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif data:
            del data[i:i + draw(st.integers(1, 16))]
    return bytes(data)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=4),
    max_leaves=12)


@st.composite
def near_sessions(draw: st.DrawFn) -> bytes:
    """Documents with the right marker and random or slightly wrong fields."""
    doc: dict[str, Any] = json.loads(PLAIN)
    for key in draw(st.lists(st.sampled_from(sorted(doc)), max_size=3)):
        if draw(st.booleans()):
            doc.pop(key, None)
        else:
            doc[key] = draw(JSON)
    if draw(st.booleans()):
        doc["answers"] = draw(st.dictionaries(st.sampled_from([q.id for q in BANK.questions] + ["x"]),
                                              JSON, max_size=5))
    return json.dumps(doc).encode()


@SETTINGS
@given(st.binary(max_size=600))
@example(b"")
@example(b"\x00" * 10)
@example(b'{"format": "quiz-session", "format_version": 1, "protected": {}}')
@example(b'{"format": "quiz-session", "format_version": 1e400}')
@example(b"9" * 5000)
def test_any_bytes_give_a_clear_error(data: bytes) -> None:
    check_load(data)


@SETTINGS
@given(mutated(PLAIN))
def test_damaged_plain_saves(data: bytes) -> None:
    check_load(data)


@SETTINGS
@given(mutated(PROTECTED), st.sampled_from([None, "pw", "other"]))
def test_damaged_protected_saves(data: bytes, passphrase: str | None) -> None:
    check_load(data, passphrase)


@SETTINGS
@given(near_sessions())
def test_documents_with_the_marker_and_wrong_fields(data: bytes) -> None:
    check_load(data)


@SETTINGS
@given(st.one_of(st.binary(max_size=200), mutated(PLAIN)))
def test_saving_never_overwrites_what_is_not_a_session(data: bytes) -> None:
    with file_with(data) as p:
        was_session = sniff(p) is not None
        try:
            save_session(answered(BANK), p)
        except store.SaveError as exc:
            assert not was_session and "not a quiz saved session" in str(exc)
            assert p.read_bytes() == data
        else:
            assert was_session
            assert read_info(p).bank_id == BANK.id


def test_the_fixtures_are_real_saves() -> None:
    with file_with(PLAIN) as p:
        assert read_info(p).label == "L"
    with file_with(PROTECTED) as p, pytest.raises(store.PassphraseNeeded):
        read_info(p)
