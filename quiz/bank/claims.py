"""Finds sentences of a suggestion's `because` that claim what the person answered."""

from __future__ import annotations

import re

# A sentence that states what this person said or is ("You said ...", "You are single", "Your answer
# ...") can be false for the person reading it: the condition may hold through another part. Such a
# sentence is replaced by reasons generated from the answers. "You may want ..." and the like give
# advice, not a claim, so they stay.
_ADVICE = ("may", "might", "can", "could", "will", "would", "should", "need", "deserve", "do not have to",
           "don't have to", "are welcome", "are not alone")
_CLAIM = re.compile(
    r"^[\"'\u201c(]*(?:you(?!\s+(?:" + "|".join(re.escape(w) for w in _ADVICE) + r")\b)\b(?:'ve|'re)?\s+\w+"
    r"|your\s+answers?\b)",
    re.IGNORECASE,
)
_SAID = re.compile(r"\byou\s+(?:said|answered|chose|ticked|picked|selected|mentioned|told|indicated|"
                   r"reported|missed|confirmed)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d)]*\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a short text, each with its closing punctuation, whitespace collapsed."""
    flat = " ".join(text.split())
    if not flat:
        return []
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(flat):
        out.append(flat[start:m.end()].strip())
        start = m.end()
    out.append(flat[start:].strip())
    return [s for s in out if s]


def is_claim(sentence: str) -> bool:
    """Whether a sentence claims what the person answered or is ("You said ...", "You are single")."""
    return bool(_CLAIM.match(sentence) or _SAID.search(sentence))


def claims(text: str) -> list[str]:
    """The sentences of `text` that claim what the person answered, in order."""
    return [s for s in sentences(text) if is_claim(s)]


def without_claims(text: str) -> str:
    """`text` with its claiming sentences dropped ("" when every sentence claims); unchanged when none do."""
    parts = sentences(text)
    kept = [s for s in parts if not is_claim(s)]
    if len(kept) == len(parts):
        return text
    return " ".join(kept)
