"""Writes the preview as a static site: ``index.html`` (problems first), one file per screen, the pictures.

The site opens from the file system (relative links, no script, no server). The one Jinja environment of the
preview is built here (``environment()``), with autoescaping: content arrives only as the ``Markup`` made by
``browser_html.to_browser`` from the bot's rendered Telegram HTML.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from bot.content.loader import content_fingerprint, read_content
from bot.content.problems import Problem, Problems, Severity
from bot.preview.browser_html import to_browser
from bot.preview.screens import LANGUAGE_NAMES, Bubble, Column, Preview, build_preview

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.NOTICE, Severity.INFO)
PHONE_WIDTH_PX = 360
"""CSS width of one phone column: a common phone's width, so pictures and line lengths look as on a phone."""


@dataclass(frozen=True)
class BuildResult:
    out: Path
    screens: int
    problems: Problems
    fingerprint: str
    """Of the content as it was when the build began (``content_fingerprint``)."""

    def summary(self) -> str:
        counts = Counter(p.severity for p in self.problems)
        found = ", ".join(f"{counts.get(s, 0)} {s.value}(s)" for s in SEVERITY_ORDER)
        return f"preview: {self.screens} screens written to {self.out}/ ({found}); open {self.out / 'index.html'}"


def environment() -> jinja2.Environment:
    """The preview's one Jinja environment (its templates are in ``bot/preview/templates``)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bot.preview", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(language_names=LANGUAGE_NAMES, phone_width=PHONE_WIDTH_PX, severities=SEVERITY_ORDER)
    env.filters["telegram"] = _telegram
    return env


def _telegram(bubble: Bubble, column: Column) -> Markup:
    return to_browser(bubble.html, column.marked_words)


def build_site(content_dir: Path, out: Path) -> BuildResult:
    """Read and check the content (errors or not) and write the whole site into ``out``."""
    fingerprint = content_fingerprint(content_dir)  # before reading: an edit made meanwhile is seen as a change
    raw, problems = read_content(content_dir)
    out.mkdir(parents=True, exist_ok=True)
    env = environment()
    if raw is None:  # settings.yaml itself is unusable: the index says why, nothing else can be drawn
        _write(out / "index.html", env.get_template("index.html.j2").render(
            preview=None, problems=_by_severity(problems), located={}, unplaced=list(problems)))
        return BuildResult(out, 0, problems, fingerprint)
    preview = build_preview(raw, problems, content_dir)
    images = _copy_images(preview, out)
    for screen in preview.screens:
        _write(out / f"{screen.slug}.html", env.get_template("screen.html.j2").render(
            preview=preview, screen=screen, images=images))
    _write(out / "index.html", env.get_template("index.html.j2").render(
        preview=preview, problems=_by_severity(problems), located=preview.located, unplaced=preview.unplaced()))
    return BuildResult(out, len(preview.screens), problems, fingerprint)


def _by_severity(problems: Problems) -> list[tuple[Severity, list[Problem]]]:
    return [(s, items) for s in SEVERITY_ORDER if (items := problems.of(s))]


def _copy_images(preview: Preview, out: Path) -> dict[Path, str]:
    """Copy each picture once into ``out/images/<lang>/``; returns its path relative to the site."""
    copied: dict[Path, str] = {}
    for screen in preview.screens:
        for unit in screen.units:
            for column in unit.columns:
                for bubble in column.bubbles:
                    if bubble.image is None or bubble.image in copied or not bubble.image.is_file():
                        continue
                    target = out / "images" / column.lang / bubble.image.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(bubble.image, target)
                    copied[bubble.image] = f"images/{column.lang}/{bubble.image.name}"
    return copied


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a browser reloading during --serve never sees half a file
