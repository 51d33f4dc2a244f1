"""Three things a trainer tripped on: the command a rater's sheet refusal offers works as copied,
the answers-file examples name the questionnaire's own item ids, and a group of one shared id
says to match by name before lowering the anonymity threshold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.registry import resolve

from .test_feedback import answers_for

Run = Callable[..., Any]
V2 = "kamtrust-8@2.0"

# ------------------------------------------------------------------ 1. the sheet's command works


@pytest.fixture
def saved(run: Run, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A result saved in the results folder (no -o), as `assess` leaves it; cwd is another folder."""
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")  # the rater forms are version 2.0's
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    Path("self.yaml").write_text(json.dumps({"answers": answers_for(resolve(V2), {})}), encoding="utf-8")
    r = run("assess", "--answers", "self.yaml", "--name", "Lupita Hernández", "--account", "Bimbo")
    assert r.exit_code == 0, r.stderr
    (path,) = (data_dir / "results").glob("*.json")
    return path


def peer_sheet(run: Run, rated: str, lang: str) -> Path:
    """A peer's sheet for ``rated`` (as given to --for) with its first statement answered 4."""
    r = run("feedback", "form", "--role", "peer", "--for", rated, "-f", "answers", "--lang", lang, "-o", "peer.yaml")
    assert r.exit_code == 0, r.stderr
    sheet = Path("peer.yaml")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("  cred2_1:\n", "  cred2_1: 4\n"), encoding="utf-8")
    return sheet


def copied_command(stderr: str) -> list[str]:
    """The command a refusal offers, as a user copies it (after 'kamtrust ')."""
    import shlex

    return shlex.split(" ".join(stderr.split()).rsplit("kamtrust ", 1)[1])


@pytest.mark.parametrize(
    ("lang", "lead"),
    [("en", "To record it as a rating: kamtrust "), ("es", "Para registrarla como valoración: kamtrust ")],
)
def test_the_refusal_names_the_saved_result_and_its_command_works(
    run: Run, saved: Path, data_dir: Path, lang: str, lead: str
) -> None:
    sheet = peer_sheet(run, str(saved), lang)
    assert f'for: "{saved.name}"' in sheet.read_text(encoding="utf-8")  # the sheet holds only the name
    r = run("assess", "--answers", "peer.yaml", "--lang", lang)
    assert r.exit_code == 1
    said = " ".join(r.stderr.split())
    assert said.endswith(f"{lead}assess --as peer --for {saved} --answers peer.yaml")
    r = run(*copied_command(r.stderr), "-o", "rating.json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(Path("rating.json").read_text(encoding="utf-8"))["answers"] == {"cred2_1": 4}


def test_the_sheets_for_is_kept_when_it_exists_from_here(run: Run, saved: Path) -> None:
    Path("copy.json").write_bytes(saved.read_bytes())
    peer_sheet(run, "copy.json", "en")
    r = run("assess", "--answers", "peer.yaml", "--lang", "en")
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()).endswith("kamtrust assess --as peer --for copy.json --answers peer.yaml")


def test_the_sheets_for_is_kept_when_found_nowhere(run: Run, saved: Path) -> None:
    peer_sheet(run, str(saved), "es")
    saved.unlink()
    r = run("assess", "--answers", "peer.yaml", "--lang", "es")
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()).endswith(f"kamtrust assess --as peer --for {saved.name} --answers peer.yaml")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_for_a_bare_name_finds_the_result_in_the_results_folder(run: Run, saved: Path, lang: str) -> None:
    peer_sheet(run, str(saved), lang)
    args = ["assess", "--as", "peer", "--for", saved.name, "--answers", "peer.yaml", "--lang", lang]
    r = run(*args, "-o", "rating.json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(Path("rating.json").read_text(encoding="utf-8"))["answers"] == {"cred2_1": 4}


def test_for_prefers_the_file_in_the_current_folder(run: Run, saved: Path) -> None:
    """A file of that name here is the one meant: here it is no result, and is refused as such."""
    Path(saved.name).write_text("not json", encoding="utf-8")
    peer_sheet(run, str(saved), "en")
    r = run("assess", "--as", "peer", "--for", saved.name, "--answers", "peer.yaml", "-o", "rating.json")
    assert r.exit_code == 1 and not Path("rating.json").exists()
    assert r.stderr.startswith(f"Error: {saved.name}:")


def test_for_a_name_found_nowhere_is_still_refused(run: Run, saved: Path) -> None:
    peer_sheet(run, str(saved), "es")
    r = run("assess", "--as", "peer", "--for", "nadie.json", "--answers", "peer.yaml", "--lang", "es")
    assert r.exit_code == 1
    assert " ".join(r.stderr.split()) == "Error: nadie.json: no se encuentra el archivo"
    r = run("assess", "--as", "peer", "--for", "sub/" + saved.name, "--answers", "peer.yaml", "--lang", "es")
    assert r.exit_code == 1  # a path with a folder is never looked for elsewhere


# ------------------------------------------------------------------ 2. examples name the questionnaire's ids


@pytest.mark.parametrize(
    ("lang", "not_mapping", "empty"),
    [
        (
            "en",
            "'answers' must map item ids to numbers (e.g. cred2_1: 4)",
            "has no answers: write a number after each question id (e.g. cred2_1: 4), or answer in the terminal "
            "with `kamtrust assess`",
        ),
        (
            "es",
            "'answers' debe asignar un número a cada id de pregunta (p. ej., cred2_1: 4)",
            "no tiene respuestas: escribe un número tras cada id de pregunta (p. ej., cred2_1: 4), o responde en "
            "el terminal con `kamtrust assess`",
        ),
    ],
)
def test_the_answers_examples_use_the_questionnaires_first_item(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, not_mapping: str, empty: str
) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")  # the default, 2.0, whose ids are cred2_1…
    f = tmp_path / "a.yaml"
    f.write_text("answers: [1, 2]\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--lang", lang)
    assert r.exit_code == 1 and r.stderr == f"Error: {f}: {not_mapping}\n"
    f.write_text("answers: {}\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--lang", lang)
    assert r.exit_code == 1 and " ".join(r.stderr.split()) == f"Error: {f}: {empty}"
    # Under 1.0 the example is 1.0's first id, which 1.0's answers files use.
    r = run("assess", "--answers", str(f), "--lang", lang, "--questionnaire", "kamtrust-8@1.0")
    assert r.exit_code == 1 and "cred_1: 4)" in r.stderr


def test_the_example_point_lies_on_the_scale() -> None:
    from dataclasses import replace

    from kamtrust.results.answers import example_answer

    q = resolve(V2)
    assert example_answer(q) == {"item": "cred2_1", "point": 4}
    small = replace(q, scale=replace(q.scale, min=0, max=3))
    assert example_answer(small) == {"item": "cred2_1", "point": 3}


# ------------------------------------------------------------------ 3. a group on one computer


SHARED_EN = (
    "a report would show individuals. {shared} results share a participant id with others under different names "
    "(typed in on one computer?), and each id counts as one person. If they are different people, add --match "
    "name; otherwise add results, or lower --min-group if everyone agreed."
)
SHARED_ES = (
    "{shared} resultados comparten id de participante con otros de nombre distinto (¿escritos en un mismo "
    "ordenador?), y cada id cuenta como una sola persona. Si son personas distintas, añade --match name; si no, "
    "añade resultados, o baja --min-group si todas las personas están de acuerdo."
)


def error_line(r: Any) -> str:
    """The refusal, as one line (the terminal wraps it)."""
    return " ".join(r.stderr.split("Error: ", 1)[1].split())


@pytest.fixture
def one_computer(tmp_path: Path) -> Path:
    """Six people typed in on one computer: one participant id, six names."""
    from .test_one_computer import NAMES, person

    q = resolve("kamtrust-8@1.0")
    for n, name in enumerate(NAMES):
        person(tmp_path / "grp" / f"r{n}.json", q, name, minute=n)
    return tmp_path / "grp"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the group has only 1 person, fewer than the anonymity threshold of 3: " + SHARED_EN),
        (
            "es",
            "el grupo solo tiene 1 persona, menos que el umbral de anonimato de 3: un informe mostraría a una "
            "persona concreta. " + SHARED_ES,
        ),
    ],
)
def test_one_shared_id_suggests_match_name_first(
    run: Run, one_computer: Path, tmp_path: Path, lang: str, said: str
) -> None:
    out = tmp_path / "grupo.html"
    r = run("group", "report", str(one_computer), "-o", str(out), "--lang", lang)
    assert r.exit_code == 1 and not out.exists()
    assert error_line(r) == said.format(shared=6)
    r = run("group", "report", str(one_computer), "-o", str(out), "--lang", lang, "--match", "name")
    assert r.exit_code == 0, r.stderr
    assert out.exists()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the group has only 2 people, fewer than the anonymity threshold of 4: " + SHARED_EN),
        (
            "es",
            "el grupo solo tiene 2 personas, menos que el umbral de anonimato de 4: un informe mostraría a "
            "personas concretas. " + SHARED_ES,
        ),
    ],
)
def test_shared_ids_among_others_suggest_match_name_first(
    run: Run, one_computer: Path, tmp_path: Path, lang: str, said: str
) -> None:
    from .test_one_computer import person

    person(one_computer / "own.json", resolve("kamtrust-8@1.0"), "Rosa Vidal", pid="rosa-1", minute=9)
    r = run("group", "report", str(one_computer), "-o", str(tmp_path / "g.html"), "--lang", lang, "--min-group", "4")
    assert r.exit_code == 1
    assert error_line(r) == said.format(shared=6)


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        (
            "en",
            "the group has only 1 result, fewer than the anonymity threshold of 3: a report would show "
            "individuals. Add results, or lower --min-group if everyone agreed.",
            "the group has only 2 results, fewer than the anonymity threshold of 3: a report would show "
            "individuals. Add results, or lower --min-group if everyone agreed.",
        ),
        (
            "es",
            "el grupo solo tiene 1 resultado, menos que el umbral de anonimato de 3: un informe mostraría a una "
            "persona concreta. Añade resultados, o baja --min-group si todas las personas están de acuerdo.",
            "el grupo solo tiene 2 resultados, menos que el umbral de anonimato de 3: un informe mostraría a "
            "personas concretas. Añade resultados, o baja --min-group si todas las personas están de acuerdo.",
        ),
    ],
)
def test_a_small_group_without_shared_ids_ends_its_sentence(
    run: Run, tmp_path: Path, lang: str, one: str, two: str
) -> None:
    from .test_one_computer import person

    q = resolve("kamtrust-8@1.0")
    grp = tmp_path / "grp"
    person(grp / "a.json", q, "Ana", pid="ana-1")
    r = run("group", "report", str(grp), "-o", str(tmp_path / "g.html"), "--lang", lang)
    assert r.exit_code == 1 and error_line(r) == one
    person(grp / "b.json", q, "Bea", pid="bea-1")
    r = run("group", "report", str(grp), "-o", str(tmp_path / "g.html"), "--lang", lang)
    assert r.exit_code == 1 and error_line(r) == two
    assert "--match" not in r.stderr
