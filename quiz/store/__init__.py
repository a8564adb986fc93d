"""Saved sessions: atomic owner-only writes, passphrase protection, careful loading, forgetting.

The public names live in submodules by concern and are all importable from `quiz.store`:
`atomic` (the one atomic writer every file quiz writes goes through), `crypto` (passphrase protection),
`errors`, `format` (the saved-session record), `saves` (saving and loading) and `inventory` (finding,
listing, forgetting). `export` (a results report written to a file) is imported on its own: it renders.
"""

from __future__ import annotations

from quiz.store.atomic import TMP_SUFFIX, make_private_dirs, write_file
from quiz.store.crypto import SCRYPT_N, SCRYPT_P, SCRYPT_R
from quiz.store.errors import (
    NotASavedSession,
    PassphraseNeeded,
    SaveError,
    StoreError,
    UnknownBank,
    WrongPassphrase,
)
from quiz.store.format import FORMAT, FORMAT_VERSION, MAX_LABEL, MAX_SESSION_BYTES, SUFFIX, SavedInfo, sniff, when_words
from quiz.store.inventory import (
    ForgetReport,
    Inventory,
    SavedItem,
    forget_all,
    latest_saved,
    list_saved,
    protected_count,
    saved_sessions,
    session_files,
)
from quiz.store.saves import (
    LoadedSession,
    find_bank,
    load_session,
    read_info,
    remove_earlier,
    save_session,
    sessions_folder_problem,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_LABEL",
    "MAX_SESSION_BYTES",
    "SCRYPT_N",
    "SCRYPT_P",
    "SCRYPT_R",
    "SUFFIX",
    "TMP_SUFFIX",
    "ForgetReport",
    "Inventory",
    "LoadedSession",
    "NotASavedSession",
    "PassphraseNeeded",
    "SaveError",
    "SavedInfo",
    "SavedItem",
    "StoreError",
    "UnknownBank",
    "WrongPassphrase",
    "find_bank",
    "forget_all",
    "latest_saved",
    "list_saved",
    "load_session",
    "make_private_dirs",
    "protected_count",
    "read_info",
    "remove_earlier",
    "save_session",
    "saved_sessions",
    "session_files",
    "sessions_folder_problem",
    "sniff",
    "when_words",
    "write_file",
]
