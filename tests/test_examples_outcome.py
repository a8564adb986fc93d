"""Seeing an outcome without asserting one: `quiz score --example`, examples without `expect` in `quiz
test`, and `quiz test --update` writing outcomes into a bank while keeping the rest of it byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quiz.cli import main

DATA = Path(__file__).parent / "data" / "examples"
SLEEP = DATA / "sleep.yaml"
LAYOUTS = DATA / "layouts.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def copy(tmp_path: Path, src: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copyfile(src, dst)
    return dst


# -- quiz score --example ------------------------------------------------------------------------------------
def test_score_example_does_the_reverse_keying(capsys: pytest.CaptureFixture[str]) -> None:
    """rested 1, late-screens 3 (reverse: 0) and worry 3 (reverse: 0) score 1: poor, worry flagged."""
    code, out, err = run(capsys, "score", str(SLEEP), "--example", "screens and worry", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    sleep = next(d for d in data["dimensions"] if d["id"] == "sleep")
    assert (sleep["score"], sleep["band"]) == (1, "poor")
    assert [s["id"] for s in data["suggestions"]] == ["worry-time", "wind-down"]
    assert [f["id"] for f in data["flags"]] == ["worry-high"]


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_score_example_prints_what_the_same_answers_file_prints(
        fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("rested: 1\nlate-screens: 3\nworry: 3\n", encoding="utf-8")
    code, from_file, _ = run(capsys, "score", str(SLEEP), "--answers", str(answers), "--format", fmt)
    assert code == 0
    code, from_example, _ = run(capsys, "score", str(SLEEP), "--example", "screens and worry", "--format", fmt)
    assert code == 0
    assert from_example == from_file


def test_score_unknown_example_lists_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", str(SLEEP), "--example", "screens")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "no example named \u201cscreens\u201d" in err
    for name in ("rested and calm", "screens and worry", "tired"):
        assert f"\u201c{name}\u201d" in err


@pytest.mark.parametrize("extra", [["--answers", "x.yaml"], ["--format", "csv"], ["--input", "jsonl"]])
def test_score_example_refuses_what_only_answers_files_take(
        extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "score", str(SLEEP), "--example", "tired", *extra)
    assert code == 2, err


# -- quiz test: an example without `expect` ------------------------------------------------------------------
def test_example_without_expect_is_shown_not_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = copy(tmp_path, SLEEP)
    code, _out, _err = run(capsys, "test", str(bank), "--update", "tired")  # only the wrong one fixed
    assert code == 0
    code, out, err = run(capsys, "test", str(bank))
    assert code == 0, err
    assert "FAIL" not in out + err
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if "example \u201cscreens and worry\u201d has no `expect`" in x)
    assert lines[at].strip().startswith("show")
    assert lines[at + 1].split() == ["bands:", "sleep", "poor", "(score", "1)"]
    assert lines[at + 2].strip() == "suggestions: worry-time, wind-down"
    assert lines[at + 3].strip() == "flags: worry-high"
    assert "examples: 2 of 3 passed, 1 without `expect`" in out


def test_coverage_counts_only_examples_that_assert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The example without `expect` is the only one raising `worry-high`: it pins nothing down."""
    code, out, _err = run(capsys, "test", str(SLEEP))
    assert code == 1  # the wrong example still fails
    assert "0 of 1 flags" in out


# -- quiz test --update ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("src", [SLEEP, LAYOUTS], ids=lambda p: p.stem)
def test_update_writes_outcomes_and_keeps_the_rest(src: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bank = copy(tmp_path, src)
    code, out, err = run(capsys, "test", str(bank), "--update")
    assert code == 0, err
    golden = src.with_name(src.stem + ".updated.yaml")
    assert bank.read_bytes() == golden.read_bytes()
    assert "examples: 5 of 5 passed" in out or "examples: 3 of 3 passed" in out


def test_update_says_what_it_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = copy(tmp_path, SLEEP)
    code, out, _err = run(capsys, "test", str(bank), "--update", "--quiet")
    assert code == 0
    assert f"{bank}: wrote the outcome into 2 examples; review it:" in out
    assert "example \u201cscreens and worry\u201d: expect added: {suggestions: [worry-time, wind-down], " \
           "bands: {sleep: poor}}" in out
    assert "example \u201ctired\u201d: bands: {sleep: fair} -> {sleep: poor}" in out


def test_update_keeps_line_endings_and_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "sleep.yaml"
    bank.write_bytes(b"\xef\xbb\xbf" + SLEEP.read_bytes().replace(b"\n", b"\r\n"))
    bank.chmod(0o640)
    code, _out, err = run(capsys, "test", str(bank), "--update")
    assert code == 0, err
    want = b"\xef\xbb\xbf" + SLEEP.with_name("sleep.updated.yaml").read_bytes().replace(b"\n", b"\r\n")
    assert bank.read_bytes() == want
    assert bank.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["sleep.yaml"]  # no temporary file left


def test_update_by_name_rewrites_only_that_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = copy(tmp_path, LAYOUTS)
    code, out, _err = run(capsys, "test", str(bank), "--update", "empty flow expect")
    assert code == 1  # the other wrong examples still fail
    before = LAYOUTS.read_text(encoding="utf-8")
    after = bank.read_text(encoding="utf-8")
    assert after == before.replace(
        "    expect: {}\n",
        '    expect:\n      suggestions: ["yes"]\n      bands: {ease: high}\n      correct: 0\n      ended: false\n')


def test_update_of_an_example_already_right_changes_nothing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    bank = copy(tmp_path, LAYOUTS)
    code, out, _err = run(capsys, "test", str(bank), "--update", "already right in its own order", "--quiet")
    assert "nothing to update" in out
    assert bank.read_bytes() == LAYOUTS.read_bytes()


def test_update_unknown_name_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = copy(tmp_path, SLEEP)
    code, out, err = run(capsys, "test", str(bank), "--update", "nope")
    assert code == 2
    assert "no example named \u201cnope\u201d" in err and "\u201ctired\u201d" in err
    assert bank.read_bytes() == SLEEP.read_bytes()


@pytest.mark.parametrize("argv", [["--update"], ["--update", "tired", str(SLEEP)]])
def test_update_needs_the_bank_first(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "test", *argv)
    assert code == 2
    assert "quiz test BANK --update" in err


def test_update_names_examples_of_one_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "test", str(SLEEP), str(LAYOUTS), "--update", "tired")
    assert code == 2 and "one bank" in err
