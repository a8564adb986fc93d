"""`quiz migrate` makes banks written for the old scoring rules valid, editing only the lines concerned."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.check import check_text
from quiz.bank.migrate import migrate_text
from quiz.cli import main
from quiz.paths import shipped_banks

DATA = Path(__file__).parent / "data"
BANKS = sorted([*(DATA / "valid").glob("*.yaml"), *(DATA / "ui").glob("*.yaml"),
                *(DATA / "ui" / "user_banks").glob("my-*.yaml"), DATA / "phq9.yaml",
                *(DATA / "instruments").glob("*.yaml"), DATA / "migrate" / "old_rules.yaml", *shipped_banks()])


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_bank_is_valid_after_migrate(path: Path) -> None:
    result = migrate_text(path.read_text(encoding="utf-8"), path.name)
    assert result.problems == (), "\n".join(p.render() for p in result.problems)
    assert check_text(result.text, path.name).bank is not None


def test_old_rules_fixture_becomes_valid_keeping_comments() -> None:
    path = DATA / "migrate" / "old_rules.yaml"
    before = path.read_text(encoding="utf-8")
    assert check_text(before, "old.yaml").bank is None
    result = migrate_text(before, "old.yaml")
    assert result.problems == ()
    assert "# lowest first, as the old guide asked" in result.text
    assert "# A bank written for the old rules" in result.text
    bank = check_text(result.text, "old.yaml").bank
    assert bank is not None
    mood = bank.dimension_by_id["mood"]
    # min_answered: 1 may miss the item show_if hides, so no `hidden` is needed; prorating makes the range
    # the complete-answer range, 4 to 20, and the lowest band moves from 1 to 4.
    assert mood.hidden is None and (mood.low, mood.high) == (4, 20)
    assert (mood.bands[0].min, mood.bands[0].max) == (4, 7)
    assert [b.id for b in mood.bands] == ["incomplete-band", "high"]
    assert bank.suggestions[0].when_text == 'band(mood) == "incomplete-band"'
    assert bank.examples[0].expect.bands == (("mood", "incomplete-band"),)
    changed = {c.line for c in result.changes}
    old, new = before.split("\n"), result.text.split("\n")
    assert len(new) == len(old)  # edited in place, line by line
    assert changed


def test_cli_migrate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "old.yaml"
    src.write_text((DATA / "migrate" / "old_rules.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "new.yaml"
    assert main(["migrate", str(src), "-o", str(out)]) == 0
    assert "renamed" in capsys.readouterr().err
    assert check_text(out.read_text(encoding="utf-8"), "new.yaml").bank is not None
    assert main(["migrate", str(out), "--in-place"]) == 0
    assert "nothing to change" in capsys.readouterr().err
    assert main(["migrate", str(tmp_path / "missing.yaml")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("quiz: 1\nid: [\n", encoding="utf-8")
    assert main(["migrate", str(bad)]) == 1
