"""Passphrase protection: scrypt key derivation and the AES-256-GCM envelope of a saved session."""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
from collections.abc import Mapping
from typing import Any

from quiz.store.errors import PassphraseNeeded, WrongPassphrase, not_a_saved_session
from quiz.store.format import FORMAT, FORMAT_VERSION

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


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    # NFC so the same passphrase typed through different input methods gives the same key.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)


def _aad(header: Mapping[str, Any]) -> bytes:
    # Everything outside the ciphertext is authenticated too, so no field can be swapped unnoticed.
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(plain: bytes, passphrase: str) -> bytes:
    """The protected file content: `plain` encrypted under a key derived from the passphrase."""
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


def open_sealed(name: str, doc: Mapping[str, Any], passphrase: str | None) -> bytes:
    """The plain content of a protected file, or a StoreError (no passphrase, wrong one, tampered)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    prot = doc["protected"]
    if not isinstance(prot, dict):
        raise not_a_saved_session(name, "`protected` is not a mapping")
    if prot.get("kdf") != "scrypt" or prot.get("cipher") != "aes-256-gcm":
        raise not_a_saved_session(name, "unknown protection method")
    n, r, p = prot.get("n"), prot.get("r"), prot.get("p")
    if not all(type(v) is int for v in (n, r, p)):
        raise not_a_saved_session(name, "bad key-derivation settings")
    assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
    if not (2**10 <= n <= _SCRYPT_MAX_N and n & (n - 1) == 0 and 1 <= r <= _SCRYPT_MAX_R and p == 1
            and 128 * n * r <= _SCRYPT_MAX_MEMORY):
        raise not_a_saved_session(name, "key-derivation settings out of range")
    salt, nonce, data = (_unb64(name, prot.get(k)) for k in ("salt", "nonce", "data"))
    if len(salt) < 16 or len(nonce) != _NONCE_BYTES or len(data) < 16:
        raise not_a_saved_session(name, "protected data too short")
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
        raise not_a_saved_session(name, "protected data is not text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise not_a_saved_session(name, "protected data is not base64") from None
