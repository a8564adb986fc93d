"""The one atomic writer: whole files or nothing, the mode asked for, and never over a file when exclusive."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quiz.store import TMP_SUFFIX, write_file


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.mark.parametrize(("umask", "mode", "expected"), [(0o000, 0o600, 0o600), (0o022, 0o600, 0o600),
                                                         (0o022, 0o666, 0o644), (0o077, 0o666, 0o600)])
def test_the_file_gets_the_mode_less_the_umask(tmp_path: Path, umask: int, mode: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        target = write_file(tmp_path / "f.txt", "caf\u00e9\n", mode=mode)
    finally:
        os.umask(old)
    assert target.read_bytes() == "caf\u00e9\n".encode()
    assert _mode(target) == expected


def test_replaces_a_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    target.write_bytes(b"old")
    write_file(target, b"new" * 100_000, durable=False)
    assert target.read_bytes() == b"new" * 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "bank.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_file(target, "theirs", exclusive=True)
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["bank.yaml"]
    fresh = write_file(tmp_path / "new.yaml", "x", exclusive=True)
    assert fresh.read_text(encoding="utf-8") == "x"
    assert not list(tmp_path.glob(f"*{TMP_SUFFIX}"))


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):
        write_file(tmp_path / "folder", "cannot replace a folder")
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]
