"""Example answers as static facts of a bank: each answer one a person could give, none hidden by the
example's own answers (walked as a person would, with quiz.conditions; the bank stage has no engine)."""

from __future__ import annotations

from typing import Any

from quiz.bank.answer_rules import Refusal, judge, sketch
from quiz.bank.facts import Facts, QInfo, dicts
from quiz.bank.loader import Document, Path_
from quiz.bank.model import Question
from quiz.errors import Problem


def example_answer_problems(doc: Document, facts: Facts) -> list[Problem]:
    """Example answers the bank cannot take: an option it does not offer, a scale value out of range, a
    value of the wrong type, or an answer to a question the example's own answers hide.

    Examples may leave questions out (they are scored as partial data); what they do answer must be an
    answer a person could give. Located at the answer's line.
    """
    out: list[Problem] = []
    sketches: dict[str, Question | None] = {}
    for i, ex in dicts(doc.data.get("examples")):
        answers = ex.get("answers")
        if not isinstance(answers, dict):
            continue
        base: Path_ = ("examples", i, "answers")
        usable: dict[str, Any] = {}
        for qid, value in answers.items():
            q = facts.questions.get(qid) if isinstance(qid, str) else None
            if q is None:
                continue  # an unknown question is reported by check_examples
            if qid not in sketches:
                sketches[qid] = sketch(q.data, facts.scales)
            question = sketches[qid]
            if question is None:  # the question itself is broken, and reported where it is defined
                usable[qid] = value
                continue
            got = judge(question, value)
            if isinstance(got, Refusal):
                out.append(doc.problem(base + (qid, *got.at), got.message, got.hint))
            else:
                usable[qid] = got
        for qid, why in _hidden(facts, usable):
            out.append(doc.problem(base + (qid,), f"`{qid}` is answered but hidden by the example's other "
                                   f"answers: {why}", "remove the answer, or change the answers it depends on",
                                   key=True))
    return out


class _Seen:
    """What a condition reads while an example is walked: its answers so far and the questions shown."""

    def __init__(self) -> None:
        self.answers: dict[str, Any] = {}
        self.visible: set[str] = set()

    def score(self, dim: str) -> int | None:
        raise AssertionError("conditions on scores are not evaluated here")  # _hidden never asks

    def band_index(self, dim: str) -> int | None:
        raise AssertionError("conditions on bands are not evaluated here")

    def flagged(self, flag: str) -> bool:
        raise AssertionError("conditions on flags are not evaluated here")


def _hidden(facts: Facts, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(question, why) for each answer the other answers hide, walking the bank as a person would.

    Conditions on scores or bands need the engine's scoring, which the bank stage does not have: the walk
    stops at the first such condition, and `quiz test` checks the rest by scoring the example.
    """
    from quiz.conditions.compile import compile_node
    from quiz.conditions.nodes import flag_references, references

    statements = {qid: q.data["answer"] for qid, q in facts.questions.items()
                  if q.kind == "statement" and isinstance(q.data.get("answer"), bool)}
    seen = _Seen()
    out: list[tuple[str, str]] = []
    reached: set[str] = set()  # the questions walked so far, shown or not

    def holds(path: Path_) -> bool | None:
        node = facts.conditions.get(path)
        if node is None:
            return True
        # A condition on a later question is its own problem, reported elsewhere: the walk stops there.
        if any(r.kind != "question" or r.name not in reached for r in references(node)) \
                or flag_references(node):
            return None
        return compile_node(node, {}, statements)(seen)

    by_section: dict[int, list[QInfo]] = {}
    for q in sorted(facts.questions.values(), key=lambda q: q.order):
        by_section.setdefault(q.section, []).append(q)
    ended_at = ""
    for si, qs in sorted(by_section.items()):
        shown_section = holds(("sections", si, "show_if"))
        if shown_section is None:
            return out
        for q in qs:
            qid = str(q.data.get("id"))
            if ended_at:
                why = f"`{ended_at}`'s answer ended the bank"
            elif not shown_section:
                why = f"its section's condition `{q_text(facts, ('sections', si, 'show_if'))}` does not hold"
            else:
                visible = holds(q.path + ("show_if",))
                if visible is None:
                    return out
                why = "" if visible else f"its condition `{q_text(facts, q.path + ('show_if',))}` does not hold"
            reached.add(qid)
            if why:
                if qid in answers:
                    out.append((qid, why))
                continue
            seen.visible.add(qid)
            if qid in answers:
                seen.answers[qid] = answers[qid]
                ends = {o.get("value") for _, o in dicts(q.data.get("options")) if o.get("end")}
                if isinstance(answers[qid], str) and answers[qid] in ends:
                    ended_at = qid
    return out


def q_text(facts: Facts, path: Path_) -> str:
    """The condition at `path` as the checks parsed it, written back as text."""
    from quiz.conditions.nodes import unparse

    return unparse(facts.conditions[path])
