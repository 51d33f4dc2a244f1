"""Personal progress: `kamtrust history`, `kamtrust compare` and `kamtrust show --against`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .test_report import DATA, EARLIER, NOW, make_result, summary_doc, write_json

Run = Callable[..., Any]


def saved(result: Path, data_dir: Path, name: str, **changes: Any) -> Path:
    """Copy a result into the data folder's results/ under ``name``, with document fields changed."""
    doc = json.loads(result.read_text(encoding="utf-8"))
    doc.update(changes)
    folder = data_dir / "results"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def now(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    return make_result(run, q, tmp_path, "now", NOW, "--account", "Acme")


@pytest.fixture
def earlier(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    return make_result(run, q, tmp_path, "earlier", EARLIER, "--account", "Beta")


def test_history_with_nothing_saved_says_where_it_looked(run: Run, data_dir: Path) -> None:
    r = run("history")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert r.stderr == (f"No saved assessments yet in {data_dir / 'results'}. Start one with: kamtrust assess\n")


def test_history_lists_newest_first_with_partial_and_unreadable_files(
    run: Run, now: Path, earlier: Path, data_dir: Path
) -> None:
    old = saved(earlier, data_dir, "20260301T090000Z-kamtrust-8-aaaaaa.json", created_at="2026-03-01T09:00:00Z")
    new = saved(now, data_dir, "20261120T100000Z-kamtrust-8-bbbbbb.json", created_at="2026-11-20T10:00:00Z")
    doc = json.loads(now.read_text(encoding="utf-8"))
    partial = saved(
        now,
        data_dir,
        "20261122T080000Z-kamtrust-8-cccccc.partial.json",
        created_at="2026-11-22T08:00:00Z",
        status="partial",
        answers=dict(list(doc["answers"].items())[:12]),
    )
    broken = data_dir / "results" / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    r = run("history")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "Saved assessments, newest first"
    rows = [line for line in lines if line.startswith("| ") and line[2].isdigit()]
    assert [row.split("|")[2].strip() for row in rows] == [
        "2026-11-22 08:00",
        "2026-11-20 10:00",
        "2026-03-01 09:00",
        "—",
    ]
    assert "unfinished (12/50)" in rows[0]
    assert "Acme" in rows[1] and "65.6" in rows[1] and "Too close" in rows[1] and "complete" in rows[1]
    assert "Beta" in rows[2] and "50.0" in rows[2] and "Too far" in rows[2]
    assert "unreadable" in rows[3]
    hint = next(i for i, line in enumerate(lines) if line.startswith("Open line N"))
    files = lines[lines.index("Files:") + 1 : hint]
    assert " ".join(lines[hint:]) == (
        "Open line N with: kamtrust show N (--details for the levers); discard an unfinished one with: "
        "kamtrust history --discard N"
    )
    assert [f.split()[1] for f in files] == [str(partial), str(new), str(old), str(broken)]
    assert "(is not a kamtrust result (invalid JSON" in files[3]


def test_history_as_json_for_scripts(run: Run, now: Path, data_dir: Path) -> None:
    path = saved(now, data_dir, "20261120T100000Z-kamtrust-8-bbbbbb.json", created_at="2026-11-20T10:00:00Z")
    r = run("history", "--format", "json")
    [entry] = json.loads(r.stdout)
    assert entry == {
        "path": str(path),
        "status": "complete",
        "created_at": "2026-11-20T10:00:00Z",
        "questionnaire": {"id": "kamtrust-8", "version": "1.0"},
        "participant": {"name": None, "account": "Acme", "cohort": None},
        "overall": 65.625,
        "zone": "too_close",
        "answered": 50,
        "items": 50,
        "problem": None,
    }


def test_history_in_spanish(run: Run, now: Path, data_dir: Path) -> None:
    saved(now, data_dir, "20261120T100000Z-kamtrust-8-bbbbbb.json")
    r = run("history", "--lang", "es")
    assert "Autoevaluaciones guardadas" in r.stdout and "65,6" in r.stdout and "Demasiado cerca" in r.stdout


def with_account(path: Path, account: str) -> Path:
    """The same result, about ``account`` (the fixtures' two results are about two accounts)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["participant"]["account"] = account
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_compare_shows_the_change_per_factor_and_the_zone_move(run: Run, now: Path, earlier: Path) -> None:
    r = run("compare", str(with_account(earlier, "Acme")), str(now))
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Change between ")
    assert "| Credibility         |    50.0 |  75.0 |  +25.0 | Developing → Strength    |" in lines
    assert "| Client focus        |    50.0 |  25.0 |  -25.0 | Developing → Needs focus |" in lines
    assert "| Reliability         |    50.0 |  50.0 |   ±0.0 | Developing               |" in lines
    assert any(line.startswith("| Overall trust index") and "|    50.0 |  65.6 |  +15.6 |" in line for line in lines)
    assert "  Closeness: 25.0 → 75.0  +50.0" in lines
    assert "  Perspective: 75.0 → 25.0  -50.0" in lines
    assert "  Zone: Too far → Too close" in lines


def test_compare_needs_the_same_questionnaire(run: Run, q: Questionnaire, now: Path, tmp_path: Path) -> None:
    from .conftest import BUILTIN

    other_q = tmp_path / "other.yaml"
    other_q.write_text(
        BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: other-q", 1), encoding="utf-8"
    )
    other = make_result(run, q, tmp_path, "other", NOW, "-q", str(other_q))
    r = run("compare", str(other), str(now))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {other} was made with questionnaire 'other-q' and {now} with 'kamtrust-8'; "
        "only results of the same questionnaire can be compared\n"
    )


def test_compare_warns_when_versions_differ(run: Run, now: Path, earlier: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.json"
    doc = json.loads(with_account(earlier, "Acme").read_text(encoding="utf-8"))
    doc["questionnaire"]["version"] = "0.9"
    older.write_text(json.dumps(doc), encoding="utf-8")
    r = run("compare", str(older), str(now))
    assert r.exit_code == 0
    assert r.stderr.startswith("Warning: The two results were made with different versions of kamtrust-8 (0.9 and 1.0)")


def test_compare_bad_files(run: Run, now: Path, tmp_path: Path) -> None:
    r = run("compare", str(tmp_path / "nope.json"), str(now))
    assert (r.exit_code, r.stderr) == (1, f"Error: {tmp_path / 'nope.json'}: file not found\n")


def test_show_against_sets_the_profile_beside_the_group(run: Run, now: Path) -> None:
    r = run("show", str(now), "--against", str(DATA / "summary.json"))
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    start = lines.index("Beside your group")
    table = lines[start:]
    assert "| Credibility         |  75.0 |       62.5 |      +12.5 |" in table
    assert "| Client focus        |  25.0 |       55.0 |      -30.0 |" in table
    assert any(
        line.startswith("| Overall trust index") and "|  65.6 |       62.0 |       +3.6 |" in line for line in table
    )
    assert "never a rank" in " ".join(table)


def test_show_against_refuses_a_withheld_group_and_json(run: Run, now: Path, tmp_path: Path) -> None:
    small = write_json(tmp_path / "s.json", summary_doc(total={"n": 2}))
    r = run("show", str(now), "--against", str(small))
    assert r.exit_code == 1 and "fewer than its anonymity threshold of 3" in r.stderr
    r = run("show", str(now), "--against", str(DATA / "summary.json"), "--format", "json")
    assert r.exit_code == 2 and "--against" in r.stderr


@pytest.mark.parametrize("columns", ["80", "60"])
def test_a_level_s_name_is_never_split_in_the_comparison(run: Run, now: Path, earlier: Path, columns: str) -> None:
    # "En desarrollo → A / reforzar" (the level column wrapped by words) read as two levels.
    r = run("compare", str(with_account(earlier, "Acme")), str(now), "--lang", "es", env={"COLUMNS": columns})
    assert r.exit_code == 0, r.stderr
    cells = [line.split("|")[-2].strip() for line in r.stdout.splitlines() if line.count("|") >= 6]
    if columns == "80":  # room enough: one line each
        assert "En desarrollo → Fortaleza" in cells and "En desarrollo → A reforzar" in cells
    else:  # two lines, one level each
        assert "En desarrollo" in cells and "→ Fortaleza" in cells and "→ A reforzar" in cells
    assert not any(cell in ("A", "reforzar", "En", "desarrollo") for cell in cells)
