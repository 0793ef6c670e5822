"""Messages cut into sentences, and English sentences into the tokens the rules read.

The context of a finding (who is at risk, whether it is a question about the topic) is read inside its
sentence, so the English view, which drops punctuation, is built per sentence here.
"""

from __future__ import annotations

import re

from bot.safety.english import EnglishForms
from bot.safety.normalize import english_views
from bot.safety.rules import Token

_SENTENCE_END = re.compile(r"[。．！？?\n;…]+|(?<![a-z])!+|!+(?![a-z])|\.(?!\d)")
"""A ``!`` between two letters ends no sentence: it stands for an i (``d!e``, ``su!cide``)."""
_DOTTED = re.compile(r"(?<![a-z.\-])(?:[a-z][.\-]){2,}[a-z](?![a-z])")
"""Single letters with dots or dashes between them (``s.u.i.c.i.d.a.l``, ``k-i-l-l``): one word spelt out."""


QUESTION_MARK = "?"
"""The form of a boundary token that ends a question (the rules' context reads it)."""


def sentences(folded: str) -> list[tuple[str, bool]]:
    """The folded message cut after each sentence end (a dot inside a number such as 0.1 is no end), each with
    whether it ended with a question mark."""
    out: list[tuple[str, bool]] = []
    pos = 0
    if "." in folded or "-" in folded:
        folded = _DOTTED.sub(lambda m: m.group().replace(".", "").replace("-", ""), folded)
    for end in _SENTENCE_END.finditer(folded):
        text = folded[pos:end.start()].strip()
        if text:
            out.append((text, "?" in end.group()))
        pos = end.end()
    if folded[pos:].strip():
        out.append((folded[pos:].strip(), False))
    return out


def english_tokens(view: str, question: bool = False, forms: EnglishForms | None = None) -> list[Token]:
    """The words of an English view (``" i do not want to live "``), each knowing where it starts, and a closing
    boundary (marked when the sentence was a question). In a joined view (``english_text``) the words ``.`` and
    ``?`` end sentences. With ``forms``, each word also carries its dictionary and corrected forms
    (``bot.safety.english``)."""
    out: list[Token] = []
    pos = 0
    for word in view.split():
        pos = view.index(word, pos)
        if word in _ENDS:
            out.append(Token((QUESTION_MARK,) if word == QUESTION_MARK else (), boundary=True, start=pos))
        else:
            out.append(Token(forms.forms(word) if forms else (word,), start=pos))
        pos += len(word)
    if not out or not out[-1].boundary:
        out.append(Token((QUESTION_MARK,) if question else (), boundary=True, start=len(view)))
    return out


_ENDS = frozenset({".", QUESTION_MARK})


def english_sentence_views(folded: str) -> list[tuple[tuple[str, ...], bool]]:
    """Per sentence with Latin letters, its English views (one, or two when a 1 may be an i or an l), and
    whether it was a question."""
    return [(views, question) for sentence, question in sentences(folded) if (views := english_views(sentence))]


def english_text(folded: str) -> tuple[str, list[str]]:
    """All English sentences as one view, each closed by `` . `` or `` ? `` (no phrase spans a sentence end, and
    one search reads them all), and the second views of sentences where a 1 may be an l."""
    parts: list[str] = []
    others: list[str] = []
    for views, question in english_sentence_views(folded):
        parts.append(views[0] + (QUESTION_MARK if question else "."))
        others.extend(view + (QUESTION_MARK if question else ".") for view in views[1:])
    return "".join(parts) + (" " if parts else ""), others
