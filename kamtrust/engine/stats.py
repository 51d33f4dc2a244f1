"""Descriptive statistics, Cronbach's alpha, item-total correlations and effect sizes (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from math import fsum, sqrt
from operator import mul, sub


@dataclass(frozen=True, slots=True)
class Describe:
    """n, mean, sample standard deviation, median, min and max of some numbers."""

    n: int
    mean: float | None
    sd: float | None
    """Sample standard deviation (n - 1); None when n < 2."""
    median: float | None
    min: float | None
    max: float | None


def _fmean(values: Sequence[float]) -> float:
    """The mean of some values, as ``statistics.fmean`` gives it (an exact sum, divided once);
    written here because importing ``statistics`` costs every command a few milliseconds."""
    return fsum(values) / len(values)


def _median(values: Sequence[float]) -> float:
    """The median of some values, as ``statistics.median`` gives it."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean; None for no values."""
    return _fmean(values) if values else None


def variance(values: Sequence[float]) -> float:
    """The sample variance (n - 1 denominator) of at least two values.

    Two passes with ``math.fsum`` rather than ``statistics.variance``: the stdlib works in exact
    fractions, about thirty times slower, and a company programme has thousands of results.
    The tests check both agree to 1e-12.
    """
    n = len(values)
    m = fsum(values) / n
    deviations = list(map(sub, values, repeat(m, n)))  # in C: the same floats as v - m one by one
    return fsum(map(mul, deviations, deviations)) / (n - 1)


def sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1 denominator); None when n < 2."""
    return sqrt(variance(values)) if len(values) >= 2 else None


def describe(values: Sequence[float]) -> Describe:
    """Every descriptive statistic of ``values`` at once."""
    if not values:
        return Describe(0, None, None, None, None, None)
    return Describe(
        len(values),
        _fmean(values),
        sd(values),
        _median(values),
        min(values),
        max(values),
    )


def describe_counted(counted: Sequence[tuple[float, int]]) -> Describe:
    """:func:`describe` of values given as (value, how many times) pairs, each value once, with
    the very same floats as ``describe`` of the values written out.

    A group's scores take few distinct values (a score depends on a handful of integers), so
    10,000 of them are described from about a hundred pairs. ``fsum`` is exact and rounds once,
    and so does :func:`_sum_counted`; the deviations are those ``describe`` computes.
    """
    pairs = sorted((v, c) for v, c in counted if c > 0)
    n = sum(c for _, c in pairs)
    if not n:
        return Describe(0, None, None, None, None, None)
    m = _sum_counted(pairs) / n
    sd_ = None
    if n >= 2:
        squares = [((v - m) * (v - m), c) for v, c in pairs]
        sd_ = sqrt(_sum_counted(squares) / (n - 1))
    return Describe(n, m, sd_, _median_counted(pairs, n), pairs[0][0], pairs[-1][0])


def _sum_counted(pairs: Sequence[tuple[float, int]]) -> float:
    """``fsum`` of each value repeated its count: the exact sum (in integers: a finite float is an
    integer over a power of two), rounded once by Python's correctly rounded integer division."""
    ratios = [(*v.as_integer_ratio(), c) for v, c in pairs]
    if not ratios:
        return 0.0
    den = max(d for _, d, _ in ratios)
    return sum(num * c * (den // d) for num, d, c in ratios) / den


def _median_counted(pairs: Sequence[tuple[float, int]], n: int) -> float:
    """:func:`_median` of the values ``pairs`` (sorted) stand for."""
    half = n // 2
    below = 0
    lower = pairs[0][0]
    for v, c in pairs:
        if below + c > half:  # v is the value at position ``half`` of the sorted values
            return v if n % 2 or below < half else (lower + v) / 2
        below += c
        lower = v
    raise AssertionError("unreachable: the counts add up to n")


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's r; None when fewer than 2 pairs or either variable does not vary."""
    n = len(x)
    if n < 2 or n != len(y):
        return None
    mx, my = fsum(x) / n, fsum(y) / n
    sxy = fsum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = fsum((a - mx) ** 2 for a in x)
    syy = fsum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    return sxy / sqrt(sxx * syy)


@dataclass(frozen=True, slots=True)
class _Moments:
    """Variances of each item and of the totals, and each item's covariance with the total."""

    k: int
    item_var: list[float]
    total_var: float
    item_total_cov: list[float]


def _moments(rows: Sequence[Sequence[float]]) -> _Moments:
    # From sums of products in one sweep: exact for whole-number answers (all sums are integers
    # well below 2**53), and several times faster than per-item correlations at 10,000 results.
    n = len(rows)
    k = len(rows[0])
    totals = [fsum(r) for r in rows]
    cols = list(zip(*rows, strict=True))
    st = fsum(totals)
    d = n * (n - 1)
    total_var = (n * fsum(t * t for t in totals) - st * st) / d
    item_var = []
    cov = []
    for c in cols:
        sx = fsum(c)
        item_var.append((n * fsum(v * v for v in c) - sx * sx) / d)
        cov.append((n * fsum(v * t for v, t in zip(c, totals, strict=True)) - sx * st) / d)
    return _Moments(k, item_var, total_var, cov)


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of complete cases ``rows`` (one row per person, one column per item).

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the totals).
    None when there are fewer than 2 items or 2 cases, or the totals do not vary.
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    m = _moments(rows)
    if m.total_var <= 0:
        return None
    return m.k / (m.k - 1) * (1 - fsum(m.item_var) / m.total_var)


def item_total(rows: Sequence[Sequence[float]]) -> list[float | None]:
    """Each item's corrected item-total correlation: r with the sum of the *other* items.

    cov(x, T - x) = cov(x, T) - var(x) and var(T - x) = var(T) + var(x) - 2 cov(x, T);
    None for an item (or a rest) that does not vary.
    """
    if not rows:
        return []
    k = len(rows[0])
    if len(rows) < 2 or k < 2:
        return [None] * k
    m = _moments(rows)
    out: list[float | None] = []
    for var, cov in zip(m.item_var, m.item_total_cov, strict=True):
        rest_var = m.total_var + var - 2 * cov
        if var <= 0 or rest_var <= 1e-12 * max(1.0, m.total_var):
            out.append(None)
        else:
            out.append((cov - var) / sqrt(var * rest_var))
    return out


def cohen_d(before: Sequence[float], after: Sequence[float]) -> float | None:
    """Cohen's d for two independent groups: (mean after - mean before) / pooled SD.

    None when either group has fewer than 2 values or the pooled SD is 0.
    """
    na, nb = len(before), len(after)
    if na < 2 or nb < 2:
        return None
    pooled = ((na - 1) * variance(before) + (nb - 1) * variance(after)) / (na + nb - 2)
    if pooled <= 0:
        return None
    return (_fmean(after) - _fmean(before)) / sqrt(pooled)


def cohen_dz(differences: Sequence[float]) -> float | None:
    """Cohen's d_z for paired data: mean difference / SD of the differences (Lakens 2013)."""
    s = sd(differences)
    if s is None or s == 0:
        return None
    return _fmean(differences) / s
