"""What the crisis screen decides about one message: a tier of answer, and which layer and rule said so.

    definite   the writer's own current ideation, intent, plan, act or means: the crisis reply at once
    carer      someone else is at risk (a child, partner, friend): emergency first, then guidance for the carer
    check_in   suicide as a topic, a past episode that is over, an ambiguous farewell, a weak signal: one warm
               question with yes/no buttons, and a hotline footer so numbers are never withheld
    none       nothing to say about risk

The reason names a layer and a rule id from ``crisis.yaml`` (or the learned layer's score band), never the
message text, so an ``Assessment`` is safe to log and to count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Tier = Literal["definite", "carer", "check_in", "none"]
TIERS: tuple[Tier, ...] = get_args(Tier)
REPLIED: frozenset[Tier] = frozenset({"definite", "carer"})
"""Tiers that were given the crisis reply (and flag a later application for the doctor)."""
Layer = Literal["phrases", "rules", "context", "learned", "signals", "none"]

_RANK: dict[Tier, int] = {"none": 0, "check_in": 1, "carer": 2, "definite": 3}


@dataclass(frozen=True)
class Assessment:
    """The tier of answer a message needs and why; ``hit`` is any crisis help at all."""

    tier: Tier
    layer: Layer = "none"
    rule: str | None = None
    """A phrase as written in crisis.yaml, a rule or pattern id (``ja.rules.want_to_die``), or ``model``."""
    routed_by: str | None = None
    """The context rule that routed or downgraded the first finding (``third_person``, ``past_resolved`` ...)."""
    writers_own: bool = field(default=False, compare=False)
    """The context layer read the finding as plainly the writer's own (a full reply the learned layer may not
    turn into the carer reply because someone else is named too)."""

    @property
    def hit(self) -> bool:
        return self.tier != "none"

    @property
    def matched(self) -> str | None:
        return self.rule

    def reason(self) -> str:
        """One short line for logs and the evaluation report: ``rules:ja.rules.want_to_die>third_person``."""
        text = f"{self.layer}:{self.rule or '-'}"
        return f"{text}>{self.routed_by}" if self.routed_by else text


NO_RISK = Assessment("none")


def stronger(a: Tier, b: Tier) -> bool:
    """True when tier ``a`` asks for more help than ``b``."""
    return _RANK[a] > _RANK[b]
