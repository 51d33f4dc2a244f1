"""Issue 13: ratings by clients, managers and peers beside the self-assessment.

Questionnaire format and validation, scoring per role at the ⅔ boundaries, the anonymity of
raters (withheld, pooled, the manager alone only when allowed), a worked example with
hand-computed gaps, and the commands a KAM, a rater and a trainer use.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.raters import OTHERS, plan_groups, rater_questionnaire
from kamtrust.engine.selfother import (
    AGREEMENT,
    BLIND_SPOT,
    FEWER,
    HIDDEN_STRENGTH,
    NOT_RATED,
    RatingIn,
    compare,
    floor_margin,
    group_gaps,
)
from kamtrust.errors import QuestionnaireError
from kamtrust.questionnaire.loader import parse_questionnaire, rater_coverage
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import builtin_dir, resolve

Run = Callable[..., Any]
V2 = builtin_dir() / "kamtrust-8-2.0.yaml"


@pytest.fixture
def q2() -> Questionnaire:
    return resolve("kamtrust-8@2.0")


@pytest.fixture(autouse=True)
def _default_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)


def keyed(q: Questionnaire, item_id: str, value: int) -> int:
    """The raw answer whose keyed value is ``value``."""
    return q.scale.min + q.scale.max - value if q.items[item_id].reverse else value


def answers_for(
    q: Questionnaire, per_scale: dict[str, int], default: int = 3, role: str | None = None
) -> dict[str, int]:
    """Raw answers giving keyed ``per_scale[scale]`` (else ``default``) on every item (of ``role``)."""
    out = {}
    for item in q.items.values():
        if role is not None and role not in item.observers:
            continue
        out[item.id] = keyed(q, item.id, per_scale.get(item.scale_id, default))
    return out


# ------------------------------------------------------------------ questionnaire format


def test_builtin_2_0_gives_every_role_enough_items_per_scale(q2: Questionnaire) -> None:
    assert rater_coverage(q2) == [
        "raters 'client': 51 items; every scale",
        "raters 'manager': 52 items; every scale",
        "raters 'peer': 36 items; cannot rate intimacy",
    ]
    for item in q2.items.values():
        assert bool(item.observer) == bool(item.observers)
        if item.observer:
            assert set(item.observer) == {"es", "en"}
            assert item.observer["en"].startswith(
                (
                    "The ",
                    "When ",
                    "After ",
                    "In ",
                    "However ",
                    "Inside ",
                    "Before ",
                    "As ",
                    "With ",
                    "What ",
                    "News ",
                    "Most ",
                    "Faced ",
                    "For ",
                )
            )
    # A client cannot see the negotiation inside the KAM's company; a manager can.
    assert "client" not in q2.items["persp2_5"].observers and "manager" in q2.items["persp2_5"].observers
    assert resolve("kamtrust-8@1.0").rated_by("client") == ()


def test_validate_lists_the_roles(run: Run) -> None:
    r = run("questionnaire", "validate", str(V2))
    assert r.exit_code == 0
    assert "  raters 'peer': 36 items; cannot rate intimacy" in r.stdout


def _one_factor(items: str, extra: str = "") -> str:
    return f"""
id: t
version: "1"
languages: [es, en]
title: {{es: T, en: T}}
{extra}
scale: {{min: 1, max: 5, labels: {{1: {{es: a, en: a}}, 2: {{es: b, en: b}}, 3: {{es: c, en: c}}, 4: {{es: d, en: d}}, 5: {{es: e, en: e}}}}}}
factors:
  - id: f
    name: {{es: F, en: F}}
    advice: {{risk: {{es: r, en: r}}, developing: {{es: d, en: d}}, strength: {{es: s, en: s}}}}
    items:
{items}
"""


def _items(roles: list[str | None], observer: str = "{es: 'Hace x', en: 'Does x'}") -> str:
    out = []
    for i, role in enumerate(roles):
        out.append(f"      - id: i{i}\n        text: {{es: 'Hago {i}', en: 'I do {i}'}}")
        if role:
            out.append(f"        observers: [{role}]\n        observer: {observer}")
    return "\n".join(out)


def test_a_role_with_too_few_items_in_a_scale_is_named() -> None:
    with pytest.raises(QuestionnaireError) as exc:
        parse_questionnaire(_one_factor(_items(["client"] * 3 + [None] * 3)), "q.yaml")
    assert (
        "factors[0]: scale 'f': the role 'client' can rate 3 of its 6 items; a score needs 4 answers "
        "(the ⅔ rule), so give 'client' at least 4 observable items here, or none"
    ) in exc.value.message
    assert parse_questionnaire(_one_factor(_items(["client"] * 4 + [None] * 2))).factors[0].items[0].observers == (
        "client",
    )


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            _items(["boss"] * 6),
            "factors[0].items[0].observers[0]: unknown role 'boss'; expected one of: client, manager, peer",
        ),
        (_items(["client"] * 6, observer="{es: 'Hace x'}"), "factors[0].items[0].observer: missing the 'en' text"),
        (
            _items([None] * 6).replace(
                "text: {es: 'Hago 0', en: 'I do 0'}",
                "text: {es: 'Hago 0', en: 'I do 0'}\n        observer: {es: a, en: a}",
            ),
            "factors[0].items[0].observer: an observer text needs 'observers', the roles that can rate it (client, manager, peer)",
        ),
        (
            _items([None] * 6).replace(
                "text: {es: 'Hago 0', en: 'I do 0'}", "text: {es: 'Hago 0', en: 'I do 0'}\n        observers: [client]"
            ),
            "factors[0].items[0].observers: roles that can rate an item need its 'observer' text",
        ),
    ],
)
def test_observer_fields_are_checked(items: str, expected: str) -> None:
    with pytest.raises(QuestionnaireError) as exc:
        parse_questionnaire(_one_factor(items), "q.yaml")
    assert expected in exc.value.message


def test_manager_alone_must_be_a_boolean() -> None:
    with pytest.raises(QuestionnaireError) as exc:
        parse_questionnaire(_one_factor(_items([None] * 6), extra="manager_alone: 'yes'"), "q.yaml")
    assert "manager_alone: expected true or false; found the text 'yes'" in exc.value.message
    ok = parse_questionnaire(_one_factor(_items([None] * 6), extra="manager_alone: true"))
    assert ok.manager_alone is True


def test_the_rater_view_has_the_role_items_in_the_third_person(q2: Questionnaire) -> None:
    view = rater_questionnaire(q2, "peer")
    assert [f.id for f in view.factors] == [f.id for f in q2.factors if f.id != "intimacy"]
    assert len(view.items) == 36
    assert view.items["cred2_1"].text["es"].startswith("Quien gestiona la cuenta")


# ------------------------------------------------------------------ scoring per role (⅔ rule)


def test_a_rating_is_scored_at_two_thirds_of_all_the_scale_items(q2: Questionnaire) -> None:
    """Reliability has 6 items; a peer can rate 4 of them: 4 answers score it, 3 do not."""
    peer_rel = [i.id for i in q2.find_scale("reliability").items if "peer" in i.observers]
    assert len(peer_rel) == 4
    base = {i: 3 for i in answers_for(q2, {}, role="peer") if not i.startswith("rel2_")}
    four = {**base, **{i: keyed(q2, i, 5) for i in peer_rel}}
    three = {**base, **{i: keyed(q2, i, 5) for i in peer_rel[:3]}}
    ratings4 = [RatingIn("peer", four)] * 3
    ratings3 = [RatingIn("peer", three)] * 3
    self_a = answers_for(q2, {})
    rel4 = next(r for r in compare(q2, self_a, ratings4).scales if r.id == "reliability")
    rel3 = next(r for r in compare(q2, self_a, ratings3).scales if r.id == "reliability")
    assert rel4.others.n == 3 and rel4.others.mean == 100.0
    assert rel3.others.mean is None and rel3.gap is None


# ------------------------------------------------------------------ anonymity of raters


def test_two_clients_are_withheld_from_every_figure(q2: Questionnaire) -> None:
    so = compare(q2, answers_for(q2, {}), [RatingIn("client", answers_for(q2, {}, 5, "client"))] * 2)
    assert so.plan.groups == () and so.plan.withheld[0].roles == ("client",) and so.plan.withheld[0].n == 2
    assert all(r.others.mean is None and r.gap is None for r in so.scales)
    assert so.statements == ()


def test_two_clients_and_one_peer_are_pooled_as_others(q2: Questionnaire) -> None:
    ratings = [RatingIn("client", answers_for(q2, {}, 4, "client"))] * 2 + [
        RatingIn("peer", answers_for(q2, {}, 2, "peer"))
    ]
    so = compare(q2, answers_for(q2, {}), ratings)
    assert [(g.id, g.roles, g.n) for g in so.plan.groups] == [(OTHERS, ("client", "peer"), 3)]
    cred = next(r for r in so.scales if r.id == "credibility")
    assert cred.others.n == 3 and cred.others.mean == pytest.approx((75 + 75 + 25) / 3)
    intimacy = next(r for r in so.scales if r.id == "intimacy")  # the peer rates no intimacy item
    assert intimacy.groups[OTHERS].hidden == FEWER and intimacy.others.mean is None


def test_the_manager_is_shown_alone_only_when_allowed(q2: Questionnaire) -> None:
    ratings = [RatingIn("client", answers_for(q2, {}, 4, "client"))] * 3 + [
        RatingIn("manager", answers_for(q2, {}, 2, "manager"))
    ]
    pooled = compare(q2, answers_for(q2, {}), ratings)
    assert [g.id for g in pooled.plan.groups] == ["client"]
    assert pooled.plan.manager_withheld and pooled.plan.withheld[0].roles == ("manager",)
    # Withheld means in no figure, not even "all raters": the total is the clients' alone.
    cred = next(r for r in pooled.scales if r.id == "credibility")
    assert cred.others.n == 3 and cred.others.mean == 75.0
    alone = compare(q2, answers_for(q2, {}), ratings, manager_alone=True)
    assert [(g.id, g.n) for g in alone.plan.groups] == [("client", 3), ("manager", 1)]
    cred = next(r for r in alone.scales if r.id == "credibility")
    assert cred.groups["manager"].mean == 25.0 and cred.others.n == 4
    # A single manager's statements are never listed: statements need min_raters per group.
    assert all(s.groups["manager"].hidden == FEWER for s in alone.statements)


def test_the_threshold_can_be_raised_never_lowered(q2: Questionnaire) -> None:
    with pytest.raises(ValueError, match="at least 3"):
        plan_groups({"client": 5}, min_raters=2)
    plan = plan_groups({"client": 3, "peer": 4}, min_raters=4)
    assert [(g.id, g.n) for g in plan.groups] == [("peer", 4)] and plan.withheld[0].roles == ("client",)


def test_a_rater_without_a_score_at_one_factor_hides_that_cell_only(q2: Questionnaire) -> None:
    full = answers_for(q2, {}, 4, "client")
    no_cred = {k: v for k, v in full.items() if not k.startswith("cred2_")}
    so = compare(q2, answers_for(q2, {}), [RatingIn("client", full)] * 2 + [RatingIn("client", no_cred)])
    cred = next(r for r in so.scales if r.id == "credibility")
    rel = next(r for r in so.scales if r.id == "reliability")
    assert cred.groups["client"].hidden == FEWER and cred.groups["client"].n == 0 and cred.others.mean is None
    assert rel.groups["client"].n == 3


# ------------------------------------------------------------------ a worked example


def test_worked_example_with_hand_computed_gaps(q2: Questionnaire) -> None:
    """Self: credibility 100, reliability 100, integrity 25, the rest 50.
    Three clients: credibility 75, 50, 100 (mean 75, SD 25); reliability 50 each; integrity 75
    each; the rest 50.

    - credibility: gap 25; margin max(1.96 × 25 / √3, floor) = 28.29 > 25: in line;
    - reliability: gap 50; SD 0, so the floor, 1.96 × 25 × 0.5 / √6 = 10.00: blind spot;
    - integrity: gap −50: hidden strength; the others: gap 0, in line.
    """
    self_a = answers_for(q2, {"credibility": 5, "reliability": 5, "integrity": 2})
    raters = [
        RatingIn("client", answers_for(q2, {"credibility": c, "reliability": 3, "integrity": 4}, 3, "client"))
        for c in (4, 3, 5)
    ]
    so = compare(q2, self_a, raters)
    rows = {r.id: r for r in so.scales}
    assert floor_margin(q2, 6) == pytest.approx(10.002, abs=1e-3)
    cred = rows["credibility"]
    assert (cred.self_score, cred.others.mean, cred.others.sd) == (100.0, 75.0, 25.0)
    assert cred.gap == 25.0 and cred.margin == pytest.approx(28.290, abs=1e-3) and cred.verdict == AGREEMENT
    rel = rows["reliability"]
    assert (rel.gap, rel.verdict) == (50.0, BLIND_SPOT) and rel.margin == pytest.approx(10.002, abs=1e-3)
    integ = rows["integrity"]
    assert (integ.self_score, integ.others.mean, integ.gap, integ.verdict) == (25.0, 75.0, -50.0, HIDDEN_STRENGTH)
    assert rows["value_creation"].gap == 0.0 and rows["value_creation"].verdict == AGREEMENT
    # Development areas: self's lowest are integrity and (by factor order) intimacy; the
    # clients' lowest are reliability and intimacy: reliability is the lever they add.
    assert so.self_development == ("integrity", "intimacy")
    assert so.others_development == ("reliability", "intimacy")
    assert [(lv.factor, lv.band) for lv in so.levers] == [("reliability", "developing")]
    # Statements: the largest keyed gaps first (reliability: self 5 against 3 on each item).
    assert so.statements[0].gap == 2.0 and so.statements[0].scale_id == "reliability"
    assert so.self_point is not None and so.others_point is not None


def test_a_group_mean_gap_needs_three_people(q2: Questionnaire) -> None:
    one = compare(
        q2,
        answers_for(q2, {"reliability": 5}),
        [RatingIn("client", answers_for(q2, {"reliability": 3}, 3, "client"))] * 3,
    )
    two = group_gaps(q2, [one, one])
    assert next(g for g in two if g.id == "reliability").hidden == FEWER
    three = {g.id: g for g in group_gaps(q2, [one, one, one])}
    assert (three["reliability"].n, three["reliability"].mean, three["reliability"].reading) == (3, 50.0, BLIND_SPOT)
    with pytest.raises(ValueError):
        group_gaps(q2, [one] * 3, min_group=2)


def test_not_rated_is_told_apart_from_hidden(q2: Questionnaire) -> None:
    so = compare(q2, answers_for(q2, {}), [RatingIn("peer", answers_for(q2, {}, 4, "peer"))] * 3)
    intimacy = next(r for r in so.scales if r.id == "intimacy")
    assert intimacy.groups["peer"].hidden == NOT_RATED


# ------------------------------------------------------------------ commands


def make_result(run: Run, tmp_path: Path, q: Questionnaire, per_scale: dict[str, int], **who: str) -> Path:
    src = tmp_path / "self-answers.json"
    src.write_text(json.dumps({"answers": answers_for(q, per_scale)}), encoding="utf-8")
    out = tmp_path / "self.json"
    args = ["assess", "--answers", str(src), "-o", str(out), "--lang", "es"]
    for k, v in who.items():
        args += [f"--{k}", v]
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    return out


def rate_file(run: Run, tmp_path: Path, result: Path, role: str, answers: dict[str, int], n: int, **extra: str) -> Path:
    folder = tmp_path / "ratings"
    folder.mkdir(exist_ok=True)
    src = tmp_path / f"{role}-{n}.yaml"
    src.write_text(json.dumps({"answers": answers}), encoding="utf-8")
    out = folder / f"{role}-{n}.json"
    args = ["assess", "--as", role, "--for", str(result), "--answers", str(src), "-o", str(out)]
    for k, v in extra.items():
        args += [f"--{k.replace('_', '-')}", v] if v else [f"--{k.replace('_', '-')}"]
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    return out


def test_assess_as_a_rater_writes_a_rating_document(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = make_result(run, tmp_path, q2, {}, name="Marta", account="Distribuciones Norte")
    path = rate_file(run, tmp_path, result, "client", answers_for(q2, {}, 4, "client"), 1)
    doc = json.loads(path.read_text(encoding="utf-8"))
    own = json.loads(result.read_text(encoding="utf-8"))
    assert doc["schema"] == "kamtrust.rating/1"
    assert doc["rated"] == {"participant_id": own["participant"]["id"], "account": "Distribuciones Norte"}
    assert (doc["role"], doc["questionnaire"]) == ("client", {"id": "kamtrust-8", "version": "2.0"})
    assert "rater" not in doc and len(doc["answers"]) == 51
    named = rate_file(run, tmp_path, result, "client", answers_for(q2, {}, 4, "client"), 2, name="Ana")
    assert json.loads(named.read_text(encoding="utf-8"))["rater"] == {"name": "Ana"}


def test_a_rater_cannot_answer_what_their_role_does_not_rate(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = make_result(run, tmp_path, q2, {})
    src = tmp_path / "a.json"
    src.write_text(json.dumps({"answers": {"persp2_5": 3, "cred2_1": 4}}), encoding="utf-8")
    r = run("assess", "--as", "client", "--for", str(result), "--answers", str(src), "-o", str(tmp_path / "r.json"))
    assert r.exit_code == 1
    assert f"{src}: 1 answer not accepted:\n  'persp2_5' is not rated by the role 'client'" in r.stderr
    assert not (tmp_path / "r.json").exists()
    r = run(
        "assess",
        "--as",
        "client",
        "--for",
        str(result),
        "--answers",
        str(src),
        "-o",
        str(tmp_path / "r.json"),
        "--lang",
        "es",
    )
    assert f"{src}: 1 respuesta no aceptada:\n  'persp2_5' no lo valora el rol 'client'" in r.stderr


def test_as_and_for_go_together(run: Run, tmp_path: Path) -> None:
    r = run("assess", "--as", "client", "--lang", "es")
    assert r.exit_code == 2
    assert "--as y --for van juntos" in r.stderr
    r = run("assess", "--as", "boss", "--for", str(tmp_path / "x.json"))
    assert r.exit_code == 2 and "unknown role 'boss'; expected one of: client, manager, peer" in r.stderr


def test_a_rater_answers_in_the_terminal(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = make_result(run, tmp_path, q2, {}, name="Marta", account="Norte")
    out = tmp_path / "r.json"
    r = run("assess", "--as", "peer", "--for", str(result), "--lang", "en", "-o", str(out), input="4\n" * 36)
    assert r.exit_code == 0, r.stderr
    shown = " ".join(r.stdout.split())
    assert "How Marta builds trust with Norte: your view" in shown
    assert "In every statement, “the client” is “Norte”" in shown  # and Marta is named in each
    assert "Marta keeps up with what is happening in the client's sector" in shown
    said = " ".join(r.stderr.split())
    assert (
        "Thank you. Your answers are saved for Marta; they will only be shown as averages of at least 3 raters." in said
    )
    assert len(json.loads(out.read_text(encoding="utf-8"))["answers"]) == 36


def report_setup(run: Run, tmp_path: Path, q2: Questionnaire, clients: int, peers: int = 0, managers: int = 0) -> Path:
    result = make_result(run, tmp_path, q2, {"reliability": 5}, name="Marta", account="Norte")
    n = 0
    for role, count in (("client", clients), ("peer", peers), ("manager", managers)):
        for _ in range(count):
            n += 1
            rate_file(run, tmp_path, result, role, answers_for(q2, {"reliability": 3}, 3, role), n, name=f"Rater{n}")
    return result


@pytest.mark.parametrize("fmt", ["table", "md", "json", "html"])
def test_no_rater_is_named_or_shown_alone_in_any_format(run: Run, tmp_path: Path, q2: Questionnaire, fmt: str) -> None:
    result = report_setup(run, tmp_path, q2, clients=3, peers=1)
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "-f", fmt, "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert "Rater" not in r.stdout
    text = r.stdout
    if fmt == "json":
        doc = json.loads(text)
        assert doc["withheld"] == [{"roles": ["peer"], "n": 1, "reason": "fewer"}]
        assert [g["id"] for g in doc["groups"]] == ["client"]
        rel = next(s for s in doc["scales"] if s["id"] == "reliability")
        assert rel["all_raters"]["n"] == 3 and rel["reading"] == "blind_spot"
    else:
        flat = " ".join(text.split())
        assert "No se muestran las valoraciones de 1 colega: con menos de 3 personas se podrían reconocer" in flat
        assert "Puntos ciegos (te valoras claramente por encima de como te ven): Fiabilidad." in flat


def test_two_clients_alone_give_a_report_that_says_why(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = report_setup(run, tmp_path, q2, clients=2)
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "--lang", "en")
    assert r.exit_code == 0
    flat = " ".join(r.stdout.split())
    assert "The ratings of 2 clients are not shown: with fewer than 3 raters" in flat
    assert "They are in no figure of this report, not even the total." in flat


def test_the_manager_is_shown_alone_only_when_their_form_said_so(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = report_setup(run, tmp_path, q2, clients=3, managers=1)
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "--show-manager", "-f", "json")
    doc = json.loads(r.stdout)
    assert [g["id"] for g in doc["groups"]] == ["client"]  # this manager was not told
    told = rate_file(run, tmp_path, result, "manager", answers_for(q2, {}, 2, "manager"), 99, show_manager="")
    assert json.loads(told.read_text(encoding="utf-8"))["told_shown_alone"] is True
    (tmp_path / "ratings" / "manager-4.json").unlink()
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "--show-manager", "-f", "json")
    assert [(g["id"], g["n"]) for g in json.loads(r.stdout)["groups"]] == [("client", 3), ("manager", 1)]
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "-f", "json")
    assert [g["id"] for g in json.loads(r.stdout)["groups"]] == ["client"]


def test_min_raters_below_three_is_refused(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = report_setup(run, tmp_path, q2, clients=3)
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "--min-raters", "2", "--lang", "es")
    assert r.exit_code == 2
    assert "--min-raters debe ser al menos 3 (se indicó 2)" in r.stderr


def test_ratings_of_other_people_and_copies_are_said(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = report_setup(run, tmp_path, q2, clients=3)
    folder = tmp_path / "ratings"
    first = sorted(folder.glob("*.json"))[0]
    (folder / "copy.json").write_bytes(first.read_bytes())
    other = json.loads(first.read_text(encoding="utf-8"))
    other["rated"]["participant_id"] = "someone-else"
    (folder / "other.json").write_text(json.dumps(other), encoding="utf-8")
    (folder / "junk.json").write_text("{}", encoding="utf-8")
    r = run("feedback", "report", str(result), str(folder), "-f", "json", "--lang", "en")
    assert r.exit_code == 0
    assert "1 rating is of another person or account and was not used." in r.stderr
    assert "1 rating was the same as another one (a copy) and counts once." in r.stderr
    assert f"Left out {folder / 'junk.json'}: " in r.stderr
    assert json.loads(r.stdout)["groups"] == [{"id": "client", "roles": ["client"], "n": 3}]


def test_the_report_is_written_once_and_never_over_a_file(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    result = report_setup(run, tmp_path, q2, clients=3)
    out = tmp_path / "informe.html"
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "-o", str(out))
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "-o", str(out))
    assert r.exit_code == 1 and "cannot write" in r.stderr


def test_the_group_summary_of_gaps(run: Run, tmp_path: Path, q2: Questionnaire) -> None:
    results = tmp_path / "results"
    results.mkdir()
    ratings = tmp_path / "all-ratings"
    ratings.mkdir()
    for k in range(3):
        sub = tmp_path / f"p{k}"
        sub.mkdir()
        result = make_result(run, sub, q2, {"reliability": 5}, name=f"P{k}", account="Norte")
        doc = json.loads(result.read_text(encoding="utf-8"))
        doc["participant"]["id"] = f"person-{k}"  # three people (one machine gives one id)
        result.write_text(json.dumps(doc), encoding="utf-8")
        (results / f"p{k}.json").write_bytes(result.read_bytes())
        for n in range(3):
            rate_file(run, sub, result, "client", answers_for(q2, {"reliability": 3}, 3, "client"), n)
        (sub / "ratings").rename(ratings / f"p{k}")
    r = run("feedback", "summary", str(results), "--ratings", str(ratings), "-f", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    rel = next(s for s in doc["scales"] if s["id"] == "reliability")
    assert "n" in rel, (r.stdout, r.stderr)
    assert (rel["n"], rel["mean_gap"], rel["reading"]) == (3, 50.0, "blind_spot")
    assert (doc["people"], doc["people_with_ratings"]) == (3, 3)
    r = run(
        "feedback",
        "summary",
        str(results / "p0.json"),
        str(results / "p1.json"),
        "--ratings",
        str(ratings),
        "--lang",
        "es",
    )
    assert "oculto: pocas personas" in r.stdout
    r = run("feedback", "summary", str(results), "--ratings", str(ratings), "-o", str(tmp_path / "g.html"))
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert r.exit_code == 0 and page.count('class="kt-bar"') == 10 and "P0" not in page and "<script" not in page


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_the_spanish_report_has_no_english_sentence(run: Run, tmp_path: Path, q2: Questionnaire, fmt: str) -> None:
    from kamtrust.feedback_words import FEEDBACK

    result = report_setup(run, tmp_path, q2, clients=3, peers=2, managers=1)
    r = run("feedback", "report", str(result), str(tmp_path / "ratings"), "-f", fmt, "--lang", "es")
    flat = " ".join(r.stdout.split())
    english = [v.split("{")[0].strip() for v in FEEDBACK["en"].values()]
    assert [e for e in english if len(e) > 12 and e in flat] == []
    for word in ("Blind spot", "Hidden strength", "raters", "Statement", "Development areas"):
        assert word not in flat
