"""Every valid fixture bank is also sound by `quiz test`: examples pass and everything is reachable."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main

VALID = sorted((Path(__file__).parent / "data" / "valid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_fixture_passes_quiz_test(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(path), "--quiet"]) == 0, capsys.readouterr().err
