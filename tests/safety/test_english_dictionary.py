"""The English lemma dictionary is read from its compressed stream (``low_memory``) to save memory: it must give
the answers the unpacked dictionary gives, for dictionary words and for the inflected and misspelt words patients
type."""

from __future__ import annotations

import itertools

import simplemma
from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

from bot.safety.english import _simplemma, known, lemma


def test_the_screen_reads_the_dictionary_from_its_stream() -> None:
    lemmatize, is_known = _simplemma()
    assert getattr(lemmatize, "keywords", {}) == {"low_memory": True}
    assert getattr(is_known, "keywords", {}) == {"low_memory": True}


def test_stream_and_unpacked_dictionary_agree() -> None:
    entries = DEFAULT_DICTIONARY_FACTORY.get_dictionary("en")
    words = [w.casefold() for w in itertools.islice(entries, 0, None, 90)]  # ~2,000 spread over the whole range
    words += [w + suffix for w in words[:400] for suffix in ("s", "ed", "ing", "in")] + [w[:-1] for w in words[:400]]
    words += ["took", "swallowed", "pills", "killing", "dyin", "nothin", "wnat", "hopeless"]
    differ = [w for w in words if w and (lemma(w) != simplemma.lemmatize(w, lang="en").casefold()
                                         or known(w) != simplemma.is_known(w, lang="en"))]
    assert differ == []
