"""The project's one Japanese analyser: SudachiPy with its small dictionary, loaded once per process.

Why this analyser: rules must meet ``死ぬ`` in 死にたい, 死にとうなる, 死のっかな and しにたい, and dialect
auxiliaries (〜ねん, 〜けん, 〜へん, 〜てまう) must stay separate words. Sudachi's normalised form also folds
spelling variants (溜める/ためる, 居る/いる). Measured (docs/measurements.md, "Crisis screen"): the small dictionary
adds about 50 MB of resident memory once loaded and about 100 MB after a long article has touched its pages (the core
dictionary 100/190 MB, fugashi with unidic-lite 25/200 MB), loads in 0.02 s and tokenises a sentence in ~15 µs.

The dictionary is memory-mapped and loaded once per process, on first use (``warm_up`` at start-up), not per
content reload; the crisis screen's tokens (``bot.safety.japanese``) and the matcher's dictionary forms
(``bot.search.distress``) read the same tokenizer. Texts are analysed in chunks under Sudachi's input limit.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

import jaconv

CHUNK_CHARS = 1_000
"""Sudachi refuses inputs over 49,149 bytes; a chunk of 1,000 characters is at most 3,000 bytes of UTF-8."""
BOUNDARY = re.compile(r"[。．.!?！？\n…]+")
"""A morpheme of these ends a sentence."""
PUNCT_POS = {"補助記号", "空白"}
"""Parts of speech that are no words (punctuation, blanks)."""
_lock = threading.Lock()
_DIALECT_WANT = re.compile("(?<=[いきぎしちにびみりえけげせてねべめれ])とう(?=な|て|ない|ねん|わ|ん|や|か)")
"""Western dialects' desire auxiliary, 〜とう for 〜たく (死にとうなる, 消えとうて, 生きとうない): read as たく,
which the analyser knows, since it cuts 死にとうなる into 死ぬ + と + 唸る. Same length, so offsets stay."""


class Morpheme(NamedTuple):
    surface: str
    dictionary_form: str
    normalized: str
    pos: str
    """The first level of the part of speech (名詞, 動詞, 補助記号 ...)."""
    begin: int
    """Where it starts in the chunk it was cut from."""
    reading: str = ""
    """How it is read, in katakana (シヌ for 死ぬ)."""


@lru_cache(maxsize=1)
def dictionary() -> Any:
    """The process's one open dictionary; every tokenizer is made from it (the search index's readings too). Each
    open maps the file again, and the pages a second mapping touches count again: the index build's readings took
    a builder's peak from ~170 to ~250 MB with their own copy."""
    from sudachipy import Dictionary  # imported here: the dictionary is loaded once, on first use

    return Dictionary(dict="small")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from sudachipy import SplitMode

    return dictionary().tokenizer(mode=SplitMode.C)


def warm_up() -> None:
    """Load the dictionary now (at start-up), so the first message of a patient does not wait for it."""
    morphemes("テスト")


def prepare(folded: str) -> str:
    """The folded text as it is analysed: a lone surrogate becomes "?" (offsets kept), dialect 〜とう read as 〜たく."""
    folded = folded.encode("utf-8", "replace").decode("utf-8")
    if "とう" in folded:
        folded = _DIALECT_WANT.sub("たく", folded)
    return folded


def morphemes(chunk: str) -> list[Morpheme]:
    """The morphemes of one chunk (at most ``CHUNK_CHARS`` characters; see ``chunks``)."""
    tokenizer = _tokenizer()
    with _lock:  # a Sudachi tokenizer is not safe to share between threads (reload checks run in one)
        return [Morpheme(m.surface(), m.dictionary_form(), m.normalized_form(), m.part_of_speech()[0], m.begin(),
                         m.reading_form()) for m in tokenizer.tokenize(chunk)]


def spelled_by(kana: str) -> set[str]:
    """The words the dictionary has for an entry written ``kana``, by their normalised forms other than the kana
    itself (くすり: {薬}; きる: {切る, 着る})."""
    with _lock:
        entries = dictionary().lookup(kana)
        return {m.normalized_form() for m in entries} - {kana, jaconv.hira2kata(kana)}


@lru_cache(maxsize=65_536)
def kana_forms(surface: str, dictionary_form: str, normalized: str) -> tuple[str, ...]:
    """The normalised form, the dictionary form and the surface, each also in hiragana when written in katakana,
    so word lists can be written in either; the normalised form first."""
    forms = dict.fromkeys((normalized, dictionary_form, surface))
    for form in list(forms):
        forms[jaconv.kata2hira(form)] = None
    return tuple(forms)


def chunks(text: str) -> list[str]:
    """Pieces of at most ``CHUNK_CHARS`` characters, cut after a sentence end where there is one."""
    out: list[str] = []
    while len(text) > CHUNK_CHARS:
        cut = max(text.rfind(ch, 0, CHUNK_CHARS) for ch in "。！？!?\n")
        cut = cut + 1 if cut > 0 else CHUNK_CHARS
        out.append(text[:cut])
        text = text[cut:]
    if text:
        out.append(text)
    return out


def dictionary_forms(folded: str) -> list[str]:
    """The normalised form of each word of the folded text, in order (sentence ends and punctuation left out):
    what the distress phrases are compared in."""
    return [m.normalized for chunk in chunks(prepare(folded)) for m in morphemes(chunk)
            if not BOUNDARY.fullmatch(m.surface) and m.pos not in PUNCT_POS]


_KANJI_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+")
KanjiWord = tuple[int, int, str]
"""(start, end, reading in hiragana) of a word written only in kanji, offsets in the text as given."""


def kanji_runs(text: str) -> list[list[KanjiWord]]:
    """The runs of consecutive words written only in kanji, each as its words (for the matcher's homophone typos:
    点敵, read てんてき, is the content's 点滴)."""
    out: list[list[KanjiWord]] = []
    offset = 0
    tokenizer = _tokenizer()
    for chunk in chunks(text):
        with _lock:
            words = [(m.begin(), m.end(), m.surface(), m.reading_form()) for m in tokenizer.tokenize(chunk)]
        out.extend(runs_of_kanji_words(words, offset))
        offset += len(chunk)
    return out


def runs_of_kanji_words(words: Iterable[tuple[int, int, str, str]], offset: int = 0) -> list[list[KanjiWord]]:
    """Words as (begin, end, surface, reading in katakana), cut into the runs of consecutive words written only in
    kanji that have a reading; ``offset`` is added to every position. The one place runs are cut: ``kanji_runs``
    here and the search index's readings (``bot.search.readings``, one tokenisation for both) use it."""
    out: list[list[KanjiWord]] = []
    run: list[KanjiWord] = []
    for begin, end, surface, reading in words:
        if reading and _KANJI_WORD.fullmatch(surface):
            run.append((offset + begin, offset + end, jaconv.kata2hira(reading)))
            continue
        if run:
            out.append(run)
        run = []
    if run:
        out.append(run)
    return out
