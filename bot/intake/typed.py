"""What a message typed at an application question means: a choice, several choices, a question, or unclear.

People answer button questions in their own words (「飲んでます」, 「いいえ、ないです」, "about 3 years", "yep 👍"),
in either language whatever language the form is in. ``read_choice`` reads such a message against the question
in every language (choice ids are shared):

1. a button label or one of the choice's ``typed`` words typed out exactly is that choice;
2. the message is cut into clauses (bot.intake.clauses) at punctuation and at "but" / 「けど」 / 「でも」 (what
   follows corrects what came before: 「ペースメーカーはないけど、刺激装置が入ってる」 is a yes), "because" /
   「ので」 (a reason, which does not outweigh the answer: "no, because I never had one") and "so" / 「だから」;
3. in each clause: the choices it names (labels and ``typed`` words, bot.intake.keys), and what it says
   (yes / no / not sure, bot.intake.polarity). A named choice in a negated clause is denied, not chosen (「電話は
   やめて」); a named symptom or device of a yes/no question in a negated clause is a "no" (「ペースメーカーはない」);
   a clause about someone else's condition ("but my brother has epilepsy", 「兄はてんかんですが」) answers nothing;
4. a choice named outright outweighs yes or no said elsewhere; for ``amount`` questions an age or a duration
   read from the words (bot.intake.amounts) picks its band;
5. a message that looks like a question is a question, unless all it says is "not sure" (「どうだったかな」).

Two readings that disagree (「はい、ないです」, 「中3」 between two age bands, a choice and its negation) are
``unclear`` with the candidates, and the bot asks "did you mean ...?" instead of guessing: at the safety questions
a wrong "no" is worse than one more tap. ``read_text`` does the same for text questions: a question about filling
in the answer (「名前は漢字でいいですか？」) is told apart from the answer itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import jaconv

from bot.content.schema import Choice, Intake, Question
from bot.intake.amounts import Span, bands, read_amount, read_spans
from bot.intake.clauses import Clause, Role, clauses, with_day_parts
from bot.intake.dialect import standard
from bot.intake.keys import (
    Hit,
    Key,
    content_words,
    find,
    key_of,
    keys_of,
    partial,
    prepare_keys,
    reading,
    spaced,
    word_keys,
)
from bot.intake.polarity import Polarity, Said, said, wishes_not
from bot.intake.typos import mend_typos, same_sound
from bot.search.sentences import looks_like_question
from bot.text import japanese
from bot.text.fold import fold

__all__ = ["Reading", "key_of", "looks_like_question", "means", "polarity", "prepare", "read_amount", "read_choice",
           "read_text"]

ReadingKind = Literal["choice", "unclear", "question"]
_spaced = spaced


@dataclass(frozen=True)
class Reading:
    """``choice``: ``choice_ids`` are what was meant (one for a choice question, one or more for multi);
    ``unclear``: ``choice_ids`` are the candidates to offer (may be empty); ``question``: a question, not an answer."""

    kind: ReadingKind
    choice_ids: tuple[str, ...] = ()


# --- before the first message -------------------------------------------------------------------------------------

def prepare(intakes: Mapping[str, Intake]) -> int:
    """Build what reading a typed answer needs of each question (its keys, their word forms, patterns and readings)
    once, when the content loads, instead of on the first patient's message at that question; the number of keys.
    The caches hold them by value, so a later reload with the same questions finds them ready."""
    langs = list(intakes)
    prepared = 0
    for lang in langs:
        for question in intakes[lang].questions:
            if not question.choices:
                continue
            order = [lang, *(other for other in langs if other != lang)]
            variants = [q for other in order for q in intakes[other].questions if q.id == question.id]
            prepared += prepare_keys([*keys_of(variants), *_may_keys(variants)])
            for choice in question.choices:
                content_words(choice.label)
                said(choice.label)
                clauses(choice.label)
            if question.label and not question.label.isascii():
                _readings(question.label)
    return prepared


# --- questions --------------------------------------------------------------------------------------------------

_FORM_WORDS = tuple(key_of(w) for w in (
    "漢字", "かな", "カナ", "ひらがな", "カタカナ", "ローマ字", "英語", "アルファベット", "本名", "名字", "苗字",
    "下の名前", "フルネーム", "ニックネーム", "偽名", "仮名", "旧姓", "通称", "書き方", "書いて", "書く", "入力",
    "記入", "空欄", "省略", "飛ば", "スキップ", "スペース", "全角", "半角", "ハイフン", "必要", "なぜ", "なんで",
    "何のため", "名前", "番号", "アドレス", "携帯", "固定電話", "メアド", "ふりがな", "フリガナ", "読み方", "よみかた",
    "ネーム", "ミドル", "姓", "誰が見", "だれが見", "何に使", "なにに使", "使い道", "個人情報",
))
_EN_FORM_WORDS = frozenset([
    "kanji", "katakana", "hiragana", "kana", "romaji", "english", "alphabet", "name", "names", "nickname", "surname",
    "spell", "spelling", "write", "type", "format", "enter", "blank", "skip", "why", "space", "hyphen", "hyphens",
    "required", "need", "necessary", "number", "address", "mobile", "landline", "email", "e-mail", "letters",
    "characters", "furigana", "reading", "middle", "first", "last", "japanese", "used", "sees", "private", "privacy",
    "shared",
])


def read_text(text: str, question: Question) -> Literal["answer", "form_question", "question"]:
    """A message at a text question: the answer, a question about filling it in, or some other question.

    Phone, e-mail, date and number answers are never questions; a free-text answer may well be one (「ほかに
    伝えたいこと」 is where a patient writes what they want to ask), so there only a question that talks about the
    form itself (漢字, katakana, skip, who sees it ...) is taken as one, and only when the question has a
    ``form_help`` or, failing that, a ``help`` to answer it with."""
    if not looks_like_question(text):
        return "answer"
    about_form = question.kind in ("phone", "email", "date", "number") or _mentions_form(text)
    if about_form and (question.form_help or question.help):
        return "form_question"
    if question.kind == "text" and (question.optional or question.max_length > 200):
        return "answer"
    return "question"


def _mentions_form(text: str) -> bool:
    key = key_of(text)
    return any(word in key for word in _FORM_WORDS) or bool(_EN_FORM_WORDS & set(_spaced(text).split()))


# --- yes, no, not sure -------------------------------------------------------------------------------------------

_POLARITIES: dict[str, Polarity] = {"yes": "yes", "no": "no", "unsure": "unsure"}


def means(choice: Choice) -> Polarity | None:
    """What a typed yes/no/not sure stands for at this choice: ``means``, else the id yes, no or unsure."""
    if choice.means is not None:
        return choice.means
    return _POLARITIES.get(choice.id)


def polarity(text: str) -> Polarity | None:
    """Yes, no or not sure for the whole message, or None when it says neither or says both (「はい、ないです」)."""
    readings = [(c.role, said(c.text)) for c in clauses(text)]
    kept = [s for role, s in readings if role != "reason" and s.polarities] or [s for _, s in readings if s.polarities]
    later = [s for role, s in readings if role in ("contrast", "conclusion") and s.polarities]
    if later:
        kept = later[-1:]
    found: set[Polarity] = set().union(*(s.polarities for s in kept)) if kept else set()
    return next(iter(found)) if len(found) == 1 else None


# --- reading a clause --------------------------------------------------------------------------------------------

@dataclass
class _Clause:
    role: Role
    named: set[str] = field(default_factory=set)
    """Choices named outright, that do not stand for yes / no / not sure."""
    polar: set[str] = field(default_factory=set)
    """Choices meant by yes / no / not sure, said or named (「てんかん持ちです」 names the yes of the question)."""
    denied: set[str] = field(default_factory=set)
    said: Said = field(default_factory=Said)
    topic_yes: bool = False
    """The clause names what a "yes" stands for (a symptom, a device) and does not deny it."""
    topical: bool = False
    """It names a word of the question's choices (「ペースメーカー」), not only something else that one has."""
    now: bool = False
    """It says "now" at a question about now ("nothing now", 「今は」)."""
    of_others: bool = False
    """It speaks of the family or another person ("my family doesn't know"), not of the answer itself."""
    official: bool = False
    """It speaks of a diagnosis as such ("not officially", 「正式には」)."""
    minimised: bool = False
    """It makes light of what it names (「軽く」, 「すぐ治った」, "mild", "nothing major"): a yes that may be a no."""
    may_count: bool = False
    """It names something that may or may not be what the question asks (the question's ``may_count``)."""
    doubtful: bool = False
    """A "no" said as a belief (「ないと思う」, "I don't think so"), which a later "not sure" does not take back."""


_MINIMISED = re.compile(r"\b(?:mild(?:ly)?|slight(?:ly)?|minor|a (?:little )?bit of|a little|barely|nothing (?:major|"
                        r"serious|much|big)|not (?:much|bad|serious|a big deal)|went away|passed quickly)\b|"
                        r"軽[いくめ]|少し|ちょっと|すぐ(?:に)?(?:治|おさま|収ま|消え|良くな|よくな)|大したこと|たいしたこと|"
                        r"気にならな|くらい(?:でした|です|だった)?$")
"""Words that make light of a symptom: it happened, but may not be what the question means to ask."""
_BELIEF = re.compile(r"思う|思います|思いま|気がする|\bthink\b|\bbelieve\b|\bsuppose\b")
"""Words that make a "no" a belief rather than a fact."""
_AS_FAR_AS_KNOWN = re.compile(
    r"\bnot that (?:i|we)(?: am| are|'m|'re| m| re)? (?:know|knew|aware|remember|recall|can remember|can recall)\b|"
    r"\bnot to (?:my|our) knowledge\b|\bnot as far as (?:i|we) (?:know|remember|can tell)\b|"
    r"記憶に(?:は|も)?(?:な|ありませ|ございませ)|覚えが(?:な|ありませ)|聞いたこと(?:が|は|も)?(?:な|ありませ)")
"""A "no" said only as far as one knows ("not that I know of", 「記憶にはない」): at a safety question it may be a
"no" or a "not sure", so the reader offers both rather than record either."""


def _choices(choice_id: str, variants: Sequence[Question]) -> list[Choice]:
    """The choice ``choice_id`` in every language's variant of the question."""
    return [c for question in variants for c in question.choices if c.id == choice_id]


def _negative_label(choice_id: str, variants: Sequence[Question]) -> bool:
    """The choice's own label is a negative one (「留守番電話にメッセージを残さないでほしい」, "Not diagnosed, but
    ..."), so a negation in the message is part of naming it."""
    return any(means(c) == "no" or said(c.label).negated for c in _choices(choice_id, variants))


_MAYBE_JA = re.compile(r"かもしれ|かも知れ")
"""「かもしれません」: a maybe, whose 「ません」 negates nothing."""


def _shaped_label(choice_id: str, variants: Sequence[Question]) -> bool:
    """The choice's label is "not X, but Y" (「診断はないが、うつ病かもしれないと思う」): its negation is of X only."""
    for choice in _choices(choice_id, variants):
        label_parts = clauses(choice.label)
        if len(label_parts) >= 2 and said(label_parts[0].text).negated and not said(label_parts[-1].text).negated:
            return True
    return False


def _forbidding_label(choice_id: str, variants: Sequence[Question]) -> bool:
    """The choice asks the clinic not to do something (「…残さないでほしい」, "Do not leave a voicemail message")."""
    return any(means(c) is None and said(c.label).negated for c in _choices(choice_id, variants))


_REQUEST = re.compile(r"\b(?:could|can|would|will) you (?:please )?(?!tell|explain|say|clarify|let me know)|"
                      r"\bmay i ask you\b|\bwould you mind\b|\bi'd like you to\b|"
                      r"てもら(?:って|え)も?(?:いい|良い|よい|ます|ません|る)|ていただ(?:け|いて|きたい)|てくださ|"
                      r"てくれ(?:ます|ません|る)|でもら(?:って|え)|でいただ|でくださ")
_EXPLAIN = re.compile(r"教え|説明|意味|どういう|とは|って何|ってなに|\bwhat\b|\bmean|\bwhich\b|\bhow\b|\bwhy\b")
"""A request to tell or explain is a question, whatever it names (「留守電ってどういう意味か教えてもらえますか」)."""


def _request_naming_a_choice(text: str, parts: Sequence[_Clause]) -> bool:
    """A polite request put as a question ("could you not leave a voicemail", 「夕方にかけてもらえますか」)
    asks the clinic to do what a choice names: it answers the question, it does not ask one."""
    folded = fold(text)
    return bool(_REQUEST.search(folded)) and not _EXPLAIN.search(folded) and \
        any(part.named for part in parts)  # not a bare yes / no: 「…ないでもらえますか」 is no "nothing"


_RELATIVE_EN = (r"(?:mum|mom|mother|dad|father|brother|sister|sibling|grandma|grandmother|grandpa|grandfather|granny"
                r"|uncle|aunt|auntie|cousin|husband|wife|partner|boyfriend|girlfriend|friend|family|parents?|relatives?)")
_SOMEONE_ELSE = re.compile(
    rf"\b(?:my|his|her|our)\s+{_RELATIVE_EN}(?:\s+\w+)?\s+(?:has|had|have|is|was|does|did|gets|got|suffers|suffered"
    r"|used to|takes|took|is on|was on)\b|"
    r"(?:兄|姉|弟|妹|母|父|祖母|祖父|叔父|叔母|伯父|伯母|いとこ|親戚|家族|夫|妻|旦那|主人|友達|友人)(?:親|さん|ちゃん)?(?:は|が|も)|"
    r"(?:(?<![ぁ-ん])|(?<=の))(?:あに|あね|おとうと|いもうと|はは|ちち|おかあさん|おとうさん|おばあちゃん|おじいちゃん|しんせき|"
    r"かぞく|ともだち)(?:は|が|も)")
"""Someone other than the person applying (a parent, a sibling, a partner) said to have something: "no, but my
brother has epilepsy", 「兄はてんかんですが」, in kana too (「あにがてんかん」, from romaji). A son or daughter is
left out: a parent may apply for the child."""
_OTHERS = re.compile(rf"\b{_RELATIVE_EN}\b|家族|両親|親|母|父|兄|姉|弟|妹|(?<!丈)夫|妻")  # 大丈夫 is no husband
_HELPER = re.compile(
    rf"\b(?:my|our)\s+{_RELATIVE_EN}\s+(?:is\s+|are\s+)?(?:helping|helps|helped|is with me|sitting with me|"
    r"reading (?:this|it) with me|typing for me|filling (?:this|it) (?:in|out) for me|doing this for me)\b|"
    r"(?:母|父|親|両親|家族|姉|兄)(?:親|さん)?(?:と一緒に|といっしょに|も一緒に|に手伝って|が手伝って|が横で|に見てもらい)")
"""Someone who helps with the form ("my mom is helping me type", 「母と一緒に見ています」): a helper, not who applies
or what is answered, so the clause answers nothing."""
_ASKS_ABOUT_OTHERS = re.compile(r"parent|guardian|family|保護者|親|家族")


_EN_PAST = re.compile(r"\b(?:had|did|was|were|got|once|twice|used to)\b")
_EN_PRESENT = re.compile(r"\b(?:have|has|do|does|am|is|are|take|use|currently|still|now)\b|'s\b|'m\b")
_ASKED_IN_PRESENT = re.compile(r"^(?:are|do|is|does)\b", re.IGNORECASE)


def _asked_in_present(variants: Sequence[Question]) -> bool:
    """The English question asks about now ("Are you pregnant?", "Do you have a pacemaker?"), not about ever."""
    return any(_ASKED_IN_PRESENT.match(q.text) for q in variants if q.text.isascii())


_PERMITS = re.compile(r"\b(?:can|could|may|fine|ok|okay|alright|all right|go ahead|feel free|no problem)\b|"
                      r"てもいい|ても良い|てもよい|ていい|て大丈夫|ても大丈夫|ても構わな|てもかまわな|て構わな|"
                      r"てかまわな|てok|ても平気")
"""A permission ("you can leave a message", 「伝言を残してもらって大丈夫です」): said of a choice whose label forbids
it, the message asks for the opposite of that choice."""
_DISLIKE = re.compile(r"こわい|怖い|恐い|こわくて|怖くて|苦手|抵抗が?ある|気が進まな|\bscared\b|\bafraid\b|"
                      r"\bfrightened\b|\bnervous about\b|\bnot keen\b|\bnot a fan\b|\bhate\b|\bdislike\b")
"""Fear or dislike said of a choice (「点滴はちょっとこわい」, "scared of the drip"): it is ruled out."""
_FINE = re.compile(r"大丈夫|だいじょうぶ|だいじょぶ|平気|へいき|\b(?:fine|all good|normal|nothing wrong)\b")
"""「大丈夫です」: fine, nothing of the kind; a "no" at a yes/no question about the applicant's own health."""


def _asks_about_others(variants: Sequence[Question]) -> bool:
    """The question is about the family (does your parent agree?), where 「大丈夫」 says yes, not no."""
    return any(_ASKS_ABOUT_OTHERS.search(q.text) for q in variants)


def _about_someone_else(folded: str, variants: Sequence[Question]) -> bool:
    """The clause tells of someone else's condition at a question about the applicant's own (epilepsy, a device),
    so it answers nothing; a question about the family itself (does your parent agree?) is not such a question."""
    return bool(_SOMEONE_ELSE.search(folded)) and any(
        not _ASKS_ABOUT_OTHERS.search(q.text) and any(means(c) == "yes" for c in q.choices) for q in variants)


def _unqualified(hits: list[Hit], text: str, variants: Sequence[Question]) -> list[Hit]:
    """The hits without a "yes" word that a "no" choice's word right before it narrows ("blood pressure pills",
    「血圧の薬」 are pills that do not count), and without a possessor before 「の」 (「私の息子」 is the son)."""
    if len(hits) < 2:
        return hits
    padded, key = f" {spaced(text)} ", key_of(text)
    meaning = {c.id: means(c) for q in variants for c in q.choices}
    dropped = set()
    for head in hits:
        for modifier in hits:
            if modifier.key.choice_id == head.key.choice_id:
                continue
            a, b = modifier.surface.strip(), head.surface.strip()
            if head.key.ascii:
                narrowed = f" {a} {b} " in padded
            else:
                narrowed = f"{a}{b}" in key or f"{a}の{b}" in key
                if f"{a}の{b}" in key and meaning.get(modifier.key.choice_id) is None \
                        and variants[0].kind != "multi":  # 「土曜の朝」 names two things one may tick
                    dropped.add(id(modifier))  # 「私の息子」: whose son, not who applies
            if narrowed and meaning.get(modifier.key.choice_id) == "no" and meaning.get(head.key.choice_id) == "yes":
                dropped.add(id(head))
    kept = [h for h in hits if id(h) not in dropped]
    return kept or hits


def _negation_of_named(hits: list[Hit], question: Question) -> list[Hit]:
    """At a multi question, the "none" choice's own negative word (「ない」, 「なし」, "never") said of a treatment
    named in the same clause negates that treatment (「薬は飲んでない」, "never tried medication"): it is no "none"."""
    if question.kind != "multi":
        return hits
    exclusive_no = {c.id for c in question.choices if c.exclusive and means(c) == "no"}
    if not any(h.key.choice_id not in exclusive_no for h in hits):
        return hits
    kept = [h for h in hits if h.key.choice_id not in exclusive_no or not said(h.key.raw).negated]
    return kept if kept != hits else hits


def _read_clause(clause: Clause, keys: Sequence[Key], variants: Sequence[Question]) -> _Clause:
    question = variants[0]
    folded = fold(clause.text)
    helper = _HELPER.search(folded)
    if helper and not _asks_about_others(variants) and helper.group(0).endswith(("for me", "for me too")):
        clause = Clause("for me", clause.role)  # "my mum is filling this in for me": it is for the writer
        folded = "for me"
    elif _about_someone_else(folded, variants) or (helper and not _asks_about_others(variants)):
        return _Clause("reason")
    by_means = {means(c): c.id for c in question.choices if means(c) is not None}
    hits: list[Hit] = _negation_of_named(_unqualified(find(keys, clause.text), clause.text, variants), question)
    ids = {h.key.choice_id for h in hits}
    from_partial = not ids and question.amount is None
    if from_partial:
        ids = partial(variants, clause.text)
    rest = clause.text if not hits else _without(clause.text, hits)
    heard = said(rest)
    if from_partial and not heard.negated:
        # 「母には話しました」 shares words with the label 「まだ話していない」 but says the opposite, as "I told them"
        # does with "I have not told them yet"
        ascii_clause = clause.text.isascii()
        ids = {i for i in ids if not any(c.id == i and c.label.isascii() == ascii_clause and said(c.label).negated
                                         for q in variants for c in q.choices)}
    doubtful = (heard.one == "no" or (bool(_FINE.search(folded)) and not heard.polarities - {"no"})) and (
        heard.hedged or bool(_BELIEF.search(folded)))  # 「ないと思う」, 「たぶん大丈夫だと思う」: a no as a belief
    out = _Clause(clause.role, said=heard, doubtful=doubtful, minimised=bool(_MINIMISED.search(folded)),
                  official=bool(_OFFICIAL.search(folded)), of_others=bool(_OTHERS.search(folded)),
                  topical=bool(hits), now=bool(_SAID_NOW.search(folded)) and _about_now(variants),
                  may_count=bool(find(_may_keys(variants), clause.text)) if question.may_count else False)
    if clause.role == "except":  # "anything but phone", 「電話以外」: every choice named here is ruled out
        out.denied = set(ids)
        return out
    choice_means = {c.id: means(c) for c in question.choices}
    clause_key = key_of(clause.text)
    excepted = {h.key.choice_id for h in hits if f"{h.key.text if h.key.ascii else h.surface}以外" in clause_key}
    out.denied |= excepted  # 「電話以外で」, 「午前以外なら」: the choice named before 以外 is ruled out
    for choice_id in _subsumed(ids - excepted, hits, variants):
        meaning = choice_means.get(choice_id)
        disliked = meaning is None and bool(_DISLIKE.search(folded)) and not heard.negated
        if disliked and not _negative_label(choice_id, variants):
            out.denied.add(choice_id)  # 「点滴はちょっとこわい」, "scared of the drip": not the one wanted
        elif _shaped_label(choice_id, variants) and heard.one == "no" and not out.official and "no" in by_means \
                and not _MAYBE_JA.search(folded):
            out.polar.add(by_means["no"])  # 「うつではないと思う」 denies what 「診断はないが、うつ病かも」 suspects
        elif _forbidding_label(choice_id, variants) and not heard.negated and _PERMITS.search(folded):
            out.denied.add(choice_id)  # "you can leave a message" at 「…残さないでほしい」: the opposite of the choice
        elif _negative_label(choice_id, variants) and meaning == "no" and heard.negated and "yes" in by_means \
                and _asks_about_others(variants) \
                and not any(said(h.key.raw).negated for h in hits if h.key.choice_id == choice_id):
            # "not against it", 「反対はしてない」: the parents' no denied is likely a yes, but not said: asked (at
            # a question about one's own health 「補聴器もつかってません」 denies the thing, and stays a no)
            out.polar |= {by_means["yes"], *([by_means["unsure"]] if "unsure" in by_means else [])}
        elif _negative_label(choice_id, variants):
            (out.polar if meaning else out.named).add(choice_id)
        elif heard.stopped and meaning == "yes" and "no" in by_means and _about_now(variants) \
                and not heard.polarities - {"no"}:
            out.polar.add(by_means["no"])  # 「抗うつ薬はやめました」 at 「今、飲んでいますか」: no longer, so a no
        elif heard.negated and "yes" not in heard.polarities:
            if meaning == "yes" and "no" in by_means:
                out.polar.add(by_means["no"])
            else:
                out.denied.add(choice_id)
        elif "unsure" in heard.polarities and meaning in ("yes", "no") and "unsure" in by_means:
            out.polar.add(by_means["unsure"])
            doubted_yes = meaning == "yes" and bool(_DOUBT.search(folded)) and _screening(choice_id, variants)
            chance = _asks_chance(variants) and bool(_CHANCE.search(folded)) and heard.polarities <= {"unsure"}
            if meaning == "yes" and chance:
                out.polar = {choice_id}  # "there might be a chance", 「可能性はあるかも」: a chance is what it asks
            elif (heard.hedged and meaning in heard.polarities) or doubted_yes:
                out.polar.add(choice_id)  # 「可能性はゼロではないかも」, "maybe I had a seizure": both, so it asks
        elif meaning is not None:
            out.polar.add(choice_id)
            out.topic_yes = out.topic_yes or (meaning == "yes" and any(
                h.key.choice_id == choice_id and not h.key.label for h in hits))
            if meaning == "yes" and out.minimised and "no" in by_means and _screening(choice_id, variants):
                out.polar.add(by_means["no"])  # "only a bit of scalp soreness": something, but no worry
        else:
            out.named.add(choice_id)
    if not ids and heard.declined:  # "skip", 「ノーコメント」: the choice that declines to answer, if there is one
        ids = {c.id for c in _declining_choices(variants)}
        out.named |= ids
    if not ids and heard.stopped and not _about_now(variants):
        out.polar |= set(by_means.values())  # "not since I was a teenager" at "have you ever ...": it did happen
    elif not ids:
        polarities = set(heard.polarities) or ({"no"} if heard.stopped else set())
        if heard.weak and by_means.get("yes") != "yes":
            polarities = set()  # a plain verb answers 「飲んでいますか」, not a diagnosis: 「適応障害と言われました」
        if heard.weak and _EN_PAST.search(folded) and not _EN_PRESENT.search(folded) and _asked_in_present(variants):
            polarities = set()  # "I had a baby last year" at "are you pregnant?": the past answers nothing now
        if (polarities <= {"unsure"} or heard.weak) and _FINE.search(folded) and not _asks_about_others(variants):
            # 「大丈夫です」 at a question about one's own health: nothing to report; 「たぶん大丈夫」 is a hedged no
            polarities = {"no", "unsure"} if heard.hedged or "unsure" in polarities else {"no"}
        if polarities & {"no", "unsure"} and "yes" not in polarities and _AS_FAR_AS_KNOWN.search(folded) \
                and "yes" in by_means and _screening(by_means["yes"], variants):
            polarities = {"no", "unsure"}  # "not that I know of": a "no" or a "not sure", so it asks
        out.polar |= {by_means[p] for p in polarities if p in by_means}
        if len(polarities) > 1 and not out.polar:
            out.polar |= set(by_means.values())
        if polarities == {"unsure"} and "yes" in by_means and not heard.negated \
                and _screening(by_means["yes"], variants) and _OCCURRED.search(folded):
            out.polar.add(by_means["yes"])  # "maybe once": a yes or a maybe, so it asks
    yes, unsure = by_means.get("yes"), by_means.get("unsure")
    if yes in out.polar and unsure and not heard.negated and _DOUBT.search(folded) and _screening(yes, variants):
        out.polar.add(unsure)  # 「ひきつけみたいなのがあった気がする」: a yes the person doubts, at a safety question
    if yes in out.polar and unsure and not heard.negated and (heard.hedged or _GUESS.search(folded)) \
            and _asks_about_others(variants):
        out.polar.add(unsure)  # "prob fine with it", 「たぶんOKだと思う」: a guess at what someone else thinks
    return out


def _declining_choices(variants: Sequence[Question]) -> list[Choice]:
    """The choices whose label declines to answer ("I'd rather not say", 「答えたくない」)."""
    return [c for question in variants[:1] for c in question.choices if said(c.label).declined]


_DOUBT = re.compile(r"気がする|気もする|ような気|みたいなの|っぽいの|[たんだ]かも|\bmaybe\b|"
                    r"\bpossibly\b|\bmight have\b|"
                    r"\b(?:rule|be ruled) (?:it |that |this )?out\b|ないとは(?:言い切れ|いいきれ|言え)|"
                    r"\bmay have\b|\bsort of\b|\bkind of\b|\bkinda\b|"
                    r"らしい|らしく|(?:た|だ)そう(?:です|だ|で)?(?:よ|ね)?[。.!！]*$|\bapparently\b|\bsupposedly\b|"
                    r"\b(?:i was|i've been|i have been) told\b|\bso i(?:'m| am) told\b")
"""A yes the person doubts: an impression (「気がする」), a guess ("maybe once"), or hearsay about oneself
(「あったらしい」, "apparently I had one as a baby"), remembered by others; "I think so" keeps its yes."""
_GUESS = re.compile(r"\bprob\b|\bprobs\b|\bprolly\b|\bprobly\b|\bmaybe\b|\bi hope\b|\bhopefully\b")
"""Short or spoken guesses the hedge words do not hold ("prob fine with it", "prolly ok")."""


_CHANCE = re.compile(r"\bchance\b|\bpossib|可能性")
_OCCURRED = re.compile(r"\bonce\b|\btwice\b|\ba few times\b|\ba couple of times\b|一度|一回|1回|二回|2回|何回か|何度か|"
                       r"(?:あった|ありました|起きた|起こった|なった)(?:かも|のかも)")
"""Said to have happened ("maybe once", 「一度あったかも」): a maybe about an event is a doubted yes."""


def _asks_chance(variants: Sequence[Question]) -> bool:
    """The question asks whether there is a chance ("...or is there any chance you might be?", 「可能性は」), so a
    possibility said is a yes, not a "not sure"."""
    return any(_CHANCE.search(fold(q.text)) for q in variants)


def _screening(choice_id: str, variants: Sequence[Question]) -> bool:
    """The choice flags the application for the doctor's safety review, where a doubtful yes is worth one more tap."""
    return any(c.flag == "screening" for c in _choices(choice_id, variants))


_NOW = re.compile(r"\bcurrently\b|\bright now\b|\bat the moment\b|\bthese days\b|今|現在")


_SAID_NOW = re.compile(r"\bnow\b|\bcurrently\b|\bat the moment\b|\bthese days\b|今は|今は?もう|現在は?")


def _about_now(variants: Sequence[Question]) -> bool:
    """The question asks about now (「今、…飲んでいますか」), so "not anymore" is a plain no; asked about ever,
    "not anymore" says it did happen."""
    return any(_NOW.search(q.text) for q in variants)


def _without(text: str, hits: Sequence[Hit]) -> str:
    """The clause with the keys found taken out, so a key's own ない (「受けたことはない」) is not a "no"."""
    key, plain = key_of(text), f" {spaced(text)} "
    if plain.strip().isascii():
        for hit in hits:
            plain = plain.replace(f"{hit.surface}", " it ", 1)
        return " ".join(plain.split())
    for hit in sorted(hits, key=lambda h: -len(h.surface)):
        key = key.replace(hit.surface, "それ", 1)  # a pronoun keeps the sentence: 「母はいない」 -> 「それはいない」
    return key


def _subsumed(ids: set[str], hits: Sequence[Hit], variants: Sequence[Question]) -> set[str]:
    """Choices named in the message, without those named only as part of another named choice's label:
    「TMSとエクソソームの併用」 names the combined choice, not also TMS and exosome."""
    labels = {c.id: [key_of(v.label) for q in variants for v in q.choices if v.id == c.id] for c in variants[0].choices}
    drop = set()
    for hit in hits:
        for other in ids - {hit.key.choice_id}:
            stem = hit.key.text.rstrip("s") if hit.key.ascii and len(hit.key.text) > 4 else hit.key.text
            if any(stem in label for label in labels.get(other, [])):
                drop.add(hit.key.choice_id)
    if variants[0].kind == "choice":  # 「磁気と点滴の両方」: TMS (its label 「TMS治療」) is part of the combined choice
        for part in ids:
            for whole in ids - {part}:
                if any(len(own) < len(label) and own in label for own, label in zip(
                        labels.get(part, []), labels.get(whole, []), strict=False)):
                    drop.add(part)
    return ids - drop if ids - drop else ids


# --- reading a message -------------------------------------------------------------------------------------------

_ALL = re.compile(r"全部|ぜんぶ|すべて|全て|どれも(?!な|あてはまらな)|^all(?: of (?:them|the above|these|those|"
                  r"it))?(?: please)?$|"
                  r"\ball of (?:them|the above|these|those)\b|\beverything\b|\bevery one\b|\ball three\b")


_PHONE_CONTRACTIONS = re.compile(
    r"(?<![a-z0-9'])(dont|doesnt|didnt|havent|hasnt|hadnt|cant|couldnt|wont|wouldnt|shouldnt|isnt|arent|wasnt|werent"
    r"|aint|im|ive)(?![a-z0-9'])", re.IGNORECASE)
_SPELT_OUT = {"cant": "can not", "wont": "will not", "aint": "am not", "im": "i am", "ive": "i have"}


def spelt_out(text: str) -> str:
    """Contractions typed without the apostrophe as their words: "i dont have one" is a "no" as "I don't" is, and
    "havent told them" names "have not told"."""
    return _PHONE_CONTRACTIONS.sub(lambda m: _SPELT_OUT.get(m[1].lower(), m[1][:-2] + " not"), text)


def read_choice(text: str, variants: Sequence[Question], *, age: Span | None = None) -> Reading:
    """Read a message typed at a choice or multi question; ``variants`` is that question in every language; ``age``
    the age the form already holds (years, from and up to), so 「中2から」 can be counted as a duration.

    A message in romaji that says nothing as English (「iie」, 「nai desu」, 「hogosha desu」) is read again as kana."""
    text = _REPEATED.sub(r"\1", spelt_out(text))  # 「ないない」, 「はいはい」: said twice, meant once
    if not text.isascii():
        text = standard(text)  # 「まだ言うてへん」 as 「まだ言ってない」, so the choices' words find it
    words = set(_ROMAJI_WORD.findall(text.lower())) if _ROMAJI_PARTICLE.search(text) else set()
    kana = _romaji(text) if words & _ROMAJI_GRAMMAR and not words & _ENGLISH_GRAMMAR else None
    if kana is not None:
        # 「kodomo no koro ni atta」: that "no" is 「の」 between two words, not the English no; read as Japanese
        # only, and asked about when that reading finds nothing, instead of a "no" it never said
        as_japanese = _read_choice(kana, variants, age)
        return as_japanese if as_japanese.kind != "question" and as_japanese.choice_ids else Reading("unclear")
    reading = _read_choice(text, variants, age)
    if reading.kind != "unclear" or reading.choice_ids:
        return reading
    for again_text in _read_again(text, variants):
        again = _read_choice(again_text, variants, age)
        if again.kind != "question" and again.choice_ids:
            return again
    return reading


def _read_again(text: str, variants: Sequence[Question]) -> list[str]:
    """The message as it may have been meant, when as typed it names nothing: romaji as kana (「nai desu」), kanji
    as the word of the same sound (「本任です」 is 「本人です」), English words with one slip of the finger made good
    ("mornigns", "anti depressents"). The last two only for a message in which no choice's word was found: where
    one was (「父がてんかんです」), the reader left it undecided for a reason that no spelling changes."""
    if find(keys_of(variants), text):
        kana = _romaji(text) if text.isascii() else None
        return [kana] if kana is not None else []
    if text.isascii():
        kana = _romaji(text)
        mended = mend_typos(text, variants)
        return [t for t in (kana, mended) if t is not None]
    mended = same_sound(text, variants)
    return [mended] if mended is not None else []


_ROMAJI_PARTICLE = re.compile(r"[a-z]\s+no\s+[a-z]", re.IGNORECASE)
"""A "no" between two words with no mark between them ("kodomo no koro", "ani no tenkan"): in a message that is
all romaji it is the particle 「の」; English says "no" first or after a mark ("no, never", "dad yes, mom no")."""
_ROMAJI_GRAMMAR = frozenset({
    "wa", "ga", "ni", "wo", "de", "mo", "to", "dake", "kara", "made", "desu", "deshita", "masu", "masen", "mashita",
    "nai", "nakatta", "arimasu", "arimasen", "arimashita", "aru", "atta", "imasu", "imasen", "iru", "ita", "shita",
    "shimashita", "koro", "toki", "hai", "iie", "dayo", "da", "yo", "ne"})
"""Particles and endings that make a message romaji Japanese ("kodomo no koro ni", "ani ga tenkan desu")."""
_ENGLISH_GRAMMAR = frozenset({
    "i", "a", "the", "have", "has", "had", "is", "am", "are", "was", "one", "more", "idea", "me", "my", "so", "go",
    "time", "once", "never", "ever", "any", "some", "at", "all", "it", "not", "yes", "yet"})
"""English words that rule romaji out, so "no one", "no idea", "no more" keep the English no."""
_REPEATED = re.compile(r"(ない|ないです|はい|いや|うん|そう|ある|あります|nope|no|yes|yep)(?:[\s、,]*\1)+")
_ROMAJI_WORD = re.compile(r"[a-z]+")
_KANA_ONLY = re.compile(r"[\u3041-\u309f]+")


def _romaji(text: str) -> str | None:
    """Every word of the message as hiragana (「nonde nai」 -> 「のんでない」), or None when some word is no romaji."""
    words = _ROMAJI_WORD.findall(text.lower())
    if not words or _ROMAJI_WORD.sub("", text.lower()).strip(" .,!?~-"):
        return None
    kana = [jaconv.alphabet2kana(re.sub(r"nn(?=[aiueo])", "んn", word)) for word in words]  # honnin: ほんにん
    if not all(_KANA_ONLY.fullmatch(k) and not k.endswith("っ") for k in kana):
        return None
    return "".join(kana)


_QUESTION_MARK = re.compile(r"[?？]+")
_DOES_IT_COUNT = re.compile(r"[,、。]?\s*(?:(?:does|would|do|will) (?:that|it|this|they|those) (?:count|apply|matter)|"
                            r"(?:is|are) (?:that|it|this|those) (?:included|counted|relevant|one of them)|"
                            r"(?:それ|これ|あれ)(?:も|は)?(?:入|含|はい|当てはま|あてはま|該当|カウント)[^?？]{0,8}[?？]|"
                            r"(?:も|は)(?:入|含ま|該当)(?:り|れ|し)?(?:ます|る)?(?:か|の)?[?？])")
"""A question whether what was just said counts ("does that count?", 「それも入る？」)."""


_EN_DOUBT_WORDS = re.compile(r"\b(?:i think|think so|i guess|i believe|i suppose|i reckon|probably|prob|maybe|perhaps|"
                             r"pretty sure|i think so|i guess so)\b")
_EN_ASKING = re.compile(r"\b(?:what|whats|how|why|when|where|which|who|can|could|should|would|will|does|do you|"
                        r"is it|is that|is this|are you|are there|is there|mean|count|ok|okay|fine)\b")
_JA_DOUBT_WORDS = re.compile(r"かな$|かなあ$|かなぁ$|と思う$|と思います$|と思うけど$|たぶん|多分|おそらく|"
                             r"かも$|かもです$")


def _doubt_asked(text: str) -> bool:
    """The message ends in its only question mark and only doubts what it says ("I think so?", "tms I guess?",
    「TMSかな？」, 「そうだと思う？」): no question word, no "does it count", nothing asked of the bot."""
    stripped = text.strip()
    body = stripped.rstrip("?？ ")
    if body == stripped or not body or _QUESTION_MARK.search(body):
        return False
    plain = spaced(body)
    if plain.isascii():
        return bool(_EN_DOUBT_WORDS.search(plain)) and not _EN_ASKING.search(plain)
    key = key_of(body)
    return bool(_JA_DOUBT_WORDS.search(key)) and not _ASKING_WORD.search(key.replace("かな", ""))


def _answered_after_mark(text: str) -> bool:
    """Neither what follows the last question mark nor what comes before a mark is a question without it, so the
    mark only checked a word or made a hedge ("coclear? no", "maybe? I blacked out once", 「ひきつけ？みたいなのが
    あった気がする」)."""
    pieces = _QUESTION_MARK.split(text.strip())
    after = pieces[-1].strip(" 、,。.!！")
    asked = any(looks_like_question(piece) and not _WHAT_IS_THAT.fullmatch(spaced(piece).strip())
                for piece in pieces[:-1])  # 「TMSは痛いですか？こわいです」 asks; "what's that? no" answers
    return bool(after) and not asked and not looks_like_question(after) and bool(key_of(after))


def _read_choice(text: str, variants: Sequence[Question], age: Span | None = None) -> Reading:
    return _may_count(text, variants, _read_plain(text, variants, age))


def _may_keys(variants: Sequence[Question]) -> list[Key]:
    """The question's ``may_count`` words as keys of no choice (``choice_id`` empty), beside the choices' keys, so
    the longest wins where they overlap ("insulin pump" is the pump that may count, not the "pump" that does)."""
    return word_keys(tuple(word for question in variants for word in question.may_count))


def _may_count(text: str, variants: Sequence[Question], reading: Reading) -> Reading:
    """Something that may or may not be what the question asks (an IUD at the implant question, a near-faint at
    the fainting question, 「妊活中」 at the pregnancy question), named as a yes or left unclear: a careful
    receptionist asks, so every answer is offered. A "no" or a plain "not sure" said of it stands (so do the
    candidates of a reading that already asks), and so does a yes
    word of the question said beside it (「貧血で倒れた」)."""
    question = variants[0]
    may = _may_keys(variants)
    if may and question.kind == "multi":
        return _may_count_among(text, variants, may, reading)
    if not may or question.kind != "choice" or reading.kind == "question" or (
            reading.kind == "unclear" and reading.choice_ids):
        return reading  # already asked about, with the candidates the reader found
    meaning = {c.id: means(c) for c in question.choices}
    if reading.kind == "choice" and meaning.get(reading.choice_ids[0]) not in ("yes", "unsure"):
        return reading
    hits = find([*may, *keys_of(variants)], text)
    if not any(h.key.choice_id == "" for h in hits):
        return reading
    if any(not h.key.label and meaning.get(h.key.choice_id) == "yes" and not _TOLD.search(h.key.raw) for h in hits):
        return reading  # the thing itself is named too: 「貧血で倒れた」 fainted ("doctor said" is only who said it)
    cut = clauses(text)
    about = [c for c in cut if any(h.key.choice_id == "" for h in find(may, c.text))]
    if all(c.role == "reason" for c in about) or any(said(c.text).negated for c in about):
        return reading  # 「妊活中なのでなんとも」: the reason for a "not sure"; "no IUD": not there
    if reading.kind == "choice" and meaning.get(reading.choice_ids[0]) == "unsure" and (
            not _asks_chance(variants) or any(c.role == "conclusion" for c in cut[cut.index(about[-1]) + 1:])):
        return reading  # "we're trying, so maybe?": "not sure" is what the patient concluded from it
    return Reading("unclear", tuple(c.id for c in question.choices if meaning.get(c.id) is not None
                                    or _shaped_label(c.id, variants)))


def _may_count_among(text: str, variants: Sequence[Question], may: Sequence[Key], reading: Reading) -> Reading:
    """At a multi question, something that may be one choice or another ("St John's wort": an antidepressant, or
    another treatment?) is the patient's to place: the bot offers every choice but the exclusive ones, instead of
    recording only what else was named. Said with a no ("never tried St John's wort") it places nothing."""
    if reading.kind == "question":
        return reading
    about = [c for c in clauses(text) if any(h.key.choice_id == "" for h in find(may, c.text))]
    if not about or all(c.role == "reason" or said(c.text).negated for c in about):
        return reading
    return Reading("unclear", tuple(c.id for c in variants[0].choices if not c.exclusive))


def _read_plain(text: str, variants: Sequence[Question], age: Span | None = None) -> Reading:
    question = variants[0]
    order = [c.id for c in question.choices]
    if not key_of(text) and not said(text).polarities:
        return Reading("unclear")
    keys = keys_of(variants)
    text = _kana_as_kanji(text, keys)
    exact = {k.choice_id for k in keys if (k.text == spaced(text) if k.ascii else k.text == key_of(text))}
    if len(exact) == 1:
        return Reading("choice", tuple(exact))
    unsure = [c.id for c in question.choices if means(c) == "unsure"]
    if unsure and _asks_what_it_is(text, variants):
        # 「人工内耳ってなに？わかんない」: not knowing said outright is the answer; 「人工内耳？なにそれ」 only
        # asks back, and one who must ask most likely has none, but that is theirs to say: "no" and "not sure"
        after = _QUESTION_MARK.split(text.strip())[-1]
        rest = said(after if after.strip() else _WHAT_IS.sub(" ", spaced(text)))
        if rest.polarities == {"unsure"}:
            return Reading("choice", tuple(unsure[:1]))
        return Reading("unclear", tuple(c.id for c in question.choices if means(c) in ("no", "unsure")))
    if question.amount is not None:  # 「1〜2年」 is read as an amount: as a word it would be found in 「12年」
        keys = [k for k in keys if not (k.label and re.search(r"\d", k.text))]
    keys = [k for k in keys if not _answer_label(k, question)]
    counts = _DOES_IT_COUNT.search(fold(text))
    if counts is not None and counts.start() > 0:
        # "insulin pump, does that count?", 「避妊リングは入ってるけど、それも入る？」: an answer and a doubt about it
        stated = _read_choice(text[:counts.start()], variants, age)
        if stated.kind != "question" and stated.choice_ids and unsure and (
                stated.kind == "unclear" or len(stated.choice_ids) == 1):
            return Reading("unclear", tuple(sorted({*stated.choice_ids, unsure[0]}, key=order.index)))
    if _doubt_asked(text):
        # "I think so?", "both I think?", 「TMSかな？」: an answer the person doubts, put as a question to the bot;
        # what it would record and "not sure" are offered, it is no question for the FAQ
        doubted = _read_plain(_QUESTION_MARK.sub("", text), variants, age)
        ids = set(doubted.choice_ids) | set(unsure[:1])
        if doubted.kind == "question" or not doubted.choice_ids:
            return Reading("unclear")
        if ids == set(unsure[:1]):
            return Reading("choice", tuple(ids))  # "maybe?": not sure is the answer
        return Reading("unclear", tuple(c for c in order if c in ids))
    if looks_like_question(text) and _answered_after_mark(text):
        # "coclear? no", 「人工内耳？ないです」: a word checked, then the answer, which is read alone; "maybe? I
        # blacked out once" and 「ひきつけ？みたいなのがあった」: the mark made a hedge, and the whole is the answer
        before, after = _QUESTION_MARK.split(text.strip(), maxsplit=1)[0], _QUESTION_MARK.split(text.strip())[-1]
        echoed = (not said(before).polarities or bool(_WHAT_IS_THAT.fullmatch(spaced(before)))) \
            and said(after).polarities and not find(keys, after)
        text = after if echoed else _QUESTION_MARK.sub("、", text)
    cut = [with_day_parts(c) for c in clauses(_preferred(text, keys))]
    parts = [_read_clause(c, keys, variants) for c in cut]
    cut, parts = _after_correction(cut, parts, question)
    if looks_like_question(text) and not _only_unsure(parts, question) and not _hedged_amount(text, question) \
            and not _request_naming_a_choice(text, parts) and not _musing(text, parts):
        return Reading("question")
    if question.kind == "multi":
        multi = _read_multi(text, parts, variants, cut)
        return Reading("unclear", multi.choice_ids) if any(c.between for c in cut) else multi
    shaped = _shaped_choice(parts, variants)
    if shaped is not None:
        no = next((c.id for c in question.choices if means(c) == "no"), None)
        if no is not None and any(p.doubtful for p in parts[:1]):
            # 「うつ病ではないと思うけど、気分はずっと落ちてる」: the patient thinks it is not, the label says they
            # think it may be; both are offered
            return Reading("unclear", tuple(c for c in order if c in (no, shaped)))
        return Reading("choice", (shaped,))
    if all(p.said.negated and p.official and not p.said.hedged and not p.named - p.denied for p in parts) \
            and "no" in (means_ := {means(c): c.id for c in question.choices}) and parts:
        shaped_ids = [c.id for c in question.choices if _shaped_label(c.id, variants)]
        if shaped_ids:  # 「診断はされてません」, "no diagnosis": no, or the "not diagnosed, but ..." choice
            return Reading("unclear", tuple(sorted({means_["no"], *shaped_ids}, key=order.index)))
    told = _told_but_unsure_it_counts(cut, parts, variants)
    if told:
        return Reading("unclear", tuple(sorted(told, key=order.index)))
    either = _alternatives(text, keys, variants)
    if either:
        return Reading("unclear", tuple(sorted(either, key=order.index)))
    split = _split_between_people(*_by_person(cut, parts, keys, variants))
    if split:
        return Reading("unclear", tuple(sorted(split, key=order.index)))
    by_means = {means(c): c.id for c in question.choices if means(c) is not None}
    denied = set().union(*(p.denied for p in parts))
    answering = [p for p in parts if p.role != "reason" and (p.named or p.polar or p.minimised or p.may_count)]
    kept = answering or parts
    named = set().union(*(p.named for p in kept)) - denied
    amount = set(bands(read_spans(text, question.amount, age=age), question.choices, question.amount)) \
        if question.amount is not None else set()
    if named or amount:
        # an age or a duration read says more than a word beside it ("a high school senior" is 17 or 18, whatever
        # "high school" or "senior" alone would name); a word that disagrees with it makes the reader ask
        found = amount if amount and named & amount else named | amount
        found |= _still_undecided(kept, by_means)
        if len(found) > 1:
            whole = _naming_all(found, keys, variants)
            if len(whole) == 1 and not amount and _TOGETHER.search(fold(text)) and not _UNDECIDED.search(fold(text)):
                return Reading("choice", tuple(whole))  # "tms plus exosome", 「磁気と点滴をセットで」: the two together
            found |= whole
        return _one_or_ask(found, order)
    polar = _polar_answer(kept, [by_means["no"]] if "no" in by_means else [],
                          [by_means["unsure"]] if "unsure" in by_means else [])
    if polar and polar == {by_means.get("no")}:
        polar |= _told_something_else(cut, parts, variants)  # "bipolar dx, not depression": the doctor's call
    if polar and polar == {by_means.get("yes")} and "unsure" in by_means and _asks_about_others(variants) \
            and any(p.said.hedged and not p.said.negated for p in kept):
        polar = polar | {by_means["unsure"]}  # 「賛成…してると思う、たぶん」: a guess at what the parents think
    if polar:
        doubted_yes = polar == {by_means.get("yes"), by_means.get("unsure")}  # offered as they are
        if len(polar) > 1 and polar <= set(by_means.values()) and not doubted_yes:
            polar |= set(by_means.values())  # 「はい、ないです」: offer every answer, "not sure" included
        return _one_or_ask(polar - denied or polar, order)
    if denied:  # 「電話はやめてください」: offer the others
        return Reading("unclear", tuple(c for c in order if c not in denied) or tuple(order))
    other_diagnosis = _told_something_else(cut, parts, variants)
    if other_diagnosis:
        return Reading("unclear", tuple(sorted(other_diagnosis, key=order.index)))
    return Reading("unclear")


def _after_correction(cut: list[Clause], parts: list[_Clause], question: Question) -> tuple[list[Clause],
                                                                                               list[_Clause]]:
    """What follows a self-correction ("exosome... no wait, the combination", 「電話、いや、やっぱりメールで」)
    takes back what came before, when it answers something itself; an age or a duration reads its own
    corrections from the whole message (bot.intake.amounts)."""
    starts = [i for i, clause in enumerate(cut) if clause.corrects]
    if not starts or question.amount is not None:
        return cut, parts
    last = starts[-1]
    if any(p.named or p.polar or p.denied for p in parts[last:]):
        return cut[last:], parts[last:]
    return cut, parts


def _told_something_else(cut: Sequence[Clause], parts: Sequence[_Clause], variants: Sequence[Question]) -> set[str]:
    """Told of another condition than the one asked about (「適応障害とは言われました」, "they said it was burnout" at
    the depression question): whether that counts is the doctor's call, so yes, no and "not sure" are offered."""
    by_means = {means(c): c.id for c in variants[0].choices if means(c) is not None}
    if not {"yes", "no", "unsure"} <= set(by_means):
        return set()
    for clause, part in zip(cut, parts, strict=True):
        if _TOLD.search(fold(clause.text)) and not part.said.negated and "no" not in part.said.polarities \
                and not _FINE.search(fold(clause.text)) and not _names_topic(clause.text, variants):
            return {by_means["yes"], by_means["no"], by_means["unsure"]}
    return set()


_PEOPLE = (("mother", re.compile(r"\b(?:mom|mum|mommy|mummy|mother|mama|stepmom|stepmum|stepmother)\b|"
                                 r"母|ママ|かあさん|かーさん")),
           ("father", re.compile(r"\b(?:dad|daddy|father|papa|stepdad|stepfather)\b|父|パパ|とうさん|とーさん")),
           ("grandparent", re.compile(r"\b(?:grandma|grandpa|grandmother|grandfather|granny|nan|nana)\b|祖母|祖父|"
                                      r"おばあちゃん|おじいちゃん")))
"""People a typed answer may tell apart, each under one name (「母」 and "mom" are one person)."""


def _by_person(cut: Sequence[Clause], parts: Sequence[_Clause], keys: Sequence[Key],
               variants: Sequence[Question]) -> tuple[list[Clause], list[_Clause]]:
    """The clauses with one that names two people cut before each ("dad yes mom no", 「父はOK母はダメ」), so each
    person's answer is read apart."""
    out_cut: list[Clause] = []
    out_parts: list[_Clause] = []
    for clause, part in zip(cut, parts, strict=True):
        folded = fold(clause.text)
        starts = sorted(m.start() for _, pattern in _PEOPLE for m in pattern.finditer(folded))
        if len(starts) < 2 or len(folded) != len(clause.text):
            out_cut.append(clause)
            out_parts.append(part)
            continue
        for begin, end in zip([0, *starts[1:]], [*starts[1:], len(folded)], strict=True):
            piece = Clause(clause.text[begin:end].strip(), clause.role)
            out_cut.append(piece)
            out_parts.append(_read_clause(piece, keys, variants))
    return out_cut, out_parts


def _split_between_people(cut: Sequence[Clause], parts: Sequence[_Clause]) -> set[str]:
    """Clauses about two people that answer differently ("mom knows, dad doesn't yet", 「母は賛成、父にはまだ話して
    ない」): each answer holds for one of them, so the reader offers both instead of keeping the last."""
    answers: dict[str, set[str]] = {}
    for clause, part in zip(cut, parts, strict=True):
        folded = fold(clause.text)
        people = {name for name, pattern in _PEOPLE if pattern.search(folded)}
        answer = (part.named | part.polar) - part.denied
        if len(people) == 1 and answer:
            answers.setdefault(people.pop(), set()).update(answer)
    told = list(answers.values())
    return set().union(*told) if len(told) > 1 and any(a != told[0] for a in told) else set()


_EN_OR = (re.compile(r"^(?P<a>.+?)\s+(?:or|or maybe|or perhaps|or else|or possibly)\s+(?P<b>.+)$"),
          re.compile(r"\bbetween\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$"))
_JA_OR = (re.compile(r"^(?P<a>.+?)(?:または|もしくは|それとも|か、?それとも|or)(?P<b>.+)$"),
          re.compile(r"^(?P<a>.+?)か(?P<b>.+?)か(?:で|に|を|の|、)?(?:迷|悩|決め|検討|考え|どちら|どっち|わから|$)"))


def _alternatives(text: str, keys: Sequence[Key], variants: Sequence[Question]) -> set[str]:
    """Two choices offered as alternatives (「TMSか併用かで迷ってる」, "TMS or maybe the combined one", "deciding
    between tms and the combo"): both, so the reader asks which; a choice question records one, and "or" is no
    answer to it."""
    plain = spaced(text)
    patterns = _EN_OR if plain.isascii() else _JA_OR
    source = plain if plain.isascii() else key_of(text)
    undecided = {c.id for c in variants[0].choices if means(c) == "unsure"}
    for pattern in patterns:
        found = pattern.search(source)
        if found is None:
            continue
        sides = [_subsumed({h.key.choice_id for h in find(keys, found.group(side))}, find(keys, found.group(side)),
                           variants) for side in ("a", "b")]
        said_undecided = sides[0] & undecided  # "still deciding, tms or the combo": the doubt, then the two
        sides = [side - undecided if side - undecided else side for side in sides]
        if all(len(side) == 1 for side in sides) and sides[0] != sides[1]:
            return sides[0] | sides[1] | said_undecided
    return set()


_MUSING_END = re.compile(r"(?:かな|かなぁ|かなあ|かなー|かも|かね)[。.…!！~〜w笑]*$")
_ASKING_WORD = re.compile(r"何|なに|なん|どう|どれ|どの|どっち|どちら|いつ|どこ|だれ|誰|なぜ|いくら|大丈夫|いい|でき|"
                          r"ですか|ますか|でしょう|[のん]かな|[のん]かね")


def _musing(text: str, parts: Sequence[_Clause]) -> bool:
    """「チクチクしたくらいかな」, 「TMSかな」: a hedged answer said to oneself, no question mark and nothing asked, is
    an answer when it names a choice or says yes, no or not sure."""
    plain = fold(text).strip()
    return not re.search(r"[?？]", plain) and bool(_MUSING_END.search(plain)) and not _ASKING_WORD.search(plain) \
        and any(p.named or p.polar for p in parts)


def _hedged_amount(text: str, question: Question) -> bool:
    """「半年くらいかな」 at a duration question is an answer with a hedge, not a question (no question mark)."""
    return question.amount is not None and not re.search(r"[?？]", text) and bool(read_spans(text, question.amount))


_NOT_AFTER = frozenset([
    "do", "does", "did", "am", "is", "are", "was", "were", "have", "has", "had", "can", "could", "would", "will",
    "should", "i", "it", "that", "why", "or", "and", "but", "just", "certainly", "definitely", "probably", "maybe",
    "perhaps", "if", "s",
])
"""Words before "not" that make it a plain negation ("I do not know"), not a preference ("email not phone")."""
_EN_PREFERENCES = (
    re.compile(r"^(?:i(?: would|d)?\s+)?(?:rather|sooner)\s+(?P<kept>.+?)\s+than\s+(?P<other>.+)$"),
    re.compile(r"^(?:i(?: would|d)?\s+)?prefer\s+(?P<kept>.+?)\s+to\s+(?P<other>.+)$"),
    re.compile(r"^(?P<kept>.+?)\s+(?:rather than|instead of|in place of|and not|but not|not)\s+(?P<other>.+)$"),
)
_JA_PREFERENCES = (
    re.compile(r"^(?P<other>.+?)(?:じゃなくて|じゃなく|ではなくて|ではなく|でなくて|でなく|よりは|よりも|より)(?P<kept>.+)$"),
)


def _preferred(text: str, keys: Sequence[Key]) -> str:
    """A preference between two choices said in one breath (「電話じゃなくてメール」, 「電話よりメール」, "email not
    phone", "email rather than phone", "rather email than phone") written as the chosen one and a denial of the other
    (「メール、電話ではない」, "email, not phone"), which the clause reader understands. Only when both sides name a
    choice: 「以前より悪い」 and "I do not know" are left as they are."""
    plain = spaced(text)
    patterns = _EN_PREFERENCES if plain.isascii() else _JA_PREFERENCES
    source = plain if plain.isascii() else key_of(text)
    for pattern in patterns:
        found = pattern.match(source)
        if found is None:
            continue
        kept, other = found.group("kept"), found.group("other")
        if plain.isascii() and kept.split()[-1] in _NOT_AFTER:
            continue
        if find(keys, kept) and find(keys, other):
            return f"{kept}, not {other}" if plain.isascii() else f"{kept}。{other}ではない"
    return text


def _polar_answer(parts: Sequence[_Clause], by_no: Sequence[str] = (), by_unsure: Sequence[str] = ()) -> set[str]:
    """Yes / no / not sure over the clauses: a clause after "but" or "so" corrects those before it, unless it takes
    back a symptom the earlier clause named (「頭痛はあったけど、気になるほどでは…」: both are offered); a plain verb
    gives way to a clearer clause (「生理が遅れてて、わからない」)."""
    polar_parts = [p for p in parts if p.polar]
    if not polar_parts:
        return set()
    now = [p for p in polar_parts if p.now]
    if now and len(now) < len(polar_parts):  # "I was on sertraline until last year, nothing now": now is asked
        polar_parts = now
    plain = [p for p in polar_parts if not p.topical and p.said.weak and p.role == "contrast"]
    if plain and len(plain) < len(polar_parts) and any(p.said.polarities or p.polar for p in polar_parts
                                                       if p not in plain):
        polar_parts = [p for p in polar_parts if p not in plain]  # "no, but I have migraines": not what is asked
    parts = [p for p in parts if not p.polar or p in polar_parts]
    light = [p for p in parts if p.minimised and not p.polar and p.role in ("contrast", "conclusion")]
    if light and any(p.topic_yes for p in parts[:parts.index(light[-1])]):  # "a headache, but it went away"
        return set().union(*(p.polar for p in parts if p.topic_yes)) | set(by_no)
    later = [p for p in polar_parts if p.role in ("contrast", "conclusion")]
    if later:
        last = later[-1]
        before = polar_parts[:polar_parts.index(last)]
        named_yes = [p for p in before if p.topic_yes]
        named_polar = set().union(*(p.polar for p in named_yes))
        if named_yes and (last.said.negated or last.minimised):
            # 「頭痛はあったけど、すぐ治った」, "mild headache but nothing major": a symptom, then made light of
            return named_polar | last.polar | (set(by_no) if last.minimised else set())
        light_yes = [p for p in before if p.minimised and p.polar - set(by_no) - set(by_unsure)]
        if light_yes and by_no and last.polar == set(by_no):
            # 「少し頭が重い感じはあったけど大丈夫だった」, "a bit of a headache but nothing worrying": something
            # small, then called fine; whether it was what the question asks is the patient's call, so both
            return set().union(*(p.polar for p in light_yes)) | last.polar
        doubted = [p for p in before if by_unsure and set(by_unsure) < p.polar and not p.polar & set(by_no)]
        if doubted and last.polar == set(by_unsure):  # 「あったかもしれないけどはっきりしない」: still a doubted yes
            return set().union(*(p.polar for p in doubted))
        hedged_no = [p for p in before if p.doubtful]
        if hedged_no and (last.said.one == "unsure" or (by_unsure and last.polar == set(by_unsure))):
            # "don't think so, but not 100%", 「たぶん大丈夫だと思うけど、検査はしてない」: both, so the bot asks
            return set().union(*(p.polar for p in hedged_no)) | last.polar
        doubts = [p for p in before if by_unsure and p.polar == set(by_unsure)] + [
            p for p in parts[:parts.index(last)] if by_unsure and p.may_count]
        if doubts and last.doubtful:  # "we're trying, but I don't think so yet": a belief after a reason to doubt
            return set(by_unsure) | last.polar
        return set(last.polar)
    clear = [p for p in polar_parts if not p.said.weak or p.topic_yes] or polar_parts
    return set().union(*(p.polar for p in clear))


def _still_undecided(parts: Sequence[_Clause], by_means: dict[Polarity | None, str]) -> set[str]:
    """A choice named with a hedge and "not sure" said in another clause (「TMSがいいかなと思うけど、相談もしたい」,
    "exosome I think, but I'd like advice"): both, so the bot asks which to record."""
    unsure = by_means.get("unsure")
    if unsure is None or not any(p.named and (p.said.hedged or "unsure" in p.said.polarities) for p in parts):
        return set()
    return {unsure} if any(unsure in p.polar and not p.named for p in parts) else set()


_KANA_RUN = re.compile(r"[ぁ-ゖー]{4,}")


def _kana_as_kanji(text: str, keys: Sequence[Key]) -> str:
    """A choice's word typed in kana inside a message with kanji (「じんこうないじ入れてます」) written as the key, so
    the 「ない」 inside 人工内耳's reading is no negation; a message all in kana is matched by reading in ``find``."""
    if text.isascii() or not _KANA_RUN.search(text):
        return text
    for key in keys:
        if key.ascii:
            continue
        read = reading(key.raw)
        if len(read) >= 5 and read in text:
            text = text.replace(read, key.raw)
    return text


def _answer_label(key: Key, question: Question) -> bool:
    """A label that is itself a yes, no or "not sure" (「いいえ」, "Not sure", "They do not agree") is read as what it
    says, not found as a word: in "no metal" the "no" denies the metal, it is not a second answer."""
    if not key.label:
        return False
    meaning = next((means(c) for c in question.choices if c.id == key.choice_id), None)
    heard = said(key.raw)
    return meaning is not None and bool(heard.polarities) and not heard.weak


_TOGETHER = re.compile(r"\b(?:plus|with|w|together|both|combined|combo|at the same time)\b|[&+＋]|"
                       r"一緒|いっしょ|両方|りょうほう|セット|同時|併用|組み合わせ|どちらも|どっちも|ながら")
"""Two choices said as one, taken together ("tms plus exosome", 「TMSと点滴をセットで」), not side by side."""
_UNDECIDED = re.compile(r"\b(?:or|either|which|whether|deciding|decide|not sure|unsure|vs|versus)\b|"
                        r"迷|悩|どっちが|どちらが|どっちか|どちらか|決め|わから|分から|[?？]")


def _naming_all(found: set[str], keys: Sequence[Key], variants: Sequence[Question]) -> set[str]:
    """Choices whose label names every choice found (「TMSとエクソソーム」 may mean the combined choice too)."""
    words = {choice_id: [k.text for k in keys if k.choice_id == choice_id] for choice_id in found}
    out = set()
    for question in variants:
        for choice in question.choices:
            label = spaced(choice.label) if choice.label.isascii() else key_of(choice.label)
            if choice.id not in found and all(any(w in label for w in ws) for ws in words.values()):
                out.add(choice.id)
    return out


def _one_or_ask(found: set[str], order: list[str]) -> Reading:
    ranked = tuple(sorted(found, key=order.index))
    return Reading("choice", ranked) if len(ranked) == 1 else Reading("unclear", ranked)


_WHAT_IS = re.compile(r"\bwhat(?:'s| is| are|s)\b|\bwhat does\b.*\bmean\b|"
                      r"(?:って|とは|ってい?うの?は?)(?:なに|何|なん)|(?:なに|何|なん)(?:ですか)?それ")
_WHAT_IS_THAT = re.compile(r"what(?: s| is) (?:that|this|it)|(?:なに|何|なん)(?:ですか)?それ|"
                           r"それ(?:って)?(?:なに|何|なん)")
"""Only "what's that?" (「なにそれ」), asked of the question before answering it ("what's that? no")."""


def _asks_what_it_is(text: str, variants: Sequence[Question]) -> bool:
    """「じんこうないじってなに？」, "what's a cochlear implant?": one who must ask what the question is about has not
    answered it; at a question with a "not sure" choice the reader asks back, unless the message says so too."""
    if not _WHAT_IS.search(spaced(text)):
        return False
    key, words = key_of(text), f" {spaced(text)} "
    for question in variants:
        label = question.label or ""
        if not label:
            continue
        if label.isascii():
            if f" {spaced(label)} " in words:
                return True
        elif key_of(label) in key or any(reading in key for reading in _readings(label)):
            return True
    return False


@lru_cache(maxsize=256)
def _readings(label: str) -> tuple[str, ...]:
    """The label in hiragana (人工内耳 -> じんこうないじ), as a patient who does not know the kanji types it."""
    runs = japanese.kanji_runs(label)
    if not runs:
        return ()
    out, last = [], 0
    for run in runs:
        out += [label[last:run[0][0]], "".join(reading for _, _, reading in run)]
        last = run[-1][1]
    return (key_of("".join(out) + label[last:]),)


def _only_unsure(parts: Sequence[_Clause], question: Question) -> bool:
    """A question mark on "not sure" (「どうだったかな」, "maybe?") is an answer, not a question for the FAQ."""
    unsure = {c.id for c in question.choices if means(c) == "unsure"}
    polar = set().union(*(p.polar for p in parts))
    return bool(unsure) and polar == unsure and not any(p.named for p in parts)


def _shaped_choice(parts: Sequence[_Clause], variants: Sequence[Question]) -> str | None:
    """A choice whose label is "not X, but Y" (「診断はないが、うつ病かもしれないと思う」) for a message of the same
    shape: a "no" followed by "but" and a yes, a hedge or a "not sure" (「診断はまだ。でも自分ではそうかなと」)."""
    for choice in variants[0].choices:
        label_parts = clauses(choice.label)
        if len(label_parts) < 2 or not said(label_parts[0].text).negated \
                or label_parts[1].role not in ("contrast", "main"):
            continue
        for i, part in enumerate(parts[:-1]):
            if part.said.negated or "no" in part.said.polarities:
                for later in parts[i + 1:]:
                    heard = later.said
                    if later.role in ("contrast", "conclusion") and not heard.negated and (
                            heard.hedged or heard.polarities & {"yes", "unsure"}):
                        return choice.id
            elif ("unsure" in part.said.polarities or part.said.hedged) and not part.said.negated and any(
                    later.said.negated and later.official for later in parts[i + 1:]):
                return choice.id  # "probably, but not officially", "a GP said it might be, nothing official"
    return None


_OFFICIAL = re.compile(r"\b(?:official(?:ly)?|formal(?:ly)?|diagnos\w*|on paper)\b|正式|診断|ちゃんと|"
                       r"\b(?:saw|seen|see|been to|gone to|went to|visited)\s+(?:a\s+|any\s+)?(?:doctors?|gp|"
                       r"psychiatrists?|professionals?)\b|"
                       r"\b(?:doctors?|gp|psychiatrists?|clinics?|hospital|professional|anyone|someone)\b.*"
                       r"\b(?:about|for) (?:it|this|that)\b|(?:そのこと|それ)で.*(?:病院|医者|受診|クリニック)")
"""What makes a diagnosis a diagnosis: 'not officially' takes back the diagnosis, not the suspicion; so does "never
seen a doctor about it", which speaks of something the person has."""
_TOLD = re.compile(r"\b(?:said|told|called it|diagnosed|diagnosis|dx)\b|言われ|いわれ|診断され")
_WHETHER = re.compile(r"\b(?:if|whether) (?:that|it|this|they|those)\b|\bdoes (?:that|it) count\b|かどうか|のかどうか|"
                      r"に入るのか|に当たるのか|なのか(?:は|も)?(?:わから|分から|不明)")


def _names_topic(text: str, variants: Sequence[Question]) -> bool:
    """The text names what the question is about, as its label does ("depressive state" at 'Depression diagnosis',
    「うつ状態」 at 「うつ病の診断」), not something else the doctor said ("adjustment disorder")."""
    words = set(spaced(text).split())
    key = key_of(text)
    for question in variants:
        label = question.label or ""
        if label.isascii():
            if any(w[:6] == stem[:6] for stem in spaced(label).split() if len(stem) > 5 for w in words):
                return True
        elif label and key_of(re.split(r"[のと・]", label)[0])[:2] in key:
            return True
    return False


def _told_but_unsure_it_counts(cut: Sequence[Clause], parts: Sequence[_Clause],
                               variants: Sequence[Question]) -> set[str]:
    """Told something by a doctor, then unsure whether it counts ("they said depressive state, not sure if that
    counts", 「うつ状態とは言われたけど、うつ病かどうかは…」): the diagnosis, the suspicion and "not sure" are
    offered."""
    question = variants[0]
    by_means = {means(c): c.id for c in question.choices if means(c) is not None}
    if "yes" not in by_means or "unsure" not in by_means:
        return set()
    shaped = [c.id for c in question.choices if means(c) is None and said(c.label).negated]
    for clause, part in zip(cut, parts, strict=True):
        if _TOLD.search(fold(clause.text)) and _names_topic(clause.text, variants) and not part.said.negated \
                and part.said.polarities & {"unsure"}:
            # "they said anxiety and maybe depression", 「うつ病って言われたかは覚えてない」: told, but unsure of what
            return {by_means["yes"], by_means["unsure"], *shaped}
    for i, clause in enumerate(cut[:-1]):
        told = _TOLD.search(fold(clause.text)) and _names_topic(clause.text, variants)
        if told and not parts[i].said.negated and any(
                "unsure" in later.polar and _WHETHER.search(fold(later_clause.text))
                for later, later_clause in zip(parts[i + 1:], cut[i + 1:], strict=True)):
            return {by_means["yes"], by_means["unsure"], *shaped}
    return set()


def _read_multi(text: str, parts: Sequence[_Clause], variants: Sequence[Question],
                cut: Sequence[Clause] = ()) -> Reading:
    question = variants[0]
    order = [c.id for c in question.choices]
    exclusive = {c.id for c in question.choices if c.exclusive}
    for clause, part in zip(cut, parts, strict=False):
        part.named -= _times_of_one_day(clause.text, part.named, variants)
    denied = set().union(*(p.denied for p in parts))
    kept = [p for p in parts if p.role != "reason" and (p.named or p.polar)] or list(parts)
    matched = set().union(*(p.named | p.polar for p in kept)) - denied
    named = set().union(*(p.named for p in kept))
    if named - exclusive:  # "my family doesn't know, so only tell me": that "not" is said of them, not "nothing"
        of_others = set().union(*(p.polar for p in kept if p.of_others and not p.named))
        matched -= {c for c in exclusive & of_others if c not in named and means_of(c, question) == "no"}
    everything = {c.id for c in question.choices if c.exclusive and means(c) != "no"}  # "any time"
    if matched & exclusive:
        narrowed = _qualified(text, variants)
        named = (matched - exclusive) & narrowed
        if narrowed:  # 「平日の昼間ならいつでも」: the weekday choices, and of those the daytime ones named
            matched = named or (matched - exclusive) | narrowed
        elif matched & everything and denied:  # 「午前以外ならいつでも」: every time but the one ruled out
            matched = {c for c in order if c not in exclusive and c not in denied}
        elif any((p.named | p.polar) & everything and (p.named | p.polar) - exclusive for p in kept):
            matched -= everything  # 「土曜ならいつでも」, "any time on Saturday": "any" said of one choice is it
    if not matched - exclusive and not matched & exclusive and _ALL.search(spaced(text)):
        matched = {c for c in order if c not in exclusive}
    if not matched and not denied and wishes_not(text) and any(p.of_others for p in parts):
        # 「家族にバレたくない」, "my family can't find out": what the question is there for, but which of its
        # choices is the patient's to say, so every one but "none" is offered
        return Reading("unclear", tuple(c for c in order if c not in exclusive))
    if not matched:  # 「薬は飲んでない」, "no meds no therapy": the others are offered, "none" among them
        return Reading("unclear", tuple(c for c in order if c not in denied) if denied else ())
    if matched & exclusive and matched - exclusive:
        return Reading("unclear", tuple(sorted(matched, key=order.index)))
    return Reading("choice", tuple(sorted(matched, key=order.index)))


_JOINED = re.compile(r"\b(?:and|or|plus|also|too|as well|either)\b|[&/+]|"
                     r"と|や|または|もしくは|か(?![なもら]|[、,\s]*$)|も(?![、,\s]*$)")
"""Words that join two things said side by side (「土曜か午前」, "Saturdays or mornings"), not one said of the other."""


def _times_of_one_day(text: str, named: set[str], variants: Sequence[Question]) -> set[str]:
    """「土曜日の午前中」, "Saturday mornings": a part of the day said of a day choice is a time on that day, not the
    weekday choices whose labels share the word (平日, "weekday") with it; those are dropped unless the clause says
    the shared word too or joins the two ("Saturdays or mornings")."""
    shared: set[str] = set()
    for question in variants:
        shared |= _shared_words(tuple(c.label for c in question.choices if not c.exclusive))
    if not shared:
        return set()
    qualified: set[str] = set()
    days: set[str] = set()
    for question in variants:
        for choice in question.choices:
            if choice.exclusive or choice.id not in named:
                continue
            label = spaced(choice.label) if choice.label.isascii() else key_of(choice.label)
            (qualified if any(word in label for word in shared) else days).add(choice.id)
    plain = f"{spaced(text)} {key_of(text)}"
    said_shared = any(word in plain for word in shared) or bool(_WEEKDAYS.search(plain))
    if not qualified or not days or said_shared or _JOINED.search(fold(text)):
        return set()
    return qualified


_WEEKDAYS = re.compile(r"\bmon(?:day)?s?\b|\bfri(?:day)?s?\b|\bweekdays?\b|月曜|金曜|平日")


def means_of(choice_id: str, question: Question) -> Polarity | None:
    """What the question's choice ``choice_id`` stands for (yes, no, not sure), if anything."""
    return next((means(c) for c in question.choices if c.id == choice_id), None)


def _qualified(text: str, variants: Sequence[Question]) -> set[str]:
    """「平日ならいつでも」, "any weekday": "any" narrowed to the choices whose labels share the word said with it."""
    found: set[str] = set()
    message = key_of(text)
    message_words = set(spaced(text).split())
    for question in variants:
        labels = {c.id: c.label for c in question.choices if not c.exclusive}
        for word in _shared_words(tuple(labels.values())):
            if (word in message_words or word.rstrip("s") in {w.rstrip("s") for w in message_words}) \
                    if word.isascii() else word in message:
                found |= {cid for cid, label in labels.items()
                          if (word in spaced(label).split() if word.isascii() else word in key_of(label))}
    return found


def _shared_words(labels: tuple[str, ...]) -> set[str]:
    """Words in at least two of the labels (but not all of one kind only): 平日 in 平日の午前 / 平日の午後 ..."""
    counts: dict[str, int] = {}
    for label in labels:
        plain = spaced(label)
        words = {w.rstrip("s") for w in plain.split() if len(w) > 3} if plain.isascii() else {
            key_of(label)[:n] for n in (2,) if len(key_of(label)) > 2}
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {w for w, n in counts.items() if n >= 2}
