"""banks/checked.json lists exactly the shipped banks as they are, and each of them passes the schema.

The manifest lets `quiz take` skip the JSON Schema pass for an unchanged shipped bank (start-up time);
this test is what makes that safe. After editing a bank: python tools/update_bank_manifest.py
"""

from __future__ import annotations

import json

from quiz.check import MANIFEST, check_text, is_checked_shipped, manifest_text
from quiz.loader import load_text
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
