"""The condition language of `show_if` and `when`: parse once, check names, evaluate with reasons."""

from quiz.conditions.nodes import (
    And,
    Compare,
    ConditionError,
    Includes,
    InList,
    Measure,
    Node,
    Not,
    Or,
    Predicate,
    Reference,
)
from quiz.conditions.parser import parse

__all__ = [
    "And", "Compare", "ConditionError", "Includes", "InList", "Measure", "Node", "Not", "Or",
    "Predicate", "Reference", "parse",
]
