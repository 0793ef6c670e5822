"""Which words of a question only name something to compare with, or to set aside, rather than what it asks about.

「TMSもエクソソームみたいに未承認なの？」 asks about TMS; the exosome infusion is the yardstick. "Is there a seizure
risk with the exosome infusion like with TMS?" asks about the infusion. Both name the two treatments, so the
treatment signal of the index (an entry about the other treatment is pushed down) cannot tell which one is asked
about, and the one compared with often has the entry that shares the most words. The grammar tells: in Japanese
the yardstick stands right before みたいに, のように, と同じ, と一緒; what is set aside before じゃなくて, ではなく;
in English they follow "like", "as with", "same as", "similar to", "unlike", "instead of", "rather than".

``compared_spans`` returns those short spans; the index reads which treatments they name and, when the question
names another one too, takes that other one as the treatment asked about. When a Japanese question still names
both, the one it marks as its topic (は, って) is asked about, if the other one is not marked too
(``topic_spans``): 「TMSって点滴するんですか」 asks whether TMS involves a drip.
"""

from __future__ import annotations

import re

from bot.search.normalize import fold

_JA_MARKERS = ("みたいに", "みたいな", "みたく", "のように", "のような", "と同じ", "とおなじ", "と一緒", "といっしょ",
               "じゃなくて", "じゃなく", "ではなくて", "ではなく", "でなく")
_JA_YARDSTICK = re.compile(r"([^はもがをにで、。,.!?！？\s]{1,15}?)(?:" + "|".join(_JA_MARKERS) + ")")
"""The run of characters right before a marker, back to the particle or punctuation that ends the previous
phrase: in 「TMSもエクソソームみたいに」 that is エクソソーム, not TMS."""
_EN_MARKERS = ("like", "as with", "as for", "same as", "similar to", "unlike", "instead of", "rather than",
               "compared to", "compared with")
_EN_YARDSTICK = re.compile(r"(?<!\bwould )(?<!\bi'd )(?<!\bwe'd )(?<!\bdo you )(?<!\bfeel )(?<!\blooks )\b(?:"
                           + "|".join(m.replace(" ", r"\s+") for m in _EN_MARKERS)
                           + r")\s+((?:with\s+|for\s+|in\s+)?(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)")
"""A marker and the two words after it ("like with TMS", "same as the exosome drip"); "I'd like TMS" and "would
like" are wishes, not comparisons."""


_JA_TOPIC = re.compile(r"([^はもがをにで、。,.!?！？\s]{1,15}?)(?:って|とは|は)")
"""The run right before a topic particle: in 「TMSって点滴するんですか」 the question is about TMS, and the drip is
what it asks whether TMS involves."""


def topic_spans(text: str) -> list[str]:
    """The Japanese phrases ``text`` marks as its topic (は, って, とは; not も, which often means "also": 「TMSって
    注射もするの？」); none in English."""
    return [m.group(1) for m in _JA_TOPIC.finditer(fold(text))]


def compared_spans(text: str) -> list[str]:
    """The short spans of ``text`` that name a yardstick or something set aside (possibly none)."""
    folded = fold(text)
    return [m.group(1) for m in _JA_YARDSTICK.finditer(folded)] + [m.group(1) for m in _EN_YARDSTICK.finditer(folded)]
