"""Messages an author reads: one problem for one mistake, one line each, values written as YAML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.bank.check import check_file, check_text

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.yaml"))
MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")

# What Python's repr leaves in a message: None/True/False, quoted items of a list or a dict.
PYTHON_REPR = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\['|\{'|'\]|': ")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_problem_is_one_line_without_python_reprs(path: Path) -> None:
    for problem in check_file(path).problems:
        text = problem.render()
        assert "\n" not in text and "\t" not in text and "\r" not in text, text
        assert not PYTHON_REPR.search(problem.message + " " + problem.hint), text


@pytest.mark.parametrize("name", ["schema_misspelled_top_key", "schema_misspelled_questions",
                                  "schema_question_indented_too_far"])
def test_a_mistake_with_knock_on_effects_is_one_problem(name: str) -> None:
    # Each of these gave five to nine problems before: a missing key, every unknown question or
    # suggestion that followed from it.
    [problem] = check_file(DATA / "invalid" / f"{name}.yaml").problems


@pytest.mark.parametrize(("key", "typo"), [("sections", "sectons"), ("disclaimer", "disclaimr"),
                                           ("questions", "quesitons")])
def test_a_misspelled_key_is_read_as_meant(key: str, typo: str) -> None:
    text = MINIMAL.replace(f"{key}:", f"{typo}:", 1) + "      - {id: more, kind: text, text: 'x?', show_if: " \
        "'answered(thoughts)'}\n"
    [problem] = check_text(text, "m.yaml").problems
    assert problem.path.endswith(typo)
    assert f"did you mean `{key}`?" in problem.hint


def test_problems_inside_a_misspelled_part_are_still_found() -> None:
    text = MINIMAL.replace("sections:", "sectons:").replace("kind: text", "kind: txt")
    problems = check_text(text, "m.yaml").problems
    assert [p.path for p in problems] == ["sectons", "sectons.0.questions.0.kind"]


@pytest.mark.parametrize(("word", "kind"), [("checklist", "multiple"), ("checkbox", "multiple"),
                                            ("radio", "single"), ("choice", "single"), ("likert", "scale"),
                                            ("rating", "scale"), ("truefalse", "statement"),
                                            ("true-false", "statement"), ("boolean", "statement"),
                                            ("myth", "statement"), ("free", "text"), ("open", "text"),
                                            ("textarea", "text"), ("txt", "text")])
def test_kind_words_from_other_tools_point_to_ours(word: str, kind: str) -> None:
    problems = check_text(MINIMAL.replace("kind: text", f"kind: {word}"), "m.yaml").problems
    hints = [p.hint for p in problems if p.path == "sections.0.questions.0.kind"]
    assert hints and hints[0].startswith(f"did you mean `{kind}`?")


def test_a_kind_from_another_tool_is_read_as_meant() -> None:
    # therapy-fit's checklist written as `kind: checklist`: once, not again under every condition that
    # asks what the checklist includes (twenty more problems before, each calling it a checklist).
    shipped = (Path(__file__).parents[1] / "banks" / "therapy-fit.yaml").read_text(encoding="utf-8")
    [problem] = check_text(shipped.replace("kind: multiple", "kind: checklist", 1), "t.yaml").problems
    assert problem.path.endswith(".kind") and problem.hint.startswith("did you mean `multiple`?")


@pytest.mark.parametrize("condition", ['"yes" == thoughts', 'answered(thoughts): x'])
def test_an_unquoted_condition_says_to_quote_it(condition: str) -> None:
    text = MINIMAL.replace("kind: text", f"kind: text\n        show_if: {condition}")
    [problem] = check_text(text, "m.yaml").problems
    assert (problem.line, problem.column) == (14, 18)
    assert "single quotes" in problem.hint


def test_a_line_indented_under_a_plain_value_says_indentation() -> None:
    text = MINIMAL.replace("        kind: text", "          kind: text")
    [problem] = check_text(text, "m.yaml").problems
    assert (problem.line, problem.column) == (13, 11)
    assert "indentation" in problem.message and "line it up with `id`" in problem.hint


@pytest.mark.parametrize(("answer", "words"), [
    ('"2"', 'the text `"2"`'), ("2.0", "decimal number"), ("[1]", "whole number"), ("true", "whole number"),
])
def test_an_example_answer_of_the_wrong_type_says_so(answer: str, words: str) -> None:
    text = (DATA / "invalid" / "sem_example_wrong_type.yaml").read_text(encoding="utf-8")
    [problem] = check_text(text.replace('q2: "2"', f"q2: {answer}"), "b.yaml").problems
    assert (problem.line, problem.path) == (47, "examples.0.answers.q2")
    assert words in problem.message


def test_examples_may_leave_questions_out() -> None:
    text = (DATA / "invalid" / "sem_example_hidden_answer.yaml").read_text(encoding="utf-8")
    assert check_text(text.replace("      q2: 1\n", ""), "b.yaml").problems == ()


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_number_yaml_reads_as_infinite_is_named_not_a_traceback(value: str) -> None:
    # Found by the loader fuzz: `.inf` in a band reached exact arithmetic and raised ValueError.
    text = (DATA / "valid" / "full.yaml").read_text(encoding="utf-8").replace(
        "min: 0, max: 3", f"min: {value}, max: 3", 1)
    problems = check_text(text, "f.yaml").problems
    assert any("is not a number a bank can use" in p.message and p.path.endswith(".min") for p in problems)
