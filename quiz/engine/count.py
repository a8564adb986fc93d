"""How many questions a bank has and where a person is among them: one rule for every front end.

A question that can end the bank (an age check) comes before the count and has no number, so a bank
of eighteen statements and an age check counts eighteen everywhere: the launcher, the intro, each
question, the reveal, the review and plain mode. When answers can show or hide questions, the total is
"up to N", N every counted question of the bank: it never grows or shrinks while the person answers,
so the numbers only ever move forward and never pass the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.model import Bank, Question
from quiz.engine.session import Session

__all__ = ["Place", "answered_words", "counted", "is_check", "length", "noun", "place", "varies"]


def is_check(q: Question) -> bool:
    """A question with an answer that ends the bank (an age check): asked before the count starts."""
    return any(o.end for o in q.options)


def counted(bank: Bank) -> list[Question]:
    """The questions the count is made of, in the bank's order."""
    return [q for q in bank.questions if not is_check(q)]


def varies(bank: Bank) -> bool:
    """Whether answers can show or hide questions (so the total is an upper bound, "up to N")."""
    return any(q.show_if is not None for q in bank.questions) or any(
        s.show_if is not None for s in bank.sections)


def noun(bank: Bank, plural: bool = True) -> str:
    """"statements" for a bank of true/false statements only, else "questions"."""
    statements = all(q.kind == "statement" for q in counted(bank))
    word = "statement" if statements else "question"
    return word + "s" if plural else word


def length(bank: Bank) -> str:
    """How long the bank is, said the same way by the launcher, the intro and plain mode:
    "18 statements", "up to 19 questions"."""
    total = len(counted(bank))
    return f"{'up to ' if varies(bank) else ''}{total} {noun(bank, total != 1)}"


@dataclass(frozen=True)
class Place:
    """Where one question sits in the count."""

    number: int
    """1-based place among the counted questions shown for the answers so far; 0 for a question
    before the count (an age check), which shows no number."""
    total: int
    """Every counted question of the bank."""
    up_to: bool
    """The total is an upper bound: answers can hide questions."""
    noun: str
    """"question" or "statement"."""

    @property
    def label(self) -> str:
        """"Statement 3 of 18", "Question 3 of up to 19"; empty before the count."""
        if not self.number:
            return ""
        return f"{self.noun.capitalize()} {self.number} of {'up to ' if self.up_to else ''}{self.total}"


def place(session: Session, q: Question) -> Place:
    """Where question `q` sits for the session's answers (a question not shown now counts as the next
    one after those shown)."""
    bank = session.bank
    shown = [v.id for v in session.visible if not is_check(v)]
    if is_check(q):
        n = 0
    else:
        n = shown.index(q.id) + 1 if q.id in shown else len(shown) + 1
    return Place(n, len(counted(bank)), varies(bank), noun(bank, False))


def answered_words(session: Session) -> str:
    """How many of the counted questions shown have an answer, said the same way by the app's review
    and plain mode: "18 of 18 statements answered.", with the questions the answers left out named
    when there are any, so the figure never seems to disagree with "up to N"."""
    bank = session.bank
    shown = [q for q in session.visible if not is_check(q)]
    done = sum(1 for q in shown if q.id in session.answers)
    total = len(counted(bank))
    words = f"{done} of {len(shown)} {noun(bank, len(shown) != 1)} answered."
    if len(shown) < total:
        left_out = total - len(shown)
        verb = "does" if left_out == 1 else "do"
        words += f" ({left_out} of the bank's {total} {verb} not apply to your answers.)"
    return words
