"""A take that is not saved leaves the disk as it was and opens no network socket."""

from __future__ import annotations

import io
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from quiz.bank.model import Bank
from quiz.cli import main
from quiz.engine.report import render
from quiz.engine.scoring import score
from quiz.plain import PlainRunner

from .conftest import FULL, Home

# Every answer of full.yaml in order, then Enter for the results.
FULL_TAKE = "1\n4\n1\n1 2\n1\n2\nsome private words\n\n"

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_recorded: list[tuple[str, Any]] | None = None
_MUTATING = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.chmod", "os.chown",
             "os.link", "os.symlink", "os.truncate", "os.utime", "shutil.copyfile", "shutil.rmtree",
             "shutil.move", "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo"}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recorded is None:
        return
    if event == "open":
        path, mode, flags = (list(args) + [None, None, None])[:3]
        if isinstance(path, int) or "__pycache__" in str(path):
            return  # an fd already opened (recorded then), or Python's own bytecode cache
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS)
        if writes:
            _recorded.append((event, args))
    elif event in _MUTATING or (event == "socket.__new__" and args[1] != socket.AF_UNIX):
        if "__pycache__" not in str(args[:1]):
            _recorded.append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed; `_recorded` switches this one on and off


@contextmanager
def watching() -> Iterator[list[tuple[str, Any]]]:
    """Record every file write, file-system change and network socket the code makes."""
    global _recorded
    events: list[tuple[str, Any]] = []
    _recorded = events
    try:
        yield events
    finally:
        _recorded = None


def snapshot(root: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Every file and folder under root: mode, size, mtime and content."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            data = p.read_bytes() if p.is_file() and not p.is_symlink() else b""
            out[str(p.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns, data)
    return out


def test_a_whole_take_without_saving_leaves_no_trace(home: Home, bank: Bank) -> None:
    before = snapshot(home.root)
    out = io.StringIO()
    with watching() as events:
        runner = PlainRunner(bank, io.StringIO(FULL_TAKE), out)
        code = runner.run()
        outcome = runner.session.outcome()
        for fmt in ("text", "md", "html", "json"):
            render(outcome, fmt)
        assert score(bank, runner.session.answers) == outcome
    assert code == 0, out.getvalue()
    assert runner.session.is_complete()
    assert "Nothing you answer is stored or sent" in out.getvalue()
    assert "Results: Every feature" in out.getvalue()
    assert events == [], f"the take wrote or connected: {events}"
    assert snapshot(home.root) == before
    assert not home.data.exists() and not home.config.exists() and not home.cache.exists()
    assert not home.state.exists() and list(home.tmp.iterdir()) == []


def test_the_command_line_take_leaves_no_trace(home: Home, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(home.root)
    monkeypatch.setattr(sys, "stdin", io.StringIO(FULL_TAKE))
    with watching() as events:
        code = main(["take", str(FULL), "--plain"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Results: Every feature" in captured.out
    assert events == []
    assert snapshot(home.root) == before


def test_leaving_with_q_leaves_no_trace(home: Home, bank: Bank) -> None:
    before = snapshot(home.root)
    out = io.StringIO()
    with watching() as events:
        assert PlainRunner(bank, io.StringIO("1\n3\nq\n"), out).run() == 0
    assert "Nothing was saved" in out.getvalue()
    assert events == [] and snapshot(home.root) == before


def test_the_watch_does_see_a_save(home: Home, bank: Bank) -> None:
    """The audit watch is not blind: a save is seen, so an empty record above means something."""
    from quiz.store import save_session

    from .conftest import answered

    with watching() as events:
        save_session(answered(bank))
    kinds = {e for e, _ in events}
    assert {"open", "os.mkdir", "os.rename"} <= kinds  # os.replace audits as os.rename


def test_the_socket_guard_blocks_the_network() -> None:
    with pytest.raises(RuntimeError, match="network socket"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(RuntimeError):
        socket.create_connection(("192.0.2.1", 9))
    with pytest.raises(RuntimeError):
        socket.getaddrinfo("example.com", 80)
    a, b = socket.socketpair()  # local, as asyncio's event loop needs
    a.close()
    b.close()


@pytest.mark.allow_network
def test_the_marker_lets_a_test_open_a_socket() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.close()
