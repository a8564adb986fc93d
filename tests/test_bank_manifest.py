"""banks/checked.json lists exactly the shipped banks as they are, and each of them passes the schema.

The manifest lets `quiz take` skip the JSON Schema pass for an unchanged shipped bank (start-up time);
and banks/built/ holds each one's checked model, so it loads without YAML or the checks. These tests are
what make both safe. After editing a bank: python tools/update_bank_manifest.py
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace

from quiz import snapshot
from quiz.check import MANIFEST, check_file, check_text, is_checked_shipped, manifest_text
from quiz.loader import load_text
from quiz.model import Bank
from quiz.resources import banks_dir
from quiz.schema import schema_problems


def test_manifest_matches_the_shipped_banks() -> None:
    on_disk = (banks_dir() / MANIFEST).read_text(encoding="utf-8")
    assert json.loads(on_disk) == json.loads(manifest_text()), \
        "a shipped bank changed: run python tools/update_bank_manifest.py"


def test_every_manifest_bank_passes_the_schema_and_every_check() -> None:
    for name in json.loads(manifest_text()):
        path = banks_dir() / name
        text = path.read_text(encoding="utf-8")
        assert schema_problems(load_text(text, name)) == []
        assert check_text(text, name).problems == ()


def test_only_the_exact_shipped_content_skips_the_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    name, digest = next(iter(json.loads(manifest_text()).items()))
    assert is_checked_shipped(banks_dir() / name, digest)
    assert not is_checked_shipped(banks_dir() / name, "0" * 64)
    copy = tmp_path / name
    copy.write_bytes((banks_dir() / name).read_bytes())
    assert not is_checked_shipped(copy, digest)  # same bytes elsewhere: checked in full


def _full_check(path: Path) -> Bank:
    raw = path.read_bytes()
    result = check_text(raw.decode("utf-8"), str(path), hashlib.sha256(raw).hexdigest())
    assert result.bank is not None
    return result.bank


def test_every_shipped_bank_has_a_current_snapshot() -> None:
    for name, digest in json.loads(manifest_text()).items():
        path = banks_dir() / name
        built = snapshot.read(path, digest, "shown-name")
        assert built is not None, "stale or missing snapshot: run python tools/update_bank_manifest.py"
        full = _full_check(path)
        assert built == replace(full, file="shown-name")
        assert built.by_id == full.by_id and built.works == full.works
        assert built.section_by_id == full.section_by_id and built.resource_by_id == full.resource_by_id
        assert built.dimension_by_id == full.dimension_by_id
        assert check_file(path, use_snapshot=True).bank == replace(full, file=str(path))


def test_a_snapshot_is_used_only_when_everything_matches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name, digest = next(iter(json.loads(manifest_text()).items()))
    path = banks_dir() / name
    assert snapshot.read(path, "0" * 64, name) is None  # the bank's bytes changed
    bank = _full_check(path)
    folder = tmp_path / snapshot.FOLDER
    folder.mkdir()
    monkeypatch.setattr(snapshot, "banks_dir", lambda: tmp_path)
    target = folder / f"{name}.pickle"
    assert snapshot.read(path, digest, name) is None  # no snapshot: None, never an error
    target.write_bytes(b"not a pickle")
    assert snapshot.read(path, digest, name) is None
    target.write_bytes(pickle.dumps((snapshot.FORMAT, "stale-fingerprint", digest, bank)))
    assert snapshot.read(path, digest, name) is None
    target.write_bytes(snapshot.dumps(bank))
    assert snapshot.read(path, digest, name) == replace(bank, file=name)


class _Payload:
    """Unpickling this would call `_ran` (a stand-in for os.system) if the unpickler allowed it."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (_ran, ("payload",))


RAN: list[str] = []


def _ran(what: str) -> str:
    RAN.append(what)
    return what


def test_a_snapshot_can_only_hold_model_classes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name, digest = next(iter(json.loads(manifest_text()).items()))
    (tmp_path / snapshot.FOLDER).mkdir()
    monkeypatch.setattr(snapshot, "banks_dir", lambda: tmp_path)
    fingerprint = snapshot.fingerprint()
    for hostile in (_Payload(), print, os.system, Path("x"), pickle.Unpickler):
        data = pickle.dumps((snapshot.FORMAT, fingerprint, digest, hostile))
        with pytest.raises(pickle.UnpicklingError):
            snapshot._ModelOnly(io.BytesIO(data)).load()
        (tmp_path / snapshot.FOLDER / f"{name}.pickle").write_bytes(data)
        assert snapshot.read(banks_dir() / name, digest, name) is None
    assert RAN == []  # the payload's function was never called
    assert pickle.loads(pickle.dumps(_Payload())) == "payload" and RAN == ["payload"]  # a plain one would


def test_a_change_to_the_code_that_builds_banks_makes_snapshots_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    name, digest = next(iter(json.loads(manifest_text()).items()))
    assert snapshot.read(banks_dir() / name, digest, name) is not None
    monkeypatch.setattr(snapshot, "BUILT_FROM", (*snapshot.BUILT_FROM, "quiz.scoring"))
    snapshot.fingerprint.cache_clear()
    try:
        assert snapshot.read(banks_dir() / name, digest, name) is None
    finally:
        monkeypatch.undo()
        snapshot.fingerprint.cache_clear()


def test_validate_and_test_always_check_a_shipped_bank_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_snapshot(*args: object) -> None:
        raise AssertionError("the snapshot was used")

    monkeypatch.setattr(snapshot, "read", no_snapshot)
    for name in json.loads(manifest_text()):
        assert check_file(banks_dir() / name).bank is not None


def test_taking_a_shipped_bank_loads_neither_yaml_nor_the_checks() -> None:
    code = ("import sys\nfrom quiz.check import load_bank, resolve_bank\n"
            "bank = load_bank(resolve_bank('myths-facts'))\n"
            "assert bank.id == 'myths-facts', bank.id\n"
            "from quiz.session import Session\n"
            "import quiz.ui.app, quiz.ui.intro, quiz.ui.section, quiz.ui.question\n"
            "Session(bank)\n"
            "loaded = {'yaml', 'jsonschema', 'quiz.loader', 'quiz.semantics', 'quiz.build'} & set(sys.modules)\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], check=True)
