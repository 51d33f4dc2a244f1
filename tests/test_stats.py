"""Group statistics against values computed by hand."""

from __future__ import annotations

import random
import statistics
from math import sqrt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamtrust.engine.stats import (
    cohen_d,
    cohen_dz,
    cronbach_alpha,
    describe,
    describe_counted,
    item_total,
    pearson,
    sd,
    variance,
)

# Five people, three items: a worked example small enough to check on paper.
#   item variances 2.5, 1.3, 1.3 (sum 5.1); totals 5, 8, 10, 13, 14 -> variance 13.5
#   alpha = 3/2 * (1 - 5.1/13.5) = 14/15
ROWS = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 4, 5]]


def test_describe_by_hand() -> None:
    d = describe([40.0, 55.0, 60.0, 70.0, 85.0])
    # deviations from 62: -22 -7 -2 8 23; squares sum to 1130; / (5 - 1) = 282.5
    assert (d.n, d.mean, d.median, d.min, d.max) == (5, 62.0, 60.0, 40.0, 85.0)
    assert d.sd == pytest.approx(sqrt(282.5), abs=1e-12)
    assert describe([]).mean is None
    one = describe([50.0])
    assert (one.n, one.mean, one.sd, one.median) == (1, 50.0, None, 50.0)


def test_variance_agrees_with_the_exact_stdlib() -> None:
    rng = random.Random(3)
    for n in (2, 3, 10, 500):
        values = [rng.uniform(0, 100) for _ in range(n)]
        assert variance(values) == pytest.approx(statistics.variance(values), rel=1e-12)
        assert sd(values) == pytest.approx(statistics.stdev(values), rel=1e-12)
    assert sd([3.0]) is None


def _written_out(pairs: list[tuple[float, int]]) -> list[float]:
    return [v for v, c in pairs for _ in range(c)]


def test_described_from_counts_by_hand() -> None:
    # 40 twice, 55 once, 60 three times, 70 never: every figure as if written out
    pairs = [(60.0, 3), (40.0, 2), (55.0, 1), (70.0, 0)]
    assert describe_counted(pairs) == describe([40.0, 40.0, 55.0, 60.0, 60.0, 60.0])
    assert describe_counted([(60.0, 2), (40.0, 2)]).median == 50.0  # between the two middle values
    assert describe_counted([(60.0, 3), (40.0, 1)]).median == 60.0
    assert describe_counted([]) == describe([]) and describe_counted([(5.0, 0)]).n == 0
    assert describe_counted([(50.0, 1)]) == describe([50.0])


# Scores as scoring makes them (100 x keyed total / range, many decimals), repeated as in a group.
_SCORES = st.integers(0, 48).map(lambda k: 100 * k / 48) | st.floats(0, 100, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_SCORES, st.integers(0, 400)), max_size=30))
def test_described_from_counts_is_the_very_same_floats(pairs: list[tuple[float, int]]) -> None:
    # Exactly equal, not approximately: a group described from counts must print the same
    # digits as the same group described value by value (and as the reference libraries).
    assert describe_counted(pairs) == describe(_written_out(pairs))


def test_cronbach_alpha_worked_example() -> None:
    assert cronbach_alpha(ROWS) == pytest.approx(14 / 15, abs=1e-12)


def test_corrected_item_total_worked_example() -> None:
    # item 1 = 1..5 against the other two items' sum 4, 6, 7, 9, 9:
    # sxy = 13, sxx = 10, syy = 18 -> r = 13 / sqrt(180)
    r = item_total(ROWS)
    assert r[0] == pytest.approx(13 / sqrt(180), abs=1e-12)
    # item 2 = 2,3,3,5,4 against 3,5,7,8,10: sxy = 9.8, sxx = 5.2, syy = 29.2
    assert r[1] == pytest.approx(9.8 / sqrt(5.2 * 29.2), abs=1e-12)


def _alpha_from_covariances(rows: list[list[int]]) -> float:
    """An independent formula: alpha = k * mean covariance / (mean variance + (k - 1) * mean covariance)."""
    k = len(rows[0])
    cols = list(zip(*rows, strict=True))
    cov = [[statistics.covariance(cols[i], cols[j]) for j in range(k)] for i in range(k)]
    v = sum(cov[i][i] for i in range(k)) / k
    c = sum(cov[i][j] for i in range(k) for j in range(k) if i != j) / (k * (k - 1))
    return k * c / (v + (k - 1) * c)


def test_alpha_matches_the_covariance_formula_on_likert_data() -> None:
    rng = random.Random(11)
    rows = []
    for _ in range(40):
        trait = rng.randint(1, 5)
        rows.append([max(1, min(5, trait + rng.choice((-1, 0, 0, 1)))) for _ in range(5)])
    assert cronbach_alpha(rows) == pytest.approx(_alpha_from_covariances(rows), abs=1e-12)


def test_alpha_and_r_are_none_when_not_computable() -> None:
    assert cronbach_alpha([[3, 3, 3]]) is None  # one case
    assert cronbach_alpha([[3, 3], [3, 3], [3, 3]]) is None  # no variance
    assert cronbach_alpha([[1], [2], [3]]) is None  # one item
    assert item_total([[1, 3], [2, 3], [3, 3]]) == [None, None]  # the second item does not vary
    assert pearson([1.0], [2.0]) is None


def test_effect_sizes_by_hand() -> None:
    # equal variances (1), means 2 and 4: d = 2
    assert cohen_d([1, 2, 3], [3, 4, 5]) == pytest.approx(2.0)
    # differences 1, 2, 3: mean 2, sd 1 -> d_z = 2
    assert cohen_dz([1, 2, 3]) == pytest.approx(2.0)
    assert cohen_dz([2, 2, 2]) is None  # no spread: undefined, not infinite
    assert cohen_d([1], [2, 3]) is None


def test_item_total_matches_a_direct_correlation_with_the_rest() -> None:
    rng = random.Random(5)
    rows = [[rng.randint(1, 5) for _ in range(4)] for _ in range(30)]
    for j, r in enumerate(item_total(rows)):
        item = [row[j] for row in rows]
        rest = [sum(row) - row[j] for row in rows]
        assert r == pytest.approx(pearson(item, rest), abs=1e-12)
