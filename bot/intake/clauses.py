"""A typed answer cut into clauses where its answer may change, and the parts of the day its hours name.

"No, because I never had one" is an answer and its reason; 「ペースメーカーはないけど、刺激装置が入ってる」 is a
"no" corrected by what follows "but". ``clauses`` cuts at punctuation and at these words and gives each clause its
role: ``contrast`` (after "but", 「けど」, 「でも」, "actually": it corrects what came before), ``reason`` (before
「ので」 or after "because": it never outweighs the answer), ``conclusion`` (after "so", 「だから」) and ``except``
(after "except", "anything but": what it names is ruled out). ``with_day_parts`` adds 午後 / "afternoon" to a clause
that says 「15時」 or "3pm", so the labels and typed words of the time choices find it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from bot.search.normalize import fold

Role = Literal["main", "contrast", "reason", "conclusion", "except"]

_BREAKS = re.compile(r"[、。,，.．!！;；…\n]+|\s+-\s+|(?<=[\u3040-\u9fff])\s+(?=[\u3040-\u9fff])")
_JA_CONTRAST = re.compile(r"(?:けど|けれど|けれども|だけど|のに|ものの)(?:ね|さ)?|(?<=[たいすだ])が(?=.)")
_JA_CONTRAST_START = re.compile(r"^(?:でも|だけど|けど|しかし|ただ|ただし|だが|とはいえ)")
_JA_REASON_END = re.compile(r"(?:[たるいすだ]|です|ます|した)(?:ので|から|ため)$")
_CORRECTION = re.compile(r"でも|だけど|けど|しかし|ただ|あ|あっ|いや|but|though|actually|wait|hmm wait|well actually")
_CORRECTION_START = re.compile(r"^(?:actually|wait|well actually|あ、|あっ)\s*")
_SELF_CORRECTION = re.compile(r"^(?:(?:no wait|wait no|oh wait|wait|actually|sorry|oops|i mean|no i mean)(?:[\s,]+|$)|"
                              r"(?:いやいや(?=[\s、]|$)|いや待って|いやまって|いや(?=[\s、]|$)|やっぱり|やっぱ|じゃなくて|ではなくて|"
                              r"訂正|間違えました|まちがえました|間違えた|まちがえた)[\s、]*)")
"""Words that take back what was just said ("exosome... no wait, the combination", 「TMS…いや、やっぱり併用で」)."""
_VERDICT_ONLY = re.compile(r"(?:いや|嫌|やだ|苦手|無理|むり|だめ|ダメ|駄目|困ります|こまります|こわい|怖い|ng|"
                           r"やめて|止めて|避けて|勘弁)(?:です|だ|かな|ください|ほしい|です[ねよ])?")
"""A piece that only judges what the piece before named (「電話は、いやです」, 「留守電は、NG」)."""
_HEDGE_ONLY = re.compile(r"たぶん|多分|おそらく|恐らく|きっと|probably|i think|i guess|i believe|i think so|"
                         r"と思います|思います")
_JA_REASON_MID = re.compile(r"(?<=[たるいすだ])(?:ので|から)(?=.)|(?<=です|ます)(?:ので|から)(?=.)|"
                            r"(?<=[\u3400-\u9fffー]な)ので(?=.)")  # 「苦手なので」, 「心配なので」
_JA_CONCLUSION_START = re.compile(r"^(?:だから|なので|ですので|それで|よって)")
_EN_SPLIT = re.compile(r"\s+\b(but|though|although|however|except|other than|apart from|anything but|because|"
                       r"cause|cuz|bc|"
                       r"(?<!think )(?<!believe )(?<!guess )(?<!suppose )(?<!hope )(?<!reckon )(?<!say )so)\b\s*")
"""Where an English clause turns; "so" after a verb of belief ("I think so", "I guess so") is the answer, not "so"."""

_EN_ROLES: dict[str, Role] = {"but": "contrast", "though": "contrast", "although": "contrast", "however": "contrast",
                              "except": "except", "other than": "except", "apart from": "except",
                              "anything but": "except", "because": "reason", "cause": "reason", "cuz": "reason",
                              "bc": "reason", "so": "conclusion"}


@dataclass(frozen=True)
class Clause:
    text: str
    role: Role = "main"
    between: bool = False
    """It names a time between two choices (noon: morning or afternoon), so the reader asks."""
    corrects: bool = False
    """It follows a self-correction ("no wait", 「いや、やっぱり」, 「じゃなくて」): it takes back what came before."""


def clauses(text: str) -> list[Clause]:
    """The message cut where its answer may change: at punctuation, "but", 「けど」, "because", "so" ..."""
    out: list[Clause] = []
    carried: Role | None = None  # 「ないけど、」: the piece after a trailing "but" corrects the one before
    corrected_from: int | None = None  # the first clause after "no wait", 「いや」: it takes back what came before
    taken_back = ""
    for piece in _BREAKS.split(text.strip()):
        piece = piece.strip()
        if not piece:
            continue
        while out and _SELF_CORRECTION.match(piece.casefold()):
            taken_back = piece
            piece, carried = _SELF_CORRECTION.sub("", piece.casefold(), count=1).strip(), "contrast"
            corrected_from = len(out)
        if not piece:
            continue
        if _CORRECTION.fullmatch(piece.casefold()):
            carried = "contrast"  # 「でも、」 "but," "actually," alone: what follows corrects what came before
            continue
        if _VERDICT_ONLY.fullmatch(piece.casefold()) and out:
            out[-1] = Clause(f"{out[-1].text}{piece}", out[-1].role, out[-1].between, out[-1].corrects)
            continue  # 「電話は、いやです」: the dislike is of what the clause before named
        if _HEDGE_ONLY.fullmatch(piece.casefold()) and out:
            out[-1] = Clause(f"{out[-1].text} {piece}", out[-1].role)  # 「ないです、多分」: the hedge is the no's
            continue
        if out and _CORRECTION_START.match(piece.casefold()):
            piece, carried = _CORRECTION_START.sub("", piece.casefold()), "contrast"  # "no. actually not sure"
        if piece.isascii():
            parts = _EN_SPLIT.split(f" {piece.casefold()} ")
            first = parts[0].strip()
            role: Role = carried or "main"
            for word in ("but", "though", "although", "however", "because", "cause", "cuz", "bc", "so"):
                if first.startswith(word + " ") or first == word:
                    role, first = _EN_ROLES[word], first[len(word):].strip()
                    break
            if first:
                out.append(Clause(first, role))
            for marker, rest in zip(parts[1::2], parts[2::2], strict=False):
                if rest.strip():
                    out.append(Clause(rest.strip(), _EN_ROLES[marker]))
            carried = _EN_ROLES.get(parts[-2]) if len(parts) > 1 and not parts[-1].strip() else None
            continue
        role = "contrast" if _JA_CONTRAST_START.match(piece) else (
            "conclusion" if _JA_CONCLUSION_START.match(piece) else carried or "main")
        piece = _JA_CONCLUSION_START.sub("", _JA_CONTRAST_START.sub("", piece)) or piece
        parts = _JA_CONTRAST.split(piece)
        carried = "contrast" if len(parts) > 1 and not parts[-1].strip() else None
        for i, part in enumerate(p for p in parts if p.strip()):
            this: Role = role if i == 0 else "contrast"
            *reasons, last = _JA_REASON_MID.split(part)
            out += [Clause(reason, "reason") for reason in reasons if reason.strip()]
            out.append(Clause(last, "reason" if _JA_REASON_END.search(last) else this))
    if corrected_from is not None and corrected_from < len(out):
        out[corrected_from] = dataclasses.replace(out[corrected_from], corrects=True)
    elif corrected_from is not None:  # "yes, no wait": taken back, and nothing said instead; read as typed
        out.append(Clause(taken_back.casefold()))
    return out or [Clause(text)]


# --- hours -------------------------------------------------------------------------------------------------------

_HOUR = re.compile(r"(午前|午後)?\s*(\d{1,2})\s*(?::\d\d)?\s*(?:時|じ|(am|a\.m\.|pm|p\.m\.|o'?clock))")
_NOON = re.compile(r"正午|昼ごろ|昼頃|お昼|昼休み|昼食|ランチ|\bnoon\b|\bmidday\b|\blunch")
_DAYTIME = re.compile(r"昼間|日中|during the day|daytime|day time")
"""The daytime as a whole (「昼間」, "during the day"): the morning and the afternoon, both meant (noon asks)."""
_DAY_PARTS = {"ja": ("午前", "午後", "夕方"), "en": ("morning", "afternoon", "evening")}


def with_day_parts(clause: Clause) -> Clause:
    """「15時ごろ」, "after 6pm": the part of the day named too (午後, "evening"), so the labels and typed words for
    mornings, afternoons and evenings find it; noon is both morning and afternoon."""
    text = fold(clause.text)
    words = _DAY_PARTS["en" if text.isascii() else "ja"]
    parts = set()
    for found in _HOUR.finditer(text):
        hour = int(found.group(2)) % 24
        if found.group(1) == "午後" or ((found.group(3) or "").startswith("p") and hour < 12):
            hour += 12
        elif found.group(3) is None and found.group(1) is None and 1 <= hour <= 7:
            hour += 12  # 「3時ごろ」 for a call is in the afternoon
        parts |= {words[0],
                  words[1]} if hour == 12 else {words[0] if hour < 12 else words[1] if hour < 17 else words[2]}
    if _NOON.search(text):
        parts |= {words[0], words[1]}
    between = {words[0], words[1]} <= parts
    if _DAYTIME.search(text):
        parts |= {words[0], words[1]}
    return Clause(clause.text + " " + " ".join(sorted(parts)), clause.role, between) if parts else clause
