"""Questionnaire 2.0 as a user meets it: the account asked for, the answering time, alerts first,
the trust equation in the report, and the notes of a comparison across versions."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.cli import assess as assess_module
from kamtrust.profile_notes import profile_notes
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.collect import collect, score_collection
from kamtrust.results.rescore import load_scored

from .conftest import V1, write_answers

Run = Callable[..., Any]
V2 = "kamtrust-8@2.0"


@pytest.fixture(scope="module")
def q2() -> Questionnaire:
    return resolve(V2)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves one second per reading: every key comes a second after the last."""
    ticks = itertools.count(1000.0, 1.0)
    monkeypatch.setattr(assess_module, "CLOCK", lambda: next(ticks))


@pytest.fixture
def unpinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")


def saved(data_dir: Path, pattern: str = "*.json") -> list[Path]:
    return sorted((data_dir / "results").glob(pattern))


def keys(n: int, value: str = "3") -> str:
    return "\n".join([value] * n) + "\n"


# -- duration ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fast")
def test_a_fast_session_stores_one_total_and_the_too_fast_flag(run: Run, q: Questionnaire, data_dir: Path) -> None:
    n = len(q.items)
    r = run("assess", "--lang", "en", input="\n".join(str(1 + k % 5) for k in range(n)) + "\n")
    assert r.exit_code == 0, r.output
    [path] = saved(data_dir)
    doc = json.loads(path.read_text(encoding="utf-8"))
    # The clock is read when the first question is shown, after every key and at the end.
    assert doc["duration_seconds"] == n + 1 and type(doc["duration_seconds"]) is int
    assert doc["profile"]["flags"] == ["too_fast"]
    # One total only: no timing per item anywhere in the document.
    assert set(doc) == {
        "schema", "questionnaire", "language", "participant", "created_at", "status",
        "duration_seconds", "answers", "profile", "tool",
    }  # fmt: skip
    details = run("show", str(path), "--details", "--lang", "en")
    assert "faster than the statements can be read" in " ".join(details.stdout.split())

    shown = run("show", str(path), "--format", "json")
    assert shown.exit_code == 0, shown.output
    again = json.loads(shown.stdout)
    assert again["duration_seconds"] == n + 1 and again["profile"]["flags"] == ["too_fast"]
    result, _ = load_scored(path)
    assert result.duration_seconds == n + 1 and result.profile["flags"] == ["too_fast"]
    [scored_set] = score_collection(collect([path]))
    assert scored_set.scored[0].profile.flags == ("too_fast",)


def test_a_calm_session_is_not_too_fast(run: Run, q: Questionnaire, data_dir: Path) -> None:
    # conftest's clock: 30 seconds a key.
    r = run("assess", "--lang", "en", input="\n".join(str(1 + k % 5) for k in range(len(q.items))) + "\n")
    assert r.exit_code == 0, r.output
    doc = json.loads(saved(data_dir)[0].read_text(encoding="utf-8"))
    assert doc["duration_seconds"] == 30 * (len(q.items) + 1) and doc["profile"]["flags"] == []


@pytest.mark.usefixtures("fast")
def test_the_duration_sums_the_sessions_of_a_resumed_assessment(run: Run, q: Questionnaire, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input=keys(10, "4") + "q\n")
    assert r.exit_code == 0, r.output
    [partial] = saved(data_dir, "*.partial.json")
    first = json.loads(partial.read_text(encoding="utf-8"))
    assert first["duration_seconds"] == 11  # ten answers and the key that quit
    r = run("assess", "--resume", input=keys(len(q.items) - 10, "2"))
    assert r.exit_code == 0, r.output
    [final] = saved(data_dir)
    doc = json.loads(final.read_text(encoding="utf-8"))
    assert doc["duration_seconds"] == 11 + len(q.items) - 10 + 1
    assert "too_fast" in doc["profile"]["flags"]


def test_an_answers_file_has_no_duration(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", {i: 3 for i in q.items})
    out = tmp_path / "r.json"
    assert run("assess", "--answers", str(f), "--out", str(out)).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "duration_seconds" not in doc and "too_fast" not in doc["profile"]["flags"]


@pytest.mark.parametrize("bad", [-1, 2.5, True, "60"])
def test_a_duration_that_is_not_whole_seconds_is_refused(run: Run, q: Questionnaire, tmp_path: Path, bad: Any) -> None:
    f = write_answers(tmp_path / "a.json", {i: 3 for i in q.items})
    out = tmp_path / "r.json"
    assert run("assess", "--answers", str(f), "--out", str(out)).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["duration_seconds"] = bad
    out.write_text(json.dumps(doc), encoding="utf-8")
    r = run("show", str(out))
    assert r.exit_code == 1
    found = {-1: "-1", 2.5: "2.5", True: "True", "60": "'60'"}[bad]
    assert f"'duration_seconds' must be a whole number of seconds, 0 or more; found {found}" in r.stderr
    assert "Traceback" not in r.output


# -- the account asked for -------------------------------------------------------------------------


@pytest.mark.usefixtures("unpinned")
@pytest.mark.parametrize(
    ("lang", "asks", "quoted"),
    [
        ("en", ("Your name (optional):", "The key account you will answer for (optional):"), "“Acme Pharma”"),
        ("es", ("Tu nombre (opcional):", "La cuenta clave en la que vas a pensar (opcional):"), "«Acme Pharma»"),
    ],
)
def test_the_name_and_the_account_are_asked_before_the_first_question(
    run: Run, q2: Questionnaire, data_dir: Path, lang: str, asks: tuple[str, str], quoted: str
) -> None:
    r = run("assess", "--lang", lang, input="Ana\n  Acme Pharma \n" + keys(len(q2.items)))
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.index(asks[0]) < out.index(asks[1]) < out.index(quoted) < out.index("1 ")
    first_question = "Question 1 of 60" if lang == "en" else "Pregunta 1 de 60"
    assert out.index(quoted) < out.index(first_question)
    doc = json.loads(saved(data_dir)[0].read_text(encoding="utf-8"))
    assert (doc["participant"]["name"], doc["participant"]["account"]) == ("Ana", "Acme Pharma")


@pytest.mark.usefixtures("unpinned")
def test_enter_skips_the_name_and_the_account(run: Run, q2: Questionnaire, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input="\n\n" + keys(len(q2.items)))
    assert r.exit_code == 0, r.output
    assert "Answer with a single key account in mind, one you choose now and keep to the end," in " ".join(
        r.stdout.split()
    )
    doc = json.loads(saved(data_dir)[0].read_text(encoding="utf-8"))
    assert (doc["participant"]["name"], doc["participant"]["account"]) == (None, None)


@pytest.mark.usefixtures("unpinned")
@pytest.mark.parametrize("typed", ["", "Ana\n"])
def test_end_of_input_at_the_prompt_exits_1_and_saves_nothing(run: Run, data_dir: Path, typed: str) -> None:
    r = run("assess", "--lang", "es", input=typed)
    assert r.exit_code == 1
    assert "No hay más entrada. Para responder sin teclado, usa: kamtrust assess --answers ARCHIVO" in " ".join(
        r.output.split()
    )  # wrapped at words
    assert "Pregunta 1" not in r.output
    assert saved(data_dir, "*") == []


@pytest.mark.usefixtures("unpinned")
def test_no_prompt_when_the_account_is_given_or_the_intro_names_none(
    run: Run, q: Questionnaire, data_dir: Path
) -> None:
    r = run("assess", "--lang", "en", "--account", "Beta", input="q\n")
    assert r.exit_code == 0, r.output
    assert "(optional):" not in r.stdout and "“Beta”" in r.stdout
    r = run("assess", "-q", V1, "--new", "--lang", "en", input="q\n")  # 1.0's intro names no account
    assert r.exit_code == 0, r.output
    assert "(optional):" not in r.stdout


@pytest.mark.usefixtures("unpinned")
def test_the_account_typed_is_kept_when_the_assessment_is_resumed(run: Run, q2: Questionnaire, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input="\nAcme\n3\nq\n")
    assert r.exit_code == 0, r.output
    [partial] = saved(data_dir, "*.partial.json")
    assert json.loads(partial.read_text(encoding="utf-8"))["participant"]["account"] == "Acme"
    r = run("assess", "--resume", input=keys(len(q2.items) - 1))
    assert r.exit_code == 0, r.output
    assert "(optional):" not in r.stdout
    doc = json.loads(saved(data_dir)[0].read_text(encoding="utf-8"))
    assert doc["participant"]["account"] == "Acme" and doc["participant"]["name"] is None


# -- alerts first, the trust equation in the report -------------------------------------------------


def low_client_focus(q2: Questionnaire) -> dict[str, int]:
    """Client focus keyed 1 on every item, everything else keyed 4."""
    low = {i.id: (5 if i.reverse else 1) for i in q2.items.values() if i.scale_id == "client_focus"}
    return {i.id: low.get(i.id, 2 if i.reverse else 4) for i in q2.items.values()}


@pytest.mark.parametrize(
    ("lang", "alert", "trust"),
    [
        ("en", "Genuine interest in the client is in the lowest band: read this first.", "Trust equation (approximation)"),
        ("es", "Interés genuino por el cliente está en el nivel más bajo: léelo antes que nada.", "Ecuación de la confianza (aproximación)"),
    ],
)  # fmt: skip
def test_the_report_shows_alerts_before_the_overall_index_and_the_trust_equation(
    run: Run, q2: Questionnaire, tmp_path: Path, lang: str, alert: str, trust: str
) -> None:
    f = write_answers(tmp_path / "a.json", low_client_focus(q2))
    res = tmp_path / "r.json"
    assert run("assess", "--answers", str(f), "-q", V2, "--out", str(res)).exit_code == 0
    assert json.loads(res.read_text(encoding="utf-8"))["profile"]["alerts"] == ["client_focus"]

    html = tmp_path / "r.html"
    assert run("report", str(res), "-o", str(html), "--lang", lang).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert page.index(alert) < page.index('id="kt-overall"') < page.index('id="kt-factors"')
    assert page.index('id="kt-factors"') < page.index('id="kt-trust"')
    assert f"<h2>{trust}</h2>" in page
    # credibility, reliability and intimacy keyed 4, self-orientation 5 + 1 - 1: (4 + 4 + 4) / 5
    assert ("2.4" if lang == "en" else "2,4") in page[page.index('id="kt-trust"') :]
    assert "Charles H. Green" in page

    md = tmp_path / "r.md"
    assert run("report", str(res), "-o", str(md), "--lang", lang).exit_code == 0
    text = md.read_text(encoding="utf-8")
    overall = "**Overall trust index" if lang == "en" else "**Índice global de confianza"
    assert text.index(f"> **{alert}") < text.index(overall)
    assert f"## {trust}" in text and f"| **{trust}** | **{'2.4' if lang == 'en' else '2,4'}** |" in text


def test_the_helper_reads_alerts_of_a_profile_saved_without_them(q2: Questionnaire) -> None:
    from kamtrust.engine.scoring import score
    from kamtrust.results.document import profile_to_dict
    from kamtrust.results.profileview import profile_of

    profile = profile_to_dict(score(q2, low_client_focus(q2), duration_seconds=10))
    notes = profile_notes(q2, profile_of(profile), "en")
    del profile["alerts"]  # as a file written before alerts existed
    assert profile_notes(q2, profile_of(profile), "en") == notes
    assert notes.alerts == (
        "Genuine interest in the client is in the lowest band: read this first. In the trust equation, "
        "self-orientation divides everything else; no average makes up for it.",
    )
    assert notes.flags == (
        "The answers came faster than the statements can be read (under 2 seconds each): answer again calmly "
        "before drawing conclusions.",
    )
    assert notes.trust is not None and notes.trust.value == "2.4"
    assert notes.trust.terms == (
        ("Credibility", "4.0"),
        ("Reliability", "4.0"),
        ("Intimacy", "4.0"),
        ("Self-orientation", "5.0"),
    )
    assert notes.trust.note.startswith("A reading of Charles H. Green's trust equation")


# -- comparing 1.0 with 2.0 --------------------------------------------------------------------------

NOTES = {
    "en": [
        "The two results were made with different versions of kamtrust-8 (1.0 and 2.0); the questionnaire "
        "changed, so only the factors scored in both are compared, never the items.",
        "The bands start at different scores in version 1.0 (Needs focus 0, Developing 50, Strength 75) and "
        "version 2.0 (Needs focus 0, Developing 50, Strength 80): a change of band may come from the new "
        "cut-offs, not from a change in you.",
        "The distance zones use a different threshold in version 1.0 (60) and version 2.0 (80): a change of "
        "zone may come from the new threshold, not from a change in you.",
    ],
    "es": [
        "Los dos resultados se hicieron con versiones distintas de kamtrust-8 (1.0 y 2.0); el cuestionario "
        "cambió, así que solo se comparan los factores puntuados en ambos, nunca las preguntas.",
        "Los niveles empiezan en puntuaciones distintas en la versión 1.0 (A reforzar 0, En desarrollo 50, "
        "Fortaleza 75) y en la 2.0 (A reforzar 0, En desarrollo 50, Fortaleza 80): un cambio de nivel puede "
        "deberse a los nuevos cortes y no a un cambio tuyo.",
        "Las zonas de distancia usan un umbral distinto en la versión 1.0 (60) y en la 2.0 (80): un cambio de "
        "zona puede deberse al nuevo umbral y no a un cambio tuyo.",
    ],
}


@pytest.fixture
def two_versions(run: Run, q: Questionnaire, q2: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    old = write_answers(tmp_path / "old.json", {i: 3 for i in q.items})
    new = write_answers(tmp_path / "new.json", {i: 2 if q2.items[i].reverse else 4 for i in q2.items})
    r1, r2 = tmp_path / "r1.json", tmp_path / "r2.json"
    assert run("assess", "--answers", str(old), "-q", V1, "--out", str(r1)).exit_code == 0
    assert run("assess", "--answers", str(new), "-q", V2, "--out", str(r2)).exit_code == 0
    return r1, r2


@pytest.mark.parametrize("lang", ["en", "es"])
def test_compare_across_versions_says_so_in_the_users_language(
    run: Run, q: Questionnaire, two_versions: tuple[Path, Path], lang: str
) -> None:
    r1, r2 = two_versions
    r = run("compare", str(r1), str(r2), "--lang", lang)
    assert r.exit_code == 0, r.output
    prefix = "Warning: " if lang == "en" else "Aviso: "
    assert r.stderr == "".join(f"{prefix}{note}\n" for note in NOTES[lang])
    # Factors, named as the later version names them; never an item.
    assert ("Genuine interest" if lang == "en" else "Interés genuino") in r.stdout
    assert not any(i.text[lang][:40] in r.stdout for i in q.items.values())


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_compare_across_versions_shows_the_notes_in_every_format(
    run: Run, q: Questionnaire, two_versions: tuple[Path, Path], tmp_path: Path, lang: str, fmt: str
) -> None:
    r1, r2 = two_versions
    out = tmp_path / f"report.{fmt}"
    r = run("report", str(r2), "--compare", str(r1), "-o", str(out), "--lang", lang)
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    for note in NOTES[lang]:
        assert (f"<p>{note}</p>" if fmt == "html" else f"> {note}\n") in text.replace("&#39;", "'")
    assert not any(i.text[lang][:40] in text for i in q.items.values())


def test_the_same_version_twice_has_no_note(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", {i: 3 for i in q.items})
    g = write_answers(tmp_path / "b.json", {i: 4 for i in q.items})  # (the same result twice is refused)
    r1, r2 = tmp_path / "r1.json", tmp_path / "r2.json"
    assert run("assess", "--answers", str(f), "--out", str(r1)).exit_code == 0
    assert run("assess", "--answers", str(g), "--out", str(r2)).exit_code == 0
    r = run("compare", str(r1), str(r2), "--lang", "es")
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.usefixtures("fast")
def test_a_partial_saved_without_its_time_gets_no_duration(run: Run, q: Questionnaire, data_dir: Path) -> None:
    assert run("assess", "--lang", "en", input=keys(40, "4") + "q\n").exit_code == 0
    [partial] = saved(data_dir, "*.partial.json")
    doc = json.loads(partial.read_text(encoding="utf-8"))
    del doc["duration_seconds"]  # as an older kamtrust saved it
    partial.write_text(json.dumps(doc), encoding="utf-8")
    r = run("assess", "--resume", input=keys(len(q.items) - 40, "2"))
    assert r.exit_code == 0, r.output
    final = json.loads(saved(data_dir)[0].read_text(encoding="utf-8"))
    assert "duration_seconds" not in final and "too_fast" not in final["profile"]["flags"]
