"""The one Jinja environment: content templates rendered with the clinic's facts into Telegram HTML.

``StrictUndefined`` makes a misspelt ``{{ clinic.phnoe }}`` an error the checker reports with its line. A clinic
fact that is still empty is never shown as a blank, a guess or a circular "please ask the clinic" (a patient without
the phone number cannot ask): the line holding it is left out, and one honest sentence in its place says which
details are not listed yet and that the clinic gives them when it contacts an applicant. Templates are compiled once
per content load (the loader renders everything while checking), never per update.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from bot.content.problems import did_you_mean
from bot.content.telegram_html import markdown_blocks
from bot.i18n import N_, t

if TYPE_CHECKING:
    import jinja2

_MARK = "\x00missing:"
_MISSING = re.compile("\x00missing:([\\w.]+)\x00")
_LIST_ITEM = re.compile(r"\s*(?:[-*+•・]|\d+[.)])\s")
FACT_LABELS = {
    "phone": N_("phone number"),
    "address": N_("address"),
    "email": N_("e-mail address"),
    "website": N_("website"),
    "hours": N_("opening hours"),
    "access": N_("directions"),
    "doctor": N_("doctor's name"),
    "prices": N_("prices"),
    "product_source": N_("how the product is obtained"),
    "after_applying": N_("what happens after applying"),
    "monitor": N_("the monitor programme's terms"),
}
MISSING_SENTENCE = N_("Not listed here yet: {items}. If you apply as a monitor, the clinic will tell you when it "
                      "contacts you.")


class MissingFact:
    """A clinic fact nobody has filled in yet: falsy in ``{% if %}``; printed, it marks its line to be left out."""

    def __init__(self, lang: str, name: str) -> None:
        self.lang = lang
        self.name = name

    def __str__(self) -> str:
        return f"{_MARK}{self.name}\x00"

    def __bool__(self) -> bool:
        return False

    def __html__(self) -> str:
        return str(self)


def leave_out_missing(markdown: str, lang: str) -> str:
    """Drop every line that holds a missing fact; put one honest sentence where the first one was."""
    if _MARK not in markdown:
        return markdown
    lines = markdown.split("\n")
    kept: list[str] = []
    names: list[str] = []
    first: int | None = None
    only_list_items = True
    for line in lines:
        found = _MISSING.findall(line)
        if not found:
            kept.append(line)
            continue
        only_list_items = only_list_items and bool(_LIST_ITEM.match(line))
        for name in found:
            label = FACT_LABELS.get(name.split(".")[1] if name.count(".") else name, N_("details"))
            if label not in names:
                names.append(label)
        if first is None:
            first = len(kept)
    items = [t(lang, name) for name in names]
    joined = "・".join(items) if lang == "ja" else _english_list(items)
    sentence = t(lang, MISSING_SENTENCE, items=joined)
    assert first is not None
    if only_list_items and _introduces_nothing(kept, first):
        first -= 1
        del kept[first]
    kept[first:first] = ["", sentence, ""]
    return "\n".join(kept)



def _introduces_nothing(kept: Sequence[str], first: int) -> bool:
    """True when the line before the left-out list items is a one-line lead-in ("Prices:", 「料金は次のとおりです。」)
    and no item of its list is left: kept, it would announce a list that is not there."""
    if first == 0 or not kept[first - 1].strip() or _LIST_ITEM.match(kept[first - 1]):
        return False
    alone = first == 1 or not kept[first - 2].strip()
    follows = kept[first] if first < len(kept) else ""
    return alone and not _LIST_ITEM.match(follows)


def _english_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
            import jinja2  # loaded already: only a template being rendered asks

            hint = did_you_mean(f"{self._prefix}.{name}", [f"{self._prefix}.{key}" for key in self._values])
            raise jinja2.UndefinedError(f"'{self._prefix}.{name}'{hint}")
        value = self._values[name]
        if isinstance(value, Mapping):
            return Facts(self._lang, value, f"{self._prefix}.{name}")
        if value is None or (isinstance(value, str) and not value.strip()):
            return MissingFact(self._lang, f"{self._prefix}.{name}")
        return value


def facts_of(lang: str, models: BaseModel | Sequence[BaseModel], name: str) -> Facts:
    """One template namespace from one or more models (the language's clinic.yaml and the shared one)."""
    data: dict[str, Any] = {}
    for model in [models] if isinstance(models, BaseModel) else models:
        data.update({k: v for k, v in model.model_dump().items() if k in type(model).model_fields})
    return Facts(lang, data, name)


class TemplateSource:
    """Templates are registered by name (the file they come from) so errors can point back at the file."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}

    def get_source(self, template: str) -> tuple[str, str, Any] | None:
        """Jinja's ``FunctionLoader`` contract: the source, its name as the file name, always up to date."""
        if template not in self.sources:
            return None  # Jinja raises TemplateNotFound
        return self.sources[template], template, lambda: True


def build_environment(loader: TemplateSource) -> jinja2.Environment:
    """The single place a Jinja environment is made (on a template's first use: a start from the content cache
    renders nothing until an application screen, so it does not import Jinja)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(loader.get_source),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown source; the Markdown converter escapes the text it emits
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )


def warm_up() -> None:
    """Import Jinja and make the Markdown parser (~0.1 s of CPU) before an applicant's first screen needs them;
    ``bot.app`` calls it in a thread shortly after start-up, off the path to the first answer."""
    import jinja2  # noqa: F401

    markdown_blocks("warm")


@dataclass
class TemplateError(Exception):
    """A template failed to compile or render; ``line`` is relative to the template's first line."""

    message: str
    line: int | None


class Renderer:
    """Renders named Markdown templates of one content load into Telegram HTML blocks."""

    def __init__(self, globals_by_lang: Mapping[str, Mapping[str, Any]]) -> None:
        self._loader = TemplateSource()
        self._jinja: jinja2.Environment | None = None
        self._globals = globals_by_lang

    def __getstate__(self) -> dict[str, Any]:
        """Pickled for the compiled content cache: the globals and the registered sources, not Jinja's
        environment (templates compile again on first use)."""
        return {"globals": self._globals, "sources": dict(self._loader.sources)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._loader = TemplateSource()
        self._jinja = None
        self._globals = state["globals"]
        self._loader.sources.update(state["sources"])

    @property
    def _env(self) -> jinja2.Environment:
        if self._jinja is None:
            self._jinja = build_environment(self._loader)
        return self._jinja

    def register(self, name: str, source: str) -> None:
        self._loader.sources[name] = source

    def render_markdown(self, name: str, lang: str, *, leave_out: bool = True, **extra: Any) -> str:
        """Render the template to Markdown text (Jinja only); ``leave_out=False`` keeps missing-fact marks for a
        caller that leaves them out part by part (``leave_out_missing``)."""
        import jinja2

        try:
            template = self._env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}", exc.lineno) from None
        try:
            rendered = template.render({**self._globals[lang], **extra})
            return leave_out_missing(rendered, lang) if leave_out else rendered
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"unknown variable: {_undefined_name(exc)}", _template_line(exc, name)) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template error: {exc}", _template_line(exc, name)) from None

    def render_blocks(self, name: str, lang: str, **extra: Any) -> list[str]:
        """Render the template and convert it to Telegram HTML, one string per block."""
        return markdown_blocks(self.render_markdown(name, lang, **extra))

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
