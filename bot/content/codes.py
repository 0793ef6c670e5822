"""The stable codes of checker problems, read from the checks themselves: the table in content/README.md.

Every ``problems.error(..., code="CONTENT-E012")`` in the checks names its code once; ``python -m bot codes``
prints the table staff read (code, severity, the message with … for the values), and a test keeps README in step.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

BOT = Path(__file__).resolve().parents[1]
CHECKS = ("content/yamldoc.py", "content/models.py", "content/loader.py", "content/launch.py", "content/checker.py",
          "content/status.py", "intake/check.py", "safety/check.py", "search/check.py", "search/distress.py",
          "search/intent.py")
"""The modules that report problems, in the order their codes are listed."""
SEVERITIES = {"error": "error", "warning": "warning", "notice": "notice", "info": "info"}
WORDED_ELSEWHERE = {
    "CONTENT-E001": "the YAML cannot be read (a formatting mistake), said with the line and how to fix it",
    "CONTENT-E002": "the YAML cannot be read (a formatting mistake), where the parser gives no line",
    "CONTENT-E005": "a value does not fit the schema (wrong kind, missing or unknown field), said per field",
    "CONTENT-E014": "a {{ }} placeholder or template mistake in a text (an unknown name, an unclosed tag)",
    "CONTENT-E015": "a {{ }} placeholder or template mistake in a notice",
    "CONTENT-E020": "a picture needs an image_caption (what it shows and its caveats)",
    "CONTENT-E029": "a page's HTML that Telegram would refuse (an unclosed or unknown tag)",
    "CONTENT-E032": "a page id too long for a Telegram button (64 bytes with its prefix)",
    "CONTENT-E033": "a text's HTML that Telegram would refuse (an unclosed or unknown tag)",
    "CONTENT-E035": "a notice's HTML that Telegram would refuse (an unclosed or unknown tag)",
    "CONTENT-E039": "names exosome infusion or the combined protocol but does not say it is unapproved / "
                    "research-stage",
    "CONTENT-W009": "the main menu has more buttons than fit on a phone",
}
"""What the problem is, for codes whose message is built elsewhere (a parser's complaint, a variable)."""


@dataclass(frozen=True)
class CodeEntry:
    code: str
    severity: str
    message: str
    """The message as written in the check, values shown as …."""


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "…"
                       for v in node.values)
    if isinstance(node, ast.BinOp):
        return _text(node.left) + _text(node.right)
    return "…"


def _said(tree: ast.Module) -> dict[int, str]:
    """Line of each ``x = say(file, "key", ...)`` -> the English message of ``key`` (for ``x.message``)."""
    from bot.content.messages import MESSAGES

    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say" \
                and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
            key = str(node.args[1].value)
            if key in MESSAGES:
                found[node.lineno] = MESSAGES[key]["en"][0]
    return found


def _message(call: ast.Call, said: dict[int, str]) -> str:
    if len(call.args) < 4:
        return "…"
    text = _text(call.args[3])
    if text == "…" and "said" in ast.unparse(call.args[3]):
        before = [line for line in said if line <= call.lineno]
        text = said[max(before)] if before else text
    return text.replace("{", "…").replace("}", "") if "{" in text else text


def code_entries() -> list[CodeEntry]:
    """Every code the checks report, in source order."""
    entries = []
    for module in CHECKS:
        tree = ast.parse((BOT / module).read_text(encoding="utf-8"))
        said = _said(tree)
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr in SEVERITIES and isinstance(n.func.value, ast.Name) and n.func.value.id == "problems"]
        for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            code = next((k.value.value for k in call.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)
                         and isinstance(k.value.value, str)), "")
            assert isinstance(call.func, ast.Attribute)
            message = WORDED_ELSEWHERE.get(code, _message(call, said))
            entries.append(CodeEntry(code, call.func.attr, " ".join(message.split())))
    return entries


def codes_table() -> str:
    """The Markdown table for content/README.md."""
    rows = ["| Code | Severity | Message (… stands for what was found) |", "|---|---|---|"]
    for entry in sorted(code_entries(), key=lambda e: (e.code.split("-")[0], e.code)):
        message = entry.message.replace("|", "\\|") or "…"
        rows.append(f"| `{entry.code}` | {entry.severity} | {message} |")
    return "\n".join(rows)
