"""The one Jinja environment: content templates rendered with the clinic's facts into Telegram HTML.

``StrictUndefined`` makes a misspelt ``{{ clinic.phnoe }}`` an error the checker reports with its line. Clinic facts
that are still empty render as a neutral "please ask the clinic" line instead of a blank or a guess. Templates are
compiled once per content load (the loader renders everything while checking), never per update.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from pydantic import BaseModel

from bot.content.problems import did_you_mean
from bot.content.telegram_html import markdown_blocks
from bot.i18n import t


class MissingFact:
    """A clinic fact nobody has filled in yet: falsy in ``{% if %}``, a polite placeholder when printed."""

    def __init__(self, lang: str, name: str) -> None:
        self.lang = lang
        self.name = name

    def __str__(self) -> str:
        return t(self.lang, "(please ask the clinic)")

    def __bool__(self) -> bool:
        return False

    def __html__(self) -> str:
        return str(self)


class Facts:
    """Read-only attribute view of a content model for templates; unknown names raise (StrictUndefined)."""

    def __init__(self, lang: str, values: Mapping[str, Any], prefix: str) -> None:
        self._lang = lang
        self._values = dict(values)
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._values:
            hint = did_you_mean(f"{self._prefix}.{name}", [f"{self._prefix}.{key}" for key in self._values])
            raise jinja2.UndefinedError(f"'{self._prefix}.{name}'{hint}")
        value = self._values[name]
        if isinstance(value, Mapping):
            return Facts(self._lang, value, f"{self._prefix}.{name}")
        if value is None or (isinstance(value, str) and not value.strip()):
            return MissingFact(self._lang, f"{self._prefix}.{name}")
        return value


def facts_of(lang: str, model: BaseModel, name: str) -> Facts:
    data = {k: v for k, v in model.model_dump().items() if k in type(model).model_fields}
    return Facts(lang, data, name)


class TemplateSource(jinja2.BaseLoader):
    """Templates are registered by name (the file they come from) so errors can point back at the file."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        if template not in self.sources:
            raise jinja2.TemplateNotFound(template)
        return self.sources[template], template, lambda: True


def build_environment() -> tuple[jinja2.Environment, TemplateSource]:
    """The single place a Jinja environment is made."""
    loader = TemplateSource()
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown source; the Markdown converter escapes the text it emits
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    return env, loader


@dataclass
class TemplateError(Exception):
    """A template failed to compile or render; ``line`` is relative to the template's first line."""

    message: str
    line: int | None


class Renderer:
    """Renders named Markdown templates of one content load into Telegram HTML blocks."""

    def __init__(self, globals_by_lang: Mapping[str, Mapping[str, Any]]) -> None:
        self._env, self._loader = build_environment()
        self._globals = globals_by_lang

    def register(self, name: str, source: str) -> None:
        self._loader.sources[name] = source

    def render_markdown(self, name: str, lang: str, **extra: Any) -> str:
        """Render the template to Markdown text (Jinja only)."""
        try:
            template = self._env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}", exc.lineno) from None
        try:
            return template.render({**self._globals[lang], **extra})
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"unknown variable: {_undefined_name(exc)}", _template_line(exc, name)) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template error: {exc}", _template_line(exc, name)) from None

    def render_blocks(self, name: str, lang: str, **extra: Any) -> list[str]:
        """Render the template and convert it to Telegram HTML, one string per block."""
        return markdown_blocks(self.render_markdown(name, lang, **extra))

    def render_html(self, name: str, lang: str, **extra: Any) -> str:
        return "\n\n".join(self.render_blocks(name, lang, **extra))


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    text = str(exc.message or exc)
    # our Facts raise "'clinic.phnoe' (did you mean ...)"; Jinja itself says "'foo' is undefined"
    if text.endswith(" is undefined"):
        return text.removesuffix(" is undefined")
    return text


def _template_line(exc: BaseException, name: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
