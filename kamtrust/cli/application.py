"""The Typer application: the root group, its error handling, and every command registered.

Only Typer is imported here; each command imports what it needs when it runs, so that
``--help`` stays fast.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kamtrust import __version__
from kamtrust.errors import KamtrustError
from kamtrust.i18n import h

EXIT_INTERRUPTED = 130
EXIT_UNEXPECTED = 3


def error_paragraph(exc: KamtrustError) -> str:
    """What the user reads for ``exc``: the problem, then what to do (its hint, already in the
    chosen language), then the lines listed under it (a questionnaire's problems)."""
    from kamtrust.errors import compose

    return "\n".join([compose(exc.problem, exc.hint), *(f"  {line}" for line in exc.details)])


def report_error(message: str) -> None:
    """Print an error for a person: one paragraph on stderr, no traceback.

    Messages quote file names and values read from files: their control characters are shown,
    never sent to the terminal."""
    from kamtrust.cli.terminal import tell
    from kamtrust.safetext import visible

    try:
        tell(f"Error: {visible(message, newlines=True)}")
    except BrokenPipeError:  # stderr itself was a closed pipe: there is no one left to tell
        pass


def _prepare_terminal() -> None:
    """Safe streams and a usable terminal size before any command runs (see cli/terminal.py)."""
    from kamtrust.cli.terminal import bad_size_variables, prepare_streams

    prepare_streams()
    dropped = bad_size_variables()
    if dropped:
        from kamtrust.i18n import locale_language, t

        typer.echo(t(locale_language() or "en", "ignored_size", values=", ".join(dropped)), err=True)


class KamtrustGroup(TyperGroup):
    """Turns every known error into a message and an exit code, in one place."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from kamtrust.cli.params import localize_params

        localize_params(self)  # placeholders in the help's language; --out kept as --output's alias

    def make_context(self, info_name: Any, args: list[str], *more: Any, **kwargs: Any) -> Any:
        self.typed = list(args)  # for an error shown before Click has read --lang (cli/language.py)
        # ``kamtrust --help | head -1``: the root's help is printed while its options are parsed.
        try:
            return super().make_context(info_name, args, *more, **kwargs)
        except BrokenPipeError:
            from kamtrust.cli.terminal import EXIT_CLOSED_PIPE, silence_stdout

            silence_stdout()
            raise typer.Exit(EXIT_CLOSED_PIPE) from None
        except Exception as exc:
            if _is_usage_error(exc):
                raise typer.Exit(self.show_usage_error(exc, getattr(exc, "ctx", None))) from None
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            _prepare_terminal()
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader stopped early (``kamtrust show x.json | head -1``): stop quietly, as
            # a process killed by SIGPIPE would. Answers are saved before anything is shown.
            from kamtrust.cli.terminal import EXIT_CLOSED_PIPE, silence_stdout

            silence_stdout()
            raise typer.Exit(EXIT_CLOSED_PIPE) from None
        except KamtrustError as exc:
            report_error(_in_language(exc, ctx))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            from kamtrust.cli.language import requested
            from kamtrust.i18n import message_language, t

            typer.echo("\n" + t(message_language(requested(ctx)), "interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("KAMTRUST_DEBUG"):
                raise
            if _is_usage_error(exc):
                raise typer.Exit(self.show_usage_error(exc, ctx)) from None
            if _is_click_error(exc):
                raise
            report_error(
                f"unexpected internal error ({type(exc).__name__}: {exc}). "
                "Nothing you typed is lost. Please report this; run with KAMTRUST_DEBUG=1 for details."
            )
            raise typer.Exit(EXIT_UNEXPECTED) from None

    def show_usage_error(self, exc: Any, ctx: Any) -> int:
        """Show a command line Click could not read, in the command's language; its exit code."""
        from kamtrust.cli.clickwords import show_usage_error
        from kamtrust.cli.language import requested, written
        from kamtrust.i18n import message_language

        given = requested(ctx) if ctx is not None else None
        lang = message_language(given or written(getattr(self, "typed", [])))
        try:
            show_usage_error(exc, lang, lambda text: typer.echo(text, err=True))
        except BrokenPipeError:  # stderr itself was a closed pipe: there is no one left to tell
            pass
        return int(exc.exit_code)


def _in_language(exc: KamtrustError, ctx: Any) -> str:
    """The message in the command's --lang (else the locale's) when the error can say it so."""
    text = getattr(exc, "text", None)  # InputReasonError, ReasonError, QuestionnaireError
    if text is None:
        return error_paragraph(exc)
    from kamtrust.cli.language import requested
    from kamtrust.i18n import message_language

    return str(text(message_language(requested(ctx))))


def _is_usage_error(exc: BaseException) -> bool:
    """A command line Click could not read (not the help that a command without arguments shows)."""
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    return "UsageError" in kinds and "NoArgsIsHelpError" not in kinds


def _is_click_error(exc: Exception) -> bool:
    # Usage errors raised by Typer's vendored Click carry their own message and exit code.
    return hasattr(exc, "exit_code") and hasattr(exc, "show")


app = typer.Typer(
    cls=KamtrustGroup,
    name="kamtrust",
    help=h("kamtrust"),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},  # -h as every terminal user expects
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kamtrust {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=h("kamtrust.version")),
    ] = False,
) -> None:
    """Self-assess how you build trust with your key clients; read a whole group at once."""


from kamtrust.cli import assess as _assess  # noqa: E402
from kamtrust.cli import feedback as _feedback  # noqa: E402
from kamtrust.cli import group as _group  # noqa: E402
from kamtrust.cli import history as _history  # noqa: E402
from kamtrust.cli import importer as _importer  # noqa: E402
from kamtrust.cli import questionnaire as _questionnaire  # noqa: E402
from kamtrust.cli import report as _report  # noqa: E402
from kamtrust.cli import show as _show  # noqa: E402

# The participant commands' help follows the locale (kamtrust.i18n.h); the docstrings stay for readers.
app.command("assess", help=h("assess"))(_assess.assess)
app.command("show", help=h("show"))(_show.show)
app.command("report", help=h("report"))(_report.report)
app.command("history", help=h("history"))(_history.history)
app.command("compare", help=h("compare"))(_history.compare)
app.add_typer(_questionnaire.app, name="questionnaire")
_group.app.command("report", help=h("group.report"))(_report.group_report)
app.add_typer(_group.app, name="group")
app.command("import", help=h("import"))(_importer.import_)
app.add_typer(_feedback.app, name="feedback")


def invoked_only(argv: list[str], application: typer.Typer | None = None) -> typer.Typer:
    """``application`` (default: ``app``) with only the command or group of commands ``argv``
    names, when it names one; in a group, only the command named after it, and so on down.

    Typer builds every registered command's parameters before parsing anything (about a tenth
    of a short command's time); the others are never used by this run. Anything else (no
    command, an option first, a name that is not a command) gets the whole application or
    group, so help, errors and suggestions are the same."""
    import copy

    whole = app if application is None else application
    name = next((a for a in argv if not a.startswith("-")), None)
    if name is None or (argv and argv[0] == "--"):
        return whole
    commands = [c for c in whole.registered_commands if c.name == name]
    groups = [g for g in whole.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return whole
    if groups and groups[0].typer_instance is not None:
        group = copy.copy(groups[0])
        group.typer_instance = invoked_only(argv[argv.index(name) + 1 :], groups[0].typer_instance)
        groups = [group]
    only = copy.copy(whole)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def run(argv: list[str] | None = None, prog_name: str = "kamtrust") -> int:
    """Run the application and return its exit code."""
    import sys

    try:
        invoked_only(sys.argv[1:] if argv is None else argv)(args=argv, prog_name=prog_name, standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    return 0
