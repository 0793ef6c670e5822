"""Distress in a typed message: low mood, exhaustion, sleeplessness, not coping, school refusal, said in passing.

For a depression clinic this is the most common way people write (「毎日つらい」, "I feel hopeless"), and "I don't
have an answer to that" is the worst reply to it. The crisis screen (bot.safety) has already seen every message
and owns risk; this screen only decides whether the ordinary reply should begin with a warm acknowledgement.

Phrases come from content (``distress.yaml`` of every language, all used for every message, since people mix
languages) and are matched in the same normalised spelling as the FAQ matcher uses (width, case, katakana as
hiragana, long-vowel marks dropped), Japanese anywhere in the text, English on word boundaries.

Phrases are also matched in dictionary forms, so one phrase covers its conjugations: a sentence and every phrase
are rewritten as the analysers' dictionary forms (Japanese: SudachiPy's normalised form of each word, the analyser
the crisis screen has already loaded; English: simplemma lemmas), negation written one way (ず, ぬ, ん, 無い ->
ない), politeness and aspect dropped (ます, です, て, ている, てしまう). 眠れない then also meets 眠れませんでした
and 眠れなくて, つらい meets 辛かった, "not ~ sleep" meets "I haven't slept" and "couldn't sleep". ``families`` in
content hold such expressions in their plain form rather than sentences.

A phrase inside a question about treatment (「TMSはつらいですか？」) is not distress on its own: ``screen`` tells
whether some sentence that is NOT a question expresses distress (``statement``), or only a question does
(``in_question``), so the caller can answer a clear FAQ question first and acknowledge only what was said.

Whose distress it is (``carer``): a parent writing about a child ("my daughter hasn't been to school since
September", 「中2の息子が不登校で」) must not be told "you" as if they were the patient. The person word written
nearest before a distress phrase decides (English and Japanese both tend to name the subject first): one of
``someone_else`` (息子, she) makes it about someone close, one of ``me`` (私, I) the writer's own; a phrase with no
person before it is the writer's, unless the sentence names someone close and not the writer. A phrase of a
``worry_about_*`` family is worry for someone else whenever someone close is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.content.problems import Problems
from bot.content.schema import Distress
from bot.content.yamldoc import YamlDoc
from bot.search.normalize import normalize
from bot.search.sentences import looks_like_question, looks_like_request
from bot.text import japanese
from bot.text.english import lemma
from bot.text.fold import fold
from bot.text.trie import trie_regex

_SENTENCE = re.compile(r"(?<=[。！？!?\n])|(?<=\.)\s")
_CLAUSE = re.compile(r"(?<=[、,，;；])\s*|\s+(?=(?:but|so|and) (?:can|could|does|do|is|will|would|how|what|when)\b)")
"""Where a sentence may be cut into clauses: after a comma, and before "but"/"so"/"and" that opens a question."""


@dataclass(frozen=True)
class DistressHit:
    """``statement``: a sentence that is not a question expresses distress; ``in_question``: only a question does."""

    statement: bool = False
    in_question: bool = False
    carer: bool = False
    """The distress is said of someone close (a child, a partner), not of the writer."""

    @property
    def any(self) -> bool:
        return self.statement or self.in_question


_CHAT_CONTRACTIONS = re.compile(
    r"(?<![a-z0-9'])(cant|wont|dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|hadnt|couldnt|wouldnt"
    r"|shouldnt|aint|im|ive|whats|thats|theres)(?![a-z0-9'])")
_SPELT_OUT = {"cant": "can not", "wont": "will not", "aint": "am not", "im": "i am", "ive": "i have",
              "whats": "what is", "thats": "that is", "theres": "there is"}
"""Phone typing drops the apostrophe ("i cant sleep", "im so tired"); spelt out as normalize() spells "can't"."""


def _spelling(text: str) -> str:
    spelt = normalize(text).text
    return _CHAT_CONTRACTIONS.sub(lambda m: _SPELT_OUT.get(m[1], m[1][:-2] + " not"), spelt)


_NEGATION = {"ず": "ない", "ぬ": "ない", "ん": "ない", "無い": "ない"}
_DROPPED = {"ます", "です", "て", "で", "てる", "でる", "居る", "仕舞う", "ちゃう", "じゃう"}
"""Politeness and aspect say nothing about distress: 眠れません, 眠れていない and 眠れない are one sequence."""
_LATIN_WORD = re.compile(r"[a-z][a-z']*")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff々]")


_VERBS = {"feeling": "feel", "felt": "feel", "left": "leave", "thinking": "think", "thought": "think"}
"""Verb forms the lemmatiser reads as other words (the noun "feeling", the adjective "left"): "i've been feeling
awful" and "i haven't felt happy" meet "feel ~ awful" and "not ~ feel happy"."""


_FILLERS = frozenset({"even", "just", "actually", "honestly", "literally", "kinda", "simply", "basically"})
"""Words that only colour what they stand beside: left out of the dictionary forms of the text and of every phrase,
so "can not get out of bed" meets "i can't even get out of bed" and "i just can't sleep". Words of degree (so,
really, very) stay: "be so worry" is distress where "be worry" (about side effects) is not."""


def _english_lemma(word: str) -> str:
    return _VERBS.get(word) or lemma(word)


def _japanese_forms(text: str) -> list[str]:
    return japanese.dictionary_forms(fold(text))


def dictionary_forms(text: str, *, fillers: bool = False) -> str:
    """The text as dictionary forms: English lemmas joined by spaces (``_FILLERS`` left out unless ``fillers``),
    then Japanese normalised forms joined without them, negation written ない and ます/です dropped (see the module
    docstring)."""
    english = " ".join(_english_lemma(word) for word in _LATIN_WORD.findall(_spelling(text))
                       if fillers or word not in _FILLERS)
    japanese = ""
    if _JAPANESE.search(text):
        forms = [_NEGATION.get(form, form) for form in _japanese_forms(text)]
        japanese = "".join(form for form in forms if form not in _DROPPED and _JAPANESE.search(form))
    return f"{english} | {japanese}" if english and japanese else english or japanese


def _phrase_forms(phrase: str) -> str:
    """A phrase in dictionary forms, piece by piece (``~`` gaps kept); a ``*`` piece is kept as written."""
    pieces = [p.strip() for p in phrase.split(GAP)]
    return f" {GAP} ".join(p if p.endswith("*") else _piece_forms(p) for p in pieces)


def _piece_forms(piece: str) -> str:
    """A filler is left out of a phrase only when two words stay: "so done" is not "do"."""
    forms = dictionary_forms(piece)
    if " " not in forms and _LATIN_WORD.search(piece) and len(_LATIN_WORD.findall(piece)) > 1:
        forms = dictionary_forms(piece, fillers=True)
    return forms or piece


GAP = "~"
"""Between two parts of a phrase: up to ``GAP_WORDS`` words (English) or ``GAP_CHARS`` characters (Japanese)."""
GAP_WORDS = 3
GAP_CHARS = 8
MIN_PHRASE = 2
"""A phrase shorter than this (normalised) would match inside ordinary words."""


def _part(norm: str, wildcard: bool) -> list[str]:
    part = [re.escape(ch) for ch in norm]
    if norm[0].isascii() and norm[0].isalnum():
        part.insert(0, r"(?<![a-z0-9])")
    if wildcard:
        part.append(r"[a-z]*")
    elif norm[-1].isascii() and norm[-1].isalnum():
        part.append(r"(?![a-z0-9])")
    return part


def _phrase_pattern(phrase: str) -> list[str] | None:
    """One phrase as regex tokens (``*`` ending, ``~`` gaps), or None when nothing is left of it."""
    tokens: list[str] = []
    last = ""
    pieces = [p.strip() for p in phrase.split(GAP)]
    for number, piece in enumerate(pieces):
        wildcard = piece.endswith("*")
        norm = _spelling(piece.rstrip("*"))
        if not norm:
            return None
        if number:
            latin = norm[0].isascii() and last[-1:].isascii()
            tokens.append(rf"(?:\W+[a-z0-9]+){{0,{GAP_WORDS}}}\W+" if latin else rf".{{0,{GAP_CHARS}}}?")
        tokens += _part(norm, wildcard)
        last = norm
    return tokens


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """All phrases as one trie-shaped regex (bot.text.trie): hundreds of phrases cost about as much as a few."""
    compiled = [_phrase_pattern(p) for p in sorted({p.strip() for p in phrases if p.strip()})]
    regex = trie_regex(p for p in compiled if p)
    return re.compile(regex) if regex else None


def all_phrases(distress: Distress) -> list[str]:
    """The file's ``phrases`` and every family's."""
    return [*distress.phrases, *(p for family in distress.families.values() for p in family)]


CARER_FAMILIES = "worry_about_"
"""Families whose names start so are worry for someone else: with someone close named, the carer reply."""


@dataclass(frozen=True)
class People:
    """Person words of every language: ``others`` (someone close to the writer) and ``me`` (the writer)."""

    others: re.Pattern[str] | None = None
    me: re.Pattern[str] | None = None

    def nearest_before(self, text: str, position: int) -> str | None:
        """"other" or "me": the person word that ends nearest before ``position`` in ``text``, if any; someone
        close named as an object ("I snap at my kids and feel horrible", 「子どもに怒ってばかりで」) is passed over."""
        best, who = -1, None
        for kind, pattern in (("other", self.others), ("me", self.me)):
            for found in pattern.finditer(text, 0, position) if pattern is not None else ():
                if kind == "other" and _object(text, found.start(), found.end()):
                    continue
                if found.end() <= position and found.end() > best:
                    best, who = found.end(), kind
        return who

    def names(self, kind: str, text: str) -> bool:
        """Whether the text names the writer ("me") or someone close ("other", not as an object)."""
        pattern = self.others if kind == "other" else self.me
        return pattern is not None and any(kind == "me" or not _object(text, found.start(), found.end())
                                           for found in pattern.finditer(text))


_OBJECT_BEFORE = re.compile(r"(?:^|\W)(?:at|to|with|about|for|on|of|from|after|like|by|tell|told|help)\W+$")
_OBJECT_AFTER = re.compile(r"^(?:に|を|と|から|より|へ)")


def _object(text: str, start: int, end: int) -> bool:
    """A person word named as an object: after an English preposition or verb, or before a Japanese object
    particle (に, を, と ...), not as the one who feels."""
    return bool(_OBJECT_BEFORE.search(text[max(0, start - 12):start]) or _OBJECT_AFTER.match(text[end:end + 2]))


class DistressScreen:
    """Compiled phrases of every language; immutable once built (rebuilt on every content load)."""

    def __init__(self, phrases: Iterable[str], not_distress: Iterable[str], *, carer_phrases: Iterable[str] = (),
                 someone_else: Iterable[str] = (), me: Iterable[str] = ()) -> None:
        phrases, not_distress = list(phrases), list(not_distress)
        self._phrases = _pattern(phrases)
        self._not = _pattern(not_distress)
        self._phrase_forms = _pattern(_phrase_forms(p) for p in phrases if p.strip())
        self._not_forms = _pattern(_phrase_forms(p) for p in not_distress if p.strip())
        self._carer = _pattern(carer_phrases)
        self._people = People(_pattern(someone_else), _pattern(me))

    @classmethod
    def build(cls, by_lang: Mapping[str, Distress]) -> DistressScreen:
        return cls([p for d in by_lang.values() for p in all_phrases(d)],
                   [p for d in by_lang.values() for p in d.not_distress],
                   carer_phrases=[p for d in by_lang.values() for name, family in d.families.items()
                                  if name.startswith(CARER_FAMILIES) for p in family],
                   someone_else=[p for d in by_lang.values() for p in d.someone_else],
                   me=[p for d in by_lang.values() for p in d.me])

    def screen(self, text: str) -> DistressHit:
        return self.read(text)[0]

    def question_part(self, text: str) -> str | None:
        """What the message asks once what only tells of distress is left out, to be matched on its own after the
        acknowledgement: 「中2の息子が不登校で、何歳からできますか」 asks 「何歳からできますか」 (see ``read``)."""
        return self.read(text)[1]

    def read(self, text: str) -> tuple[DistressHit, str | None]:
        """The hit, and what the message asks once what only tells of distress is left out (None when nothing was
        left out or nothing that asks is left), in one pass over the sentences: each is screened once.

        Sentences that tell of distress are dropped, and in a question the clauses that do."""
        statement = in_question = carer = cut = False
        kept: list[str] = []
        for sentence in _sentences(text):
            whose = self._whose_distress(sentence)
            if whose is None:
                kept.append(sentence)
                continue
            carer = carer or whose == "other"
            if not looks_like_question(sentence):
                statement = cut = True  # the acknowledgement answers what it tells
                continue
            in_question = True
            clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
            rest = " ".join(c.strip() for c in clauses if self._whose_distress(c) is None).strip()
            if rest and len(rest) < len(sentence.strip()) and looks_like_question(rest):
                kept.append(rest)
                cut = True
            else:
                kept.append(sentence)
        if (statement or in_question) and not carer:
            spelt = _spelling(text)
            carer = self._people.names("other", spelt) and _found(self._carer, self._not, spelt)
        asked = " ".join(part.strip() for part in kept).strip()
        hit = DistressHit(statement, in_question, carer)
        if not (cut and asked and (looks_like_question(asked) or looks_like_request(asked))):
            return hit, None
        return hit, asked

    def _whose_distress(self, sentence: str) -> str | None:
        """None when the sentence says no distress; else "other" when it is said of someone close, "me" if not."""
        spelt = _spelling(sentence)
        hits = _hits(self._phrases, self._not, spelt)

        def only_others_named() -> bool:
            return bool(self._people.names("other", spelt)) and not self._people.names("me", spelt)

        if not hits:
            if self._phrase_forms is None or not _hits(self._phrase_forms, self._not_forms,
                                                       _spelling(dictionary_forms(sentence))):
                return None
            return "other" if only_others_named() else "me"
        whose = [self._people.nearest_before(spelt, start) for start in hits]
        if "other" in whose or (None in whose and only_others_named()):
            return "other"
        return "me"


def _hits(phrases: re.Pattern[str] | None, excuses: re.Pattern[str] | None, text: str) -> list[int]:
    """Where phrases occur in the text outside every excused (not_distress) stretch (their start positions)."""
    if phrases is None:
        return []
    excused = [m.span() for m in excuses.finditer(text)] if excuses is not None else []
    return [hit.start() for hit in phrases.finditer(text)
            if not any(start <= hit.start() and hit.end() <= end for start, end in excused)]


def _found(phrases: re.Pattern[str] | None, excuses: re.Pattern[str] | None, text: str) -> bool:
    """Some phrase occurs in the text outside every excused (not_distress) stretch."""
    return bool(_hits(phrases, excuses, text))


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text) if part.strip()]


def check_distress(by_lang: Mapping[str, Distress], docs: Mapping[str, YamlDoc], problems: Problems) -> None:
    """Every example is acknowledged and no counter-example is; each family recognises one of the examples; no
    phrase is too short to mean anything or listed twice."""
    screen = DistressScreen.build(by_lang)
    for lang, distress in by_lang.items():
        doc = docs[lang]
        for i, example in enumerate(distress.examples):
            if not screen.screen(example).any:
                problems.error(doc.file, doc.line(["examples", i]), f"examples[{i}]",
                               f"{example!r} is not recognised as distress: add a phrase it contains to 'phrases'",
                               code="DISTRESS-E001")
        for i, example in enumerate(distress.counter_examples):
            if screen.screen(example).statement:
                problems.error(doc.file, doc.line(["counter_examples", i]), f"counter_examples[{i}]",
                               f"{example!r} is taken as distress: add the phrase around the distress word to "
                               "'not_distress', or make it a question", code="DISTRESS-E002")
        for i, example in enumerate(distress.carer_examples):
            if not (hit := screen.screen(example)).any or not hit.carer:
                problems.error(doc.file, doc.line(["carer_examples", i]), f"carer_examples[{i}]",
                               f"{example!r} is not taken as distress about someone close: add the person word to "
                               "'someone_else' or the phrase to a family", code="DISTRESS-E005")
        for i, example in enumerate(distress.self_examples):
            if not (hit := screen.screen(example)).any or hit.carer:
                problems.error(doc.file, doc.line(["self_examples", i]), f"self_examples[{i}]",
                               f"{example!r} is not taken as the writer's own distress: add the writer's word to "
                               "'me', or a phrase to a family", code="DISTRESS-E006")
        seen: dict[str, str] = {}
        places: list[tuple[list[str | int], str]] = [(["phrases", i], p) for i, p in enumerate(distress.phrases)]
        places += [(["families", name, i], p) for name, family in distress.families.items()
                   for i, p in enumerate(family)]
        for path, phrase in places:
            where = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in path).replace(".[", "[")
            spelt = f" {GAP} ".join(_spelling(part.rstrip("*")) for part in phrase.split(GAP))
            if len(spelt.replace(" ", "").replace(GAP, "")) < MIN_PHRASE:
                problems.error(doc.file, doc.line(path), where,
                               f"{phrase!r} is too short: it would match inside ordinary words; write the phrase "
                               "around it (眠れない, not 眠)", code="DISTRESS-E003")
            elif spelt in seen:
                problems.warning(doc.file, doc.line(path), where,
                                 f"{phrase!r} is listed twice (also at {seen[spelt]}): keep one", code="DISTRESS-W001")
            else:
                seen[spelt] = where
        for name, family in distress.families.items():
            own = DistressScreen(family, distress.not_distress)
            if not any(own.screen(example).any for example in distress.examples):
                problems.error(doc.file, doc.line(["families", name]), f"families.{name}",
                               f"no example in 'examples' uses a phrase of this family: add a message people write "
                               f"about {name.replace('_', ' ')} to 'examples'", code="DISTRESS-E004")
