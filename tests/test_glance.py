"""The profile at a glance (issue 10 §1-2): a first block that fits 80x24, widths, truthful words."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Item, Questionnaire
from kamtrust.questionnaire.registry import resolve
from kamtrust.render.console import SafeConsole, Style
from kamtrust.render.pager import pager_command, should_page
from kamtrust.render.profile import render_profile
from kamtrust.render.standing import standing
from kamtrust.results.document import profile_to_dict
from kamtrust.results.profileview import profile_of

from .conftest import write_answers

Run = Callable[..., Any]


@pytest.fixture(scope="module")
def q2() -> Questionnaire:
    return resolve("kamtrust-8@2.0")


def keyed(q: Questionnaire, by_scale: dict[str, int], default: int = 4) -> dict[str, int]:
    """Answers whose keyed value is ``by_scale[scale]`` (else ``default``) on every item."""

    def answer(i: Item) -> int:
        v = by_scale.get(i.scale_id, default)
        return 6 - v if i.reverse else v

    return {i.id: answer(i) for i in q.items.values()}


def rendered(q: Questionnaire, answers: dict[str, int], width: int, lang: str = "es", **kw: Any) -> list[str]:
    buf = io.StringIO()
    console = SafeConsole(file=buf, width=width, color_system=None, highlight=False, soft_wrap=False)
    profile = profile_of(profile_to_dict(score(q, answers)))  # as a saved result reads back
    header = {"Cuenta": "Laboratorios Acme del Norte", "Fecha": "2026-11-25"}
    render_profile(console, Style(True), q, profile, lang, header=header, answers=answers, ref="latest", **kw)
    return buf.getvalue().splitlines()


# The heaviest first block: two alerts, a tie in the lowest band, a skipped factor, two flags.
HEAVY = {"integrity": 2, "client_focus": 2, "reliability": 2, "credibility": 5, "long_term": 5}


def heavy(q: Questionnaire) -> dict[str, int]:
    answers = keyed(q, HEAVY, default=4)
    for item in q.find_scale("value_creation").items[:3]:
        del answers[item.id]
    return answers


def test_the_first_block_fits_80_by_24_even_with_alerts_skips_and_notes(q2: Questionnaire) -> None:
    lines = rendered(q2, heavy(q2), 80)
    assert len(lines) <= 24, "\n".join(lines)
    # Alerts first, right under the header.
    assert lines[1].startswith("! Interés genuino por el cliente: en el nivel más bajo")
    assert lines[2].startswith("! Integridad: en el nivel más bajo")
    text = "\n".join(lines)
    assert "Índice global de confianza" in text
    assert "Observaciones: sin responder: Aportación de valor 3 de 6" in " ".join(text.split())
    # What to do next, last: both commands on one line, which leaves room at 80x24.
    assert lines[-1] == "Más: kamtrust show --details · kamtrust report latest -o perfil.html"
    assert len(lines) <= 23  # and the saved path's line still fits under it


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_nothing_is_cut_or_overflows_at_any_width(q2: Questionnaire, width: int, lang: str) -> None:
    lines = rendered(q2, heavy(q2), width, lang, details=True)
    for line in lines:
        assert cell_len(line) <= width, line
        assert "…" not in line and line == line.rstrip(), line
    # Every factor name and band label is there whole (names may wrap onto a second line).
    words = " ".join(" ".join(lines).split())
    for f in q2.factors:
        assert f.name[lang] in words
    for b in q2.bands:
        assert b.label[lang] in words


def test_at_120_columns_the_block_is_not_stretched(q2: Questionnaire) -> None:
    lines = rendered(q2, heavy(q2), 120)
    rows = [line for line in lines if "#" in line]
    assert rows and max(cell_len(line) for line in rows) <= 90
    assert {line.count("#") + line.count(".") + line.count("|") for line in rows} == {24}  # bars of 24 cells


def test_distance_shows_both_dimensions_50_50_unlike_100_100(q: Questionnaire) -> None:
    half = rendered(q, keyed(q, {"proximity": 3, "perspective": 3}), 80, "en")
    full = rendered(q, keyed(q, {"proximity": 5, "perspective": 5}), 80, "en")
    pick = lambda lines, word: next(line for line in lines if line.startswith(word))  # noqa: E731
    assert " 50.0 " in pick(half, "Closeness") and pick(half, "Closeness").endswith("  below 60")
    assert " 100.0 " in pick(full, "Closeness") and pick(full, "Closeness").endswith("  60 or more")
    # The threshold is marked on each bar: at 60% of it.
    assert pick(half, "Closeness").split()[-3] == "#" * 12 + "..|" + "." * 9
    assert " 50.0 " in pick(half, "Perspective") and " 100.0 " in pick(full, "Perspective")
    assert pick(half, "Client distance") != pick(full, "Client distance")
    assert pick(full, "Client distance") == "Client distance: Right distance"


def test_highest_factors_are_not_called_strengths_below_the_top_band(q2: Questionnaire) -> None:
    # Everything 4 of 5 (75): in 2.0 the strength band starts at 80.
    text = "\n".join(rendered(q2, keyed(q2, {}, default=4), 80, "en"))
    assert "Your highest factors: Credibility, Reliability" in text
    assert "Strengths:" not in text
    strong = "\n".join(rendered(q2, keyed(q2, {"credibility": 5, "reliability": 5}, default=3), 80, "en"))
    assert "Strengths: Credibility, Reliability" in strong


def test_a_factor_in_the_lowest_band_is_not_hidden_by_a_tie(q2: Questionnaire) -> None:
    # Three factors tie at 25: the engine names two, the profile names all three.
    answers = keyed(q2, {"reliability": 2, "client_knowledge": 2, "value_creation": 2}, default=5)
    profile = score(q2, answers)
    assert profile.development == ("reliability", "client_knowledge")
    st = standing(q2, profile)
    assert st.development == ("reliability", "client_knowledge", "value_creation")
    assert st.development_key == "development"
    text = " ".join(" ".join(rendered(q2, answers, 80, "en")).split())
    assert "Development areas: Reliability, Client knowledge, Value creation" in text


def test_all_in_the_top_band_are_the_lowest_factors_not_development_areas(q2: Questionnaire) -> None:
    st = standing(q2, score(q2, keyed(q2, {"credibility": 4}, default=5), top=2))
    assert st.development_key == "development"  # credibility at 75 is not in the top band
    st = standing(q2, score(q2, keyed(q2, {}, default=5)))
    assert (st.highest_key, st.development_key) == ("strengths", "lowest_factors")


def test_unscored_factors_are_named_with_what_is_missing(q2: Questionnaire) -> None:
    answers = keyed(q2, {})
    for item in q2.find_scale("credibility").items[:4]:
        del answers[item.id]
    text = " ".join(" ".join(rendered(q2, answers, 80, "en")).split())
    assert "Notes: unanswered: Credibility 4 of 6 (not scored)" in text
    assert "Credibility — " in text and "Overall trust index — " in text


def test_details_show_the_answers_that_pulled_a_factor_down(q2: Questionnaire) -> None:
    answers = keyed(q2, {}, default=5)
    low = q2.find_scale("reliability").items[0]
    answers[low.id] = 1 if not low.reverse else 5
    lines = rendered(q2, answers, 100, "en", details=True)
    text = " ".join(" ".join(lines).split())
    assert "What you answered that pulled it down:" in text
    assert f"v «{low.text['en']}» — you answered: " in text
    assert "Trust equation (approximation)" in text
    # The glance alone never shows them.
    assert "pulled it down" not in " ".join(rendered(q2, answers, 100, "en"))


def test_the_pager_only_for_a_terminal_and_from_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    long_text = "x\n" * 40
    assert not should_page(False, long_text, 24)  # piped or redirected: never
    assert not should_page(True, "x\n" * 10, 24)
    assert should_page(True, long_text, 24)
    assert pager_command({"PAGER": ""}) is None
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_command({"PAGER": "no-such-pager-here --x"}) is None
    assert pager_command({"PAGER": "sh -c true"}) == ["sh", "-c", "true"]


# -- show latest / show N ---------------------------------------------------------------------------


@pytest.fixture
def two_saved(run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path) -> list[Path]:
    paths = []
    for n, account in enumerate(("Alfa", "Beta")):
        f = write_answers(tmp_path / f"{account}.json", keyed(q, {}, default=3 + n))
        assert run("assess", "--answers", str(f), "--account", account, "--lang", "en").exit_code == 0
        [path] = [p for p in (data_dir / "results").glob("*.json") if p not in paths]
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["created_at"] = f"2026-11-2{n}T10:00:00Z"  # Beta is the newer
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths


def test_show_without_argument_and_show_latest_open_the_newest(run: Run, two_saved: list[Path]) -> None:
    for args in ([], ["latest"], ["1"]):
        r = run("show", *args)
        assert r.exit_code == 0, r.output
        assert r.stdout.startswith("Trust profile · Account: Beta · 2026-11-21\n"), r.stdout
    r = run("show", "2")
    assert r.stdout.startswith("Trust profile · Account: Alfa · 2026-11-20\n")
    assert "More: kamtrust show 2 --details · kamtrust report 2 -o profile.html" in r.stdout


def test_show_a_line_the_history_does_not_have(run: Run, two_saved: list[Path]) -> None:
    r = run("show", "3", "--lang", "es")
    assert r.exit_code == 1
    assert r.stderr == "Error: kamtrust history no tiene la línea 3: tiene 2.\n"


def test_show_latest_with_nothing_saved(run: Run, data_dir: Path) -> None:
    r = run("show", "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr == (f"Error: No saved assessments yet in {data_dir / 'results'}. Start one with: kamtrust assess\n")


def test_show_in_spanish_has_spanish_dates(run: Run, two_saved: list[Path]) -> None:
    r = run("show", "latest", "--lang", "es")
    assert r.stdout.startswith("Perfil de confianza · Cuenta: Beta · 21/11/2026\n")


def test_assess_ends_with_the_block_and_where_it_was_saved_above_the_prompt(
    run: Run, q2: Questionnaire, tmp_path: Path
) -> None:
    """At 80x24 the header stays on screen: the block, the saved line and the shell prompt fit."""
    f = write_answers(tmp_path / "a.json", keyed(q2, {"client_focus": 2, "credibility": 5}, default=3))
    r = run("assess", "--answers", str(f), "-q", "kamtrust-8@2.0", "--lang", "es", "--account", "Acme")
    assert r.exit_code == 0
    lines = r.stdout.splitlines() + r.stderr.splitlines()
    assert len(lines) <= 23, r.stdout
    assert lines[0].startswith("Perfil de confianza · Cuenta: Acme · ")
    assert lines[1] == "! Interés genuino por el cliente: en el nivel más bajo; léelo antes que nada."
    assert lines[-1].startswith("Resultado guardado en ")


def test_piped_details_never_go_through_the_pager(run: Run, two_saved: list[Path], tmp_path: Path) -> None:
    marker = tmp_path / "pager-ran"
    r = run("show", "--details", "--lang", "en", env={"PAGER": f"touch {marker}", "LINES": "5"})
    assert r.exit_code == 0 and not marker.exists()
    assert "Details · " in r.stdout and r.stdout.rstrip().endswith("-o profile.html")


def test_a_terminal_pages_a_long_text_through_pager(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from kamtrust.cli.terminal import deliver

    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {paged}'")
    deliver(SimpleNamespace(is_terminal=True, height=5), "línea\n" * 10)
    assert paged.read_text(encoding="utf-8") == "línea\n" * 10


@pytest.mark.parametrize("command", [["history"], ["compare"]])
def test_history_and_compare_page_a_long_text_as_show_does(
    run: Run, two_saved: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # On a 24-line terminal the comparison scrolled off the screen: it now goes through the pager.
    import kamtrust.render.pager

    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {paged}'")
    monkeypatch.setattr(kamtrust.render.pager, "should_page", lambda is_terminal, text, height: True)
    args = [*command, *map(str, two_saved), "--force"] if command == ["compare"] else command
    r = run(*args, "--lang", "en")
    assert r.exit_code == 0, r.output
    text = paged.read_text(encoding="utf-8")
    assert r.stdout == "" and ("Beta" in text if command == ["history"] else "Credibility" in text)


def test_a_group_table_longer_than_the_screen_goes_through_the_pager(
    run: Run, two_saved: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Projected on a 24-line terminal, the summary's table scrolled away under its advice.
    import kamtrust.render.pager

    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {paged}'")
    monkeypatch.setattr(kamtrust.render.pager, "should_page", lambda is_terminal, text, height: True)
    r = run("group", "summary", *map(str, two_saved), "--min-group", "1", "--lang", "es")
    assert r.exit_code == 0 and r.stdout == ""
    assert "Credibilidad" in paged.read_text(encoding="utf-8")


def test_a_message_on_a_terminal_wraps_between_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # The terminal cut "no muestran e|l progreso" and names in two when a trainer projected it.
    import io
    import os

    from kamtrust.cli.terminal import tell

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 2

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((40, 24)))
    said = "Error: los dos resultados no muestran el progreso de una persona con un cliente (Farmacias Levante)"
    tell(said)
    lines = screen.getvalue().splitlines()
    assert all(len(line) <= 40 for line in lines) and len(lines) > 1
    assert " ".join(line.strip() for line in lines) == said  # every word whole, none lost
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    tell(said)
    assert plain.getvalue() == said + "\n"  # piped or redirected: as it is


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_less_always_shows_colours_whatever_the_persons_less_says() -> None:
    # Tried at 80x24 with LESS=-X: the table's colours came out as "ESC[1m".
    assert pager_command({}) == [shutil.which("less"), "-R"]
    assert pager_command({"PAGER": "less -X"}) == ["less", "-X", "-R"]
    assert pager_command({"PAGER": "less -R"}) == ["less", "-R"]
