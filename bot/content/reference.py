"""The content reference staff read, printed from the schema (``python -m bot schema``).

Every file, every field, its type, whether it is required and what it means, all taken from the pydantic models
in ``bot.content.schema`` and their field docstrings; content/README.md shows this output and a test keeps the two
in step, so the reference cannot drift from what the checker accepts.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import itertools
import textwrap
import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from bot.content.schema import Claims, Clinic, Crisis, Distress, Faq, Intake, Menu, PageMeta, Settings, SharedClinic

FILES: tuple[tuple[str, type[BaseModel]], ...] = (
    ("settings.yaml", Settings),
    ("clinic.yaml", SharedClinic),
    ("<lang>/clinic.yaml", Clinic),
    ("<lang>/menu.yaml", Menu),
    ("<lang>/pages/<id>.md (front matter)", PageMeta),
    ("<lang>/faq.yaml", Faq),
    ("<lang>/intake.yaml", Intake),
    ("<lang>/crisis.yaml", Crisis),
    ("<lang>/distress.yaml", Distress),
    ("<lang>/claims.yaml", Claims),
)
"""Each file staff edit and the model that reads it, in the order content/README.md's file table lists them."""

_SCALARS: dict[Any, str] = {str: "text", int: "whole number", float: "number", bool: "true or false",
                            dt.date: "date (YYYY-MM-DD)"}


def type_name(annotation: Any) -> str:
    """An annotation in the staff's words: ``list[str]`` is "list of text", a model is named by its class."""
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return "one of " + ", ".join(f"`{value}`" for value in args)
    if origin in (Union, types.UnionType):
        named = [type_name(arg) for arg in args if arg is not type(None)]
        return " or ".join(named)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"mapping of name to {type_name(args[1])}"
    return str(annotation)


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation (``list[Question]`` -> ``Question``), each described in its own table."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models(arg)]


def _cell(text: str) -> str:
    """One table cell: one line, ``code`` as Markdown's `code`, pipes escaped."""
    return " ".join(text.split()).replace("``", "`").replace("|", "\\|")


def _required(field: Any) -> str:
    if field.is_required():
        return "yes"
    default = field.default
    shown = isinstance(default, str | int | float | dt.date) and default != ""
    return f"no (`{str(default).lower() if isinstance(default, bool) else default}`)" if shown else "no"


@functools.cache
def field_docstrings(model: type) -> dict[str, str]:
    """Each field's docstring (the string right under it), inherited ones too. Read here from the source, not by
    pydantic's ``use_attribute_docstrings``, which would parse every model's source at every start of the bot
    (about 35 ms of CPU) for text only this reference shows."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for statement, after in itertools.pairwise(body):
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[statement.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _table(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    docs = field_docstrings(model)
    for name, field in model.model_fields.items():
        rows.append(f"| `{name}` | {_cell(type_name(field.annotation))} | {_required(field)} | "
                    f"{_cell(field.description or docs.get(name, ''))} |")
    return rows


def _summary(model: type[BaseModel]) -> str:
    return _cell((model.__doc__ or "").strip().split("\n\n")[0])


def _path(parent: str, name: str, annotation: Any) -> str:
    """Where a nested table's fields are written: ``questions[]`` (each item), ``categories.<name>``."""
    path = f"{parent}.{name}" if parent else name
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        origin = next((get_origin(a) for a in get_args(annotation) if get_origin(a) in (list, dict)), origin)
    return f"{path}[]" if origin is list else f"{path}.<name>" if origin is dict else path


def file_reference(title: str, model: type[BaseModel]) -> list[str]:
    """One file: its model's table, then a table for each model it contains, each once, in the order met."""
    lines = [f"### `{title}`", "", _summary(model), "", *_table(model)]
    seen = {model}
    queue = [(_path("", name, field.annotation), field.annotation) for name, field in model.model_fields.items()]
    while queue:
        path, annotation = queue.pop(0)
        for inner in _models(annotation):
            if inner in seen:
                continue
            seen.add(inner)
            lines += ["", f"#### `{path}`: {inner.__name__}", "", _summary(inner), "", *_table(inner)]
            queue += [(_path(path, name, field.annotation), field.annotation)
                      for name, field in inner.model_fields.items()]
    return lines


def schema_reference() -> str:
    """The reference part of content/README.md (Markdown)."""
    lines: list[str] = []
    for title, model in FILES:
        lines += [*file_reference(title, model), ""]
    return "\n".join(lines).rstrip("\n")
