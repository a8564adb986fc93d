"""Option sets: a question's `options: set-id` means the set's options, everywhere a list would be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.check import check_file, check_text
from quiz.cli import main

DATA = Path(__file__).parent / "data"
SETS = DATA / "valid" / "option_sets.yaml"


def test_questions_offer_the_sets_options() -> None:
    result = check_file(SETS)
    assert result.bank is not None, result.problems
    bank = result.bank
    assert [(o.value, o.label) for o in bank.question("naps").options] == [("yes", "Yes"), ("no", "No")]
    assert bank.question("nap-long").options == bank.question("naps").options
    wake = bank.question("wake")
    assert [(o.value, o.scores) for o in wake.options] == [
        ("never", (("load", 0),)), ("sometimes", (("load", 1),)), ("often", (("load", 2),))]
    assert bank.question("late").options == wake.options
    load = bank.dimension_by_id["load"]
    assert (load.low, load.high, load.items) == (0, 4, ("wake", "late"))


def test_answers_to_set_questions_are_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text('naps: "yes"\nnap-long: "yes"\nsnore: prefer_not_to_say\nwake: often\nlate: often\n',
                       encoding="utf-8")
    assert main(["score", str(SETS), "--answers", str(answers), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"band": "heavy"' in out and '"short-naps"' in out


def test_an_answer_the_set_does_not_offer_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text('naps: "maybe"\n', encoding="utf-8")
    assert main(["score", str(SETS), "--answers", str(answers), "--partial"]) == 1
    assert "maybe" in capsys.readouterr().err


def _bank(options: str, questions: str) -> str:
    return ("quiz: 1\nid: b\ntitle: B\nversion: \"1\"\ndisclaimer: Educational only.\n" + options
            + "sections:\n  - id: s\n    title: S\n    questions:\n" + questions)


def test_a_banks_own_yes_no_replaces_the_built_in() -> None:
    text = _bank("options:\n  yes_no:\n    - {value: y, label: Yep}\n    - {value: n, label: Nope}\n",
                 "      - {id: q, kind: single, text: Q?, options: yes_no}\n")
    result = check_text(text, "own.yaml")
    assert result.bank is not None, result.problems
    assert [o.value for o in result.bank.question("q").options] == ["y", "n"]


def test_unknown_set_with_nothing_close_lists_the_sets() -> None:
    text = _bank("options:\n  often:\n    - {value: a, label: A}\n    - {value: b, label: B}\n",
                 "      - {id: q, kind: single, text: Q?, options: frequency}\n")
    [p] = check_text(text, "x.yaml").problems
    assert p.message == "unknown option set `frequency`"
    assert p.hint == "define it under the top-level `options`; sets here: often, yes_no"
    assert (p.line, p.column) == (14, 50)


def test_a_problem_inside_a_set_is_reported_once_where_the_set_is() -> None:
    """The set is named by two questions; its duplicate value is one problem, at the set."""
    result = check_file(DATA / "invalid" / "sem_option_set_duplicate_value.yaml")
    assert [(p.line, p.path) for p in result.problems] == [(10, "options.often.1.value")]


def test_options_of_the_wrong_type_say_what_fits() -> None:
    text = _bank("", "      - {id: q, kind: single, text: Q?, options: 3}\n")
    problems = check_text(text, "x.yaml").problems
    assert any(p.path == "sections.0.questions.0.options" and "a list or text" in p.message for p in problems), \
        problems


def test_a_set_on_a_scale_question_does_not_apply() -> None:
    text = _bank("scales:\n  s2:\n    options:\n      - {value: 0, label: No}\n      - {value: 1, label: Yes}\n",
                 "      - {id: q, kind: scale, text: Q?, scale: s2, options: yes_no}\n")
    problems = check_text(text, "x.yaml").problems
    assert [p.message for p in problems] == ["`options` does not apply to a scale question"]
