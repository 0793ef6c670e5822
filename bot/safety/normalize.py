"""Text normalisation for the crisis screen: which spellings count as the same, in one place.

Japanese. A phrase's ``japanese_key`` is its canonical form: NFKC, lower case, katakana as hiragana, no spaces,
punctuation, emoji or long-vowel marks, stretched small vowels dropped, small kana as large ones:
``死 に た ー ぁい！！😢`` -> ``死にたい``, ``ｼﾆﾀｲ`` -> ``しにたい``. A message matches a phrase when a stretch of it
has that key after the same steps, with any character repeated (``しにたいいいい``).
Kanji also have other spellings (死 -> し, 氏, タヒ; see ``SPELLINGS``). Phrases are stored as keys; because
rewriting a whole 4096-character message this way costs more than a millisecond, messages are only ``fold``-ed
and ``bot.safety.phrases`` compiles each key into a regex that accepts every text with the same key.

English. Messages get a real second view, ``english_views``: leetspeak inside words undone (``su1cide``),
apostrophes dropped, spaced-out letters joined (``k i l l``), contractions and chat spellings written out
(``dont`` -> ``do not``, ``wanna`` -> ``want to``, ``im`` -> ``i am``), one space between words and one at each
end: ``"I don't wanna live!!"`` -> ``" i do not want to live "``. Repeated letters stay; phrases accept them.

Only the first ``MAX_SCREEN_CHARS`` characters are screened; a Telegram text message holds at most 4096.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

import jaconv

from bot.text.fold import MAX_SCREEN_CHARS as MAX_SCREEN_CHARS
from bot.text.fold import fold as fold
from bot.text.fold import has_japanese as has_japanese
from bot.text.trie import trie_regex

# --- Japanese keys ----------------------------------------------------------------------------------------------

SEPARATORS = r"\W_ー"
"""What a Japanese key drops (inside a regex character class): spaces, punctuation, emoji, long-vowel marks."""

VOWEL_ROWS = {
    "ぁ": "あかがさざただなはばぱまやらわぁゃゎ",
    "ぃ": "いきぎしじちぢにひびぴみりぃ",
    "ぅ": "うくぐすずつづぬふぶぷむゆるぅゅ",
    "ぇ": "えけげせぜてでねへべぺめれぇ",
    "ぉ": "おこごそぞとどのほぼぽもよろをぉょ",
}
"""Hiragana by the vowel they end in, under the small vowel that stretches them (死にたぁい)."""

STRETCH_OF = {kana: small for small, row in VOWEL_ROWS.items() for kana in row}
SMALL_KANA = {"あ": "ぁ", "い": "ぃ", "う": "ぅ", "え": "ぇ", "お": "ぉ", "つ": "っ", "や": "ゃ", "ゆ": "ゅ",
              "よ": "ょ", "わ": "ゎ"}
"""Large kana and the small form people also type for them (死にたぃ, 命を絶った)."""

_LARGE = str.maketrans({small: large for large, small in SMALL_KANA.items()})
_NOT_LETTER = re.compile(f"[{SEPARATORS}]+")
_STRETCH = re.compile("|".join(f"(?<=[{row}]){small}+" for small, row in VOWEL_ROWS.items()))
_REPEAT = re.compile(r"(.)\1+")


def katakana(hiragana: str) -> str:
    """The katakana of one hiragana character (or the character itself)."""
    return jaconv.hira2kata(hiragana)


def japanese_key(text: str) -> str:
    """The canonical form of a Japanese text: what two spellings of the same phrase share.

    Unlike the other steps, repeated characters are kept: いい is not い (死んだ方がいい / 死んだ方がいる);
    compiled phrases accept a character repeated any number of times instead."""
    text = jaconv.kata2hira(unicodedata.normalize("NFKC", text[:MAX_SCREEN_CHARS]).casefold())
    return _STRETCH.sub("", _NOT_LETTER.sub("", text)).translate(_LARGE)


SPELLINGS: dict[str, tuple[str, ...]] = {
    "死ん": ("氏ん", "4ん", "たひん"),  # not しん: 楽しんでもいい, 楽しんだ方がいい
    "死": ("し", "氏", "4", "四", "詩", "〇", "たひ"),  # タヒ is 死 split in two; 〇 masks it; not 市: 市に対して
    "自殺": ("じさつ", "自さつ", "じ殺"),
    "希死念慮": ("きしねんりよ",),
    "自傷": ("じしよう",),
    "殺": ("ころ",),
    "消": ("き", "け"),
    "生き": ("いき",),
    "生まれ": ("うまれ",),
    "居": ("い",),
    "首": ("くび",),
    "吊": ("つ",),
    "括": ("くく",),
    "飛び降り": ("とびおり", "飛びおり", "飛降り", "飛び下り"),
    "飛び込": ("とびこ", "飛込"),
    "限界": ("げんかい",),
    "無理": ("むり",),
    "楽": ("らく",),
    "終": ("お",),
    "命": ("いのち",),
    "絶": ("た",),
    "辛": ("つら",),
    "疲": ("つか",),
    "嫌": ("いや",),
    "意味": ("いみ",),
    "価値": ("かち",),
    "仕方": ("しかた",),
    "方法": ("ほうほう",),
    "方": ("ほう",),
    "眠": ("ねむ",),
    "目": ("め",),
    "覚": ("さ",),
    "薬": ("くすり",),
    "飲": ("の",),
    "にた": ("にだ", "似た"),  # 死にだい (a voiced dialect spelling), 死似たい (a mistyped kanji)
    "全部": ("ぜんぶ",),
    "全て": ("すべて",),
    "手首": ("てくび",),
    "切": ("き",),
    "世": ("よ",),
    "人生": ("じんせい",),
    "永遠": ("えいえん",),
    "自分": ("じぶん",),
    "傷": ("きず",),
    "体": ("からだ",),
    "行": ("い",),
    "溜": ("た",),
}
"""Other spellings of kanji in Japanese phrases, tried in every combination (longest key first).

A phrase written with kanji also catches its kana and disguised spellings, so staff write 死にたい once and
しにたい, 氏にたい, タヒにたい follow. Values are keys themselves (hiragana, small kana written large)."""

_SPELLING_KEYS = sorted(SPELLINGS, key=len, reverse=True)
MAX_SPELLINGS = 512


def spellings(key: str) -> list[str]:
    """Every spelling of a Japanese key (the key itself first), at most ``MAX_SPELLINGS``."""
    parts: list[tuple[str, ...]] = []
    i = 0
    while i < len(key):
        for kanji in _SPELLING_KEYS:
            if key.startswith(kanji, i):
                parts.append((kanji, *SPELLINGS[kanji]))
                i += len(kanji)
                break
        else:
            parts.append((key[i],))
            i += 1
    out: list[str] = []
    for combo in product(*parts):
        out.append("".join(combo))
        if len(out) >= MAX_SPELLINGS:
            break
    return list(dict.fromkeys(out))


def collapse_repeats(text: str) -> str:
    """``kiiill`` -> ``kil``: the form English phrase words are compiled from (letters then may repeat)."""
    return _REPEAT.sub(r"\1", text)


# --- English view -----------------------------------------------------------------------------------------------

_APOSTROPHES = re.compile("[’‘ʼ`´＇]")
_LEET_I = str.maketrans("0134579@$!|", "oieastgasil")
_LEET_L = str.maketrans("0134579@$!|", "oleastgasil")
# Candidates only (a class first, so ``re`` can skip ahead); _unleet keeps "10kms", "3pm", "help!" as they are.
_LEET = re.compile(r"[0134579@$!|][0134579@$!|]*(?![0-9])")
_ONE_IN_WORD = re.compile(r"1(?:(?<=[a-z]1)|(?=[a-z]))")
_ASCII_LETTER = re.compile(r"[a-z]")
_WORD_BYTES = bytes(c if (0x30 <= c <= 0x39 or 0x61 <= c <= 0x7A) else 0x20 for c in range(256))
_SPACED_LETTERS = re.compile(r" (?:[a-z] ){2,}[a-z](?= )")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
"""A letter typed three times or more (wannna, soooo) is read as two, so chat spellings are still written out."""
_SELF = re.compile(r" (my|your|him|her|them|our) (self|selves)(?= )")

CHAT_WORDS: dict[str, str] = {
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "wont": "will not", "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not",
    "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not", "havent": "have not",
    "hasnt": "has not", "hadnt": "had not", "aint": "am not", "dnt": "do not", "dun": "do not",
    "im": "i am", "ive": "i have", "id": "i would", "youre": "you are", "theyre": "they are",
    "its": "it is", "thats": "that is", "whats": "what is", "theres": "there is", "hes": "he is",
    "shes": "she is", "youll": "you will", "theyll": "they will",
    "wanna": "want to", "wana": "want to", "gonna": "going to", "gotta": "got to", "hafta": "have to",
    "tryna": "trying to", "u": "you", "ur": "your", "ya": "you", "2": "to",
    "cuz": "because", "coz": "because", "bc": "because", "rn": "right now", "pls": "please", "plz": "please",
    "idk": "i do not know", "4ever": "forever", "ded": "dead", "lyf": "life", "lyfe": "life",
    "myslef": "myself", "mysefl": "myself", "myslf": "myself", "mysef": "myself", "meself": "myself",
    "wnt": "want", "wan": "want", "wnat": "want", "oded": "od", "oding": "od",
    "masel": "myself", "mysel": "myself", "tae": "to", "deid": "dead", "cannae": "can not", "dae": "do",
    "moar": "more", "bouta": "about to", "finna": "going to", "ima": "i am going to", "imma": "i am going to",
    "ctb": "end my life", "sewerslide": "suicide",
    "abt": "about", "ngl": "not going to lie", "idc": "i do not care", "idgaf": "i do not care", "istg": "i swear",
    "fr": "for real", "frfr": "for real", "foreal": "for real", "tbh": "honestly", "ion": "i do not",
    "yous": "you", "yall": "you all", "prolly": "probably", "srsly": "seriously", "bout": "about",
    "nobody'd": "nobody would", "theyd": "they would", "youd": "you would", "itll": "it will",
    "wouldve": "would have", "shouldve": "should have", "couldve": "could have", "imo": "in my opinion",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tonite": "tonight", "2nite": "tonight", "2day": "today",
    "selfharm": "self harm", "unalive": "kill", "urself": "yourself", "uself": "yourself",
}
"""Chat spellings written out before matching, so phrases are written once in plain English."""

_CHAT = re.compile(" " + trie_regex(tuple(re.escape(c) for c in word) for word in CHAT_WORDS) + "(?= )")


_DYE_AS_DIE = re.compile(r" (want to|going to|wish i could|ready to|about to|just) dye(?= $| (?:tonight|today|now|"
                         r"already|so bad|honestly|right now|please|lol|pls|plz)(?= ))")
""""i want to dye", "wanna dye tonight": a spelling of die when no hair or cloth follows (``_DYE`` reads the other
way round)."""
_DYE = re.compile(r" (?:dy|di)(ing|e|ed) ((?:my|her|his|their|the|your|our|it) (?:[a-z]+ )?(?:hair|roots|beard|fringe|"
                  r"bangs|eyebrows|clothes|shirt|jeans|fabric|wool|eggs))(?= )"
                  r"(?! (?:is|are|was|were|has|have|had|keeps?|looks?|feels?|falls?|fell|gets?|got|will|would)(?= ))")
""""dying my hair", "die my roots pink": a spelling of dyeing, not a word of death; not when the noun goes on as the
subject of a verb ("i want to die my hair is falling out" keeps its die)."""

_APOSTROPHE_WORDS = (("i'll", "i will"), ("od'd", "od"), ("od'ed", "od"), ("od'ing", "od"),
                     (" sh'd", " self harmed"), (" sh'ed", " self harmed"), (" sh'ing", " self harming"))
"""Spellings that become ambiguous once the apostrophe is gone (ill, odd)."""


_PRONOUN_APOSTROPHE = re.compile(r"(?<![a-z])(she|he|we)'(ll|d|re)(?![a-z])")
"""he'll, she'd, we're: without the apostrophe they would read as other words (hell, shed, were)."""
_PRONOUN_ENDINGS = {"ll": "will", "d": "would", "re": "are"}


def _unleet(match: re.Match[str], table: dict[int, int]) -> str:
    text, start, end, run = match.string, match.start(), match.end(), match.group()
    before, after = text[max(0, start - 2):start], text[end:end + 4]
    letter_before = before[-1:].isalpha() and before[-1:].isascii()
    letter_after = after[:1].isalpha() and after[:1].isascii()
    if letter_before and letter_after:
        return run.translate(table)  # k1ll, su!cide
    if letter_before and before.isalpha() and run.isdigit():
        return run.translate(table)  # di3, ki11 (a word's last letters; "help!" keeps its "!")
    if not before[-1:].isalnum() and set(run) <= {"5", "$"} and len(after) == 4 and after.isalpha():
        return run.translate(table)  # 5uicide
    return run


CENSORED_WORDS = ("suicide", "suicidal", "kill", "killing", "die", "dying", "dead", "death", "harm", "myself",
                  "cut", "cutting", "overdose", "hang", "life", "selfharm", "self")
"""Words people write with a letter starred out (``s*icide``, ``k*ll``): such a word is read as the one it fits."""
_CENSORED = re.compile(r"(?<![a-z*#])[a-z]*[*#]+[a-z*#]*[a-z][a-z*#]*|(?<![a-z*#])[a-z]+[*#]+(?![a-z*#])")


def _uncensor(match: re.Match[str]) -> str:
    word = match.group()
    pattern = re.compile(re.sub(r"[*#]+", "[a-z]{1,3}", word))
    for candidate in CENSORED_WORDS:
        if len(candidate) >= len(word.replace("#", "*").replace("*", "")) + 1 and pattern.fullmatch(candidate):
            return candidate
    return word


_DEATH_EMOJI = {"🪦": " tombstone ", "⚰": " coffin "}
"""Emoji that stand for a death in chat ("🪦🪦 me soon") as words the rules can read; 💀 is laughter, left out."""


GLUED_PARTS = frozenset({
    "i", "im", "want", "wanna", "wan", "wnt", "to", "2", "die", "ded", "dead", "kill", "kil", "me", "myself", "my",
    "own", "life", "lyf", "lyfe", "end", "self", "harm", "just", "wish", "so", "not", "dont", "live", "anymore",
    "gonna", "go", "disappear", "overdose", "od", "please", "pls", "plz", "now", "rn"})
"""Words typed run together on a phone (``iwanttodie``, ``wan2die``, ``endmylife``): a run made wholly of these,
one of them a word of death or harm (``_CORE_WORDS``), is read as the words apart."""
_CORE_WORDS = frozenset({"die", "ded", "dead", "kill", "kil", "life", "lyf", "lyfe", "myself", "harm", "disappear",
                         "overdose"})
_GLUED_CORE = re.compile("|".join(sorted(_CORE_WORDS, key=len, reverse=True)))
"""Any of them inside a word: only then is the word tried apart."""
_GLUED_LONGEST = max(map(len, GLUED_PARTS))


def _unglue(word: str) -> str:
    """A run of ``GLUED_PARTS`` as the words apart (fewest words first), or the word as it is."""
    if len(word) < 5 or word in GLUED_PARTS or not _GLUED_CORE.search(word):
        return word
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _GLUED_LONGEST), end):
            head = best[start]
            if head is not None and word[start:end] in GLUED_PARTS and (
                    best[end] is None or len(head) + 1 < len(best[end] or ())):
                best[end] = [*head, word[start:end]]
    parts = best[-1]
    if parts is None or len(parts) < 2 or not _CORE_WORDS.intersection(parts):
        return word
    return " ".join(parts)


def _english(folded: str, leet: dict[int, int]) -> str:
    text = _APOSTROPHES.sub("'", folded)
    for emoji, word in _DEATH_EMOJI.items():
        if emoji in text:
            text = text.replace(emoji, word)
    if "*" in text or "#" in text:
        text = _CENSORED.sub(_uncensor, text)
    for short, long in _APOSTROPHE_WORDS:
        text = text.replace(short, long)
    if "e'" in text:
        text = _PRONOUN_APOSTROPHE.sub(lambda m: f"{m.group(1)} {_PRONOUN_ENDINGS[m.group(2)]}", text)
    text = _LEET.sub(lambda m: _unleet(m, leet), text)
    words = text.encode("ascii", "replace").translate(_WORD_BYTES, b"'").decode("ascii").split()
    view = " " + " ".join(words) + " "
    view = _SPACED_LETTERS.sub(lambda m: " " + m.group().replace(" ", ""), view)
    view = _SELF.sub(r" \1\2", view)
    view = _STRETCHED.sub(r"\1\1", view)
    if _GLUED_CORE.search(view):
        view = " ".join(map(_unglue, view.split(" ")))
    view = _CHAT.sub(lambda m: " " + CHAT_WORDS[m.group()[1:]], view)
    if " dye" in view:
        view = _DYE_AS_DIE.sub(r" \1 die", view)
    return _DYE.sub(lambda m: f" dye{'ing' if m.group(1) == 'ing' else 'd' if m.group(1) == 'ed' else ''} {m.group(2)}",
                    view) if " d" in view else view


def english_views(folded: str) -> tuple[str, ...]:
    """The folded text as plain lower-case words: one view, two when a 1 inside a word may be i or l, none
    when there is no Latin letter."""
    if not _ASCII_LETTER.search(folded):
        return ()
    first = _english(folded, _LEET_I)
    if _ONE_IN_WORD.search(folded):
        return first, _english(folded, _LEET_L)
    return (first,)


_WILD = "zqxwild"  # stands for * while a phrase goes through the English view


def english_words(phrase: str) -> list[tuple[str, bool]]:
    """A Latin-letter phrase as (word, ends with *) pairs, normalised like the English view."""
    views = english_views(fold(phrase.replace("*", _WILD + " ")))
    view = views[0].replace(" " + _WILD, _WILD) if views else ""  # ``kill *`` -> ``kill*``
    words: list[tuple[str, bool]] = []
    for word in view.split():
        if word.endswith(_WILD):
            if word != _WILD:
                words.append((word.removesuffix(_WILD), True))
        else:
            words.append((word, False))
    return words
