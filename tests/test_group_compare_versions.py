"""`group compare` and `group report --before` across two versions of one questionnaire: factor
level only, each session scored with its own version, no zone moves, and a note in every format."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from kamtrust.documents.compare import to_document as compare_document
from kamtrust.engine.compare import compare
from kamtrust.engine.group import Scored
from kamtrust.engine.scoring import score
from kamtrust.engine.versions import cross_version
from kamtrust.questionnaire.loader import parse_questionnaire
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import builtin_dir, resolve

from .conftest import BUILTIN
from .test_report import keyed_answers
from .test_report_group import make_group

Run = Callable[..., Any]
V2 = "kamtrust-8@2.0"

NOTES = {
    "en": [
        "The two sessions were answered with different versions of kamtrust-8 (1.0 and 2.0); the questionnaire "
        "changed, so only the factors both versions share are compared, never the items.",
        "The bands start at different scores in version 1.0 (Needs focus 0, Developing 50, Strength 75) and "
        "version 2.0 (Needs focus 0, Developing 50, Strength 80): the sessions' bands are not compared, only "
        "their scores.",
        "The distance zones use a different threshold in version 1.0 (60) and version 2.0 (80): zone counts and "
        "changes of zone are not compared between the sessions.",
    ],
    "es": [
        "Las dos sesiones se respondieron con versiones distintas de kamtrust-8 (1.0 y 2.0); el cuestionario "
        "cambió, así que solo se comparan los factores que comparten ambas versiones, nunca las preguntas.",
        "Los niveles empiezan en puntuaciones distintas en la versión 1.0 (A reforzar 0, En desarrollo 50, "
        "Fortaleza 75) y en la 2.0 (A reforzar 0, En desarrollo 50, Fortaleza 80): no se comparan los niveles "
        "de las sesiones, solo sus puntuaciones.",
        "Las zonas de distancia usan un umbral distinto en la versión 1.0 (60) y en la 2.0 (80): no se comparan "
        "los recuentos por zona ni los cambios de zona entre las sesiones.",
    ],
}


@pytest.fixture(scope="module")
def q2() -> Questionnaire:
    return resolve(V2)


@pytest.fixture
def sessions(q: Questionnaire, q2: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    """Four people (person-0..3, same accounts), a 1.0 session and a 2.0 session.

    Keyed values before 2, 3, 4, 5 (scores 25, 50, 75, 100), after 3, 4, 5, 5 (50, 75, 100, 100).
    With 1.0's threshold of 60 person-2 (75) is in the balanced zone before; with 2.0's 80 the
    same 75 is not: a zone "move" that would come from the new threshold, not from the person.
    """
    return make_group(q, tmp_path / "before", [2, 3, 4, 5]), make_group(q2, tmp_path / "after", [3, 4, 5, 5])


def flat(text: str) -> str:
    return " ".join(text.split())


def test_each_session_is_scored_with_its_own_version_and_compared_per_factor(
    run: Run, sessions: tuple[Path, Path]
) -> None:
    before, after = sessions
    r = run("group", "compare", str(before), str(after), "-f", "json", "-l", "en")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["questionnaire"] == {
        "id": "kamtrust-8",
        "version": "2.0",
        "before_version": "1.0",
        "after_version": "2.0",
        "across_versions": {
            "factors": [
                "credibility", "reliability", "intimacy", "client_focus",
                "long_term", "client_knowledge", "value_creation", "integrity",
            ],
            "poles": ["proximity", "perspective"],
            "overall": True,
            "bands": False,
            "zones": False,
            "items": False,
        },
    }  # fmt: skip
    assert doc["notes"] == NOTES["en"]
    total = doc["total"]
    assert (total["n_before"], total["n_after"], total["n_paired"]) == (4, 4, 4)
    cred = total["factors"]["credibility"]
    # By hand: before (25 + 50 + 75 + 100) / 4 = 62.5; after (50 + 75 + 100 + 100) / 4 = 81.25.
    assert cred["before"]["mean"] == 62.5 and cred["after"]["mean"] == 81.25
    assert cred["change"] == 18.75
    # Paired: changes 25, 25, 25, 0 -> mean 18.75, sd 12.5, d_z 1.5.
    assert (cred["paired"]["n"], cred["paired"]["mean_change"], cred["paired"]["sd"]) == (4, 18.75, 12.5)
    assert cred["paired"]["dz"] == pytest.approx(1.5)
    assert total["overall"]["change"] == 18.75
    assert set(total["poles"]) == {"proximity", "perspective"}
    # Zones are defined differently in 1.0 and 2.0: no zone counts, no moves.
    assert total["zones"] == {"before": {}, "after": {}, "moves": None, "moved": None}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_note_is_in_every_format_in_the_outputs_language(
    run: Run, sessions: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    before, after = sessions
    table = run("group", "compare", str(before), str(after), "-l", lang)
    assert table.exit_code == 0, table.output
    text = flat(table.stdout)
    for note in NOTES[lang]:
        assert note in text
    assert text.index(NOTES[lang][0]) < text.index("Credib")  # first, before the figures
    # No zone section and no zone moves in the table.
    assert "Client distance" not in text and "changed zone" not in text and "Zone moves" not in text

    doc = json.loads(run("group", "compare", str(before), str(after), "-f", "json", "-l", lang).stdout)
    assert doc["notes"] == NOTES[lang]

    md = run("group", "compare", str(before), str(after), "-f", "md", "-l", lang).stdout
    for note in NOTES[lang]:
        assert f"\n> {note}\n" in md
    assert "Moves" not in md and "zone before" not in md

    raw = run("group", "compare", str(before), str(after), "-f", "csv", "-l", lang).stdout
    rows = list(csv.reader(io.StringIO(raw)))
    title = "Questionnaire versions" if lang == "en" else "Versiones del cuestionario"
    assert rows[:2] == [[title], ["note" if lang == "en" else "nota"]]
    assert [row[0] for row in rows[2:5]] == NOTES[lang] and rows[5] == []
    assert not any(row and row[0] in ("Results per client-distance zone", "Paired people: zone before (rows) and after (columns)") for row in rows)  # fmt: skip

    out = tmp_path / f"c-{lang}.xlsx"
    assert run("group", "compare", str(before), str(after), "-o", str(out), "-l", lang).exit_code == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        workbook = z.read("xl/workbook.xml").decode()
        strings = html.unescape(z.read("xl/sharedStrings.xml").decode())
    sheets = {
        "en": ["Versions", "Reliable change", "Changes", "About"],
        "es": ["Versiones", "Cambio fiable", "Cambios", "Acerca de"],
    }[lang]
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == sheets
    for note in NOTES[lang]:
        assert note in strings


@pytest.mark.parametrize("lang", ["en", "es"])
def test_group_report_before_across_versions_shows_the_note_and_no_zone_before(
    run: Run, sessions: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    before, after = sessions
    for fmt in ("md", "html"):
        out = tmp_path / f"report-{lang}.{fmt}"
        r = run("group", "report", str(after), "--before", str(before), "-o", str(out), "--lang", lang)
        assert r.exit_code == 0, r.output
        text = out.read_text(encoding="utf-8").replace("&#39;", "'")
        for note in NOTES[lang]:
            assert (f"<p>{note}</p>" if fmt == "html" else f"> {note}\n") in text
        before_word = "Before" if lang == "en" else "Antes"
        if fmt == "md":
            # Changes per factor are there; the zone table has no "before" column.
            assert "+18.8" in text or "+18,8" in text
            zone_header = next(line for line in text.splitlines() if line.startswith("| ") and "Quetzal" in line)
            assert before_word not in zone_header
            assert "changed zone" not in text and "cambiaron de zona" not in text


def test_the_same_version_twice_has_no_note_and_keeps_its_zones(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    before = make_group(q, tmp_path / "before", [2, 3, 4, 5])
    after = make_group(q, tmp_path / "after", [3, 4, 5, 5])
    doc = json.loads(run("group", "compare", str(before), str(after), "-f", "json").stdout)
    assert doc["notes"] == [] and doc["questionnaire"]["across_versions"] is None
    assert doc["questionnaire"]["before_version"] == doc["questionnaire"]["after_version"] == "1.0"
    # Within one version the zones and their moves are compared as before.
    assert set(doc["total"]["zones"]["before"]) == {"balanced", "too_close", "too_far", "adrift"}
    assert doc["total"]["zones"]["moves"] is not None
    assert "Versions" not in run("group", "compare", str(before), str(after), "-f", "csv").stdout


def test_two_different_questionnaires_are_still_refused(
    run: Run, q: Questionnaire, data_dir: Path, tmp_path: Path
) -> None:
    other_q = data_dir / "questionnaires" / "other.yaml"  # installed for this user
    other_q.parent.mkdir(parents=True)
    other_q.write_text(BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: other-q", 1), "utf-8")
    from kamtrust.questionnaire.loader import load_questionnaire

    other = make_group(load_questionnaire(other_q), tmp_path / "other", [2, 3, 4])
    after = make_group(q, tmp_path / "after", [2, 3, 4, 5])
    r = run("group", "compare", str(other), str(after))
    assert r.exit_code == 1
    assert r.stderr.endswith(
        "Error: before (other-q 1.0) and after (kamtrust-8 1.0) were made with different questionnaires "
        "and cannot be compared\n"
    )
    assert r.stdout == "" and "Traceback" not in r.output


def people(qq: Questionnaire, values: Sequence[int], accounts: Sequence[str | None] = (None,)) -> list[Scored]:
    """Person n (id pn, account accounts[n % len]) at keyed value values[n] on every scale of ``qq``."""
    out = []
    for n, v in enumerate(values):
        answers = keyed_answers(qq, {s.id: v for s in qq.scales})
        fields = {"id": f"p{n}", "name": None, "account": accounts[n % len(accounts)], "cohort": None}
        out.append(Scored(fields, answers, score(qq, answers), "t"))
    return out


def test_only_shared_factors_are_compared_and_the_overall_index_needs_them_all(
    q: Questionnaire, q2: Questionnaire
) -> None:
    # A 2.0 that renamed one factor: integrity is no longer shared, so neither is the overall index.
    text = (builtin_dir() / "kamtrust-8-2.0.yaml").read_text(encoding="utf-8")
    renamed = parse_questionnaire(text.replace("  - id: integrity\n", "  - id: honesty\n", 1))
    assert [f.id for f in renamed.factors][-1] == "honesty"

    versions = cross_version(q, renamed, "1.0", "2.0")
    assert versions is not None
    c = compare(renamed, people(q, [2, 3, 4, 5]), people(renamed, [3, 4, 5, 5]), versions=versions)
    assert list(c.total.factors) == [f.id for f in q2.factors if f.id != "integrity"]
    assert c.total.overall is None and c.total.moves is None and c.total.zones_before == {}
    from kamtrust.version_notes import comparison_notes

    notes = comparison_notes(c, renamed, "es")
    assert notes[-1] == "El índice global de confianza no se compara: las dos versiones no tienen los mismos factores."
    doc = compare_document(c, now="x", version="0", notes=notes)
    assert doc["total"]["overall"] is None and doc["notes"] == notes
    assert doc["questionnaire"]["across_versions"]["overall"] is False
    other = parse_questionnaire(BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: x", 1))
    with pytest.raises(ValueError, match="different questionnaires"):
        cross_version(q, other, "1.0", "1.0")


@pytest.mark.parametrize("min_group", [3, 4])
def test_across_versions_hides_exactly_what_one_version_hides(
    q: Questionnaire, q2: Questionnaire, min_group: int
) -> None:
    """The anonymity rules are the same: every shared change is hidden (or shown) as it would be
    within one version; only the zone figures are gone."""
    versions = cross_version(q, q2, "1.0", "2.0")
    accounts = ("A", "B", "B", "C", "C", "C", "C", "D")
    for shift in range(3):
        before = people(q, [1 + (n + shift) % 5 for n in range(8)], accounts)
        after = people(q2, [1 + (n * 2 + shift) % 5 for n in range(7)], accounts)  # p7 (D) only before
        across = compare_document(
            compare(q2, before, after, by="account", min_group=min_group, versions=versions), now="x", version="0"
        )
        within = compare_document(compare(q2, before, after, by="account", min_group=min_group), now="x", version="0")
        for a, w in zip([across["total"], *across["groups"]], [within["total"], *within["groups"]], strict=True):
            assert a["suppressed"] == w["suppressed"] and a.get("reason_code") == w.get("reason_code")
            assert (a["factors"], a["poles"], a["overall"]) == (w["factors"], w["poles"], w["overall"])
            assert a["zones"] == {"before": {}, "after": {}, "moves": None, "moved": None} or a["suppressed"]
        hidden = [g["key"] for g in across["groups"] if g["suppressed"]]
        assert "A" in hidden and "D" in hidden  # one person each: never shown
