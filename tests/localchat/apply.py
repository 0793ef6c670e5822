"""Fills in the monitor application from a script, reading only what the screen shows: the buttons of the latest
bot message (their callback data say which question is on screen). Used over HTTP and in the browser."""

from __future__ import annotations

from dataclasses import dataclass

from tests.conversation.conftest import Script


@dataclass(frozen=True)
class Step:
    """What to do next: press buttons (in order) or type a text; ``done`` once the thank-you shows."""

    press: tuple[str, ...] = ()
    type: str | None = None


def position(buttons: list[str]) -> str:
    """``intro``, ``consent``, a question id or ``review``, from the latest keyboard's callback data."""
    if "i:submit" in buttons:
        return "review"
    if "i:agree" in buttons:
        return "consent"
    if "i:start" in buttons:
        return "intro"
    back = next((b for b in buttons if b.startswith("i:back:")), None)
    assert back is not None, f"no application step on screen; buttons: {buttons}"
    return back.split(":", 2)[2]


def next_step(buttons: list[str], script: Script) -> Step:
    here = position(buttons)
    if here in ("intro", "consent", "review"):
        return Step(press=({"intro": "i:start", "consent": "i:agree", "review": "i:submit"}[here],))
    value = script[here]
    if value is None:
        return Step(press=(f"i:s:{here}",))
    if isinstance(value, list):
        return Step(press=(*(f"i:m:{here}:{choice}" for choice in value), f"i:md:{here}"))
    if f"i:c:{here}:{value}" in buttons:
        return Step(press=(f"i:c:{here}:{value}",))
    return Step(type=value)
