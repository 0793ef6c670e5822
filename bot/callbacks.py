"""Callback data for inline buttons: one typed class per button kind, packed and parsed here and nowhere else.

Buttons carry short ASCII ids, never the visible label (labels are translated). Telegram allows 1-64 bytes; every
button the bot can show is packed by ``Button.pack``, so the checker verifies the limit with the code the bot uses.
``decode`` turns what Telegram sends back into the button it was, or ``Stale`` for anything else (a button of an
older bot version, content that changed, a forged query): handlers answer ``Stale`` with a clear "out of date".

The wire format is ``<prefix>:<field>:<field>``; a trailing field equal to its default is left out:

    p:<page>[:<part>]      OpenPage             a:<name>            MenuAction       l:<lang>         ChooseLanguage
    i:start | i:agree | i:decline | i:cancel | i:submit | i:back[:<at>]                 the application's steps
    i:c:<q>:<choice>       IntakeChoice         i:m:<q>:<choice>    IntakeTick       i:md:<q>         IntakeTickDone
    i:s:<q>                IntakeSkip           i:e:<q>             IntakeEdit       i:k:<q>          IntakeKeep
    f:<lang>:<entry>       FaqAnswer            s:<lead>:<status>   LeadStatus       u:<group>:<entry> AddExample
    d:yes | d:no           delete my data       k:y:<token> | k:n:<token> | k:c     crisis check-in, continue
    r:<lead>               RelayReply           r:x                 RelayStop
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Self

CALLBACK_LIMIT = 64
_NUMBER = re.compile(r"[1-9][0-9]{0,11}")  # ASCII digits only, and small enough for SQLite's 64-bit integers
_KINDS: dict[str, type[Button]] = {}
_FIELDS: dict[type[Button], tuple[tuple[str, bool, bool], ...]] = {}
"""Per kind: (name, is a number, required) of each field, read once from the dataclass."""


@dataclass(frozen=True)
class Button:
    """Base of every button kind. Subclasses are frozen dataclasses of ``str`` and ``int`` fields."""

    prefix: ClassVar[str] = ""

    def __init_subclass__(cls, prefix: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix:
            raise TypeError(f"{cls.__name__} needs a prefix")
        if prefix in _KINDS:
            raise TypeError(f"prefix {prefix!r} is taken by {_KINDS[prefix].__name__}")
        cls.prefix = prefix
        _KINDS[prefix] = cls

    def pack(self) -> str:
        """The callback data; ``ValueError`` when it is over 64 bytes or a field cannot be carried."""
        values: list[str] = []
        fields = dataclasses.fields(self)
        last_needed = max((i for i, f in enumerate(fields) if getattr(self, f.name) != f.default), default=-1)
        for f in fields[: last_needed + 1]:
            value = getattr(self, f.name)
            text = "" if value is None else str(value)
            if not text or ":" in text:
                raise ValueError(f"{type(self).__name__}.{f.name}: expected an id without ':', found {text!r}")
            values.append(text)
        data = ":".join([self.prefix, *values])
        if len(data.encode("utf-8")) > CALLBACK_LIMIT:
            raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, args: list[str]) -> Self | None:
        """The button from the fields after the prefix; None when they do not fit this kind."""
        fields = _fields(cls)
        if not sum(required for _, _, required in fields) <= len(args) <= len(fields):
            return None
        values: dict[str, object] = {}
        for (name, number, _), text in zip(fields, args, strict=False):
            if not text:
                return None
            if number:
                if not _NUMBER.fullmatch(text):
                    return None
                values[name] = int(text)
            else:
                values[name] = text
        return cls(**values)


def _fields(kind: type[Button]) -> tuple[tuple[str, bool, bool], ...]:
    fields = _FIELDS.get(kind)
    if fields is None:
        hints = typing.get_type_hints(kind)
        fields = tuple((f.name, hints[f.name] is int, f.default is dataclasses.MISSING)
                       for f in dataclasses.fields(kind))
        _FIELDS[kind] = fields
    return fields


@dataclass(frozen=True)
class Stale:
    """Callback data no current button kind reads."""

    data: str | None

    @property
    def head(self) -> str:
        """The first field (``i`` of ``i:c:...``): which part of the bot the button belonged to."""
        return (self.data or "").split(":", 1)[0]


def kinds() -> list[type[Button]]:
    """Every button kind, in declaration order."""
    return list(_KINDS.values())


def decode(data: str | None) -> Button | Stale:
    """The button ``data`` was packed from, or ``Stale``."""
    if not data or len(data.encode("utf-8")) > CALLBACK_LIMIT:
        return Stale(data)
    parts = data.split(":")
    for n in (2, 1):  # "i:c" before "i", "r:x" before "r"
        kind = _KINDS.get(":".join(parts[:n])) if len(parts) >= n else None
        if kind is not None:
            button = kind.unpack(parts[n:])
            if button is not None:
                return button
    return Stale(data)


# --- menu and pages ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OpenPage(Button, prefix="p"):
    """Open a page; ``part`` > 0 opens the part after its n-th ``<!-- more -->`` (the "More" button)."""

    page: str
    part: int = 0


@dataclass(frozen=True)
class MenuAction(Button, prefix="a"):
    """A menu action: home, apply, language, privacy, ask, delete_data."""

    name: str


@dataclass(frozen=True)
class ChooseLanguage(Button, prefix="l"):
    lang: str


@dataclass(frozen=True)
class FaqAnswer(Button, prefix="f"):
    lang: str
    entry: str


# --- the application --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class IntakeStart(Button, prefix="i:start"):
    pass


@dataclass(frozen=True)
class IntakeAgree(Button, prefix="i:agree"):
    pass


@dataclass(frozen=True)
class IntakeDecline(Button, prefix="i:decline"):
    pass


@dataclass(frozen=True)
class IntakeCancel(Button, prefix="i:cancel"):
    pass


@dataclass(frozen=True)
class IntakeSubmit(Button, prefix="i:submit"):
    pass


@dataclass(frozen=True)
class IntakeBack(Button, prefix="i:back"):
    """Back, naming where it was pressed (a question id or stage), so an old Back button is recognised as stale."""

    at: str | None = None


@dataclass(frozen=True)
class IntakeChoice(Button, prefix="i:c"):
    question: str
    choice: str


@dataclass(frozen=True)
class IntakeTick(Button, prefix="i:m"):
    """Tick or untick a choice of a multi question."""

    question: str
    choice: str


@dataclass(frozen=True)
class IntakeTickDone(Button, prefix="i:md"):
    question: str


@dataclass(frozen=True)
class IntakeSkip(Button, prefix="i:s"):
    question: str


@dataclass(frozen=True)
class IntakeEdit(Button, prefix="i:e"):
    """Change one answer from the review."""

    question: str


@dataclass(frozen=True)
class IntakeKeep(Button, prefix="i:k"):
    """Keep the answer held from a message the crisis screen answered."""

    question: str


# --- privacy, crisis, relay, staff --------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeleteYes(Button, prefix="d:yes"):
    pass


@dataclass(frozen=True)
class DeleteNo(Button, prefix="d:no"):
    pass


@dataclass(frozen=True)
class CrisisYes(Button, prefix="k:y"):
    """Check-in answered "yes"; ``token`` names the message asked about."""

    token: str


@dataclass(frozen=True)
class CrisisNo(Button, prefix="k:n"):
    token: str


@dataclass(frozen=True)
class CrisisContinue(Button, prefix="k:c"):
    pass


@dataclass(frozen=True)
class RelayReply(Button, prefix="r"):
    """The applicant answers the clinic's message about ``lead``."""

    lead: int


@dataclass(frozen=True)
class RelayStop(Button, prefix="r:x"):
    pass


@dataclass(frozen=True)
class LeadStatus(Button, prefix="s"):
    """Staff set a lead's status from its card."""

    lead: int
    status: str


@dataclass(frozen=True)
class AddExample(Button, prefix="u"):
    """Staff add an unanswered question as an example of an FAQ entry."""

    group: str
    entry: str
