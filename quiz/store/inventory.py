"""Finding saves in the sessions folder, listing what quiz saved, and forgetting it all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quiz.paths import sessions_dir, user_banks_dir, user_data_dir
from quiz.store.atomic import TMP_SUFFIX
from quiz.store.errors import StoreError
from quiz.store.format import SUFFIX, SavedInfo, sniff, when_words
from quiz.store.saves import read_info, sessions_folder_problem


@dataclass(frozen=True)
class SavedItem:
    """One thing in quiz's folders, as `quiz forget` lists it."""

    path: Path
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Inventory:
    """Everything quiz saved for this person, and what it leaves alone."""

    saved: tuple[SavedItem, ...]
    left_alone: tuple[SavedItem, ...]
    folders: tuple[Path, ...]


@dataclass(frozen=True)
class ForgetReport:
    """What `forget_all` removed, what it left alone, and anything it could not remove."""

    removed: tuple[SavedItem, ...]
    removed_folders: tuple[Path, ...]
    left_alone: tuple[SavedItem, ...]
    failed: tuple[tuple[SavedItem, str], ...]


def _session_files(folder: Path | None = None) -> list[Path]:
    d = folder or sessions_dir()
    if not d.is_dir():
        return []
    files = [p for p in d.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")
             and p.is_file() and not p.is_symlink()]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def session_files() -> list[Path]:
    """Every file in the sessions folder that may be a saved session, newest first (unchecked); none
    while the folder is open to other users (`sessions_folder_problem` says so)."""
    return [] if sessions_folder_problem() else _session_files()


def _readable(passphrase: str | None) -> Iterator[SavedInfo]:
    """Saves in the sessions folder that can be read, newest first (protected ones only with
    `passphrase`: a protected file does not say its bank otherwise)."""
    for p in session_files():
        kind = sniff(p)
        if kind is None or (kind == "protected" and passphrase is None):
            continue
        try:
            yield read_info(p, passphrase)
        except StoreError:
            continue


def saved_sessions(bank_id: str | None = None, passphrase: str | None = None) -> list[SavedInfo]:
    """Saved sessions in the sessions folder, newest first; protected ones only when `passphrase`
    opens them (a protected file does not say its bank otherwise)."""
    return [info for info in _readable(passphrase) if bank_id is None or info.bank_id == bank_id]


def latest_saved(bank_id: str, passphrase: str | None = None) -> SavedInfo | None:
    """The most recent save of this bank in the sessions folder (protected ones only with
    `passphrase`), or None."""
    return next((info for info in _readable(passphrase) if info.bank_id == bank_id), None)


def protected_count() -> int:
    """How many protected saves the sessions folder holds (their banks are unknown without the
    passphrase)."""
    return sum(1 for p in session_files() if sniff(p) == "protected")


def list_saved() -> Inventory:
    """Everything quiz saved for this person in its data folder, and what it will leave alone.

    Saved sessions and unfinished saves (temporary files of an interrupted save) count as quiz's.
    The person's own banks folder, and any other file, are listed as left alone. Saves to a path the
    person chose elsewhere are not tracked: quiz keeps no index of them.
    """
    saved: list[SavedItem] = []
    left: list[SavedItem] = []
    data = user_data_dir()
    sessions = sessions_dir()
    folders = tuple(d for d in (sessions, data) if d.is_dir())
    if sessions.is_dir():
        for p in sorted(sessions.iterdir()):
            item = _classify(p)
            (saved if item.kind != "other" else left).append(item)
    if data.is_dir():
        for p in sorted(data.iterdir()):
            if p == sessions:
                continue
            if p == user_banks_dir():
                count = sum(1 for _ in p.rglob("*") if _.is_file()) if p.is_dir() else 0
                left.append(SavedItem(p, "your banks", f"your own banks ({count} file(s)); quiz "
                                                       "never deletes them"))
            else:
                left.append(SavedItem(p, "other", "not saved by quiz"))
    return Inventory(tuple(saved), tuple(left), folders)


def _classify(p: Path) -> SavedItem:
    if p.is_symlink() or not p.is_file():
        return SavedItem(p, "other", "not saved by quiz")
    if p.name.startswith(".") and p.name.endswith(TMP_SUFFIX):
        return SavedItem(p, "unfinished save", "left by a save that was interrupted")
    kind = sniff(p)
    if kind == "protected":
        return SavedItem(p, "protected session", "protected by a passphrase")
    if kind == "plain":
        try:
            info = read_info(p)
        except StoreError:
            return SavedItem(p, "saved session", "")
        label = f", \u201c{info.label}\u201d" if info.label else ""
        return SavedItem(p, "saved session", f"{info.bank_id}{label}, saved {when_words(info.saved_at)}")
    return SavedItem(p, "other", "not saved by quiz")


def forget_all(inventory: Inventory | None = None) -> ForgetReport:
    """Delete everything `list_saved` counts as quiz's, then quiz's folders if left empty.

    Pass the inventory the person confirmed, so exactly what they were shown is deleted.
    """
    inv = inventory if inventory is not None else list_saved()
    removed: list[SavedItem] = []
    failed: list[tuple[SavedItem, str]] = []
    for item in inv.saved:
        try:
            item.path.unlink()
            removed.append(item)
        except FileNotFoundError:
            removed.append(item)
        except OSError as exc:
            failed.append((item, str(exc.strerror or exc)))
    folders = []
    for d in inv.folders:  # sessions first, then the data folder
        try:
            d.rmdir()
            folders.append(d)
        except OSError:
            pass  # not empty: it holds things left alone
    return ForgetReport(tuple(removed), tuple(folders), inv.left_alone, tuple(failed))
