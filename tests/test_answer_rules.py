"""One set of answer rules: an answers file (`quiz score`) and a bank's example (`quiz validate`) refuse a
wrong answer with the same words, at the same place under the answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.cli import main

BANK = """\
quiz: 1
id: rules
title: Answer rules
version: "1"
disclaimer: Educational only, not a diagnosis.
sources:
  - {id: sky, title: The colour of the sky, organisation: Sky Watchers}
scales:
  often4:
    options:
      - {value: 0, label: Never}
      - {value: 1, label: Sometimes}
      - {value: 2, label: Often}
      - {value: 3, label: Always}
sections:
  - id: only
    title: Only
    questions:
      - {id: level, kind: scale, text: How often?, scale: often4}
      - id: pick
        kind: single
        text: Which colour?
        options: [{value: red, label: Red}, {value: green, label: Green}, {value: blue, label: Blue}]
      - id: ticks
        kind: multiple
        text: Which apply?
        max_choices: 2
        options:
          - {value: a, label: A}
          - {value: b, label: B}
          - {value: c, label: C}
          - {value: none, label: None of these, exclusive: true}
      - {id: fact, kind: statement, text: The sky is green., answer: false, explanation: It is blue., source: sky}
      - {id: note, kind: text, text: Anything else?, optional: true, max_length: 10}
examples:
  - name: the answer under test
    answers: {ANSWER}
    expect: {}
"""

# (question, the answer as YAML, words the message must hold)
WRONG = [
    ("level", '"2"', 'the text `"2"`'),
    ("level", "1.0", "decimal number `1.0`"),
    ("level", "Always", "label `Always`"),
    ("level", "7", "not a point"),
    ("level", "[1, 2]", "`[1, 2]`"),
    ("level", "null", "`null`"),
    ("pick", "gren", "not an option"),
    ("pick", "[red, green]", "takes one option"),
    ("pick", "prefer_not_to_say", "Prefer not to say"),
    ("ticks", "[a, b, c]", "at most 2"),
    ("ticks", "[a, none]", "cannot be combined"),
    ("ticks", "[a, z]", "not an option"),
    ("ticks", "[a, a]", "twice"),
    ("ticks", "{a: 1}", "a checklist"),
    ("fact", "maybe", "true or false"),
    ("note", "true", "free text"),
    ("note", "0123456789ab", "longer than 10"),
]

PYTHON_REPR = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\['|\{'|'\]|': ")


def _refusals(err: str, prefix: str) -> list[str]:
    """Each problem line from `file:line:column: path: message (hint)`, from the path on, with `prefix`
    taken off the path, so an answers file's and an example's problems compare directly."""
    out = []
    for line in err.splitlines():
        parts = line.split(": ", 1)
        if len(parts) == 2 and parts[1].startswith(prefix):
            out.append(parts[1][len(prefix):])
    return out


@pytest.mark.parametrize(("qid", "answer", "words"), WRONG, ids=[f"{q}={a}" for q, a, _ in WRONG])
def test_an_answers_file_and_an_example_refuse_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     qid: str, answer: str, words: str) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK.replace("{ANSWER}", f"{{{qid}: {answer}}}"), encoding="utf-8")
    assert main(["validate", str(bank)]) == 1
    from_example = _refusals(capsys.readouterr().err, "examples.0.answers.")

    good = tmp_path / "good.yaml"
    good.write_text(BANK.replace("{ANSWER}", "{}"), encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"{qid}: {answer}\n", encoding="utf-8")
    assert main(["score", str(good), "--answers", str(answers), "--partial"]) == 1
    from_file = _refusals(capsys.readouterr().err, "")

    assert len(from_example) == 1, from_example
    assert from_file == from_example
    assert from_file[0].startswith(qid) and words in from_file[0]
    assert not PYTHON_REPR.search(from_file[0]), from_file[0]
    assert "example" not in from_file[0] and "bank" not in from_file[0]


def test_the_bank_and_the_answers_are_sound_without_the_wrong_answer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK.replace("{ANSWER}", "{level: 2, pick: red, ticks: [a, b], fact: false, "
                                             "note: short}"), encoding="utf-8")
    assert main(["validate", str(bank)]) == 0
    answers = tmp_path / "answers.yaml"
    answers.write_text("level: 2\npick: red\nticks: [a, b]\nfact: false\nnote: short\n",
                       encoding="utf-8")
    assert main(["score", str(bank), "--answers", str(answers)]) == 0
    capsys.readouterr()


def test_a_person_is_told_what_to_do_in_their_words_never_an_id() -> None:
    """The words a screen (the app, plain mode, the room page) says for a refused answer."""
    from quiz.bank.answer_rules import person_words
    from quiz.bank.model import DECLINED, Option, Question

    ticks = Question("ticks", "multiple", "Which apply?", "", 0, min_choices=1, prefer_not_to_say=True,
                     options=(Option("a", "Apples"), Option("b", "Bread"),
                              Option("none", "None of these", exclusive=True)))
    assert person_words(ticks, ["a"]) == ""
    assert person_words(ticks, []) == "Tick at least one answer, or choose \u201cPrefer not to say\u201d."
    assert person_words(ticks, ["a", "none"]) == ("\u201cNone of these\u201d is ticked on its own: untick it, "
                                                  "or untick the others.")
    one = Question("one", "single", "Pick", "", 0, options=(Option("x", "X"),))
    assert person_words(one, DECLINED).startswith("This question does not offer")
    assert person_words(one, "y") == "Choose one answer from the list."
    for words in (person_words(ticks, []), person_words(ticks, ["a", "none"]), person_words(one, "y")):
        assert "`" not in words and "ticks" not in words.lower().replace("tick ", "")
