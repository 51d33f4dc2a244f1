"""Click's own words -- the usage line, the help's headings, the errors of a command line that
cannot be read -- in the user's language.

Typer's Click writes them in English f-strings, with no translation hook. Two places carry them
to the user, and both are ours here:

- the help: every command's context makes a :class:`LocalFormatter` (set by
  ``params.localize_params``), which says "Usage:", the headings and Click's own option texts in
  the help's language (the locale's, as every help text: ``i18n.h``);
- an error: :func:`show_usage_error` shows the usage line, the hint and the message in the
  command's ``--lang`` (else the locale's). A message is matched against the forms Click and
  Typer write and said again from the catalogue; one it does not know (one of ours, already in
  the user's language) is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import typer

from kamtrust.i18n import help_language, t

__all__ = ["LocalContext", "LocalFormatter", "say", "show_usage_error"]

_HELP_FORMATTER = typer.Context.formatter_class
_HEADINGS = {"Options": "ck_options", "Commands": "ck_commands", "Arguments": "ck_arguments"}
_DEFAULT = re.compile(r"\[default: (.*)\]$")

_FORMS: tuple[tuple[str, str], ...] = (
    (r"Option (?P<option>'.+') requires an argument\.", "ck_needs_value"),
    (r"Option (?P<option>'.+') requires (?P<n>\d+) arguments\.", "ck_needs_values"),
    (r"Option (?P<option>'.+') does not take a value\.", "ck_takes_no_value"),
    (r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)", "ck_extra_arguments"),
    (r"Missing command\.", "ck_missing_command"),
    (r"No such option: (?P<option>.+)", "ck_no_such_option"),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", "ck_not_one_of"),
    (r"(?P<value>.+) is not a valid (?:int|int range)\.", "ck_not_integer"),
    (r"(?P<value>.+) is not a valid (?:float|float range)\.", "ck_not_number"),
    (r"(?P<value>.+) is not a valid boolean\..*", "ck_not_boolean"),
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.", "ck_out_of_range"),
)
"""Click's messages, as it writes them, and what each says (its values kept as written); compiled
on first use (by ``re``'s cache), since most runs show none."""
_NO_SUCH_COMMAND = re.compile(r"No such command (?P<name>'.*')(?:\.|\. Did you mean (?P<names>.+)\?)", re.DOTALL)


def say(message: str, lang: str) -> str:
    """A message Click or Typer wrote, in ``lang`` when it is one of theirs; else as it is."""
    if lang == "en":
        return message
    found = _NO_SUCH_COMMAND.fullmatch(message)
    if found:
        text = t(lang, "ck_no_such_command", name=found["name"])
        return text + " " + t(lang, "ck_did_you_mean", names=found["names"]) if found["names"] else text
    for pattern, key in _FORMS:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found:
            return t(lang, key, **found.groupdict())
    return message


class LocalFormatter(_HELP_FORMATTER):  # type: ignore[misc, valid-type]
    """Click's help formatter, saying Click's own words in ``lang``."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t(self.lang, "ck_usage") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(t(self.lang, key) if key else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().write_dl([(term, self._explained(text)) for term, text in rows], *args, **kwargs)

    def _explained(self, text: str) -> str:
        if self.lang == "en":
            return text
        if text == "Show this message and exit.":
            return t(self.lang, "ck_help_option")
        text = _DEFAULT.sub(lambda m: "[" + t(self.lang, "ck_default", value=m[1]) + "]", text)
        return text.replace("[required]", "[" + t(self.lang, "ck_required") + "]")


class LocalContext(typer.Context):
    """A command's context whose help says Click's words in the help's language."""

    def make_formatter(self) -> Any:
        return LocalFormatter(width=self.terminal_width, max_width=self.max_content_width, lang=help_language())


def show_usage_error(exc: Any, lang: str, echo: Callable[[str], None]) -> None:
    """Show a Click usage error (usage line, help hint, message) in ``lang``, as Click would in English."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        formatter = LocalFormatter(width=ctx.terminal_width, max_width=ctx.max_content_width, lang=lang)
        ctx.command.format_usage(ctx, formatter)
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = t(lang, "ck_try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}") + "\n"
        echo(f"{formatter.getvalue().rstrip()}\n{hint}")
    echo("Error: " + _message(exc, lang))


def _message(exc: Any, lang: str) -> str:
    """The error's message in ``lang``: Click's form for each kind of error, said again."""
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    if "MissingParameter" in kinds and lang != "en":
        return _missing(exc, lang)
    if "NoSuchOption" in kinds and exc.possibilities:
        # --out is a hidden alias of --output: suggest the name the help shows.
        shown = sorted({"--output" if name == "--out" else name for name in exc.possibilities})
        return say(exc.message, lang) + " " + t(lang, "ck_possible", options=", ".join(shown))
    if "BadParameter" in kinds and lang != "en":
        hint = _hint(exc)
        problem = say(exc.message, lang)
        return t(lang, "ck_invalid_for", name=hint, problem=problem) if hint else t(lang, "ck_invalid", problem=problem)
    return say(str(exc.format_message()), lang)


def _missing(exc: Any, lang: str) -> str:
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
    key = {"argument": "ck_missing_argument", "option": "ck_missing_option"}.get(kind, "ck_missing_parameter")
    text = t(lang, key, name=_hint(exc) or "").replace(" .", ".")
    if exc.message:
        text += " " + say(exc.message, lang)
    choices = getattr(getattr(exc.param, "type", None), "choices", None)
    if choices:
        text += " " + t(lang, "ck_choose_from", choices=", ".join(map(str, choices)))
    return text


def _hint(exc: Any) -> str:
    """The parameter an error is about, as Click names it ('--format' / '-f', 'RUTA...')."""
    hint: str | Iterable[str] | None = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    if hint is None:
        return ""
    return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
