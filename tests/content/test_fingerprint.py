"""The fingerprint that picks the content cache, and start-up reading that cache without the loader."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from bot.content import loader
from bot.content.fingerprint import content_fingerprint


def test_fingerprint_follows_names_sizes_and_times(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    first = content_fingerprint(tmp_path)
    assert content_fingerprint(tmp_path) == first
    (tmp_path / "a.yaml").write_text("x: 12\n", encoding="utf-8")
    assert content_fingerprint(tmp_path) != first


def test_loader_still_offers_the_same_function() -> None:
    assert loader.content_fingerprint is content_fingerprint


def test_serving_imports_no_checker() -> None:
    """The loader and checker (claims lint, intake and crisis checks) are for building: importing the bot to serve
    from the cache must not import them, they cost start-up CPU the first answer does not need."""
    assert _loaded_by_import_of_app({"bot.content.loader", "bot.content.checker", "bot.content.claims"}) == []


def test_serving_imports_no_template_markdown_or_yaml_library() -> None:
    """Jinja and Markdown render only texts with values (an application's screens; ``bot.app`` imports them in a
    thread after start-up) and YAML is parsed only by a build or a staff command: ~110 modules a start skips."""
    assert _loaded_by_import_of_app({"jinja2", "markdown_it", "yaml"}) == []


def _loaded_by_import_of_app(modules: set[str]) -> list[str]:
    code = f"import sys, bot.app; print(sorted(m for m in sys.modules if m in {sorted(modules)!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    return list(ast.literal_eval(done.stdout.strip()))


def test_renderer_from_the_cache_imports_jinja_on_first_render() -> None:
    """A renderer read back from the cache holds its sources without a Jinja environment; the first render makes
    one, with the same text as before and StrictUndefined's error for an unknown name."""
    code = "\n".join([
        "import pickle, sys",
        "from bot.content.render import Renderer, TemplateError",
        "made = Renderer({'en': {'name': 'Clinic'}})",
        "made.register('page', 'Hello **{{ name }}**')",
        "made.register('typo', '{{ nmae }}')",
        "renderer = pickle.loads(pickle.dumps(made))",
        "print('jinja2' in sys.modules, 'markdown_it' in sys.modules)",
        "print(renderer.render_blocks('page', 'en'))",
        "try:",
        "    renderer.render_markdown('typo', 'en')",
        "except TemplateError as exc:",
        "    print(exc.message)",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.splitlines() == ["False False", "['Hello <b>Clinic</b>']", "unknown variable: 'nmae'"]
