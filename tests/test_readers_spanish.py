"""Every word of a questionnaire's problems, the registry's refusals and a damaged rating or group
summary in the user's language: the catalogue's keys, and what a trainer reads in each language.

The English of each refusal is pinned by the rule tests (test_loader_rules.py and its siblings);
here, the Spanish, and that English reads as it did.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.errors import KamtrustError, QuestionnaireError
from kamtrust.i18n import MESSAGES
from kamtrust.localerror import Count, Figure, ReasonError
from kamtrust.questionnaire import loader, registry
from kamtrust.questionnaire.loader import parse_questionnaire, rater_coverage, validation_warnings
from kamtrust.questionnaire.registry import resolve_id

from .test_against_rules import changed as summary_changed
from .test_against_rules import result as result  # the fixture: a person's result to show
from .test_against_rules import show_against
from .test_loader_rules import VALID

Run = Callable[..., Any]
SOURCES = {
    "qv_": Path(loader.__file__),
    "rs_": Path(registry.__file__),
    "rt_": Path(__file__).parents[1] / "kamtrust" / "results" / "rating.py",
    "ag_": Path(__file__).parents[1] / "kamtrust" / "documents" / "against.py",
    "yl_": Path(__file__).parents[1] / "kamtrust" / "yamlfile.py",
}
SAME_BY_NATURE: set[str] = set()
"""Keys whose Spanish is the English (none so far: every text has words of its own)."""


def keys(prefix: str) -> list[str]:
    return sorted(k for k in MESSAGES["en"] if k.startswith(prefix))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("prefix", sorted(SOURCES))
def test_every_problem_key_has_both_languages_with_the_same_values(prefix: str) -> None:
    found = keys(prefix)
    assert found, prefix
    for key in found:
        en, es = MESSAGES["en"][key], MESSAGES["es"].get(key)
        assert es is not None, key
        assert fields(en) == fields(es), key
        if key not in SAME_BY_NATURE:
            assert es != en, key


@pytest.mark.parametrize("prefix", sorted(SOURCES))
def test_every_key_the_code_names_is_in_the_catalogue(prefix: str) -> None:
    code = SOURCES[prefix].read_text(encoding="utf-8")
    named = set(re.findall(rf'"({prefix}[a-z_]+)"', code))
    if prefix == "qv_":
        named |= {f"qv_list_of_{what}" for what in ("factors", "items", "bands")}  # seq's ``what``
    assert named, prefix
    assert named <= set(MESSAGES["en"]), named - set(MESSAGES["en"])


def validate(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, lang: str) -> Any:
    (tmp_path / "q.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "es_ES.UTF-8" if lang == "es" else "C.UTF-8")
    return run("questionnaire", "validate", "q.yaml")


BARE = "id: x\nversion: 1\n"
BARE_SAYS = {
    "en": (
        "q.yaml is not a valid questionnaire (5 problems):\n"
        "  q.yaml:1: missing 'languages'\n"
        "  q.yaml:1: missing 'title'\n"
        "  q.yaml:1: missing 'scale'\n"
        "  q.yaml:1: missing 'factors'\n"
        '  q.yaml:2: version: expected a quoted text such as "1.0"; found the number 1\n'
    ),
    "es": (
        "q.yaml no es un cuestionario válido (5 problemas):\n"
        "  q.yaml:1: falta 'languages'\n"
        "  q.yaml:1: falta 'title'\n"
        "  q.yaml:1: falta 'scale'\n"
        "  q.yaml:1: falta 'factors'\n"
        '  q.yaml:2: version: se esperaba un texto entre comillas, como "1.0"; se encontró el número 1\n'
    ),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_bare_file_in_each_language(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """The lead's example: English exactly as before, Spanish under a Spanish locale."""
    r = validate(run, tmp_path, monkeypatch, BARE, lang)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", BARE_SAYS[lang])


@pytest.mark.parametrize(
    ("old", "new", "spanish"),
    [
        pytest.param(
            'version: "1.0"',
            "version: 1.5",
            'q.yaml:2: version: se esperaba un texto entre comillas, como "1.0"; se encontró el número 1.5',
            id="a-fraction-as-the-file-writes-it",
        ),
        pytest.param(
            "factors:\n",
            "items: []\nfactors:\n",
            "q.yaml:15: items: clave desconocida 'items'; las preguntas ('items') van dentro de un factor o de un "
            "polo de la distancia, cada una con su factor",
            id="items-at-the-top",
        ),
        pytest.param(
            "{es: Credibilidad, en: Credibility}",
            "{es: Credibilidad}",
            "q.yaml:17: factors[0].name: falta el texto en 'en' (el cuestionario declara es, en)",
            id="a-translation-missing",
        ),
        pytest.param(
            "{es: Credibilidad, en: Credibility}",
            "{es: Credibilidad, en: Credibility, pt: Credibilidade}",
            "q.yaml:17: factors[0].name.pt: el idioma 'pt' no está declarado en 'languages' (es, en)",
            id="an-undeclared-translation",
        ),
        pytest.param(
            "  - {id: high, min: 50,",
            "  - {id: high, min: 0.0,",
            "q.yaml:14: bands[1].min: las bandas deben ir en orden ascendente de min; 0.0 no es mayor que 0",
            id="bands-out-of-order",
        ),
        pytest.param(
            "{id: c2, text:",
            "{id: c1, text:",
            "q.yaml:20: factors[0].items[1].id: id de pregunta repetido 'c1' (usado por primera vez en la línea 19); "
            "los ids de las preguntas deben ser únicos en todo el archivo",
            id="an-item-id-twice",
        ),
        pytest.param(
            "  max: 3\n",
            "  max: yes\n",
            "q.yaml:7: scale.max: se esperaba un número entero; se encontró el booleano true",
            id="a-boolean",
        ),
        pytest.param(
            "    low: {es: Trabaja en ello, en: Work on it}\n",
            "    lows: {es: Trabaja en ello, en: Work on it}\n",
            "q.yaml:22: factors[0].advice: falta el consejo para la banda 'low'\n"
            "  q.yaml:22: factors[0].advice.lows: banda desconocida 'lows'; se esperaba una de: low, high",
            id="advice-for-an-unknown-band",
        ),
    ],
)
def test_the_problems_in_spanish(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, spanish: str
) -> None:
    assert VALID.count(old) == 1, old
    r = validate(run, tmp_path, monkeypatch, VALID.replace(old, new), "es")
    n = spanish.count("\n") + 1
    head = "1 problema" if n == 1 else f"{n} problemas"
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", f"q.yaml no es un cuestionario válido ({head}):\n  {spanish}\n")


def test_every_found_value_is_said_in_both_languages() -> None:
    """What a value was, in each language (a number as the file writes it: no decimal comma)."""
    said = {
        None: ("nothing", "un valor vacío"),
        True: ("the boolean true", "el booleano true"),
        2.5: ("the number 2.5", "el número 2.5"),
        7: ("the number 7", "el número 7"),
        "abc": ("the text 'abc'", "el texto 'abc'"),
        "x" * 40: ("a text", "un texto"),
        (1,): ("tuple", "un valor de tipo tuple"),
    }
    for value, (en, es) in said.items():
        why = loader._type_name(value)
        assert (why.text("en"), why.text("es")) == (en, es), value
    assert (loader._type_name([]).text("es"), loader._type_name({}).text("es")) == (
        "una lista",
        "un mapa (claves con valores)",
    )


def test_a_questionnaire_error_keeps_its_english_message() -> None:
    """Callers that read ``message`` or a problem's ``str`` read the English as before."""
    with pytest.raises(QuestionnaireError) as info:
        parse_questionnaire(BARE, "q.yaml")
    assert info.value.message + "\n" == BARE_SAYS["en"]
    assert info.value.text("en") == info.value.message
    assert str(info.value.problems[-1]) == 'q.yaml:2: version: expected a quoted text such as "1.0"; found the number 1'


def test_questionnaire_show_of_a_broken_file_under_lang_es(run: Run, tmp_path: Path) -> None:
    """A command with --lang says a questionnaire's problems in that language, whatever the locale."""
    path = tmp_path / "q.yaml"
    path.write_text(BARE, encoding="utf-8")
    r = run("questionnaire", "show", str(path), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr == "Error: " + BARE_SAYS["es"].replace("q.yaml", str(path))


def test_the_notes_on_a_valid_questionnaire_in_spanish(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = validate(run, tmp_path, monkeypatch, VALID, "es")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1:] == [
        "  nota: credibility: 2 preguntas; hacen falta al menos 5 para una fiabilidad útil",
        "  nota: proximity: 2 preguntas; hacen falta al menos 4 para una fiabilidad útil",
        "  nota: perspective: 2 preguntas; hacen falta al menos 4 para una fiabilidad útil",
    ]


def test_rater_notes_in_both_languages() -> None:
    text = VALID.replace(
        "{id: c1, text: {es: Digo la verdad, en: I tell the truth}}",
        "{id: c1, text: {es: Digo la verdad, en: I tell the truth}, observers: [client], "
        "observer: {es: Dice la verdad, en: Tells the truth}}",
    ).replace(
        "{id: c2, text: {es: Improviso, en: I improvise}, reverse: true}",
        "{id: c2, text: {es: Improviso, en: I improvise}, reverse: true, observers: [client], "
        "observer: {es: Improvisa, en: Improvises}}",
    )
    q = parse_questionnaire(text + "manager_alone: true\n", "q.yaml")
    assert rater_coverage(q) == [
        "raters 'client': 2 items; cannot rate proximity, perspective",
        "manager_alone: the manager's ratings are shown as a role of their own",
    ]
    assert rater_coverage(q, "es") == [
        "evaluadores 'client': 2 preguntas; no pueden valorar proximity, perspective",
        "manager_alone: las valoraciones del responsable se muestran como un rol propio",
    ]
    assert validation_warnings(q, "es")[0] == (
        "credibility: 2 preguntas; hacen falta al menos 5 para una fiabilidad útil"
    )


def test_an_id_read_from_a_file_is_refused_in_both_languages() -> None:
    with pytest.raises(ReasonError) as info:
        resolve_id("../etc/passwd")
    assert info.value.message == (
        "'../etc/passwd' is not a questionnaire id (a lower-case letter, then letters, digits, '-' or '_')"
    )
    assert info.value.text("es") == (
        "'../etc/passwd' no es un id de cuestionario (una letra minúscula y después letras, cifras, '-' o '_')"
    )


def test_a_hint_given_by_a_command_replaces_the_translated_one() -> None:
    """``with_hint`` (a command that swaps the hint for its own option) wins in every language."""
    with pytest.raises(KamtrustError) as info:
        registry.resolve("nope")
    swapped = info.value.with_hint("use --other")
    assert swapped.text("es") == "no se encuentra el cuestionario 'nope'; use --other"  # type: ignore[attr-defined]
    assert info.value.text("es").startswith("no se encuentra el cuestionario 'nope'; conocidos: ")  # type: ignore[attr-defined]


def test_the_unknown_id_in_spanish_with_no_questionnaire_known(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(registry, "builtin_dir", lambda: tmp_path / "none")
    r = run("questionnaire", "show", "nope", "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: no se encuentra el cuestionario 'nope'; conocidos: ninguno. Indica un id de cuestionario o la ruta "
        "de un archivo .yaml (consulta 'kamtrust questionnaire list').\n"
    )


@pytest.mark.parametrize(
    ("doc", "spanish"),
    [
        pytest.param(
            summary_changed(total__factors__credibility={"mean": 100.5}),
            "es un resumen de grupo dañado: la media de 'credibility' es 100,5, fuera de 0-100",
            id="mean-with-a-decimal-comma",
        ),
        pytest.param(
            summary_changed(total__n=0),
            "el grupo solo tiene 0 resultados, menos que su umbral de anonimato de 3; con tan pocas personas no se "
            "hace ninguna comparación",
            id="nobody",
        ),
        pytest.param(
            summary_changed(total__suppressed=True, total__n=None),
            "los resultados del grupo no se muestran (demasiado pocas personas); para compararse con un grupo hace "
            "falta un resumen de al menos 3 personas",
            id="withheld-without-reason",
        ),
        pytest.param([1], "no es un resumen de grupo de kamtrust (se esperaba un objeto JSON)", id="not-an-object"),
        pytest.param(
            summary_changed(schema="kamtrust.result/3"),
            "es el resultado de una persona, no un resumen de grupo; --against necesita el resumen JSON que se crea "
            "con 'kamtrust group summary --format json'",
            id="a-result",
        ),
        pytest.param(
            summary_changed(min_group=0),
            "es un resumen de grupo dañado: 'min_group' debe ser un número entero de al menos 1",
            id="min-group-zero",
        ),
    ],
)
def test_show_against_refusals_in_spanish(run: Run, tmp_path: Path, result: Path, doc: Any, spanish: str) -> None:
    path, r = show_against(run, tmp_path, result, doc, "--lang", "es")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", f"Error: {path}: {spanish}\n")


def test_a_figure_keeps_whole_numbers_and_english_points() -> None:
    assert [Figure(v).text(lang) for v in (3, 2.5, "a.b") for lang in ("en", "es")] == [
        "3",
        "3",
        "2.5",
        "2,5",
        "a.b",
        "a.b",
    ]


def test_a_count_groups_thousands_in_each_language() -> None:
    assert [Count(100_000).text(lang) for lang in ("en", "es")] == ["100,000", "100 000"]


@pytest.mark.parametrize(
    ("text", "spanish"),
    [
        pytest.param(
            'id: x\nversion: "1"\nlanguages: [es]\ntitle: "a\n  es: b\n',
            "Error: q.yaml: no es YAML válido en la línea 6, columna 1 (al leer un texto entre comillas, "
            "el archivo termina antes de tiempo)\n",
            id="a-quote-left-open",
        ),
        pytest.param("", "Error: q.yaml: está vacío\n", id="empty"),
        pytest.param(
            BARE + "id: y\n",
            "Error: q.yaml no es un cuestionario válido (6 problemas):\n"
            "  q.yaml:1: falta 'languages'\n"
            "  q.yaml:1: falta 'title'\n"
            "  q.yaml:1: falta 'scale'\n"
            "  q.yaml:1: falta 'factors'\n"
            '  q.yaml:2: version: se esperaba un texto entre comillas, como "1.0"; se encontró el número 1\n'
            "  q.yaml:3: id: clave repetida 'id' (definida por primera vez en la línea 1)\n",
            id="a-key-twice",
        ),
    ],
)
def test_a_broken_yaml_file_in_spanish(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, spanish: str
) -> None:
    """What the YAML reader finds, in Spanish (PyYAML's own description of the syntax stays as it says it)."""
    (tmp_path / "q.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("questionnaire", "show", "q.yaml", "--lang", "es")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", spanish)


def test_a_copied_questionnaire_error_keeps_its_problems() -> None:
    with pytest.raises(QuestionnaireError) as info:
        parse_questionnaire(BARE, "q.yaml")
    swapped = info.value.with_hint("see the guide")
    assert isinstance(swapped, QuestionnaireError)
    assert (swapped.problems, swapped.hint) == (info.value.problems, "see the guide")
    assert swapped.text("es").splitlines()[1:] == BARE_SAYS["es"].splitlines()[1:]


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "Warning: {path}: the group answered kamtrust-8 0.9; this profile is scored with 1.0"),
        ("es", "Aviso: {path}: el grupo respondió kamtrust-8 0.9; este perfil se puntúa con 1.0"),
    ],
)
def test_another_version_of_the_group_is_a_warning_in_the_chosen_language(
    run: Run, tmp_path: Path, result: Path, lang: str, warning: str
) -> None:
    path, r = show_against(run, tmp_path, result, summary_changed(questionnaire__version="0.9"), "--lang", lang)
    assert r.exit_code == 0
    assert warning.format(path=path) in r.stderr
