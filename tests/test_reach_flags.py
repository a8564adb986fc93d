"""`quiz test` knows item flags: each must be raisable, `flagged()` slices and guides the search, and a flag
no answer raises gets a specific reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.authoring.reach import Goal, Searcher, Verdict, check_reachability, goal_slice, unraisable
from quiz.bank.check import load_bank
from quiz.bank.model import Flag
from quiz.cli import main
from quiz.conditions.parser import parse

DATA = Path(__file__).parent / "data"
FLAGGED_BANKS = [DATA / "phq9.yaml", *sorted((DATA / "instruments").glob("*.yaml"))]


def _flag_ids(path: Path) -> list[str]:
    return [f.id for f in load_bank(path).flags]


@pytest.mark.parametrize("path", FLAGGED_BANKS, ids=lambda p: p.stem)
def test_every_flag_of_the_reference_banks_is_raised(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["test", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    flags = _flag_ids(path)
    for fid in flags:
        assert f"reach flag `{fid}` is raised by: " in out
    if flags:
        assert f"reach flags: {len(flags)} of {len(flags)} can be raised" in out
        assert f"of {len(flags)} flags" in out  # the coverage line counts them too
    else:
        assert "reach flags" not in out


def test_the_phq9_flag_witness_names_the_item_that_raises_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(DATA / "phq9.yaml")]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "reach flag `self-harm`" in x)
    answer = line.split("is raised by: ", 1)[1]
    assert answer.startswith("item9=") and not answer.startswith("item9=0")


DEEP = """\
quiz: 1
id: deep-flag
title: Deep flag
version: "1"
disclaimer: A test bank; educational only.
scales:
  ten:
    title: Ten
    options:
{points}
sections:
  - id: s
    title: S
    questions:
{questions}
      - id: deep
        kind: scale
        text: Deep?
        scale: ten
        show_if: '{chain}'
        flag: {{id: deep-flag, label: Deep, at_least: 9}}
suggestions:
  - id: on-flag
    kind: safety
    title: On the flag
    text: Found.
    when: 'flagged(deep-flag)'
    because: It was raised.
"""


def _deep(tmp_path: Path, n: int = 5) -> Path:
    """A flag on a question shown only for one answer to each of `n` ten-option questions, raised only by
    its scale's top point: about one random answer set in 10^(n+1) raises it."""
    points = "\n".join(f"      - {{value: {i}, label: P{i}}}" for i in range(10))
    opts = "\n".join(f"          - {{value: o{i}, label: Option {i}}}" for i in range(10))
    questions = "\n".join(f"      - id: q{k}\n        kind: single\n        text: Question {k}?\n"
                          f"        options:\n{opts}" for k in range(n))
    chain = " and ".join(f'q{k} == "o{(3 * k + 1) % 10}"' for k in range(n))
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP.format(points=points, questions=questions, chain=chain), encoding="utf-8")
    return path


def test_a_suggestion_on_a_flag_slices_in_the_flags_question(tmp_path: Path) -> None:
    bank = load_bank(_deep(tmp_path))
    goal = Goal("suggestion", "on-flag", "suggestion `on-flag`", ("suggestions", 0, "when"))
    assert [q.id for q in goal_slice(bank, goal)] == ["q0", "q1", "q2", "q3", "q4", "deep"]


def test_a_suggestion_on_a_flag_is_reached_by_climbing(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = _deep(tmp_path)
    verdicts: dict[tuple[str, str], Verdict] = {(v.goal.kind, v.goal.id): v
                                                for v in check_reachability(load_bank(path))}
    for key in [("suggestion", "on-flag"), ("flag", "deep-flag"), ("question", "deep")]:
        assert verdicts[key].witness is not None, verdicts[key].reason
    witness = dict(verdicts[("suggestion", "on-flag")].witness or ())
    assert witness["deep"] == 9
    code = main(["test", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "reach suggestion `on-flag` fires for: deep=9" in out
    # Then the answers that show `deep`, followed back to the first question, before any others.
    line = next(x for x in out.splitlines() if "reach suggestion `on-flag`" in x)
    names = [answer.split("=")[0] for answer in line.split("fires for: ")[1].split(", ")]
    assert names[:6] == ["deep", "q0", "q1", "q2", "q3", "q4"]
    assert "reach flag `deep-flag` is raised by: deep=9" in out


def test_a_scale_flag_above_the_top_point_is_proved_unraisable(tmp_path: Path) -> None:
    """`quiz validate` refuses this already; the proof still gives its own reason."""
    bank = load_bank(_deep(tmp_path))
    q = bank.by_id["deep"]
    assert unraisable(q, Flag("x", "X", "deep", at_least=10)) == (
        "no point of `deep`'s scale reaches `at_least: 10` (its highest value is 9)")
    assert unraisable(q, Flag("x", "X", "deep", at_least=9)) == ""


def test_a_flag_on_a_question_never_shown_gives_the_questions_reason(tmp_path: Path) -> None:
    path = tmp_path / "hidden.yaml"
    text = _deep(tmp_path).read_text(encoding="utf-8")
    path.write_text(text.replace("show_if: 'q0 ==", "show_if: 'q0 == \"o2\" and q0 =="), encoding="utf-8")
    bank = load_bank(path)
    never = {(v.goal.kind, v.goal.id): v.reason for v in check_reachability(bank) if v.witness is None}
    shown = never[("question", "deep")]
    assert "contradict each other" in shown
    assert never[("flag", "deep-flag")] == f"`deep`, whose answer raises it, is never shown: {shown}"
    # The suggestion on the flag is proved dead too: it needs `deep` answered, and `deep` is hidden.
    assert never[("suggestion", "on-flag")].startswith("`deep` is hidden whenever the rest holds")


def test_flagged_is_a_part_about_its_question(tmp_path: Path) -> None:
    """`never_holds` reads `flagged(f)` as a condition on f's question: it contradicts a low answer."""
    bank = load_bank(_deep(tmp_path))
    searcher = Searcher(bank)
    reason = searcher.never_holds(parse("flagged(deep-flag) and deep < 9"))
    assert reason == ("`flagged(deep-flag)` and `deep < 9` contradict each other: no answer to `deep` makes "
                      "them all hold")
    assert searcher.never_holds(parse("flagged(deep-flag) and deep >= 5")) == ""
