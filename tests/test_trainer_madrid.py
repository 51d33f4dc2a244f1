"""A new trainer's before/after on a real cohort (issue 11 §2): Madrid, 10 results in round 1, 9 in
round 2 (Nuria drops out; Lucía answers round 2 on another computer, a new id; Javier writes his
account "Distribuciones Norte S.A." the second time). tests/data/madrid holds both rounds.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]
DATA = Path(__file__).parent / "data" / "madrid"
ROUND1, ROUND2 = str(DATA / "round1"), str(DATA / "round2")
PAIRED = ("--match", "name", "--match-accounts")
UNPAIRED = {
    "en": "hidden so that the people present only once cannot be worked out by subtraction",
    "es": "oculto para que no se puedan deducir por diferencia los datos de las personas presentes en una sola sesión",
}
NEAR = {
    "en": "hidden so that the small counts beside it cannot be worked out by subtraction",
    "es": "oculto para que no se puedan deducir por diferencia las cifras pequeñas de su tabla",
}


def flat(text: str) -> str:
    return " ".join(text.split())  # the terminal wraps long notes


@pytest.mark.parametrize("lang", ["es", "en"])
def test_one_dropout_keeps_the_paired_headline(run: Run, lang: str) -> None:
    r = run("group", "compare", ROUND1, ROUND2, *PAIRED, "--lang", lang, env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    headline = {
        "es": "Cambio de las 9 personas presentes en ambas sesiones",
        "en": "Change of the 9 people present in both sessions",
    }
    assert headline[lang] in out.splitlines()
    sentence = {
        "es": "• Credibilidad: 3 de 9 mejoran de forma fiable; cambio medio +23,6",
        "en": "• Credibility: 3 of 9 improve reliably; mean change +23.6",
    }
    assert sentence[lang] in out.splitlines()
    # the all-present table: the before session (with Nuria, who left) hidden; the pairs shown
    name, hidden = ("Credibilidad", "oculto") if lang == "es" else ("Credibility", "hidden")
    rows = [x.split() for x in out.splitlines() if x.startswith(name + " ") and x.split()[1] != "—"]
    figures = ["74,1", "+23,6", "+3,03"] if lang == "es" else ["74.1", "+23.6", "+3.03"]
    assert rows[1][1:] == [hidden, figures[0], hidden, hidden, "9", figures[1], figures[2]]
    before = {"es": "Antes", "en": "Before"}[lang].lower()
    assert f"— {before}: {UNPAIRED[lang]}" in flat(out)
    # every zone move hidden: one line with the reason, not one line per move
    every = {"es": "Cambios de zona, todas las casillas:", "en": "Zone moves, every cell:"}[lang]
    assert f"{every} {NEAR[lang]}." in flat(out)
    assert not any(") → " in line or "a → " in line for line in out.splitlines())
    assert all(len(line) <= 80 for line in out.splitlines())


def test_one_dropout_in_the_json(run: Run) -> None:
    doc = json.loads(run("group", "compare", ROUND1, ROUND2, *PAIRED, "-f", "json", "--lang", "es").stdout)
    for sid, ch in [*doc["total"]["factors"].items(), *doc["total"]["poles"].items()]:
        assert ch["before"] is None and ch["change"] is None and ch["d"] is None, sid
        assert ch["before_hidden"] == {"reason_code": "unpaired", "reason": UNPAIRED["es"], "protects": []}, sid
        assert ch["after"]["n"] == 9 and ch["paired"]["n"] == 9 and not ch["paired"]["suppressed"], sid
        assert ch["paired"]["effect"] == "large" and ch["paired"]["reliable_change"]["n"] == 9, sid
    # the reliable change uses the pairs' own before scores, never the hidden session's (Nuria's in)
    rc = doc["total"]["factors"]["credibility"]["paired"]["reliable_change"]
    assert rc["reliability_source"] == "assumed" and round(rc["threshold"], 1) == 27.1
    assert round(doc["total"]["overall"]["paired"]["mean_change"], 1) == 19.1


@pytest.mark.parametrize("lang", ["es", "en"])
def test_people_not_paired_are_counted_once(run: Run, lang: str) -> None:
    r = run("group", "compare", ROUND1, ROUND2, "--lang", lang)
    title = {"es": "3 personas sin emparejar:", "en": "3 people not paired:"}[lang]
    assert title in r.stderr.splitlines()
    both = {
        "es": "  ambas sesiones: Lucía Fernández · Distribuciones Norte",
        "en": "  both sessions: Lucía Fernández · Distribuciones Norte",
    }
    assert sum(1 for line in r.stderr.splitlines() if "Lucía" in line) == 1
    assert any(line.startswith(both[lang]) for line in r.stderr.splitlines())
    counts = {
        "es": "Sin emparejar: nuevo id de participante 1 · cuenta escrita de otra forma 1 · no está en la segunda sesión 1.",
        "en": "Not paired: new participant id 1 · account spelled differently 1 · missing in the second session 1.",
    }
    assert counts[lang] in flat(r.stdout)


def test_group_report_headline_first_reasons_as_footnotes_moves_in_one_line(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "progreso.html"
    r = run("group", "report", ROUND2, "--before", ROUND1, *PAIRED, "--lang", "es", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    section = html[html.index('id="kt-before-after"') :].split("</section>")[0]
    # the paired change comes first, then the all-present table
    assert (
        section.index("<h3>Cambio de las 9 personas presentes en ambas sesiones</h3>")
        < section.index("<h3>Todos los presentes en cada sesión, sin emparejar</h3>")
        < section.index('id="kt-change-table"')
    )
    table = section[section.index('id="kt-change-table"') :].split("</table>")[0]
    # short cells with a footnote mark; the long reason below the table, where it wraps
    assert 'oculto<sup class="kt-mark">1</sup>' in table and "para que" not in table
    notes = section[section.index('id="kt-change-notes"') :].split("</ol>")[0]
    assert notes.count("<li>") == 1
    assert f"Perspectiva (el águila), Índice global de confianza — Antes: {UNPAIRED['es']}</li>" in notes
    moves = html[html.index('id="kt-moves"') :].split("</div>")[0]
    assert f"Sin flecha: no se muestra la media del grupo antes ({UNPAIRED['es']})." in moves
    assert "Antes (n = 10)" not in html  # no before line on the radar: its means are hidden
    assert '<div class="kt-aside">Cambio emparejado +19,1</div>' in html  # the headline beside the index
    assert moves.count("<li>") == 1
    assert f"<li>Cambios de zona, todas las casillas: {NEAR['es']}.</li>" in moves


@pytest.mark.parametrize("lang", ["es", "en"])
def test_summary_and_report_headers_give_the_session_and_label_the_day_made(
    run: Run, tmp_path: Path, lang: str
) -> None:
    session = {"es": "Sesión: 26/08/2026", "en": "Session: 2026-08-26"}[lang]
    made = {"es": r"Generado el \d\d/\d\d/\d{4}", "en": r"Made on \d{4}-\d\d-\d\d"}[lang]
    table = run("group", "summary", ROUND1, "--lang", lang).stdout.splitlines()
    assert table[2] == session
    md = run("group", "summary", ROUND1, "--lang", lang, "-f", "md").stdout.splitlines()[2]
    assert re.search(f" · {session} · {made}$", md), md
    rows = list(csv.reader(io.StringIO(run("group", "summary", ROUND1, "--lang", lang, "-f", "csv").stdout)))
    assert [{"es": "Fechas de la sesión", "en": "Session dates"}[lang], session.split(": ")[1]] in rows
    out = tmp_path / "taller.html"
    assert run("group", "report", ROUND1, "--lang", lang, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert f'<div class="kt-meta" id="kt-session">{session}</div>' in html
    assert re.search(f" · {made}</div>", html)
