"""A worry stated as a sentence is a question: 「副作用が怖いです」 asks about side effects, "I'm scared the magnets
will hurt" asks whether TMS hurts.

People often write what they fear instead of asking: 「けいれんが起きたらどうしようって不安で眠れない」, "I've got
dental implants and I'm pretty sure that rules me out". The worry and hedge words (怖い, 不安, どうしよう, 気がする,
と思ってる; scared, worried, I guess, I'm pretty sure) are not what the message is about, yet they make up much of it,
so the matcher finds the right entry but is not sure of it. ``worry_core`` gives the message without them, for the
matcher to try when the whole message was not answered (``bot/search/index.py``).

Only a message that asks nothing in form is read so (a question is matched as it is), and only when what is left
still says something: 「不安で眠れない」 and "I'm so scared all the time" leave nothing to match and are the distress
screen's (``bot/search/distress.py``), not a question's.
"""

from __future__ import annotations

import re

from bot.search.normalize import fold
from bot.search.sentences import looks_like_question

_JA_WORRY = "(?:怖|こわ|コワ|恐|不安|心配|しんぱい|ふあん)"
_JA_FRAMES = [
    # 「…で正直こわいです」「…って不安で眠れない」「…のが心配です」: the worry word with what leads to it and follows it
    rf"(?:って|と|のが|のは|かと|か|が|で)?(?:正直|しょうじき|すごく|とても|ちょっと|かなり|本当に|ほんとに|ほんと|めっちゃ)*"
    rf"{_JA_WORRY}(?:い|く|くて|かった|くなって|くなる|さ|で|な|だ|に|になって|になる|になります|してます|しています"
    rf"|してる|している|しちゃう)?(?:で?(?:眠れない|眠れなくて|眠れません|夜も眠れない))?(?:です|でした|なんです|んです"
    rf"|ね|よ|な|で|し)*",
    r"(?:それが|そこが|それも|そこも)",
    r"(?:って|と|かと)?どうしよう(?:って|と|かと|か)?",
    r"(?:な|ような|みたいな)?気がし(?:ます|て|てる|ている|てます)?|(?:な|ような)?気がする",
    r"(?:んだろうな|だろうな|のかな|かな|だろう)?と思っ(?:てる|ています|てます|ちゃう|ちゃって|て|た)",
    r"(?:正直|しょうじき|たぶん|多分|もしかして|もしかしたら)、?",
    r"(?:見当もつかなくて|見当もつかない|想像もつかなくて|想像もつかない)",
    r"(?:踏み出せない|踏み出せません|踏み切れない|踏み切れません)",
]
_JA_FRAME = re.compile("|".join(f"(?:{frame})" for frame in _JA_FRAMES))
_JA_SIGNAL = re.compile(rf"{_JA_WORRY}|どうしよう|気がす|と思っ|見当もつか|想像もつか|踏み(?:出せ|切れ)")

_EN_WORRY = (r"(?:scared|afraid|worried|terrified|nervous|anxious|concerned|frightened|freaked out|freaking out"
             r"|paranoid|petrified|uneasy)")
_EN_FRAMES = [
    rf"\b(?:i'?m|i am|im|i'?ve been|i have been|i get|i feel|i am getting)\s+"
    rf"(?:(?:so|really|very|a bit|a little|kind of|kinda|pretty|quite|super|honestly|just|also|still)\s+)*"
    rf"{_EN_WORRY}\b(?:\s+(?:that|about|of|whether|if))?",
    r"\bi\s+(?:really\s+|do\s+)?(?:worry|fear)\b(?:\s+(?:that|about|whether|if))?",
    r"\b(?:my|the)\s+(?:worry|fear|concern)\s+is\b(?:\s+that)?|\bwhat\s+(?:worries|scares)\s+me\s+is\b(?:\s+that)?",
    r"\b(?:honestly|tbh|to be honest|or something|or whatever)\b",
    r"\bi\s+(?:guess|suppose|assume|bet|reckon)\b",
    r"\b(?:i'?m|i am|im)\s+(?:pretty|fairly|quite|almost)?\s*sure\b(?:\s+that)?",
    r"\b(?:it\s+)?feels?\s+like\b|\bi\s+feel\s+like\b",
    r"\bi(?:'?d|\s+would)\s+hate\s+to\b",
]
_EN_FRAME = re.compile("|".join(f"(?:{frame})" for frame in _EN_FRAMES), re.I)
_EN_SIGNAL = re.compile(rf"\b{_EN_WORRY}\b|\b(?:worry|fear|guess|suppose|assume|reckon|sure|hate to|feels? like)\b",
                        re.I)

_SPACES = re.compile(r"\s+")
_EDGES = re.compile(r"^[\s、。,.!！…]+|[\s、。,.!！…]+$")
MIN_LEFT = {"ja": 2, "en": 8}
"""What is left must be at least this many characters (words of a real question), else the message was only the
worry (「不安です」); 「副作用」 is enough."""


def worry_core(text: str) -> str | None:
    """The message without its worry and hedge words when it states a worry rather than asking (``None`` when it
    asks in form, has no worry or hedge word, or leaves too little):
    「けいれんが起きたらどうしようって不安で眠れない」 -> 「けいれんが起きたら」,
    "I'm terrified the magnet thing will give me a seizure" -> "the magnet thing will give me a seizure"."""
    folded = fold(text).strip()
    if not folded or looks_like_question(folded):
        return None
    japanese = any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in folded)
    signal, frame, lang = (_JA_SIGNAL, _JA_FRAME, "ja") if japanese else (_EN_SIGNAL, _EN_FRAME, "en")
    if not signal.search(folded):
        return None
    left = _EDGES.sub("", _SPACES.sub(" ", frame.sub(" " if lang == "en" else "", folded))).strip()
    if left == folded or len(left.replace(" ", "")) < MIN_LEFT[lang]:
        return None
    return left
