"""Issue 13, a KAM's and a client's findings (fix13): each attack tried, with its exact outcome."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve
from tests.test_feedback import answers_for, make_result, rate_file

Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def _default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)


@pytest.fixture
def q2() -> Questionnaire:
    return resolve("kamtrust-8@2.0")


@pytest.fixture
def result(run: Run, tmp_path: Path, q2: Questionnaire) -> Path:
    return make_result(run, tmp_path, q2, {}, name="Alejandra Núñez", account="Grupo Bimbo – Compras")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            ": es una valoración (kamtrust.rating/1), no un archivo de respuestas: --answers lee un archivo con tus propias respuestas; una valoración solo la lee `kamtrust feedback report`",
        ),
        (
            "en",
            ": this is a rating (kamtrust.rating/1), not an answers file: --answers takes a file of your own answers; a rating is only read by `kamtrust feedback report`",
        ),
    ],
)
def test_assess_answers_refuses_a_rating(
    run: Run, tmp_path: Path, q2: Questionnaire, result: Path, lang: str, said: str
) -> None:
    """The attack: score one client's rating as one's own answers to print that rater's profile."""
    rating = rate_file(run, tmp_path, result, "client", answers_for(q2, {}, 4, "client"), 1)
    out = tmp_path / "stolen.json"
    r = run("assess", "--answers", str(rating), "--lang", lang, "-o", str(out))
    assert r.exit_code == 1
    assert f"{rating}{said}" in r.stderr
    assert "Traceback" not in r.stderr and not out.exists() and r.stdout == ""


def test_assess_answers_refuses_any_other_kamtrust_document(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    doc = tmp_path / "roster.json"
    doc.write_text(json.dumps({"schema": "kamtrust.roster/1", "answers": answers_for(q2, {})}), encoding="utf-8")
    r = run("assess", "--answers", str(doc), "--lang", "en", "-o", str(tmp_path / "x.json"))
    assert r.exit_code == 1
    assert f"{doc}: this is a kamtrust document (kamtrust.roster/1), not an answers file" in r.stderr


def test_the_printable_form_is_returned_to_the_trainer_never_to_the_rated_person(run: Run, result: Path) -> None:
    es = run("feedback", "form", "--role", "client", "--for", str(result), "--lang", "es").stdout
    assert (
        "Devuelve esta hoja a la persona formadora o a quien coordina el programa y te la dio, nunca a "
        "Alejandra Núñez, para que nadie pueda saber quién respondió qué." in es
    )
    assert "Devuelve esta hoja a Alejandra" not in es
    en = run("feedback", "form", "--role", "client", "--for", str(result), "--lang", "en").stdout
    assert (
        "Return this page to the trainer, or to whoever runs the programme and gave it to you, never to "
        "Alejandra Núñez, so that no one can tell who answered what." in en
    )
    # No item ids on the form: they give away the factor a statement belongs to.
    assert "cred2_" not in es and "integ2_" not in en and 'class="id"' not in es


def test_statements_give_a_mean_and_n_never_a_spread(run: Run, tmp_path: Path, q2: Questionnaire, result: Path) -> None:
    """The attack: n = 4, mean 1.75 and SD 0.5 can only be the answers 1, 2, 2, 2."""
    for n, v in enumerate((1, 2, 2, 2)):
        rate_file(run, tmp_path, result, "client", answers_for(q2, {}, v, "client"), n)
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "-f", "json", "--lang", "es")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["statements"], "statements are listed for 4 clients"
    for s in doc["statements"]:
        assert set(s["all_raters"]) == {"n", "mean"} and s["all_raters"]["n"] == 4


def test_feedback_import_drops_names_unless_kept(run: Run, tmp_path: Path, result: Path) -> None:
    from kamtrust.engine.raters import rater_questionnaire

    view = rater_questionnaire(resolve("kamtrust-8@2.0"), "client")
    src = tmp_path / "form.csv"
    head = ["Timestamp", "Name", *(i.id for i in view.presentation_order)]
    rows = [",".join(head), ",".join(["2026/11/25 14:30:00 GMT+1", "Rodrigo Peña", *(["3"] * len(view.items))])]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "r"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    assert "rater" not in doc and "Rodrigo" not in json.dumps(doc)
    kept = tmp_path / "k"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(kept), "--keep-names")
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in kept.glob("*.json")]
    assert doc["rater"] == {"name": "Rodrigo Peña"}


def test_feedback_import_takes_the_map_its_advice_names(run: Run, tmp_path: Path, result: Path) -> None:
    from kamtrust.engine.raters import rater_questionnaire

    view = rater_questionnaire(resolve("kamtrust-8@2.0"), "client")
    ids = [i.id for i in view.presentation_order]
    src = tmp_path / "form.csv"
    head = ["Timestamp", "Pregunta rara", *ids[1:]]
    src.write_text(
        ",".join(head) + "\n" + ",".join(["2026/11/25 14:30:00 GMT+1", *(["4"] * len(ids))]) + "\n", encoding="utf-8"
    )
    out = tmp_path / "r"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out), "--lang", "es")
    assert r.exit_code == 1 and "sin columna" in r.stderr
    mapping = tmp_path / "map.yaml"
    mapping.write_text(f'columns:\n  "Pregunta rara": {ids[0]}\n', encoding="utf-8")
    r = run(
        "feedback", "import", str(src), "--for", str(result), "--role", "client", "-o", str(out), "--map", str(mapping)
    )
    assert r.exit_code == 0, r.stderr
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    assert doc["answers"][ids[0]] == 4 and len(doc["answers"]) == len(ids)


def test_the_manager_template_names_show_manager_when_the_manager_is_shown_alone(run: Run, result: Path) -> None:
    r = run("feedback", "form", "--role", "manager", "--for", str(result), "-f", "answers", "--show-manager")
    assert r.exit_code == 0, r.stderr
    flat = " ".join(line.lstrip("# ").strip() for line in r.stdout.splitlines() if line.startswith("#"))
    assert "kamtrust assess --as manager --for RESULTADO --answers ESTE_ARCHIVO --show-manager" in flat or (
        "kamtrust assess --as manager --for RESULT --answers THIS_FILE --show-manager" in flat
    )
    plain = run("feedback", "form", "--role", "manager", "--for", str(result), "-f", "answers", "--lang", "en")
    assert "--answers THIS_FILE --show-manager" not in plain.stdout and "--answers THIS_FILE" in plain.stdout


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_personal_report_heads_developing_factors_as_the_highest(
    run: Run, tmp_path: Path, q2: Questionnaire, fmt: str
) -> None:
    """No factor in the Strength band: the plan's second column is not "Apóyate en tus fortalezas"."""
    mid = make_result(run, tmp_path, q2, {"integrity": 4, "intimacy": 4}, name="Alejandra Núñez")
    text = run("report", str(mid), "-f", fmt, "-o", "-", "--lang", "es").stdout
    assert "Tus factores más altos" in text and "Apóyate en tus fortalezas" not in text
    strong = tmp_path / "strong"
    strong.mkdir()
    top = make_result(run, strong, q2, {"integrity": 5, "intimacy": 5})
    text = run("report", str(top), "-f", fmt, "-o", "-", "--lang", "es").stdout
    assert "Apóyate en tus fortalezas" in text


def test_the_profile_header_fits_one_line_at_80_columns() -> None:
    """The finding: the header wrapped to 2 lines and its first line scrolled off at 80x24."""
    from kamtrust.i18n import t
    from kamtrust.render.glance import header_line

    header = {
        t("es", "participant"): "Alejandra Núñez",
        t("es", "account"): "Grupo Bimbo – Compras",
        t("es", "cohort"): "CDMX-2026",
        t("es", "date"): "2026-11-25",
    }
    # Names are never cut (utd): the fields go on two lines instead.
    assert header_line("es", header, 80).plain == (
        "Participante: Alejandra Núñez · Cuenta: Grupo Bimbo – Compras\nCohorte: CDMX-2026 · 25/11/2026"
    )
    assert header_line("es", header, 120).plain.startswith("Perfil de confianza · Participante: Alejandra Núñez")
    short = {t("es", "participant"): "Ana", t("es", "date"): "2026-11-25"}
    assert header_line("es", short, 80).plain == "Perfil de confianza · Participante: Ana · 25/11/2026"


def test_the_report_says_n_per_cell_where_it_differs(run: Run, tmp_path: Path, q2: Questionnaire, result: Path) -> None:
    """The finding: "Clientes n=4" over a reliability figure that only 3 clients scored."""
    full = answers_for(q2, {}, 4, "client")
    for n in range(3):
        rate_file(run, tmp_path, result, "client", full, n)
    rate_file(run, tmp_path, result, "client", {k: v for k, v in full.items() if not k.startswith("rel2_")}, 3)
    folder = str(tmp_path / "ratings")
    text = run("feedback", "report", str(result), folder, "--lang", "es").stdout
    rel = next(line for line in text.splitlines() if line.startswith("Fiabilidad"))
    assert "75,0 (3)" in rel
    assert "89,6 (3): solo 3 evaluadores de la columna pudieron puntuar ese factor; — sin puntuación:" in " ".join(
        text.split()
    )
    assert "(R) marca una afirmación en la que estar de acuerdo significa menos confianza" in " ".join(text.split())
    md = run("feedback", "report", str(result), folder, "--lang", "en", "-f", "md").stdout
    assert "| 75.0 (n=3) |" in md and "(R) marks a statement where agreeing means less trust" in md


def test_reading_errors_follow_lang(run: Run, tmp_path: Path, q2: Questionnaire, result: Path) -> None:
    """The finding: English messages under --lang es when a result or a rating cannot be read."""
    rating = rate_file(run, tmp_path, result, "client", answers_for(q2, {}, 4, "client"), 1)
    missing = tmp_path / "nope.json"
    r = run("report", str(missing), "--lang", "es")
    assert r.exit_code != 0 and f"{missing}: no se encuentra el archivo" in r.stderr
    r = run("report", str(rating), "-o", "-", "--lang", "es")
    assert (
        f"{rating}: no es un resultado de kamtrust (su 'schema' es 'kamtrust.rating/1'; se esperaba 'kamtrust.result/1')"
        in r.stderr
    )
    bad = tmp_path / "file.yaml"
    bad.write_text("x: [\n", encoding="utf-8")
    r = run("feedback", "report", str(result), str(bad), "--lang", "es")
    assert f"{bad}: no es un archivo de valoración de kamtrust (JSON no válido en la línea 1, columna 1:" in r.stderr
    r = run("feedback", "report", str(result), str(result), "--lang=es")
    assert f"{result}: no es un archivo de valoración de kamtrust (su 'schema' es 'kamtrust.result/1'" in r.stderr
    r = run("feedback", "report", str(result), str(result), "--lang", "en")
    assert (
        f"{result}: is not a kamtrust rating (its 'schema' is 'kamtrust.result/1'; expected 'kamtrust.rating/1')"
        in r.stderr
    )


def test_the_client_form_names_the_person_and_asks_only_what_a_buyer_sees(run: Run, result: Path) -> None:
    es = run("feedback", "form", "--role", "client", "--for", str(result), "-f", "gforms", "--lang", "es").stdout
    assert "quien gestiona la cuenta" not in es.lower()
    assert "Alejandra Núñez entrega al cliente lo que promete en la fecha que dio" in es
    for gone in (
        "revisa la cuenta en su conjunto",
        "apagar fuegos",
        "deja los detalles operativos",
        "igual que a cualquier otra",
        "comprueba si apunta a un problema más amplio",
        "rotura de stock",
        "de la que necesita",
        "«¿",
    ):
        assert gone not in es, gone
    assert (
        "Cuando el cliente le plantea una urgencia, Alejandra Núñez pregunta también si detrás hay un problema más amplio."
        in es
    )
    assert "con un “¿Otra vez por aquí?” o un “¿Qué nos vas a vender hoy?”." in es
    page = run("feedback", "form", "--role", "client", "--for", str(result), "--lang", "es").stdout
    assert "Respondes como: alguien del equipo del cliente" in page
    template = run("feedback", "form", "--role", "peer", "--for", str(result), "-f", "answers", "--lang", "es").stdout
    assert "con el papel de colega sobre Alejandra Núñez" in " ".join(
        line.lstrip("# ") for line in template.splitlines()
    )


def test_one_is_singular(run: Run, tmp_path: Path, q2: Questionnaire, result: Path) -> None:
    first = rate_file(run, tmp_path, result, "client", answers_for(q2, {}, 4, "client"), 1)
    (first.parent / "copy.json").write_bytes(first.read_bytes())
    r = run("feedback", "report", str(result), str(first.parent), "--lang", "es")
    assert "1 valoración era igual a otra (una copia) y cuenta una vez." in r.stderr
    r = run("feedback", "report", str(result), str(first.parent), "--lang", "en")
    assert "1 rating was the same as another one (a copy) and counts once." in r.stderr


def test_the_answers_file_numbers_statements_as_the_printed_rows(run: Run, result: Path) -> None:
    template = run("feedback", "form", "--role", "client", "--for", str(result), "-f", "answers", "--lang", "es").stdout
    assert "  # 1. Alejandra Núñez sigue la actualidad del sector del cliente" in template
    page = run("feedback", "form", "--role", "client", "--for", str(result), "--lang", "es").stdout
    assert '<td class="n">1</td><td>Alejandra Núñez sigue la actualidad del sector del cliente' in page


def test_a_form_without_the_name_still_imports(run: Run, tmp_path: Path, result: Path) -> None:
    """A form printed before the statements named the person says "quien gestiona la cuenta"."""
    from kamtrust.engine.raters import rater_questionnaire

    view = rater_questionnaire(resolve("kamtrust-8@2.0"), "peer")
    texts = [i.text["es"] for i in view.presentation_order]
    assert texts[0].startswith("Quien gestiona la cuenta")
    src = tmp_path / "old.csv"
    rows = [["Marca temporal", *texts], ["2026-11-23 10:00:00", *(["A veces"] * len(texts))]]
    src.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows), encoding="utf-8")
    out = tmp_path / "r"
    r = run("feedback", "import", str(src), "--for", str(result), "--role", "peer", "-o", str(out), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    (doc,) = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")]
    assert len(doc["answers"]) == len(texts) and set(doc["answers"].values()) == {3}
