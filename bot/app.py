"""Builds the Telegram application from the settings and wires the handlers, jobs and commands.

Start-up refuses content with errors (and prints the checker's report); everything else that can fail at run
time (Telegram, the staff chat, a broken content edit) is handled without taking the bot down.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sys
from urllib.parse import urlparse

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, Defaults

from bot import logredact
from bot.config import Settings
from bot.content import render
from bot.handlers import (
    crisis,
    errors,
    guard,
    intake,
    menu,
    privacy,
    questions,
    relay,
    setup,
    staff,
    staff_health,
    stats,
)
from bot.handlers.buttons import ButtonRouter
from bot.handlers.context import CONTEXT_TYPES, AnyApplication, BotContext, ClinicApplication, services_of
from bot.handlers.reload import LEASE_TTL, freeze_long_lived_objects, reload_on_sighup, watch_content
from bot.handlers.staff_health import StaffAlerts
from bot.handlers.staff_sink import TelegramLeadSink
from bot.http import AiohttpRequest
from bot.i18n import N_, t
from bot.intake.engine import IntakeEngine
from bot.intake.typed import prepare as prepare_typed
from bot.leads.delivery import DeliveryWorker
from bot.live import ContentRefused, LiveContent
from bot.ordering import PerChatUpdateProcessor
from bot.ratelimit import NoRateLimiter, TelegramRateLimiter
from bot.safe_updates import SkippingUpdatesRequest
from bot.safety import english, japanese
from bot.services import Services
from bot.storage.db import StorageError

log = logging.getLogger(__name__)

PATIENT_COMMANDS = ("start", "menu", "apply", "language", "privacy", "delete", "help", "cancel")
COMMAND_DESCRIPTIONS = {
    "start": N_("Welcome and main menu"),
    "menu": N_("Main menu"),
    "apply": N_("Apply as a monitor"),
    "language": N_("Change the language (日本語 / English)"),
    "privacy": N_("Privacy notice"),
    "delete": N_("Delete my data"),
    "help": N_("What this bot can do"),
    "cancel": N_("Stop the application"),
}


MAX_CONCURRENT_UPDATES = 32
"""Updates handled at once (one at a time per chat, ``bot.ordering``)."""
HTTP_POOL_SIZE = 8
"""Connections to the Bot API (``bot.http``): 8 carry about 160 requests/s at a 50 ms round trip, far above
Telegram's 30 messages/s; more only hold idle sockets."""
HTTP_POOL_TIMEOUT_S = 5.0
"""How long a request may wait for a free connection in a burst (PTB's default of 1 s would fail it instead)."""
CONTENT_CACHE_DELAY_S = 30.0
"""After a start without a usable content cache, wait this long before a separate process writes one."""
RENDERER_WARM_UP_DELAY_S = 1.0
"""After start-up, wait this long before importing Jinja and Markdown (in a thread), which only an application's
screens use: the first answer does not wait for them, the first application screen does not pay for them."""
JOB_DEFAULTS = {"misfire_grace_time": None, "coalesce": True}
"""A job that falls due while the event loop is busy (a start-up on a loaded machine) runs late, once, instead of
never: with APScheduler's default grace of 1 s the one-off staff-chat check was skipped and staff never heard."""


def build_application(settings: Settings, *, live: LiveContent | None = None) -> ClinicApplication:
    """The whole bot, ready to run; raises ``ContentRefused`` when the content has errors."""
    quiet_library_loggers()
    services = Services.open(settings, live or (lambda: LiveContent.open(settings.content_dir,
                                                                         cache_dir=settings.data_dir / "cache")))
    requests = (AiohttpRequest(connection_pool_size=HTTP_POOL_SIZE, pool_timeout=HTTP_POOL_TIMEOUT_S),
                SkippingUpdatesRequest(connection_pool_size=1))
    builder = (
        Application.builder()
        .application_class(ClinicApplication, kwargs={"services": services})
        .context_types(CONTEXT_TYPES)
        .token(settings.token)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(rate_limiter(settings.rate_limit))
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .request(requests[0])
        .get_updates_request(requests[1])
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url).base_file_url(settings.api_file_url or "")
    if settings.webhook_url:
        builder = builder.updater(None)  # bot.webhook serves updates instead of PTB's updater
    app = builder.build()
    assert isinstance(app, ClinicApplication)
    app.requests = requests
    assert app.job_queue is not None, "install python-telegram-bot[job-queue]"
    app.job_queue.scheduler.configure(job_defaults=JOB_DEFAULTS, **app.job_queue.scheduler_configuration)
    if settings.staff_chat_id is not None:
        services.delivery = DeliveryWorker(services.leads, TelegramLeadSink(app.bot, settings.staff_chat_id),
                                           alerts=StaffAlerts(app.bot, settings.staff_user_ids),
                                           owner=services.owner, sole_sender=services.lock is not None)
    for group, handler in [*staff_health.handlers(), *guard.handlers(), *crisis.handlers()]:
        app.add_handler(handler, group=group)
    applicant_relay = relay.Relay(services.users, services.now)
    app.add_handlers(menu.handlers())
    app.add_handlers(intake.handlers())
    app.add_handlers(privacy.handlers())
    app.add_handlers(staff.handlers())
    app.add_handlers(stats.handlers())
    app.add_handlers(setup.handlers())
    app.add_handlers(relay.handlers(applicant_relay))  # before questions: a waiting answer to the clinic goes first
    app.add_handlers(questions.handlers())
    app.add_handlers(errors.handlers())
    app.add_handler(button_router(applicant_relay).handler())
    app.add_handler(staff.unknown_command_handler())
    app.add_error_handler(errors.on_error)
    return app


def button_router(applicant_relay: relay.Relay) -> ButtonRouter:
    """Every button kind with the handler that answers it; out-of-date buttons get their part's answer."""
    router = ButtonRouter(default_stale=menu.on_unknown_button)
    router.register(menu.buttons())
    router.register(intake.buttons(), intake.stale_answers())
    router.register(privacy.buttons(), privacy.stale_answers())
    router.register(staff.buttons(), staff.stale_answers())
    router.register(questions.buttons())
    router.register(crisis.buttons(), crisis.stale_answers())
    router.register(applicant_relay.buttons(), applicant_relay.stale_answers())
    missing = router.unanswered()
    if missing:
        raise RuntimeError(f"no handler answers these buttons: {', '.join(missing)}")
    return router


def rate_limiter(per_second: int) -> AIORateLimiter:
    """Telegram's limits (about 30 messages/s overall, one a second per chat with bursts, 20 a minute per group;
    see ``bot.ratelimit``); 0 lifts them (a local Bot API server). Either way a 429 is retried after retry_after."""
    if per_second <= 0:
        return NoRateLimiter()
    return TelegramRateLimiter(per_second)


async def _post_init(app: AnyApplication) -> None:
    services = services_of(app)
    if services.gate is not None:
        await services.gate.open()
    # the command lists and the staff notice go out together: one round trip to Telegram instead of four in a row,
    # and the analysers' dictionaries load in a thread meanwhile (the English one ~0.13 s of CPU), so polling
    # starts after the longer of the two instead of after both
    await asyncio.gather(_register_commands(app, services), _post_missing_facts(app, services),
                         asyncio.to_thread(_warm_up_analysers, services.live.current.intake))
    jobs = app.job_queue
    assert jobs is not None, "install python-telegram-bot[job-queue]"
    jobs.run_repeating(_deliver_leads, interval=2.0, first=0.5, name="lead-delivery")
    jobs.run_repeating(_apply_retention, interval=60.0, first=5.0, name="retention")  # runs hourly, see below
    jobs.run_repeating(_flush_stats, interval=60.0, first=60.0, name="stats-flush")
    if services.settings.content_poll_seconds > 0:
        jobs.run_repeating(watch_content, interval=services.settings.content_poll_seconds,
                           first=services.settings.content_poll_seconds, name="content-watch")
    jobs.run_once(_check_staff_chat, when=0.5, name="staff-chat-check")  # missing or unreachable: log and staff hear
    jobs.run_once(_warm_up_renderer, when=RENDERER_WARM_UP_DELAY_S, name="renderer-warm-up")
    if services.live.cache_stale:  # after start-up, off the answering path: the next start loads in milliseconds
        jobs.run_once(_write_content_cache, when=CONTENT_CACHE_DELAY_S, name="content-cache")
    freeze_long_lived_objects(collect=not services.live.opened_from_cache)
    reload_on_sighup(app)


def _warm_up_analysers(engine: IntakeEngine) -> None:
    """Load the analysers' dictionaries once, before polling starts, rather than on a patient's first message; then
    read the application questions' choices as a typed answer needs them (bot.intake.typed.prepare)."""
    japanese.warm_up()
    english.warm_up()  # the English lemma dictionary (the phone and e-mail checks import on first use)
    prepare_typed({lang: engine.intake(lang) for lang in engine.languages})


async def _warm_up_renderer(context: BotContext) -> None:
    await asyncio.to_thread(render.warm_up)


async def _post_shutdown(app: AnyApplication) -> None:
    services = services_of(app)
    if isinstance(app, ClinicApplication):  # a start that failed at getMe left them open: PTB shuts down only what
        await asyncio.gather(*(request.shutdown() for request in app.requests))  # finished initialising
    if services.gate is not None:
        await services.gate.close()
    services.close()


async def _register_commands(app: AnyApplication, services: Services) -> None:
    requests = []
    for lang in services.live.current.content.languages:
        commands = [BotCommand(name, t(lang, COMMAND_DESCRIPTIONS[name])) for name in PATIENT_COMMANDS]
        requests.append(app.bot.set_my_commands(commands, language_code=None if lang == "en" else lang))
    if services.settings.staff_chat_id is not None:
        staff_commands = [BotCommand(name, text) for name, text in staff.STAFF_COMMANDS.items()]
        requests.append(app.bot.set_my_commands(staff_commands,
                                                scope=BotCommandScopeChat(services.settings.staff_chat_id)))
    for outcome in await asyncio.gather(*requests, return_exceptions=True):
        if isinstance(outcome, TelegramError):
            log.warning("could not register the command list: %s", outcome.__class__.__name__)
        elif isinstance(outcome, BaseException):
            raise outcome


async def _post_missing_facts(app: AnyApplication, services: Services) -> None:
    if services.settings.staff_chat_id is not None:
        await staff.post_missing_facts(app)


async def _check_staff_chat(context: BotContext) -> None:
    await setup.check_staff_chat(context.application)


async def _deliver_leads(context: BotContext) -> None:
    await context.services.deliver_due()


RETENTION_EVERY = dt.timedelta(hours=1)


async def _apply_retention(context: BotContext) -> None:
    """Hourly, in the one instance holding the retention lease (checked every minute, so another instance takes
    over within ``LEASE_TTL`` when the holder stops)."""
    services = context.services
    now = services.now()
    if not services.leases.acquire("retention", LEASE_TTL, now):
        return
    last = context.application.bot_data.get("retention_at")
    if last is not None and now - last < RETENTION_EVERY:
        return
    context.application.bot_data["retention_at"] = now
    services.apply_retention()


async def _flush_stats(context: BotContext) -> None:
    services = context.services
    services.stats.flush()


async def _write_content_cache(context: BotContext) -> None:
    await context.services.live.write_cache()


LIBRARY_LOGGERS = ("telegram", "httpx", "httpcore", "apscheduler", "tornado")


def quiet_library_loggers() -> None:
    """Never below INFO for the libraries, whatever LOG_LEVEL says: their debug lines carry message texts and
    request parameters (names, phone numbers), and httpx's request lines (INFO) carry the bot token. What they
    still log at any level goes through ``bot.logredact`` (texts, names and tokens removed)."""
    logredact.install()
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if name == "httpx" else logging.INFO)
    ptb = logging.getLogger("telegram.ext")
    if not any(isinstance(f, _NoBootstrapTraceback) for f in ptb.filters):
        ptb.addFilter(_NoBootstrapTraceback())


class _NoBootstrapTraceback(logging.Filter):
    """PTB logs a failed start's last attempt (or a refused token) with its traceback; ``run`` prints what to do
    instead, so the log keeps the one line and the operator is not handed a stack of aiohttp frames."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()  # bot.logredact has already turned the exception into exc_text
        if (record.exc_info or record.exc_text) and "Bootstrap" in message and "Aborting" in message:
            record.exc_info, record.exc_text = None, None
        return True


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_library_loggers()


TOKEN_REFUSED = ("The bot cannot start.\nTelegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): it is mistyped, or it "
                 "was revoked. Copy the token again from @BotFather (/mybots → API Token) and start the bot again.")
API_UNREACHABLE = ("The bot cannot start.\nThe Telegram Bot API at {url} could not be reached ({cause}; tried "
                   "{tries}, TELEGRAM_START_RETRIES).\nCheck the server's network and firewall (outgoing "
                   "HTTPS), and TELEGRAM_API_BASE_URL if it is set; then start the bot again.")


def redacted_api_url(settings: Settings) -> str:
    """The Bot API address for an operator's message: the scheme and host only, never a path that might hold a token."""
    parts = urlparse(settings.api_base_url or "https://api.telegram.org/bot")
    return f"{parts.scheme}://{parts.netloc}"


def run(settings: Settings) -> int:
    """``python -m bot run``: long polling, or a webhook when WEBHOOK_URL is set."""
    configure_logging(settings.log_level)
    try:
        app = build_application(settings)
    except ContentRefused as exc:
        print("The bot cannot start: the content has errors.\n" + exc.report, file=sys.stderr)
        return 1
    except StorageError as exc:  # another process on the data directory, or a directory it cannot write
        print(f"The bot cannot start.\n{exc}", file=sys.stderr)
        return 2
    try:
        if settings.webhook_url:
            from bot.webhook import serve

            assert settings.webhook_secret is not None  # load_settings requires it with WEBHOOK_URL
            asyncio.run(serve(app, listen=settings.webhook_listen, port=settings.port,
                              url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                              webhook_url=settings.webhook_url, secret=settings.webhook_secret,
                              services=app.services))
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=settings.start_retries)
    except InvalidToken:
        print(TOKEN_REFUSED, file=sys.stderr)
        return 2
    except NetworkError as exc:  # TimedOut too
        tries = 1 if settings.webhook_url else settings.start_retries + 1
        cause = exc.message.replace(settings.token, "<token>")
        print(API_UNREACHABLE.format(url=redacted_api_url(settings), cause=cause,
                                     tries="once" if tries == 1 else f"{tries} times"), file=sys.stderr)
        return 2
    return 0
