"""A save killed or failing at any step leaves the old file or the new one, whole and loadable."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quiz import store
from quiz.bank.check import load_bank
from quiz.bank.model import Bank
from quiz.engine.session import Session
from quiz.store import SaveError, list_saved, load_session, save_session

from .conftest import Home, answered


class _File:
    """A file object whose write and flush are steps too."""

    def __init__(self, real: Any, step: Callable[[str], None]) -> None:
        self.real = real
        self.step = step

    def write(self, data: bytes) -> int:
        self.step("write")
        return int(self.real.write(data))

    def flush(self) -> None:
        self.step("flush")
        self.real.flush()

    def fileno(self) -> int:
        return int(self.real.fileno())

    def close(self) -> None:
        self.real.close()

    def __enter__(self) -> _File:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


class Steps:
    """Every system call of a save, in order; `act(name, index)` runs before step `index`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, act: Callable[[str, int], None]) -> None:
        self.names: list[str] = []
        self.act = act
        real = {n: getattr(os, n) for n in ("open", "fchmod", "fdopen", "fsync", "replace")}

        def wrap(name: str) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                self.step(name)
                result = real[name](*args, **kwargs)
                if name == "fdopen":
                    return _File(result, self.step)
                return result
            return call

        for name in real:
            monkeypatch.setattr(os, name, wrap(name))

    def step(self, name: str) -> None:
        self.names.append(name)
        self.act(name, len(self.names) - 1)


def _nothing(_name: str, _i: int) -> None:
    return None


def count_steps(monkeypatch: pytest.MonkeyPatch, session: Session, target: Path) -> list[str]:
    with monkeypatch.context() as m:
        steps = Steps(m, _nothing)
        save_session(session, target)
    return steps.names


def loads_as(path: Path, bank: Bank) -> dict[str, Any]:
    return dict(load_session(path, lambda _id: bank).answers)


def test_the_steps_are_the_ones_promised(home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    names = count_steps(monkeypatch, answered(bank), home.cwd / "s.json")
    assert names == ["open", "fdopen", "write", "flush", "fsync", "replace", "open", "fsync"]


def test_a_fault_at_each_step_leaves_the_old_file_or_the_new(
        home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    target = home.cwd / "s.json"
    old, new = answered(bank, worry=0), answered(bank, worry=3)
    names = count_steps(monkeypatch, new, home.cwd / "probe.json")
    renamed_at = names.index("replace")
    for k, name in enumerate(names):
        save_session(old, target)
        before = target.read_bytes()

        def fail(_name: str, i: int, k: int = k) -> None:
            if i == k:
                raise OSError(errno.EIO, "injected fault")

        with monkeypatch.context() as m:
            Steps(m, fail)
            if k <= renamed_at:
                with pytest.raises(SaveError, match="nothing was changed"):
                    save_session(new, target)
            else:  # syncing the folder after the rename is best effort
                save_session(new, target)
        if k <= renamed_at:
            assert target.read_bytes() == before, name
            assert loads_as(target, bank) == old.answers
        else:
            assert loads_as(target, bank) == new.answers
        leftovers = [p.name for p in home.cwd.iterdir() if p.name.endswith(store.TMP_SUFFIX)]
        assert leftovers == [], f"fault at {name} left {leftovers}"
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
def test_a_process_killed_at_each_step_leaves_a_whole_file(
        home: Home, bank: Bank, monkeypatch: pytest.MonkeyPatch, after: bool) -> None:
    target = home.cwd / "s.json"
    old, new = answered(bank, worry=0), answered(bank, worry=3)
    names = count_steps(monkeypatch, new, home.cwd / "probe.json")
    renamed_at = names.index("replace")
    for k, name in enumerate(names):
        save_session(old, target)
        pid = os.fork()
        if pid == 0:  # the child: die at step k, as if the power went
            try:
                def die(_name: str, i: int, k: int = k) -> None:
                    if i == k + after:
                        os._exit(137)

                Steps(monkeypatch, die)
                save_session(new, target)
            finally:
                os._exit(0)
        _pid, status = os.waitpid(pid, 0)
        died = os.WEXITSTATUS(status) == 137
        assert died or (after and k == len(names) - 1), name
        got = loads_as(target, bank)
        assert got == (new.answers if k + after > renamed_at else old.answers), (name, after)
        # A death before the rename may leave the hidden temporary file (whole or not), never
        # anything under the target's name; `quiz forget` lists and removes it.
        others = {p.name for p in home.cwd.iterdir()} - {"s.json", "probe.json"}
        assert all(n.startswith(".s.json.") and n.endswith(store.TMP_SUFFIX) for n in others)
        assert len(others) <= 1 and (not others or k + after <= renamed_at)
        for n in others:
            (home.cwd / n).unlink()


def _big_bank(folder: Path, questions: int = 300) -> Path:
    lines = ["quiz: 1", "id: big", "title: Big", 'version: "1"',
             "disclaimer: Educational only, not a diagnosis.", "sections:", "  - id: all",
             "    title: All", "    questions:"]
    for i in range(questions):
        lines += [f"      - id: q{i}", "        kind: text", f"        text: Question {i}?"]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_HALTING_SAVE = r"""
import os, sys
from quiz.bank.check import load_bank
from quiz.engine.session import Session
from quiz.store import save_session

bank = load_bank(sys.argv[1])
s = Session(bank)
for q in bank.questions:
    s.answer("n" * 1990 + q.id.rjust(10), q.id)
real_fdopen = os.fdopen
PIECE = 4096

class Halting:
    # Writes in 4 KiB pieces; after each, says how many are on disk and waits for the test's go-ahead.
    def __init__(self, fh):
        self.fh, self.n = fh, 0
    def write(self, data):
        for start in range(0, len(data), PIECE):
            self.fh.write(data[start:start + PIECE])
            self.fh.flush()
            self.n += 1
            print("wrote", self.n, flush=True)
            sys.stdin.readline()
        return len(data)
    def __getattr__(self, name):
        return getattr(self.fh, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.fh.close()

os.fdopen = lambda *a, **k: Halting(real_fdopen(*a, **k))
save_session(s, sys.argv[2])
print("done", flush=True)
"""

_SAVE_FOREVER = r"""
import sys
from quiz import store
from quiz.bank.check import load_bank
from quiz.engine.session import Session

bank = load_bank(sys.argv[1])
sessions = []
for fill in "ab":
    s = Session(bank)
    for q in bank.questions:
        s.answer(fill * 2000, q.id)
    sessions.append(s)
n = 0
while True:
    store.save_session(sessions[n % 2], sys.argv[2])
    n += 1
    print("saved", n, flush=True)
"""


def _run(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def test_sigkill_mid_write_of_a_large_session_keeps_the_old_file(home: Home) -> None:
    big = load_bank(_big_bank(home.cwd))
    small = Session(big)
    small.answer("the old save", "q0")
    target = save_session(small)
    before = target.read_bytes()
    proc = _run(_HALTING_SAVE, big.file, str(target))
    assert proc.stdin is not None and proc.stdout is not None
    pieces = random.Random(11).randint(2, 100)  # of about 150: the kill lands mid-write
    for n in range(1, pieces + 1):
        assert proc.stdout.readline().split() == ["wrote", str(n)]
        if n < pieces:
            proc.stdin.write("\n")
            proc.stdin.flush()
    proc.send_signal(signal.SIGKILL)  # while it waits, with `pieces` 4 KiB pieces on disk
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    assert dict(load_session(target, lambda _id: big).answers) == {"q0": "the old save"}
    partial = list(target.parent.glob(f".{target.name}.*{store.TMP_SUFFIX}"))
    assert len(partial) == 1 and partial[0].stat().st_size == pieces * 4096
    assert store.sniff(partial[0]) is None
    inv = list_saved()
    assert {(i.path, i.kind) for i in inv.saved} == {(target, "saved session"),
                                                     (partial[0], "unfinished save")}
    latest = store.latest_saved("big")
    assert latest is not None and latest.path == target


def test_sigkill_at_a_random_moment_of_repeated_saves(home: Home) -> None:
    big = load_bank(_big_bank(home.cwd, questions=150))
    target = home.cwd / "s.json"
    rng = random.Random(7)
    for _ in range(3):
        proc = _run(_SAVE_FOREVER, big.file, str(target))
        assert proc.stdout is not None
        # It goes on saving while its lines are read, so the kill lands wherever that save is.
        for n in range(1, rng.randint(2, 12) + 1):
            assert proc.stdout.readline().split() == ["saved", str(n)]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        values = set(load_session(target, lambda _id: big).answers.values())
        assert values in ({"a" * 2000}, {"b" * 2000})
        for leftover in home.cwd.glob(f"*{store.TMP_SUFFIX}"):
            leftover.unlink()
