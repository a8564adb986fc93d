"""Saved sessions: atomic owner-only writes, passphrase protection, careful loading, forgetting."""

from __future__ import annotations

import base64
import binascii
import json
import os
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from quiz.answers import normalize_one
from quiz.errors import QuizError
from quiz.model import Answer, Bank
from quiz.outcome import Outcome
from quiz.paths import sessions_dir, user_banks_dir, user_data_dir
from quiz.session import Session

FORMAT = "quiz-session"
"""The marker of every saved-session file; a file without it is never read, nor overwritten."""

FORMAT_VERSION = 1
"""The saved-session format this code writes; it reads this version only."""

MAX_SESSION_BYTES = 32 * 1024 * 1024
"""Larger files are refused before they are parsed."""

MAX_LABEL = 200
SUFFIX = ".json"
TMP_SUFFIX = ".quiz-tmp"
"""Temporary files of a save in progress are `.<name>.<random>.quiz-tmp` beside the target."""

# scrypt at OWASP's recommended cost (N=2**17, r=8, p=1: 128 MiB, about a second). Loading accepts
# cheaper settings (the file's own choice) but never costlier ones, so a hostile file cannot make
# quiz allocate gigabytes.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
_SCRYPT_MAX_N = 2**17
_SCRYPT_MAX_R = 8
_SCRYPT_MAX_MEMORY = 128 * _SCRYPT_MAX_R * _SCRYPT_MAX_N
_SALT_BYTES = 16
_NONCE_BYTES = 12
_CHUNK = 64 * 1024


class StoreError(QuizError):
    """A saved session could not be written or read; the message says why and what to do."""


class NotASavedSession(StoreError):
    """The file is corrupt, truncated, from a newer quiz, or not a saved session at all."""


class PassphraseNeeded(StoreError):
    """The saved session is protected and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open this saved session."""

    def __init__(self) -> None:
        super().__init__("wrong passphrase")


class UnknownBank(StoreError):
    """The bank a session was saved from cannot be found."""

    def __init__(self, message: str, bank_id: str) -> None:
        super().__init__(message)
        self.bank_id = bank_id


class SaveError(StoreError):
    """A save could not be completed; any earlier file at the target is unchanged."""


@dataclass(frozen=True)
class SavedInfo:
    """What a saved session says about itself, read without a bank."""

    path: Path
    protected: bool
    bank_id: str
    bank_version: str
    bank_hash: str
    bank_title: str
    label: str
    saved_at: str
    answered: int
    position: str | None = None
    answers: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


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
        s = Session(self.bank, dict(self.answers), self.position)
        visible = {q.id for q in s.visible}
        if self.position is None or self.position not in visible:
            missing = s.unanswered()
            if missing:
                s.position = missing[0].id
            elif self.position is None:
                s.finish()
        return s

    def outcome(self) -> Outcome:
        """The outcome for the answers that fit."""
        return self.session().outcome()


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


# -- saving ----------------------------------------------------------------------------------------


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
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bank": {"id": bank.id, "version": bank.version, "content_hash": bank.content_hash,
                 "title": bank.title},
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in session.answers.items()},
        "position": session.position,
        "label": label,
        "saved_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    plain = json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8") + b"\n"
    data = plain if passphrase is None else _seal(plain, passphrase)
    # A protected file's name must not say which bank it holds: the bank can be sensitive in itself.
    stem = "protected" if passphrase is not None else bank.id
    target = _target(path, f"{stem}-{now:%Y%m%d-%H%M%S}")
    try:
        _atomic_write(target, data)
    except OSError as exc:
        raise SaveError(f"could not save to {target}: {exc.strerror or exc}; nothing was changed "
                        "there") from exc
    return target


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


def make_private_dirs(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents, each owner-only (0700); returns those created."""
    missing: list[Path] = []
    p = folder
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    created = []
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            continue
        os.chmod(d, 0o700)  # the umask may have taken bits away; never added any
        created.append(d)
    return created


def _atomic_write(target: Path, data: bytes) -> None:
    """Temp file beside the target, write, flush, fsync, rename over it, fsync the folder."""
    folder = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    renamed = False
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            fh = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with fh:
            for start in range(0, len(data), _CHUNK):
                fh.write(data[start:start + _CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        renamed = True
    finally:
        if not renamed:
            try:
                tmp.unlink()
            except OSError:
                pass  # a failed save must still report its own error, not this one
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable. Best effort: some systems (Windows, some network file
    # systems) cannot open or sync a folder, and by now the file's content is on disk and in place.
    try:
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


# -- protection ------------------------------------------------------------------------------------


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    # NFC so the same passphrase typed through different input methods gives the same key.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)


def _aad(header: Mapping[str, Any]) -> bytes:
    # Everything outside the ciphertext is authenticated too, so no field can be swapped unnoticed.
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _seal(plain: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(_SALT_BYTES)
    nonce = os.urandom(_NONCE_BYTES)
    header = {"format": FORMAT, "format_version": FORMAT_VERSION, "kdf": "scrypt", "n": SCRYPT_N,
              "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt), "cipher": "aes-256-gcm",
              "nonce": _b64(nonce)}
    key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(key).encrypt(nonce, plain, _aad(header))
    protected = {k: v for k, v in header.items() if k not in ("format", "format_version")}
    protected["data"] = _b64(sealed)
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION, "protected": protected}
    return json.dumps(doc, indent=1).encode("ascii") + b"\n"


def _open_sealed(name: str, doc: Mapping[str, Any], passphrase: str | None) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    prot = doc["protected"]
    if not isinstance(prot, dict):
        raise _foreign(name, "`protected` is not a mapping")
    if prot.get("kdf") != "scrypt" or prot.get("cipher") != "aes-256-gcm":
        raise _foreign(name, "unknown protection method")
    n, r, p = prot.get("n"), prot.get("r"), prot.get("p")
    if not all(type(v) is int for v in (n, r, p)):
        raise _foreign(name, "bad key-derivation settings")
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if not (2**10 <= n <= _SCRYPT_MAX_N and n & (n - 1) == 0 and 1 <= r <= _SCRYPT_MAX_R and p == 1
            and 128 * n * r <= _SCRYPT_MAX_MEMORY):
        raise _foreign(name, "key-derivation settings out of range")
    salt, nonce, data = (_unb64(name, prot.get(k)) for k in ("salt", "nonce", "data"))
    if len(salt) < 16 or len(nonce) != _NONCE_BYTES or len(data) < 16:
        raise _foreign(name, "protected data too short")
    if passphrase is None:
        raise PassphraseNeeded(f"{name} is protected by a passphrase; give it to open the file")
    header = {"format": FORMAT, "format_version": doc["format_version"], "kdf": "scrypt", "n": n,
              "r": r, "p": p, "salt": prot["salt"], "cipher": "aes-256-gcm", "nonce": prot["nonce"]}
    try:
        return AESGCM(_key(passphrase, salt, n, r, p)).decrypt(nonce, data, _aad(header))
    except InvalidTag:
        # A damaged ciphertext looks the same as a wrong passphrase; AES-GCM cannot tell them apart.
        raise WrongPassphrase() from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(name: str, value: Any) -> bytes:
    if not isinstance(value, str):
        raise _foreign(name, "protected data is not text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise _foreign(name, "protected data is not base64") from None


# -- reading ---------------------------------------------------------------------------------------


def _foreign(name: str, why: str) -> NotASavedSession:
    return NotASavedSession(f"{name}: not a quiz saved session ({why}); the file was left as it is")


def _read(path: Path) -> bytes:
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StoreError(f"{name}: no such file") from None
    except OSError as exc:
        raise StoreError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise _foreign(name, "not a regular file")
    if st.st_size > MAX_SESSION_BYTES:
        raise _foreign(name, f"{st.st_size:,} bytes, over the {MAX_SESSION_BYTES:,}-byte limit")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SESSION_BYTES + 1)
    except OSError as exc:
        raise StoreError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_SESSION_BYTES:
        raise _foreign(name, "grew past the size limit while reading")
    return data


def _parse(name: str, data: bytes) -> dict[str, Any]:
    if not data.strip():
        raise _foreign(name, "empty file")
    try:
        obj = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _foreign(name, "not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise _foreign(name, "not complete JSON; it may be truncated or damaged") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise _foreign(name, "no quiz-session marker")
    version = obj.get("format_version")
    if type(version) is not int or version < 1:
        raise _foreign(name, "bad format version")
    if version > FORMAT_VERSION:
        raise NotASavedSession(f"{name} was saved by a newer quiz (format {version}); update "
                               "quiz to open it")
    return obj


def _check_plain(name: str, obj: Mapping[str, Any]) -> None:
    bank = obj.get("bank")
    if not isinstance(bank, dict):
        raise _foreign(name, "`bank` is missing")
    for key in ("id", "version", "content_hash"):
        if not isinstance(bank.get(key), str) or not bank[key]:
            raise _foreign(name, f"`bank.{key}` is missing")
    if not isinstance(bank.get("title", ""), str):
        raise _foreign(name, "`bank.title` is not text")
    answers = obj.get("answers")
    if not isinstance(answers, dict):
        raise _foreign(name, "`answers` is not a mapping")
    for key, value in answers.items():
        ok = isinstance(value, str | int) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value))
        if not ok:
            raise _foreign(name, f"the answer to `{key[:60]}` is not an answer value")
    if not isinstance(obj.get("position"), str | None):
        raise _foreign(name, "`position` is not a question id")
    for key in ("label", "saved_at"):
        if not isinstance(obj.get(key, ""), str):
            raise _foreign(name, f"`{key}` is not text")


def _open(path: Path, passphrase: str | None) -> tuple[dict[str, Any], bool]:
    name = str(path)
    obj = _parse(name, _read(path))
    protected = "protected" in obj
    if protected:
        inner = _parse(name, _open_sealed(name, obj, passphrase))
        if "protected" in inner:
            raise _foreign(name, "protected twice")
        obj = inner
    _check_plain(name, obj)
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
    kept: dict[str, Answer] = {}
    dropped: list[tuple[str, str]] = []
    for qid, raw in info.answers.items():
        q = bank.by_id.get(qid)
        if q is None:
            dropped.append((qid, "the question is no longer in the bank"))
            continue
        ans, message, _hint = normalize_one(q, raw)
        if ans is None:
            dropped.append((qid, f"the saved answer no longer fits: {message}"))
        else:
            kept[qid] = ans
    from quiz.scoring import engine_for

    ctx, _visible, _ended = engine_for(bank).walk(kept)
    for qid in list(kept):
        if qid not in ctx.answers:
            del kept[qid]
            dropped.append((qid, "the question is no longer shown for your other answers"))
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
    if dropped:
        changes.append(f"{len(dropped)} saved answer(s) no longer fit and were left out; "
                       f"{len(kept)} kept:")
        for qid, why in dropped:
            text = bank.by_id[qid].text if qid in bank.by_id else ""
            changes.append(f"- `{qid}`" + (f" (\u201c{text}\u201d)" if text else "") + f": {why}")
    elif changed:
        changes.append(f"All {len(kept)} saved answer(s) still fit.")
    return LoadedSession(info.path, bank, MappingProxyType(kept), position, info.label,
                         info.saved_at, info.protected, info.bank_version, info.bank_hash,
                         tuple(dropped), tuple(changes))


def sniff(path: Path) -> str | None:
    """"plain" or "protected" for a file with the saved-session marker, else None; never raises."""
    try:
        obj = _parse(str(path), _read(path))
    except StoreError:
        return None
    return "protected" if "protected" in obj else "plain"


# -- finding saves ---------------------------------------------------------------------------------


def find_bank(bank_id: str) -> Bank | None:
    """The shipped or user bank with this id, or None; the default `bank_lookup`."""
    from quiz.check import check_file
    from quiz.resources import shipped_banks

    banks_folder = user_banks_dir()
    mine = sorted(banks_folder.glob("*.y*ml")) if banks_folder.is_dir() else []
    candidates = sorted(shipped_banks(), key=lambda p: p.stem != bank_id) + sorted(
        mine, key=lambda p: p.stem != bank_id)
    for p in candidates:
        bank = check_file(p).bank
        if bank is not None and bank.id == bank_id:
            return bank
    return None


def _session_files(folder: Path | None = None) -> list[Path]:
    d = folder or sessions_dir()
    if not d.is_dir():
        return []
    files = [p for p in d.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")
             and p.is_file() and not p.is_symlink()]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def session_files() -> list[Path]:
    """Every file in the sessions folder that may be a saved session, newest first (unchecked)."""
    return _session_files()


def saved_sessions(bank_id: str | None = None, passphrase: str | None = None) -> list[SavedInfo]:
    """Saved sessions in the sessions folder, newest first; protected ones only when `passphrase`
    opens them (a protected file does not say its bank otherwise)."""
    out = []
    for p in _session_files():
        kind = sniff(p)
        if kind is None or (kind == "protected" and passphrase is None):
            continue
        try:
            info = read_info(p, passphrase)
        except StoreError:
            continue
        if bank_id is None or info.bank_id == bank_id:
            out.append(info)
    return out


def latest_saved(bank_id: str, passphrase: str | None = None) -> SavedInfo | None:
    """The most recent save of this bank in the sessions folder (protected ones only with
    `passphrase`), or None."""
    for p in _session_files():
        kind = sniff(p)
        if kind is None or (kind == "protected" and passphrase is None):
            continue
        try:
            info = read_info(p, passphrase)
        except StoreError:
            continue
        if info.bank_id == bank_id:
            return info
    return None


def protected_count() -> int:
    """How many protected saves the sessions folder holds (their banks are unknown without the
    passphrase)."""
    return sum(1 for p in _session_files() if sniff(p) == "protected")


# -- forgetting ------------------------------------------------------------------------------------


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
        return SavedItem(p, "saved session", f"{info.bank_id}{label}, saved {info.saved_at}")
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
