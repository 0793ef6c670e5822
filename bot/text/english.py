"""English words in their dictionary forms: simplemma, its English dictionary loaded once per process.

Why simplemma: it is maintained, pure Python with no dependencies, and its English dictionary is small (measured
in docs/measurements.md, "Crisis screen": about 30 MB of resident memory unpacked, about 3 MB read from its
compressed stream as we do; 0.1 s to load, well under a microsecond a word once cached). The crisis screen's
English forms (``bot.safety.english``) and the distress phrases' dictionary forms (``bot.search.distress``) read the
same dictionary.
"""

from __future__ import annotations

from functools import lru_cache, partial


@lru_cache(maxsize=1)
def _simplemma() -> tuple[object, object]:
    import simplemma  # imported here: its English dictionary is loaded once, on first use

    # low_memory: the same dictionary read from its compressed stream on demand instead of unpacked into a dict;
    # the same answers for every word (checked over the whole dictionary), ~3 MB of memory instead of ~20 MB, and
    # ~14 µs per new word, which the caches below pay once per word.
    return partial(simplemma.lemmatize, low_memory=True), partial(simplemma.is_known, low_memory=True)


def warm_up() -> None:
    """Load the dictionary now (at start-up), so the first message of a patient does not wait for it."""
    lemma("testing")


@lru_cache(maxsize=65_536)
def lemma(word: str) -> str:
    """The dictionary form of one lower-case word (the word itself when it has none)."""
    lemmatize, _ = _simplemma()
    found = lemmatize(word, lang="en")  # type: ignore[operator]
    return str(found).casefold()


@lru_cache(maxsize=65_536)
def known(word: str) -> bool:
    """True when the word is an English word form the dictionary knows."""
    _, is_known = _simplemma()
    return bool(is_known(word, lang="en"))  # type: ignore[operator]
