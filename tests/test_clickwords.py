"""A command line that cannot be read, and the help's own words, in the user's language.

Typer's Click writes "Usage:", "Try ... for help." and its parse errors in English; kamtrust says
them again from its catalogue (kamtrust/cli/clickwords.py). Each Spanish case below is a form the
installed Typer really writes: were a new Typer to word one differently, English would show
through and the test would fail.
"""

from __future__ import annotations

from typing import Any

import pytest

from kamtrust.cli.clickwords import say
from kamtrust.cli.language import written

ENGLISH = ("Usage:", "Try '", "for help", "No such", "Missing", "Invalid value", "is not", "requires", "Got unexpected")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["group", "summary", "--bogus", "--lang", "es"], "Error: No existe la opción --bogus (¿quizá --output?)"),
        # (placeholders follow the help's language, the locale's: English in the tests)
        (["group", "summary", "--lang", "es"], "Error: Falta el argumento 'PATH...'."),
        (
            ["group", "summary", "x", "--lang", "es", "--format", "nope"],
            "Error: Valor no válido para '--format' / '-f': 'nope' no es ninguno de estos: "
            "'table', 'csv', 'json', 'md', 'xlsx'.",
        ),
        (
            ["group", "summary", "x", "--lang", "es", "--min-group", "abc"],
            "Error: Valor no válido para '--min-group': 'abc' no es un número entero.",
        ),
        (["group", "summar", "--lang", "es"], "Error: No existe el comando 'summar'. ¿Querías decir 'summary'?"),
        (["show", "a.json", "b.json", "--lang", "es"], "Error: Sobran argumentos: b.json"),
        (["group", "summary", "x", "--lang", "es", "--min-group"], "Error: La opción '--min-group' necesita un valor."),
        (["history", "--lang", "es", "--nope"], "Error: No existe la opción --nope"),
    ],
)
def test_a_command_line_that_cannot_be_read_is_explained_in_spanish(run: Any, args: list[str], said: str) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert said in r.stderr
    for english in ENGLISH:
        assert english not in r.stderr, english
    if "La opción '--min-group' necesita" not in said:  # Click shows no usage for an option's missing value
        assert "Uso: kamtrust " in r.stderr and "Para ver la ayuda: 'kamtrust " in r.stderr


def test_the_language_typed_counts_even_before_click_reads_it(run: Any) -> None:
    """The unknown option comes first: Click stops before it reaches --lang, which is read as typed."""
    r = run("group", "summary", "--bogus", "x", "-l", "es")
    assert r.exit_code == 2 and "No existe la opción --bogus" in r.stderr


def test_english_is_clicks_own(run: Any) -> None:
    r = run("group", "summary", "--bogus")
    assert r.exit_code == 2
    assert r.stderr == (
        "Usage: kamtrust group summary [OPTIONS] {PATH...}\n"
        "Try 'kamtrust group summary -h' for help.\n\n"
        "Error: No such option: --bogus (Possible options: --output)\n"  # the name the help shows
    )


def test_the_help_of_a_command_without_arguments_is_still_shown(run: Any) -> None:
    r = run("group")
    assert "Commands:" in r.output or "Comandos:" in r.output
    assert "Error" not in r.output


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("Option '--sep' requires 2 arguments.", "La opción '--sep' necesita 2 valores."),
        ("Option '--items' does not take a value.", "La opción '--items' no lleva valor."),
        ("Missing command.", "Falta el comando."),
        ("No such command 'x'.", "No existe el comando 'x'."),
        ("'2.5x' is not a valid float range.", "'2.5x' no es un número."),
        ("'maybe' is not a valid boolean. Recognized values: 0, 1", "'maybe' no es un sí o un no."),
        ("200 is not in the range 1<=x<=100.", "200 está fuera del intervalo 1<=x<=100."),
        ("la fecha no existe", "la fecha no existe"),  # ours, already in the user's language
    ],
)
def test_each_form_click_writes_is_said_again(english: str, spanish: str) -> None:
    assert say(english, "es") == spanish
    assert say(english, "en") == english


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["group", "summary", "--lang", "es"], "es"),
        (["--lang=es"], "es"),
        (["-l", "es", "x"], "es"),
        (["-les"], "es"),
        (["x", "--lang"], None),
        (["--", "--lang", "es"], None),
        (["--format", "json"], None),
    ],
)
def test_the_language_as_typed(args: list[str], lang: str | None) -> None:
    assert written(args) == lang
