"""Is a typed message a question? Used to tell a question from an answer (application) or a statement (distress),
and the parts of a long message that ask something from the parts that tell the story.

Deliberately simple and explicit: a question mark, a Japanese question ending, or an English question opening.
"""

from __future__ import annotations

import re

import jaconv

from bot.search.normalize import fold

_PUNCTUATION = re.compile(r"[\s、。，,．.!！?？…・〜~ー\-「」『』()（）\"'“”]+")
_JA_QUESTION_ENDINGS = ("ですか", "ますか", "でしょうか", "のか", "かな", "かね", "っけ", "でしょう", "いいの",
                        "ますかね", "ませんか", "のでしょう")
_EN_QUESTION_STARTS = frozenset([
    "what", "how", "why", "where", "when", "which", "who", "whose", "can", "could", "should", "would", "will", "do",
    "does", "did", "is", "are", "am", "may", "might", "shall",
])


_JA_REQUEST_ENDINGS = ("知りたい", "知りたいです", "教えて", "教えてください", "教えてほしい", "教えてほしいです",
                       "聞きたい", "聞きたいです", "気になります", "気になる", "お願いします")
_JA_FOLLOW_ON = ("あと", "それと", "それから", "また", "ついでに")
_EN_REQUEST_STARTS = ("i would like to know", "i want to know", "i wonder", "wondering", "tell me", "please tell",
                      "also", "and also", "plus", "another question", "i would like to ask", "i want to ask",
                      "i was wondering", "i am wondering", "just wondering", "was wondering", "i wanted to know",
                      "i need to know", "i would love to know", "i would like to find out", "i want to find out",
                      "what i want to know is", "my question is", "the question is")
_EN_LEAD_INS = frozenset(["so", "and", "but", "anyway", "anyways", "well", "ok", "okay", "now", "then", "basically",
                          "honestly", "hi", "hello", "hey", "sorry", "um", "erm", "oh"])
"""Words a clause often opens with before its question ("..., so I'd like to know if TMS hurts"; "anyway, how
long is a session"): they are skipped before the opening is read."""


def looks_like_request(text: str) -> bool:
    """A question asked as a request or a follow-on (「費用も知りたいです」, "tell me about ...", 「あと副作用も」)."""
    folded = fold(text).strip()
    bare = _PUNCTUATION.sub("", folded)
    if bare.startswith(_JA_FOLLOW_ON) or bare.endswith(_JA_REQUEST_ENDINGS):
        return True
    words = " ".join(_without_lead_ins(_PUNCTUATION.sub(" ", folded).split()))
    return words.startswith(_EN_REQUEST_STARTS)


def _without_lead_ins(words: list[str]) -> list[str]:
    """The words after the lead-ins that open them (at most two: "ok so how long ...")."""
    skipped = 0
    while skipped < 2 and len(words) > skipped + 1 and words[skipped] in _EN_LEAD_INS:
        skipped += 1
    return words[skipped:]


def looks_like_question(text: str) -> bool:
    """A question mark, a Japanese question ending (ですか, かな) or an English question opening ("can I ...",
    also after a lead-in: "so how long does it take")."""
    folded = fold(text).strip()
    if not folded:
        return False
    if "?" in folded:
        return True
    bare = _PUNCTUATION.sub("", folded)
    if bare.endswith(_JA_QUESTION_ENDINGS):
        return True
    words = _without_lead_ins(" ".join(_PUNCTUATION.sub(" ", jaconv.kata2hira(folded)).split()).split())
    return len(words) >= 3 and words[0] in _EN_QUESTION_STARTS and words[1] != "not"
