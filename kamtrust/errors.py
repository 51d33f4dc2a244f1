"""The error hierarchy: every failure a user can cause is a KamtrustError with a message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class KamtrustError(Exception):
    """A failure the user can act on; the CLI prints ``message`` and exits with ``exit_code``."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(KamtrustError):
    """The command line itself is wrong (an unknown language, conflicting options)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, located as precisely as we can."""

    path: str
    """The file, as the user named it."""
    line: int | None
    """1-based line, when known."""
    where: str
    """Key path inside the document, e.g. ``factors[2].items[0].id``; empty for the whole file."""
    message: str
    """What is wrong and what was expected."""

    def __str__(self) -> str:
        loc = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{loc}: {self.where + ': ' if self.where else ''}{self.message}"


class QuestionnaireError(KamtrustError):
    """A questionnaire could not be found, parsed or validated."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        n = len(problems)
        head = f"{self.path} is not a valid questionnaire ({n} problem{'s' if n != 1 else ''}):"
        super().__init__("\n".join([head, *(f"  {p}" for p in problems)]))


class InputFileError(KamtrustError):
    """An input file (answers, result, export) is missing, unreadable or malformed."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {problem}")


class AnswerError(KamtrustError):
    """Answers do not fit the questionnaire (unknown item, out of range, not an integer)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        head = f"{source}: {len(problems)} answer{'s' if len(problems) != 1 else ''} not accepted:"
        super().__init__("\n".join([head, *(f"  {p}" for p in problems)]))


class OutputError(KamtrustError):
    """An output file could not be written."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"cannot write {path}: {problem}")
