"""``python -m bot schema`` prints the content reference from the schema; content/README.md shows it unchanged."""

from __future__ import annotations

from pathlib import Path

from bot.content.reference import FILES, file_reference, schema_reference, type_name
from bot.content.schema import Choice, Question

README = Path(__file__).resolve().parents[2] / "content" / "README.md"


def test_the_staff_readme_shows_the_reference_printed_from_the_schema() -> None:
    assert schema_reference() in README.read_text(encoding="utf-8"), \
        "content/README.md's reference is out of date: paste the output of .venv/bin/python -m bot schema"


def test_every_field_of_every_file_has_a_meaning() -> None:
    missing = [row for title, model in FILES for row in file_reference(title, model) if row.endswith("|  |")]
    assert missing == []


def test_a_question_reads_in_the_staffs_words() -> None:
    rows = file_reference("<lang>/intake.yaml", Question)
    assert any(row.startswith("| `kind` | one of `choice`, `multi`, `text`, `phone`, `email`, `date`, `number` | yes |")
               for row in rows)
    assert any(row.startswith("| `max_length` | whole number | no (`500`) |") for row in rows)
    assert "#### `choices[]`: Choice" in rows
    assert type_name(Choice.model_fields["range"].annotation) == "list of number"
