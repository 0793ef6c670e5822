"""The base for every content schema, and the bridge from pydantic's errors to located problems.

Each content file kind declares a pydantic model whose fields carry docstrings: those docstrings are the staff
reference (``content/README.md`` is written from them). Validation collects every error with its path, and
``validate_doc`` turns each into ``file:line: path: message`` using the YAML marks. Unknown keys are kept and
reported as warnings, as MkDocs does, so a typo is noticed without taking the bot down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.content.problems import Problems

if TYPE_CHECKING:  # only the checks below read YAML documents; serving from the cache does not import the parser
    from bot.content.yamldoc import YamlDoc

M = TypeVar("M", bound="ContentModel")


class ContentModel(BaseModel):
    """Frozen, extra keys allowed (they become warnings); the field docstrings are the staff reference
    (``bot.content.reference`` reads them from the source)."""

    model_config = ConfigDict(extra="allow", frozen=True)


def _describe(error: Any) -> str:
    """Say what was expected and what was found, in words staff understand."""
    kind = error["type"]
    found = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]
        return f"expected one of {options}, found {found!r}"
    if kind in ("string_type", "str_type"):
        return f"expected text, found {_found(found)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, found {_found(found)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value), found {_found(found)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {found!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {found!r}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"expected a date like 2026-11-27, found {found!r}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "assertion_error":
        return str(error["msg"]).removeprefix("Assertion failed, ")
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return f"{error['msg'][0].lower()}{error['msg'][1:]}"
    return f"{error['msg']} (found {_found(found)})"


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _error_path(error: Any) -> list[str | int]:
    """Drop pydantic's union/function tags from a location, keeping real keys and list indexes."""
    return [part for part in error["loc"] if isinstance(part, int) or not str(part).startswith("function-")]


def report_unknown_keys(model: BaseModel, doc: YamlDoc, problems: Problems, path: Sequence[str | int] = ()) -> None:
    """Warn about every key the schema does not know, at any depth."""
    from bot.content.yamldoc import format_path

    known = sorted(type(model).model_fields)
    for key in model.model_extra or {}:
        where = [*path, key]
        problems.warning(doc.file, doc.line(where), format_path(where),
                         f"unknown key (known keys: {', '.join(known)})", code="CONTENT-W001")
    for name in type(model).model_fields:
        value = getattr(model, name)
        _report_nested(value, doc, problems, [*path, name])


def _report_nested(value: Any, doc: YamlDoc, problems: Problems, path: list[str | int]) -> None:
    if isinstance(value, BaseModel):
        report_unknown_keys(value, doc, problems, path)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _report_nested(item, doc, problems, [*path, i])
    elif isinstance(value, dict):
        for key, item in value.items():
            _report_nested(item, doc, problems, [*path, key])


def validate_doc(model_cls: type[M], doc: YamlDoc, problems: Problems, *,
                 context: dict[str, Any] | None = None) -> M | None:
    """Validate a parsed document against its schema, turning every error into a located problem."""
    from bot.content.yamldoc import format_path

    data = doc.data if doc.data is not None else {}
    try:
        model = model_cls.model_validate(data, context=context)
    except ValidationError as exc:
        for error in exc.errors():
            path = _error_path(error)
            problems.error(doc.file, doc.line(path), format_path(path), _describe(error), code="CONTENT-E005")
        return None
    report_unknown_keys(model, doc, problems)
    return model
