"""Saving a session and loading one back, fitted to the current bank."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from quiz.bank.model import Answer, Bank
from quiz.engine.carry import carry, carry_on
from quiz.engine.outcome import Outcome
from quiz.engine.session import Session
from quiz.paths import sessions_dir, user_banks_dir
from quiz.store.atomic import make_private_dirs, write_file
from quiz.store.crypto import open_sealed, seal
from quiz.store.errors import SaveError, StoreError, UnknownBank, not_a_saved_session
from quiz.store.format import (
    MAX_LABEL,
    SUFFIX,
    SavedInfo,
    check_plain,
    encode_session,
    parse_saved,
    read_session_bytes,
    sniff,
)


@dataclass(frozen=True)
class LoadedSession:
    """A saved session made to fit the current bank, with what did not fit said plainly.

    Attributes:
        dropped: (question id, why) for every saved answer left out.
        changes: Sentences for the person: the bank changed, and which answers no longer fit.
    """

    path: Path
    bank: Bank
    answers: Mapping[str, Answer]
    position: str | None
    label: str
    saved_at: str
    protected: bool
    saved_bank_version: str
    saved_bank_hash: str
    dropped: tuple[tuple[str, str], ...] = ()
    changes: tuple[str, ...] = ()

    @property
    def bank_changed(self) -> bool:
        """Whether the bank's content differs from the one the session was saved from."""
        return self.saved_bank_hash != self.bank.content_hash

    def session(self) -> Session:
        """A Session to carry on: the saved place, or the first question still needing an answer."""
        return carry_on(self.bank, self.answers, self.position)

    def outcome(self) -> Outcome:
        """The outcome for the answers that fit."""
        return self.session().outcome()


def save_session(session: Session, path: str | os.PathLike[str] | None = None, label: str = "",
                 passphrase: str | None = None) -> Path:
    """Save a session atomically, readable by the owner only; returns the file written.

    Args:
        session: The session to save (its bank, answers and position).
        path: A file, or a folder to save into; None means the user data folder's `sessions`.
        label: The person's own name for this save (e.g. which therapist), at most 200 characters.
        passphrase: Protect the file with it (scrypt, then AES-256-GCM); None saves it plain.

    Raises:
        SaveError: The target exists and is not a saved session, its folder is missing, the label
            is too long, the passphrase is empty, or the disk refused; an earlier file there is
            unchanged.
    """
    if len(label) > MAX_LABEL:
        raise SaveError(f"the label is longer than {MAX_LABEL} characters; shorten it")
    if passphrase is not None and not passphrase:
        raise SaveError("the passphrase is empty; give one, or save without protection")
    now = datetime.now(UTC)
    bank = session.bank
    plain = encode_session(session, label, now)
    data = plain if passphrase is None else seal(plain, passphrase)
    # A protected file's name must not say which bank it holds: the bank can be sensitive in itself.
    stem = "protected" if passphrase is not None else bank.id
    target = _target(path, f"{stem}-{now:%Y%m%d-%H%M%S}")
    try:
        write_file(target, data)
    except OSError as exc:
        raise SaveError(f"could not save to {target}: {exc.strerror or exc}; nothing was changed "
                        "there") from exc
    return target


def remove_earlier(earlier: Path, written: Path) -> None:
    """Delete an earlier saved session that a new save (`written`) replaces.

    Only a file that is a quiz saved session is deleted, and never the one just written.

    Raises:
        SaveError: It is not a saved session, or the disk refused; the new save is kept either way.
    """
    if earlier.resolve() == written.resolve() or not earlier.exists():
        return
    if earlier.is_symlink() or sniff(earlier) is None:
        raise SaveError(f"{earlier} is not a quiz saved session; it was left as it is")
    try:
        earlier.unlink()
    except OSError as exc:
        raise SaveError(f"could not delete {earlier}: {exc.strerror or exc}") from exc


def _target(path: str | os.PathLike[str] | None, stem: str) -> Path:
    if path is None:
        folder = sessions_dir()
        try:
            make_private_dirs(folder)
        except OSError as exc:
            raise SaveError(f"could not create {folder}: {exc.strerror or exc}") from exc
        return _fresh(folder, stem)
    p = Path(path).expanduser()
    if p.is_dir():
        return _fresh(p, stem)
    if not p.parent.is_dir():
        raise SaveError(f"cannot save to {p}: the folder {p.parent} does not exist")
    if p.is_symlink():
        raise SaveError(f"{p} is a symbolic link; choose a plain file name")
    if p.exists() and sniff(p) is None:
        raise SaveError(f"{p} exists and is not a quiz saved session; quiz will not overwrite it "
                        "(choose another file name)")
    return p


def _fresh(folder: Path, stem: str) -> Path:
    target = folder / f"{stem}{SUFFIX}"
    n = 2
    while target.exists() or target.is_symlink():
        target = folder / f"{stem}-{n}{SUFFIX}"
        n += 1
    return target


def sessions_folder_problem(folder: Path | None = None) -> str:
    """Why quiz will not load saves from the sessions folder, or "" when it may: a folder others can
    write to (group- or world-writable) lets them plant or swap a save, so it is refused, not used."""
    d = sessions_dir() if folder is None else folder
    try:
        mode = d.stat().st_mode
    except OSError:
        return ""  # no folder yet: nothing to load, and a save creates it owner-only
    if not mode & 0o022:
        return ""
    return (f"the sessions folder {d} can be written by other users, so quiz will not load saves from it; "
            f"make it yours alone with `chmod 700 {d}`")


def _in_sessions_folder(path: Path) -> bool:
    try:
        return path.resolve().parent == sessions_dir().resolve()
    except OSError:
        return False


def _open(path: Path, passphrase: str | None) -> tuple[dict[str, Any], bool]:
    name = str(path)
    if _in_sessions_folder(path) and (problem := sessions_folder_problem()):
        raise StoreError(problem)
    obj = parse_saved(name, read_session_bytes(path))
    protected = "protected" in obj
    if protected:
        inner = parse_saved(name, open_sealed(name, obj, passphrase))
        if "protected" in inner:
            raise not_a_saved_session(name, "protected twice")
        obj = inner
    check_plain(name, obj)
    return obj, protected


def read_info(path: str | os.PathLike[str], passphrase: str | None = None) -> SavedInfo:
    """What a saved session says about itself (no bank needed); raises StoreError subclasses."""
    p = Path(path)
    obj, protected = _open(p, passphrase)
    bank = obj["bank"]
    return SavedInfo(p, protected, bank["id"], bank["version"], bank["content_hash"],
                     bank.get("title", ""), obj.get("label", ""), obj.get("saved_at", ""),
                     len(obj["answers"]), obj.get("position"),
                     MappingProxyType(dict(obj["answers"])))


def load_session(path: str | os.PathLike[str], bank_lookup: Callable[[str], Bank | None],
                 passphrase: str | None = None) -> LoadedSession:
    """Read a saved session and fit it to the current bank; the file is never changed.

    Args:
        path: The saved-session file.
        bank_lookup: Bank id to the current Bank, or None when unknown (see `find_bank`).
        passphrase: For a protected file.

    Raises:
        NotASavedSession: Corrupt, truncated, foreign, or from a newer quiz.
        PassphraseNeeded: Protected and no passphrase given.
        WrongPassphrase: The passphrase does not open it (message: "wrong passphrase").
        UnknownBank: `bank_lookup` does not know the bank.
    """
    info = read_info(path, passphrase)
    bank = bank_lookup(info.bank_id)
    if bank is None:
        title = f" (\u201c{info.bank_title}\u201d)" if info.bank_title else ""
        raise UnknownBank(f"{info.path} was saved from the bank `{info.bank_id}`{title}, which "
                          "quiz cannot find; give that bank's file", info.bank_id)
    carried = carry(bank, info.answers, "saved answer")
    position = info.position if info.position in bank.by_id else None
    changed = info.bank_hash != bank.content_hash
    changes: list[str] = []
    if changed:
        if info.bank_version != bank.version:
            how = f"version {info.bank_version} then, {bank.version} now"
        else:
            how = f"still version {bank.version}, but its content differs"
        changes.append(f"The bank \u201c{bank.title}\u201d changed since this session was saved "
                       f"({how}).")
    changes += carried.lines(bank)
    if changed and not carried.dropped:
        changes.append("The saved answer still fits." if len(carried.kept) == 1 else
                           f"All {len(carried.kept)} saved answers still fit.")
    kept, dropped = carried.kept, carried.dropped
    return LoadedSession(info.path, bank, MappingProxyType(kept), position, info.label,
                         info.saved_at, info.protected, info.bank_version, info.bank_hash,
                         dropped, tuple(changes))


def find_bank(bank_id: str) -> Bank | None:
    """The shipped or user bank with this id, or None; the default `bank_lookup`."""
    from quiz.bank.check import check_file
    from quiz.paths import shipped_banks

    banks_folder = user_banks_dir()
    mine = sorted(banks_folder.glob("*.y*ml")) if banks_folder.is_dir() else []
    candidates = sorted(shipped_banks(), key=lambda p: p.stem != bank_id) + sorted(
        mine, key=lambda p: p.stem != bank_id)
    for p in candidates:
        bank = check_file(p).bank
        if bank is not None and bank.id == bank_id:
            return bank
    return None
