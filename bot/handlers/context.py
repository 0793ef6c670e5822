"""The typed context every handler gets: ``context.services`` instead of a lookup in ``bot_data``.

``bot.app`` builds a ``ClinicApplication`` (PTB's Application holding the services) with ``CONTEXT_TYPES``, so PTB
hands each callback a ``BotContext`` (PTB's ``ContextTypes(context=...)``).
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue
from telegram.request import BaseRequest

from bot.services import Services

ADict = dict[Any, Any]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
"""Any PTB application, for code that takes the application rather than a context (jobs, start-up)."""


class ClinicApplication(Application[ExtBot[None], "BotContext", ADict, ADict, ADict, JobQueue["BotContext"]]):
    """PTB's Application with the bot's services attached (built by ``ApplicationBuilder.application_class``)."""

    def __init__(self, *, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.requests: tuple[BaseRequest, ...] = ()  # the bot's HTTP clients, closed after shutdown


class BotContext(CallbackContext[ExtBot[None], ADict, ADict, ADict]):
    """The callback context, with the services of the application that runs the callback."""

    @property
    def services(self) -> Services:
        return services_of(self.application)


def services_of(app: AnyApplication) -> Services:
    """The services of an application ``bot.app`` built (for code that has the application, not a context)."""
    if not isinstance(app, ClinicApplication):
        raise TypeError("not an application built by bot.app.build_application")
    return app.services


CONTEXT_TYPES = ContextTypes(context=BotContext)
