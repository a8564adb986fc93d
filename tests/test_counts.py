"""One counting rule: an age check is not counted, "up to N" where answers hide questions, and plain
mode's intro, questions and review say the same numbers for every shipped bank."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from quiz.bank.check import load_bank
from quiz.engine.count import answered_words, counted, is_check, length, place, varies
from quiz.engine.flow import Ask, Flow
from quiz.engine.session import Session
from quiz.paths import shipped_banks
from quiz.plain import PlainRunner

from .test_plain import first_answers

LABEL = re.compile(r"^(Question|Statement) (\d+) of (up to )?(\d+)$", re.MULTILINE)
ANSWERED = re.compile(r"(\d+) of (\d+) (questions?|statements?) answered\.")


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_the_count_leaves_out_the_age_check(path: Path) -> None:
    bank = load_bank(path)
    checks = [q for q in bank.questions if is_check(q)]
    assert len(checks) == 1  # every shipped bank opens with one
    total = len(bank.questions) - 1
    assert len(counted(bank)) == total
    if all(q.kind == "statement" for q in counted(bank)):
        assert length(bank) == f"{total} statements"
    else:
        assert length(bank) == f"{'up to ' if varies(bank) else ''}{total} questions"
    session = Session(bank)
    assert place(session, checks[0]).number == 0 and place(session, checks[0]).label == ""


def test_myths_facts_counts_its_eighteen_statements() -> None:
    bank = load_bank(next(p for p in shipped_banks() if p.stem == "myths-facts"))
    statements = sum(1 for q in bank.questions if q.kind == "statement")
    assert length(bank) == f"{statements} statements"
    if "Eighteen" in bank.description:  # what the bank says of itself agrees with the count
        assert statements == 18


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_the_flow_numbers_questions_by_the_rule(path: Path) -> None:
    bank = load_bank(path)
    flow = Flow(Session(bank))
    step = flow.begin()
    numbers = []
    for reply in first_answers(bank):
        while not isinstance(step, Ask):
            step = flow.go_on()
        assert step.total == len(counted(bank)) and step.up_to is varies(bank)
        numbers.append(step.number)
        q = step.question
        value = q.choices()[int(reply) - 1][0] if reply else ""
        step = flow.answer([value] if q.kind == "multiple" else value)
    assert numbers[0] == 0  # the age check
    assert numbers[1:] == list(range(1, len(numbers)))  # then 1, 2, 3 ... never backwards


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_plain_mode_says_the_same_count_on_intro_questions_and_review(path: Path) -> None:
    bank = load_bank(path)
    out = io.StringIO()
    runner = PlainRunner(bank, io.StringIO("".join(r + "\n" for r in first_answers(bank)) + "\n"), out)
    assert runner.run() == 0
    text = out.getvalue()
    total = len(counted(bank))
    intro = text.splitlines()[1]
    assert intro.lower().startswith(length(bank) + ",")
    labels = LABEL.findall(text[:text.index("Results:")])
    assert labels, "no numbered question"
    assert labels[0][1] == "1"
    assert {int(t) for *_x, t in labels} == {total}
    assert {bool(u) for _n, _k, u, _t in labels} == {varies(bank)}
    assert {n.lower() for n, *_x in labels} == {length(bank).split()[-1][:-1]}
    asked = max(int(n) for _k, n, _u, _t in labels)
    review = ANSWERED.search(text)
    assert review is not None
    assert review.group(0) == answered_words(runner.session).split(" (")[0]
    assert int(review.group(1)) == int(review.group(2)) == asked <= total
    if asked < total:
        assert f"{total - asked} of the bank's {total} do" in text
