"""Adds an example question to an FAQ entry in ``faq.yaml`` by editing the text, so comments and layout stay.

Used by staff's one-tap "add as an example of entry X" under ``/unanswered``. The new line goes right after the
entry's last example question, with the same indentation, written as a JSON string (valid YAML whatever the
question contains). The file is parsed again afterwards; if the entry does not now end with the new question, the
file is left as it was and ``ExampleNotAdded`` says where and why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_ENTRY = re.compile(r"^(\s*)- id:\s*['\"]?([a-z0-9_]+)['\"]?\s*$")
_QUESTIONS = re.compile(r"^(\s*)questions:\s*$")
_ITEM = re.compile(r"^(\s*)- ")


class ExampleNotAdded(Exception):
    """The file could not be changed safely; the message names the file, the line and what to do."""


def add_example(path: Path, entry_id: str, question: str, display: str | None = None) -> None:
    """Append ``question`` to the ``questions`` of entry ``entry_id`` in the faq.yaml at ``path``."""
    name = display or str(path)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if (m := _ENTRY.match(line)) and m.group(2) == entry_id), None)
    if start is None:
        raise ExampleNotAdded(f"{name}: no entry with 'id: {entry_id}' found; was it renamed? Add the example by hand.")
    block_end = next((i for i in range(start + 1, len(lines)) if _ENTRY.match(lines[i]) or _top_level(lines[i])),
                     len(lines))
    header = next((i for i in range(start, block_end) if _QUESTIONS.match(lines[i])), None)
    if header is None:
        raise ExampleNotAdded(f"{name}:{start + 1}: entry '{entry_id}' has no 'questions:' list written one per line "
                              "('questions: [..]' on one line is not edited automatically); add the example by hand.")
    header_indent = len(lines[header]) - len(lines[header].lstrip())
    last = None
    for i in range(header + 1, block_end):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[i]) - len(lines[i].lstrip()) <= header_indent:
            break
        if _ITEM.match(lines[i]):
            last = i
    if last is None:
        raise ExampleNotAdded(f"{name}:{header + 1}: entry '{entry_id}' has an empty 'questions:' list; "
                              "add the example by hand.")
    margin = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    lines.insert(last + 1, f"{margin}- {json.dumps(question, ensure_ascii=False)}")
    new_text = "\n".join(lines)
    import yaml  # a staff command's check, not needed to start

    try:
        data = yaml.safe_load(new_text)
        entry = next(e for e in data["entries"] if e.get("id") == entry_id)
        ok = entry["questions"][-1] == question
    except (yaml.YAMLError, KeyError, StopIteration, TypeError, IndexError):
        ok = False
    if not ok:
        raise ExampleNotAdded(f"{name}:{last + 1}: the example could not be added safely after this line; "
                              "add it by hand.")
    path.write_text(new_text, encoding="utf-8")


def _top_level(line: str) -> bool:
    return bool(line.strip()) and not line[0].isspace() and not line.startswith("#")
