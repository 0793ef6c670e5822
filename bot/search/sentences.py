"""Is a typed message a question? Used to tell a question from an answer (application) or a statement (distress).

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


def looks_like_question(text: str) -> bool:
    """A question mark, a Japanese question ending (ですか, かな) or an English question opening ("can I ...")."""
    folded = fold(text).strip()
    if not folded:
        return False
    if "?" in folded:
        return True
    bare = _PUNCTUATION.sub("", folded)
    if bare.endswith(_JA_QUESTION_ENDINGS):
        return True
    words = " ".join(_PUNCTUATION.sub(" ", jaconv.kata2hira(folded)).split()).split()
    return len(words) >= 3 and words[0] in _EN_QUESTION_STARTS and words[1] != "not"
