"""The self–other comparison (issue 13): the self-assessment beside the raters' view (pure).

Every rating is scored with MODEL.md's rules unchanged (``scoring.score`` on the rater's
answers). Raters are grouped as :mod:`kamtrust.engine.raters` decides; within each scale (and
each statement) a group's figure is shown only when at least ``min_raters`` of its raters have a
score there (the manager's group, when allowed alone, whatever its size for scales, never for
statements). "All raters" is the union of the groups shown at that figure, so a withheld rating
enters no figure and no difference of two shown figures gives it away.

When is a gap clear? ``gap = self − others`` (others: all raters shown). It is a *blind spot*
when ``gap > margin`` and a *hidden strength* when ``gap < −margin``, with
``margin = max(1.96 × SD_others / √n, floor)``: the first term is the 95 % half-width of the
others' mean (it shrinks as raters agree and grow in number); the floor is 1.96 × the standard
error of measurement of the self score, taking half an answer point as the error of one answer
(SEM = 100 / (max − min) × 0.5 / √k for k answered items; 10.0 points for 6 items on 1..5), so
that a gap smaller than what re-answering the same statements could change is never "clear".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import fsum, sqrt

from kamtrust.engine import stats
from kamtrust.engine.raters import MIN_RATERS, GroupPlan, plan_groups
from kamtrust.engine.scoring import Profile, ScaleScore, band_for, score, zone_for
from kamtrust.questionnaire.model import Questionnaire

Z95 = 1.96
ANSWER_ERROR = 0.5
"""Assumed measurement error of one answer, in answer points (the floor of the margin)."""
BLIND_SPOT = "blind_spot"
HIDDEN_STRENGTH = "hidden_strength"
AGREEMENT = "agreement"
ALL = "all"
"""The figure of every rater shown at that scale or statement."""
NOT_RATED = "not_rated"
"""Hidden code: the group's roles rate none of this scale's items."""
NONE = "none"
"""Hidden code: the group's raters rate this scale, but none answered enough to score it."""
FEWER = "fewer"
"""Hidden code: 1..min_raters-1 raters scored it (anonymity)."""
STATEMENTS = 5


@dataclass(frozen=True)
class RatingIn:
    """One rater's answers and role (the engine never sees a rater's name)."""

    role: str
    answers: Mapping[str, int]


@dataclass(frozen=True)
class Cell:
    """One group's figure at one scale or statement."""

    n: int
    """Raters with a score (or an answer) there; 0 when hidden, whatever their number."""
    mean: float | None
    sd: float | None
    hidden: str | None = None
    """NOT_RATED, NONE or FEWER; None when shown."""


@dataclass(frozen=True)
class ScaleRow:
    """Self and others at one factor or distance pole."""

    id: str
    kind: str
    self_score: float | None
    self_band: str | None
    groups: Mapping[str, Cell]
    others: Cell
    others_band: str | None
    gap: float | None
    """self − others (all raters shown)."""
    margin: float | None
    verdict: str | None
    """BLIND_SPOT, HIDDEN_STRENGTH, AGREEMENT; None without a gap."""
    group_gaps: Mapping[str, float | None]


@dataclass(frozen=True)
class Point:
    """A point of the distance quadrant."""

    proximity: float | None
    perspective: float | None
    zone: str | None


@dataclass(frozen=True)
class StatementGap:
    """One statement's self answer beside the raters' mean (raw answers, as worded)."""

    item_id: str
    scale_id: str
    reverse: bool
    self_answer: int
    others: Cell
    groups: Mapping[str, Cell]
    gap: float
    """Keyed self − keyed others' mean: positive when the self view is the more trusting."""


@dataclass(frozen=True)
class Lever:
    """A development area in the others' view that the self view does not name."""

    factor: str
    others_score: float
    band: str


@dataclass(frozen=True)
class SelfOther:
    """The whole self–other comparison for one person and account."""

    plan: GroupPlan
    scales: tuple[ScaleRow, ...]
    self_point: Point | None
    others_point: Point | None
    self_overall: float | None
    others_overall: float | None
    self_development: tuple[str, ...]
    others_development: tuple[str, ...]
    levers: tuple[Lever, ...]
    statements: tuple[StatementGap, ...]
    raters: int
    """Ratings read (shown or withheld)."""

    @property
    def factors(self) -> tuple[ScaleRow, ...]:
        return tuple(s for s in self.scales if s.kind == "factor")

    @property
    def poles(self) -> tuple[ScaleRow, ...]:
        return tuple(s for s in self.scales if s.kind == "pole")

    @property
    def blind_spots(self) -> tuple[ScaleRow, ...]:
        return tuple(s for s in self.scales if s.verdict == BLIND_SPOT)

    @property
    def hidden_strengths(self) -> tuple[ScaleRow, ...]:
        return tuple(s for s in self.scales if s.verdict == HIDDEN_STRENGTH)


def floor_margin(q: Questionnaire, answered: int) -> float:
    """1.96 × the self score's standard error of measurement for ``answered`` items."""
    sem = 100.0 / (q.scale.max - q.scale.min) * ANSWER_ERROR / sqrt(max(answered, 1))
    return Z95 * sem


def margin_for(q: Questionnaire, others: Cell, answered: int) -> float:
    """How far self and others must be apart for the gap to be clear (see the module's docstring)."""
    spread = Z95 * others.sd / sqrt(others.n) if others.sd is not None and others.n >= 2 else 0.0
    return max(spread, floor_margin(q, answered))


def compare(
    q: Questionnaire,
    self_answers: Mapping[str, int],
    ratings: Sequence[RatingIn],
    *,
    min_raters: int = MIN_RATERS,
    manager_alone: bool = False,
    top: int = 2,
    statements: int = STATEMENTS,
) -> SelfOther:
    """Compare the self-assessment ``self_answers`` with ``ratings`` (see the module's docstring)."""
    own = score(q, self_answers, top=top)
    counts: dict[str, int] = {}
    for r in ratings:
        counts[r.role] = counts.get(r.role, 0) + 1
    plan = plan_groups(counts, min_raters, manager_alone)
    members: dict[str, list[int]] = {g.id: [] for g in plan.groups}
    for i, r in enumerate(ratings):
        gid = plan.group_of(r.role)
        if gid is not None:
            members[gid].append(i)
    profiles = [score(q, r.answers, top=top) for r in ratings]
    alone = {g.id for g in plan.groups if g.id == "manager"}
    rows = []
    for s in q.scales:
        self_s = _scale(own, s.id)
        per_group: dict[str, Cell] = {}
        pooled: list[float] = []
        for g in plan.groups:
            values = [v for i in members[g.id] if (v := _scale(profiles[i], s.id).score) is not None]
            observed = any(role in item.observers for item in s.items for role in g.roles)
            cell = _cell(values, min_raters, g.id in alone, observed)
            per_group[g.id] = cell
            if cell.hidden is None:
                pooled.extend(values)
        others = _cell(pooled, 1, True, True) if pooled else Cell(0, None, None, NONE)
        gap = margin = verdict = None
        if self_s.score is not None and others.mean is not None:
            gap = self_s.score - others.mean
            margin = margin_for(q, others, self_s.answered)
            verdict = BLIND_SPOT if gap > margin else HIDDEN_STRENGTH if gap < -margin else AGREEMENT
        rows.append(
            ScaleRow(
                s.id,
                s.kind,
                self_s.score,
                self_s.band,
                per_group,
                others,
                band_for(others.mean, q.bands) if others.mean is not None else None,
                gap,
                margin,
                verdict,
                {
                    gid: (self_s.score - c.mean if self_s.score is not None and c.mean is not None else None)
                    for gid, c in per_group.items()
                },
            )
        )
    by_id = {r.id: r for r in rows}
    self_point = others_point = None
    if q.distance is not None:
        th = q.distance.threshold
        sp, sq = by_id["proximity"].self_score, by_id["perspective"].self_score
        self_point = Point(sp, sq, zone_for(sp, sq, th) if sp is not None and sq is not None else None)
        op, oq = by_id["proximity"].others.mean, by_id["perspective"].others.mean
        others_point = Point(op, oq, zone_for(op, oq, th) if op is not None and oq is not None else None)
    factor_rows = [r for r in rows if r.kind == "factor"]
    shown = [(r.others.mean, i, r.id) for i, r in enumerate(factor_rows) if r.others.mean is not None]
    others_overall = fsum(m for m, _, _ in shown) / len(shown) if shown and len(shown) == len(factor_rows) else None
    others_dev = _development(shown, top)
    others_means = {fid: m for m, _, fid in shown}
    levers = tuple(
        Lever(fid, others_means[fid], band_for(others_means[fid], q.bands))
        for fid in others_dev
        if fid not in own.development
    )
    return SelfOther(
        plan=plan,
        scales=tuple(rows),
        self_point=self_point,
        others_point=others_point,
        self_overall=own.overall,
        others_overall=others_overall,
        self_development=own.development,
        others_development=others_dev,
        levers=levers,
        statements=_statements(q, self_answers, ratings, plan, members, min_raters, statements),
        raters=len(ratings),
    )


def _scale(p: Profile, sid: str) -> ScaleScore:
    return p.factors[sid] if sid in p.factors else p.poles[sid]


def _cell(values: list[float], min_raters: int, alone: bool, observed: bool) -> Cell:
    if not observed:
        return Cell(0, None, None, NOT_RATED)
    if not values:
        return Cell(0, None, None, NONE)
    if len(values) < min_raters and not alone:
        return Cell(0, None, None, FEWER)
    return Cell(len(values), stats.mean(values), stats.sd(values))


def _development(shown: list[tuple[float, int, str]], top: int) -> tuple[str, ...]:
    """MODEL.md rule 7 on the others' means: the lowest, not among the highest, ties by order."""
    up = sorted(shown)
    down = sorted([(-m, i, f) for m, i, f in shown])
    strengths = {f for _, _, f in down[:top]}
    return tuple(f for _, _, f in up if f not in strengths)[:top]


def _statements(
    q: Questionnaire,
    self_answers: Mapping[str, int],
    ratings: Sequence[RatingIn],
    plan: GroupPlan,
    members: Mapping[str, list[int]],
    min_raters: int,
    limit: int,
) -> tuple[StatementGap, ...]:
    """The statements with the largest gaps, from groups of at least ``min_raters`` raters only."""
    lo, hi = q.scale.min, q.scale.max
    out = []
    for item in q.presentation_order:
        mine = self_answers.get(item.id)
        if mine is None or not item.observers:
            continue
        groups: dict[str, Cell] = {}
        pooled: list[float] = []
        for g in plan.groups:
            values = [float(a) for i in members[g.id] if (a := ratings[i].answers.get(item.id)) is not None]
            observed = any(role in item.observers for role in g.roles)
            cell = _cell(values, min_raters, False, observed)  # never one rater's answer, even the manager's
            groups[g.id] = cell
            if cell.hidden is None:
                pooled.extend(values)
        if len(pooled) < min_raters:
            continue
        others = Cell(len(pooled), stats.mean(pooled), stats.sd(pooled))
        assert others.mean is not None
        keyed_self = lo + hi - mine if item.reverse else mine
        keyed_others = lo + hi - others.mean if item.reverse else others.mean
        out.append(StatementGap(item.id, item.scale_id, item.reverse, mine, others, groups, keyed_self - keyed_others))
    out.sort(key=lambda s: -abs(s.gap))
    return tuple(out[:limit])


# --------------------------------------------------------------------------- a group's gaps


@dataclass(frozen=True)
class GroupGap:
    """The group's mean self − others gap at one scale, over the people whose raters are shown."""

    id: str
    kind: str
    n: int
    """People with a gap here; 0 when hidden."""
    mean: float | None
    sd: float | None
    margin: float | None
    reading: str | None
    hidden: str | None = None
    """FEWER (1..min_group-1 people) or NONE (nobody); None when shown."""


def group_gaps(q: Questionnaire, reports: Sequence[SelfOther], min_group: int = MIN_RATERS) -> tuple[GroupGap, ...]:
    """Per scale, the mean gap of the people whose "all raters" figure is shown there.

    Shown for at least ``min_group`` people (never below 3). Clear as for one person, with the
    spread of the people's gaps: ``margin = max(1.96 × SD / √n, floor / √n)``, the floor being
    one person's measurement-error margin (for 6 statements), averaged over n people.
    """
    if min_group < MIN_RATERS:
        raise ValueError(f"min_group must be at least {MIN_RATERS}")
    out = []
    for s in q.scales:
        gaps = [g for r in reports for row in r.scales if row.id == s.id and (g := row.gap) is not None]
        if not gaps:
            out.append(GroupGap(s.id, s.kind, 0, None, None, None, None, NONE))
            continue
        if len(gaps) < min_group:
            out.append(GroupGap(s.id, s.kind, 0, None, None, None, None, FEWER))
            continue
        m = fsum(gaps) / len(gaps)
        sd = stats.sd(gaps)
        root = sqrt(len(gaps))
        margin = max(Z95 * sd / root if sd is not None else 0.0, floor_margin(q, len(s.items)) / root)
        reading = BLIND_SPOT if m > margin else HIDDEN_STRENGTH if m < -margin else AGREEMENT
        out.append(GroupGap(s.id, s.kind, len(gaps), m, sd, margin, reading))
    return tuple(out)
