"""Words every package shares, each defined once: how text is folded for comparison, and the clinic's time zone.

    fold          NFKC (full-width letters and digits to half-width) and case folding: the comparison form of
                  text (the content checks use it). Answers typed into the form are tidied, not folded
                  (``bot.intake.validate.tidy``). The matcher's and the crisis screen's own folds
                  (``bot.search.normalize.fold``, ``bot.safety.normalize.fold``) do more and are theirs.
    CLINIC_TZ     the clinic's time zone (Nagoya): days for statistics and exports, times on cards and CSV files.

    Language, Treatment, Flag   the enumerations several packages use (content, leads, the matcher), each a
                  ``Literal`` whose values are read with ``typing.get_args`` rather than written out again.

Enumerations one package owns (lead statuses, crisis tiers, stages) live with it, in the same way.
"""

from __future__ import annotations

import unicodedata
from typing import Literal, get_args
from zoneinfo import ZoneInfo

CLINIC_TZ_NAME = "Asia/Tokyo"
CLINIC_TZ = ZoneInfo(CLINIC_TZ_NAME)


def fold(text: str) -> str:
    """Width- and case-insensitive form of ``text`` (NFKC, then casefold)."""
    return unicodedata.normalize("NFKC", text).casefold()


Language = Literal["ja", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
LANGUAGE_NAMES: dict[str, str] = {"ja": "日本語", "en": "English"}
"""Each language in its own words (the language buttons, the preview's columns)."""

Treatment = Literal["tms", "exosome", "combined"]
TREATMENTS: tuple[Treatment, ...] = get_args(Treatment)

Flag = Literal["crisis", "screening", "minor", "guardian"]
"""Why a lead needs a second look; set by a question's ``flag:`` or by the crisis screen."""
FLAGS: tuple[Flag, ...] = get_args(Flag)
"""Most urgent first; the card shows them in this order."""
