"""One pass over the built command tree: every placeholder from the catalogue, and ``--out`` as a
hidden alias of ``--output``.

Done here, once, rather than on each option line: a new option gets a placeholder in the help's
language without anyone remembering to, and ``--help`` shows one name for the output option while
``--out`` (the name ``assess``, ``report`` and ``group report`` used to take) keeps working.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperOption

from kamtrust.cli.clickwords import LocalContext
from kamtrust.cli.language import listen
from kamtrust.i18n import h, t
from kamtrust.i18n import help_language as help_language_of

OPTION_METAVARS = {
    "--output": "metavar.file",
    "--out": "metavar.file",
    "--answers": "metavar.file",
    "--against": "metavar.file",
    "--compare": "metavar.file",
    "--map": "metavar.file",
    "--before": "metavar.path",
    "--questionnaire": "metavar.questionnaire",
    "--lang": "metavar.lang",
    "--name": "metavar.name",
    "--account": "metavar.account",
    "--cohort": "metavar.cohort",
    "--since": "metavar.date",
    "--until": "metavar.date",
    "--min-group": "metavar.n",
    "--min-raters": "metavar.n",
    "--ratings": "metavar.path",
    "--discard": "metavar.n",
    "--sep": "metavar.sep",
    "--decimal": "metavar.sep",
    "--by": "metavar.field",
    "--name-column": "metavar.column",
    "--account-column": "metavar.column",
    "--cohort-column": "metavar.column",
    "--timestamp-column": "metavar.column",
    "--date-format": "metavar.order",
    "--timezone": "metavar.zone",
}
"""The placeholder of each option that takes a value, by its long name (choices keep their list)."""

OUTPUT_METAVARS = {"import": "metavar.folder", "report": "metavar.file_or_folder"}
"""Commands whose -o names a folder (import), or a file or a folder (report over many results)."""

ARGUMENT_METAVARS = {
    "result_file": "metavar.result_optional",
    "result_files": "metavar.results",
    "paths": "metavar.paths",
    "files": "metavar.files",
    "file": "metavar.file",
    "ref": "metavar.questionnaire",
    "old": "metavar.old",
    "new": "metavar.new",
    "before": "metavar.before",
    "after": "metavar.after",
}
"""The placeholder of each argument, by its parameter name."""

TYPE_METAVARS = {"path": "metavar.file", "integer": "metavar.n", "integer range": "metavar.n", "text": "metavar.text"}
"""For an option not listed above: by its type."""


class OutputOption(TyperOption):
    """``-o/--output`` that also accepts ``--out``, without listing it in ``--help``."""

    ALIAS = "--out"

    def add_to_parser(self, parser: Any, ctx: Any) -> None:
        opts = self.opts
        self.opts = [*opts, self.ALIAS]
        try:
            super().add_to_parser(parser, ctx)
        finally:
            self.opts = opts


def localize_params(command: Any, name: str = "") -> None:
    """Placeholders from the catalogue for ``command`` (``name``: its path, e.g. "group report") and
    every command under it; ``--out`` aliased; Click's own words in the help's language."""
    command.context_class = LocalContext  # (cli/clickwords.py)
    help_language = help_language_of()  # the help's language, as h()'s
    command.options_metavar = t(help_language, "ck_options_metavar")
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = t(help_language, "ck_command_metavar")
    for param in command.params:
        if param.param_type_name == "argument":
            key = ARGUMENT_METAVARS.get(param.name or "")
            if key:
                param.metavar = h(key)
            continue
        if "--lang" in param.opts:  # the error handler reads it back (cli/language.py)
            listen(param)
        if getattr(param, "is_flag", False) or getattr(param, "count", False) or param.type.name == "choice":
            continue
        long = max(param.opts, key=len)
        if "--out" in param.opts:  # the old name: shown as --output, still accepted as --out
            param.opts = ["--output" if opt == "--out" else opt for opt in param.opts]
            long = "--output"
        if long == "--output" and isinstance(param, TyperOption) and type(param) is TyperOption:
            param.__class__ = OutputOption
        key = OPTION_METAVARS.get(long) or TYPE_METAVARS.get(param.type.name, "metavar.text")
        if long == "--output" and name in OUTPUT_METAVARS:
            key = OUTPUT_METAVARS[name]
        param.metavar = h(key)
    for sub_name, sub in getattr(command, "commands", {}).items():
        localize_params(sub, f"{name} {sub_name}".strip())
