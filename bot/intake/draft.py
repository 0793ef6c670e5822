"""An application in progress: plain data that survives a restart, a content reload and a language switch.

Answers are stored as ids and normalised values, never as visible labels, so switching language keeps them and the
review shows them in the new language. ``to_dict``/``from_dict`` give JSON for the conversation persistence;
``from_dict`` refuses malformed data with ``ValueError`` (the handler then starts afresh) instead of guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, cast, get_args

Stage = Literal["intro", "consent", "question", "review", "done", "declined"]
STAGES: tuple[Stage, ...] = get_args(Stage)

Answer = str | list[str]
"""A choice id, a list of choice ids (multi), or a normalised value (E.164 phone, ISO date, number, text)."""

DRAFT_FORMAT = 1


@dataclass(frozen=True)
class ConsentRecord:
    """What the applicant agreed to, in which language, and when (UTC)."""

    version: str
    lang: str
    time: str
    """ISO 8601 in UTC, e.g. ``2026-11-27T03:04:05Z``."""

    @classmethod
    def at(cls, version: str, lang: str, now: dt.datetime) -> ConsentRecord:
        if now.tzinfo is None:
            raise ValueError("consent time must be timezone-aware")
        stamp = now.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        return cls(version, lang, stamp)

    def to_dict(self) -> dict[str, str]:
        return {"version": self.version, "lang": self.lang, "time": self.time}


@dataclass
class Draft:
    """The state of one application. The engine changes it in place; store ``to_dict()`` after every step."""

    version: str
    """The intake version the application started with."""
    lang: str
    stage: Stage = "intro"
    current: str | None = None
    """Id of the question being asked (stage ``question``)."""
    answers: dict[str, Answer | None] = field(default_factory=dict)
    """By question id; ``None`` means an optional question was skipped."""
    history: list[str] = field(default_factory=list)
    """Questions answered on the way here, most recent last: where Back leads."""
    consent: ConsentRecord | None = None
    editing: bool = False
    """Changing one answer from the review: return to the review once nothing new needs asking."""
    selection: list[str] = field(default_factory=list)
    """Choices ticked so far on the current multi question; saved as the answer on Done."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": DRAFT_FORMAT,
            "version": self.version,
            "lang": self.lang,
            "stage": self.stage,
            "current": self.current,
            "answers": {k: list(v) if isinstance(v, list) else v for k, v in self.answers.items()},
            "history": list(self.history),
            "consent": self.consent.to_dict() if self.consent else None,
            "editing": self.editing,
            "selection": list(self.selection),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Draft:
        """Rebuild a draft saved by ``to_dict``; ``ValueError`` says what is wrong with anything else."""
        if not isinstance(data, dict):
            raise ValueError("a draft must be a mapping")
        if data.get("format") != DRAFT_FORMAT:
            raise ValueError(f"unknown draft format {data.get('format')!r}")
        stage = data.get("stage")
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        current = data.get("current")
        if current is not None and not isinstance(current, str):
            raise ValueError("current must be a question id or null")
        consent = data.get("consent")
        record = None
        if consent is not None:
            if not isinstance(consent, dict) or not all(isinstance(consent.get(k), str)
                                                        for k in ("version", "lang", "time")):
                raise ValueError("consent must have text version, lang and time")
            record = ConsentRecord(consent["version"], consent["lang"], consent["time"])
        if stage in ("question", "review", "done") and record is None:
            raise ValueError(f"stage {stage!r} needs a consent record")
        return cls(
            version=_text(data, "version"),
            lang=_text(data, "lang"),
            stage=cast(Stage, stage),
            current=current,
            answers=_answers(data.get("answers")),
            history=_ids(data.get("history"), "history"),
            consent=record,
            editing=bool(data.get("editing", False)),
            selection=_ids(data.get("selection"), "selection"),
        )


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key} must be non-empty text")
    return value


def _ids(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of ids")
    return list(value)


def _answers(value: Any) -> dict[str, Answer | None]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("answers must be a mapping")
    out: dict[str, Answer | None] = {}
    for key, answer in value.items():
        if answer is None or isinstance(answer, str):
            out[str(key)] = answer
        elif isinstance(answer, list) and all(isinstance(v, str) for v in answer):
            out[str(key)] = list(answer)
        else:
            raise ValueError(f"answer to {key!r} must be text, a list of ids or null")
    return out
