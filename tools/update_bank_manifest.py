"""Rewrites banks/checked.json after a shipped bank changes; run it, then the tests, then commit both."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quiz.check import MANIFEST, check_text, manifest_text  # noqa: E402
from quiz.resources import banks_dir  # noqa: E402

for bank in sorted(banks_dir().glob("*.yaml")):
    result = check_text(bank.read_text(encoding="utf-8"), str(bank))
    if result.problems:
        sys.exit(f"{bank} has problems; fix them first (quiz validate {bank})")
(banks_dir() / MANIFEST).write_text(manifest_text(), encoding="utf-8")
print(f"wrote {banks_dir() / MANIFEST}")
