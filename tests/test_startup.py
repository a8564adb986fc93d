"""quiz.startup: the collector pauses for start-up and always runs again afterwards."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

from quiz import startup


def test_hold_then_release_collects_again() -> None:
    assert gc.isenabled()
    assert startup.hold() is True
    try:
        assert not gc.isenabled()
        assert startup.hold() is False  # already held: nothing changes
    finally:
        startup.release()
    assert gc.isenabled()
    startup.release()  # a second release does nothing
    assert gc.isenabled()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_release_with_freeze_collects_first_and_freezes_what_is_left() -> None:
    startup.hold()
    try:
        garbage = _Node()
        gone = weakref.ref(garbage)
        del garbage  # start-up garbage made while collection is paused
        assert gone() is not None
    finally:
        startup.release(freeze=True)
    try:
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert gone() is None  # collected before the freeze, not kept for good
    finally:
        gc.unfreeze()


def test_hold_leaves_a_disabled_collector_alone() -> None:
    gc.disable()
    try:
        assert startup.hold() is False
        startup.release()
        assert not gc.isenabled()  # not ours to turn on
    finally:
        gc.enable()


def test_every_command_ends_with_the_collector_running() -> None:
    code = ("import gc, sys\nfrom quiz.cli import main\n"
            "sys.argv = ['quiz', 'validate', 'banks']\n"
            "code = main()\n"
            "assert gc.isenabled(), 'collector left off'\n"
            "sys.exit(code)\n")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
