"""Whose age a message gives, when a parent gives their own and their child's in one breath.

The age question asks for the age of the person considering treatment; a parent applying for a child often says
both (「私は45で娘は16です」, "I'm 45 and my daughter is 16", 「16歳の娘の母（45）です」). ``child_part`` cuts the
message where each person is named and keeps what is said of the child, so only the child's age is read. A message
that names no child, or no one else beside the child, is read whole as before: "my son is 16" is the son's age,
"I'm 45" the writer's; two children ("my son is 16 and my daughter is 13") keep both, and the reader asks.
"""

from __future__ import annotations

import re

__all__ = ["child_part"]

_CHILD = re.compile(
    r"(?:うちの|私の|わたしの|僕の|ぼくの)?(?:娘|息子|むすめ|むすこ|子ども|子供|こども|長男|長女|次男|次女|三男|三女|"
    r"うちの子|我が子|わが子|(?<![\u3400-\u9fff])子)(?:さん|ちゃん|くん|君)?|"
    r"\b(?:my|our|the)?\s*(?:son|daughter|child|kid|boy|girl|teen|teenager|stepson|stepdaughter)s?\b|"
    r"\b(?:he|she)(?:'s|\s+is|\s+s|\s+just|\s+turned|\s+will)\b",
    re.IGNORECASE)
"""A child named, as its parent speaks of it; "he's", "she's" (not "his", "her": "her mum" is the writer)."""
_WRITER = re.compile(
    r"私|わたし|あたし|僕|ぼく|俺|おれ|自分|母親|父親|(?<![祖叔伯])母(?!さん)|(?<![祖叔伯])父(?!さん)|ママ|パパ|"
    r"\bi(?:'m|\s+am|\s+m)\b|\bim\b|\bme\b|\bmyself\b|\bwe(?:'re|\s+are)\b|"
    r"\b(?:mum|mom|mother|dad|father|parent)\b",
    re.IGNORECASE)
"""The writer named: 「私」, 「母親（45）」, "I'm", "her mum"."""
_AGE_BEFORE_NEXT = re.compile(r"(?:\d+\s*(?:歳|才|さい)?\s*の|\d+\s*[- ]?(?:years?|yrs?|y)[- ]?(?:old|o)?[- ]?)\s*$",
                              re.IGNORECASE)
"""An age said before the person it belongs to: 「16歳の娘」, "my 16 year old daughter"."""


def child_part(text: str) -> str | None:
    """What the message says of the child, when it also names the writer; None when it names no one else."""
    marks = sorted([(m.start(), m.end(), "child") for m in _CHILD.finditer(text)]
                   + [(m.start(), m.end(), "writer") for m in _WRITER.finditer(text)])
    kinds = {kind for _, _, kind in marks}
    if kinds != {"child", "writer"}:
        return None
    marks = [mark for i, mark in enumerate(marks) if not i or mark[0] >= marks[i - 1][1]]  # overlaps: the first
    pieces: list[tuple[str, str]] = []  # (whose, text)
    lead = text[:marks[0][0]]
    for i, (start, _, kind) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        pieces.append((kind, text[start:end]))
    if lead.strip():
        pieces[0] = (pieces[0][0], lead + pieces[0][1])  # "16 year old daughter": said of the one named next
    for i in range(len(pieces) - 1):
        found = _AGE_BEFORE_NEXT.search(pieces[i][1])
        if found and any(c.isdigit() for c in found.group(0)):
            tail = found.group(0)
            pieces[i] = (pieces[i][0], pieces[i][1][:found.start()])
            pieces[i + 1] = (pieces[i + 1][0], tail + pieces[i + 1][1])
    child = [piece for kind, piece in pieces if kind == "child"]
    return " ".join(child) if any(c.isdigit() for c in "".join(child)) else None
