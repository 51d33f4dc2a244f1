"""One computer, many people: results typed in on one computer share its participant id. Counted
by id they are one person; ``group summary``/``group report`` say so in words and offer
``--match name``, which tells people apart by name (never silently merged, never a name in a
document)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.collect import collect, people_by_name, shared_id_counts
from kamtrust.results.document import Participant, build_result

from .groupdata import keyed

Run = Callable[..., Any]

PC = "100c1e56-99de-424f-ae51-3c8598bc5b99"  # the computer's participant id
NAMES = ["María José Pérez", "Lucía Fernández", "Andrés Gómez", "Carmen Ruiz", "Jorge Díaz", "Ana Torres"]

WARNING_EN = (
    "6 results share one participant id but have different names (typed in on one computer?): "
    "they count as one person. If they are different people, add --match name."
)
WARNING_ES = (
    "6 resultados comparten un mismo id de participante pero tienen nombres distintos (¿escritos en un "
    "mismo equipo?): cuentan como una sola persona. Si son personas distintas, añade --match name."
)


def person(path: Path, q: Questionnaire, name: str | None, *, pid: str = PC, minute: int = 0, level: int = 3) -> Path:
    """A complete result by ``name`` under ``pid``, made at 10:``minute``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    answers = keyed(q, {"credibility": level})
    result = build_result(
        q,
        answers,
        score(q, answers),
        language="es",
        participant=Participant(pid, name, "Farmacias Levante", None),
        created_at=f"2026-11-25T10:{minute:02d}:00Z",
    )
    path.write_text(result.to_json(), encoding="utf-8")
    return path


@pytest.fixture
def one_computer(tmp_path: Path, q: Questionnaire) -> Path:
    """The tester's group: six people typed in on one computer (one id, six names)."""
    grp = tmp_path / "grp"
    for n, name in enumerate(NAMES):
        person(grp / f"r{n}.json", q, name, minute=n, level=1 + n % 5)
    return grp


def stderr_lines(r: Any) -> list[str]:
    return [line for line in r.stderr.splitlines() if line]


def test_shared_id_is_announced_in_english(run: Run, one_computer: Path) -> None:
    r = run("group", "summary", str(one_computer), "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert stderr_lines(r)[0] == WARNING_EN
    assert json.loads(r.stdout)["total"]["suppressed"] is True  # counted by id: one person


def test_shared_id_is_announced_in_spanish(run: Run, one_computer: Path) -> None:
    r = run("group", "summary", str(one_computer), "--lang", "es")
    assert r.exit_code == 0
    lines = stderr_lines(r)
    assert lines[0] == WARNING_ES
    # Each file left out names the one that counts in the end (r5 is the latest).
    assert (
        f"se deja fuera {one_computer / 'r0.json'}: un resultado anterior de la misma persona para la misma cuenta (cuenta el último completo: {one_computer / 'r5.json'})"
        in lines
    )
    assert "Oculto: menos de 3 personas." in r.stdout and "No se muestra: oculto" not in r.stdout


def test_match_name_counts_six_people(run: Run, one_computer: Path) -> None:
    r = run("group", "summary", str(one_computer), "--match", "name", "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert "participant id" not in r.stderr  # settled: no warning
    doc = json.loads(r.stdout)
    assert doc["total"]["n"] == 6
    assert doc["total"]["suppressed"] is False
    assert sum(doc["excluded"].values()) == 0
    assert not any(name in r.stdout or name.casefold() in r.stdout for name in NAMES)
    assert "#" not in r.stdout  # the person keys are not in the document either


def test_csv_never_carries_names(run: Run, one_computer: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    r = run("group", "summary", str(one_computer), "--match", "name", "-o", str(out), "--lang", "es")
    assert r.exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert not any(name.casefold() in text.casefold() for name in NAMES)
    assert not any(surname in text for surname in ("Pérez", "Fernández", "Gómez", "Ruiz", "Díaz", "Torres"))
    assert PC not in text


def test_same_name_twice_counts_once(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    grp = tmp_path / "grp"
    person(grp / "a1.json", q, "Lucía Fernández", minute=1)
    person(grp / "a2.json", q, "  lucía   FERNÁNDEZ ", minute=2)  # the same name, typed again
    person(grp / "b.json", q, "Andrés Gómez", minute=3)
    person(grp / "c.json", q, "Carmen Ruiz", pid="other-computer", minute=4)
    person(grp / "c2.json", q, "Carmen Ruiz", pid="third-computer", minute=5)  # by name: one person
    r = run("group", "summary", str(grp), "--match", "name", "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["total"]["n"] == 3
    lines = stderr_lines(r)
    assert (
        f"left out {grp / 'a1.json'}: an earlier result of the same person for the same account "
        f"(the latest complete one counts: {grp / 'a2.json'})"
    ) in lines
    assert any(line.startswith(f"left out {grp / 'c.json'}:") for line in lines)


def test_two_shared_ids_are_counted(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    grp = tmp_path / "grp"
    for n, name in enumerate(NAMES):
        person(grp / f"r{n}.json", q, name, pid=("pc-a", "pc-b")[n % 2], minute=n)
    person(grp / "alone.json", q, "Sara Núñez", pid="pc-c", minute=9)
    r = run("group", "summary", str(grp), "-f", "json", "--lang", "es")
    assert r.exit_code == 0
    assert stderr_lines(r)[0] == (
        "6 resultados comparten 2 ids de participante, cada uno con nombres distintos (¿escritos en un "
        "mismo equipo?): cada id cuenta como una sola persona. Si son personas distintas, añade --match name."
    )


@pytest.mark.parametrize(
    "names", [["Ana Torres", "ana  torres", "ANA TORRES"], [None, None, None], ["Ana Torres", None, None]]
)
def test_no_warning_without_different_names(
    run: Run, tmp_path: Path, q: Questionnaire, names: list[str | None]
) -> None:
    grp = tmp_path / "grp"
    for n, name in enumerate(names):
        person(grp / f"r{n}.json", q, name, minute=n)
    r = run("group", "summary", str(grp), "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert "participant id" not in r.stderr


def test_group_report_warns_and_matches_by_name(run: Run, one_computer: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = run("group", "report", str(one_computer), "-o", str(out), "--lang", "en")
    # Counted by id, one person: the report is refused, and the warning says what settles it.
    assert r.exit_code == 1
    assert WARNING_EN in stderr_lines(r)
    assert "Error: the group has only 1 person, fewer than the anonymity threshold of 3" in r.stderr
    assert not out.exists()
    r = run("group", "report", str(one_computer), "--match", "name", "-o", str(out), "--lang", "es")
    assert r.exit_code == 0
    assert "participante" not in r.stderr
    assert "kamtrust-8 1.0: 6 resultados en el informe" in r.stderr
    html = out.read_text(encoding="utf-8")
    assert not any(name in html for name in NAMES)


def test_people_by_name_keeps_ids_that_are_one_persons(tmp_path: Path, q: Questionnaire) -> None:
    """A name under an id of its own keeps it (ratings pair by it); shared ids become one per name."""
    person(tmp_path / "a.json", q, "Ana Torres", pid="ana-1")
    person(tmp_path / "b.json", q, "Jorge Díaz", minute=1)
    person(tmp_path / "c.json", q, "Carmen Ruiz", minute=2)
    person(tmp_path / "d.json", q, None, pid="nameless")
    collection = collect([str(tmp_path)])
    assert shared_id_counts(collection) == (2, 1)
    ids = [r.participant.id for r in people_by_name(collection).results]
    assert ids == ["ana-1", f"{PC}#jorge díaz", f"{PC}#carmen ruiz", "nameless"]


def test_roster_warns_and_lists_each_name(run: Run, one_computer: Path) -> None:
    r = run("group", "roster", str(one_computer), "--with-names", "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert stderr_lines(r)[0] == WARNING_EN
    assert len(json.loads(r.stdout)["people"]) == 1
    r = run("group", "roster", str(one_computer), "--with-names", "--match", "name", "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert "participant id" not in r.stderr
    assert sorted(p["name"] for p in json.loads(r.stdout)["people"]) == sorted(NAMES)
