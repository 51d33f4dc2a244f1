"""Issue 11 §2: who could not be paired and why, both sessions' dates, and where the group moved.

The fixture (tests/pairingdata.py): Ana, Luis, Marta and Carlos (id-carlos-1) answer both times;
Pablo writes his account "Distribuciones Norte" then "Distribuciones Norte S.A."; Eva answers on
another computer the second time (a new id, same name and account); Juan answers only before,
Sara only after; Carlos answers twice after, the second time on another computer (id-carlos-2).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.unpaired import account_key, explain, shared_ids
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import scored
from .pairingdata import rounds, write
from .test_report import keyed_answers

Run = Callable[..., Any]

EN_PEOPLE = [
    "5 people not paired:",
    "  both sessions: Eva Martín · Delta · id-eva-1 — new participant id: id-eva-2 in the second session, same name and account",
    "  both sessions: Pablo Ríos · Distribuciones Norte · id-pablo — account spelled differently: “Distribuciones Norte S.A.” in the second session",
    "  before: Juan Pérez · Omega · id-juan — missing in the second session (dropout)",
    "  after: Carlos Ortiz · Kappa · id-carlos-2 — ambiguous: the same name and account appear more than once in this session",
    "  after: Sara Vidal · Zeta · id-sara — missing in the first session (newcomer)",
]
ES_PEOPLE = [
    "5 personas sin emparejar:",
    "  ambas sesiones: Eva Martín · Delta · id-eva-1 — nuevo id de participante: id-eva-2 en la segunda sesión, con el mismo nombre y la misma cuenta",
    "  ambas sesiones: Pablo Ríos · Distribuciones Norte · id-pablo — cuenta escrita de otra forma: «Distribuciones Norte S.A.» en la segunda sesión",
    "  antes: Juan Pérez · Omega · id-juan — no está en la segunda sesión (abandono)",
    "  después: Carlos Ortiz · Kappa · id-carlos-2 — ambiguo: el mismo nombre y la misma cuenta aparecen más de una vez en esta sesión",
    "  después: Sara Vidal · Zeta · id-sara — no está en la primera sesión (incorporación nueva)",
]
EN_ACCOUNTS = (
    "To pair accounts that differ only in case, accents, punctuation or legal form (S.A., Ltd, GmbH…), "
    "add: --match-accounts"
)
EN_NAME = "To pair people by name and account instead of participant id, add: --match name"
ES_ACCOUNTS = (
    "Para emparejar cuentas que solo difieren en mayúsculas, tildes, puntuación o forma jurídica "
    "(S.A., Ltd, GmbH…), añade: --match-accounts"
)
ES_NAME = "Para emparejar por nombre y cuenta en lugar de por id de participante, añade: --match name"
EN_COUNTS = (
    "Not paired: new participant id 1 · account spelled differently 1 · ambiguous 1 · "
    "missing in the second session 1 · missing in the first session 1."
)
ES_COUNTS = (
    "Sin emparejar: nuevo id de participante 1 · cuenta escrita de otra forma 1 · ambiguo 1 · "
    "no está en la segunda sesión 1 · no está en la primera sesión 1."
)
COUNTS = {"new_id": 1, "account_spelling": 1, "ambiguous": 1, "no_key": 0, "only_before": 1, "only_after": 1}
# Every score an unpaired person has (their level 1-5 gives (level - 1) * 25 on every scale).
UNPAIRED_SCORES = ("75.0", "75,0", "100.0", "100,0")


@pytest.fixture
def sessions(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    return rounds(q, tmp_path)


def test_account_key_sets_aside_case_accents_punctuation_and_legal_forms() -> None:
    same = [
        "Distribuciones Norte",
        "Distribuciones Norte S.A.",
        "distribuciones  norte, s.a.",
        "DISTRIBUCIONES NORTE SA",
    ]
    assert {account_key(a) for a in same} == {"distribuciones norte"}
    assert account_key("Distribuciónes del Norte SA de CV") == "distribuciones del norte"
    assert account_key("Müller GmbH") == account_key("Muller") == "muller"
    assert account_key("Acme Ltd.") == account_key("ACME, Inc.") == account_key("acme") == "acme"
    assert account_key("Norte S.L.") == "norte"
    # A legal form alone is still a name; different names stay different.
    assert account_key("S.A.") == "sa"
    assert account_key("Norte") != account_key("Sur S.A.")


def test_shared_ids_counts_ids_found_under_several_names() -> None:
    rows = [{"id": "pc", "name": "Ana"}, {"id": "pc", "name": " ana "}, {"id": "pc2", "name": "Luis"}]
    assert shared_ids(rows) == 0
    assert shared_ids([*rows, {"id": "pc", "name": "Marta"}, {"id": "pc2", "name": "Eva"}]) == 2


def test_engine_gives_each_unpaired_person_a_reason(q: Questionnaire) -> None:
    a = keyed_answers(q, {s.id: 3 for s in q.scales})
    before = [scored(q, a, id="1", name="Ana", account="Acme"), scored(q, a, id="2", name="Luis", account="Beta")]
    after = [scored(q, a, id="1", name="Ana", account="ACME S.L."), scored(q, a, id="9", name="Luis", account="Beta")]
    p = explain(before, after)
    # Two people, each found in both rounds: one entry and one count each, not one per round.
    assert [(u.side, u.reason, u.id, u.other, u.suggestion) for u in p.people] == [
        ("both", "new_id", "2", "9", "--match name"),
        ("both", "account_spelling", "1", "ACME S.L.", "--match-accounts"),
    ]
    assert p.counts["new_id"] == p.counts["account_spelling"] == 1 and sum(p.counts.values()) == 2
    assert p.suggestions == ("--match name", "--match-accounts")
    merged = explain(before, after, merge_accounts=True, match="name")
    assert merged.people == () and merged.merged_accounts == (("Acme", "ACME S.L."),)


def test_compare_names_who_was_not_paired_and_why_in_english(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    r = run("group", "compare", str(before), str(after), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines() == ["7 before, 8 after, 4 paired", *EN_PEOPLE]
    out = r.stdout.splitlines()
    assert out[1] == "Before: 2026-09-02 · After: 2026-11-25–2026-11-26"
    tail = " ".join(r.stdout[r.stdout.index("Not paired:") :].split())
    assert tail == " ".join(f"{EN_COUNTS} {EN_NAME} {EN_ACCOUNTS}".split())
    # Nobody's own score: the table shows group figures only, the lists no figures at all.
    for line in EN_PEOPLE:
        assert not any(s in line for s in UNPAIRED_SCORES)


def test_compare_names_who_was_not_paired_and_why_in_spanish(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    r = run("group", "compare", str(before), str(after), "--lang", "es", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines() == [
        "antes: 7; después: 8; emparejadas: 4",
        *ES_PEOPLE,
        "Los nombres solo se muestran aquí; añade --with-names para incluirlos también en el documento.",
        ES_COUNTS,
        ES_NAME,
        ES_ACCOUNTS,
    ]
    doc = json.loads(r.stdout)
    assert doc["unpaired"] == {
        "counts": COUNTS,
        "suggestions": ["--match name", "--match-accounts"],
        "merged_accounts": [],
        "shared_ids": {"before": 0, "after": 0},
    }
    assert doc["dates"] == {
        "before": {"first": "2026-09-02T09:00:00.000000+00:00", "last": "2026-09-02T15:00:00.000000+00:00"},
        "after": {"first": "2026-11-25T09:00:00.000000+00:00", "last": "2026-11-26T16:00:00.000000+00:00"},
    }
    for name in ("Eva", "Pablo", "Juan", "Sara", "Carlos", "id-juan"):
        assert name not in r.stdout


def test_with_names_lists_the_people_in_the_document_never_a_score(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    doc = json.loads(run("group", "compare", str(before), str(after), "-f", "json", "--with-names").stdout)
    people = doc["unpaired"]["people"]
    assert [(p["side"], p["name"], p["cause"], p["suggestion"]) for p in people] == [
        ("both", "Eva Martín", "new_id", "--match name"),
        ("both", "Pablo Ríos", "account_spelling", "--match-accounts"),
        ("before", "Juan Pérez", "only_before", None),
        ("after", "Carlos Ortiz", "ambiguous", None),
        ("after", "Sara Vidal", "only_after", None),
    ]
    assert {k for p in people for k in p} == {"side", "cause", "id", "name", "account", "other", "suggestion"}
    table = run("group", "compare", str(before), str(after), "-f", "csv", "--with-names", "--lang", "es").stdout
    rows = list(csv.reader(io.StringIO(table)))
    start = rows.index(["Sesión", "Nombre", "Cuenta", "Id de participante", "Motivo", "Sugerencia"])
    assert rows[start + 3] == ["antes", "Juan Pérez", "Omega", "id-juan", "no está en la segunda sesión (abandono)", ""]
    assert len(rows[start + 1 : start + 6]) == 5 and all(len(row) == 6 for row in rows[start + 1 : start + 6])
    for row in rows[start + 1 : start + 6]:
        assert not any(s in cell for s in UNPAIRED_SCORES for cell in row)


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_documents_carry_only_counts_without_with_names(run: Run, sessions: tuple[Path, Path], fmt: str) -> None:
    before, after = sessions
    out = run("group", "compare", str(before), str(after), "-f", fmt, "--lang", "en").stdout
    for who in ("Eva", "Pablo", "Juan", "Sara", "Carlos", "id-eva", "Omega", "Zeta"):
        assert who not in out
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        start = rows.index(["Reason", "People", "Suggestion"])
        assert rows[start + 1 : start + 6] == [
            ["new participant id", "1", "add --match name"],
            ["account spelled differently", "1", "add --match-accounts"],
            ["ambiguous", "1", ""],
            ["missing in the second session", "1", ""],
            ["missing in the first session", "1", ""],
        ]
        assert ["Before", "2026-09-02"] in rows and ["After", "2026-11-25–2026-11-26"] in rows
    if fmt == "md":
        assert "Before: 2026-09-02 · After: 2026-11-25–2026-11-26" in out.splitlines()
        assert f"> {EN_COUNTS}" in out.splitlines()
        assert f"> {EN_NAME}" in out.splitlines()


def test_match_accounts_pairs_look_alike_accounts_and_says_which(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    r = run("group", "compare", str(before), str(after), "--match-accounts", "-f", "json", "--lang", "en")
    doc = json.loads(r.stdout)
    assert doc["total"]["n_paired"] == 5
    assert doc["unpaired"]["merged_accounts"] == [
        {"before": "Distribuciones Norte", "after": "Distribuciones Norte S.A."}
    ]
    assert doc["unpaired"]["counts"]["account_spelling"] == 0
    merged = "Accounts paired as one (--match-accounts): “Distribuciones Norte” = “Distribuciones Norte S.A.”."
    assert merged in r.stderr.splitlines()
    es = run("group", "compare", str(before), str(after), "--match-accounts", "--lang", "es").stdout
    assert (
        "Cuentas emparejadas como una sola (--match-accounts): «Distribuciones Norte» = «Distribuciones Norte S.A.»."
        in " ".join(es.split())
    )


def test_match_name_pairs_a_new_id_and_makes_a_double_answer_ambiguous(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    r = run("group", "compare", str(before), str(after), "--match", "name", "-f", "json", "--lang", "en")
    doc = json.loads(r.stdout)
    assert doc["total"]["n_paired"] == 4  # Eva now pairs; Carlos (twice after) no longer does
    assert doc["unpaired"]["counts"] == {**COUNTS, "new_id": 0, "ambiguous": 3}
    assert (
        "  before: Carlos Ortiz · Kappa · id-carlos-1 — ambiguous: the same name and account appear more than once "
        "in the other session"
    ) in r.stderr.splitlines()


def test_one_computer_for_everyone_suggests_match_name_which_then_pairs_them(
    run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    people = [("Ana Ruiz", "Acme"), ("Luis Gómez", "Beta"), ("Marta Sol", "Gamma"), ("Pablo Ríos", "Delta")]
    before = write(
        q, tmp_path / "b", [(f"s{i}", "pc-aula", n, a, 2, f"2026-09-02T1{i}:00:00Z") for i, (n, a) in enumerate(people)]
    )
    after = write(
        q,
        tmp_path / "a",
        [(f"s{i}", f"own-{i}", n, a, 4, f"2026-11-25T1{i}:00:00Z") for i, (n, a) in enumerate(people)],
    )
    r = run("group", "compare", str(before), str(after), "-f", "json", "--lang", "en")
    lines = r.stderr.splitlines()
    assert (
        "1 participant id of the before session appears with different names: the answers were probably typed on "
        "one computer, and pairing by id would take different people for one."
    ) in lines
    assert lines[-1] == EN_NAME
    es = run("group", "compare", str(before), str(after), "-f", "json", "--lang", "es").stderr.splitlines()
    assert es[-1] == ES_NAME
    assert (
        "1 id de participante de la sesión de antes aparece con nombres distintos: probablemente las respuestas se "
        "escribieron en un mismo equipo, y emparejar por id confundiría a personas distintas."
    ) in es
    fixed = run("group", "compare", str(before), str(after), "-f", "json", "--match", "name", "--lang", "en")
    assert json.loads(fixed.stdout)["total"]["n_paired"] == 4
    assert fixed.stderr.splitlines() == ["4 before, 4 after, 4 paired", "Everybody was paired."]


def test_spanish_dates_and_a_single_day(run: Run, q: Questionnaire, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    out = run("group", "compare", str(before), str(after), "--lang", "es").stdout.splitlines()
    assert out[1] == "Antes: 02/09/2026 · Después: 25/11/2026–26/11/2026"
    md = run("group", "compare", str(before), str(after), "--lang", "es", "-f", "md").stdout.splitlines()
    assert "Antes: 02/09/2026 · Después: 25/11/2026–26/11/2026" in md


def test_group_report_shows_dates_reasons_and_where_the_group_moved(
    run: Run, sessions: tuple[Path, Path], tmp_path: Path
) -> None:
    before, after = sessions
    out = tmp_path / "r.html"
    r = run("group", "report", str(after), "--before", str(before), "--lang", "en", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    # Two results of one name and account under two ids in the after session: said first.
    warning, *lines = r.stderr.splitlines()
    assert warning.startswith("warning: 1 name appears under more than one participant id with the same account")
    assert lines[:6] == EN_PEOPLE
    html = out.read_text(encoding="utf-8")
    assert '<div class="kt-meta" id="kt-dates">Before: 2026-09-02 · After: 2026-11-25–2026-11-26</div>' in html
    assert f'<p class="kt-note">{EN_COUNTS}</p>' in html
    assert f'<p class="kt-note">{EN_NAME}</p>' in html
    for who in ("Eva", "Pablo", "Juan", "Sara", "Carlos"):
        assert who not in html
    quadrant = html[html.index('<svg class="kt-chart kt-quadrant"') :]
    quadrant = quadrant[: quadrant.index("</svg>")]
    assert quadrant.count("kt-point-group-before") == 1 and quadrant.count('class="kt-move"') == 1
    assert "kt-point-before" not in quadrant and "kt-point-earlier" not in quadrant  # never a person's move
    moves = html[html.index('id="kt-moves"') :]
    moves = moves[: moves.index("</div>")]
    assert "Group mean before (the arrow goes to the mean now)" in html
    # the hidden moves are said with their reason, once (never a "… → …: hidden" line per move)
    assert (
        "<li>6 zone moves: hidden so that the small counts beside it cannot be worked out by subtraction.</li>" in moves
    )
    assert "→" not in moves
    es = run("group", "report", str(after), "--before", str(before), "--lang", "es", "-f", "md").stdout
    assert "Antes: 02/09/2026 · Después: 25/11/2026–26/11/2026" in es.splitlines()
    assert "### Hacia dónde se movió el grupo" in es.splitlines()
    assert ES_COUNTS in es.splitlines()


def test_group_report_with_names_lists_the_unpaired(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    html = run("group", "report", str(after), "--before", str(before), "--with-names", "--lang", "en").stdout
    assert "<li>before: Juan Pérez · Omega · id-juan — missing in the second session (dropout)</li>" in html


def test_no_arrow_when_the_earlier_session_is_too_small(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    before = write(
        q,
        tmp_path / "b",
        [("b1", "i1", "Ana", "A", 2, "2026-09-02T09:00:00Z"), ("b2", "i2", "Luis", "B", 3, "2026-09-02T09:00:00Z")],
    )
    after = write(q, tmp_path / "a", [(f"a{i}", f"i{i}", f"P{i}", "A", 4, "2026-11-25T09:00:00Z") for i in range(1, 5)])
    html = run("group", "report", str(after), "--before", str(before), "--lang", "en").stdout
    assert "kt-point-group-before" not in html and 'class="kt-move"' not in html
    assert 'id="kt-moves"' not in html


def test_a_with_names_table_lists_the_unpaired_once(run: Run, sessions: tuple[Path, Path]) -> None:
    before, after = sessions
    r = run("group", "compare", str(before), str(after), "--with-names", "--lang", "en")
    assert r.stderr.splitlines() == ["7 before, 8 after, 4 paired"]
    shown = " ".join(r.stdout.split())
    assert all(" ".join(line.split()) in shown for line in EN_PEOPLE)
