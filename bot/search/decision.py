"""The decision step: from ranked entries to "answer", "choices" (did you mean) or "none".

A confident wrong answer is the worst outcome for a patient, worse than "did you mean" with the right entry among
two or three buttons. So the decision does not answer on a raw score: it estimates how likely the best entry is
right (``confidence``, a logistic function of a dozen signals of the ranking: the scores and the lead, how much of
the question the best example explains, unknown words, how near the question is to one example as written, whether
the pooled and the single-example overlaps agree on the best entry, whether it is the only plausible one) and
answers outright only when that is high, the best entry clearly leads, and the question is not mostly words the
content never uses. Otherwise it offers the nearest entries, or admits not knowing when nothing is near.

The signals do not depend on which entries exist (no per-entry weights), so the same function holds when staff add
entries. Its weights and the thresholds were fitted by cross-validation over the example questions of faq.yaml
(each fold's examples left out of the index and asked) plus the development question sets, strangers' questions
(the development parts of dev v3 to v6) counting double: ``bench/calibrate.py`` prints the figures and the fit;
docs/measurements.md has the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Status = Literal["answer", "choices", "none"]


@dataclass(frozen=True)
class Signals:
    """What the decision sees of one ranking (shares are 0..1; ``evidence`` and ``mass`` are idf mass)."""

    score: float
    """The best entry's score."""
    runner_up: float
    """The second entry's score (0 when there is none)."""
    evidence: float
    """The most question weight one example question of the best entry shares with the question."""
    unknown: float
    """The share of the question's weight the content never uses."""
    mass: float
    """The question's total weight (long questions have more; a lone common word has little)."""
    near: float = 0.0
    """How close the question is to the best entry's nearest example as written (0..1; 1 = that example)."""
    runner_near: float = 0.0
    """The same for the second entry."""
    agree: float = 1.0
    """1 when the pooled overlap (coverage) and the best single example (Dice) both rank the best entry first,
    0.5 when one does, 0 when neither: right rankings are mostly ones the signals agree on."""
    plausible: int = 1
    """How many entries score at least ``PLAUSIBLE`` of the best one (the best included)."""
    heavy: float = 1.0
    """The share of the question's heaviest known features the best entry uses (``Scored.heavy``)."""
    runner_heavy: float = 0.0
    """The same for the second entry: when it accounts for the telling words as well, the question is ambiguous."""
    votes: float = 1.0
    """The share of the five example questions nearest the question (any entry's) that are the best entry's, of as
    many as it has: a right entry is usually near in several examples, a wrong one in one that shares words."""
    second_dice: float = 0.0
    """The best entry's second best example overlap (Dice over the analyser's features)."""
    second_near: float = 0.0
    """... and its second nearest example as written."""
    treated: float = 0.0
    """Whether the best entry's treatment is the one the question names (``Scored.treated``)."""
    runner_treated: float = 0.0
    """The same for the second entry (not a model input: the named-treatment rule reads it)."""
    foreign: float = 0.0
    """The weight of the question's heaviest telling word the best entry does not use (``offtopic``; not a model
    input: the off-topic guard reads it)."""
    specific: float = 0.0
    """The weight of the heaviest word the best entry shares with the question (``offtopic``; the guard reads it)."""

    def vector(self) -> tuple[float, ...]:
        """The confidence model's inputs (named in ``INPUTS``); ``bench/calibrate.py`` fits weights in this order."""
        gap = self.score - self.runner_up
        ratio = self.runner_up / self.score if self.score > 0 else 1.0
        explained = min(1.0, self.evidence / self.mass) if self.mass > 0 else 0.0
        return (self.score, gap, ratio, min(self.evidence, 12.0) / 12.0, explained, self.unknown,
                math.log1p(self.mass) / 4.0, self.near, self.near - self.runner_near, self.agree,
                1.0 if self.plausible == 1 else 0.0, 1.0 if self.near >= EXACT else 0.0, self.heavy,
                self.runner_heavy, self.votes, self.second_dice, self.second_near, self.treated)


INPUTS = ("score", "gap", "ratio", "evidence", "explained", "unknown", "mass", "near", "near_lead", "agree",
          "alone", "written", "heavy", "runner_heavy", "votes", "second_dice", "second_near", "treated")
"""The names of ``Signals.vector``'s positions (``bench/calibrate.py --without NAME`` fits without some)."""


PLAUSIBLE = 0.8
"""An entry scoring at least this share of the best one is a plausible alternative (``Signals.plausible``)."""
EXACT = 0.95
"""A nearest-example closeness from which the question is (nearly) one example as written."""


@dataclass(frozen=True)
class Confidence:
    """Logistic model: P(the best entry is right | signals); fitted by ``bench/calibrate.py``."""

    weights: tuple[float, ...] = (1.6046, 0.4225, -1.272, 1.6242, -0.1627, -2.9298, -0.3726, 1.7338, 0.1912, -0.0346,
                                  0.2007, -0.1596, 0.6034, -0.1292, 0.3893, 1.3232, 1.0409, 1.4983)
    bias: float = -1.7466

    def __call__(self, signals: Signals) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, signals.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Thresholds:
    """When to answer, offer choices or admit not knowing (shares are 0..1, evidence is idf mass)."""

    answer: float = 0.3
    """The best entry must score at least this to be answered outright."""
    margin: float = 0.03
    """... and lead the runner-up by at least this much."""
    evidence: float = 1.0
    """... and one of its example questions must share at least this much idf x factor with the question: a
    lone common word ("TMS") or a word only the answer text uses gets choices at most."""
    confidence: float = 0.860
    """... and the confidence model must give at least this (0 leaves the model out): of the settings that keep
    confident wrong answers at or under 1.0 % on the development sets and answer no off-topic question, the one
    that answers the most right (``bench/calibrate.py --fit``)."""
    named_confidence: float = 1.0
    """A question that names a treatment, whose best entry is about that treatment or about both
    (``Signals.treated`` >= 0.5), needs only this confidence when the best entry leads by ``named_margin``: the
    treatment named and agreed with is evidence the model weighs alone (1 leaves the rule out). Off at the
    confidence above: the fit found no lower one for it that kept the limits and answered more (with 0.900 it was
    0.80, and answered strangers' questions held back as "did you mean")."""
    named_margin: float = 0.06
    """The lead over the runner-up the named-treatment rule needs."""
    named_shared_margin: float = 0.08
    """... and the lead it needs when the runner-up is about the named treatment too (``Signals.runner_treated``):
    then the treatment agreed with is one matched word both entries share, and tells them apart no better than the
    model did ("brain zapping, is it safe?" leant on "is it safe" of the pregnancy entry). Chosen on the development
    parts of the dev sets from 0.08, 0.1 and 0.15 (the fewest right answers lost), checked on their validation
    thirds."""
    lead: float = 1.0
    """A best entry that leads the runner-up by at least this much, and uses the question's telling words (``heavy``
    at least ``lead_heavy``), is answered under the confidence too, with the runners-up offered beneath it ("not
    what you asked?", ``Match.unsure``): most "did you mean" with the right entry first had such a lead, and a
    patient reads the answer at once and still has the way out (1 leaves the rule out). Off: at 0.08 it answered
    more right on the development and held-out sets, but one off-topic question of the first held-out set outright
    (tests/search/test_eval.py), and the target there is none (docs/measurements.md, round 18)."""
    lead_heavy: float = 0.7
    """The share of the question's heaviest known features the best entry must use for ``lead``."""
    lead_votes: float = 0.3
    """... and the example questions nearest the question must agree (``votes`` at least this): a lead the nearest
    examples do not back is one shared word ("Could the prices change?" leads with the monitor's price entry, but
    none of its examples is near)."""
    lead_unknown: float = 0.2
    """... and the share of the question made of words the content never uses must stay under this: the weather,
    the way to the castle or flu shots share a place name or a word with one entry and lead the others by as much,
    but they are mostly words no entry explains."""
    foreign: float = 0.8
    """The off-topic guard (``offtopic``): a question whose heaviest telling word the best entry does not use, at
    least this share of the heaviest word they share ("braces" beside "insurance", "vaccine" beside "pregnant"), is
    not answered on the lead (0 turns the guard off)."""
    generic: float = 2.0
    """... nor one whose best entry shares no word heavier than this (only words most entries use: "TMS", "what",
    "how much")."""
    exact: float = EXACT
    """A question at least this near to one example as written of the best entry (and less near to the runner-up's)
    is answered whatever the confidence: "How does TMS work?" is tms_how's example (0 turns the rule off)."""
    choices: float = 0.25
    """Below this score nothing is offered ("none")."""
    choice_ratio: float = 0.6
    """Choices are the entries scoring at least this fraction of the best one."""
    max_choices: int = 3
    unknown: float = 0.5
    """If features the content never uses make up at least this share of the question, never answer outright:
    「電車の料金はいくら？」 and "bitcoin price today" share one word with the FAQ but are about something else."""


def decide(signals: Signals | None, limits: Thresholds, model: Confidence) -> tuple[Status, float]:
    """The status for a ranking with these signals, and the confidence it was decided on."""
    if signals is None or signals.score < limits.choices:
        return "none", 0.0
    confidence = model(signals)
    if signals.score < limits.answer or signals.evidence < limits.evidence or signals.unknown >= limits.unknown:
        return "choices", confidence
    if limits.exact and signals.near >= limits.exact > signals.runner_near:
        return "answer", confidence  # written as one example of the best entry, and of no example of the next one
    lead = signals.score - signals.runner_up
    if lead >= limits.margin and confidence >= limits.confidence:
        return "answer", confidence
    if signals.treated >= 0.5 and lead >= limits.named_margin and confidence >= limits.named_confidence and (
            signals.treated > signals.runner_treated or lead >= limits.named_shared_margin):
        # the question names a treatment and the best entry agrees with it more than the runner-up, or leads it
        # further: when both are about that treatment, agreeing tells them apart no better than the model did
        return "answer", confidence
    if lead >= limits.lead and signals.heavy >= limits.lead_heavy and signals.votes >= limits.lead_votes \
            and signals.unknown < limits.lead_unknown and not off_topic(signals, limits):
        return "answer", confidence  # a clear lead on the question's own words: answered, the runners-up beneath
    return "choices", confidence


def off_topic(signals: Signals, limits: Thresholds) -> bool:
    """Whether the best entry leaves a telling word of the question unexplained, or shares only generic words with
    it (``offtopic``): such a question is not answered on a lead the model is not sure of."""
    if not limits.foreign:
        return False
    return signals.foreign >= limits.foreign * signals.specific or signals.specific < limits.generic


def sure(signals: Signals, limits: Thresholds, confidence: float) -> bool:
    """Whether an answer was decided with no doubt left to offer a way out of: the model sure enough with the
    lead, or the question written as one example."""
    if limits.exact and signals.near >= limits.exact > signals.runner_near:
        return True
    return signals.score - signals.runner_up >= limits.margin and confidence >= limits.confidence
