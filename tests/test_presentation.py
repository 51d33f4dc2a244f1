"""One presentation layer: a typed profile read once, one builder of advice, one format registry."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.group import summarize
from kamtrust.engine.scoring import score
from kamtrust.export.formats import FORMATTERS, JSON, GroupOutput, OutputFormat
from kamtrust.profile_notes import development_advice, group_advice
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve
from kamtrust.render.console import SafeConsole, Style
from kamtrust.render.profile import render_profile
from kamtrust.results.document import profile_to_dict
from kamtrust.results.profileview import profile_of

from .groupdata import keyed, scored, write_result

Run = Callable[..., Any]


@pytest.fixture
def q2() -> Questionnaire:
    return resolve("kamtrust-8@2.0")


def _work_on(markdown: str, lang: str) -> list[str]:
    """The factor names under the report's "work on" heading (the first of the action plan), in order."""
    from kamtrust.i18n import t

    section = markdown.split(f"\n### {t(lang, 'report_work_on')}\n", 1)[1].split("\n### ")[0]
    return [line[5:].split(" — ")[0] for line in section.splitlines() if line.startswith("#### ")]


# -- the typed profile --------------------------------------------------------------------------


def test_the_stored_profile_reads_back_as_the_engine_profile(q2: Questionnaire) -> None:
    answers = keyed(q2, {"client_focus": 2, "reliability": 1}, default=4)
    p = score(q2, answers)
    back = profile_of(profile_to_dict(p))
    assert back.factors == p.factors and back.poles == p.poles
    assert (back.overall, back.strengths, back.development, back.flags, back.alerts) == (
        p.overall,
        p.strengths,
        p.development,
        p.flags,
        p.alerts,
    )
    assert back.distance == p.distance


def test_a_hand_edited_profile_reads_as_absent_never_as_a_crash(q2: Questionnaire) -> None:
    doc = {
        "factors": {"credibility": {"score": "high", "band": 3, "answered": True, "items": -1}, "reliability": 7},
        "poles": [],
        "distance": {"proximity": True, "zone": None},
        "overall": "59",
        "strengths": "credibility",
        "development": ["reliability", 4],
        "flags": None,
    }
    p = profile_of(doc)
    cred = p.factors["credibility"]
    assert (cred.score, cred.band, cred.answered, cred.items) == (None, None, 0, 0)
    assert p.factors["reliability"].score is None
    assert (p.poles, p.overall, p.strengths, p.development, p.flags, p.alerts) == (
        {},
        None,
        (),
        ("reliability",),
        (),
        (),
    )
    assert p.distance is not None and p.distance.proximity is None
    buf = io.StringIO()
    console = SafeConsole(file=buf, width=80, color_system=None, highlight=False)
    render_profile(console, Style(True), q2, p, "en", details=True, answers={})
    assert "Credibility" in buf.getvalue() and "Development areas: Reliability" in buf.getvalue()


# -- one builder of "weakest factors with their advice" -------------------------------------------


def test_an_alert_outside_the_two_lowest_leads_the_advice(q2: Questionnaire) -> None:
    # Client focus at 25 is in the lowest band, but credibility and reliability (0) are lower still.
    p = score(q2, keyed(q2, {"credibility": 1, "reliability": 1, "client_focus": 2}, default=5))
    assert p.development == ("credibility", "reliability") and p.alerts == ("client_focus",)
    advice = development_advice(q2, p, "es")
    assert [(a.id, a.alert) for a in advice] == [
        ("client_focus", True),
        ("credibility", False),
        ("reliability", False),
    ]
    assert advice[0].name == "Interés genuino por el cliente" and advice[0].levers
    assert advice[0].diagnosis == q2.find_scale("client_focus").advice["risk"].diagnosis["es"]


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Reliability", "Client knowledge", "Value creation"]),
        ("es", ["Fiabilidad", "Conocimiento del cliente", "Aportación de valor"]),
    ],
)
def test_the_report_works_on_every_factor_the_terminal_names(
    run: Run, q2: Questionnaire, tmp_path: Path, lang: str, names: list[str]
) -> None:
    # Three factors tie at 25, in the lowest band: the engine names two; the terminal and the
    # report alike name all three (MODEL.md rule 7), from the one builder.
    answers = keyed(q2, {"reliability": 2, "client_knowledge": 2, "value_creation": 2}, default=5)
    path = write_result(tmp_path / "r", q2, answers, name="Ana", filename="ana.json")
    out = tmp_path / "ana.md"
    res = run("report", str(path), "-f", "md", "--lang", lang, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert _work_on(out.read_text(encoding="utf-8"), lang) == names
    shown = run("show", str(path), "--lang", lang)
    assert ", ".join(names) in " ".join(shown.stdout.split())


def test_a_group_s_weakest_factors_take_the_advice_of_the_band_of_their_mean(q2: Questionnaire) -> None:
    advice = group_advice(q2, ["integrity", "credibility"], {"integrity": 55.0, "credibility": 80.0}, "en")
    assert [(a.name, a.band) for a in advice] == [("Integrity", "developing"), ("Credibility", "strength")]
    assert advice[0].diagnosis == q2.find_scale("integrity").advice["developing"].diagnosis["en"]


# -- the format registry -------------------------------------------------------------------------


def test_every_format_has_one_formatter() -> None:
    assert set(FORMATTERS) == set(OutputFormat)


def test_each_formatter_writes_the_summary(q2: Questionnaire) -> None:
    people = [scored(q2, keyed(q2, {"credibility": 1 + i % 5}, default=2 + i % 3)) for i in range(6)]
    out = GroupOutput(summarize(q2, people), q2, "es", "2026-11-25T10:00:00Z", "9.9")
    doc = json.loads(FORMATTERS[OutputFormat.json].format(out))
    assert doc == JSON.document(out)
    assert doc["generated_at"] == "2026-11-25T10:00:00Z" and doc["tool"]["version"] == "9.9"
    assert FORMATTERS[OutputFormat.csv].format(out)[:3] == b"\xef\xbb\xbf"  # UTF-8 BOM: Excel reads accents
    assert FORMATTERS[OutputFormat.xlsx].format(out)[:2] == b"PK"
    assert "25/11/2026" in str(FORMATTERS[OutputFormat.md].format(out))
    assert "Credibilidad" in str(FORMATTERS[OutputFormat.table].format(out))


FORMAT_IMPORTS = """
import random, sys
from kamtrust.engine.group import summarize
from kamtrust.engine.scoring import score
from kamtrust.export.formats import FORMATTERS, GroupOutput, OutputFormat
from kamtrust.questionnaire.registry import resolve
import importlib

q = resolve("kamtrust-8")
rng = random.Random(1)
rows = []
for k in range(12):
    answers = {i: rng.randint(q.scale.min, q.scale.max) for i in q.items}
    who = {"id": f"p{k}", "name": None, "account": f"A{k % 2}", "cohort": None}
    rows.append((who, answers, score(q, answers)))
fmt = FORMATTERS[OutputFormat(sys.argv[1])]
for name in fmt.modules:
    importlib.import_module(name)
before = set(sys.modules)
fmt.format(GroupOutput(summarize(q, rows, by="account"), q, "es", "2026-11-25T10:00:00Z", "9.9"))
late = set(sys.modules) - before
# Rich loads the width table of wide and accented characters on first use (a third of a ms).
print(" ".join(sorted(m for m in late if m.split(".")[0] in ("kamtrust", "xlsxwriter", "rich") and "_unicode" not in m)))
"""


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_a_formatter_lists_every_module_it_loads(fmt: OutputFormat) -> None:
    # A summary of thousands of files loads these while the files are read: one missing from
    # the list is loaded after, at full cost, and the summary is slower for nothing.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FORMAT_IMPORTS, fmt.value], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


# -- one set of names ----------------------------------------------------------------------------


def test_a_cohort_is_never_called_a_group() -> None:
    from kamtrust.i18n import MESSAGES

    for lang, group in (("en", "group"), ("es", "grupo")):
        texts = {k: v for k, v in MESSAGES[lang].items() if "cohort" in k}
        assert texts, lang
        for key, text in texts.items():
            assert group not in text.lower(), f"{lang} {key}: {text}"
    assert (MESSAGES["en"]["cohort"], MESSAGES["es"]["cohort"]) == ("Cohort", "Cohorte")


def test_the_overall_index_has_one_name_per_language() -> None:
    from kamtrust.i18n import MESSAGES

    assert (MESSAGES["en"]["overall"], MESSAGES["es"]["overall"]) == (
        "Overall trust index",
        "Índice global de confianza",
    )
    for lang, other in (("en", "total trust"), ("es", "índice total")):
        assert not [k for k, v in MESSAGES[lang].items() if other in v.lower()]


def test_no_renderer_reads_a_profile_back_from_its_stored_dict() -> None:
    root = Path(__file__).parent.parent / "kamtrust"
    patterns = ('.get("factors")', '.get("poles")', '.get("overall")', '.get("distance")', '.get("strengths")')
    for folder in ("render", "report", "export"):
        for path in sorted((root / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            found = [p for p in patterns if p in text]
            assert not found, f"{path.relative_to(root)} reads {found} from a dict: take a Profile (profile_of)"


@pytest.mark.parametrize("width", [30, 40, 60, 80])
def test_a_list_of_counts_breaks_between_items_never_inside_one(width: int) -> None:
    # "Sin anclaje 4536" split over two lines reads as two things; each zone stays whole.
    from rich.console import Console

    from kamtrust.render.console import print_items

    items = ["Distancia adecuada 1035", "Demasiado cerca 2196", "Demasiado lejos 2162", "Sin anclaje 4536"]
    names = [f"Skip {n}" for n in range(10, 40)]  # a line that fills up to the last column
    for head, shown, sep in (("Distancia con el cliente: ", items, " · "), ("Participantes: ", names, ", ")):
        console = Console(width=width, color_system=None, file=io.StringIO())
        print_items(console, head, shown, sep=sep)
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        assert all(len(line) <= width and line == line.rstrip() for line in lines), lines
        text = " ".join(line.strip() for line in lines)
        assert text == head + sep.join(shown), lines  # every item whole, each separator kept
