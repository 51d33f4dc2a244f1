"""The questionnaire commands as a Spanish-speaking trainer reads them (user test, issue utc):
words of the list and the item table, `list --lang`, problems that do not cascade and are capped,
numbers quoted as written, singular agreement, a broken file's problems in the list, and a
built-in questionnaire named by id and version."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import QuestionnaireError
from kamtrust.questionnaire.loader import parse_questionnaire, validation_warnings

from .conftest import BUILTIN
from .test_loader_rules import VALID

Run = Callable[..., Any]
LOCALE = {"es": "es_CO.UTF-8", "en": "C.UTF-8"}
QUESTIONNAIRE2 = BUILTIN.parent / "kamtrust-8-2.0.yaml"


def validate(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, lang: str) -> Any:
    (tmp_path / "q.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", LOCALE[lang])
    return run("questionnaire", "validate", "q.yaml")


# -- 1. the list's and the table's words -------------------------------------------------------


@pytest.mark.parametrize(("lang", "builtin", "user"), [("es", "incluido", "propio"), ("en", "built-in", "user")])
def test_list_says_where_each_questionnaire_comes_from_in_the_language(
    run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str, builtin: str, user: str
) -> None:
    (data_dir / "questionnaires").mkdir(parents=True)
    (data_dir / "questionnaires" / "mini.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.setenv("LANG", LOCALE[lang])
    r = run("questionnaire", "list")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"kamtrust-8       2.0      {builtin:<9} es/en   60 ")
    assert lines[2].startswith(f"mini             1.0      {user:<9} es/en    6 ")


@pytest.mark.parametrize(
    ("lang", "header", "mark", "legend"),
    [
        ("es", ("escala", "I", "texto"), "I", "I = pregunta invertida: su valor es mín + máx − respuesta."),
        ("en", ("scale", "R", "text"), "R", "R = reverse-keyed: its value is min + max − answer."),
    ],
)
def test_show_table_headers_and_reverse_legend_in_the_language(
    run: Run, lang: str, header: tuple[str, ...], mark: str, legend: str
) -> None:
    r = run("questionnaire", "show", "kamtrust-8@1.0", "--lang", lang)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    head = next(line for line in lines if "| id " in line)
    assert [cell.strip() for cell in head.strip("|").split("|")] == ["#", "id", *header]
    assert lines[-1] == legend
    rows = [
        line.strip("|").split("|")
        for line in lines
        if line.startswith("|") and not line.startswith("|-") and line != head
    ]
    assert {cells[3].strip() for cells in rows} == {"", mark}


# -- 2. list --lang ----------------------------------------------------------------------------


def test_list_takes_lang_over_the_locale(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    r = run("questionnaire", "list", "--lang", "es")
    assert r.exit_code == 0
    assert "incluido" in r.stdout and "60 preguntas  Cómo construyes la confianza con un cliente clave" in r.stdout
    assert r.stderr.splitlines()[-1].startswith("Añade tus propios cuestionarios en ")
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    r = run("questionnaire", "list", "-l", "en")
    assert "built-in" in r.stdout and "60 items  How you build trust with a key client" in r.stdout


def test_list_refuses_a_language_it_cannot_speak(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    r = run("questionnaire", "list", "--lang", "fr")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "Error: idioma desconocido 'fr' para kamtrust; está disponible en: en, es\n"


# -- 3. no cascade; a capped list --------------------------------------------------------------


BAND_LABEL = ("  - {id: low, min: 0, label: {es: Bajo, en: Low}}", "  - {id: low, min: 0, label: {es: Bajo}}")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            "q.yaml no es un cuestionario válido (1 problema):\n"
            "  q.yaml:13: bands[0].label: falta el texto en 'en' (el cuestionario declara es, en)\n",
        ),
        (
            "en",
            "q.yaml is not a valid questionnaire (1 problem):\n"
            "  q.yaml:13: bands[0].label: missing the 'en' text (the questionnaire declares es, en)\n",
        ),
    ],
)
def test_a_band_with_an_incomplete_label_is_still_declared(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    r = validate(run, tmp_path, monkeypatch, VALID.replace(*BAND_LABEL), lang)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", said)


def test_a_band_with_a_wrong_min_is_still_declared() -> None:
    text = VALID.replace("  - {id: high, min: 50,", "  - {id: high, min: x,")
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text, "q.yaml")
    assert [p.where for p in caught.value.problems] == ["bands[1].min"]


def test_bands_that_are_no_list_do_not_make_every_advice_unknown() -> None:
    start, end = VALID.index("bands:"), VALID.index("factors:")
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(VALID[:start] + "bands: 3\n" + VALID[end:], "q.yaml")
    assert [p.text("es") for p in caught.value.problems] == [
        "q.yaml:12: bands: se esperaba una lista no vacía de bandas; se encontró el número 3"
    ]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            "q.yaml no es un cuestionario válido (1 problema):\n"
            "  q.yaml:3: languages: se esperaba una lista de códigos de idioma, como [es, en]; se encontró el texto 'es'\n",
        ),
        (
            "en",
            "q.yaml is not a valid questionnaire (1 problem):\n"
            "  q.yaml:3: languages: expected a list of language codes such as [es, en]; found the text 'es'\n",
        ),
    ],
)
def test_languages_that_are_no_list_are_reported_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    r = validate(run, tmp_path, monkeypatch, VALID.replace("languages: [es, en]", "languages: es"), lang)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", said)


def test_a_wrong_language_code_is_reported_once() -> None:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(VALID.replace("languages: [es, en]", "languages: [es, EN]"), "q.yaml")
    assert [p.where for p in caught.value.problems] == ["languages[1]"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            "q.yaml no es un cuestionario válido (2 problemas):\n"
            "  q.yaml:3: languages: 'fr' está declarado aquí, pero ningún texto lo tiene; añádelo a cada texto "
            "o quítalo de 'languages' (es, fr)\n"
            "  q.yaml:3: languages: todos los textos tienen 'en', que no está declarado aquí (es, fr); "
            "añádelo a 'languages' o quítalo de los textos\n",
        ),
        (
            "en",
            "q.yaml is not a valid questionnaire (2 problems):\n"
            "  q.yaml:3: languages: 'fr' is declared here but no text has it; add it to every text, "
            "or remove it from 'languages' (es, fr)\n"
            "  q.yaml:3: languages: every text has 'en', which is not declared here (es, fr); "
            "add it to 'languages', or remove it from the texts\n",
        ),
    ],
)
def test_a_language_no_text_has_is_said_once_at_languages(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    r = validate(run, tmp_path, monkeypatch, VALID.replace("languages: [es, en]", "languages: [es, fr]"), lang)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", said)


def test_a_language_most_texts_lack_is_still_said_text_by_text() -> None:
    text = VALID.replace("title: {es: Mini, en: Mini}", "title: {es: Mini, en: Mini, fr: Mini}")
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text.replace("languages: [es, en]", "languages: [es, en, fr]"), "q.yaml")
    problems = caught.value.problems
    assert len(problems) > 20 and all(p.why is not None and p.why.key == "qv_missing_language" for p in problems)


@pytest.mark.parametrize(
    ("lang", "head", "more"), [("es", "no es un cuestionario válido (25 problemas):", "… y 5 problemas más"),
                              ("en", "is not a valid questionnaire (25 problems):", "… and 5 more problems")]
)  # fmt: skip
def test_a_long_list_of_problems_is_capped(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, head: str, more: str
) -> None:
    # Every text lacks 'pt' but the title: 25 problems, each its own line.
    text = VALID.replace("languages: [es, en]", "languages: [es, en, pt]")
    text = text.replace("title: {es: Mini, en: Mini}", "title: {es: Mini, en: Mini, pt: Mini}")
    r = validate(run, tmp_path, monkeypatch, text, lang)
    lines = r.stderr.splitlines()
    assert (r.exit_code, lines[0], len(lines), lines[-1]) == (1, f"q.yaml {head}", 22, f"  {more}")
    assert all(line.startswith("  q.yaml:") for line in lines[1:21])


def test_the_cap_leaves_one_more_problem_in_the_singular() -> None:
    error = QuestionnaireError("q.yaml", _problems(21))
    assert error.problem_lines("en")[-1] == "… and 1 more problem"
    assert error.problem_lines("es")[-1] == "… y 1 problema más"
    assert error.message.splitlines()[-1] == "  … and 1 more problem"
    assert len(error.problems) == 21  # callers of the API still get every problem
    assert len(QuestionnaireError("q.yaml", _problems(20)).problem_lines("en")) == 20


def _problems(n: int) -> list[Any]:
    from kamtrust.errors import Problem

    return [Problem("q.yaml", i, "id", f"problem {i}") for i in range(1, n + 1)]


# -- 4. numbers as the file writes them --------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", 'q.yaml:2: version: se esperaba un texto entre comillas, como "1.0"; se encontró el número 2.0'),
        ("en", 'q.yaml:2: version: expected a quoted text such as "1.0"; found the number 2.0'),
    ],
)
def test_a_version_written_as_a_number_is_quoted_as_written(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    r = validate(run, tmp_path, monkeypatch, VALID.replace('version: "1.0"', "version: 2.0"), lang)
    assert (r.exit_code, r.stderr.splitlines()[1:]) == (1, [f"  {said}"])


def test_a_band_min_is_quoted_as_written() -> None:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(VALID.replace("{id: low, min: 0,", "{id: low, min: 0.5,"), "q.yaml")
    assert [p.text("es") for p in caught.value.problems] == [
        "q.yaml:13: bands[0].min: la primera banda debe empezar en 0; empieza en 0.5"
    ]


# -- 5. singular agreement ---------------------------------------------------------------------

ONE_ITEM = VALID.replace("      - {id: c2, text: {es: Improviso, en: I improvise}, reverse: true}\n", "")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "es",
            "q.yaml: válido — mini 1.0, 1 factor, polos de distancia, 5 preguntas, idiomas es, en\n"
            "  nota: credibility: 1 pregunta; hacen falta al menos 5 para una fiabilidad útil\n",
        ),
        (
            "en",
            "q.yaml: valid — mini 1.0, 1 factor, distance poles, 5 items, languages es, en\n"
            "  note: credibility: 1 item; at least 5 give a usable reliability\n",
        ),
    ],
)
def test_one_item_and_one_factor_in_the_singular(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    r = validate(run, tmp_path, monkeypatch, ONE_ITEM, lang)
    assert r.exit_code == 0 and r.stdout.startswith(said)


def test_one_rater_item_in_the_singular() -> None:
    from kamtrust.questionnaire.loader import rater_coverage

    text = VALID.replace(
        "      - {id: c1, text: {es: Digo la verdad, en: I tell the truth}}",
        "      - {id: c1, text: {es: Digo la verdad, en: I tell the truth}, observers: [client],"
        " observer: {es: Dice la verdad, en: Tells the truth}}",
    ).replace("      - {id: c2, text: {es: Improviso, en: I improvise}, reverse: true}\n", "")
    q = parse_questionnaire(text, "q.yaml")
    assert rater_coverage(q, "es")[0] == "evaluadores 'client': 1 pregunta; no pueden valorar proximity, perspective"
    assert rater_coverage(q, "en")[0] == "raters 'client': 1 item; cannot rate proximity, perspective"
    assert validation_warnings(q, "es")[0] == "credibility: 1 pregunta; hacen falta al menos 5 para una fiabilidad útil"


# -- 6. a broken file's problems in the list ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "head", "problem"),
    [
        (
            "es",
            "NO VÁLIDO: {path} no es un cuestionario válido (1 problema):",
            'version: se esperaba un texto entre comillas, como "1.0"; se encontró el número 2.0',
        ),
        (
            "en",
            "INVALID: {path} is not a valid questionnaire (1 problem):",
            'version: expected a quoted text such as "1.0"; found the number 2.0',
        ),
    ],
)
def test_list_shows_a_broken_files_problems_under_it(
    run: Run, data_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str, head: str, problem: str
) -> None:
    folder = data_dir / "questionnaires"
    folder.mkdir(parents=True)
    path = folder / "version.yaml"
    path.write_text(VALID.replace('version: "1.0"', "version: 2.0"), encoding="utf-8")
    monkeypatch.setenv("LANG", LOCALE[lang])
    r = run("questionnaire", "list")
    assert r.exit_code == 0
    origin = "propio" if lang == "es" else "user"
    assert r.stdout.splitlines()[-2:] == [
        f"version                   {origin:<9} {head.format(path=path)}",
        f"    {path}:2: {problem}",
    ]


def test_list_caps_a_broken_files_problems(run: Run, data_dir: Path) -> None:
    folder = data_dir / "questionnaires"
    folder.mkdir(parents=True)
    text = VALID.replace("languages: [es, en]", "languages: [es, en, pt]")
    (folder / "many.yaml").write_text(
        text.replace("title: {es: Mini, en: Mini}", "title: {es: Mini, en: Mini, pt: Mini}")
    )
    lines = run("questionnaire", "list").stdout.splitlines()
    assert lines[-1] == "    … and 5 more problems" and len(lines) == 2 + 1 + 21


# -- 7. a built-in questionnaire named by id and version ---------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "Error: idioma desconocido 'fr' para kamtrust-8 1.0; está disponible en: es, en\n"),
        ("en", "Error: unknown language 'fr' for kamtrust-8 1.0; it is available in: es, en\n"),
    ],
)
@pytest.mark.parametrize("command", [("assess",), ("questionnaire", "show", "kamtrust-8"),
                                     ("questionnaire", "export", "kamtrust-8", "--format", "md")])  # fmt: skip
def test_an_unknown_language_names_a_builtin_questionnaire_by_id_and_version(
    run: Run, monkeypatch: pytest.MonkeyPatch, lang: str, said: str, command: tuple[str, ...]
) -> None:
    monkeypatch.setenv("LANG", LOCALE[lang])
    r = run(*command, "--lang", "fr")
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", said)


def test_an_unknown_language_names_a_users_file_by_its_path(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mini.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("questionnaire", "show", "./mini.yaml", "--lang", "fr")
    assert (r.exit_code, r.stderr) == (2, "Error: unknown language 'fr' for ./mini.yaml; it is available in: es, en\n")


def test_the_api_names_a_builtin_questionnaire_by_id_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from kamtrust.api import questionnaire_language
    from kamtrust.errors import UsageError
    from kamtrust.questionnaire.registry import resolve

    with pytest.raises(UsageError) as caught:
        questionnaire_language("fr", resolve("kamtrust-8@2.0"))
    assert caught.value.message == "unknown language 'fr' for kamtrust-8 2.0; it is available in: es, en"
