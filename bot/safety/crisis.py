"""The crisis screen: every typed message is assessed for suicide and self-harm risk before anything else.

Layers, each from content (``crisis.yaml``) except the learned one, both languages' files always applied (a user
with English settings may type Japanese):

1. phrases: listed phrases and patterns in every spelling (``bot.safety.phrase_screen``); ``mentions`` name the
   subject only;
2. rules: word lists in order, a few words apart, on dictionary forms: the analyser's for Japanese
   (``bot.safety.japanese``), lemmas and corrected spellings of the normalised view for English
   (``bot.safety.english``, ``bot.safety.rules``);
3. context: third person -> carer; a question about the topic, a joke marker, or a past that is over -> check-in
   (``bot.safety.context``); it can route or downgrade a finding, never silence it;
4. learned: four small heads (``bot.safety.learned``) that only raise the help (``decide``): a check-in when
   nothing fired, the carer reply for someone else, the full reply for a weak finding or a word of risk.

The strongest tier over all findings wins. A long message is read in pieces (``pieces``). The ``Assessment``
names a layer and a rule, never the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.content.schema import Crisis
from bot.safety import japanese
from bot.safety.bare import BareWords
from bot.safety.context import ContextWords
from bot.safety.english import EnglishForms, word_key
from bot.safety.learned import CheckInModel, features
from bot.safety.normalize import fold, has_japanese
from bot.safety.phrase_screen import ViewScreen, collect
from bot.safety.phrases import Script
from bot.safety.rules import Analyse, Rule, RuleSet, Token, WordList, resolve_part
from bot.safety.sentences import english_text, english_tokens
from bot.safety.signals import NO_SIGNALS, SignalWords, raise_by_plan
from bot.safety.tiers import NO_RISK, Assessment, Layer, Tier, stronger

Strength = Literal["strong", "mention", "weak"]
"""strong: a wish, intent, plan or act; mention: the subject named (a question about it is a check-in);
weak: a check-in at most (a check-in rule, a negated finding)."""


def language_of(text: str) -> Literal["ja", "en"]:
    """``ja`` when the text holds kana or kanji, else ``en``: the language to answer an unprompted message in."""
    return "ja" if has_japanese(text) else "en"


_ENGLISH_WORDS = frozenset((
    "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "my", "myself", "your", "yourself", "we", "she", "they", "them",
    "it", "it's", "this", "that", "the", "and", "or", "but", "of", "for", "with", "from", "about", "is", "am", "was",
    "were", "been", "being", "does", "did", "have", "has", "had", "can", "could", "would", "should", "will", "won't",
    "don't", "dont", "can't", "cant", "cannot", "didn't", "isn't", "not", "never", "anymore", "everything",
    "anything", "nothing", "someone", "anyone", "nobody", "everyone", "people", "one", "want", "wanna", "gonna",
    "going", "like", "feel", "felt", "life", "live", "living", "die", "dying", "dead", "kill", "hurt", "end",
    "tired", "just", "really", "again", "ever", "every", "there's", "thoughts", "suicide", "suicidal", "what", "why",
    "how", "when", "where", "who", "if", "there", "any", "some", "after", "before", "please", "help", "thanks",
    "sorry", "hello", "good", "morning", "yes", "ok", "okay", "speak", "english"))
"""English words that romaji never writes for a Japanese word ("no", "to", "he", "me", "are", "you" are left out:
の, と, へ, 目, あれ, よう)."""


def reads_as_english(text: str) -> bool:
    """True when a message without kana or kanji is written in English rather than romaji (「shinitai」): then the
    crisis reply is the English one whatever the user's settings, as Japanese text gets the Japanese one."""
    if has_japanese(text):
        return False
    words = set(re.findall(r"[a-z']+", fold(text).replace("’", "'")))
    return not words.isdisjoint(_ENGLISH_WORDS)


@dataclass(frozen=True)
class _Finding:
    strength: Strength
    layer: Layer
    rule: object
    """The rule id, or a phrase label worked out when it is shown (``str(rule)``)."""
    start: int
    end: int
    reach: int = -1
    """The token after the finding's last word (a phrase's ``end`` is its first word's, kept for the context
    rules that read from it); ``end`` when not given."""

    def after(self) -> int:
        return self.end if self.reach < 0 else self.reach


def build_rules(crisis_by_lang: Mapping[str, Crisis], script: Script) -> RuleSet:
    """The rules of the files written in ``script`` (ja/crisis.yaml's rules read Japanese, en's English)."""
    rules: list[Rule] = []
    negation: list[str] = []
    for lang, crisis in crisis_by_lang.items():
        if _script_of_lang(lang) != script:
            continue
        words = {name: WordList.compile(members, analyser(script)) for name, members in crisis.words.items()}
        for rule in crisis.rules:
            parts = [resolve_part(part, words, analyser(script)) for part in rule.parts]
            if any(part is None for part in parts):
                continue  # an unknown @list: the checker reports it; the other rules still work
            negations = set(crisis.context.negation) | NEGATION_WORDS
            negative = any(set(crisis.words.get(part[1:], ())) & negations if part.startswith("@") else
                           part in negations for part in rule.parts)
            rules.append(Rule(f"{lang}.rules.{rule.id}", rule.tier, tuple(p for p in parts if p), rule.gap,
                              rule.topic, negative))
        negation += crisis.context.negation
    return RuleSet(rules, WordList.compile(negation, analyser(script)), negation_before=script == "en")


_DEGREE = frozenset({"ほど", "くらい", "ぐらい", "位"})
"""After a rule's first word, these make it a measure of degree (死ぬほど眠い), not the act."""


def _degree_after(tokens: Sequence[Token], end: int) -> bool:
    """The rule's last word is the verb of death itself and a degree follows it (死ぬほど, 死ぬ気で: "with all
    one's might"), so the words before it (今度こそ) tell how hard, not the act."""
    if end >= len(tokens) or "死ぬ" not in tokens[end - 1].forms:
        return False
    after = tokens[end].forms[:1]
    return bool(after) and (after[0] in _DEGREE or (after[0] == "気" and end + 1 < len(tokens)
                                                    and tokens[end + 1].forms[:1] == ("で",)))

NEGATION_WORDS = frozenset({"not", "never", "no", "ない", "無い", "ず", "ぬ", "ません", "can not", "will not"})
"""Words that make a rule's part a negation (besides the file's own ``context.negation``)."""


def english_forms(crisis_by_lang: Mapping[str, Crisis]) -> EnglishForms:
    """The forms of English words, with typos read against the words of English lists, phrases and rules."""
    vocabulary: set[str] = set()
    for lang, crisis in crisis_by_lang.items():
        if _script_of_lang(lang) != "en":
            continue
        members = [m for words in crisis.words.values() for m in words] + list(crisis.phrases)
        members += [part for rule in crisis.rules for part in rule.parts if not part.startswith("@")]
        vocabulary.update(word.strip("*") for member in members for word in member.casefold().split())
    return EnglishForms(vocabulary)


def analyser(script: Script) -> Analyse | None:
    """How word-list members of a script are cut: Japanese by the analyser, English at spaces."""
    return japanese.member_forms if script == "ja" else None


def _script_of_lang(lang: str) -> Script:
    return "en" if lang == "en" else "ja"


class _ScriptScreen:
    """Phrases, mentions, rules and context words of one script."""

    def __init__(self, crisis_by_lang: Mapping[str, Crisis], script: Script) -> None:
        self.script = script
        self.phrases = ViewScreen(collect(crisis_by_lang)[script])
        self.mentions = ViewScreen(collect(crisis_by_lang, field="mentions")[script])
        self.rules = build_rules(crisis_by_lang, script)
        self.context = ContextWords.compile([c.context for lang, c in crisis_by_lang.items()
                                             if _script_of_lang(lang) == script], analyser(script))
        self.forms = english_forms(crisis_by_lang) if script == "en" else None
        self.signals = SignalWords.compile([c.signals for lang, c in crisis_by_lang.items()
                                            if _script_of_lang(lang) == script], analyser(script))
        self.known = japanese.known_words(crisis_by_lang) if script == "ja" else frozenset()
        """The Japanese lists' words, by the forms the analyser gives them (kana cut apart is read again)."""
        self.bare = BareWords.compile([c.context for lang, c in crisis_by_lang.items()
                                       if _script_of_lang(lang) == script], analyser(script))

    def tokens(self, view: str) -> list[Token]:
        """An English view's tokens, each word with its dictionary and corrected forms."""
        return english_tokens(view, forms=self.forms)

    def phrase_findings(self, view: str, tokens: Sequence[Token]) -> list[_Finding]:
        starts = [token.start for token in tokens]

        def at(offset: int) -> int:
            offset += view[offset:offset + 1] == " "  # an English phrase starts with the space before its word
            return max(0, bisect_right(starts, offset) - 1)

        found = []
        kinds: tuple[tuple[Strength, ViewScreen], ...] = (("strong", self.phrases), ("mention", self.mentions))
        for kind, screen in kinds:
            for label, pos, stop in screen.find_iter(view):
                start = at(pos)
                if self.context.prescribed_dose(tokens, start):
                    continue  # "50mg OD": once daily, not an overdose
                denied = self.context.denied(tokens, start)  # 「死にたいとは思いません」, "I'm not suicidal"
                reach = max(start + 1, at(stop - 1) + 1)
                found.append(_Finding("weak" if denied else kind, "phrases", f"{label}~negated" if denied else label,
                                      start, start + 1, reach))
        return found

    def _excepted(self, start: int, end: int, tokens: Sequence[Token], covered: Callable[[int, int], bool]) -> bool:
        """A rule's finding a not_risk phrasing explains: its last word lies inside one, or one of its words does
        and no word of risk in it lies outside ("I cut class today"). A word of risk outside keeps it."""
        def inside(k: int) -> bool:
            return covered(tokens[k].start, tokens[k].start + len(tokens[k].forms[-1]))
        words = [k for k in range(start, end) if tokens[k].forms]
        risky = [k for k in self.context.risk_words(tokens) if start <= k < end and tokens[k].forms]
        return bool(words) and (inside(words[-1]) or (any(map(inside, words)) and all(map(inside, risky))))

    def exception(self, view: str, tokens: Sequence[Token]) -> bool:
        """A not_risk phrasing is in ``view`` and every word of risk lies inside one: the learned layer then stays
        quiet. A word of risk outside it ("I overdosed on candy and my sleeping pills") leaves the model free."""
        if not self.phrases.has_exception(view):
            return False
        covered = self.phrases.covered(view)
        return all(covered(tokens[k].start, tokens[k].start + 1)  # the word begins inside one (切っ in 縁を切った)
                   for k in self.context.risk_words(tokens) if tokens[k].forms)

    def rule_findings(self, view: str, tokens: Sequence[Token]) -> list[_Finding]:
        found = []
        rule_findings = self.rules.find(tokens)
        covered = self.phrases.covered(view) if rule_findings else None
        for f in rule_findings:
            if self.script == "ja" and f.start + 1 < len(tokens) and \
                    tokens[f.start + 1].forms[:1] and tokens[f.start + 1].forms[0] in _DEGREE:
                continue  # 「死ぬほど会いたい」: a verb of death as a degree ("to death") starts no rule
            if self.script == "ja" and _degree_after(tokens, f.end):
                continue  # 「今度こそ死ぬ気で頑張る」, 「今日こそ死ぬほど寝たい」: nor does it end one
            if covered and self._excepted(f.start, f.end, tokens, covered):
                continue  # inside a not_risk phrasing ("take my life back", "I cut class today")
            denied = f.negated or self.context.denied(tokens, f.end - 1, before=False) or (
                not f.negative and self.script == "en" and self.context.denied(tokens, f.start))
            strength: Strength = "weak" if f.tier == "check_in" or denied else "mention" if f.topic else "strong"
            found.append(_Finding(strength, "rules", f.rule + ("~negated" if denied else ""), f.start, f.end))
        return found

    def tier(self, finding: _Finding, tokens: Sequence[Token], history: bool) -> tuple[Tier, str | None]:
        """The help a finding needs in its context, and the context rule that decided it (if any)."""
        context = self.context
        if history and not context.told_now(tokens, finding.start, finding.end):
            return "check_in", "past_resolved"  # a past that is over, unless this finding is told in the present
        if finding.strength == "strong" and context.asking_for_self(tokens):
            return "definite", "for_self"  # "how do you hide cuts from your parents in PE? asking for me"
        asks, topical = context.asks(tokens, finding.start), context.topical(tokens, finding.start)
        writer = context.writer_in_sentence(tokens, finding.start)
        about_topic = (finding.strength == "mention" and (asks or topical)) or (asks and topical and not writer)
        if asks and about_topic and context.owned_now(tokens, finding.start):
            about_topic = False  # "can TMS help suicidal thoughts? I still have them every day": the writer's own
        if about_topic and not asks and context.reported_of_someone(tokens, finding.start) and \
                context.third_person(tokens, finding.start, finding.end, carry=False):
            return "carer", "third_person"  # "my daughter is in the trial and told me she's thinking of suicide"
        if about_topic or (finding.strength == "weak" and asks and not writer and not context.names_other(tokens)):
            return "check_in", "topic"  # a weak finding in a question naming nobody: "is there parking on the roof?"
        if context.studied(tokens, finding.start) and not context.joins_in(tokens):
            return "check_in", "topic"  # "we learned about overdose management", 「ODの対応について習いました」
        if asks and not writer and context.generic_you(tokens, finding.start) and \
                not context.owned_now(tokens, finding.start):
            return "check_in", "topic"  # "can you overdose on melatonin?"
        if context.warns(tokens, finding.start):
            return "check_in", "topic"  # "the pharmacist warned me an overdose of this drug could damage my liver"
        if context.in_a_story(tokens, finding.start, finding.end):
            return "check_in", "topic"  # "the film shows a girl who cuts herself", 「小説の主人公が自殺を考える」
        if context.titled(tokens, finding.start):
            return "check_in", "topic"  # "my daughter's school play is called The Last Goodbye"
        if self.script == "ja" and context.warning_read(tokens, finding.start, finding.end):
            return "check_in", "topic"  # 「添付文書に自殺念慮と書いてあった」: a warning read, not the writer's act
        if asks and context.hypothetical_in_sentence(tokens, finding.start) and \
                context.cared_for_supposed(tokens, finding.start):
            return "carer", "third_person"  # 「娘に死にたいと言われたらどう声をかければ」: a parent's question
        if asks and context.hypothetical_in_sentence(tokens, finding.start):
            return "check_in", "hypothetical"  # "what should I say if a friend tells me they want to die?"
        if context.bereaved_near(tokens, finding.start, finding.end):
            return "check_in", "bereaved"  # "my grandfather died by suicide": a loss told, asked about gently
        if context.told_as_past(tokens, finding.start, finding.end) or context.ended(tokens, finding.end):
            return "check_in", "past_resolved"  # "Back in college I …", 「死にたい気持ちがなくなりました」
        if context.done_by_an_animal(tokens, finding.start, finding.end):
            return "check_in", "animal"  # "my cat jumped off the balcony railing onto the roof"
        if context.excess_degree(tokens, finding.start) or \
                context.one_more_then_die(tokens, finding.start, finding.end):
            return "check_in", "degree"  # 「美味しすぎて死ねる」, "one more meeting and I'm gonna die"
        if context.third_person(tokens, finding.start, finding.end, carry=finding.strength != "weak"):
            if context.joins_in(tokens):
                return "definite", "joining"  # "… a girl who cuts herself, and now I want to do it too"
            if context.accidental(tokens, finding.start) and not context.urge(tokens, finding.start, finding.end):
                return "check_in", "accident"  # "my son cut himself shaving": asked, as the writer's own would be
            return "carer", "third_person"
        if context.embarrassed_degree(tokens, finding.start) or context.rather_than(tokens, finding.start):
            return "check_in", "degree"  # 「消えたいくらい恥ずかしい」: a measure of embarrassment, asked about
        if finding.strength == "weak" and context.named_to_deny(tokens, finding.after() - 1):
            return "check_in", "negated"  # 「死にたいとかはないです」: named to be denied
        if context.corrected(tokens, finding.after()) or context.as_if(tokens, finding.after() - 1):
            return "check_in", "figurative"  # 「遺書…じゃなくて遺言書」, 「飛び降りる勢いで走った」
        if finding.strength == "weak" and context.treatment_finished(tokens):
            return "check_in", "treatment_done"  # 「最後の治療が終わりました!皆さんさようなら」
        if finding.strength == "weak" or context.jokes(tokens, finding.start):
            return "check_in", None  # a joke marker (笑, lol) asks first; the learned layer may still raise it
        urge = context.urge(tokens, finding.start, finding.end)
        if context.accidental(tokens, finding.start) and not urge:
            return "check_in", "accident"  # "I cut myself shaving", 「料理中に手首を切った」: ask, never silence
        if context.near_generic(tokens, finding.start, finding.end) or \
                (self.script == "ja" and context.thought_by_people(tokens, finding.after())):
            return "check_in", "generic"
        if context.everyday_in_sentence(tokens, finding.start) and not urge:
            return "check_in", "everyday"  # "the roof terrace for the fireworks tonight": ask; the model may raise it
        return "definite", None


class CrisisScreen:
    """Built once per content load from every language's crisis.yaml; ``assess`` is called on every message."""

    def __init__(self, crisis_by_lang: Mapping[str, Crisis], model: CheckInModel | None = None) -> None:
        self._ja = _ScriptScreen(crisis_by_lang, "ja")
        self._en = _ScriptScreen(crisis_by_lang, "en")
        self._model = model

    @classmethod
    def build(cls, crisis_by_lang: Mapping[str, Crisis], *, learned: bool = True) -> CrisisScreen:
        """Compile every language's lists and rules, e.g. ``{"ja": ..., "en": ...}``; ``learned`` adds the model."""
        return cls(crisis_by_lang, CheckInModel.shipped() if learned else None)

    def screen(self, text: str) -> Assessment:
        """Same as ``assess`` (the name the handlers and older tests use)."""
        return self.assess(text)

    def assess(self, text: str, *, learned: bool = True) -> Assessment:
        """The help one message (its first ``MAX_SCREEN_CHARS`` characters) needs, and why.

        ``learned=False`` leaves the model out, for a message that answers a question with buttons ("I have never
        had one"): phrases, rules and context still read it. A long message is read in pieces of a few
        sentences (``pieces``), each piece once however often it is repeated, and reading stops at the first
        piece that needs the full reply: every layer reads within a sentence, so the answer is the same."""
        try:
            folded = fold(text)
            if len(folded) <= LONG_MESSAGE:
                return self._assess(folded, learned)
            best = NO_RISK
            for piece in dict.fromkeys(pieces(folded)):
                found = self._assess(piece, learned)
                if stronger(found.tier, best.tier):
                    best = found
                    if best.tier == "definite":
                        break
            return best
        finally:
            self._ja.context.forget()  # nothing of the message stays behind in the screen
            self._en.context.forget()

    def _assess(self, folded: str, learned: bool) -> Assessment:
        reading = self.read(folded, folded=True)
        if self._model is None or not learned:
            return self._bare(reading, self.plan(reading, reading.rules))
        model = self._model
        scores = _LazyScores(lambda: model.scores(reading.folded, reading.grams()))
        thresholds = model.thresholds()
        found = raise_plan(self.plan(reading, decide(reading, scores, thresholds)), reading, scores, thresholds)
        return self._bare(reading, found)

    def _bare(self, reading: Reading, found: Assessment) -> Assessment:
        """A message that is a word of risk and little else (「しぬ」, "im done") gets the check-in when nothing
        else found anything: too short for the rules or the model to read, and nothing in it says it is harmless."""
        if found.hit or reading.exception:
            return found
        for screen, tokens in ((self._ja, reading.ja_tokens), (self._en, reading.en_tokens)):
            if tokens and screen.bare.find(tokens):  # an emoji makes Japanese tokens of "im done 👋": both read
                return Assessment("check_in", "context", f"{screen.script}.context.bare", "bare")
        return found

    def plan(self, reading: Reading, found: Assessment) -> Assessment:
        """``found`` raised by the plan layer (``bot.safety.signals``): weak signals of different kinds that agree;
        and a check-in nobody decided on, in a message that names only someone else, as the carer reply."""
        if found.tier in ("definite", "carer"):
            return found
        ja, en = reading.ja_tokens, reading.en_tokens
        someone_else = self._ja.context.about_someone_else(ja) or self._en.context.about_someone_else(en)
        raised = self._signals(reading, found, someone_else)
        if raised.tier == "check_in" and raised.routed_by is None and someone_else and not reading.exception and \
                not (raised.rule or "").endswith("~negated") and not reading.history():
            return Assessment("carer", raised.layer, raised.rule, "third_person")  # 「親友が今夜死ぬってLINEしてきて」
        return raised

    def _signals(self, reading: Reading, found: Assessment, someone_else: bool) -> Assessment:
        ja, en = reading.ja_tokens, reading.en_tokens
        ja_signals = self._ja.signals.find(ja, self._ja.context.index(ja)) if ja else NO_SIGNALS
        en_signals = self._en.signals.find(en, self._en.context.index(en)) if en else NO_SIGNALS
        kinds = ja_signals.kinds | en_signals.kinds
        if len(kinds) < 2 or self._ja.context.names_everyday(ja) or self._en.context.names_everyday(en):
            return found
        if reading.history() or found.routed_by in ("treatment_done", "figurative"):
            return found  # "panic attack on the train this morning, but I'm ok now", "last session today! bye"

        def asks() -> bool:
            return any(self._ja.context.asks(ja, j) for j in ja_signals.positions) or any(
                self._en.context.asks(en, j) for j in en_signals.positions)

        return raise_by_plan(found, kinds, asks=asks, someone_else=someone_else, exception=reading.exception)

    def read(self, text: str, *, folded: bool = False) -> Reading:
        """What phrases, rules and context make of one short message, and what the learned layer would read."""
        folded_text = text if folded else fold(text)
        best = NO_RISK
        en_view, en_variants = english_text(folded_text)
        en_tokens = self._en.tokens(en_view) if en_view else []
        ja_tokens = japanese.tokens(folded_text, self._ja.known) if not folded_text.isascii() else []
        history = _History(lambda: self._ja.context.past_and_resolved(ja_tokens)
                           or self._en.context.past_and_resolved(en_tokens))
        if ja_tokens:
            best = self._best(self._ja, folded_text, ja_tokens, best, history)
            best = self._terse(folded_text, ja_tokens, best, history)
        if en_tokens:
            before = best
            best = self._best(self._en, en_view, en_tokens, best, history)
            if ja_tokens and best is not before and best.tier == "definite":
                best = self._latin_in_japanese(folded_text, ja_tokens, before, best)
        for view in en_variants:
            best = self._best(self._en, view, self._en.tokens(view), best, history)
        if en_view and best.tier in ("none", "check_in") and not self._en.context.names_bereaved(en_tokens):
            best = self._reported(en_view, en_tokens, best, history)  # "my uncle killed himself": a loss, as it is
        if best.tier == "definite" and en_view and ('"' in folded_text or "\u201c" in folded_text):
            if self._rests_on_quotes(folded_text, "other"):
                best = Assessment("carer", "context", best.rule, "third_person")  # my friend texted me: "I'm …"
            elif not best.writers_own and self._rests_on_quotes(folded_text, "writer"):
                best = Assessment(best.tier, best.layer, best.rule, best.routed_by, True)  # I told my mum "I …"
        if best.tier in ("carer", "check_in") and answered_yes(folded_text):
            best = Assessment("definite", "context", best.rule, "answered_yes", True)  # asked "do you …?": "yes"
        exception = self._ja.exception(folded_text, ja_tokens) or bool(
            en_view and self._en.exception(en_view, en_tokens))
        names_other = self._ja.context.names_other(ja_tokens) or self._en.context.names_other(en_tokens)
        names_risk = self._ja.context.names_risk(ja_tokens) or self._en.context.names_risk(en_tokens)
        accident = self._ja.context.accident_beside_risk(ja_tokens) or self._en.context.accident_beside_risk(en_tokens)
        return Reading(best, folded_text, exception, names_other, names_risk, ja_tokens, en_tokens, history,
                       accident=accident)

    def _terse(self, folded: str, tokens: list[Token], best: Assessment, history: _History) -> Assessment:
        """A terse report cut at a full stop (「またやった。太もも」): a fragment of a word or two read with the
        sentence before it (``japanese.terse_joined``). Only rule findings that end in the fragment count, so the
        joined reading adds what the cut hid and changes nothing the sentences said apart."""
        joined = japanese.terse_joined(tokens) if best.tier != "definite" else None
        if joined is None:
            return best
        joined_tokens, fragment = joined
        found = [f for f in self._ja.rule_findings(folded, joined_tokens) if f.end - 1 in fragment]
        if not found:
            return best
        return self._best(self._ja, folded, joined_tokens, best, history,
                          _Findings(self._ja, folded, joined_tokens, rules=found))

    def _rests_on_quotes(self, folded: str, speaker: Literal["other", "writer"]) -> bool:
        """The full reply rests only on English words in quotation marks that speak in the first person and are
        opened after a verb of saying or messaging of ``speaker`` (``ContextWords.speaker``): the message without
        them no longer needs it. Someone else's ("my friend texted me: "I can't do this anymore, I'm going to take
        all my pills tonight"") are theirs, so the carer reply; the writer's own ("I told my mum "I want to die"")
        are plainly the writer's. "… and now I want to die too" outside the quotation keeps the full reply."""
        rest, pos = [], 0
        for quote in _QUOTATION.finditer(folded):
            lead = _SENTENCE_END.split(folded[pos:quote.start()])[-1]
            lead_view = english_text(lead)[0] if _FIRST_PERSON.search(quote.group(1)) else ""
            if lead_view and self._en.context.speaker(self._en.tokens(lead_view)) == speaker:
                rest.append(folded[pos:quote.start()])
                pos = quote.end()
        if not rest:
            return False
        rest.append(folded[pos:])
        return self.read(" ".join(rest), folded=True).rules.tier != "definite"

    def _latin_in_japanese(self, folded: str, ja_tokens: Sequence[Token], before: Assessment,
                           best: Assessment) -> Assessment:
        """A definite finding of the English screen in a Japanese message (OD), in the Japanese context around it;
        the Latin words of risk all inside a Japanese not_risk phrasing (「ギターのODペダル」: overdrive), with no
        everyday occasion that asks first, leave the answer as the Japanese screen gave it."""
        context = self._ja.context
        latin = [j for j, token in enumerate(ja_tokens) if token.forms and token.forms[0].isascii()
                 and self._en.context.risk.ends_at(ja_tokens, j)]
        if context.about_someone_else(ja_tokens):
            return Assessment("carer", "context", best.rule, "third_person")  # 「娘がODを繰り返しています」
        if context.names_everyday(ja_tokens):
            return Assessment("check_in", "context", best.rule, "everyday")  # 「カフェインのODかも」
        if latin and self._ja.phrases.has_exception(folded):
            covered = self._ja.phrases.covered(folded)
            if all(covered(ja_tokens[j].start, ja_tokens[j].start + len(ja_tokens[j].forms[0])) for j in latin):
                return before  # 「ギターのODペダル」
        if latin and all(context.told_as_past(ja_tokens, j, j + 1) for j in latin):
            return Assessment("check_in", "context", best.rule, "past_resolved")  # 「2019年にODで入院しました」
        if latin and all(context.studied(ja_tokens, j) for j in latin):
            return Assessment("check_in", "context", best.rule, "topic")  # 「ODの対応について習いました」
        return best

    def _reported(self, en_view: str, en_tokens: Sequence[Token], best: Assessment,
                  history: _History) -> Assessment:
        """The carer reply for risk told of someone else in the third person: the view read as if the person
        said it ("nobody would miss him" -> "nobody would miss me", "ways to hang himself"), so every phrase and
        rule for the writer's own risk also serves for someone else's. A finding the context sends to a
        check-in as a topic or a past stays with the original reading."""
        shifted = first_person_view(en_view)
        if shifted is None:
            return best
        shifted_tokens = self._en.tokens(shifted)
        findings = _Findings(self._en, shifted, shifted_tokens)
        found = self._best(self._en, shifted, shifted_tokens, NO_RISK, history, findings)
        if not found.hit or found.routed_by in ("topic", "past_resolved", "generic", "hypothetical", "bereaved",
                                                "accident", "everyday") or found.rule == best.rule:
            return best  # nothing new, what the writer's own words already said, or an accident or occasion of theirs
        if self._told_in_a_story(findings, shifted_tokens, en_tokens):
            return Assessment("check_in", "context", found.rule, "topic")  # "in the novel he kills himself"
        return Assessment("carer", "context", found.rule, "third_person")

    def _told_in_a_story(self, findings: _Findings, shifted_tokens: Sequence[Token],
                         tokens: Sequence[Token]) -> bool:
        """Every finding of the shifted view stands in a sentence of the original that tells a story of strangers
        (the shift keeps the number of words, so positions agree)."""
        if len(shifted_tokens) != len(tokens):
            return False
        found = findings.phrases() + findings.rules()
        return bool(found) and all(self._en.context.in_a_story(tokens, f.start, f.end) for f in found)

    def _best(self, screen: _ScriptScreen, view: str, tokens: Sequence[Token], best: Assessment,
              history: _History, findings: _Findings | None = None) -> Assessment:
        order = {"strong": 0, "mention": 1, "weak": 2}
        found = findings or _Findings(screen, view, tokens)
        for find in (found.phrases, found.rules):  # rules only when phrases left room
            for finding in sorted(find(), key=lambda f: order[f.strength]):
                if best.tier == "definite":
                    return best  # nothing is stronger: the rest of a long message need not be read
                tier, routed = screen.tier(finding, tokens, history())
                if stronger(tier, best.tier):
                    own = tier == "definite" and routed is None and \
                        screen.context.writers_own(tokens, finding.start, finding.end)
                    best = Assessment(tier, "context" if routed else finding.layer, str(finding.rule), routed, own)
        return best


_THIRD_PERSON = {
    "he is": "i am", "she is": "i am", "he was": "i was", "she was": "i was", "he has": "i have",
    "she has": "i have", "he does": "i do", "she does": "i do", "he": "i", "she": "i", "him": "me",
    "himself": "myself", "herself": "myself", "his": "my", "her": "my",
}
"""Third-person words as the person would say them (``first_person_view``); "her" before a word that ends a
phrase ("miss her", "kill her") is "me", else "my"."""
_THIRD = re.compile(r" (he is|she is|he was|she was|he has|she has|he does|she does|he|she|him|himself|herself|"
                    r"his|her)(?= )")
_WRITER_ME = re.compile(r" me(?= )")
_ENDS_AFTER_HER = frozenset({".", "?", "and", "but", "to", "if", "so", "because", "anymore", "now", "again", "too",
                             "at", "in", "on", "with", "when", "or"})


def first_person_view(view: str) -> str | None:
    """An English view with he/she/him/her/his/himself/herself as I/me/my/myself, or None when it has none.

    The writer's own "me" becomes "you" (the person would say it to them), so a threat to the writer ("she'll
    kill me if she sees my grades") is not read as the person's "I will kill me"."""
    if _THIRD.search(view) is None:
        return None
    view = _WRITER_ME.sub(" you", view)

    def shift(match: re.Match[str]) -> str:
        word = match.group(1)
        if word == "her":
            after = view[match.end() + 1:].split(" ", 1)[0]
            return " me" if not after or after in _ENDS_AFTER_HER else " my"
        return " " + _THIRD_PERSON[word]

    return _THIRD.sub(shift, view)


_ASKED_YOU = r'["\u201c][^"\u201c\u201d]*\b(?:you|u|ur|your|yourself)\b[^"\u201c\u201d]*["\u201d]'
_YES_EN = re.compile(_ASKED_YOU + r"[\s,.]*(?:(?:and|so|but|then)\s+)?i\s+(?:just\s+|finally\s+)?"
                     r"(?:said|say|told \w+|answered|replied|typed|texted|admitted|whispered)[\s,:]*[\"\u201c]?"
                     r"(?:yes|yeah|yep|yea|ya|yh|yup|i do|i am|i have|maybe|kind of|kinda|honestly yes)\b"
                     r"|" + _ASKED_YOU + r"[\s,.]*(?:(?:and|so|but|then)\s+)?i\s+(?:just\s+)?nodded")
_YES_JA = re.compile(r"[」』\"][^。！？!?]{0,4}(?:聞かれ|訊かれ|きかれ)[^。！？!?]{0,12}?[「『\"]?(?:うん|はい|そう)"
                     r"(?:だ|です)?[」』\"]?(?:って|と)?(?:答え|こたえ|返事|言っ|いっ|頷|うなず)"
                     r"|[」』\"][^。！？!?]{0,4}(?:聞かれ|訊かれ|きかれ)[^。！？!?]{0,8}?(?:頷い|うなずい)")


def answered_yes(folded: str) -> bool:
    """Someone asked the writer a question about risk in quotation marks and the writer said yes (My mum asked
    "do you want to die?" and I said yes; 母に「死にたいの？」って聞かれて、うんって答えた): the words in the
    quotation are another person's, but the risk they ask about is the writer's own."""
    return bool(_YES_EN.search(folded) or _YES_JA.search(folded))


_QUOTATION = re.compile(r'["\u201c]([^"\u201c\u201d]+)(?:["\u201d]|$)')
"""English words in quotation marks (to the end of the message when the closing mark is missing)."""
_SENTENCE_END = re.compile(r"[.!?\n。！？]")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|im|i'm|i'd|i'll|i've)\b")


LONG_MESSAGE = 600
"""Folded messages longer than this are read piece by piece (``pieces``)."""
PIECE_CHARS = 300
"""About how long one piece of a long message is: whole sentences up to this length."""
OVERLAP = 40
"""A sentence longer than a piece is cut into windows that overlap this much, so no phrase is cut in two."""
_PIECE_END = re.compile(r"[。．！？!?\n…]+|\.(?!\d)")


def pieces(folded: str) -> list[str]:
    """A long folded message as pieces of whole sentences of about ``PIECE_CHARS`` characters; a longer sentence
    as overlapping windows (cut at a space when there is one near the end)."""
    out: list[str] = []
    current = ""
    pos = 0
    for end in [*(m.end() for m in _PIECE_END.finditer(folded)), len(folded)]:
        sentence, pos = folded[pos:end], end
        if not sentence:
            continue
        if len(current) + len(sentence) > PIECE_CHARS and current:
            out.append(current)
            current = ""
        if len(sentence) <= PIECE_CHARS:
            current += sentence
            continue
        start = 0
        while start < len(sentence):
            stop = min(len(sentence), start + PIECE_CHARS)
            if stop < len(sentence):
                stop = _cut(sentence, start + PIECE_CHARS // 2, stop)
            out.append(sentence[start:stop])
            if stop >= len(sentence):
                break
            start = stop - OVERLAP
    if current:
        out.append(current)
    return out


@dataclass
class Reading:
    """One message as phrases, rules and context read it, and the features the learned layer scores."""

    rules: Assessment
    folded: str
    exception: bool
    """A staff ``not_risk`` phrasing is in it: the model does not second-guess them."""
    names_other: bool
    """Someone other than the writer is named (a child, partner, friend, he, she)."""
    names_risk: bool
    """A word of risk itself is there (``context.risk``: die, pills, bridge): the rules agree in part."""
    ja_tokens: Sequence[Token]
    en_tokens: Sequence[Token]
    history: Callable[[], bool] = field(default=lambda: False)
    """Whether the message tells of a past that is over (``_History``): worked out once, when a finding or the
    plan layer first asks, and shared by every layer after it."""
    accident: bool = False
    """An accident or an everyday task is told (``context.accident``: 料理中, shaving): the model's full reply with
    no rule behind it asks first, as a rule's would (「料理中に熱湯を手にかけてしまった」)."""
    _grams: frozenset[str] | None = None

    def grams(self) -> frozenset[str]:
        if self._grams is None:
            words = _sentence_words(self.ja_tokens, japanese_word) + _sentence_words(self.en_tokens, word_key)
            self._grams = features(self.folded, words)
        return self._grams


def _sentence_words(tokens: Sequence[Token], key: Callable[[str], str]) -> list[list[str]]:
    """Each sentence's words, each by one key of its first form (as typed, or the analyser's normalised form)."""
    out: list[list[str]] = [[]]
    for token in tokens:
        if token.boundary:
            out.append([])
        elif token.words is not None:
            out[-1].extend(key(word) for word in token.words)
        elif token.forms:
            out[-1].append(key(token.forms[0]))
    return [words for words in out if words]


def japanese_word(form: str) -> str:
    return form


def decide(reading: Reading, scores: Mapping[str, float], thresholds: Mapping[str, float]) -> Assessment:
    """The rules' answer, raised (never lowered in help) by the learned scores.

    A staff exception or a context decision (topic, past, third person) stands. Otherwise, when the rules found
    nothing, ``help`` >= ``check_in`` asks a check-in; when they found a weak signal (a check-in rule, a negated
    phrase) or the model asks, either *self* head gives the full reply: ``full`` (the full reply wanted) >=
    ``full`` or ``self`` (any risk of the writer's own) >= ``full_self``; with no rule at all, a word of
    ``context.risk``, no ``context.accident``, and ``self`` >= ``full_alone`` or ``full`` >= ``full_alone_full``.
    Someone else named with ``other`` >= ``carer`` gets the carer reply. The full reply given while someone else
    is named, with ``other`` >= ``route_carer`` and neither *self* head sure, becomes the carer reply, which also
    opens with the emergency number. A model without the ``full`` head reads ``self`` for it."""
    best = reading.rules
    if reading.exception or best.routed_by is not None or best.tier == "carer":
        return best
    other = reading.names_other and scores["other"] >= thresholds["carer"]
    full = scores.get("full", scores["self"])
    own = scores["self"] >= thresholds.get("full_self", OFF) and "full" in scores
    if best.tier == "definite":
        if reading.names_other and not best.writers_own and scores["other"] >= thresholds["route_carer"] and \
                full < thresholds["full"] and not own:
            return Assessment("carer", "learned", f"other>={thresholds['route_carer']:g}", best.rule or None)
        return best
    if best.tier == "check_in":
        if full >= thresholds["full"]:
            return Assessment("definite", "learned", f"full>={thresholds['full']:g}", best.rule)
        if own:
            return Assessment("definite", "learned", f"self>={thresholds['full_self']:g}", best.rule)
        if other:
            return Assessment("carer", "learned", f"other>={thresholds['carer']:g}", best.rule)
        return best
    if reading.names_risk and not reading.accident:
        if scores["self"] >= thresholds["full_alone"]:
            return Assessment("definite", "learned", f"self>={thresholds['full_alone']:g}+risk_word")
        if "full" in scores and full >= thresholds.get("full_alone_full", OFF):
            return Assessment("definite", "learned", f"full>={thresholds['full_alone_full']:g}+risk_word")
    if scores["help"] >= thresholds["check_in"]:
        if other:
            return Assessment("carer", "learned", f"other>={thresholds['carer']:g}")
        return Assessment("check_in", "learned", f"help>={thresholds['check_in']:g}")
    return best


def raise_plan(planned: Assessment, reading: Reading, scores: Mapping[str, float],
               thresholds: Mapping[str, float]) -> Assessment:
    """A check-in the plan layer gave where nothing else was found (two kinds of signal, one strong: a place and
    its train times, means bought for tomorrow) is a weak finding like a check-in rule's: the *full* head at
    ``full_plan`` or more gives the full reply. A message that names someone else keeps the check-in (the carer
    routing of ``plan`` has decided it)."""
    if planned.tier != "check_in" or planned.layer != "signals" or planned.routed_by is not None or \
            reading.names_other or reading.exception:
        return planned
    limit = thresholds.get("full_plan", OFF)
    if limit < OFF and scores.get("full", scores["self"]) >= limit:
        return Assessment("definite", "learned", f"full>={limit:g}", planned.reason())
    return planned


OFF = 1.01
"""A threshold no score reaches: a rule of ``decide`` the shipped model does not use."""


def _cut(sentence: str, low: int, high: int) -> int:
    """Where to end a window of a long sentence, between ``low`` and ``high``: the place after a space (any place,
    in text without spaces) whose 8 characters before it come first in order. The choice depends only on the text,
    so a text repeated over and over (a period shorter than ``high - low``) is cut at the same point of its period
    every time: its windows are all alike after the first and each is read once. (A hash below a bound, tried
    before, could miss every place of a short period and fall back to a fixed length, and the windows then drifted
    through the period, each read again.)"""
    if " " in sentence[low:high]:
        places = [m.end() for m in _SPACE.finditer(sentence, low - 1, high - 1)]
    else:
        places = list(range(low, high))
    return min(places, key=lambda p: sentence[p - 8:p]) if places else high


_SPACE = re.compile(" ")


class _LazyScores(Mapping[str, float]):
    """The learned scores of a reading, worked out only when ``decide`` looks at one: it does not when the rules'
    answer stands (a context decision, a staff exception, the carer reply, the full reply naming nobody else), so
    most pieces of a long message with findings are never scored."""

    def __init__(self, compute: Callable[[], dict[str, float]]) -> None:
        self._compute = compute
        self._scores: dict[str, float] | None = None

    def _get(self) -> dict[str, float]:
        if self._scores is None:
            self._scores = self._compute()
        return self._scores

    def __getitem__(self, head: str) -> float:
        return self._get()[head]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


class _Findings:
    """The findings of one view, each kind looked for once and only when asked: rules only when the phrases left
    room, and again by whoever needs every finding (``_told_in_a_story``) without reading the view twice."""

    def __init__(self, screen: _ScriptScreen, view: str, tokens: Sequence[Token], *,
                 rules: list[_Finding] | None = None) -> None:
        """``rules`` given: only those findings, and no phrases (the few a joined reading adds)."""
        self._screen, self._view, self._tokens = screen, view, tokens
        self._phrases: list[_Finding] | None = None if rules is None else []
        self._rules: list[_Finding] | None = rules

    def phrases(self) -> list[_Finding]:
        if self._phrases is None:
            self._phrases = self._screen.phrase_findings(self._view, self._tokens)
        return self._phrases

    def rules(self) -> list[_Finding]:
        if self._rules is None:
            self._rules = self._screen.rule_findings(self._view, self._tokens)
        return self._rules


class _History:
    """Whether the message tells of a past that is over (``past_and_resolved`` in either script), worked out once
    per message and only when a finding or the plan layer needs it."""

    def __init__(self, compute: Callable[[], bool]) -> None:
        self._compute = compute
        self._value: bool | None = None

    def __call__(self) -> bool:
        if self._value is None:
            self._value = self._compute()
        return self._value
