"""YAML documents that remember where each value was written, so problems can name a line.

PyYAML's composer gives every node a start mark; we walk the node tree once and keep a table from
path (``("questions", 3, "kind")``) to line number beside the plain Python data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.content.messages import yaml_syntax
from bot.content.problems import Problems

if TYPE_CHECKING:
    import yaml

PathKey = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """Plain data from one YAML document plus the line of every value in it."""

    file: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    line_offset: int = 0

    def line(self, path: Sequence[str | int] = ()) -> int | None:
        """The 1-based line of the value at ``path``, or of its nearest located parent."""
        key = tuple(path)
        while True:
            if key in self.lines:
                return self.lines[key] + self.line_offset
            if not key:
                return None
            key = key[:-1]


def format_path(path: Sequence[str | int]) -> str:
    """``("questions", 3, "kind")`` -> ``questions[3].kind``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@cache
def _line_loader() -> type[yaml.SafeLoader]:
    """PyYAML's loader for content files, made on the first parse: the bot serving from its content cache parses
    no YAML, so a start does not import the parser."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: about 15x faster

    class LineLoader(base):  # type: ignore[misc,valid-type]
        """SafeLoader that keeps dates as text so staff see what they wrote, not a converted value."""

    # Dates stay strings: the schema parses them, with errors that name the field.
    LineLoader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return LineLoader


def _walk(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], loader: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    kind = getattr(node, "id", None)  # "mapping" for yaml.MappingNode, "sequence" for yaml.SequenceNode
    if kind == "mapping":
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = str(key) if not isinstance(key, str) else key
            if key in result:  # PyYAML would silently keep the last one: a staff edit would vanish
                import yaml

                raise yaml.constructor.ConstructorError(None, None, f"found duplicate key '{key}'",
                                                        key_node.start_mark)
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _walk(value_node, (*path, key), lines, loader)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if kind == "sequence":
        return [_walk(child, (*path, i), lines, loader) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, file: str, problems: Problems, *, line_offset: int = 0) -> YamlDoc | None:
    """Parse one YAML document; a syntax error becomes a located problem and ``None``."""
    import yaml

    loader = _line_loader()(text)
    try:
        node = loader.get_single_node()
        lines: dict[PathKey, int] = {}
        data = _walk(node, (), lines, loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        found = text.splitlines()[mark.line].strip() if mark and mark.line < len(text.splitlines()) else ""
        said = yaml_syntax(file, what)
        problems.error(file, line, "", said.message, **said.parts(found), code="CONTENT-E001")
        return None
    except yaml.YAMLError as exc:
        said = yaml_syntax(file, str(exc))
        problems.error(file, None, "", said.message, **said.parts(), code="CONTENT-E002")
        return None
    finally:
        loader.dispose()
    return YamlDoc(file=file, data=data, lines=lines, line_offset=line_offset)


def load_yaml(path: Path, display: str, problems: Problems) -> YamlDoc | None:
    """Read and parse a YAML file; a missing or unreadable file is a problem, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.error(display, None, "", "file is missing", code="CONTENT-E003")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(display, None, "", f"cannot read the file ({exc.__class__.__name__}); save it as UTF-8",
                       code="CONTENT-E004")
        return None
    return parse_yaml(text, display, problems)


FRONT_MATTER_FENCE = "---"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` front matter from a Markdown page: (yaml text or None, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() == FRONT_MATTER_FENCE:
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return "".join(lines[1:]), "", len(lines) + 1
