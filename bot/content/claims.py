"""Claims lint: wording Japan's medical advertising guideline does not allow (guarantees, superlatives ...).

The lists live in ``content/<lang>/claims.yaml`` so staff can extend them, and every language's lists are applied
to every language's text (an English "No.1" inside Japanese text is still a superlative). Matching ignores case and
full-/half-width; English words match whole words only ("cure" does not fire on "secure"). Japanese words are also
matched by their dictionary form through the project's Japanese analyser (``bot.safety.japanese``, loaded once per
process), so 治る in a list meets 治ります and 治った, and a word of hiragana only never matches inside another word
(ない is not in 少ない).

Three kinds of entry: ``words``, ``patterns`` (regular expressions) and ``families``: one term of each group within
one sentence, e.g. [必ず, 確実, 自信] then [治る, 改善, 効果], which meets phrasings no list of words foresees
(効き目には自信があります, "we are confident it works").

Last, the shapes of a claim that no list foresees (``bot.content.claim_grammar``: a result promised to the reader,
a comparison with others, a patient's story, a push to act now ...) are tried on what no list entry found, and read
with the same grammar below.

An honest negation is not a claim: 「完治を約束するものではありません」 and "TMS is not a cure" say the opposite
of the word they contain. A finding is dropped when, in the same sentence,
    - a Japanese word is followed (before the sentence's own です/ます) by an ending of ``negations_after``, or
      directly by a negative auxiliary (改善しない, 治らない), or
    - an English word is preceded within a few words by one of ``negations_before``, or followed at once by one of
      ``negations_after`` ("results are not guaranteed", "a cure is not promised"), or
    - for a family, a negation stands between its terms ("side effects may not always be absent"),
unless the negation is one of ``not_negations`` ("not only", 「だけではありません」). A list word that itself holds
a negation (副作用はありません, "no side effects") is judged by what surrounds it, so it stays a claim.

A word talked about as a word is not a claim either, when the sentence says it is not used: it stands in quotes, or
after one of ``mentions_before`` ("words like", "called"), or before one of ``mentions_after`` (といった言葉), and
the sentence, outside the quotes, holds a negation or one of ``mention_negations`` ("we avoid words like
'cutting-edge'", 「「画期的」といった言葉は使いません」). A claim inside quotes stays a claim when the negation is
only inside them (a testimonial 「副作用は全くありませんでした」).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.content.cjk_emphasis import is_cjk
from bot.content.claim_grammar import CONSTRUCTIONS
from bot.content.claim_limits import limited
from bot.content.required_text import required_strings
from bot.content.schema import ClaimFamily, Claims
from bot.vocabulary import fold

_SENTENCE_END = re.compile(r"[。．！？!?\n]|\.(?:\s|$)|[;:]")
_PHRASE_END = re.compile(r"[。．！？!?\n]|\.(?:\s|$)")
"""A sentence's end, except a colon: a list after 「次の説が提唱されています：」 is said under that lead-in."""
_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<![a-z0-9])'[^']*'(?![a-z0-9])")
"""A quoted stretch: 「」『』, curly and straight quotes (a straight apostrophe only between non-letters)."""
_MENTION_WINDOW = 60
_CLAUSE_BREAK = re.compile(r"(?<![はも])[、,，]|\bbut\b|\bwhile\b|\bwhereas\b|ですが|けれど|一方")
"""Where a clause ends; a comma after a topic (エクソソーム点滴は、…) only pauses inside it."""
_JA_ASSERTION_END = re.compile(r"です|ます|でした|ました")
_JA_PHRASE_BREAK = re.compile(r"(?<![はもをが])[、,，](?!\s*と)|ですが|ますが|けれど|けど|ので|から(?!だ)"
                              r"|一方|ため|て(?=[、,])")
"""Where a Japanese phrase ends: a comma (not after a topic は/も or before a quoting と) or a conjunction."""
_JA_CONJUNCTIVE_DE = re.compile(r"^(?:で|なら|なので|だから)[、,，]")
_JA_NEGATIVE_CLAUSE_END = re.compile(r"(?:ません|ない|なく|なし|無し|ゼロ)"
                                     r"(?=(?:が|けれど|けど|ものの|ので|から|し)?[、,，](?!\s*と)|が|けれど|けど|ものの)"
                                     r"|(?<![必らまは])ず(?=[、,，])")
"""A negative predicate that ends the claim's clause (副作用は一切ありませんが、…; 副作用がなく、…): a hedge after it
(…効果には個人差があります) belongs to the next clause and does not take the claim back."""
"""A claim word closed by a conjunctive で (期間限定で、…): what follows the comma is another phrase."""
_JA_GOES_ON = re.compile(r"に|と(?!は)|で(?!す|しょう|は)|[^。、]{0,3}(治療|方法|点滴|施術|医療|クリニック|体|からだ"
                         r"|身体|毎日|人生|生活|未来|状態|効果|ケア|プラン"
                         r"|方|人|患者|なら|ように|はず|わけ|もの|ほど|くらい)")
"""After a negative auxiliary, words that make it part of the claim (副作用のない治療, 申し込まないと損)."""
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_HIRAGANA = re.compile(r"^[\u3041-\u309f]+$")
_EN_WORDS_BEFORE = 9
_EN_ASKED = (r"\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|unsure|not sure)"
             r"(?:\s+(?:us|me|you|them|the doctor|our doctors|themselves))?\s+if\b"
             r"|\btoo (?:early|soon) to (?:say|tell|know|claim|conclude)\b")
_EN_ASKED_IN = re.compile(_EN_ASKED)
"""A claim asked about or not yet to be made, read inside a long pattern's match too ("A patient asked if TMS was
a permanent cure")."""
_EN_HEDGES_BEFORE = re.compile(r"\b(?:hope|hopes|hoped|hopefully|whether|hypothes\w*|unproven)\b|" + _EN_ASKED)
"""A hope or a question of whether, a few words before a claim, is not a claim ("We hope the combination helps",
"People ask us if there is no risk at all", "It is too early to say that …")."""
_EN_NEGATORS = ("not", "no", "never", "cannot", "can't", "won't", "don't", "doesn't", "didn't", "isn't", "aren't",
                "wasn't", "haven't", "hasn't", "shouldn't", "wouldn't", "couldn't", "without", "nor", "neither",
                "rather than", "instead of", "nobody", "no one", "none", "nothing")
_NOT_NEGATIONS = ("nothing beats", "nothing compares", "nothing works better", "nothing else", "nothing like",
                  "nothing but", "not only", "not just", "no doubt", "no wonder", "got nothing", "nothing worked",
                  "nothing helped", "did nothing", "だけではありません", "だけではない")
"""Phrases that hold a negator but are no negation ("nothing beats TMS", "those who got nothing from other clinics
improve here"): always applied."""
"""English grammar's negators, always applied (the file's ``negations_before`` adds to them)."""
_EN_NEGATORS_AFTER = ("cannot", "can't", "can not", "won't", "doesn't", "don't", "didn't", "wasn't", "weren't",
                      "wouldn't", "shouldn't", "couldn't", "mustn't", "is no longer", "are no longer")
"""Negated verbs right after an English claim word, with only auxiliaries between: the word is the subject of
a denial ("a cure cannot be promised", "testimonials cannot tell you …")."""
_HEDGES_AFTER = ("vary", "varies", "differ*", "depends", "depend on", "とは限りません", "とは限らない", "とは限らず",
                 "というより", "ではなく", "ではありません", "わけではありません", "とは言えません", "とはいえません",
                 "かどうか", "かもしれ", "控えて", "控えます", "差し控え", "見合わせ", "お断り", "研究中", "研究段階",
                 "未確立", "不明", "人によって異な", "人により異な", "人によって違", "人により違", "人それぞれ",
                 "個人差があ")
"""Hedges and negations after a word that any text uses ("results vary", 「…とは限りません」); the file's
``negations_after`` adds to them."""
_MENTIONS_BEFORE = ("words like", "words such as", "terms like", "called", "calling", "call it", "call a",
                    "advertise", "advertises", "advertised as", "adverts", "ads", "claim", "claims", "claiming", "says",
                    "clinics that", "clinics which", "clinic that", "any clinic", "websites", "sites that",
                    "read that", "heard that", "hear that", "told that", "tells you", "tell you", "tell us", "told us",
                    "describe", "describes", "described", "articles", "myth that", "misconception that", "expected",
                    "they expect", "call", "people believe", "some believe", "many believe", "is believed",
                    "are believed", "the idea that", "the notion that", "the belief that", "the claim that",
                    "the view that", "it is said", "you may hear", "heard it said", "website promises",
                    "site promises", "sites promise", "clinic promises", "clinics promise", "advert promises",
                    "anyone promises", "someone promises")
_MENTIONS_AFTER = ("という", "といった", "などの言葉", "のような言葉", "と宣伝", "とうたう", "と謳", "と呼", "と言う",
                   "と書", "する医療機関", "するクリニック", "する病院", "する広告", "と思われ", "と期待され",
                   "とお考え", "と言われ", "と紹介", "と約束", "と報告")
_MENTION_NEGATIONS = ("avoid*", "wary", "beware", "careful", "caution*", "cautious", "nothing", "in fact", "actually",
                      "ask what", "based on", "sceptical", "skeptical", "no evidence",
                      "hypothes*", "theory", "in animals", "not true", "untrue", "myth", "misconception",
                      "little evidence", "not the case", "ask for", "under way", "underway", "being studied",
                      "wrong", "misleading", "incorrect", "inaccurate", "false", "unfounded", "unsupported",
                      "experimental", "unproven", "research stage",
                      "注意", "避け", "控え", "使いません", "使わず", "根拠", "実際には", "鵜呑み", "気をつけ",
                      "仮説", "説は", "段階", "動物実験", "誤解", "事実ではありません", "事実ではない", "乏しい",
                      "正しくありません", "もいますが", "途中", "研究中")
"""How any text talks about a word as a word and says it is not used or means nothing: always applied, the
file's ``mentions_before``, ``mentions_after`` and ``mention_negations`` add to them."""
_EN_COORDINATED = re.compile(r"\b(?:not|never|neither|n['’]t|cannot)\b(?:(?!\b(?:but|so|yet|because)\b)[^,;:–—])*"
                             r"\b(?:or|nor)\b(?:(?!\b(?:but|so|yet|because)\b)[^,;:–—])*$")
"""A negated verb whose scope runs on through "or"/"nor" ("we do not compare … or claim to be number one")."""
_EN_NONE_OF = re.compile(r"\b(?:no such|there is no|there are no|there's no)\b(?:(?!\b(?:but|and|so|yet)\b)[^.;:–—])*$")
""""There is no such thing as a painless, risk-free treatment": the negation covers the list after it."""
_EN_DENIAL = re.compile(r"\b(?:does not|doesn't|did not|didn't|do not|don't|would not|wouldn't|will not|won't)\s+"
                        r"(?:necessarily\s+|automatically\s+)?(?:mean|prove|make|show|guarantee)\b"
                        r"|\b(?:is|are)(?:\s+not|n't)\s+(?:a\s+|any\s+|the same as\s+|a substitute for\s+"
                        r"|in itself\s+|on its own\s+|scientific\s+|reliable\s+)*"
                        r"(?:guarantee|proof|sign|promise|evidence)\b"
                        r"|\b(?:is|are)\s+no\s+(?:guarantee|proof|sign|promise|evidence)\b"
                        r"|\b(?:is|are)(?:\s+not|n't)\s+something\b[^.;]{0,30}?\b(?:promise|guarantee|claim|offer)\b"
                        r"|\b(?:says|tells you|means|proves|shows)\s+nothing\b")
"""A denial of what a fact implies ("no reported side effects does not mean there is no risk", "no discomfort at
all is not something any clinic can promise"): the claims it is about, its subject before it and its object after
it, are denied, not made."""
_EN_OTHERS_NOT = re.compile(r"[^.;]{0,60}?\b(?:but|while|whereas|and|yet)\s+"
                            r"(?:many|most|others|other people|plenty|many others|most others)\s+"
                            r"(?:(?:did|do|does|have|has|will|were|are|could)(?:\s+not|n't)\b"
                            r"|(?:noticed?|notices|see|sees|saw|feel|feels|felt|get|gets|got|experienced?|experiences"
                            r"|have|has|had|find|finds|found)\s+(?:little|no|nothing|none)\b)"
                            r"|[^.;]{0,60}?\bbut not (?:all|everyone|everybody|every patient|for everyone|always)\b")
"""A result said of some and denied of many after it ("some people improved with TMS, but many did not", "…,
while others notice little or no change", "…, but not everyone")."""
_EN_ASIDE = re.compile(r",\s*(?:including|such as|like|except|apart from|other than|in particular|for example"
                       r"|of course|at least)\b[^,;.]{0,30},")
"""An aside between commas, read as if it were not there when looking for a negation before a claim."""
_EN_ASIDE_AFTER = re.compile(r",\s*(?:if (?:at all|any)|if ever|in our experience|on average|as a rule|of course"
                             r"|in practice|in general|at first|for now)\s*,")
"""An aside right after a claim word, read past when looking for a hedge after it ("…, if at all, differs")."""
_EN_NEGATOR_START = re.compile(r"(?:no|zero|without|never|free of|free from)\b")
_EN_NEGATED_ITEM = re.compile(r"\b(?:no|zero|without)\s+[\w-]+(?:\s+[\w-]+){0,2}\s*(?:,|\band\b|\bor\b)\s*$")
"""An item of a list of negated nouns before a claim that is itself negated ("no drugs and no downtime")."""
_EN_DISCLAIMED = re.compile(r"\b(?:we|i|the clinic|our (?:clinic|doctors|staff))\s+"
                            r"(?:(?:do|does|would|will|can|could)\s+(?:not|never)"
                            r"|don't|doesn't|wouldn't|won't|cannot|can't|never)\s+"
                            r"(?:claim|say|promise|guarantee|suggest|pretend|advertise)\b"
                            r"(?![^.;,]{0,12}\b(?:lightly|casually|for nothing|without reason)\b)")
"""The speaker disowning what the sentence said, later in it ("Compared with other clinics, we do not claim to be
better"), inside a long pattern's match too: the claim is put aside, as a negation before it would; "we do not
say that lightly" insists instead."""
_EN_NOUN_DENIED = re.compile(r"\s+(?:guarantees?|promises?|claims?)\b")
_EN_CONDITION = re.compile(r"\b(?:even if|even though|although|though|just because|if|while|whereas|because)\b")
"""A clause that a following "that does not mean …" takes back ("Even if …, that does not mean …")."""
_JA_REQUEST = re.compile(r"(?:(?!ので|から|ます|です|でしょう|ば|たら)[^。、]){0,16}?"
                         r"(?:ご相談|ご連絡|お知らせ|お伝え|ご確認|ご申告|ご記入|相談して|連絡して|伝えて|確認して|守って)"
                         r"(?:ください|下さい|しましょう|いただけますか)")
_EN_REQUEST = re.compile(r"\s+(?:to\s+)?(?:tell|ask|check|consult|let us know|talk|speak|contact|call|inform|follow|"
                         r"read|bring|seek)\b")
"""A claim word that opens a request to the reader ("必ず主治医にご相談ください", "Always tell your doctor …") is an
instruction, not a promise; a reason in between (…良くなるのでご相談ください) keeps it a claim."""
_IDIOMS = re.compile(r"\b(?:(?:do|doing|try|trying) (?:our|my|your|their|his|her) best|at best|best to|best way to|"
                     r"feel free|free to|free yourself to ask|(?:you|they|patients|we) first come to"
                     r"|refunds? (?:of|for) (?:unused|remaining|cancell?ed|the remaining)"
                     r"|refund (?:policy|rules|terms))\b")
"""Set phrases that hold a list word and claim nothing ("we will do our best", "you are free to stop", "when you
first come to us", "a refund of unused sessions")."""
_FIGURE = re.compile(r"\d\s?(?:[%％]|percent\b|per cent\b|割)|\b\d+ (?:in|out of) \d+\b")
_CITED_SOURCE = re.compile(
    r"\b(?:according to|published|(?:meta-?|pooled )?analys[ie]s|studies|study|trials?|reviews?|summary|summaries"
    r"|guidelines?|literature|papers?|journals?|researchers?|jspn|(?:is|are|was|were|been) reported)\b"
    r"|報告|研究|論文|試験|調査|文献|出典|学会|解析|まとめ|ガイドライン|とされ")
_OWN_SOURCE = re.compile(r"\b(?:we|our|ours)\b|(?<!the )(?<!a )\bus\b(?!\s+(?:trials?|stud|fda|data|guideline|multi"
                         r"|national|government))|(?:this|the) clinic(?!al)|当院|私たち|わたしたち|当クリニック"
                         r"|\b(?:prove|proves|proved|proven|proof)\b"
                         r"|証明|実証|立証")
"""A figure said with the study, report or body it comes from ("The JSPN summary reports response in 30-40% of
patients") cites what is known; the same figure told as the clinic's own result ("our 95% success rate") or as
what research proves ("studies prove 98% success") still sells. The "us" of "a US trial" is a country."""
_EN_RISK_NEXT = re.compile(
    r"\s+(?:(?:can|may|might|could|will|still|sometimes|occasionally)\s+)*"
    r"(?:experience|get|have|develop|feel|notice|suffer(?:\s+from)?|be affected by)\s+"
    r"(?:(?!no\b|without\b|free\b|zero\b)[\w-]+\s+){0,3}?"
    r"(?:side[\s-]effects?|risks?|adverse|headaches?|discomfort|pain|seizures?|harm|complications?|reactions?"
    r"|dizziness|nausea|fatigue|tiredness|soreness)\b")
"""A risk said of everyone is no promise: "Anyone can experience side effects" warns; "anyone can benefit" sells."""
_JA_WINDOW = 40
_EN_AFTER_WINDOW = 30
_NEGATIVE_AUX = {"ない", "無い", "ず", "ぬ", "ん", "兼ねる", "かねる"}
"""A Japanese word followed by one of these (after any of ``_LIGHT``) is negated: 改善しない, 治らない."""
def _negative(forms: frozenset[str]) -> bool:
    """Whether a token is a negative auxiliary: the ん of 「いいんです」 is の said short, not the ん of ません."""
    return bool(forms & _NEGATIVE_AUX) and "の" not in forms


_LIGHT = {"する", "為る", "できる", "出来る", "れる", "られる", "せる", "させる", "て", "いる", "居る", "は", "も"}

Span = tuple[int, int]


@dataclass(frozen=True)
class Finding:
    """One prohibited expression: the list entry that matched, the text as found and the rule it breaks."""

    category: str
    word: str
    why: str
    rule: str = ""
    found: str = ""
    start: int = 0
    expected: str = ""
    fix: str = ""
    end: int = 0
    label: str = ""
    """The entry as staff read it: the word, the family's or pattern's name; empty for a bare regex (then the
    category's label names it)."""


# --- terms ------------------------------------------------------------------------------------------------------

def _word_pattern(word: str) -> str:
    stem = word.endswith("*")
    word = word.rstrip("*")
    pattern = r"[\s-]+".join(re.escape(part) for part in word.split()) if word.isascii() else re.escape(word)
    if word[:1].isascii() and (word[0].isalnum() or word[0] == "_"):
        pattern = r"(?<![a-z0-9_])" + pattern
    if stem:
        pattern += r"[\w'’-]*"
    elif word[-1:].isascii() and (word[-1].isalnum() or word[-1] == "_"):
        pattern = pattern + r"(?![a-z0-9_])"
    return pattern


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str] | None:
    folded = sorted({fold(c).strip() for c in cues if c.strip()}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile("|".join(_word_pattern(c) for c in folded))


@dataclass(frozen=True)
class _Term:
    """A word, a pattern or a family's term: a regular expression on the folded text and, for Japanese, the
    dictionary forms of its words (matched token by token)."""

    regex: re.Pattern[str] | None
    lemmas: tuple[frozenset[str], ...] = ()
    negative: bool = False
    """The term itself ends in a negation (副作用がない), so a negation after it is part of the claim."""
    literal: str = ""
    """Text the regular expression cannot match without (most texts lack it, and ``in`` is fast)."""
    any_of: frozenset[str] = frozenset()
    """Strings of which the regular expression's every match holds one (``bot.content.required_text``)."""

    def absent_from(self, folded: str) -> bool:
        """True when the text lacks what every match of the regular expression needs: no scan can find it."""
        return bool((self.literal and self.literal not in folded)
                    or (self.any_of and not any(s in folded for s in self.any_of)))


def _lemmas(word: str) -> tuple[frozenset[str], ...]:
    from bot.safety import japanese  # the one analyser of the project, loaded once per process

    out: list[frozenset[str]] = []
    for token in japanese.tokens(word):
        if token.boundary:
            continue
        out.append(frozenset(token.forms))
    return tuple(out)


def _regex(source: str) -> re.Pattern[str]:
    """A pattern of a list; one without Japanese reads ``\\b`` and ``\\w`` as ASCII, so an English claim written
    straight into Japanese text is found too (「perfectなケア」: ``\\bperfect\\b`` ends before な)."""
    return re.compile(source, 0 if _CJK.search(source) else re.ASCII)


@lru_cache(maxsize=8192)
def _term(source: str, *, regex_only: bool = False) -> _Term:
    """A list entry compiled (cached: a content reload compiles only what changed)."""
    if source.startswith("re:") or regex_only:
        compiled = _regex(fold(source[3:]) if source.startswith("re:") else fold(source).strip())
        return _Term(compiled, any_of=required_strings(compiled))
    folded = fold(source).strip()
    literal = folded.rstrip("*")
    if literal.isascii() and " " in literal:  # each word is matched as written, joined by [\s-]+: the longest one
        literal = max(literal.split(), key=len)  # must be in the text
    if folded.rstrip("*").isascii():
        return _Term(re.compile(_word_pattern(folded)), literal=literal)
    lemmas = _lemmas(folded)
    negative = bool(lemmas) and _negative(lemmas[-1])
    if _HIRAGANA.match(folded) and len(lemmas) > 1:
        # kana-only phrases are matched as written: by dictionary forms, いらない (要る) would meet ていない (居る)
        return _Term(re.compile(_word_pattern(folded)), (), negative, literal)
    regex = None if _HIRAGANA.match(folded) else re.compile(_word_pattern(folded))  # 0円 is not in 10,000円
    return _Term(regex, lemmas, negative, literal)


@dataclass
class _Text:
    """One text to lint: folded, with its Japanese tokens when it holds any (start, end, forms)."""

    folded: str
    tokens: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    by_form: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> _Text:
        folded = fold(text)
        out = cls(folded)
        if _CJK.search(folded):
            from bot.safety import japanese

            for token in japanese.tokens(folded):
                if token.boundary or not token.forms:
                    continue
                length = max((len(f) for f in token.forms if folded.startswith(f, token.start)), default=1)
                out.tokens.append((token.start, token.start + length, frozenset(token.forms)))
            for i, (_, _, forms) in enumerate(out.tokens):
                for form in forms:
                    out.by_form.setdefault(form, []).append(i)
        return out

    def spans(self, term: _Term) -> list[Span]:
        found: list[Span] = []
        if term.regex is not None and not term.absent_from(self.folded):
            found = [m.span() for m in term.regex.finditer(self.folded) if m.end() > m.start()]
        if term.lemmas and self.tokens:
            starts = {i for form in term.lemmas[0] for i in self.by_form.get(form, ())}
            for i in starts:
                j = i + len(term.lemmas)
                if j <= len(self.tokens) and all(self.tokens[i + k][2] & lem for k, lem in enumerate(term.lemmas)):
                    found.append((self.tokens[i][0], self.tokens[j - 1][1]))
            found = sorted(set(found))
        if not found or term.negative or not self.tokens:
            return found
        return [s for s in found if not self._verb_negated(s[1])]

    def _verb_negated(self, end: int) -> bool:
        """Whether a Japanese word ending at ``end`` is followed by a negative auxiliary (改善しない)."""
        if not self.tokens or end >= len(self.folded) or not is_cjk(self.folded[end]):
            return False
        at = bisect.bisect_left(self.tokens, (end,))
        following = self.tokens[at:at + 3]
        for start, _, forms in following:
            if start > end + 4:
                return False
            if _negative(forms):
                return True
            if not forms & _LIGHT:
                return False
        return False


# --- the lint ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    """A word or a pattern of a category."""

    term: _Term
    category: str
    word: str
    english: bool
    inner_negation: bool = False
    """An English pattern with no negation of its own: a negated verb inside what it matched negates it ("you
    should not think of TMS as a permanent cure", "… at other clinics may not improve here")."""
    unless: re.Pattern[str] | None = None
    """Words that, in the same sentence, make it no claim (a construction's hypothesis words)."""
    label: str = ""
    """The entry's readable name (see ``Finding.label``)."""


_OWN_NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|without|nor|cannot)\b")
_OWN_CONTRACTION = re.compile(r"n\)?(?:['’]|\[['’]+\])\??t\b")
"""A contracted negation as a pattern writes it: ``can't``, ``don'?t``, ``won['’]t``."""


def _own_negation(source: str) -> bool:
    """Whether a pattern's words hold a negation (``\\bno side effects\\b``, ``can'?t match``): a contraction read
    as written, the words with escapes and operators taken out (a plain "can" is no negation: ``can cure``)."""
    return _OWN_CONTRACTION.search(source) is not None \
        or _OWN_NEGATION.search(re.sub(r"\\[a-zA-Z]|[^a-zA-Z\s]", " ", source)) is not None


_EN_INNER_NEGATION = re.compile(r"\b(?:not|never|cannot)\b|\b\w+n['’]t\b")


@dataclass(frozen=True)
class _Family:
    groups: tuple[tuple[_Term, ...], ...]
    category: str
    spec: ClaimFamily
    english: bool
    unless: re.Pattern[str] | None


@dataclass(frozen=True)
class _Category:
    why: str
    rule: str
    expected: str
    fix: str


class ClaimsLint:
    """The compiled matchers of every language's lists. ``shared`` keeps one per set of lists, with the findings
    of each text it has seen, so a content reload only lints the texts that changed."""

    _shared: dict[str, ClaimsLint] = {}

    @classmethod
    def shared(cls, claims: Iterable[Claims]) -> ClaimsLint:
        lists = list(claims)
        key = "\n".join(m.model_dump_json() for m in lists)
        lint = cls._shared.get(key)
        if lint is None:
            if len(cls._shared) >= 4:
                cls._shared.clear()
            lint = cls._shared[key] = cls(lists)
        return lint

    def __init__(self, claims: Claims | Iterable[Claims]) -> None:
        lists = [claims] if isinstance(claims, Claims) else list(claims)
        self._seen: dict[str, list[Finding]] = {}
        self._rules: list[_Rule] = []
        self._families: list[_Family] = []
        self._categories: dict[str, _Category] = {}
        seen: set[tuple[str, str]] = set()
        for model in lists:
            for category, group in model.categories.items():
                self._categories.setdefault(category, _Category(group.why, group.rule, group.expected, group.fix))
                for word in group.words:
                    folded = fold(word).strip()
                    if not folded or (category, folded) in seen:
                        continue
                    seen.add((category, folded))
                    label = "" if word.startswith("re:") else word
                    self._rules.append(_Rule(_term(word), category, word, folded.isascii(), label=label))
                for entry in group.patterns:
                    source, label = (entry, "") if isinstance(entry, str) else (entry.pattern, entry.name)
                    self._rules.append(_Rule(_term(source, regex_only=True), category, source, source.isascii(),
                                             source.isascii() and not _own_negation(source), label=label))
                for spec in group.families:
                    groups = tuple(tuple(_term(t) for t in terms) for terms in spec.terms)
                    english = not any(is_cjk(ch) for terms in spec.terms for t in terms for ch in t)
                    self._families.append(_Family(groups, category, spec, english, _cue_pattern(spec.unless)))
        self._constructions: list[_Rule] = []
        for construction in CONSTRUCTIONS:
            if construction.category in self._categories:
                source = construction.pattern.pattern
                term = _Term(construction.pattern, any_of=required_strings(construction.pattern))
                self._constructions.append(_Rule(term, construction.category,
                                                 construction.name, True, not _own_negation(source),
                                                 construction.unless, construction.name))
        self._after = _cue_pattern([*_HEDGES_AFTER, *_EN_NEGATORS_AFTER,
                                    *(c for m in lists for c in m.negations_after)])
        self._before = _cue_pattern([*_EN_NEGATORS, *(c for m in lists for c in m.negations_before)])
        self._not_negations = [fold(p) for p in [*_NOT_NEGATIONS, *(p for m in lists for p in m.not_negations)]
                               if p.strip()]
        self._mention_before = _cue_pattern([*_MENTIONS_BEFORE, *(c for m in lists for c in m.mentions_before)])
        self._mention_after = _cue_pattern([*_MENTIONS_AFTER, *(c for m in lists for c in m.mentions_after)])
        self._mention_negations = _cue_pattern(
            [*_MENTION_NEGATIONS, *_EN_NEGATORS, *_HEDGES_AFTER,
             *(c for m in lists for c in [*m.mention_negations, *m.negations_before, *m.negations_after])])

    def findings(self, text: str) -> list[Finding]:
        """Every claim in ``text``: one per list entry or family (its first occurrence that is not negated)."""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= 8192:
                self._seen.clear()
            found = self._seen[text] = self._findings(text)
        return list(found)

    def explain(self, text: str) -> list[tuple[str, str, str]]:
        """Every list entry that fires on ``text``, before overlapping findings are merged: (category, word or
        family name, the family's terms found inside the match, joined by " + "; empty for a word or pattern).
        ``bench/claims_eval.py --cv`` uses it to tell which entries only one development set needs."""
        view = _Text.of(text)
        out: list[tuple[str, str, str]] = []
        for finding in self._findings(text, merge=False):
            terms = ""
            family = next((f for f in self._families if f.spec.name == finding.word
                           and f.category == finding.category), None)
            if family is not None:
                used = []
                for g, group in enumerate(family.groups):
                    for t, term in enumerate(group):
                        if any(a < finding.end and finding.start < b for a, b in view.spans(term)):
                            used.append(f"{g}:{family.spec.terms[g][t]}")
                terms = " + ".join(used)
            out.append((finding.category, finding.word, terms))
        return out

    def _findings(self, text: str, *, merge: bool = True) -> list[Finding]:
        view = _Text.of(text)
        folded = view.folded
        out: list[Finding] = []
        for rule in self._rules:
            if not rule.term.lemmas and rule.term.absent_from(folded):
                continue  # what ``spans`` would find at once, without two calls for each of a thousand rules
            span = self._claim_span(view, rule)
            if span is not None:
                out.append(self._finding(rule.category, rule.word, folded, *span, label=rule.label))
        for family in self._families:
            match = self._family_match(view, family)
            if match is not None:
                out.append(self._finding(family.category, family.spec.name, folded, *match, label=family.spec.name))
        for rule in self._constructions:  # the shape of a claim no list entry found: a listed word names it better
            span = self._claim_span(view, rule)
            if span is not None and not any(f.start < span[1] and span[0] < f.end for f in out):
                out.append(self._finding(rule.category, rule.word, folded, *span, label=rule.label))
        return _one_per_expression(out) if merge else out

    def _claim_span(self, view: _Text, rule: _Rule) -> Span | None:
        """The first place where ``rule`` matches and its sentence does not take the claim back."""
        folded = view.folded
        for start, end in view.spans(rule.term):
            # a Japanese word can meet English words through the analyser's readings (ビフォーアフター in
            # "before/after"): what it matched is English and is read by English grammar
            latin = rule.english or folded[start:end].isascii()
            english = latin and not (is_cjk(_next_visible(folded, end, 1)) or (
                not rule.word[:1].isalpha() and is_cjk(_next_visible(folded, start - 1, -1))))
            if self._negated(folded, start, end, english, view) or self._mentioned(folded, start, end) \
                    or _asked(folded, start, end) or _instruction(folded, start, end) \
                    or _cited_figure(folded, start, end) or _EN_RISK_NEXT.match(folded, end) is not None \
                    or (rule.inner_negation and english and self._negated_inside(folded, start, end)) \
                    or (english and _EN_DISCLAIMED.search(folded, start, end) is not None) \
                    or _limited(folded, start, end, english, rule.category) \
                    or (rule.unless is not None and rule.unless.search(
                        folded, _sentence_start(folded, start, _PHRASE_END), _sentence_end(folded, end))):
                continue
            return start, end
        return None

    def _finding(self, category: str, word: str, folded: str, start: int, end: int, *, label: str) -> Finding:
        c = self._categories[category]
        return Finding(category, word, c.why, c.rule, folded[start:end], start, c.expected, c.fix, end, label)

    def _family_match(self, view: _Text, family: _Family) -> Span | None:
        text = view.folded
        occurrences: list[list[Span]] = []
        for group in family.groups:  # most texts hold no term of a family's first group: stop there
            spans = sorted({s for term in group for s in view.spans(term)})
            if not spans:
                return None
            occurrences.append(spans)
        orders: Iterable[Sequence[int]] = [range(len(occurrences))] if family.spec.ordered else \
            itertools.permutations(range(len(occurrences)))
        for order in orders:
            for first in occurrences[order[0]]:
                chain = [first]
                for g in order[1:]:  # the nearest term of each next group: the negation after it is its own
                    after = [s for s in occurrences[g] if s[0] >= chain[-1][1]]
                    if not after:
                        break
                    chain.append(after[0])
                if len(chain) < len(order):
                    continue
                start, end = chain[0][0], chain[-1][1]
                if end - start > family.spec.span or _sentence_start(text, end) > start:
                    continue
                if family.unless is not None and family.unless.search(
                        text, _sentence_start(text, start, _PHRASE_END), _sentence_end(text, end)):
                    continue
                gaps = [text[a[1]:b[0]] for a, b in itertools.pairwise(chain)]
                english = family.english or text[start:end].isascii()
                if family.spec.same_clause and any(_CLAUSE_BREAK.search(gap) for gap in gaps):
                    continue
                if family.spec.negation_between and (
                        any(self._negation_in(gap, english) for gap in gaps)
                        or any(self._gap_negated(view, a[1], b[0]) for a, b in itertools.pairwise(chain))):
                    continue
                if self._negated(text, start, end, english, view) or self._mentioned(text, start, end) \
                        or _asked(text, start, end) or _instruction(text, start, chain[0][1]) \
                        or _limited(text, start, end, english, family.category):
                    continue
                return start, end
        return None

    def _negated_inside(self, text: str, start: int, end: int) -> bool:
        """Whether an English negated verb or a hedge ("asked if") stands inside a match, other than a phrase that is
        no negation."""
        inside = text[start:end]
        return self._cue_in(_EN_INNER_NEGATION, inside, inside) or _EN_ASKED_IN.search(inside) is not None

    @staticmethod
    def _gap_negated(view: _Text, start: int, end: int) -> bool:
        """Whether a negative auxiliary between two terms of a family ends the first one's claim (保証はできません
        が、…効果), unless it goes on as part of the claim (薬に頼らない毎日が…)."""
        at = bisect.bisect_left(view.tokens, (start,))
        for token_start, token_end, forms in view.tokens[at:]:
            if token_start >= end:
                return False
            if _negative(forms) and not _JA_GOES_ON.match(view.folded, token_end, end):
                return True
        return False

    def _negation_in(self, gap: str, english: bool) -> bool:
        cues = self._before if english else self._after
        return cues is not None and self._cue_in(cues, gap, gap)

    def _negated(self, text: str, start: int, end: int, english: bool, view: _Text | None = None) -> bool:
        sentence_start = _sentence_start(text, start)
        sentence_end = _sentence_end(text, end)
        if english:
            before = text[sentence_start:start]
            # "don't worry, this will definitely ...", "a future without depression – guaranteed" are not negated,
            # but an aside between commas keeps the clause open ("No treatment, including ours, is guaranteed")
            before = _EN_ASIDE.sub(" ", before)
            before = before[max(before.rfind(","), before.rfind("–"), before.rfind("—"), before.rfind(" - ")) + 1:]
            if _EN_NEGATOR_START.match(text, start) and _EN_NOUN_DENIED.match(text, end):
                return True  # "there is no downtime guarantee": what is denied is the guarantee
            if _EN_NEGATOR_START.match(text, start):  # "with no drugs and no downtime": the first "no" is its own
                listed = _EN_NEGATED_ITEM.search(before)
                while listed is not None:
                    before = before[:listed.start()]
                    listed = _EN_NEGATED_ITEM.search(before)
            words = re.findall(r"[\w'’-]+", before)[-_EN_WORDS_BEFORE:]
            window = " ".join(words)
            if self._before is not None and self._cue_in(self._before, window, before):
                return True
            if _EN_HEDGES_BEFORE.search(window):
                return True
            if re.search(r"\beven (?:if|though)\b", before) and "," not in text[start:end]:
                return True  # "Even if you felt better quickly, keep attending": a supposition, not a claim
            if _EN_COORDINATED.search(before) or _EN_NONE_OF.search(text, sentence_start, start):
                return True
            if _en_denied(text, sentence_start, start, end, sentence_end) \
                    or _EN_OTHERS_NOT.match(text, end, sentence_end) \
                    or _EN_DISCLAIMED.search(text, end, sentence_end):
                return True
            aside = _EN_ASIDE_AFTER.match(text, end, sentence_end)
            after_start = aside.end() if aside else end  # "How much people improve, if at all, differs widely"
            after = text[after_start:min(sentence_end, after_start + _EN_AFTER_WINDOW)]
            return self._after is not None and self._cue_in(self._after, after, after, at_start=True)
        after = text[end:min(sentence_end, end + _JA_WINDOW)]
        closed = _JA_NEGATIVE_CLAUSE_END.search(text, max(start, end - 4), end + len(after))
        if closed is not None:
            after = after[:max(0, closed.end() - end)]
        if view is not None and self._predicate_negated(view, end, after):
            return True
        assertion = _JA_ASSERTION_END.search(after)
        if assertion is not None:
            after = after[:assertion.start()]
        conjunctive = _JA_CONJUNCTIVE_DE.search(after)
        if conjunctive is not None:  # 「期間限定で、…いただいておりません」: the negation belongs to the next phrase
            after = after[:conjunctive.start()]
        return self._after is not None and self._cue_in(self._after, after, after)

    def _predicate_negated(self, view: _Text, end: int, after: str) -> bool:
        """Whether the predicate that closes the claim's phrase is negative (…を保証することはしません,
        …とは申しません, 問題がないとは言えません): the phrase's last negative auxiliary, before a comma, a
        conjunction or the sentence's end, does not go on as part of the claim (…ない治療, …ないと, …ずに)."""
        stop = _JA_PHRASE_BREAK.search(after)
        limit = end + (stop.start() if stop else len(after))
        if any(p in view.folded[end:limit] for p in self._not_negations):
            return False
        at = bisect.bisect_left(view.tokens, (end,))
        negated = False
        for start, stop_at, forms in view.tokens[at:]:
            if start >= limit:
                break
            if _negative(forms):
                negated = not _JA_GOES_ON.match(view.folded, stop_at, limit)
        return negated

    def _mentioned(self, text: str, start: int, end: int) -> bool:
        """Whether the words at start:end are talked about as words in a sentence that says they are not used."""
        if self._mention_negations is None:
            return False
        first = _sentence_start(text, start, _PHRASE_END)
        found = _PHRASE_END.search(text, end)
        last = found.start() if found else len(text)
        sentence = text[first:last]
        quotes = [(first + m.start(), first + m.end()) for m in _QUOTED.finditer(sentence)]
        quoted = any(a < start and end < b for a, b in quotes)
        before = text[max(first, start - _MENTION_WINDOW):start]
        after = text[end:min(last, end + _MENTION_WINDOW // 2)]
        mention = quoted \
            or (self._mention_before is not None and self._mention_before.search(before) is not None) \
            or (self._mention_after is not None and self._mention_after.search(after) is not None)
        if not mention:
            return False
        outside = list(sentence)
        for a, b in quotes:
            outside[a - first:b - first] = " " * (b - a)
        plain = "".join(outside)
        return self._cue_in(self._mention_negations, plain, plain) or _REFUTED_NEXT.match(text, last) is not None

    def _cue_in(self, cues: re.Pattern[str], window: str, context: str, *, at_start: bool = False) -> bool:
        for match in cues.finditer(window):
            if at_start and not _only_auxiliaries(window[:match.start()]):
                continue
            if any(match.group(0) in phrase and phrase in context for phrase in self._not_negations):
                continue
            return True
        return False


_REFUTED_NEXT = re.compile(
    r"[.。．!！]?\s*(?:but\s+|however,?\s+|in fact,?\s+)?"
    r"(?:that|this|it|such claims?|these claims?|neither|none of (?:it|this))"
    r"(?:'s|\s+(?:is|are|was|has|have)(?:\s+(?:simply|just))?)?\s+"
    r"(?:not true|untrue|false|a myth|wrong|incorrect|not the case"
    r"|not (?:been )?(?:shown|proven|proved|established|supported)|unproven|misleading|not correct)"
    r"|[.。．!！]?\s*(?:but|however|in fact|in reality|actually)\b[^.!?]{0,60}?"
    r"\b(?:no evidence|not (?:been )?(?:shown|proven|proved|established|confirmed|tested)|not true|unproven"
    r"|experimental|unknown)"
    r"|[.。．!！]?\s*(?:しかし|ですが|でも|ただし|実際には)?[、,]?\s*"
    r"(?:それ|これ|この説|そのような(?:話|説|こと)|こうした(?:話|説))"
    r"(?:は|も)[^。]{0,12}?(?:誤り|誤解|事実ではありません|根拠はありません|正しくありません|確認されていません"
    r"|証明されていません|示されていません|確かめられていません)"
    r"|[.。．!！]?\s*(?:しかし|ですが|ただし|実際には)[、,]?[^。]{0,30}?(?:根拠はありません|確かめられていません"
    r"|証明されていません|示されていません|確認されていません|分かっていません|わかっていません|研究段階)")
"""A claim told as heard or believed and refuted by the next sentence: "You may have heard that exosomes are
risk-free. That is not true.", 「…と言われることがあります。しかし、それは誤りです。」"""


_EN_QUESTION = re.compile(r"\s*[\"“‘'(]?\s*(is|are|was|were|does|do|did|will|would|can|could|should|has|have|may"
                          r"|might)(n['’]t)?\s+(tms|rtms|it|this|that|the|exosomes?|there|i|my|side)\b")
"""A yes/no question about the treatment ("Is TMS a cure?", "Will I definitely get better?"); one put to the
reader ("Would you like a free trial?") still sells."""
_JA_QUESTION = re.compile(r"か(?:[？?、」』]|\s*と|$)"
                          r"|[^。！!？?\n、]{0,10}?(?:ます|です|でしょう|のです|んです)か(?:[？?」』]|\s*と|$)")
"""A yes/no question right after the words (…ますか？, …ですか、と聞かれます); an invitation (…ませんか？) sells."""


_JA_RHETORICAL = ("まだ", "いつまで", "ずっと", "一人で", "ひとりで", "諦めて", "あきらめて")
"""Words that make a question put to the reader sell (「まだ薬に頼っていますか？」)."""


def _asked(text: str, start: int, end: int) -> bool:
    """Whether the words stand in a question asked for information, which claims nothing: 「副作用はありませんか、
    と聞かれます」, "Is TMS a cure?" (a yes/no question, not "Why wait?" or "Still relying on pills?")."""
    if _JA_QUESTION.match(text, end):
        sentence = text[_sentence_start(text, start):end]
        return not any(word in sentence for word in _JA_RHETORICAL)
    first = _sentence_start(text, start)
    found = _SENTENCE_END.search(text, end)
    if found is None or found.group(0) not in "?？":
        return False
    opened = max(text.rfind(mark, first, start) for mark in ('"', "“", "‘", ","))  # a question quoted in a sentence
    return any(_EN_QUESTION.match(text, at) is not None for at in {first, opened + 1} if at > 0 or at == first)


def _limited(text: str, start: int, end: int, english: bool, category: str) -> bool:
    """Whether the claim is said with its limit in its sentence (``bot.content.claim_limits``)."""
    found = _PHRASE_END.search(text, end)
    return limited(text, _sentence_start(text, start), start, end, found.start() if found else len(text), english,
                   category)


def _cited_figure(text: str, start: int, end: int) -> bool:
    """Whether the words at start:end are a figure that its sentence attributes to a source other than the clinic."""
    if _FIGURE.search(text, start, end) is None:
        return False
    first = _sentence_start(text, start, _PHRASE_END)
    found = _PHRASE_END.search(text, end)
    sentence = text[first:found.start() if found else len(text)]
    return _CITED_SOURCE.search(sentence) is not None and _OWN_SOURCE.search(sentence) is None


def _instruction(text: str, start: int, end: int) -> bool:
    """Whether the words at start:end open a request to the reader or stand in a set phrase, which promise
    nothing: 「必ず主治医にご相談ください」, "Always tell us if you feel worse", "we will do our best"."""
    if any(m.start() <= start < m.end() for m in _IDIOMS.finditer(text, max(0, start - 20), end + 20)):
        return True
    if _JA_REQUEST.match(text, end):
        return True
    return text[start:end] in ("always", "never", "be sure", "make sure") and _EN_REQUEST.match(text, end) is not None


def _en_denied(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> bool:
    """Whether an English claim is what a denial is about: its subject ("No reported side effects does not mean
    …", "Even if none were reported, that does not mean …") or its object ("… does not mean there is no risk"),
    in the same clause."""
    denial = _EN_DENIAL.search(text, end, sentence_end)
    if denial is not None:
        gap = text[end:denial.start()]
        if not re.search(r"[,;–—]|\b(?:but|and|so)\b", gap):
            return True
        if re.fullmatch(r"[^,;–—]*,\s*(?:that|this|it|which)?\s*", gap) \
                and _EN_CONDITION.search(text, sentence_start, start):
            return True
        if re.fullmatch(r"[^,;–—]*,\s*(?:but|and)\s+(?:that|this|it)\s*", gap):
            return True  # "Some patients told us they felt better, but that is not evidence that …"
    before = text[sentence_start:start]
    last = max(_EN_DENIAL.finditer(before), key=lambda m: m.start(), default=None)
    return last is not None and not re.search(r"[,;–—]|\b(?:but|so|yet)\b", before[last.end():])


def _one_per_expression(findings: list[Finding]) -> list[Finding]:
    """One finding per expression and rule: a later entry of the same category over the same words is left out
    (「副作用はありません」 is one problem, not a word, a pattern and a family)."""
    kept: list[Finding] = []
    for f in findings:
        if not any(k.category == f.category and k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return kept


_AUXILIARIES = {"is", "are", "was", "were", "has", "have", "been", "be", "should", "will", "would", "can", "could",
                "may", "might", "must", "do", "does", "did"}


_FUNCTION_WORDS = {"of", "the", "a", "an", "in", "for", "with", "on", "to", "your", "our", "its", "their"}
"""Words of a noun phrase the claim word heads ("rejuvenation of the brain has not been shown")."""
_RELATIVE = {"that", "which", "who", "whose", "you", "we", "they", "i", "she", "he", "nobody", "no-one"}
"""A word that opens a clause about the claim word: its negation is part of the claim ("a miracle that never
fades", "a cure you cannot find elsewhere")."""


def _only_auxiliaries(between: str) -> bool:
    """Whether the words between an English claim word and a negation keep the negation on that word: auxiliaries
    and at most one other word ("dramatic [improvement] should not ...") or a short phrase of the claim word's
    ("rejuvenation of the brain has not ..."), with no comma or relative clause in between."""
    if "," in between:
        return False
    words = between.split()
    if any(w in _RELATIVE for w in words):
        return False
    content = [w for w in words if w not in _AUXILIARIES and w not in _FUNCTION_WORDS]
    return len(content) <= 1 or (len(content) <= 2 and len(words) <= 6 and any(w in _FUNCTION_WORDS for w in words))


def _next_visible(text: str, pos: int, step: int) -> str:
    while 0 <= pos < len(text) and text[pos].isspace():
        pos += step
    return text[pos] if 0 <= pos < len(text) else " "


def _sentence_start(text: str, pos: int, ends: re.Pattern[str] = _SENTENCE_END) -> int:
    start = 0
    for match in ends.finditer(text, 0, pos):
        start = match.end()
    return start


def _sentence_end(text: str, pos: int) -> int:
    match = _SENTENCE_END.search(text, pos)
    return match.start() if match else len(text)


def line_of(word: str, raw_text: str, first_line: int = 1) -> int | None:
    """The first line of ``raw_text`` containing ``word`` (folded), counted from ``first_line``."""
    folded = fold(word)
    for offset, line in enumerate(raw_text.splitlines()):
        if folded in fold(line):
            return first_line + offset
    return None
