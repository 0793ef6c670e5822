"""Yes, no or "not sure" in one clause of a typed answer, in Japanese or English.

A clause says yes (「飲んでます」, "I do", 👍), no (「ないです」, "never", 👎), not sure (「わからない」, "no idea",
「どうだろう」), several of them (「はいないです」, "yes no": the reader then asks), or nothing. The rules:

- "not sure" words take their own negation with them: 「覚えてない」 and "don't remember" are not a "no";
- a hedge does not change the answer: 「たぶんない」, 「ないと思う」, "not that I know of", "probably not" are a
  "no", "I think so" a "yes"; a hedge with no answer at all (「たぶん」, "I guess") is "not sure";
- an explicit yes (はい, うん, yes, yeah) beside a negation in the same clause is a disagreement, while a plain
  verb beside one is simply negated (「飲んでいません」);
- something done on and off (「飲んだり飲まなかったり」, "on and off", "I skip most days") is both a yes and a
  "no", so the reader asks;
- 「〜しかない」 ("only ...") is not a "no", and a double negation (「ないわけではない」, "it's not like I'm not",
  "can't say I haven't") is a reluctant "yes";
- a possibility not ruled out (「可能性はゼロではない」, 「ないとは言い切れない」, "not zero", "can't rule it out") is a
  "yes" too, and with a "maybe" beside it (「ゼロではないかも」) both, so the reader asks: it is no "no", whatever
  its negations say.

Regional negations are read as the standard ones (bot.intake.dialect: 「飲んでへん」, 「飲んどらん」, 「あらへん」),
and 「〜とる」 (「飲んどるよ」) as 「〜ている」. Japanese is read from SudachiPy's dictionary forms (the analyser
bot.safety.japanese already loads), so ありません, なかった, わからん and 無い look alike. ``stopped`` tells "no
longer" (「やめました」, "not anymore", "quit") apart: it answers a question about now, but is no negation of a symptom
named beside it (「頭痛がひどくてやめました」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import jaconv

from bot.intake.dialect import standard
from bot.safety.japanese import tokens
from bot.search.normalize import fold

Polarity = Literal["yes", "no", "unsure"]


@dataclass(frozen=True)
class Said:
    """What one clause says: ``polarities`` (empty: nothing; several: a disagreement); ``negated``: it has an
    explicit negation (a named symptom or device in it is denied); ``stopped``: it says "no longer"."""

    polarities: frozenset[Polarity] = frozenset()
    negated: bool = False
    stopped: bool = False
    hedged: bool = False
    declined: bool = False
    """「答えたくない」, "I'd rather not say": the person does not want to answer."""
    weak: bool = False
    """The only answer is a plain verb (「遅れてて」, "I had surgery"): it gives way to a clearer clause."""

    @property
    def one(self) -> Polarity | None:
        return next(iter(self.polarities)) if len(self.polarities) == 1 else None


YES_EMOJI = frozenset("👍👌✅⭕🙆🆗💯✔☑⭕")
NO_EMOJI = frozenset("👎❌🙅✖❎🚫⛔")
UNSURE_EMOJI = frozenset("🤔🤷❓❔")

# --- Japanese ----------------------------------------------------------------------------------------------------

_SMALL_VOWEL = re.compile(r"(?<![ふてでうくすゔちしじつとどぐフテデウクスヴチシジツトドグ])([ぁぃぅぇぉァィゥェォ])")
_JA_NEGATORS = frozenset({"無い", "ない", "ず", "ぬ", "無し", "なし", "駄目", "だめ", "無理", "違う", "ちがう", "ゼロ",
                          "ぜろ", "いいえ", "否", "nai"})
_JA_NEGATING_ADVERBS = frozenset({"全然", "一度も", "一回も", "全く", "まったく", "別に", "特に"})
_JA_KNOW = frozenset({"分かる", "わかる", "知る", "しる", "覚える", "おぼえる", "記憶", "自信", "確か", "確信",
                      "はっきり",
                      "定か", "分る", "判る", "思い出す", "確認", "聞く", "きく"})
_JA_UNSURE = frozenset({"不明", "微妙", "未確認", "かも", "かもしれない", "さあ", "うーん", "うーむ", "んー", "どうか",
                        "不確か", "曖昧", "あいまい", "未定", "わからん", "分からん"})
_JA_HEDGES = frozenset({"多分", "たぶん", "恐らく", "おそらく", "思う", "気", "はず", "筈", "かな", "っぽい", "みたい"})
_JA_STRONG_YES = frozenset({"はい", "うん", "ええ", "そう", "ok", "おk", "オッケー", "おっけー", "yes", "イエス",
                            "いえす",
                            "勿論", "もちろん", "ある", "有る", "在る"})
_JA_WEAK_YES = frozenset({"居る", "いる", "てる", "ている", "とる", "どる",
                          "ます", "為る", "する", "した", "貰う", "もらう", "持ち",
                          "中",
                          "一度", "何度", "数回", "回", "時々", "たまに", "昔", "以前", "前"})
_JA_STOPPED = frozenset({"止める", "辞める", "やめる", "止む", "中止", "終わる", "卒業", "断薬", "減薬"})
_JA_NO_START = re.compile(r"^(?:いいえ|いえ|いや|ううん|いーえ|no|nope)")
_JA_DOUBLE_NEGATION = re.compile(r"な(?:く|い(?:こと|わけ|訳))(?:では|でも|じゃ|は|も|で)?(?:な|ありませ|ありま)")
_JA_NOTHING = re.compile(r"^(?:今は|いまは|現在は|今|いま)?(?:特に|とくに|別に|べつに)?"
                         r"(?:何も|なにも|なんにも|特に|とくに)(?:です|でした)?$|"
                         r"^まだ(?:です|だよ)?$")
_JA_UNFINISHED_NO = re.compile(r"(?:はまだ|まだ|ほどでは|ほどじゃ|わけでは|わけじゃ|ってほどでは)(?:です|だ|かな)?$")
_JA_REFUSE = re.compile(r"やめて(?:ください|ほしい|下さい)|嫌です|いやです|困ります|困る|控えて|避けて|遠慮(?:します|"
                        r"したい|して)|"
                        r"ng(?:です)?$|なしで|不可|"
                        r"(?<=[はも])(?:やめて|嫌|いや|だめ|無理|苦手|困る|勘弁|ちょっと)(?:だ|です|かな|なので|なんで)?$")
_JA_NOT_RULED_OUT = re.compile(r"(?:ぜろ|0|零|無い|ない)(?:では|でわ|じゃ)(?:な|ありませ)|"
                               r"(?:無い|ない)とは(?:言え|いえ|言い切れ|いいきれ)(?:な|ませ)|否定(?:は|も)?(?:でき|出来)(?:な|ませ)")
_JA_ON_AND_OFF = re.compile(r"[ただ]り.{0,8}な(?:かった|い)り")
_JA_ONLY = re.compile(r"しか(?:な|ありませ|ありま|いな|いませ)")
_JA_WONDER = re.compile(r"かも(?:しれ|です|ね|な|だ)?|どう(?:だろ|かな|なん|だっ|でしょ|か)|だったかな|だったっけ|"
                        r"っけ$|(?<=[たいだ])かは$")
"""「…かな」, 「…だったっけ」, and 「倒れたかは…」 (whether it happened, left unsaid): not sure."""


def _ja_said(text: str) -> Said:
    folded = standard(_SMALL_VOWEL.sub(lambda m: _big(m.group(1)), fold(text)))  # 「飲んでへん」 as 「飲んでない」
    long_key = re.sub(r"[\s、。,.!！?？…・〜~]+", "", jaconv.kata2hira(folded))
    key = long_key.replace("ー", "")
    toks = [t for t in tokens(folded) if not t.boundary]
    forms = [set(t.forms) | {jaconv.kata2hira(f) for f in t.forms} for t in toks]
    said: set[Polarity] = set()
    weak = False
    hedged = any(f & _JA_HEDGES for f in forms)
    if _JA_DOUBLE_NEGATION.search(key):
        return Said(frozenset({"yes"}), hedged=True)  # 「飲んでないわけではない」: a reluctant yes
    if _JA_NOT_RULED_OUT.search(key):  # 「可能性はゼロではない」: it may be so
        maybe = any(f & _JA_UNSURE for f in forms) or bool(_JA_WONDER.search(key))
        return Said(frozenset({"yes", "unsure"} if maybe else {"yes"}), hedged=True)
    if _JA_ON_AND_OFF.search(key):
        return Said(frozenset({"yes", "no"}))  # 「飲んだり飲まなかったり」: yes and no, so the reader asks
    negator_at = [i for i, f in enumerate(forms) if f & _JA_NEGATORS
                  and not (i and forms[i - 1] & {"知れる", "しれる"})]  # 「かもしれない」 is "maybe", not a "no"
    knowing = [i for i, f in enumerate(forms) if f & _JA_KNOW]
    consumed = {n for n in negator_at if any(0 < n - k <= 4 for k in knowing)}  # 「記憶にございません」
    if consumed or any(f & _JA_UNSURE for f in forms) or _JA_WONDER.search(key):
        said.add("unsure")
    negations = [n for n in negator_at if n not in consumed]
    if _JA_REFUSE.search(key) and not negations:
        negations = [len(forms)]  # 「電話はやめてください」, 「メールは困ります」: a refusal
    if _JA_UNFINISHED_NO.search(key) and not negations:
        negations = [len(forms)]  # 「診断はまだ」, 「気になるほどでは…」: the ない is left unsaid
    only = bool(_JA_ONLY.search(key))
    if _JA_NO_START.match(long_key) or _JA_NOTHING.search(key) or (negations and not only):
        said.add("no")
    strong_yes = any(f & _JA_STRONG_YES for i, f in enumerate(forms) if i not in negations) and not (
        negations and any(("有る" in f or "ある" in f) and any(n > i for n in negations) for i, f in enumerate(forms)))
    if long_key.startswith(("はい", "うん", "ええ", "そうです", "yes")) or (strong_yes and not negations) or only:
        said.add("yes")
    elif not said and any(f & _JA_WEAK_YES for f in forms):
        said.add("yes")
        weak = True
    if "yes" in said and "unsure" in said and not long_key.startswith(("はい", "うん", "yes")):
        said.discard("yes")
    stopped = any(f & _JA_STOPPED for f in forms)
    if stopped and said == {"yes"}:
        said = set()
    if not said and hedged and len(toks) <= 3:
        said.add("unsure")
    return Said(frozenset(said), negated=bool(negations) and not only, stopped=stopped, hedged=hedged,
                weak=weak and said == {"yes"})


def _big(small: str) -> str:
    return {"ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お", "ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ",
            "ォ": "オ"}[small]


_JA_DECLINE = re.compile(r"(?:言い|答え|回答し|書き|教え)たく(?:ない|ありません)|ノーコメント|のーこめんと|"
                         r"回答(?:を)?(?:控え|しない)|"
                         r"秘密|ひみつ|内緒|ないしょ")
_EN_DECLINE = re.compile(r"\b(?:rather not|prefer not|do not want to|would not like to|not comfortable) "
                         r"(?:say|answer|tell|share|to say|to answer|to tell|to share|saying)\b|\bno comment\b|"
                         r"^(?:i will )?(?:pass|skip)(?: this| this one| please)?$|\bprivate\b|"
                             r"\bnone of your business\b")

# --- English -----------------------------------------------------------------------------------------------------

_EN_HEDGE_NO = re.compile(r"\bnot that i (?:know|remember|recall|am aware|can remember|can think)(?: of)?\b|"
                          r"\bnot to my knowledge\b|\bi (?:do )?not think so\b|\bprobably not\b|\bi doubt it\b|"
                          r"\bi do not believe so\b|\bi would not think so\b")
_EN_ON_AND_OFF = re.compile(r"\b(?:on and off|off and on|on off|off on|now and again taking|"
                            r"(?:skip|miss|forget)(?:s|ped|ping)? (?:it |them |my \w+ )?(?:most|many|a lot of|half "
                            r"(?:the|of the)|more than half (?:the|of the)) (?:days|doses|time)|"
                            r"not (?:regularly|consistently|every day)|irregularly)\b")
"""Taken on and off ("on and off", "prescribed but I skip most days"): neither a plain yes nor a plain no."""
_EN_DOUBLE_NEGATION = re.compile(
    r"\bnot (?:like|that|as if|as though) (?:i|we|he|she|they|it)(?: am| are| is| was| were| do| does| did| have| has)?"
    r" (?:not|never)\b|\b(?:can|could|would) not say (?:that )?(?:i|we|he|she|they)(?: am| are| is| was| do| does| did"
    r"| have| has| had)? (?:not|never)\b|\bnot (?:never|none)\b(?! of)|\b(?:can|could|would) not say never\b")
"""Two negations that cancel: "it's not like I'm not taking anything", "not like I've never fainted", "can't say I
haven't", "wouldn't say never"."""
_EN_NOT_RULED_OUT = re.compile(r"\bnot (?:zero|impossible|out of the question|ruled out)\b|"
                               r"\b(?:can|could) ?not (?:rule|be ruled) (?:it |that |this )?out\b")
"""A possibility not ruled out: "the chance is not zero", "can't rule it out"."""
_EN_UNSURE = re.compile(
    r"\bnot (?:really |quite |totally |entirely |too |so |a hundred percent |100% |completely )?(?:sure|certain)\b|"
    r"\bunsure\b|\buncertain\b|\b(?:do|did|can|could) not (?:really )?(?:know|remember|recall|tell|say)\b|"
    r"\bcannot (?:remember|recall|tell|say)\b|\bno (?:idea|clue|recollection|memory)\b|\bidk\b|\bdunno\b|"
    r"\bmaybe\b|\bperhaps\b|\bpossibly\b|\bmight\b|\bmay be\b|\bhard to say\b|\bwho knows\b|\bhm+\b|\bhmm+\b|"
    r"\btoo (?:long|far) (?:ago|back)\b|\bso long ago\b|\bcould be\b|"
    r"\bi could\b|\bnot clear\b|\bunclear\b|\bno one knows\b|\bnot known\b|\bunknown\b|\bforget\b|"
 r"\bforgot\b|\bam not certain\b|\bnot (?:a hundred percent|100(?: ?%| percent)?)(?!\d)|\bnot positive\b")
_EN_HEDGES = re.compile(r"\b(?:i think|i guess|i believe|i suppose|probably|likely|pretty sure|i reckon|i assume|"
                        r"as far as i know|afaik|kind of|sort of|kinda|sorta|i would say|i feel like|"
                        r"(?:it |that )?(?:feels|seems|looks|sounds) like)\b")
_EN_NO = re.compile(r"\b(?:no|nope|nah|nay|never|not|none|nothing|neither|nor|negative|nil|zero|without)\b")
_EN_STRONG_YES = re.compile(r"\b(?:yes|yeah|yep|yup|ya|yea|ye|yas|yess|aye|sure|correct|right|affirmative|definitely|"
                            r"absolutely|indeed|of course|certainly|ok|okay|true|exactly|uh huh|mhm)\b")
_EN_WEAK_YES = re.compile(r"\b(?:i do|i am|i have|i take|i use|i did|i had|i was|i got|i have got|there is|do|does|"
                          r"have|has|had|am|is|was|did|got|once|twice|times|sometimes|occasionally|still|currently|"
                          r"several|a few|a couple|one|two|three|as needed|when needed|when i need)\b")
_EN_STOPPED = re.compile(r"\b(?:not since|not for years|not anymore|not any more|no longer|stopped|quit|used to|"
                         r"in the past|gave up|came off|"
                         r"came off them|weaned off|discontinued|finished)\b")
_EN_NO_START = re.compile(r"^(?:no|nope|nah|nay|never|none|nothing|negative|not really|not at all)\b")
_EN_YES_START = re.compile(r"^(?:yes|yeah|yep|yup|ya|yea|ye|yas|aye|sure|correct|definitely|absolutely|of course|"
                           r"certainly|ok|okay)\b")
_SQUEEZE = re.compile(r"([a-z])\1{2,}|(?<=n)(o)o+\b|(?<=ye)(s)s+\b|(?<=ya)(h)h+\b")
_EN_TYPOS = {"nop": "nope", "noep": "nope", "nope": "nope", "yse": "yes", "yeas": "yes", "yeh": "yeah", "yah": "yeah",
             "yaa": "yeah", "ys": "yes", "mo": "no", "nno": "no", "yees": "yes", "noo": "no", "nooo": "no"}


def english_words(spaced: str) -> str:
    """Long letters squeezed ("noooo" -> "no", "yesss" -> "yes") and a few typed-on-a-phone spellings fixed."""
    squeezed = _SQUEEZE.sub(lambda m: next(g for g in m.groups() if g), spaced)
    return " ".join(_EN_TYPOS.get(word, word) for word in squeezed.split())


def _en_said(spaced: str) -> Said:
    text = english_words(spaced)
    said: set[Polarity] = set()
    weak = False
    hedged = bool(_EN_HEDGES.search(text))
    stopped = bool(_EN_STOPPED.search(text))
    if _EN_DOUBLE_NEGATION.search(text):
        return Said(frozenset({"yes"}), hedged=True)
    if _EN_NOT_RULED_OUT.search(text):
        maybe = bool(_EN_UNSURE.search(_EN_NOT_RULED_OUT.sub(" ", text)))
        return Said(frozenset({"yes", "unsure"} if maybe else {"yes"}), hedged=True)
    if _EN_ON_AND_OFF.search(text):
        return Said(frozenset({"yes", "no"}))  # "on and off", "I skip most days": yes and no, so the reader asks
    if _EN_HEDGE_NO.search(text):
        return Said(frozenset({"no"}), negated=True, stopped=stopped, hedged=True)
    text = re.sub(r"\b(?:definitely|absolutely|certainly|of course|sure|really|surely)\s+not\b", "not", text)
    rest = _EN_UNSURE.sub(" ", text)
    if rest != text:
        said.add("unsure")
    negated = bool(_EN_NO.search(rest))
    if _EN_NO_START.match(rest.strip()) or negated:
        said.add("no")
    if _EN_YES_START.match(rest.strip()) or (not negated and _EN_STRONG_YES.search(rest)):
        said.add("yes")
    elif not said and _EN_WEAK_YES.search(rest):
        said.add("yes")
        weak = True
    if "unsure" in said and said != {"unsure"} and not _EN_YES_START.match(rest.strip()) \
            and not _EN_NO_START.match(rest.strip()):
        said = {"unsure"}  # "I do not know, maybe not" is not sure
    if stopped and said == {"yes"}:
        said = set()
    if not said and hedged:
        said.add("unsure" if not re.search(r"\bso\b", text) else "yes")
    return Said(frozenset(said), negated=negated, stopped=stopped, hedged=hedged, weak=weak and said == {"yes"})


@lru_cache(maxsize=8192)
def said(text: str) -> Said:
    """What one clause says (see the module docstring)."""
    emoji = {"yes" for c in text if c in YES_EMOJI} | {"no" for c in text if c in NO_EMOJI} | {
        "unsure" for c in text if c in UNSURE_EMOJI}
    spaced = " ".join(re.sub(r"[^\w%]+", " ", jaconv.kata2hira(fold(text))).split())
    if not spaced:
        return Said(frozenset(emoji))  # type: ignore[arg-type]
    japanese = re.search(r"[\u3040-\u30ff\u3400-\u9fff]", spaced) is not None
    if (_JA_DECLINE if japanese else _EN_DECLINE).search(spaced):
        return Said(declined=True)  # "I'd rather not say" is no answer, least of all a "no"
    found = _ja_said(text) if japanese else _en_said(spaced)
    if emoji and not found.polarities:
        return Said(frozenset(emoji), stopped=found.stopped)  # type: ignore[arg-type]
    if "no" in found.polarities and (_JA_WISH_NOT if japanese else _EN_WISH_NOT).search(spaced):
        return replace(found, polarities=found.polarities - {"no"})  # 「家族に知られたくない」 is a wish, not a "no"
    return found


_JA_WISH_NOT = re.compile(r"(?:たく|てほしく|て欲しく)(?:ない|ありません|なかった)|"
                          r"ないで(?:ほしい|欲しい|ください|下さい)")
_EN_WISH_NOT = re.compile(r"\b(?:do|would|does|did) not (?:want|wish|like)\b|\brather (?:they|my|nobody|no one)\b|"
                          r"\b(?:can|must|should|could) ?not (?:find out|know|hear|see|learn|be told)\b")
"""A wish that someone not know ("my family can't find out", "I don't want them to know"), not a "no"."""


def wishes_not(text: str) -> bool:
    """The message wishes something not to happen (「家族にバレたくない」, "my family can't find out")."""
    spaced = " ".join(re.sub(r"[^\w%]+", " ", jaconv.kata2hira(fold(text))).split())
    return bool(_JA_WISH_NOT.search(spaced) or _EN_WISH_NOT.search(spaced))
