"""Errors of the leads domain. What to catch, and who raises what::

    Exception
     ├── LeadError                    our own code asked for something the store cannot do
     │    ├── UnknownLeadError         no lead has this id (a stale button, a mistyped A-number)
     │    └── LeadStatusError          not a status staff may set, or the lead was withdrawn by the patient
     └── DeliveryError                raised by a sink (the Telegram adapter maps PTB errors onto these)
          ├── TemporaryDeliveryError   network failure, timeout, Telegram 5xx, 429 Too Many Requests;
          │                            retried with exponential backoff (5 s → 10 min), at least retry_after;
          │                            ``in_doubt``: the request went out but no answer came (it may have worked)
          └── PermanentDeliveryError   chat not found, bot removed from the chat, forbidden, bad request;
                                       still retried, but slowly (1 min → 15 min), and logged as errors;
                                       ``chat_level`` kinds (CHAT_KINDS) stop the whole pass and alert staff

Every ``DeliveryError`` carries ``kind``: a short ASCII word ("network", "rate_limited", "chat_not_found" ...)
that is logged and stored in the outbox. Sinks must put nothing from the lead into ``kind`` or the message:
the worker logs the kind only, but the exception may travel further.
"""

from __future__ import annotations


class LeadError(Exception):
    """The lead store was asked for something it cannot do; the message is fit to show staff."""


class UnknownLeadError(LeadError):
    def __init__(self, lead_id: int) -> None:
        from bot.leads.model import lead_ref

        super().__init__(f"There is no application {lead_ref(lead_id)}. Check the number on the card.")
        self.lead_id = lead_id


class LeadStatusError(LeadError):
    """A status change that is not allowed."""


class DeliveryError(Exception):
    """A sink could not deliver to the staff chat."""

    def __init__(self, kind: str, message: str = "") -> None:
        super().__init__(message or kind)
        self.kind = kind


class TemporaryDeliveryError(DeliveryError):
    """Worth retrying soon. ``retry_after`` (seconds) is Telegram's own wait for 429 and is always honoured.
    ``in_doubt``: the request was sent but its answer never arrived, so Telegram may have carried it out."""

    def __init__(self, kind: str, message: str = "", *, retry_after: float | None = None,
                 in_doubt: bool = False) -> None:
        super().__init__(kind, message)
        self.retry_after = retry_after
        self.in_doubt = in_doubt


CHAT_KINDS = frozenset({"forbidden", "chat_not_found", "chat_migrated"})
"""Permanent errors of the staff chat itself: every other row would fail the same way until it is fixed."""


class PermanentDeliveryError(DeliveryError):
    """Will fail again until someone fixes the set-up (e.g. adds the bot back to the staff chat)."""

    @property
    def chat_level(self) -> bool:
        return self.kind in CHAT_KINDS
