"""The words for where the person is, on the intro, questions, section notes and reveals; the counting
rule itself is the engine's (`quiz.engine.count`), shared with plain mode, the review and the launcher."""

from __future__ import annotations

from quiz.bank.model import Question
from quiz.engine.count import counted, is_check, place
from quiz.engine.session import Session

__all__ = ["next_one", "section_place", "where"]


def where(session: Session, q: Question) -> tuple[str, float]:
    """("Question 3 of up to 20", the fraction of the bank behind the person) for question `q`,
    counting it as done once it has an answer; ("", 0.0) for a question before the count."""
    if is_check(q):
        return "", 0.0
    at = place(session, q)
    # The bar follows the bank's order, not the number: questions the answers hide are passed, so
    # the bar is full at the last question however many were hidden.
    order = [v.id for v in counted(session.bank)]
    behind = order.index(q.id) if q.id in order else 0
    done = (behind + (1 if q.id in session.answers else 0)) / at.total if at.total else 0.0
    return at.label, done


def next_one(session: Session) -> str:
    """Where the person is before a section's first question: "before question 4 of up to 20"."""
    q = session.current()
    if q is None:
        return ""
    label, _done = where(session, q)
    if not label:
        return ""
    return "before " + label[0].lower() + label[1:]


def section_place(session: Session, section_id: str) -> str:
    """"Section 2 of 5, before question 4 of up to 20" for a section's content note."""
    ids = [s.id for s in session.bank.sections]
    at = f"Section {ids.index(section_id) + 1} of {len(ids)}" if section_id in ids else "Section"
    after = next_one(session)
    return f"{at}, {after}" if after else at
