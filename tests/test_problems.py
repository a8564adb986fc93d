"""Problems are typed and one line each: exit codes follow their kind, values read as YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.check import CheckResult, check_file, check_text
from quiz.bank.model import Bank
from quiz.cli import main
from quiz.engine.answers import load_answers
from quiz.errors import InputError, Problem, shown

DATA = Path(__file__).parent / "data"
MINIMAL = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def _problems(old: str, new: str) -> tuple[Problem, ...]:
    return check_text(MINIMAL.replace(old, new, 1), "m.yaml").problems


def test_each_stage_gives_its_kind(tmp_path: Path) -> None:
    assert {p.kind for p in check_file(tmp_path).problems} == {"unreadable"}
    assert {p.kind for p in _problems("quiz: 1", "quiz: [1")} == {"syntax"}
    assert {p.kind for p in _problems("quiz: 1", "quiz: 2")} == {"schema"}
    assert {p.kind for p in _problems("id: thoughts", "id: thoughts\n        show_if: answered(nope)")} \
        == {"semantic"}


def test_a_value_with_a_newline_stays_on_one_line() -> None:
    [problem] = _problems("id: minimal", 'id: "two\\nlines"')
    text = problem.render()
    assert "\n" not in text and "\t" not in text
    assert "two\\nlines" in text


@pytest.mark.parametrize(("value", "words"), [("null", "`null`"), ("[text, single]", "`[text, single]`"),
                                               ("true", "`true`")])
def test_values_are_shown_as_yaml_writes_them(value: str, words: str) -> None:
    [problem] = _problems("kind: text", f"kind: {value}")
    assert words in problem.message
    assert "None" not in problem.message and "'" not in problem.message


def test_shown_writes_yaml() -> None:
    assert [shown(v) for v in (None, True, 3, "a b", ["a", "b"], {"k": None}, float("inf"))] == \
        ["null", "true", "3", "a b", "[a, b]", "{k: null}", ".inf"]


@pytest.mark.parametrize(("kind", "message", "code"), [("unreadable", "permission denied", 2),
                                                        ("semantic", "cannot read the band `x`", 1)])
def test_validate_exit_code_follows_the_kind_not_the_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          kind: str, message: str, code: int) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(MINIMAL, encoding="utf-8")
    found = Problem(str(bank), 0, 0, "", message, kind=kind)  # type: ignore[arg-type]
    monkeypatch.setattr("quiz.cli.validate.check_file", lambda f: CheckResult(str(f), None, (found,)))
    assert main(["validate", str(bank)]) == code


def test_an_answers_file_is_called_an_answers_file(tmp_path: Path, full_bank: Bank) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("age: &a adult\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_answers(answers, full_bank)
    [problem] = caught.value.problems
    assert "an answers file" in problem.render() and "bank" not in problem.render()


@pytest.fixture
def full_bank() -> Bank:
    bank = check_file(DATA / "valid" / "full.yaml").bank
    assert bank is not None
    return bank


def test_every_error_quiz_raises_is_a_quiz_error() -> None:
    import importlib
    import inspect
    import pkgutil

    import quiz
    from quiz.errors import QuizError

    outside = []
    for info in pkgutil.walk_packages(quiz.__path__, "quiz."):
        if info.name == "quiz.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == info.name \
                    and not name.startswith("_") and not issubclass(obj, QuizError):
                outside.append(f"{info.name}.{name}")
    assert outside == []
