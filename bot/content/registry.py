"""Content checks registered by the packages that own them (as Django's checks registry).

A package that reads part of the content (the questionnaire, the crisis screen, the matcher) knows best what can be
wrong with it: it registers a check here, and ``python -m bot check``, start-up and live reload run them all after
the content checker's own. A check reads the raw languages and adds problems; it never raises for bad content.

    from bot.content.registry import register

    @register("intake")
    def check_intake_content(raws: Mapping[str, RawLanguage], problems: Problems) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.content.problems import Problems
from bot.content.raw import RawLanguage

ContentCheck = Callable[[Mapping[str, RawLanguage], Problems], None]

_CHECKS: dict[str, ContentCheck] = {}


def register(name: str) -> Callable[[ContentCheck], ContentCheck]:
    """Register ``check`` under ``name`` (registering a name again replaces it, so a reimport is harmless)."""
    def add(check: ContentCheck) -> ContentCheck:
        _CHECKS[name] = check
        return check
    return add


def run_registered(raws: Mapping[str, RawLanguage], problems: Problems, *,
                   translate: Callable[[str, str, dict[str, str]], tuple[str, dict[str, str]]] | None = None) -> None:
    """Every registered check, in registration order, with ``translate`` saying their messages in the file's
    language (``bot.content.domain_messages.localize_domain``)."""
    translate, problems.translate = problems.translate, translate
    try:
        for check in _CHECKS.values():
            check(raws, problems)
    finally:
        problems.translate = translate
