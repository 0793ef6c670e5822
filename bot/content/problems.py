"""Problems found in content files, collected rather than raised so staff see every one at once.

Each problem prints as ``content/ja/pages/tms.md:12: links[2]: no page 'exosme' (did you mean 'exosome'?)``.
Severities:
    error    the content cannot be served; ``check`` exits 1 and the bot refuses it
    warning  probably a mistake (unknown key, old review date); fails ``check --strict``
    notice   something the clinic still has to fill in; never fails the check
    info     worth knowing (a page is sent as several messages); never fails the check
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One finding, located as precisely as the file allows."""

    severity: Severity
    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        where = f" {self.where}:" if self.where else ""
        return f"{place}:{where} {self.message}"


class Problems:
    """An ordered collection of problems, filled by every loader and check."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, severity: Severity, file: str, line: int | None, where: str, message: str) -> None:
        problem = Problem(severity, file, line, where, message)
        if problem not in self._items:
            self._items.append(problem)

    def error(self, file: str, line: int | None, where: str, message: str) -> None:
        self.add(Severity.ERROR, file, line, where, message)

    def warning(self, file: str, line: int | None, where: str, message: str) -> None:
        self.add(Severity.WARNING, file, line, where, message)

    def notice(self, file: str, line: int | None, where: str, message: str) -> None:
        self.add(Severity.NOTICE, file, line, where, message)

    def info(self, file: str, line: int | None, where: str, message: str) -> None:
        self.add(Severity.INFO, file, line, where, message)

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

    def report(self, *, strict: bool = False, details: bool = True) -> str:
        """The text ``python -m bot check`` prints: errors, then warnings, then notices, then a summary.

        ``details=False`` leaves out notices and information (the staff chat only needs what to fix).
        """
        lines: list[str] = []
        sections = [
            ("Errors", self.errors),
            ("Warnings" + (" (fail because of --strict)" if strict else ""), self.warnings),
        ]
        if details:
            sections += [
                ("To be filled in by the clinic (notices, never fail the check)", self.notices),
                ("For information", self.of(Severity.INFO)),
            ]
        for title, items in sections:
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {p}" for p in items)
        verdict = "FAILED" if self.failed(strict=strict) else "OK"
        lines.append(
            f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s), "
            f"{len(self.notices)} notice(s)"
        )
        return "\n".join(lines)


def did_you_mean(found: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close spelling exists, else an empty string."""
    close = difflib.get_close_matches(found, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
