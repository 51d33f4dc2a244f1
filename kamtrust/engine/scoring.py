"""Score one set of answers against a questionnaire, following MODEL.md's rules exactly.

Pure and deterministic: validated questionnaire and answers in, immutable values out.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import FrozenInstanceError, dataclass
from math import fsum
from operator import attrgetter, index, itemgetter
from typing import cast

from kamtrust.questionnaire.model import Band, Questionnaire, Scale

STRAIGHT_LINING = "straight_lining"
INCOMPLETE = "incomplete"
ACQUIESCENCE = "acquiescence"
UNIFORM_HIGH = "uniform_high"
TOO_FAST = "too_fast"
FLAGS = (STRAIGHT_LINING, INCOMPLETE, ACQUIESCENCE, UNIFORM_HIGH, TOO_FAST)
"""Every response-quality flag; each has its explanation as ``flag_<name>`` in kamtrust.i18n."""

# Response-quality rules (advisory; MODEL.md and the README give them in words).
ACQ_MIN_EACH = 4
"""acquiescence needs at least this many answered direct items and as many reverse-keyed ones."""
ACQ_LEVEL = (3, 4)
"""... and a mean raw answer of at least min + 3/4 of the range (4 on 1-5) on both kinds."""
UNIFORM_HIGH_MIN = 70.0
"""uniform_high: every factor scored and at least this high ..."""
UNIFORM_HIGH_SPREAD = 15.0
"""... and the highest factor at most this many points above the lowest."""
MIN_SECONDS_PER_ITEM = 2.0
"""too_fast: under this many seconds per answered item, faster than anyone can read an item."""
READ_FIRST = ("client_focus", "integrity")
"""Factors that, in the lowest band, the profile names first (profile.alerts): in Green's trust
equation self-orientation divides everything, and integrity is its other face; an average of
the eight must not hide them."""
_INT = {int}
MEMO_LIMIT = 100_000
"""Distinct answer sets remembered per scale: enough for any group (a five-item scale on a 1-5
scale has 7,776 with skips), bounded for a scale of many items."""
_SCORE = attrgetter("score")


@dataclass(frozen=True, slots=True)
class ScaleScore:
    """A factor's or pole's score."""

    id: str
    score: float | None
    """POMP score 0-100 at full precision, or None when too few items were answered."""
    band: str | None
    answered: int
    items: int
    needed: int
    """Answers required for a score: ceil(2/3 of ``items``)."""

    @property
    def reason(self) -> str | None:
        """Why the score is null, in plain English (the UI localises its own)."""
        if self.score is not None:
            return None
        return f"{self.items - self.answered} of {self.items} items unanswered; {self.needed} answers needed"


@dataclass(frozen=True, slots=True)
class DistanceResult:
    """Where the person stands between the serpent (closeness) and the eagle (perspective)."""

    proximity: float | None
    perspective: float | None
    balance: float | None
    """perspective - proximity: -100 all serpent (too close) ... +100 all eagle (too far)."""
    zone: str | None
    """balanced, too_close, too_far or adrift; None when a pole has no score."""


_LATER: tuple[str, ...] = tuple(["(worked out when first read)"])
"""What a profile :func:`score` made holds for its strengths, development areas and alerts until
they are read (compared by identity: no value passed to ``Profile(...)`` is this one)."""


class Profile:
    """Everything the engine derives from one set of answers. Immutable.

    ``strengths``, ``development`` and ``alerts`` follow from the factor scores; a profile that
    :func:`score` made works them out when they are first read, since a group summary scores
    thousands of profiles and reads none of them. It works them out from the scores it was made
    with (``_basis``), never from ``factors``, a dict that a caller could change."""

    __slots__ = ("factors", "poles", "distance", "overall", "flags", "_strengths", "_development", "_alerts", "_basis")

    factors: Mapping[str, ScaleScore]
    poles: Mapping[str, ScaleScore]
    distance: DistanceResult | None
    overall: float | None
    """Mean of the factor scores; None when any factor is None."""
    flags: tuple[str, ...]
    _strengths: tuple[str, ...]
    _development: tuple[str, ...]
    _alerts: tuple[str, ...]
    _basis: tuple[tuple[str, ...], Sequence[ScaleScore], int, str] | None
    """For the fields still _LATER: the factor ids, the scale scores (the factors' first, in the
    same order; nobody else holds them), ``top`` and the lowest band's id."""

    def __init__(
        self,
        factors: Mapping[str, ScaleScore],
        poles: Mapping[str, ScaleScore],
        distance: DistanceResult | None,
        overall: float | None,
        strengths: tuple[str, ...],
        development: tuple[str, ...],
        flags: tuple[str, ...],
        alerts: tuple[str, ...] = (),
    ) -> None:
        _fill(self, factors, poles, distance, overall, flags, strengths, development, alerts, None)

    @property
    def strengths(self) -> tuple[str, ...]:
        """The ``top`` highest factors (see :func:`score`), ties in the questionnaire's order."""
        if self._strengths is _LATER:
            self._rank()
        return self._strengths

    @property
    def development(self) -> tuple[str, ...]:
        """The ``top`` lowest factors that are not strengths, ties in the questionnaire's order."""
        if self._development is _LATER:
            self._rank()
        return self._development

    @property
    def alerts(self) -> tuple[str, ...]:
        """READ_FIRST factors in the lowest band, to be shown before anything else."""
        if self._alerts is _LATER:
            factors, _, lowest = self._basis_factors()
            found = tuple([fid for fid in READ_FIRST if fid in factors and factors[fid].band == lowest])
            object.__setattr__(self, "_alerts", found)
        return self._alerts

    def _rank(self) -> None:
        factors, top, _ = self._basis_factors()
        strengths, development = ranked(factors, top)
        object.__setattr__(self, "_strengths", strengths)
        object.__setattr__(self, "_development", development)

    def _basis_factors(self) -> tuple[dict[str, ScaleScore], int, str]:
        ids, scales, top, lowest = cast("tuple[tuple[str, ...], Sequence[ScaleScore], int, str]", self._basis)
        return dict(zip(ids, scales, strict=False)), top, lowest  # the factors are the first scales

    def _fields(self) -> tuple[object, ...]:
        return (
            self.factors,
            self.poles,
            self.distance,
            self.overall,
            self.strengths,
            self.development,
            self.flags,
            self.alerts,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # its factors are a dict

    def __repr__(self) -> str:
        names = ("factors", "poles", "distance", "overall", "strengths", "development", "flags", "alerts")
        return f"Profile({', '.join(f'{n}={v!r}' for n, v in zip(names, self._fields(), strict=True))})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Profile], tuple[object, ...]]:
        return Profile, self._fields()


_new = object.__new__
_SET = {name: getattr(Profile, name).__set__ for name in Profile.__slots__}
"""Each slot's own setter, which the frozen check does not stop (:func:`_fill`)."""


def _fill(
    p: Profile,
    factors: Mapping[str, ScaleScore],
    poles: Mapping[str, ScaleScore],
    distance: DistanceResult | None,
    overall: float | None,
    flags: tuple[str, ...],
    strengths: tuple[str, ...],
    development: tuple[str, ...],
    alerts: tuple[str, ...],
    basis: tuple[tuple[str, ...], Sequence[ScaleScore], int, str] | None,
) -> Profile:
    """``p`` with every slot set (past the frozen check): by ``Profile(...)`` and :func:`score`."""
    s = _SET
    s["factors"](p, factors)
    s["poles"](p, poles)
    s["distance"](p, distance)
    s["overall"](p, overall)
    s["flags"](p, flags)
    s["_strengths"](p, strengths)
    s["_development"](p, development)
    s["_alerts"](p, alerts)
    s["_basis"](p, basis)
    return p


def too_fast(duration_seconds: float | None, answered: int) -> bool:
    """True when ``answered`` items took under MIN_SECONDS_PER_ITEM seconds each in all.

    ``duration_seconds`` is the total time of the interview (``assess`` stores only that, never
    per-item timings); None (unknown, e.g. an answers file) is never too fast.
    """
    if duration_seconds is None or answered <= 0:
        return False
    return duration_seconds < MIN_SECONDS_PER_ITEM * answered


def _acquiescent(d_sum: int, d_n: int, r_sum: int, r_n: int, lo: int, hi: int) -> bool:
    """Agreeing with statements and with their reverses alike: the raw (unkeyed) answers average
    at least ``lo + 3/4 (hi - lo)`` (4 on a 1-5 scale) on the direct items (``d_sum`` over
    ``d_n``) AND on the reverse-keyed ones, with at least ACQ_MIN_EACH answers of each kind.
    ``score`` does not add it to ``straight_lining`` (every answer the same), which already says as much."""
    if d_n < ACQ_MIN_EACH or r_n < ACQ_MIN_EACH:
        return False
    num, den = ACQ_LEVEL
    # mean >= lo + num/den (hi - lo), in exact integers
    return den * d_sum >= d_n * (den * lo + num * (hi - lo)) and den * r_sum >= r_n * (den * lo + num * (hi - lo))


def is_uniform_high(factor_scores: Sequence[float | None]) -> bool:
    """Every factor scored, all at least UNIFORM_HIGH_MIN, within UNIFORM_HIGH_SPREAD points."""
    if not factor_scores or None in factor_scores:
        return False
    low, high = min(factor_scores), max(factor_scores)  # type: ignore[type-var]
    return low >= UNIFORM_HIGH_MIN and high - low <= UNIFORM_HIGH_SPREAD  # type: ignore[operator]


def band_for(score: float, bands: tuple[Band, ...]) -> str:
    """The band with the highest ``min`` not above ``score`` (bands are ascending from 0)."""
    chosen = bands[0].id
    for band in bands:
        if band.min <= score:
            chosen = band.id
        else:
            break
    return chosen


def zone_for(proximity: float, perspective: float, threshold: float) -> str:
    """The distance zone of two pole scores."""
    close = proximity >= threshold
    eagle = perspective >= threshold
    if close and eagle:
        return "balanced"
    if close:
        return "too_close"
    if eagle:
        return "too_far"
    return "adrift"


UNKNOWN_ITEM, NOT_WHOLE, OUTSIDE = "unknown_item", "not_whole", "outside"
"""What can be wrong with one answer (:func:`answer_fault`)."""


def answer_fault(q: Questionnaire, item_id: object, value: object) -> str | None:
    """What is wrong with one answer: UNKNOWN_ITEM, NOT_WHOLE, OUTSIDE, or None (a point of the
    scale, or skipped). Readers say it in the user's language; :func:`answer_problems` in English."""
    if not isinstance(item_id, str) or item_id not in q.items:
        return UNKNOWN_ITEM
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return NOT_WHOLE
    return None if q.scale.min <= value <= q.scale.max else OUTSIDE


def answer_problems(q: Questionnaire, answers: Mapping[str, object]) -> list[str]:
    """Everything wrong with ``answers`` for ``q``: unknown items, non-integers, out of range."""
    lo, hi = q.scale.min, q.scale.max
    said = {
        UNKNOWN_ITEM: "'{item}' is not an item of {id} {version}",
        NOT_WHOLE: "{item}: expected a whole number from {lo} to {hi}; found {value!r}",
        OUTSIDE: "{item}: {value} is outside the scale {lo}..{hi}",
    }
    return [
        said[fault].format(item=item_id, value=value, id=q.id, version=q.version, lo=lo, hi=hi)
        for item_id, value in answers.items()
        if (fault := answer_fault(q, item_id, value)) is not None
    ]


def score(
    q: Questionnaire, answers: Mapping[str, int], *, top: int = 2, duration_seconds: float | None = None
) -> Profile:
    """Score ``answers`` (item id -> integer; absent or None = skipped).

    ``duration_seconds``, the interview's total time when known, adds the ``too_fast`` flag.
    ``top``: how many strengths and development areas the profile names.

    Raises ValueError when an answer is not a valid point of the scale or names an unknown item;
    use :func:`answer_problems` first to report them to a user.
    """
    top = index(top)  # a TypeError now, not when the strengths are first read
    plan = _plan_for(q)
    got, complete = _in_order(plan, q, answers)
    # A complete scale's score depends on its keyed total only: one expression of constant
    # positions per scale (written out once per questionnaire), then a lookup. A scale with a
    # skipped item is memoised on its answers as they stand (Nones included).
    factors, scales = plan.complete_scales(got) if complete else plan.some_scales(got)
    poles, distance = _poles(plan, scales)
    scores = [*map(_SCORE, factors.values())]
    overall = None if None in scores else fsum(cast("list[float]", scores)) / plan.n_factors
    flags = _flags(plan, q, got, complete, scores, duration_seconds)
    # Strengths, development areas and alerts: worked out from these scales when first read.
    basis = (plan.factor_ids, scales, top, plan.lowest_band)
    return _fill(_new(Profile), factors, poles, distance, overall, flags, _LATER, _LATER, _LATER, basis)


def _in_order(plan: _Plan, q: Questionnaire, answers: Mapping[str, int]) -> tuple[tuple[int | None, ...], bool]:
    """Each item's answer in the plan's order (None when skipped), and whether none is skipped;
    ValueError when an answer does not fit ``q``.

    Each scale's items sit side by side: forward-keyed, then reverse-keyed ones. Most answer
    sets are complete: one C call fetches them all, and set checks in C validate them."""
    got: tuple[int | None, ...]
    if len(answers) >= len(plan.order):
        try:
            got = plan.fetch(answers)
        except KeyError:
            pass
        else:
            if len(answers) == len(got) and {*map(type, got)} == _INT and plan.points.issuperset(got):
                return got, True
    else:
        # Skipped items: every item as None, then the answers given; an unknown key adds one.
        merged = plan.skipped.copy()
        merged.update(answers)
        if len(merged) == len(plan.order) and plan.value_types.issuperset(map(type, answers.values())):
            got = plan.fetch(merged)
            if plan.points.issuperset(got):
                return got, False
    got = (*map(answers.get, plan.order),)
    skipped = got.count(None)
    # Every key an item and no None among the values: then the answers given are exactly the
    # values in ``got`` that are not None, and checking those is checking the answers.
    if len(answers) + skipped == len(got) and plan.value_types.issuperset(map(type, got)):
        if plan.points.issuperset(got):
            return got, not skipped
    complete = not skipped
    # A complete set with as many keys as items has no unknown key. Answers that fail a check
    # take the slow, wordy one (which also accepts int subclasses other than bool).
    if not (
        (len(answers) == len(got) if complete else plan.item_ids.issuperset(answers))
        and plan.value_types.issuperset(map(type, answers.values()))
        and plan.points.issuperset(answers.values())
    ):
        problems = answer_problems(q, answers)
        if problems:
            raise ValueError("; ".join(problems))
    return got, complete


def ranked(factors: Mapping[str, ScaleScore], top: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The strengths and development areas of ``factors`` (id -> score, in the questionnaire's
    order): the ``top`` highest and lowest scored factors, ties in that order."""
    ids = [*factors]
    factor_scales = [*factors.values()]
    scores = [s.score for s in factor_scales]
    if None in scores:
        # Tuples sort on (score, factor order); the id never decides: the order index is unique.
        up = sorted([(s.score, i, s.id) for i, s in enumerate(factor_scales) if s.score is not None])
        down = sorted([(-sc, i, fid) for sc, i, fid in up])
        strengths = tuple(fid for _, _, fid in down[:top])
        return strengths, tuple(fid for _, _, fid in up if fid not in strengths)[:top]
    positions = range(len(ids))
    # Sorting is stable, also in reverse: ties keep the questionnaire's factor order.
    by_score = cast("list[float]", scores).__getitem__
    best = sorted(positions, key=by_score, reverse=True)[:top]
    development: list[str] = []
    if top > 0:
        for i in sorted(positions, key=by_score):
            if i not in best:
                development.append(ids[i])
                if len(development) == top:
                    break
    return tuple([ids[i] for i in best]), tuple(development)


def _flags(
    plan: _Plan,
    q: Questionnaire,
    got: tuple[int | None, ...],
    complete: bool,
    scores: list[float | None],
    duration_seconds: float | None,
) -> tuple[str, ...]:
    """The response-quality flags of the answers ``got`` (in the plan's order)."""
    # The answers' non-null values are exactly those in ``got`` (every key is an item).
    n = len(got)
    given = n if complete else n - got.count(None)
    flags: tuple[str, ...] = ()
    if given > 1:
        first = got[0]
        if first is None:
            first = next(v for v in got if v is not None)
        if got.count(first) == given:  # every answer given is the first one
            flags = (STRAIGHT_LINING,)
    if given < n:
        flags += (INCOMPLETE,)
    # Acquiescence is not added to straight-lining, which already says all answers are the same.
    if (not flags or flags[0] != STRAIGHT_LINING) and _acquiesces(plan, q, got, given):
        flags += (ACQUIESCENCE,)
    if is_uniform_high(scores):
        flags += (UNIFORM_HIGH,)
    if too_fast(duration_seconds, given):
        flags += (TOO_FAST,)
    return flags


def _acquiesces(plan: _Plan, q: Questionnaire, got: tuple[int | None, ...], given: int) -> bool:
    """:func:`_acquiescent` for the ``given`` answers in ``got`` (None where skipped)."""
    # Both means at the level imply that the mean of all the answers is: most sets stop here.
    # (Not by dropping the sums to zero: on a scale such as -3..1 the level is 0, which 0 meets.)
    complete = given == len(got)
    # filter(None) drops the Nones, and zeros too, which add nothing to the sum.
    every = sum(cast("tuple[int, ...]", got)) if complete else sum(filter(None, got))
    if 4 * every < given * plan.acq_level4:
        return False
    lo, hi = q.scale.min, q.scale.max
    if complete:
        d_sum = sum(cast("tuple[int, ...]", plan.direct(got)))
        return _acquiescent(d_sum, plan.n_direct, every - d_sum, given - plan.n_direct, lo, hi)
    d_vals = [v for v in plan.direct(got) if v is not None]
    r_vals = [v for v in plan.reverse(got) if v is not None]
    return _acquiescent(sum(d_vals), len(d_vals), sum(r_vals), len(r_vals), lo, hi)


def _poles(plan: _Plan, scales: Sequence[ScaleScore]) -> tuple[dict[str, ScaleScore], DistanceResult | None]:
    """The poles among a plan's scale scores (after the factors), and the distance they give."""
    if not plan.has_distance:
        return {}, None
    nf = plan.n_factors
    prox, persp = scales[nf], scales[nf + 1]
    key = (prox.score, persp.score)
    distance = plan.distances.get(key)
    if distance is None:
        distance = plan.distances[key] = _distance(prox, persp, plan.threshold)
    return {prox.id: prox, persp.id: persp}, distance


def signature(q: Questionnaire) -> str:
    """What scoring with ``q`` depends on, as a text: two questionnaires with the same signature
    give every answer set the same profile (so a profile scored with one serves for the other)."""
    return _plan_for(q).signature


def _distance(prox: ScaleScore, persp: ScaleScore, threshold: float) -> DistanceResult:
    if prox.score is None or persp.score is None:
        return DistanceResult(prox.score, persp.score, None, None)
    return DistanceResult(
        prox.score,
        persp.score,
        persp.score - prox.score,
        zone_for(prox.score, persp.score, threshold),
    )


class _ScalePlan:
    """Where one scale's answers sit in the plan's order, and its scores memoised.

    A scale's score depends only on how many of its items were answered and their keyed total,
    and ScaleScore is immutable, so equal inputs share one instance: scoring a whole group
    builds each distinct scale score once.
    """

    __slots__ = (
        "id",
        "a",
        "b",
        "c",
        "n",
        "needed",
        "offset",
        "lo",
        "hi",
        "bands",
        "complete",
        "partial",
        "seen",
    )

    def __init__(self, scale: Scale, q: Questionnaire, start: int) -> None:
        n_fwd = sum(1 for i in scale.items if not i.reverse)
        self.id = scale.id
        self.n = len(scale.items)
        # Its forward-keyed answers are got[a:b], its reverse-keyed ones got[b:c].
        self.a, self.b, self.c = start, start + n_fwd, start + self.n
        self.needed = scale.needed
        self.lo, self.hi, self.bands = q.scale.min, q.scale.max, q.bands
        self.offset = (self.n - n_fwd) * (self.lo + self.hi)
        self.complete: dict[int, ScaleScore] = {}
        self.partial: dict[tuple[int, int], ScaleScore] = {}
        self.seen: dict[tuple[int | None, ...], ScaleScore] = {}

    def build_complete(self, total: int) -> ScaleScore:
        """The score of a complete scale with this keyed total, memoised."""
        s = self.complete[total] = self.build(self.n, total)
        return s

    def remember(self, answers: tuple[int | None, ...]) -> ScaleScore:
        """The score of this scale's ``answers`` (forward-keyed first, None when skipped),
        memoised on them while the memo is of a sane size (a scale of many items)."""
        s = self.score_some(answers, -self.a)
        if len(self.seen) < MEMO_LIMIT:
            self.seen[answers] = s
        return s

    def score_some(self, got: Sequence[int | None], shift: int = 0) -> ScaleScore:
        """The score of this scale's answers in ``got`` (at ``a + shift`` ... ``c + shift``)."""
        fwd, rev = got[self.a + shift : self.b + shift], got[self.b + shift : self.c + shift]
        if None in fwd:
            fwd = [v for v in fwd if v is not None]
        if None in rev:
            rev = [v for v in rev if v is not None]
        answered = len(fwd) + len(rev)
        total = sum(cast("list[int]", fwd)) + len(rev) * (self.lo + self.hi) - sum(cast("list[int]", rev))
        key = (answered, total)
        s = self.partial.get(key)
        if s is None:
            s = self.partial[key] = self.build(answered, total)
        return s

    def build(self, answered: int, total: int) -> ScaleScore:
        lo, hi, n, needed = self.lo, self.hi, self.n, self.needed
        if answered < needed or answered == 0:
            return ScaleScore(self.id, None, None, answered, n, needed)
        # One division of exact integers: the score is correctly rounded, so band and zone
        # edges (e.g. 60 for a mean of 3.4) are never missed by floating-point noise.
        score = 100 * (total - answered * lo) / (answered * (hi - lo))
        return ScaleScore(self.id, score, band_for(score, self.bands), answered, n, needed)


class _Plan:
    """What scoring needs from a questionnaire, precomputed once per questionnaire object."""

    __slots__ = (
        "item_ids",
        "value_types",
        "points",
        "order",
        "fetch",
        "skipped",
        "scales",
        "n_factors",
        "factor_ids",
        "has_distance",
        "threshold",
        "distances",
        "complete_scales",
        "some_scales",
        "direct",
        "reverse",
        "n_direct",
        "lowest_band",
        "acq_level4",
        "signature",
    )

    def __init__(self, q: Questionnaire) -> None:
        self.item_ids = frozenset(q.items)
        self.value_types = frozenset((int, type(None)))
        self.points = frozenset((*range(q.scale.min, q.scale.max + 1), None))
        order: list[str] = []
        scales = []
        for scale in q.scales:
            scales.append(_ScalePlan(scale, q, len(order)))
            order += [i.id for i in scale.items if not i.reverse]
            order += [i.id for i in scale.items if i.reverse]
        self.order = tuple(order)
        # Every answer at once, or KeyError when one is missing (a single key returns no tuple).
        self.fetch = itemgetter(*order) if len(order) > 1 else (lambda answers: (answers[order[0]],))
        self.skipped = dict.fromkeys(order)
        self.scales = tuple(scales)
        self.n_factors = len(q.factors)
        self.factor_ids = tuple(f.id for f in q.factors)
        self.has_distance = q.distance is not None
        self.threshold = q.distance.threshold if q.distance else 0.0
        self.distances: dict[tuple[float | None, float | None], DistanceResult] = {}
        self.complete_scales = _complete_scales(self.scales, self.n_factors)
        self.some_scales = _some_scales(self.scales, self.n_factors)
        direct = [i for sp in scales for i in range(sp.a, sp.b)]
        self.direct = _getter(direct)
        self.reverse = _getter([i for i in range(len(order)) if i not in set(direct)])
        self.n_direct = len(direct)
        self.lowest_band = q.bands[0].id
        num, den = ACQ_LEVEL
        # 4 x the acquiescence level, for an integer pre-check (ACQ_LEVEL is in quarters).
        self.acq_level4 = 4 * q.scale.min + 4 * num * (q.scale.max - q.scale.min) // den
        # Everything a profile depends on besides the answers: equal signatures score alike.
        self.signature = repr(
            (
                self.order,
                tuple((sp.id, sp.a, sp.b, sp.c) for sp in scales),
                (q.scale.min, q.scale.max),
                tuple((b.id, b.min) for b in q.bands),
                self.factor_ids,
                self.has_distance,
                self.threshold,
            )
        )


_Scales = Callable[[tuple[int | None, ...]], tuple[dict[str, ScaleScore], list[ScaleScore]]]
"""Answers in a plan's order -> the factors' scores by id, and every scale's score in order."""


def _returned(scales: Sequence[_ScalePlan], n_factors: int, names: dict[str, object]) -> str:
    """The return line of :func:`_complete_scales` and :func:`_some_scales`: the factors as a
    dict (built at once, its ids passed as names, never written into the source), and the list."""
    for k, sp in enumerate(scales[:n_factors]):
        names[f"id{k}"] = sp.id
    factors = ", ".join(f"id{k}: s{k}" for k in range(n_factors))
    return f"    return {{{factors}}}, [{', '.join(f's{k}' for k in range(len(scales)))}]"


def _complete_scales(scales: Sequence[_ScalePlan], n_factors: int) -> _Scales:
    """A function from a complete answer set (in the plan's order) to its scale scores.

    Written out once per questionnaire, with each scale's positions as constants: the keyed
    total of a scale is one expression of indexed answers (forward-keyed ones added,
    reverse-keyed ones subtracted, plus the constant their keying adds), looked up in the
    scale's memo. Only integers computed here go into the source; nothing read from a file does.
    """
    lines = ["def complete_scales(g):"]
    names: dict[str, object] = {}
    for k, sp in enumerate(scales):
        fwd = " + ".join(f"g[{i}]" for i in range(sp.a, sp.b)) or "0"
        rev = " + ".join(f"g[{i}]" for i in range(sp.b, sp.c)) or "0"
        names[f"memo{k}"], names[f"build{k}"] = sp.complete, sp.build_complete
        lines.append(f"    t = {fwd} - ({rev}) + {int(sp.offset)}")
        lines.append(f"    s{k} = memo{k}.get(t) or build{k}(t)")
    lines.append(_returned(scales, n_factors, names))
    exec("\n".join(lines), names)  # noqa: S102 - integers only, see above
    return cast("_Scales", names["complete_scales"])


def _some_scales(scales: Sequence[_ScalePlan], n_factors: int) -> _Scales:
    """A function from an answer set with skipped items (None, in the plan's order) to its
    scale scores: a scale with a skip from its memo on those answers, a complete one as in
    :func:`_complete_scales`. Written out once per questionnaire in the same way (integers only)."""
    lines = ["def some_scales(g):"]
    names: dict[str, object] = {}
    for k, sp in enumerate(scales):
        fwd = " + ".join(f"g[{i}]" for i in range(sp.a, sp.b)) or "0"
        rev = " + ".join(f"g[{i}]" for i in range(sp.b, sp.c)) or "0"
        names[f"seen{k}"], names[f"remember{k}"] = sp.seen, sp.remember
        names[f"memo{k}"], names[f"build{k}"] = sp.complete, sp.build_complete
        lines.append(f"    p = g[{int(sp.a)}:{int(sp.c)}]")
        lines.append("    if None in p:")
        lines.append(f"        s{k} = seen{k}.get(p) or remember{k}(p)")
        lines.append("    else:")
        lines.append(f"        t = {fwd} - ({rev}) + {int(sp.offset)}")
        lines.append(f"        s{k} = memo{k}.get(t) or build{k}(t)")
    lines.append(_returned(scales, n_factors, names))
    exec("\n".join(lines), names)  # noqa: S102 - integers only, see above
    return cast("_Scales", names["some_scales"])


def _getter(indexes: list[int]) -> Callable[[Sequence[int | None]], Sequence[int | None]]:
    """The values at ``indexes``, as a sequence (an itemgetter of one index gives a bare value)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)

    def some(got: Sequence[int | None]) -> Sequence[int | None]:
        return [got[i] for i in indexes]

    return some


# Questionnaires are frozen but not hashable (their texts are dicts): plans are keyed by
# identity and dropped when their questionnaire is garbage-collected.
_PLANS: dict[int, tuple[weakref.ref[Questionnaire], _Plan]] = {}


def _plan_for(q: Questionnaire) -> _Plan:
    entry = _PLANS.get(id(q))
    if entry is not None and entry[0]() is q:
        return entry[1]
    plan = _Plan(q)
    key = id(q)

    def forget(_: object) -> None:  # the questionnaire is gone: so is its plan
        _PLANS.pop(key, None)

    _PLANS[key] = (weakref.ref(q, forget), plan)
    return plan
