"""`group report --before`: what `group compare` hides of the after session, the report hides too.

A workshop like a trainer tester's: 12 people paired by name with a first session, 2 newcomers,
--min-group 3. The comparison hides the after session's figures (the 2 newcomers would come out
as after x 14 - paired after x 12); the report's summary is that session, so it hides them there
too, with the same reason, in HTML and Markdown. Without --before the report is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, write_result

Run = Callable[..., Any]
WHY = "hidden so that the people present only once cannot be worked out by subtraction"
WHY_ES = "oculto para que no se puedan deducir por diferencia los datos de las personas presentes en una sola sesión"


@pytest.fixture
def sessions(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    """sesion1/ (12 people) and recibidos/ (the same 12, by name, and 2 newcomers)."""
    factors = [f.id for f in q.factors]
    for i in range(14):
        name = f"Persona {i:02d}"
        if i < 12:
            before = {f: 2 + (i + j) % 2 for j, f in enumerate(factors)}
            write_result(tmp_path / "sesion1", q, keyed(q, before), name=name, account="Acme")
        after = {f: 3 + (i + j) % 3 for j, f in enumerate(factors)}
        write_result(tmp_path / "recibidos", q, keyed(q, after), name=name, account="Acme")
    return tmp_path / "sesion1", tmp_path / "recibidos"


def report(run: Run, after: Path, *args: str, lang: str = "en") -> str:
    r = run("group", "report", str(after), *args, "--lang", lang)
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def rows(md: str, label: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith(f"| {label} |")]


def test_markdown_hides_the_after_figures_the_comparison_hides(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    plain = report(run, after, "-f", "md")
    md = report(run, after, "--before", str(before), "--match", "name", "-f", "md")
    # Without --before: the session's figures, 14 people, and the zone count.
    assert rows(plain, "Credibility")[0].startswith("| Credibility | 14 | ")
    assert rows(plain, "Adrift") == ["| Adrift | 14 |"]
    overall = re.search(r"\*\*Overall trust index: ([0-9.]+)\*\*", plain)
    assert overall is not None
    # With --before: each of them hidden, with the comparison's reason.
    assert rows(md, "Credibility")[0] == "| Credibility | — | — | — | — | —–— | — | — | — |"
    assert rows(md, "**Overall trust index**")[0] == "| **Overall trust index** | — | **—** | — | — | —–— | — | — | — |"
    assert f"Credibility: {WHY}" in md and f"Overall trust index: {WHY}" in md
    assert rows(md, "Adrift") == ["| Adrift | 12 | hidden |"]
    assert f"Adrift: {WHY}" in md
    assert f"**Overall trust index: {overall.group(1)}**" not in md
    assert rows(md, "Closeness (the serpent)")[0] == "| Closeness (the serpent) | — | — | —–— |"
    # The comparison's own table hides the same cells.
    compared = run("group", "compare", str(before), str(after), "--match", "name", "--lang", "en").stdout
    assert re.search(r"Credibility\s+\d+[.,]\d\s+hidden\s+hidden", compared), compared


def test_the_dots_say_the_true_reason(run: Run, sessions: tuple[Path, Path]) -> None:
    """Every zone holds 0, 12 or 14 people: the dots go for the comparison's reason, not 'fewer than 3'."""
    before, after = sessions
    md = report(run, after, "--before", str(before), "--match", "name", "-f", "md")
    assert "fewer than 3" not in md
    assert f"The dots are not drawn: they would show figures this report hides ({WHY})." in md
    plain = report(run, after)
    assert "The dots are not drawn" not in plain and plain.count('class="kt-point kt-point-member"') > 0


def test_html_hides_them_too_in_spanish(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    plain = report(run, after, lang="es")
    html = report(run, after, "--before", str(before), "--match", "name", lang="es")
    big = re.search(r'<div class="kt-big">([^<]*)</div>', plain)
    assert big is not None and big.group(1) != "—"
    assert '<div class="kt-big">—</div>' in html
    assert f"Credibilidad: {WHY_ES}" in html
    zone = re.search(r'<tr data-zone="adrift">(.*?)</tr>', html)
    assert zone is not None and zone.group(1).endswith('<td class="kt-num">12</td><td class="kt-num">oculto</td>')
    assert 'class="kt-point kt-point-member"' not in html  # nobody's after point
    assert "algunas zonas tienen menos de 3 personas" not in html
    assert f"No se dibujan los puntos: mostrarían cifras que este informe oculta ({WHY_ES})." in html


def test_by_columns_hide_them_too(run: Run, sessions: tuple[Path, Path]) -> None:
    """The --by columns' means, weighted by their sizes, would give the hidden total back."""
    before, after = sessions
    md = report(run, after, "--before", str(before), "--match", "name", "--by", "account", "-f", "md")
    assert rows(md, "Credibility")[-1] == "| Credibility | hidden |"
    assert f"Acme, Credibility: {WHY}" in md


def test_where_to_work_says_why_it_names_no_factor(run: Run, sessions: tuple[Path, Path]) -> None:
    """The strongest and weakest factors rank the session's means: unnamed, and said why."""
    before, after = sessions
    assert "**Strongest factors:**" in report(run, after, "-f", "md")
    md = report(run, after, "--before", str(before), "--match", "name", "-f", "md")
    assert "**Strongest factors:**" not in md
    note = f"The strongest and weakest factors are not named: they would rank figures this report hides ({WHY})."
    assert f"## Where to work next session\n\n{note}\n" in md
    html = report(run, after, "--before", str(before), "--match", "name")
    assert f'<p class="kt-note kt-hidden">{note}</p>' in html


def test_dropouts_hide_the_before_zones_not_the_after_dots(run: Run, sessions: tuple[Path, Path]) -> None:
    """2 dropouts: the before session's zone counts go; the after dots show only the 12 present."""
    first, second = sessions
    html = report(run, first, "--before", str(second), "--match", "name")
    zone = re.search(r'<tr data-zone="adrift">(.*?)</tr>', html)
    assert zone is not None and zone.group(1).endswith('<td class="kt-num">hidden</td><td class="kt-num">12</td>')
    assert "The dots are not drawn" not in html
    assert html.count('class="kt-point kt-point-member"') > 0
