"""English word handling for matching: a light suffix stemmer and the words that carry no meaning for us.

The stemmer only has to make "sessions", "session" and "sessioned" meet, and it must do the same thing to the
FAQ's example questions and to what a patient types; it is deliberately simple (no dictionary, no dependency).
Both sides go through it, so an odd stem such as "rtms" -> "rtm" is harmless.
"""

from __future__ import annotations

import re
from functools import lru_cache

_IRREGULAR = {
    "does": "do", "did": "do", "done": "do", "doing": "do",
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be",
    "has": "have", "had": "have", "having": "have",
    "children": "child", "women": "woman", "men": "man", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "mitochondria": "mitochondrion", "took": "take", "taken": "take", "felt": "feel",
    "better": "good", "worse": "bad", "went": "go", "gone": "go", "ran": "run", "paid": "pay",
    "this": "this", "his": "his", "its": "its", "us": "us", "yes": "yes", "gas": "gas", "bus": "bus",
}
_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    # (suffix, replacement, shortest stem kept)
    ("iveness", "", 4),
    ("fulness", "", 4),
    ("ousness", "", 4),
    ("ational", "ate", 4),
    ("ements", "", 4),
    ("ement", "", 4),
    ("ments", "", 4),
    ("ment", "", 4),
    ("ness", "", 4),
    ("ingly", "", 4),
    ("ities", "", 4),
    ("ity", "", 4),
    ("ives", "", 4),
    ("ive", "", 4),
    ("ies", "y", 3),
    ("ied", "y", 3),
    ("ing", "", 3),
    ("edly", "", 4),
    ("ed", "", 3),
    ("ly", "", 4),
    ("sses", "ss", 2),
    ("ss", "ss", 2),
    ("us", "us", 2),
    ("is", "is", 2),
    ("s", "", 3),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Strip one common English suffix and a final 'e': therapies -> therapy, stimulating -> stimulat."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if not word.isalpha() or len(word) <= 3:
        return word
    for suffix, replacement, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] in "bdgmnprt":
        word = word[:-1]  # stopped -> stopp -> stop
    return word


STOPWORDS = frozenset(stem(w) for w in [
    "a", "an", "the", "and", "or", "but", "if", "so", "as", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "per", "about", "into", "over", "than", "then", "there", "here", "i", "me", "my",
    "mine", "myself", "you", "your", "yours", "we", "our", "ours", "they", "them", "their", "he", "him",
    "she", "her", "it", "its", "this", "that", "these", "those", "is", "are", "am", "be", "was", "were",
    "been", "being", "do", "does", "did", "done", "have", "has", "had", "having", "can", "could", "would",
    "should", "will", "shall", "may", "might", "must", "what", "which", "whom", "whose", "how", "please",
    "tell", "know", "want", "wanted", "like", "let", "just", "also", "really", "very", "ok", "okay", "hi",
    "hello", "hey", "thanks", "thank", "any", "some", "something", "anything", "get", "got", "give", "say",
    "said", "whether", "im", "ive", "id", "not", "no",
])
"""Words too common to tell one question from another ("what is the ..."). Question words that do decide
the topic stay: where, when, why, long, often, many, much."""


FILLERS = frozenset(stem(w) for w in [
    "exactly", "actually", "really", "basically", "just", "still", "even", "maybe", "perhaps", "currently",
    "quite", "please", "kindly", "also",
])
"""Words dropped before synonyms are matched, so "what exactly is" still reads as "what is"."""


CHAT_SPELLINGS = {
    "hw": "how", "wat": "what", "wht": "what", "r": "are", "u": "you", "ur": "your", "pls": "please",
    "plz": "please", "w": "with", "wk": "week", "wks": "weeks", "wkly": "weekly", "mo": "month", "mos": "months",
    "yr": "year", "yrs": "years", "yo": "years old", "mins": "minutes", "hr": "hour",
    "hrs": "hours", "tx": "treatment", "ppl": "people", "abt": "about", "b4": "before", "info": "information",
    "x": "times", "thx": "thanks", "bc": "because", "cuz": "because", "govt": "government", "gov": "government",
    "appt": "appointment", "dr": "doctor", "doc": "doctor", "insur": "insurance", "med": "medication",
    "approx": "about", "tmrw": "tomorrow", "2day": "today", "num": "number", "preg": "pregnant",
    "sched": "schedule", "wknd": "weekend", "wkend": "weekend", "hosp": "hospital",
    "dept": "department", "psych": "psychiatrist", "anesth": "anesthesia", "sfx": "side effects", "fx": "effects",
    "sidefx": "side effects", "freq": "frequency", "yrold": "year old", "yrolds": "year olds",
    "addr": "address", "shld": "should", "shd": "should", "hav": "have", "mths": "months", "mnths": "months",
    "wut": "what", "wot": "what", "coz": "because", "bcuz": "because", "sesh": "session", "seshs": "sessions",
    "thru": "through",
}
CHAT_SIGNS = {"w/o": " without ", "w/": " with ", "y/n": " ", "b/c": " because "}
"""Chat signs read as words before the text is cut into words ("any tx w/o meds?")."""
"""Chat spellings patients type on a phone (folded, before stemming): "hw many x a wk" reads "how many times a week".
Only words that are never English words in their own right here (no "fit", "ill", "can")."""


def chat_spelling(word: str) -> list[str]:
    """The words a chat spelling stands for ("yo" -> ["years", "old"]), or the word itself."""
    spelt = CHAT_SPELLINGS.get(word)
    return spelt.split() if spelt is not None else [word]


_SIGNS = re.compile("|".join(re.escape(sign) for sign in sorted(CHAT_SIGNS, key=len, reverse=True)), re.I)


def chat_signs(text: str) -> str:
    """``text`` with chat signs spelt out (w/o -> without)."""
    return _SIGNS.sub(lambda found: CHAT_SIGNS[found.group(0).lower()], text) if "/" in text else text


_DOES_TYPED_DOSE = re.compile(
    r"\bdose(?= (?:it|this|that|tms|insurance|exosomes?|he|she|they|you|my|your|the (?:treatment|clinic|drip|"
    r"infusion|insurance|course|session|programme|program))\b)", re.I)
""""dose" before the subject of a question is "does" typed with its letters swapped ("how much dose it cost", "dose
tms hurt"): read as "dose", it made the question one about the exosome dose. "what dose of", "the dose is" stay."""


def does_typed_dose(text: str) -> str:
    """``text`` with "dose" read as "does" where a subject follows it."""
    return _DOES_TYPED_DOSE.sub("does", text) if "dose" in text.lower() else text


def is_stopword(stemmed: str) -> bool:
    return stemmed in STOPWORDS or stemmed in FILLERS


def is_filler(stemmed: str) -> bool:
    return stemmed in FILLERS
