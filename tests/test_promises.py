"""What the README promises, pinned where a hand-made mutation of the code once left the suite green.

Each test names the promise it holds; the report of issue 9 lists the mutation each one kills.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.anonymity import FEWER
from kamtrust.engine.compare import compare
from kamtrust.engine.group import alpha_is_low
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored, write_result

Run = Callable[..., Any]


def _without(q: Questionnaire, answers: dict[str, int], scale_id: str) -> dict[str, int]:
    """``answers`` with every item of ``scale_id`` skipped (that scale is then not scored)."""
    return {i: v for i, v in answers.items() if q.items[i].scale_id != scale_id}


def _session(q: Questionnaire, ids: list[str], level: int = 3, **fields: str) -> list[Any]:
    return [scored(q, keyed(q, {"credibility": level}), id=pid, **fields) for pid in ids]


# ---------------------------------------------------------------- paired changes and --min-group


def test_a_paired_change_is_shown_only_from_min_group_pairs(q: Questionnaire) -> None:
    # Five people each session, two of them in both: the change is shown, the paired change is not.
    before = _session(q, ["a", "b", "c", "d", "e"], 2)
    after = _session(q, ["a", "b", "x", "y", "z"], 4)
    ch = compare(q, before, after).total.factors["credibility"]
    assert ch.hidden is None and ch.change == pytest.approx(50.0)
    assert ch.paired is None and ch.paired_hidden is not None
    assert (ch.paired_hidden.code, ch.paired_hidden.min_group) == (FEWER, 3)
    # Six and six with three pairs (three unpaired each side): the paired change is shown.
    before = _session(q, ["a", "b", "c", "d", "e", "f"], 2)
    after = _session(q, ["a", "b", "c", "x", "y", "z"], 4)
    ch = compare(q, before, after).total.factors["credibility"]
    assert ch.paired is not None and ch.paired_hidden is None
    assert (ch.paired.n, ch.paired.mean_change) == (3, pytest.approx(50.0))


def test_a_subgroups_paired_change_is_shown_only_from_min_group_pairs(q: Questionnaire) -> None:
    # North: five people, all back. South: five before, five after, two of them back.
    before = _session(q, ["n1", "n2", "n3", "n4", "n5"], 2, cohort="North")
    before += _session(q, ["s1", "s2", "s3", "s4", "s5"], 2, cohort="South")
    after = _session(q, ["n1", "n2", "n3", "n4", "n5"], 4, cohort="North")
    after += _session(q, ["s1", "s2", "x1", "x2", "x3"], 4, cohort="South")
    c = compare(q, before, after, by="cohort")
    assert c.total.factors["credibility"].paired is not None and c.total.factors["credibility"].paired.n == 7
    south = next(g for g in c.groups if g.key == "South")
    ch = south.factors["credibility"]
    assert ch.change == pytest.approx(50.0) and ch.hidden is None
    assert ch.paired is None and ch.paired_hidden is not None and ch.paired_hidden.code == FEWER
    # North's five pairs would give South's two away (7 - 5): hidden too, as complementary.
    north = next(g for g in c.groups if g.key == "North")
    assert north.factors["credibility"].paired is None
    assert north.factors["credibility"].paired_hidden is not None


def test_a_change_is_hidden_when_either_session_is_under_the_threshold(q: Questionnaire) -> None:
    before = _session(q, ["a", "b", "c"], 2)
    after = _session(q, ["a", "b", "c"], 4)
    # One person skips every credibility item after: 3 scores before, 2 after.
    after[2] = scored(q, _without(q, keyed(q, {"credibility": 4}), "credibility"), id="c")
    total = compare(q, before, after).total
    ch = total.factors["credibility"]
    assert ch.before is None and ch.after is None and ch.change is None and ch.paired is None
    assert ch.hidden is not None and ch.hidden.code == FEWER
    assert total.factors["reliability"].hidden is None  # the other factors are shown
    # The same with the small session first.
    ch = compare(q, after, before).total.factors["credibility"]
    assert ch.change is None and ch.hidden is not None and ch.hidden.code == FEWER


def test_a_comparison_counts_people_not_results(q: Questionnaire) -> None:
    # p1 has two results before (an earlier one at 25, a later one at 75): only the later counts.
    old = scored(q, keyed(q, {"credibility": 2}), id="p1")._replace(when="2026-03-01T09:00:00Z")
    new = scored(q, keyed(q, {"credibility": 4}), id="p1")._replace(when="2026-03-02T09:00:00Z")
    before = [new, old, *_session(q, ["p2", "p3"], 3)]
    after = _session(q, ["p1", "p2", "p3"], 4)
    total = compare(q, before, after).total
    assert (total.n_before, total.n_after, total.n_paired) == (3, 3, 3)
    ch = total.factors["credibility"]
    assert ch.before is not None and (ch.before.n, ch.before.mean) == (3, pytest.approx(175 / 3))
    assert ch.paired is not None and ch.paired.n == 3


def _by_cohort(q: Questionnaire, tmp_path: Path, sizes: dict[str, int]) -> tuple[Path, Path]:
    for cohort, n in sizes.items():
        for k in range(n):
            pid = f"{cohort}{k}"
            write_result(tmp_path / "s1", q, keyed(q, {"credibility": 2}), pid=pid, cohort=cohort)
            write_result(tmp_path / "s2", q, keyed(q, {"credibility": 4}), pid=pid, cohort=cohort)
    return tmp_path / "s1", tmp_path / "s2"


def test_min_group_is_honoured_inside_group_compare_by(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    s1, s2 = _by_cohort(q, tmp_path, {"A": 4, "B": 6, "C": 7})
    r = run("group", "compare", str(s1), str(s2), "--by", "cohort", "--min-group", "5", "-f", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["min_group"] == 5
    groups = {g["key"]: g for g in doc["groups"]}
    assert groups["A"]["suppressed"] is True and groups["A"]["reason_code"] == FEWER
    assert groups["A"]["factors"] == {}
    # A alone hidden could be worked out from the total: the smallest other subgroup goes too.
    assert groups["B"]["suppressed"] is True and groups["B"]["reason_code"] == "complementary"
    assert groups["C"]["suppressed"] is False
    assert groups["C"]["factors"]["credibility"]["change"] == pytest.approx(50.0)
    # And a lower minimum, explicitly allowed, shows a subgroup of two.
    s1, s2 = _by_cohort(q, tmp_path / "two", {"A": 2, "B": 2})
    r = run("group", "compare", str(s1), str(s2), "--by", "cohort", "--min-group", "2", "-f", "json")
    assert r.exit_code == 0
    assert [g["suppressed"] for g in json.loads(r.stdout)["groups"]] == [False, False]


def test_the_compare_json_carries_the_paired_change(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    s1, s2 = _by_cohort(q, tmp_path, {"A": 3})
    r = run("group", "compare", str(s1), str(s2), "-f", "json")
    doc = json.loads(r.stdout)
    credibility = doc["total"]["factors"]["credibility"]
    assert credibility["paired"] == {
        "n": 3,
        "mean_change": 50.0,
        "sd": 0.0,
        "dz": None,
        "suppressed": False,
        "effect": None,
    }
    for change in [*doc["total"]["factors"].values(), *doc["total"]["poles"].values(), doc["total"]["overall"]]:
        assert "paired" in change and change["paired"]["n"] == 3


# ---------------------------------------------------------------- the group report's charts


def test_no_dots_are_drawn_for_a_withheld_factor(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    # Four people; only two answered credibility, so its statistics are withheld.
    for k in range(4):
        answers = keyed(q, {"credibility": 2 + k % 3, "reliability": 2 + k % 3})
        write_result(tmp_path / "g", q, answers if k < 2 else _without(q, answers, "credibility"), pid=f"p{k}")
    out = tmp_path / "r.html"
    r = run("group", "report", str(tmp_path / "g"), "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    strip = html[html.index('kt-strip"') :]
    rows = dict(re.findall(r'<g class="kt-strip-row" data-label="([^"]+)">(.*?)</g>', strip, re.S))
    assert rows["Credibility"].count("kt-point") == 0 and "kt-mean" not in rows["Credibility"]
    assert rows["Reliability"].count("kt-point-member") == 4
    radar = html[html.index('kt-radar"') :]
    radar = radar[: radar.index("</svg>")]
    marks = re.findall(r"<title>([^<]*)</title></circle>", radar)
    assert marks and not any("Credibility" in m for m in marks)
    assert any("Reliability" in m for m in marks)


# ---------------------------------------------------------------- group summaries


def test_response_quality_flags_are_counted(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    folder = tmp_path / "g"
    for k in range(3):
        write_result(folder, q, keyed(q, {}, default=3), pid=f"same{k}")  # every answer 3: straight-lining
    answers = keyed(q, {"credibility": 2, "integrity": 4})
    write_result(folder, q, answers, pid="varied")
    for k in range(3):
        write_result(folder, q, _without(q, answers, "value_creation") | {"val_1": 3}, pid=f"gap{k}")
    r = run("group", "summary", str(folder), "-f", "json")
    assert r.exit_code == 0, r.stderr
    flags = json.loads(r.stdout)["total"]["flags"]
    assert flags["straight_lining"] == 3 and flags["incomplete"] == 3


def test_hidden_files_are_never_read_as_results(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    folder = tmp_path / "g"
    for k in range(3):
        write_result(folder, q, keyed(q, {"credibility": 3}), pid=f"p{k}")
    # A different person's valid result under a hidden name (an editor's or macOS's companion).
    write_result(folder, q, keyed(q, {"credibility": 5}), pid="hidden", filename=".copy.json")
    write_result(folder / ".cache", q, keyed(q, {"credibility": 5}), pid="cached")
    r = run("group", "summary", str(folder), "-f", "json")
    assert r.exit_code == 0, r.stderr
    total = json.loads(r.stdout)["total"]
    assert total["n"] == 3 and total["factors"]["credibility"]["mean"] == 50.0
    assert ".copy.json" not in r.stderr and ".cache" not in r.stderr


@pytest.mark.parametrize(
    ("alpha", "low"),
    [(0.6, False), (0.6 - 1e-12, False), (0.6000001, False), (0.5999, True), (0.0, True), (None, False)],
)
def test_the_alpha_flag_starts_below_exactly_0_6(alpha: float | None, low: bool) -> None:
    assert alpha_is_low(alpha) is low


# ---------------------------------------------------------------- the trainer's own choices


@pytest.mark.parametrize(
    ("lang", "warning"),
    [
        ("en", "warning: --min-group 2 may let someone's answers be recognised"),
        ("es", "aviso: con --min-group 2 podrían reconocerse las respuestas de alguien"),
    ],
)
def test_a_minimum_below_three_is_allowed_with_a_warning(
    run: Run, q: Questionnaire, tmp_path: Path, lang: str, warning: str
) -> None:
    s1, _ = _by_cohort(q, tmp_path, {"A": 3})
    r = run("group", "summary", str(s1), "--min-group", "2", "-f", "json", "-l", lang)
    assert r.exit_code == 0 and warning in r.stderr
    assert json.loads(r.stdout)["min_group"] == 2
    r = run("group", "summary", str(s1), "--min-group", "3", "-f", "json", "-l", lang)
    assert r.exit_code == 0 and "--min-group" not in r.stderr


def test_an_existing_output_file_is_refused_even_when_empty(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    s1, _ = _by_cohort(q, tmp_path, {"A": 3})
    out = tmp_path / "summary.json"
    out.write_bytes(b"")
    r = run("group", "summary", str(s1), "-o", str(out), "-l", "en")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: cannot write {out}: the file exists; choose another name or add --force to overwrite it\n"
    ), r.stderr
    assert out.read_bytes() == b""
    r = run("group", "summary", str(s1), "-o", str(out), "--force", "-l", "en")
    assert r.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["total"]["n"] == 3


def test_a_subgroups_zone_counts_are_withheld_when_few_have_a_zone(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    # Cohort A: three people, only two with a zone (one skipped every closeness item), both
    # balanced. Showing A's zeros would tell that both are balanced: the whole row is withheld.
    folder = tmp_path / "g"
    balanced = keyed(q, {"proximity": 4, "perspective": 4})
    for k in range(2):
        write_result(folder, q, balanced, pid=f"a{k}", cohort="A")
    write_result(folder, q, _without(q, balanced, "proximity"), pid="a2", cohort="A")
    for k, levels in enumerate([(4, 4), (2, 2), (4, 2), (2, 4)]):
        write_result(folder, q, keyed(q, {"proximity": levels[0], "perspective": levels[1]}), pid=f"b{k}", cohort="B")
    r = run("group", "summary", str(folder), "--by", "cohort", "-f", "json")
    assert r.exit_code == 0, r.stderr
    a = next(g for g in json.loads(r.stdout)["groups"] if g["key"] == "A")
    assert a["suppressed"] is False and a["n"] == 3
    assert a["zones"] == {"balanced": None, "too_close": None, "too_far": None, "adrift": None}
    assert set(a["zones_hidden"]) == set(a["zones"])


# ---------------------------------------------------------------- one session per assessment


def test_a_lock_taken_on_a_file_removed_meanwhile_is_taken_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another session releases (and removes) the lock file between our open and our lock: the
    # lock we got is on a file nobody else can find, so it must be taken on the file there now.
    from kamtrust.results import lock

    partial = tmp_path / "a.partial.json"
    real, calls = lock._try_lock, []

    def released_meanwhile(fd: int) -> bool:
        if not calls:
            lock.lock_path(partial).unlink()
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(lock, "_try_lock", released_meanwhile)
    held = lock.SessionLock(partial).acquire()
    monkeypatch.setattr(lock, "_try_lock", real)
    assert len(calls) == 2
    with pytest.raises(lock.Busy) as busy:
        lock.SessionLock(partial).acquire()
    assert busy.value.pid == os.getpid() and busy.value.exit_code == 4
    held.release()
    assert not lock.lock_path(partial).exists()
