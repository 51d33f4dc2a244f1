"""Properties of scoring and result documents, for any questionnaire the loader accepts."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kamtrust.atomic import write_atomic
from kamtrust.engine.scoring import (
    ACQUIESCENCE,
    INCOMPLETE,
    STRAIGHT_LINING,
    UNIFORM_HIGH,
    DistanceResult,
    Profile,
    ScaleScore,
    answer_problems,
    score,
)
from kamtrust.questionnaire.model import Questionnaire, Scale
from kamtrust.results.document import Participant, Result, build_result, read_result

from .strategies import answers_for, json_values, questionnaire_and_answers, questionnaires, results

# -- MODEL.md's rules, read literally: the optimised engine must agree on every input ----------


def _reference_scale(q: Questionnaire, s: Scale, answers: dict[str, Any]) -> ScaleScore:
    lo, hi = q.scale.min, q.scale.max
    values = [lo + hi - answers[i.id] if i.reverse else answers[i.id] for i in s.items if answers.get(i.id) is not None]
    n, k = len(s.items), len(values)
    needed = math.ceil(Fraction(2 * n, 3))
    if k < needed or k == 0:
        return ScaleScore(s.id, None, None, k, n, needed)
    # 100 x (mean - min) / (max - min), correctly rounded from the exact fraction.
    pomp = float(100 * (Fraction(sum(values), k) - lo) / (hi - lo))
    band = [b for b in q.bands if b.min <= pomp][-1].id
    return ScaleScore(s.id, pomp, band, k, n, needed)


def reference_profile(q: Questionnaire, answers: dict[str, Any]) -> Profile:
    factors = {f.id: _reference_scale(q, f, answers) for f in q.factors}
    poles: dict[str, ScaleScore] = {}
    distance = None
    if q.distance is not None:
        prox = _reference_scale(q, q.distance.proximity, answers)
        persp = _reference_scale(q, q.distance.perspective, answers)
        poles = {"proximity": prox, "perspective": persp}
        if prox.score is None or persp.score is None:
            distance = DistanceResult(prox.score, persp.score, None, None)
        else:
            t = q.distance.threshold
            zone = {(True, True): "balanced", (True, False): "too_close", (False, True): "too_far"}.get(
                (prox.score >= t, persp.score >= t), "adrift"
            )
            distance = DistanceResult(prox.score, persp.score, persp.score - prox.score, zone)
    scores = [s.score for s in factors.values()]
    overall = None if None in scores else math.fsum(scores) / len(scores)  # type: ignore[arg-type]
    ranked = [(s.score, n, s.id) for n, s in enumerate(factors.values()) if s.score is not None]
    strengths = tuple(fid for _, _, fid in sorted(ranked, key=lambda r: (-r[0], r[1]))[:2])
    development = tuple([fid for _, _, fid in sorted(ranked) if fid not in strengths][:2])
    given_values = [v for v in answers.values() if v is not None]
    flags = ((STRAIGHT_LINING,) if len(given_values) > 1 and len(set(given_values)) == 1 else ()) + (
        (INCOMPLETE,) if len(given_values) < len(q.items) else ()
    )
    # Response quality: raw answers of 4+ (on 1-5; min + 3/4 of the range) on direct AND reverse items.
    lo, hi = q.scale.min, q.scale.max
    level = lo + Fraction(3, 4) * (hi - lo)
    direct = [v for k, v in answers.items() if v is not None and not q.items[k].reverse]
    rev = [v for k, v in answers.items() if v is not None and q.items[k].reverse]
    if (
        STRAIGHT_LINING not in flags
        and len(direct) >= 4
        and len(rev) >= 4
        and Fraction(sum(direct), len(direct)) >= level
        and Fraction(sum(rev), len(rev)) >= level
    ):
        flags += (ACQUIESCENCE,)
    if None not in scores and scores and min(scores) >= 70 and max(scores) - min(scores) <= 15:  # type: ignore[type-var, operator]
        flags += (UNIFORM_HIGH,)
    lowest = q.bands[0].id
    alerts = tuple(f for f in ("client_focus", "integrity") if f in factors and factors[f].band == lowest)
    return Profile(factors, poles, distance, overall, strengths, development, flags, alerts)


@given(questionnaire_and_answers())
def test_the_engine_follows_the_scoring_rules_exactly(case: tuple[Questionnaire, dict[str, Any]]) -> None:
    q, answers = case
    assert score(q, answers) == reference_profile(q, answers)


@given(questionnaire_and_answers(complete=True))
def test_the_engine_follows_the_scoring_rules_exactly_on_complete_answers(
    case: tuple[Questionnaire, dict[str, Any]],
) -> None:
    q, answers = case
    assert score(q, answers) == reference_profile(q, answers)


# -- ranges, monotonicity, order ---------------------------------------------------------------


@given(questionnaire_and_answers())
def test_every_score_lies_between_0_and_100_or_is_null(case: tuple[Questionnaire, dict[str, Any]]) -> None:
    q, answers = case
    p = score(q, answers)
    band_ids = {b.id for b in q.bands}
    for s in [*p.factors.values(), *p.poles.values()]:
        assert s.score is None or 0 <= s.score <= 100
        assert (s.band is None) == (s.score is None)
        assert s.band is None or s.band in band_ids
    assert p.overall is None or 0 <= p.overall <= 100
    if p.distance is not None and p.distance.balance is not None:
        assert -100 <= p.distance.balance <= 100
    assert set(p.strengths) <= set(p.factors) and set(p.development) <= set(p.factors)


@st.composite
def a_raised_answer(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, Any], str, int]:
    """A questionnaire, answers, and one answered item with a higher value to raise it to."""
    q = draw(questionnaires())
    item = draw(st.sampled_from(sorted(q.items)))
    others = {k: v for k, v in draw(answers_for(q)).items() if k != item}
    before = draw(st.integers(q.scale.min, q.scale.max - 1))
    after = draw(st.integers(before + 1, q.scale.max))
    return q, {**others, item: before}, item, after


def _scale_of(p: Profile, scale_id: str) -> ScaleScore:
    return p.factors.get(scale_id) or p.poles[scale_id]


@given(a_raised_answer())
def test_raising_an_answer_moves_its_scale_with_the_key(case: tuple[Questionnaire, dict[str, Any], str, int]) -> None:
    q, answers, item_id, higher = case
    item = q.items[item_id]
    before = _scale_of(score(q, answers), item.scale_id)
    after = _scale_of(score(q, {**answers, item_id: higher}), item.scale_id)
    assert (before.score is None) == (after.score is None)
    if before.score is not None:
        if item.reverse:
            assert after.score < before.score  # type: ignore[operator]
        else:
            assert after.score > before.score  # type: ignore[operator]


@given(questionnaire_and_answers(), st.randoms(use_true_random=False))
def test_the_order_of_the_answers_changes_nothing(case: tuple[Questionnaire, dict[str, Any]], rnd: Any) -> None:
    q, answers = case
    shuffled_items = list(answers.items())
    rnd.shuffle(shuffled_items)
    shuffled = dict(shuffled_items)
    assert score(q, shuffled) == score(q, answers)
    who = Participant("p")
    given_ = {k: v for k, v in answers.items() if v is not None}
    shuffled_given = {k: v for k, v in shuffled.items() if v is not None}
    one = build_result(q, given_, score(q, given_), language="en", participant=who, created_at="2026-01-01T00:00:00Z")
    two = build_result(
        q, shuffled_given, score(q, shuffled_given), language="en", participant=who, created_at="2026-01-01T00:00:00Z"
    )
    assert one.to_json() == two.to_json()


# -- validation ---------------------------------------------------------------------------------


@st.composite
def any_answers(draw: st.DrawFn) -> tuple[Questionnaire, dict[Any, Any]]:
    """Answers that may name unknown items or hold booleans, floats, texts, big numbers."""
    q = draw(questionnaires())
    keys = st.sampled_from(sorted(q.items)) | st.text(max_size=5)
    values = st.integers(q.scale.min - 2, q.scale.max + 2) | st.none() | json_values(3)
    return q, draw(st.dictionaries(keys, values, max_size=len(q.items) + 2))


@given(any_answers())
def test_invalid_answers_are_refused_with_every_problem(case: tuple[Questionnaire, dict[Any, Any]]) -> None:
    q, answers = case
    problems = answer_problems(q, answers)
    try:
        p = score(q, answers)
    except ValueError as exc:
        assert problems and str(exc) == "; ".join(problems)
    else:
        assert not problems
        assert p == reference_profile(q, answers)


# -- result documents ---------------------------------------------------------------------------


@given(results())
def test_a_result_written_and_read_back_is_identical(tmp_path: Path, result: Result) -> None:
    path = tmp_path / "result.json"
    write_atomic(path, result.to_json())
    back = read_result(path)
    assert back == result
    assert back.to_json() == result.to_json()
    assert json.loads(path.read_text(encoding="utf-8")) == result.to_dict()
