"""Issue 11 (a new trainer's findings): honest form intro, messages in the chosen language,
one name for -o, localized placeholders, 'internal consistency', the roster CSV warning first."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]

ES = {"LANG": "es_ES.UTF-8"}


# --- §1: the form's introduction tells the truth about who sees the answers


@pytest.mark.parametrize("kind", ["gforms", "msforms"])
@pytest.mark.parametrize("ref", ["kamtrust-8", "kamtrust-8@1.0"])
def test_form_intro_is_honest_in_spanish(run: Run, kind: str, ref: str) -> None:
    r = run("questionnaire", "export", ref, "--format", kind, "--lang", "es")
    assert r.exit_code == 0
    assert "solo tú decides con quién compartirlos" not in r.stdout
    assert (
        "Tus respuestas llegan a quien imparte el taller y gestiona este formulario, que ve las respuestas "
        "de cada participante. Al grupo solo se le muestran cifras de grupos de al menos 3 personas, nunca "
        "quién respondió qué. A cambio recibirás tu propio perfil de confianza: tus puntuaciones por factor "
        "y las palancas que puedes trabajar."
    ) in r.stdout


def test_form_intro_is_honest_in_english(run: Run) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "--format", "gforms", "--lang", "en")
    assert r.exit_code == 0
    assert "only you decide who to share them with" not in r.stdout
    assert (
        "Your answers go to the trainer who runs this form, who sees each participant's answers. The group "
        "is shown figures only for groups of at least 3 people, never who answered what. In return you will "
        "get your own trust profile: your scores per factor and the levers you can work on."
    ) in r.stdout


def test_personal_intro_keeps_its_promise(run: Run) -> None:
    """The paper form (md) is the participant's own: its intro is the questionnaire's, unchanged."""
    r = run("questionnaire", "export", "kamtrust-8", "--format", "md", "--lang", "es")
    assert "Tus resultados son privados y solo tú decides con quién compartirlos." in r.stdout


# --- §2: questionnaire export/guide and the output policy speak the chosen language


@pytest.mark.parametrize("command", [["questionnaire", "guide"], ["questionnaire", "export", "kamtrust-8", "-f", "md"]])
def test_written_and_exists_in_spanish(run: Run, tmp_path: Path, command: list[str]) -> None:
    out = tmp_path / "guia.md"
    r = run(*command, "-o", str(out), "--lang", "es")
    assert r.exit_code == 0 and r.stderr == f"Escrito en {out}\n"
    r = run(*command, "-o", str(out), "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: no se puede escribir {out}: el archivo ya existe; elige otro nombre o añade --force para "
        "sobrescribirlo\n"
    )


def test_written_and_exists_in_english(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "guide.md"
    assert run("questionnaire", "guide", "-o", str(out), "--lang", "en").stderr == f"Written to {out}\n"
    r = run("questionnaire", "guide", "-o", str(out), "--lang", "en")
    assert r.exit_code == 1
    assert (
        r.stderr == f"Error: cannot write {out}: the file exists; choose another name or add --force to overwrite it\n"
    )


def test_spanish_locale_alone_is_enough(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "g.md"
    out.write_text("x")
    r = run("questionnaire", "guide", "-o", str(out), env=ES)
    assert r.exit_code == 1 and "no se puede escribir" in r.stderr and "el archivo ya existe" in r.stderr


def test_symlink_refusal_in_spanish(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("keep")
    link = tmp_path / "link.md"
    os.symlink(target, link)
    r = run("questionnaire", "export", "kamtrust-8", "-f", "md", "-o", str(link), "--lang", "es", "--force")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: no se puede escribir {link}: es un enlace simbólico; kamtrust nunca escribe a través de un "
        "enlace, para que el archivo al que apunta no se sustituya por error: indica la ruta del archivo real "
        "u otro nombre\n"
    )
    assert target.read_text() == "keep"


def test_guide_refuses_a_folder_like_every_output(run: Run, tmp_path: Path) -> None:
    r = run("questionnaire", "guide", "-o", str(tmp_path), "--lang", "es", "--force")
    assert r.exit_code == 1
    assert r.stderr == f"Error: no se puede escribir {tmp_path}: es una carpeta; indica un nombre de archivo\n"


def test_sep_error_in_spanish(run: Run) -> None:
    r = run("questionnaire", "export", "kamtrust-8", "--sep", "x", "--lang", "es")
    assert r.exit_code == 2 and r.stderr == "Error: --sep debe ser ',' o ';', no 'x'\n"


def test_validate_and_list_in_spanish(run: Run) -> None:
    from kamtrust.questionnaire.registry import builtin_dir

    path = builtin_dir() / "kamtrust-8.yaml"
    r = run("questionnaire", "validate", str(path), env=ES)
    assert r.stdout.startswith(
        f"{path}: válido — kamtrust-8 1.0, 8 factores, polos de distancia, 50 preguntas, idiomas "
    )
    r = run("questionnaire", "list", env=ES)
    assert " 50 preguntas  Cómo construyes la confianza con tus clientes clave" in r.stdout
    assert "Añade tus propios cuestionarios en " in r.stderr


# --- §3 and §4: one name for the output option; placeholders in the help's language


@pytest.fixture(scope="module")
def helps_es() -> dict[str, tuple[int, str]]:
    from .test_help_es import every_help

    return every_help(LANG="es_ES.UTF-8")


@pytest.fixture(scope="module")
def helps_en() -> dict[str, tuple[int, str]]:
    from .test_help_es import every_help

    return every_help(LANG="en_US.UTF-8")


def _options(text: str) -> list[str]:
    return [
        line.split("  ")[1] if line.startswith("  ") else line for line in text.splitlines() if line.startswith("  -")
    ]


def test_every_output_option_is_called_output(
    helps_es: dict[str, tuple[int, str]], helps_en: dict[str, tuple[int, str]]
) -> None:
    for helps in (helps_es, helps_en):
        for name, (_, text) in helps.items():
            assert "--out " not in text and "--out," not in text, name
    for name in (
        "assess",
        "report",
        "group report",
        "group summary",
        "group compare",
        "group roster",
        "import",
        "questionnaire export",
        "questionnaire guide",
    ):
        assert "-o, --output " in helps_es[name][1], name


def test_spanish_placeholders(helps_es: dict[str, tuple[int, str]]) -> None:
    for name, (_, text) in helps_es.items():
        for english in ("<path>", "<str>", "<int", "<integer", "paths...", "files..."):
            assert english not in text, (name, english)
        assert not re.search(r"\b(RESULT|PATH|FILE|FOLDER|TEXT|DATE|LANG|NAME|ACCOUNT)\b", text), name
        # Click's own words too (cli/clickwords.py)
        for english in (
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Show this message",
            "[default:",
            "[required]",
        ):
            assert english not in text, (name, english)
    assert "Uso: kamtrust group summary [OPCIONES] {RUTA...}" in helps_es["group summary"][1]
    assert "Uso: kamtrust report [OPCIONES] {RESULTADO...}" in helps_es["report"][1]
    assert "Uso: kamtrust group compare [OPCIONES] {ANTES} {DESPUÉS}" in helps_es["group compare"][1]
    assert "-h, --help                      Muestra esta ayuda y termina." in helps_es["group summary"][1]
    assert "[por defecto: id]" in helps_es["group summary"][1]
    summary = helps_es["group summary"][1]
    for option in (
        "-o, --output ARCHIVO",
        "--min-group N",
        "--sep SEPARADOR",
        "--by CAMPO",
        "-q, --questionnaire ID|ARCHIVO",
        "-l, --lang IDIOMA",
        "--account CUENTA",
        "--cohort COHORTE",  # not "GRUPO": the group is the whole set; profiles say "Cohorte"
        "--name NOMBRE",
        "--since FECHA",
        "--until FECHA",
    ):
        assert f"  {option} " in summary, option
    assert "  -o, --output CARPETA " in helps_es["import"][1]
    assert "  -o, --output ARCHIVO|CARPETA " in helps_es["report"][1]
    assert "  --timezone ZONA " in helps_es["import"][1]


def test_english_placeholders(helps_en: dict[str, tuple[int, str]]) -> None:
    for name, (_, text) in helps_en.items():
        for raw in ("<path>", "<str>", "<int"):
            assert raw not in text, (name, raw)
    assert "Usage: kamtrust group summary [OPTIONS] {PATH...}" in helps_en["group summary"][1]
    assert "  -o, --output FILE " in helps_en["group summary"][1]
    assert "  --since DATE " in helps_en["group summary"][1]
    assert "  -o, --output FOLDER " in helps_en["import"][1]


@pytest.mark.parametrize("spelling", [["--out"], ["--output"], ["-o"], ["--out=X"]])
def test_out_is_still_accepted(run: Run, tmp_path: Path, q: Any, spelling: list[str]) -> None:
    from .groupdata import keyed, write_result

    for n in range(3):
        write_result(tmp_path / "res", q, keyed(q, {}, default=2 + n % 3), name=f"P{n}", account="A")
    out = tmp_path / "g.md"
    args = [s.replace("X", str(out)) for s in spelling] + ([] if "=" in spelling[0] else [str(out)])
    r = run("group", "report", str(tmp_path / "res"), *args, "--lang", "es")
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("#")


# --- shared data: eight people at two accounts, one of them in Quetzalcóatl


@pytest.fixture
def group(q: Any, tmp_path: Path) -> Path:
    from .groupdata import keyed, write_result

    d = tmp_path / "res"
    people = [("Marta", "Norte", 2), ("Luis", "Norte", 3), ("Ana", "Norte", 4), ("Eva", "Norte", 3)]
    people += [("Pablo", "Levante", 2), ("Sofía", "Levante", 4), ("Elena", "Levante", 3), ("Carmen", "Levante", 5)]
    for n, (name, account, level) in enumerate(people):
        # vary one factor so that alpha exists and is not 1
        write_result(d, q, keyed(q, {"credibility": 1 + (n * 3) % 5}, default=level), name=name, account=account)
    return d


# --- §5: Cronbach's alpha is "internal consistency", never the factor's name


def test_items_heading_and_compare_note_in_spanish(run: Run, group: Path) -> None:
    out = run("group", "summary", str(group), "--items", "--lang", "es").stdout
    assert "Consistencia interna (alfa de Cronbach, respuestas completas" in out
    assert "Fiabilidad (alfa" not in out
    r = run("group", "compare", str(group), str(group), "--lang", "es")
    assert "fiabilidad supuesta" not in r.stdout


def test_items_heading_in_english(run: Run, group: Path) -> None:
    out = run("group", "summary", str(group), "--items", "--lang", "en").stdout
    assert "Internal consistency (Cronbach's alpha, complete answers" in out
    assert "Reliability (Cronbach" not in out


@pytest.mark.parametrize(("lang", "sheet"), [("es", "Consistencia interna"), ("en", "Internal consistency")])
def test_alpha_sheet_name(run: Run, group: Path, tmp_path: Path, lang: str, sheet: str) -> None:
    import zipfile

    out = tmp_path / "s.xlsx"
    assert run("group", "summary", str(group), "--items", "--lang", lang, "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as z:
        sheets = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
    assert sheet in sheets and "Fiabilidad" not in sheets and "Reliability" not in sheets


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("es", "Consistencia interna de las escalas (alfa de Cronbach)"),
        ("en", "Internal consistency of the scales (Cronbach's alpha)"),
    ],
)
def test_group_report_alpha_heading(run: Run, group: Path, lang: str, heading: str) -> None:

    page = run("group", "report", str(group), "--lang", lang).stdout
    assert f"<h2>{heading}</h2>".replace("'", "&#39;") in page


def test_rci_words(run: Run) -> None:
    from kamtrust.i18n import t

    assert t("es", "rci_assumed", r="0,70", cases=10).startswith("consistencia interna supuesta 0,70:")
    assert t("en", "rci_alpha", r="0.84") == "internal consistency: Cronbach's alpha of the before session, 0.84"


# --- §6: the roster CSV's warning is its first row


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        (
            "es",
            "Este listado muestra nombres y puntuaciones personales: solo para el seguimiento de quien imparte el taller; no lo entregues ni lo compartas.",
        ),
        (
            "en",
            "This roster shows names and personal scores: for the trainer's follow-up only; do not hand it out or share it.",
        ),
    ],
)
def test_roster_csv_warning_first(run: Run, group: Path, tmp_path: Path, lang: str, warning: str) -> None:
    out = tmp_path / "roster.csv"
    r = run("group", "roster", str(group), "--with-names", "-f", "csv", "--sep", ";", "--lang", lang, "-o", str(out))
    assert r.exit_code == 0
    lines = out.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0] == f'"{warning}"'  # quoted: it holds the separator
    assert lines[1] == ""
    assert lines[2].startswith("Listado:" if lang == "es" else "Roster:")


# --- §7: the cosmetic findings


def test_csv_keeps_the_terminals_digits() -> None:
    from kamtrust.export.csvfile import format_cell
    from kamtrust.export.words import Dec

    assert format_cell(Dec(0.9, 2), ",") == "0,90"
    assert format_cell(Dec(1.4, 2), ".") == "1.40"
    assert format_cell(Dec(50.0, 1), ",") == "50,0"
    assert format_cell(Dec(-0.001, 2), ".") == "0.00"


def test_summary_csv_alpha_and_item_scale(run: Run, group: Path) -> None:
    text = run("group", "summary", str(group), "--items", "--lang", "es", "-f", "csv", "--sep", ";").stdout
    items = [line.split(";") for line in text.splitlines() if line.startswith("Total;") and "cred_" in line]
    assert items and {row[4] for row in items} == {"Credibilidad"}
    alphas = [line.split(";")[5] for line in text.splitlines() if line.startswith("Total;credibility;Credibilidad;")]
    assert alphas and all(re.fullmatch(r"-?\d+,\d\d", a) for a in alphas), alphas


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("es", "Los consejos que siguen son los que cada participante lee en su propio perfil para ese nivel"),
        ("en", "The advice below is what each participant reads in their own profile at that band"),
    ],
)
def test_group_advice_is_framed_for_the_trainer(run: Run, group: Path, lang: str, note: str) -> None:
    for args in ([], ["-f", "md"]):
        assert note in " ".join(run("group", "summary", str(group), "--lang", lang, *args).stdout.split()), args
    assert note in run("group", "report", str(group), "--lang", lang).stdout
    assert note in run("group", "report", str(group), "--lang", lang, "-f", "md").stdout


def test_import_help_says_archivo(run: Run) -> None:
    from kamtrust.i18n import HELP_TEXTS

    assert not [k for k, v in HELP_TEXTS["es"].items() if re.search(r"\bfichero", v, re.IGNORECASE)]
    assert HELP_TEXTS["es"]["import.map"].startswith("Archivo YAML que asigna")


def test_masked_improvement_is_said_once() -> None:
    from kamtrust.i18n import t

    es = t("es", "rci_sentence_masked", name="Credibilidad", why="oculto: menos de 3 personas", change="+2,0")
    assert es == "Credibilidad: cuántos mejoran de forma fiable — oculto: menos de 3 personas; cambio medio +2,0"
    en = t("en", "rci_sentence_masked", name="Credibility", why="hidden: fewer than 3 people", change="+2.0")
    assert en == "Credibility: how many improve reliably — hidden: fewer than 3 people; mean change +2.0"


def test_html_alpha_and_per_account_tables_have_the_poles(run: Run, group: Path) -> None:
    html = run("group", "report", str(group), "--by", "account", "--lang", "es").stdout
    alpha = html[html.index('id="kt-reliability-table"') :]
    alpha = alpha[: alpha.index("</table>")]
    per = html[html.index('id="kt-subgroup-table"') :]
    per = per[: per.index("</table>")]
    for table in (alpha, per):
        assert "<td>Cercanía (la serpiente)</td>" in table and "<td>Perspectiva (el águila)</td>" in table
    md = run("group", "report", str(group), "--by", "account", "--lang", "es", "-f", "md").stdout
    assert "| Cercanía (la serpiente) |" in md


def test_dot_chart_labels_wrap() -> None:
    from kamtrust.report import svg

    out = svg.strip_plot(
        [
            svg.StripRow("Intimidad (confianza personal)", (50.0,), 50.0, "50,0"),
            svg.StripRow("Interés genuino por el cliente", (60.0,), 60.0, "60,0"),
        ],
        band_edges=(0.0, 50.0, 80.0),
        title="t",
        mean_label="Media",
    )
    assert "…" not in out
    for part in (
        "Intimidad (confianza</tspan>",
        ">personal)</tspan>",
        ">Interés genuino por el</tspan>",
        ">cliente</tspan>",
    ):
        assert part in out, part


def test_roster_zone_keeps_its_parenthesis(run: Run, group: Path) -> None:
    out = run("group", "roster", str(group), "--with-names", "--lang", "es").stdout
    assert "(Quetzalcóatl)" in out
    assert not re.search(r"^\s*\)\s", out, re.MULTILINE)
