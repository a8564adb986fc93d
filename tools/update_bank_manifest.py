"""Rewrites banks/checked.json and the built snapshots (banks/built/) after a shipped bank changes.

Run it, then the tests, then commit all of them. tests/test_bank_manifest.py fails until you do.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quiz import snapshot  # noqa: E402
from quiz.check import MANIFEST, check_text, manifest_text  # noqa: E402
from quiz.resources import banks_dir  # noqa: E402

# Check every bank before writing anything, so a bank with problems leaves the old files as they were.
built = {}
for bank in sorted(banks_dir().glob("*.yaml")):
    raw = bank.read_bytes()
    result = check_text(raw.decode("utf-8"), str(bank), hashlib.sha256(raw).hexdigest())
    if result.problems or result.bank is None:
        sys.exit(f"{bank} has problems; fix them first (quiz validate {bank}); nothing was written")
    built[bank] = snapshot.dumps(result.bank)
folder = banks_dir() / snapshot.FOLDER
folder.mkdir(exist_ok=True)
for old in folder.glob("*.pickle"):
    old.unlink()
for bank, data in built.items():
    snapshot.snapshot_path(bank).write_bytes(data)
    print(f"wrote {snapshot.snapshot_path(bank)}")
(banks_dir() / MANIFEST).write_text(manifest_text(), encoding="utf-8")
print(f"wrote {banks_dir() / MANIFEST}")
