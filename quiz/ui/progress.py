"""Where the person is in a bank, said the same way on the intro, questions, section notes and reveals.

A question that can end the bank (an age check) comes before the count and shows no number, so a
bank of eighteen statements counts eighteen. When answers can show or hide questions, the count is
"of up to N", N every question the bank has, as the intro says: it never grows or shrinks while the
person answers, so the number and the bar only ever move forward.
"""

from __future__ import annotations

from quiz.bank.model import Bank, Question
from quiz.engine.session import Session

BEFORE = ""
"""What a question that can end the bank shows in place of its number: nothing (its section says
what it is), so the count starts at the first question that counts."""


def is_check(q: Question) -> bool:
    """A question with an answer that ends the bank (an age check): asked before the count starts."""
    return any(o.end for o in q.options)


def counted(bank: Bank) -> list[Question]:
    """The questions the count is made of, in the bank's order."""
    return [q for q in bank.questions if not is_check(q)]


def varies(bank: Bank) -> bool:
    """Whether answers can show or hide questions (so the count is an upper bound)."""
    return any(q.show_if is not None for q in bank.questions) or any(
        s.show_if is not None for s in bank.sections)


def noun(bank: Bank, plural: bool = True) -> str:
    """"statements" for a bank of true/false statements only, else "questions"."""
    statements = all(q.kind == "statement" for q in counted(bank))
    word = "statement" if statements else "question"
    return word + "s" if plural else word


def length(bank: Bank) -> str:
    """How long the bank is, as the intro says it: "18 statements", "up to 20 questions"."""
    total = len(counted(bank))
    return f"{'up to ' if varies(bank) else ''}{total} {noun(bank, total != 1)}"


def where(session: Session, q: Question) -> tuple[str, float]:
    """("Question 3 of up to 20", the fraction of the bank behind the person) for question `q`,
    counting it as done once it has an answer."""
    bank = session.bank
    if is_check(q):
        return BEFORE, 0.0
    order = [v.id for v in counted(bank)]
    seen = [v.id for v in session.visible if not is_check(v)]
    n = seen.index(q.id) + 1 if q.id in seen else len(seen) + 1
    total = len(order)
    place = order.index(q.id) if q.id in order else 0
    done = (place + (1 if q.id in session.answers else 0)) / total if total else 0.0
    label = f"{noun(bank, False).capitalize()} {n} of {'up to ' if varies(bank) else ''}{total}"
    return label, done


def next_one(session: Session) -> str:
    """Where the person is before a section's first question: "before question 4 of up to 20"."""
    q = session.current()
    if q is None:
        return ""
    label, _done = where(session, q)
    if label == BEFORE:
        return ""
    return "before " + label[0].lower() + label[1:]


def section_place(session: Session, section_id: str) -> str:
    """"Section 2 of 5, before question 4 of up to 20" for a section's content note."""
    ids = [s.id for s in session.bank.sections]
    place = f"Section {ids.index(section_id) + 1} of {len(ids)}" if section_id in ids else "Section"
    after = next_one(session)
    return f"{place}, {after}" if after else place
