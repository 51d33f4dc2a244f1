"""The error hierarchy: every failure a user can cause is a KamtrustError with a message."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kamtrust.inputfile import Reason


def compose(problem: str, hint: str | None) -> str:
    """One paragraph: what is wrong, then what to do ("…: they cannot be mixed; add --per-questionnaire")."""
    return problem if not hint else f"{problem}; {hint}"


class KamtrustError(Exception):
    """A failure the user can act on; the CLI prints ``message`` and exits with ``exit_code``.

    Structured fields, for callers that present or adapt the error (never cut the text apart):
    ``problem`` what is wrong, ``hint`` what to do (often the option that settles it; a command
    that has no such option swaps it), ``files`` the paths involved, as the user named them,
    ``details`` the lines listed under the paragraph (a questionnaire's problems, one a line).
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        files: Sequence[str | Path] = (),
        details: Sequence[str] = (),
    ) -> None:
        self.problem = message
        self.hint = hint
        self.files: tuple[str, ...] = tuple(str(f) for f in files)
        self.details: tuple[str, ...] = tuple(details)
        super().__init__(self.message)

    @property
    def headline(self) -> str:
        """The problem and its hint, without the lines listed under them."""
        return compose(self.problem, self.hint)

    @property
    def message(self) -> str:
        """Everything the user reads: the headline, then each detail on its own indented line."""
        return "\n".join([self.headline, *(f"  {d}" for d in self.details)])

    def with_hint(self, hint: str | None) -> KamtrustError:
        """The same error (same class, exit code and files) with another hint."""
        import copy

        other = copy.copy(self)
        other.hint = hint
        other.args = (other.message,)
        return other


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
    why: Reason | None = field(default=None, compare=False)
    """The same as a catalogue key and its values, when it can be said in other languages."""

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem with its place, in ``lang`` when it has a Reason (else as written)."""
        loc = self.path if self.line is None else f"{self.path}:{self.line}"
        said = self.message if self.why is None else self.why.text(lang)
        return f"{loc}: {self.where + ': ' if self.where else ''}{said}"


class QuestionnaireError(KamtrustError):
    """A questionnaire could not be found, parsed or validated."""

    MAX_LISTED = 20
    """Problems listed one a line; the rest are counted ("… and 344 more problems")."""

    def __init__(self, path: str | Path, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        n = len(problems)
        head = f"{self.path} is not a valid questionnaire ({n} problem{'s' if n != 1 else ''}):"
        super().__init__(head, files=[self.path], details=self.problem_lines("en"))

    def problem_lines(self, lang: str) -> list[str]:
        """The first ``MAX_LISTED`` problems in ``lang``, one a line, then how many more there are."""
        from kamtrust.i18n import plural, t

        lines = [p.text(lang) for p in self.problems[: self.MAX_LISTED]]
        more = len(self.problems) - self.MAX_LISTED
        if more > 0:
            lines.append(t(lang, plural("qv_more", more), n=more))
        return lines

    def __reduce__(self) -> tuple[object, ...]:
        # copy (``with_hint``) and pickle rebuild an exception from its args: give them path and problems.
        return (type(self), (self.path, self.problems), self.__dict__)

    def text(self, lang: str) -> str:
        """The headline and the problems (at most ``MAX_LISTED``), one a line, in ``lang``."""
        from kamtrust.i18n import plural, t

        n = len(self.problems)
        head = t(lang, plural("qv_head", n), path=self.path, n=n)
        return "\n".join([compose(head, self.hint), *(f"  {line}" for line in self.problem_lines(lang))])


class InputFileError(KamtrustError):
    """An input file (answers, result, export) is missing, unreadable or malformed."""

    def __init__(self, path: str | Path, problem: str, *, hint: str | None = None) -> None:
        self.path = str(path)
        self.detail = problem
        """What is wrong with the file, without its name."""
        super().__init__(f"{path}: {problem}", hint=hint, files=[self.path])


def without_path(exc: KamtrustError, path: str | Path, lang: str = "en") -> str:
    """The error's text in ``lang`` for a list that already names ``path`` (no file name in front)."""
    if isinstance(exc, InputFileError) and exc.path == str(path):
        reason = getattr(exc, "reason", None)  # an InputReasonError says its reason in any language
        if reason is not None and not exc.hint and not exc.details:
            return str(reason.text(lang))
        return "\n".join([compose(exc.detail, exc.hint), *(f"  {d}" for d in exc.details)])
    text = getattr(exc, "text", None)  # a questionnaire's or a ReasonError's own words in lang
    return str(text(lang)) if text is not None else exc.message


@dataclass(frozen=True)
class PathlessText:
    """An error's text for a list that already names the file, said in the list's language.

    A value of a :class:`kamtrust.inputfile.Reason`: the list is written in a language chosen later.
    """

    exc: KamtrustError
    path: str

    def text(self, lang: str) -> str:
        return without_path(self.exc, self.path, lang)


class MixedQuestionnaires(KamtrustError):
    """Results of different questionnaires were given together; the hint says how to settle it."""


SHOWN_PROBLEMS = 10
"""The problems an AnswerError lists before "… and N more" (a file wrong throughout is not 60 lines)."""


class AnswerError(KamtrustError):
    """Answers do not fit the questionnaire (unknown item, out of range, not an integer).

    Each problem is text, or anything with ``text(lang)`` (a Reason) to be said in the user's language.
    """

    def __init__(self, source: str, problems: Sequence[Any]) -> None:
        self.source = source
        self.problems = list(problems)
        said = [p.text("en") if hasattr(p, "text") else str(p) for p in self.problems]
        head = f"{source}: {len(said)} answer{'s' if len(said) != 1 else ''} not accepted:"
        super().__init__(head, files=[source], details=said)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.problems), self.__dict__)

    def text(self, lang: str) -> str:
        """The paragraph in ``lang``: how many answers were refused, then each one."""
        from kamtrust.i18n import plural, t

        n = len(self.problems)
        head = t(lang, plural("ans_head", n), source=self.source, n=n)
        # Sixty answers with one mistake in common read best as a few examples and a count.
        shown = self.problems if n <= SHOWN_PROBLEMS + 1 else self.problems[:SHOWN_PROBLEMS]
        said = [p.text(lang) if hasattr(p, "text") else str(p) for p in shown]
        if len(shown) < n:
            said.append(t(lang, "ans_more", n=n - len(shown)))
        return "\n".join([head, *(f"  {d}" for d in said)])


class OutputError(KamtrustError):
    """An output file could not be written."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.detail = problem
        """Why it could not be written (a full disk, no permission), without the file's name."""
        super().__init__(f"cannot write {path}: {problem}", files=[self.path])
