"""The self–other report (issue 13) in a real browser: it renders, fetches nothing, the radar has
the self and each shown group, nothing is cut off or overlaps, and it prints on A4."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve

from .test_browser import browse, chromium, pdf_pages, png_colours, probe  # noqa: F401 (chromium: a fixture)
from .test_feedback import answers_for, make_result, rate_file

pytestmark = pytest.mark.slow
Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def _default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)


def feedback_report(run: Run, folder: Path, lang: str) -> Path:
    """Self, 3 clients, 1 manager shown alone (told so) and 2 peers pooled with nobody: withheld."""
    q2: Questionnaire = resolve("kamtrust-8@2.0")
    result = make_result(
        run, folder, q2, {"reliability": 5, "integrity": 2}, name="Ana <García> & Co", account="Acme Ibérica"
    )
    n = 0
    for role, count, level in (("client", 3, 3), ("peer", 2, 4)):
        for k in range(count):
            n += 1
            rate_file(run, folder, result, role, answers_for(q2, {"integrity": 4}, level + k % 2, role), n)
    rate_file(run, folder, result, "manager", answers_for(q2, {}, 4, "manager"), 99, show_manager="")
    out = folder / f"feedback-{lang}.html"
    r = run(
        "feedback", "report", str(result), str(folder / "ratings"), "--show-manager", "--lang", lang, "-o", str(out)
    )
    assert r.exit_code == 0, r.stderr
    return out


@pytest.mark.parametrize(("lang", "first_label"), [("en", "Credibility50.0"), ("es", "Credibilidad50,0")])
def test_feedback_report_renders_every_series_and_fetches_nothing(
    chromium: str,  # noqa: F811 (the fixture imported above)
    run: Run,
    tmp_path: Path,
    lang: str,
    first_label: str,
) -> None:
    seen = probe(chromium, tmp_path, feedback_report(run, tmp_path, lang))
    assert seen["errors"] == [] and seen["blocked"] == [] and seen["resources"] == []
    assert seen["title"] == "Ana <García> & Co"
    radar, quadrant = seen["charts"]
    assert radar["kind"] == "kt-radar" and (radar["axes"], radar["axis_labels"]) == (8, 8)
    assert radar["series"] == [
        {"kind": "role-client", "points": 8},
        {"kind": "role-manager", "points": 8},
        {"kind": "role-all", "points": 8},
        {"kind": "person", "points": 8},
    ]
    assert radar["label_texts"][0] == first_label
    assert quadrant["points"] == {"kt-point-group": 1, "kt-point-person": 1}
    assert seen["clipped"] == [] and seen["overlaps"] == []
    assert seen["page_width"] <= seen["viewport_width"]


def test_feedback_report_fits_a_phone_and_prints_on_a4(chromium: str, run: Run, tmp_path: Path) -> None:  # noqa: F811
    report = feedback_report(run, tmp_path, "es")
    seen = probe(chromium, tmp_path, report, width=400)
    assert seen["errors"] == [] and seen["too_wide"] == []
    shot = tmp_path / "feedback.png"
    browse(chromium, tmp_path, report, "--window-size=1000,1400", f"--screenshot={shot}")
    assert png_colours(shot) > 30
    pdf = tmp_path / "feedback.pdf"
    browse(chromium, tmp_path, report, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert 1 <= pdf_pages(pdf) <= 5
