"""Japanese messages as tokens for the crisis rules, from the project's one analyser (``bot.text.japanese``:
SudachiPy with its small dictionary, why it was chosen and what it costs).

Only the first ``MAX_SCREEN_CHARS`` characters are analysed (``fold`` cuts them), in chunks under Sudachi's input
limit; sentence ends become boundary tokens and quotation marks stay, so the rules can tell whose words they read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import jaconv

from bot.content.schema import Crisis
from bot.safety.rules import Token
from bot.safety.sentences import QUESTION_MARK
from bot.text.japanese import BOUNDARY, PUNCT_POS, Morpheme, chunks, kana_forms, morphemes, prepare, spelled_by
from bot.text.japanese import warm_up as warm_up

QUOTE_OPEN, QUOTE_CLOSE = "「", "」"
QUOTES = {"「": QUOTE_OPEN, "『": QUOTE_OPEN, "」": QUOTE_CLOSE, "』": QUOTE_CLOSE}
"""Quotation marks are kept as tokens: words inside them may be someone else's (母が「私が…」と言う)."""


def tokens(folded: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """The folded message (``bot.safety.normalize.fold``) as tokens; sentence ends become boundary tokens.

    Each token's forms are its surface, dictionary form and normalised form, each also in hiragana when written
    in katakana, so word lists can be written in either. Kana the analyser cut apart where a word of ``known``
    (the crisis lists' words) was written is read again (``_reread``)."""
    out: list[Token] = []
    offset = 0
    for chunk in chunks(prepare(folded)):
        for (surface, dictionary_form, normalized, pos, begin, _), words in _reread(morphemes(chunk), known):
            if BOUNDARY.fullmatch(surface):
                mark = (QUESTION_MARK,) if "?" in surface or "？" in surface else ()
                out.append(Token(mark, boundary=True, start=offset + begin))
            elif surface in QUOTES:
                out.append(Token((QUOTES[surface],), start=offset + begin))  # whose words: see context.py
            elif pos not in PUNCT_POS:
                out.append(Token(_forms(surface, dictionary_form, normalized), start=offset + begin, words=words))
        offset += len(chunk)
        out.append(Token((), boundary=True, start=offset))
    return _desire_nouns(out)


TERSE_WORDS = 2
"""A sentence of at most this many words after a full stop may end the one before it (「またやった。太もも」)."""


def terse_joined(tokens: list[Token]) -> tuple[list[Token], frozenset[int]] | None:
    """The tokens with the full stop before each terse fragment taken out, so a report cut short at a full stop
    (「またやった。太もも」, 「飲んだ。全部」) reads as one sentence; and where the fragments' words now stand.
    None when the message has no such fragment. A question mark is kept: a question is not continued."""
    out: list[Token] = []
    fragment: set[int] = set()
    sentence: list[Token] = []
    joined = False
    for token in tokens:
        if not token.boundary:
            sentence.append(token)
            continue
        previous = out[-1] if out else None
        if previous is not None and previous.boundary and not previous.forms and 0 < len(sentence) <= TERSE_WORDS \
                and len(out) > 1 and not out[-2].boundary:
            out.pop()  # the full stop before the fragment
            fragment.update(range(len(out), len(out) + len(sentence)))
            joined = True
        out.extend(sentence)
        out.append(token)
        sentence = []
    out.extend(sentence)
    return (out, frozenset(fragment)) if joined else None


_HIRAGANA = re.compile("[\u3041-\u309f]+")
_KATAKANA_OR_LATIN = re.compile("[\u30a0-\u30ffa-z0-9]+")
_CONTENT_POS = frozenset({"動詞", "形容詞", "名詞"})


def _reread(ms: list[Morpheme], known: frozenset[str]) -> list[tuple[Morpheme, tuple[str, ...] | None]]:
    """The morphemes, with two misreadings of chat kana undone where the kana, read alone, is a word of ``known``:

    - a particle dropped after a katakana or Latin word: 「カッターにぎってる」 was read カッター + に + ぎる, the
      kana after the noun read alone is 握る (「ロープにぎった」, 「ナイフにぎりしめてる」);
    - a one-kana verb and the classical negation ぬ: 「しぬ」 was read し (する) + ぬ (ず), read alone it is 死ぬ.

    Each word read again carries the analyser's first reading as ``words`` (what the learned layer was trained
    on: the model reads the same features as before, so the shipped weights stay the data's)."""
    if not known:
        return [(m, None) for m in ms]
    out: list[tuple[Morpheme, tuple[str, ...] | None]] = []
    i = 0
    while i < len(ms):
        m = ms[i]
        span = 0
        if i + 1 < len(ms) and _HIRAGANA.fullmatch(ms[i + 1].surface):
            if len(m.surface) == 1 and m.pos == "助詞" and i > 0 and _KATAKANA_OR_LATIN.fullmatch(ms[i - 1].surface):
                span = _kana_run(ms, i)  # カッター + に|ぎっ|てる
            elif len(m.surface) == 1 and m.pos == "動詞" and ms[i + 1].surface == "ぬ" and \
                    ms[i + 1].normalized == "ず" and _HIRAGANA.fullmatch(m.surface):
                span = 2  # し|ぬ
        again = _read_alone(ms[i:i + span], known) if span else None
        if again is None:
            out.append((m, None))
            i += 1
            continue
        words = tuple(_forms(o.surface, o.dictionary_form, o.normalized)[0] for o in ms[i:i + span])
        for k, new in enumerate(again):
            out.append((new._replace(begin=m.begin + new.begin), words if k == 0 else ()))
        i += span
    return out


def _kana_run(ms: list[Morpheme], i: int) -> int:
    """How many morphemes from ``i`` on are written in hiragana only."""
    j = i
    while j < len(ms) and _HIRAGANA.fullmatch(ms[j].surface):
        j += 1
    return j - i


def _read_alone(run: list[Morpheme], known: frozenset[str]) -> list[Morpheme] | None:
    """The kana of ``run`` analysed on its own, when that reads a longer first word that the lists know."""
    again = morphemes("".join(m.surface for m in run))
    first = again[0] if again else None
    if first is None or len(first.surface) <= len(run[0].surface) or first.pos not in _CONTENT_POS or \
            first.normalized not in known:
        return None
    return again


def known_words(crisis_by_lang: Mapping[str, Crisis]) -> frozenset[str]:
    """Every form the analyser gives the words of the Japanese files' lists and rules (at least two characters)."""
    members: set[str] = set()
    for lang, crisis in crisis_by_lang.items():
        if lang == "en":
            continue
        members.update(m for words in crisis.words.values() for m in words)
        members.update(crisis.context.risk)
        members.update(crisis.context.bare)
        members.update(p for rule in crisis.rules for p in rule.parts if not p.startswith("@"))
    return frozenset(form for member in members for forms in member_forms(member) for form in forms
                     if len(form) >= 2)


def _desire_nouns(out: list[Token]) -> list[Token]:
    """The small dictionary cuts the noun of a wish (死にたさ, 消えたさ, 自殺したさ) as the past た and さ, so
    「自殺したさMAX」 read as a death told in the past, and the chat form 消えたすぎる as た and すぎる: a た right
    after a verb's stem and right before さ or すぎる is the たい of a wish."""
    for i in range(1, len(out) - 1):
        if out[i].forms == ("た",) and out[i + 1].forms[:1] in _AFTER_WISH and not out[i - 1].boundary and \
                out[i - 1].forms:
            out[i] = Token(("たい",), start=out[i].start)
    return out


_AFTER_WISH = frozenset({("さ",), ("過ぎる",), ("すぎる",)})
"""What follows the た of a wish cut short: the noun (死にたさ) and the chat form 消えたすぎる (たい + すぎる)."""


_MISREAD = {("か", "彼")}
"""Normalised forms the small dictionary gives a particle (何もかも: か as 彼 "he"), which would name someone else."""


def _forms(surface: str, dictionary_form: str, normalized: str) -> tuple[str, ...]:
    """The analyser's forms of a token (``kana_forms``), with the particle misreadings above undone."""
    if (surface, normalized) in _MISREAD:
        normalized = surface
    if (surface, dictionary_form) in _MISREAD:
        dictionary_form = surface
    return kana_forms(surface, dictionary_form, normalized)


MIN_READING = 3
"""Readings shorter than this are too often other words in kana (刃 は, 血 ち, 跡 あと): not added."""


def _kana_reading(surface: str, normalized: str, reading: str) -> tuple[str, ...]:
    """A member written in kanji also matches its reading in kana (薬 くすり), for messages where the analyser
    leaves the kana without a normalised form (「くすりためてる」: くすり read as an adverb). Only when the
    dictionary knows that kana as this word and no other written in kanji: きる is 切る or 着る, and なくなる is
    neither 亡くなる nor 無くなる, so neither matches."""
    kana = jaconv.kata2hira(reading)
    if len(kana) < MIN_READING or not _KANJI.search(surface) or not _HIRAGANA.fullmatch(kana):
        return ()
    return (kana,) if spelled_by(kana) == {normalized} else ()


_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff々]")


def member_forms(member: str) -> list[tuple[str, ...]]:
    """A word-list member from crisis.yaml cut like a message: the forms of each of its tokens.

    A token written in its dictionary form matches every form (溜める: ためる, 溜め); one written conjugated
    matches only as written (死のう, the volitional, must not match every 死ぬ)."""
    return list(_member_forms(member))


@lru_cache(maxsize=1 << 16)
def _member_forms(member: str) -> tuple[tuple[str, ...], ...]:
    """Kept per member: the checker builds each rule's word lists again on its own (about 47,000 members per
    load of the shipped content, a few thousand different ones), and the analyser's answer never changes."""
    from bot.safety.normalize import fold

    out: list[tuple[str, ...]] = []
    for surface, dictionary_form, normalized, pos, _, reading in morphemes(fold(member)):
        if pos in PUNCT_POS or BOUNDARY.fullmatch(surface):
            continue
        if surface in (dictionary_form, normalized):
            out.append(_forms(surface, dictionary_form, normalized) + _kana_reading(surface, normalized, reading))
        else:
            out.append(tuple(dict.fromkeys((surface, jaconv.kata2hira(surface)))))
    return tuple(out)
