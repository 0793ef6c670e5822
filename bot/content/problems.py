"""Problems found in content files, collected rather than raised so staff see every one at once.

Each problem prints as ``content/ja/pages/tms.md:12: links[2]: no page 'exosme' (did you mean 'exosome'?)``,
followed, when the check knows them, by indented lines saying what was found, what was expected and how to fix it
(the hint), in the language of the file (Japanese for ``content/ja`` and the shared files, English for
``content/en``). Each problem also has a stable code (``CONTENT-E012``: the part of the bot, the severity letter,
a number that never changes meaning), written where the check reports it; the report shows it on the problem's
first line and ``content/README.md`` lists every code for staff.
Severities:
    error    the content cannot be served; ``check`` exits 1 and the bot refuses it
    warning  probably a mistake (unknown key, old review date); fails ``check --strict``
    notice   something the clinic still has to fill in; never fails the check
    info     worth knowing (a page is sent as several messages); never fails the check
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"
    INFO = "info"


def lang_of(file: str) -> str:
    """The language staff read a file's problems in: English for ``content/en``, Japanese for everything else."""
    return "en" if "/en/" in f"/{file}" else "ja"


_LABELS = {
    "ja": ("見つかった内容", "正しい形", "直し方"),
    "en": ("found", "expected", "fix"),
}


@dataclass(frozen=True)
class Problem:
    """One finding, located as precisely as the file allows."""

    severity: Severity
    file: str
    line: int | None
    where: str
    message: str
    found: str = ""
    expected: str = ""
    fix: str = ""
    code: str = ""
    """Stable id of the kind of problem, e.g. ``CONTENT-E012`` (listed in content/README.md)."""

    @property
    def hint(self) -> str:
        """How to fix it, when the check knows (Django's ``CheckMessage.hint``)."""
        return self.fix

    def __str__(self) -> str:
        return self.text()

    def text(self, *, with_code: bool = False) -> str:
        """``file:line: where: message`` and the found / expected / fix lines; ``with_code`` puts the code after
        the place (``file:line: CONTENT-E012 where: message``), as the report prints it."""
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        where = f" {self.where}:" if self.where else ""
        code = f" {self.code}" if with_code and self.code else ""
        lines = [f"{place}:{code}{where} {self.message}"]
        labels = _LABELS[lang_of(self.file)]
        for label, value in zip(labels, (self.found, self.expected, self.fix), strict=True):
            if value:
                lines.append(f"    {label}: {value}")
        return "\n".join(lines)


class Problems:
    """An ordered collection of problems, filled by every loader and check."""

    def __init__(self) -> None:
        self._items: list[Problem] = []
        self.translate: Callable[[str, str, dict[str, str]], tuple[str, dict[str, str]]] | None = None
        """Set by the content loader: says its messages in the language of the file (see ``messages.localize``)."""

    def add(self, severity: Severity, file: str, line: int | None, where: str, message: str, *, found: str = "",
            expected: str = "", fix: str = "", code: str = "") -> None:
        if self.translate is not None:
            message, parts = self.translate(file, message, {"found": found, "expected": expected, "fix": fix})
            found, expected, fix = parts["found"], parts["expected"], parts["fix"]
        problem = Problem(severity, file, line, where, message, found, expected, fix, code)
        if problem not in self._items:
            self._items.append(problem)

    def error(self, file: str, line: int | None, where: str, message: str, **parts: str) -> None:
        self.add(Severity.ERROR, file, line, where, message, **parts)

    def warning(self, file: str, line: int | None, where: str, message: str, **parts: str) -> None:
        self.add(Severity.WARNING, file, line, where, message, **parts)

    def notice(self, file: str, line: int | None, where: str, message: str, **parts: str) -> None:
        self.add(Severity.NOTICE, file, line, where, message, **parts)

    def info(self, file: str, line: int | None, where: str, message: str, **parts: str) -> None:
        self.add(Severity.INFO, file, line, where, message, **parts)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem not in self._items:
                self._items.append(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def of(self, severity: Severity) -> list[Problem]:
        return [p for p in self._items if p.severity is severity]

    @property
    def errors(self) -> list[Problem]:
        return self.of(Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return self.of(Severity.WARNING)

    @property
    def notices(self) -> list[Problem]:
        return self.of(Severity.NOTICE)

    def failed(self, *, strict: bool) -> bool:
        """Whether the content must be refused: errors always, warnings too when strict."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def report(self, *, strict: bool = False, details: bool = True, verbose: bool = False) -> str:
        """The text ``python -m bot check`` prints: errors, then warnings, then notices, then a summary.

        Notices (facts the clinic still has to give) take one line unless ``verbose``; ``details=False`` leaves
        them and the information out entirely (the staff chat's reload report only needs what to fix).
        """
        lines: list[str] = []
        sections = [
            ("エラー / Errors", self.errors),
            ("警告 / Warnings" + ("（--strict のため失敗 / fail because of --strict）" if strict else ""),
             self.warnings),
        ]
        if details and verbose:
            sections += [
                ("クリニックに記入してもらう項目 / To be filled in by the clinic", self.notices),
                ("参考 / For information", self.of(Severity.INFO)),
            ]
        for title, items in sections:
            if items:
                lines.append(f"{title}:")
                lines.extend("  " + p.text(with_code=True).replace("\n", "\n  ") for p in items)
        if details and not verbose and self.notices:
            lines.append(self.notice_summary())
        verdict = "FAILED" if self.failed(strict=strict) else "OK"
        lines.append(
            f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s), "
            f"{len(self.notices)} notice(s)"
        )
        return "\n".join(lines)

    def notice_summary(self) -> str:
        """One line for all notices: how many, and the fields they name."""
        fields: list[str] = []
        for problem in self.notices:
            if problem.where and problem.where not in fields:
                fields.append(problem.where)
        shown = ", ".join(fields[:12]) + (" …" if len(fields) > 12 else "")
        return (f"クリニックに記入してもらう項目 / to be filled in by the clinic: {len(self.notices)} "
                f"({shown}) — 一覧は --verbose / list them with --verbose")


def did_you_mean(found: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close spelling exists, else an empty string."""
    close = difflib.get_close_matches(found, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
