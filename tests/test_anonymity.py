"""The subtraction attack, tried on every kind of figure, in every format and both languages.

Each test builds a small group where one figure describes fewer than 3 people inside a shown
subgroup (or the whole group), then reads the outputs as a curious trainer would: the figure must
be hidden, its complement hidden too, and the reason said in plain words in the output's language.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.group import ALPHA_LOW, alpha_is_low, summarize
from kamtrust.export.views import summary_views
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored, write_result

Run = Callable[..., Any]
FORMATS = ("table", "csv", "json", "md")
WIDE = {"COLUMNS": "200"}
FEWER = {"en": "hidden: fewer than 3 people", "es": "oculto: menos de 3 personas"}
SKIPPED = {
    "en": "hidden so that the people who skipped some of its factor's items cannot be worked out by subtraction",
    "es": "oculto para que no se puedan deducir por diferencia los datos de las personas que dejaron sin responder"
    " alguna pregunta de su factor",
}
INCOMPLETE = {
    "en": "hidden so that the people without every factor scored cannot be worked out by subtraction",
    "es": "oculto para que no se puedan deducir por diferencia los datos de las personas sin todos los factores"
    " puntuados",
}


def protects(name: str) -> dict[str, str]:
    return {
        "en": f"hidden so that {name} cannot be worked out by subtraction",
        "es": f"oculto para que no se puedan deducir por diferencia los datos de {name}",
    }


def outputs(run: Run, *args: str) -> dict[tuple[str, str], str]:
    """The command's output in every format and both languages."""
    out = {}
    for fmt in FORMATS:
        for lang in ("en", "es"):
            r = run(*args, "-f", fmt, "--lang", lang, env=WIDE)
            assert r.exit_code == 0, r.stderr
            out[(fmt, lang)] = r.stdout
    return out


def say_everywhere(texts: dict[tuple[str, str], str], *sentences: dict[str, str]) -> None:
    for (fmt, lang), text in texts.items():
        flat = " ".join(text.split())  # a terminal wraps long notes
        for sentence in sentences:
            assert sentence[lang] in flat, f"{fmt} {lang}: {sentence[lang]!r} missing"


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# ---------------------------------------------------------------- a factor inside a subgroup


@pytest.fixture
def one_scored_reliability(q: Questionnaire, tmp_path: Path) -> Path:
    """Acme 4, Beta 3, Farmacias Levante 3 people, of whom only one has a Reliability score."""
    d = tmp_path / "g"
    for i in range(4):
        write_result(d, q, keyed(q, {"reliability": 2 + i % 3}), account="Acme", pid=f"a{i}")
    for i in range(3):
        write_result(d, q, keyed(q, {"reliability": 4}), account="Beta", pid=f"b{i}")
    for i in range(3):
        answers = keyed(q, {"reliability": 5})
        if i:
            for item in ("rel_1", "rel_2", "rel_3"):
                answers.pop(item)
        write_result(d, q, answers, account="Farmacias Levante", pid=f"f{i}")
    return d


def test_a_factor_scored_by_one_person_in_a_subgroup_cannot_be_subtracted(
    run: Run, one_scored_reliability: Path
) -> None:
    texts = outputs(run, "group", "summary", str(one_scored_reliability), "--by", "account")
    say_everywhere(texts, FEWER, protects("Farmacias Levante"))
    doc = json.loads(texts[("json", "en")])
    groups = {g["key"]: g for g in doc["groups"]}
    fl, beta = groups["Farmacias Levante"]["factors"]["reliability"], groups["Beta"]["factors"]["reliability"]
    assert fl["suppressed"] and fl["n"] is None and fl["mean"] is None and fl["reason_code"] == "fewer"
    assert beta["suppressed"] and beta["n"] is None and beta["reason_code"] == "complementary"
    assert beta["protects"] == [{"kind": "group", "key": "Farmacias Levante"}]
    assert (
        json.loads(texts[("json", "es")])["groups"][1]["factors"]["reliability"]["reason"]
        == protects("Farmacias Levante")["es"]
    )
    # the attack: total minus the shown accounts gives Beta and Farmacias Levante together, 4 people
    total = doc["total"]["factors"]["reliability"]
    acme = groups["Acme"]["factors"]["reliability"]
    assert total["n"] - acme["n"] == 4
    # the overall index needs every factor: one person in Farmacias Levante again
    assert groups["Farmacias Levante"]["overall"]["reason_code"] == "fewer"
    # ... and two people of Farmacias Levante have factors but no overall index: the total's factor
    # sums less its overall's would give them away, so the total's overall index is hidden, which
    assert doc["total"]["overall"]["reason_code"] == "incomplete"
    assert doc["total"]["overall"]["reason"] == INCOMPLETE["en"]
    # Beta's overall index with its seven other factors would give its hidden Reliability
    assert groups["Beta"]["overall"]["reason_code"] == "complementary"
    assert groups["Beta"]["overall"]["protects"] == [{"kind": "group", "key": "Farmacias Levante"}]
    # every other figure of those groups is still shown
    assert groups["Farmacias Levante"]["factors"]["credibility"]["n"] == 3
    # csv: the row is there, its numbers empty, the reason in the note
    rows = csv_rows(texts[("csv", "en")])
    assert ["Farmacias Levante", "factor", "reliability", "Reliability", *[""] * 9, FEWER["en"]] in rows
    assert (
        "| Beta | reliability | Fiabilidad |  |  |  |  |  |  |  |  |  | " + protects("Farmacias Levante")["es"] + " |"
        in texts[("md", "es")]
    )
    assert "Farmacias Levante, Reliability — hidden: fewer than 3 people" in texts[("table", "en")]
    # two people skipped items, one answered alike throughout: counts of the advisory flags are masked
    assert (
        "Notes on the answers (people, advisory): questions skipped < 3, all answers the same < 3"
        in texts[("table", "en")]
    )
    assert doc["total"]["flags"] == {"incomplete": None, "straight_lining": None}
    assert doc["total"]["flags_hidden"]["incomplete"]["reason"] == FEWER["en"]


def test_nobody_answered_is_not_hidden(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    d = tmp_path / "g"
    for i in range(3):
        answers = keyed(q, {})
        for item in ("rel_1", "rel_2", "rel_3"):
            answers.pop(item)
        write_result(d, q, answers, account="Acme", pid=f"a{i}")
    doc = json.loads(run("group", "summary", str(d), "-f", "json", "--lang", "en").stdout)
    st = doc["total"]["factors"]["reliability"]
    assert st["n"] == 0 and not st["suppressed"] and st["reason_code"] == "no_answers" and st["reason"] == "no answers"
    text = run("group", "summary", str(d), "-f", "csv", "--lang", "es").stdout
    assert "Total,factor,reliability,Fiabilidad,0,,,,,,0,0,0,sin respuestas" in text


# ---------------------------------------------------------------- items and reliability


@pytest.fixture
def sparse_items(q: Questionnaire, tmp_path: Path) -> Path:
    """Acme, Beta, Farmacias Levante 3 people each; two in Farmacias Levante skip cred_2 (so cred_2
    has one answer there, and credibility one complete case); int_1 is answered by two people in all."""
    d = tmp_path / "g"
    n = 0
    for account in ("Acme", "Beta", "Farmacias Levante"):
        for i in range(3):
            answers = keyed(q, {"credibility": 2 + (n % 4), "intimacy": 2 + (n % 3)})
            answers["cred_3"] = 1 + (n * 2) % 5
            if account == "Farmacias Levante" and i:
                answers.pop("cred_2")
            if n >= 2:
                answers.pop("int_1")
            write_result(d, q, answers, account=account, pid=f"p{n}")
            n += 1
    return d


def test_an_item_answered_by_one_person_in_a_subgroup_is_hidden(run: Run, sparse_items: Path) -> None:
    texts = outputs(run, "group", "summary", str(sparse_items), "--by", "account", "--items")
    say_everywhere(texts, FEWER)
    for fmt in ("csv", "json", "md"):
        say_everywhere({k: v for k, v in texts.items() if k[0] == fmt}, protects("Farmacias Levante"))
    doc = json.loads(texts[("json", "en")])
    groups = {g["key"]: g for g in doc["groups"]}
    fl, acme = groups["Farmacias Levante"]["items"]["cred_2"], groups["Acme"]["items"]["cred_2"]
    assert (fl["n"], fl["mean"], fl["sd"], fl["reason_code"]) == (None, None, None, "fewer")
    # the total's cred_2 (7 answers, credibility 9 people) is hidden: its items' sums less the factor's
    # would give the two who skipped it; so nothing is left to subtract Farmacias Levante's from
    assert doc["total"]["items"]["cred_2"]["n"] is None
    assert doc["total"]["items"]["cred_2"]["reason_code"] == "skipped"
    assert doc["total"]["items"]["cred_2"]["reason"] == SKIPPED["en"]
    assert acme["n"] == 3 and groups["Beta"]["items"]["cred_2"]["n"] == 3
    # int_1: two answers in the whole group; hidden in the total and in Acme, empty elsewhere
    assert doc["total"]["items"]["int_1"]["reason_code"] == "fewer"
    assert groups["Acme"]["items"]["int_1"]["reason_code"] == "fewer"
    assert groups["Beta"]["items"]["int_1"]["n"] == 0 and groups["Beta"]["items"]["int_1"]["reason"] == "no answers"
    # the terminal shows the total's items: int_1 is not there
    table = texts[("table", "en")]
    assert "int_1: hidden: fewer than 3 people" in table
    assert "int_1: oculto: menos de 3 personas" in texts[("table", "es")]
    rows = csv_rows(texts[("csv", "en")])
    fl_row = next(r for r in rows if r[:1] == ["Farmacias Levante"] and r[2:3] == ["cred_2"])
    assert fl_row[6:10] == ["", "", "", ""] and fl_row[10] == FEWER["en"]


def test_reliability_needs_three_complete_cases(run: Run, sparse_items: Path) -> None:
    texts = outputs(run, "group", "summary", str(sparse_items), "--by", "account", "--items")
    doc = json.loads(texts[("json", "es")])
    groups = {g["key"]: g for g in doc["groups"]}
    fl, acme = groups["Farmacias Levante"]["reliability"]["credibility"], groups["Acme"]["reliability"]["credibility"]
    assert fl["alpha"] is None and fl["n"] is None and fl["reason"] == FEWER["es"]
    assert set(fl["item_total"].values()) == {None}
    assert acme["alpha"] is None and acme["reason"] == protects("Farmacias Levante")["es"]
    assert groups["Beta"]["reliability"]["credibility"]["n"] == 3
    # intimacy: two complete cases in the whole group (int_1): no alpha anywhere
    assert doc["total"]["reliability"]["intimacy"]["reason_code"] == "fewer"
    for lang in ("en", "es"):
        rows = csv_rows(texts[("csv", lang)])
        row = next(r for r in rows if r[:2] == ["Farmacias Levante", "credibility"])
        assert row[4:7] == ["", "", FEWER[lang]]
        assert (
            f"| Acme | credibility | {'Credibility' if lang == 'en' else 'Credibilidad'} | 5 |  |  | "
            + protects("Farmacias Levante")[lang]
            in texts[("md", lang)]
        )
        table = texts[("table", lang)]
        line = next(x for x in table.splitlines() if x.startswith(("Intimacy", "Intimidad")) and FEWER[lang] in x)
        assert line.split()[2] == "—"  # no count of complete cases either


def test_the_alpha_flag_at_exactly_0_6(q: Questionnaire) -> None:
    # keyed credibility answers whose alpha is exactly 3/5 (checked with fractions)
    rows = [[1, 1, 2, 1, 1], [1, 4, 1, 1, 4], [5, 2, 4, 1, 4]]
    people = []
    for row in rows:
        answers = keyed(q, {})
        for item, value in zip(q.find_scale("credibility").items, row, strict=True):
            answers[item.id] = q.scale.min + q.scale.max - value if item.reverse else value
        people.append(scored(q, answers))
    rel = summarize(q, people, items=True).total.reliability
    assert rel is not None and rel["credibility"].alpha == pytest.approx(0.6, abs=1e-12)
    assert not rel["credibility"].low
    view = next(v for v in summary_views(summarize(q, people, items=True), q, "en") if v.name == "Internal consistency")
    assert next(r for r in view.rows if r[1] == "credibility")[6] == ""
    assert ALPHA_LOW == 0.6 and not alpha_is_low(0.6) and not alpha_is_low(0.6 - 1e-12) and alpha_is_low(0.599)


# ---------------------------------------------------------------- zone counts


@pytest.fixture
def one_too_close(q: Questionnaire, tmp_path: Path) -> Path:
    """Acme 4 (one of them too close), Beta 3, Farmacias Levante 3: everybody else adrift."""
    d = tmp_path / "g"
    for i in range(4):
        levels = {"proximity": 5, "perspective": 2} if i == 0 else {"proximity": 2, "perspective": 2}
        write_result(d, q, keyed(q, levels), account="Acme", pid=f"a{i}")
    for account in ("Beta", "Farmacias Levante"):
        for i in range(3):
            write_result(d, q, keyed(q, {"proximity": 2, "perspective": 2}), account=account, pid=f"{account}{i}")
    return d


def test_a_zone_count_of_one_is_masked_with_its_complements(run: Run, one_too_close: Path) -> None:
    texts = outputs(run, "group", "summary", str(one_too_close), "--by", "account")
    say_everywhere(texts, FEWER, protects("Acme"))
    doc = json.loads(texts[("json", "en")])
    groups = {g["key"]: g for g in doc["groups"]}
    acme, total = groups["Acme"], doc["total"]
    # 1 too close in Acme and in the total: "< 3"; the 3 and 9 adrift beside them would give it
    # away (4 - 3, 10 - 9), so they are hidden too
    assert acme["zones"] == {"balanced": 0, "too_close": None, "too_far": 0, "adrift": None}
    assert total["zones"] == {"balanced": 0, "too_close": None, "too_far": 0, "adrift": None}
    assert acme["zones_hidden"]["too_close"]["reason_code"] == "fewer"
    assert acme["zones_hidden"]["adrift"]["reason"] == protects("Acme")["en"]
    assert groups["Beta"]["zones"]["adrift"] == 3
    rows = csv_rows(texts[("csv", "en")])
    assert rows[rows.index(["Client distance: results per zone"]) + 3][:6] == ["Acme", "4", "0", "< 3", "0", "hidden"]
    # Markdown escapes "<" (user text never becomes HTML): "\\< 3" shows as "< 3".
    assert "| Acme | 4 | 0 | \\< 3 | 0 | oculto |" in texts[("md", "es")]
    assert "Acme, Too close — hidden: fewer than 3 people" in texts[("table", "en")]


def test_the_group_report_draws_no_dot_that_would_count_a_masked_zone(
    run: Run, one_too_close: Path, tmp_path: Path
) -> None:
    html = run("group", "report", str(one_too_close), "--lang", "es").stdout
    assert "kt-point-member" not in html[html.index("kt-quadrant") :].split("</svg>")[0]
    assert "No se dibujan los puntos: algunas zonas tienen menos de 3 personas." in html
    assert "Demasiado cerca: oculto: menos de 3 personas" in html


# ---------------------------------------------------------------- before and after, by account


def two_sessions(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    """Acme 3 people in both sessions, one of them moving from adrift to too close; Beta 3 and 3
    with one person in both; Farmacias Levante 4 people in both."""
    before, after = tmp_path / "s1", tmp_path / "s2"
    adrift = {"proximity": 2, "perspective": 2}
    for i in range(3):
        write_result(before, q, keyed(q, {"credibility": 2, **adrift}), account="Acme", pid=f"a{i}")
        close = {"proximity": 5, "perspective": 2} if i == 0 else adrift
        write_result(after, q, keyed(q, {"credibility": 3 + i % 2, **close}), account="Acme", pid=f"a{i}")
    for i in range(3):
        write_result(before, q, keyed(q, {"credibility": 3, **adrift}), account="Beta", pid=f"b{i}")
        pid = "b0" if i == 0 else f"new-b{i}"
        write_result(after, q, keyed(q, {"credibility": 5, **adrift}), account="Beta", pid=pid)
    for i in range(4):
        write_result(before, q, keyed(q, {"credibility": 3, **adrift}), account="Farmacias Levante", pid=f"f{i}")
        write_result(after, q, keyed(q, {"credibility": 4, **adrift}), account="Farmacias Levante", pid=f"f{i}")
    return before, after


def test_a_paired_change_of_one_person_cannot_be_subtracted(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    before, after = two_sessions(q, tmp_path)
    texts = outputs(run, "group", "compare", str(before), str(after), "--by", "account")
    say_everywhere(texts, FEWER, protects("Beta"))
    doc = json.loads(texts[("json", "en")])
    groups = {g["key"]: g for g in doc["groups"]}
    beta, acme = groups["Beta"]["factors"]["credibility"], groups["Acme"]["factors"]["credibility"]
    # Beta's one pair is hidden; its sessions' figures too (below), never the whole change as "fewer"
    assert not beta["suppressed"]
    assert beta["paired"]["suppressed"] and beta["paired"]["n"] is None and beta["paired"]["reason_code"] == "fewer"
    # Acme's 3 pairs are hidden with it: total - Acme - Farmacias Levante would be Beta's one person
    assert acme["paired"]["reason_code"] == "complementary"
    assert acme["paired"]["protects"] == [{"kind": "group", "key": "Beta"}]
    assert groups["Farmacias Levante"]["factors"]["credibility"]["paired"]["n"] == 4
    # Beta's two people present only once (on each side) would come out of the total's means and
    # its paired change: the total's sessions are hidden, its paired change (the headline) shown
    total = doc["total"]["factors"]["credibility"]
    assert total["paired"]["n"] == 8 and total["paired"]["mean_change"] == 31.25
    assert total["before"] is None and total["after"] is None and total["change"] is None
    assert total["before_hidden"]["reason_code"] == total["after_hidden"]["reason_code"] == "unpaired"
    # ... and Beta's sessions, else the total's would be the sum of the three accounts'
    assert beta["before"] is None and beta["before_hidden"]["protects"] == [{"kind": "whole"}]
    rows = csv_rows(texts[("csv", "es")])
    row = next(r for r in rows if r[:3] == ["Beta", "factor", "credibility"])
    assert row[4:14] == [""] * 10 and row[14].endswith(FEWER["es"])
    table = " ".join(texts[("table", "es")].split())  # one line per reason, however it wraps
    assert "Credibilidad, Fiabilidad, Intimidad, " in table
    assert "Índice global de confianza — cambio emparejado: " + FEWER["es"] in table


def test_a_zone_move_of_one_person_is_masked(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    before, after = two_sessions(q, tmp_path)
    texts = outputs(run, "group", "compare", str(before), str(after), "--by", "account")
    doc = json.loads(texts[("json", "en")])
    acme = {g["key"]: g for g in doc["groups"]}["Acme"]["zones"]
    # one of three paired people moved adrift -> too close: 1 and 2 are both under 3
    assert acme["moves"]["adrift"]["too_close"] is None and acme["moves"]["adrift"]["adrift"] is None
    assert acme["moves_hidden"]["adrift>too_close"]["reason_code"] == "fewer"
    assert acme["moved"] is None and acme["moved_hidden"]["reason"] == FEWER["en"]
    assert acme["after"]["too_close"] is None and acme["hidden"]["after"]["too_close"]["reason_code"] == "fewer"
    total = doc["total"]["zones"]
    assert total["moves"]["adrift"]["too_close"] is None and total["moves"]["adrift"]["adrift"] is None
    for lang in ("en", "es"):
        rows = csv_rows(texts[("csv", lang)])
        title = {
            "en": "Paired people: zone before (rows) and after (columns)",
            "es": "Personas emparejadas: zona antes (filas) y después (columnas)",
        }[lang]
        moves = rows[rows.index([title]) :]
        acme_adrift = next(r for r in moves if r[0] == "Acme" and r[1] in ("Adrift", "Sin anclaje"))
        assert acme_adrift[2:6] == ["0", "< 3", "0", "< 3"] and FEWER[lang] in acme_adrift[6]
        assert FEWER[lang] in texts[("md", lang)] and FEWER[lang] in texts[("table", lang)]


def test_paired_changes_need_three_pairs_and_min_group_holds_inside_by(
    run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    before, after = tmp_path / "s1", tmp_path / "s2"
    for i in range(4):
        write_result(before, q, keyed(q, {"credibility": 2}), account="Acme", pid=f"a{i}")
        write_result(after, q, keyed(q, {"credibility": 4}), account="Acme", pid=f"a{i}" if i < 2 else f"x{i}")
    doc = json.loads(run("group", "compare", str(before), str(after), "-f", "json", "-l", "en").stdout)
    ch = doc["total"]["factors"]["credibility"]
    # two pairs: the paired change is withheld, the key is there with the reason
    assert ch["change"] == 50.0 and ch["paired"] == {
        "n": None,
        "mean_change": None,
        "sd": None,
        "dz": None,
        "suppressed": True,
        "reason_code": "fewer",
        "reason": "hidden: fewer than 3 people",
        "protects": [],
    }
    b, a = two_sessions(q, tmp_path / "two")
    doc = json.loads(
        run("group", "compare", str(b), str(a), "--by", "account", "--min-group", "4", "-f", "json").stdout
    )
    groups = {g["key"]: g for g in doc["groups"]}
    # Acme and Beta have 3 people a session: under 4, hidden; Farmacias Levante's 4 stay shown
    assert groups["Acme"]["suppressed"] and groups["Beta"]["suppressed"]
    assert groups["Acme"]["reason_code"] == "fewer" and not groups["Farmacias Levante"]["suppressed"]
    assert groups["Farmacias Levante"]["factors"]["credibility"]["paired"]["n"] == 4
    # the total's 8 pairs are shown; its sessions (2 people present once a side) are not
    total = doc["total"]["factors"]["credibility"]
    assert total["paired"]["n"] == 8 and total["before_hidden"]["reason_code"] == "unpaired"


def test_against_reads_a_summary_with_hidden_figures(run: Run, q: Questionnaire, one_scored_reliability: Path) -> None:
    summary = one_scored_reliability.parent / "summary.json"
    args = ("group", "summary", str(one_scored_reliability), "--by", "account", "-f", "json", "-o", str(summary))
    assert run(*args).exit_code == 0
    me = write_result(one_scored_reliability.parent / "me", q, keyed(q, {"reliability": 5}))
    r = run("report", str(me), "--against", str(summary), "-f", "md", "--lang", "en", "-o", "-")
    assert r.exit_code == 0, r.stderr
    assert "| Reliability | 100.0 | Strength | 62.5 | +37.5 |" in r.stdout


def test_the_group_report_says_why_a_subgroup_figure_is_hidden(run: Run, one_scored_reliability: Path) -> None:
    for fmt, lang, name in (("html", "es", "Fiabilidad"), ("md", "en", "Reliability")):
        args = ("group", "report", str(one_scored_reliability), "--by", "account", "--lang", lang)
        text = run(*args, *(("-f", "md") if fmt == "md" else ())).stdout
        assert f"Farmacias Levante, {name}: {FEWER[lang]}" in text
        assert f"Beta, {name}: {protects('Farmacias Levante')[lang]}" in text
    html = run("group", "report", str(one_scored_reliability), "--by", "account", "--lang", "en").stdout
    table = html[html.index('id="kt-subgroup-table"') :].split("</table>")[0]
    row = next(r for r in table.split("<tr>") if r.startswith("<td>Reliability</td>"))
    assert row.count("&lt; 3") == 1 and row.count("hidden") == 1


# ---------------------------------------------------------------- people present in one session only

UNPAIRED = {
    "en": "hidden so that the people present only once cannot be worked out by subtraction",
    "es": "oculto para que no se puedan deducir por diferencia los datos de las personas presentes en una sola sesión",
}


def one_newcomer(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    """P1-P4 in both sessions, P5 only after (all in Acme; Beta 3 people in both sessions)."""
    before, after = tmp_path / "s1", tmp_path / "s2"
    for i in range(4):
        write_result(before, q, keyed(q, {"credibility": 2 + i % 2}), account="Acme", pid=f"p{i + 1}")
        write_result(after, q, keyed(q, {"credibility": 3 + i % 2}), account="Acme", pid=f"p{i + 1}")
    write_result(after, q, keyed(q, {"credibility": 5, "proximity": 1}), account="Acme", pid="p5")
    for i in range(3):
        write_result(before, q, keyed(q, {"credibility": 3}), account="Beta", pid=f"b{i}")
        write_result(after, q, keyed(q, {"credibility": 4}), account="Beta", pid=f"b{i}")
    return before, after


def test_a_newcomer_hides_the_after_session_never_the_paired_change(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    before, after = one_newcomer(q, tmp_path / "one")
    # only Acme: 4 before, 5 after, 4 paired
    acme_b, acme_a = tmp_path / "ab", tmp_path / "aa"
    for folder, src in ((acme_b, before), (acme_a, after)):
        folder.mkdir()
        for f in src.glob("*.json"):
            if json.loads(f.read_text(encoding="utf-8"))["participant"]["account"] == "Acme":
                (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    texts = outputs(run, "group", "compare", str(acme_b), str(acme_a))
    say_everywhere(texts, UNPAIRED)
    doc = json.loads(texts[("json", "es")])
    for sid, ch in [*doc["total"]["factors"].items(), ("overall", doc["total"]["overall"])]:
        # after x 5 - (before x 4 + paired change x 4) would be P5's score: the after session is
        # hidden (and the unpaired change and d with it); the paired change, the headline, is shown
        assert ch["before"]["n"] == 4 and ch["after"] is None and ch["change"] is None and ch["d"] is None, sid
        assert ch["after_hidden"]["reason_code"] == "unpaired" and "before_hidden" not in ch, sid
        assert ch["after_hidden"]["reason"] == UNPAIRED["es"], sid
        assert ch["paired"]["n"] == 4 and ch["paired"]["mean_change"] is not None, sid
        assert not ch["paired"]["suppressed"] and "reason_code" not in ch["paired"], sid
    credibility = doc["total"]["factors"]["credibility"]
    assert credibility["paired"]["mean_change"] == 25.0 and credibility["paired"]["effect"] is None  # sd 0: no d_z
    assert credibility["paired"]["reliable_change"]["improved"] == 4
    for lang, name, hidden in (("en", "Credibility", "hidden"), ("es", "Credibilidad", "oculto")):
        rows = [x for x in texts[("table", lang)].splitlines() if x.startswith(name + " ") and x.split()[1] != "—"]
        headline, line = rows[:2]
        assert headline.split()[1:3] == ["4", "+25.0" if lang == "en" else "+25,0"]
        assert line.split()[1:7] == ["37.5" if lang == "en" else "37,5", hidden, hidden, hidden, "4"] + [
            "+25.0" if lang == "en" else "+25,0"
        ]
    # the same in the group report: P5's after mean over 5 (70.0) never shows, the paired +25.0 does
    html = run("group", "report", str(acme_a), "--before", str(acme_b), "--lang", "en").stdout
    table = html[html.index('id="kt-change-table"') :].split("</table>")[0]
    assert "70.0" not in table and "+25.0" in table
    assert "<li>Credibility, Reliability, Intimacy, Client focus" in html.split('id="kt-change-notes"')[1]
    assert f"After: {UNPAIRED['en']}</li>" in html.split('id="kt-change-notes"')[1]


def test_a_newcomer_in_a_subgroup_hides_sessions_never_a_paired_change(
    run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    before, after = one_newcomer(q, tmp_path)
    texts = outputs(run, "group", "compare", str(before), str(after), "--by", "account")
    say_everywhere(texts, UNPAIRED)
    doc = json.loads(texts[("json", "en")])
    groups = {g["key"]: g for g in doc["groups"]}
    acme, beta = groups["Acme"]["factors"]["credibility"], groups["Beta"]["factors"]["credibility"]
    assert acme["after"] is None and acme["after_hidden"]["reason_code"] == "unpaired"
    assert acme["paired"]["n"] == 4 and acme["paired"]["mean_change"] == 25.0
    # Beta's 3 pairs are all its people: everything shown
    assert beta["paired"]["n"] == 3 and beta["after"]["n"] == 3 and beta["change"] == 25.0
    # the total's after would be Acme's plus Beta's: hidden too; its 7 pairs shown
    total = doc["total"]["factors"]["credibility"]
    assert total["after"] is None and total["after_hidden"]["reason_code"] == "unpaired"
    assert total["paired"]["n"] == 7 and total["paired"]["mean_change"] == 25.0


# ---------------------------------------------------------------- the overall index and its factors


def one_without_long_term(q: Questionnaire, tmp_path: Path) -> Path:
    """12 people: Acme 4, Beta 4, Gamma 3, Delta 1 (P11, who skipped every long-term item)."""
    d = tmp_path / "g"
    accounts = ["Acme"] * 4 + ["Beta"] * 4 + ["Gamma"] * 2 + ["Delta", "Gamma"]
    for i, account in enumerate(accounts):
        answers = keyed(q, {"credibility": 1 + i % 5, "integrity": 1 + (i * 2) % 5})
        if i == 10:
            for item in [x for x in answers if x.startswith("lt")]:
                answers.pop(item)
        write_result(d, q, answers, account=account, pid=f"P{i + 1}")
    return d


def test_the_overall_index_does_not_give_away_a_person_without_every_factor(
    run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    d = one_without_long_term(q, tmp_path)
    texts = outputs(run, "group", "summary", str(d))
    say_everywhere(texts, INCOMPLETE)
    doc = json.loads(texts[("json", "es")])
    assert doc["total"]["factors"]["credibility"]["n"] == 12 and doc["total"]["factors"]["long_term"]["n"] == 11
    overall = doc["total"]["overall"]
    assert overall["n"] is None and overall["mean"] is None and overall["reason_code"] == "incomplete"
    assert overall["reason"] == INCOMPLETE["es"]
    # by account: P11 alone in Delta; the factors of Gamma and Delta together come out of the
    # total, and the total's overall index is hidden, so no overall index takes their part out
    texts = outputs(run, "group", "summary", str(d), "--by", "account")
    say_everywhere(texts, INCOMPLETE)
    doc = json.loads(texts[("json", "en")])
    groups = {g["key"]: g for g in doc["groups"]}
    assert groups["Delta"]["suppressed"] and groups["Gamma"]["suppressed"]
    assert doc["total"]["overall"]["reason_code"] == "incomplete"
    # long-term: Gamma's 3 and Delta's 0 would be Gamma's alone, so Acme's is hidden with them, and
    # Acme's overall index (8 x it, less its seven other factors, is its long-term sum) with it
    assert groups["Acme"]["factors"]["long_term"]["reason_code"] == "complementary"
    assert groups["Acme"]["overall"]["n"] is None
    assert groups["Acme"]["overall"]["protects"] == [{"kind": "group", "key": "Gamma"}]
    assert groups["Beta"]["overall"]["n"] == 4


def test_an_item_skipped_by_one_person_does_not_give_away_their_factor_score(
    run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    d = tmp_path / "g"
    for i in range(12):
        answers = keyed(q, {"credibility": 1 + i % 5})
        if i == 11:  # P12
            answers.pop("cred_1")
        write_result(d, q, answers, pid=f"P{i + 1}")
    texts = outputs(run, "group", "summary", str(d), "--items")
    say_everywhere(texts, SKIPPED)
    for lang in ("en", "es"):
        doc = json.loads(texts[("json", lang)])
        item = doc["total"]["items"]["cred_1"]
        assert (item["n"], item["mean"], item["sd"], item["reason_code"]) == (None, None, None, "skipped")
        assert item["reason"] == SKIPPED[lang]
        assert doc["total"]["items"]["cred_2"]["n"] == 12 and doc["total"]["factors"]["credibility"]["n"] == 12
    assert "cred_1: " + SKIPPED["en"] in " ".join(texts[("table", "en")].split())


# ---------------------------------------------------------------- user text in files

EVIL = "<img src=x>\x1b[2J\u202eAcme|#"


def test_control_characters_of_an_account_never_reach_a_file_raw(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    import zipfile

    d = tmp_path / "g"
    for i in range(4):
        write_result(d, q, keyed(q, {"reliability": 2 + i % 3}), account="Acme", pid=f"a{i}")
    for i in range(3):
        write_result(d, q, keyed(q, {"reliability": 4}), account="Beta", pid=f"b{i}")
    for i in range(3):
        answers = keyed(q, {"reliability": 5})
        if i:
            for item in ("rel_1", "rel_2", "rel_3"):
                answers.pop(item)
        write_result(d, q, answers, account=EVIL, pid=f"e{i}")
    shown = "<img src=x>\\x1b[2J\\u202eAcme|#"
    texts: dict[str, str] = {}
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"s.{suffix}"
        r = run("group", "summary", str(d), "--by", "account", "-o", str(out), "--lang", "es")
        assert r.exit_code == 0, r.stderr
        if suffix == "csv":
            texts[suffix] = out.read_text(encoding="utf-8-sig")
        else:
            with zipfile.ZipFile(out) as z:
                texts[suffix] = z.read("xl/sharedStrings.xml").decode("utf-8")
    html = tmp_path / "r.html"
    assert run("group", "report", str(d), "--by", "account", "-o", str(html), "--lang", "es").exit_code == 0
    texts["html"] = html.read_text(encoding="utf-8")
    for fmt, text in texts.items():
        assert "\x1b" not in text and "\u202e" not in text, fmt
    assert protects(shown)["es"] in texts["csv"]
    assert shown in texts["csv"] and "\\x1b[2J\\u202eAcme" in texts["xlsx"]
    assert "los datos de &lt;img src=x&gt;\\x1b[2J\\u202eAcme|#" in texts["html"]


def test_a_summary_is_never_written_as_plain_text_into_an_html_file(run: Run, tmp_path: Path) -> None:
    for args in (("group", "summary", str(tmp_path)), ("group", "compare", str(tmp_path), str(tmp_path))):
        for name in ("x.html", "x.HTM"):
            out = tmp_path / name
            r = run(*args, "-o", str(out))
            assert r.exit_code == 2 and not out.exists()
            assert "group summary and group compare do not make HTML; use kamtrust group report for HTML" in r.stderr
        r = run(*args, "-f", "csv", "-o", str(tmp_path / "x.json"))
        assert r.exit_code == 2 and not (tmp_path / "x.json").exists()
        assert "the suffix .json names the json format, not csv" in r.stderr


def test_a_comparison_does_not_give_away_a_person_without_every_factor(
    run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    before = one_without_long_term(q, tmp_path / "b")
    after = tmp_path / "a"
    for i in range(12):
        write_result(after, q, keyed(q, {"credibility": 1 + (i + 1) % 5}), pid=f"P{i + 1}")
    texts = outputs(run, "group", "compare", str(before), str(after))
    say_everywhere(texts, INCOMPLETE)
    for lang in ("en", "es"):
        overall = json.loads(texts[("json", lang)])["total"]["overall"]
        assert overall["before"] is None and overall["reason_code"] == "incomplete"
        assert overall["reason"] == INCOMPLETE[lang]
