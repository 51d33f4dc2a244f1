"""The personal report's content, resolved to one language: what the HTML and Markdown pages show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kamtrust import __version__
from kamtrust.documents.against import GroupMeans
from kamtrust.engine.scoring import DistanceResult, band_for, zone_for
from kamtrust.present import date as local_date
from kamtrust.profile_notes import (
    FactorAdvice,
    TrustReading,
    band_of,
    development_advice,
    profile_notes,
    score_of,
    strength_advice,
)
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.results.document import COMPLETE, Result
from kamtrust.results.profileview import profile_of, unfinished_flags
from kamtrust.safetext import visible


@dataclass(frozen=True)
class BandView:
    """A band as shown in legends: its label, lower bound and position (0 = lowest)."""

    id: str
    label: str
    min: float
    index: int


@dataclass(frozen=True)
class FactorLine:
    """One factor's row: the person's score, and the group mean or earlier score beside it."""

    id: str
    name: str
    score: float | None
    band: BandView | None
    group_mean: float | None = None
    earlier: float | None = None
    earlier_band: BandView | None = None

    @property
    def difference(self) -> float | None:
        """Score minus the group mean."""
        return None if self.score is None or self.group_mean is None else self.score - self.group_mean

    @property
    def change(self) -> float | None:
        """Score minus the earlier score."""
        return None if self.score is None or self.earlier is None else self.score - self.earlier


@dataclass(frozen=True)
class AdviceView:
    """A strength or development area with its diagnosis and levers."""

    name: str
    score: float | None
    band: BandView | None
    diagnosis: str
    levers: tuple[str, ...]


@dataclass(frozen=True)
class DistanceView:
    """The person on the serpent-eagle quadrant, with the zone and its advice."""

    threshold: float
    x_label: str
    y_label: str
    zone_labels: Mapping[str, str]
    proximity: float | None
    perspective: float | None
    balance: float | None
    zone: str | None
    zone_label: str
    diagnosis: str
    levers: tuple[str, ...]
    group: tuple[float, float] | None = None
    earlier: tuple[float, float] | None = None
    earlier_zone_label: str | None = None


@dataclass(frozen=True)
class Earlier:
    """The earlier assessment the report compares with."""

    date: str
    overall: float | None


@dataclass(frozen=True)
class PersonalReport:
    """Everything the personal report shows, in ``lang``."""

    lang: str
    title: str
    questionnaire_id: str
    questionnaire_version: str
    name: str | None
    account: str | None
    cohort: str | None
    date: str
    complete: bool
    answered: int
    items: int
    bands: tuple[BandView, ...]
    factors: tuple[FactorLine, ...]
    overall: float | None
    overall_band: BandView | None
    distance: DistanceView | None
    strengths: tuple[AdviceView, ...]
    development: tuple[AdviceView, ...]
    flags: tuple[str, ...]
    """Flag ids (scoring.FLAGS)."""
    group: GroupMeans | None = None
    earlier: Earlier | None = None
    tool_version: str = __version__
    alerts: tuple[str, ...] = ()
    """Texts to read before anything else: client focus or integrity in the lowest band."""
    trust: TrustReading | None = None
    """Green's trust equation read from the profile (an approximation), for the details."""
    group_date: str = "—"
    """The day the group summary beside it was made, as the language writes dates."""
    keep_key: str = "report_keep"
    """The heading over ``strengths``: "highest_factors" unless every one is in the top band (as the terminal)."""


def bands_of(q: Questionnaire, lang: str) -> tuple[BandView, ...]:
    """The questionnaire's bands in ``lang``, lowest first."""
    return tuple(BandView(b.id, localize(b.label, lang), b.min, i) for i, b in enumerate(q.bands))


def _band(bands: tuple[BandView, ...], band_id: str | None) -> BandView | None:
    return next((b for b in bands if b.id == band_id), None)


def advice_view(a: FactorAdvice, bands: tuple[BandView, ...]) -> AdviceView:
    """A factor with its advice (kamtrust.profile_notes builds them) as the reports show it."""
    return AdviceView(a.name, a.score, _band(bands, a.band), a.diagnosis, a.levers)


def build_personal(
    q: Questionnaire,
    result: Result,
    lang: str,
    *,
    group: GroupMeans | None = None,
    earlier: Result | None = None,
) -> PersonalReport:
    """The report for ``result`` (its profile already scored against ``q``) in ``lang``."""
    profile = profile_of(result.profile)
    before = profile_of(earlier.profile) if earlier is not None else None
    bands = bands_of(q, lang)
    lines = []
    for f in q.factors:
        lines.append(
            FactorLine(
                id=f.id,
                name=localize(f.name, lang),
                score=score_of(profile, f.id),
                band=_band(bands, band_of(profile, f.id)),
                group_mean=group.factors.get(f.id) if group is not None else None,
                earlier=score_of(before, f.id) if before is not None else None,
                earlier_band=_band(bands, band_of(before, f.id)) if before is not None else None,
            )
        )
    overall = profile.overall
    overall_band = _band(bands, band_for(overall, q.bands)) if overall is not None else None
    strengths = tuple(advice_view(a, bands) for a in strength_advice(q, profile, lang))
    development = tuple(advice_view(a, bands) for a in development_advice(q, profile, lang))
    all_strong = all(a.band is not None and a.band.id == q.bands[-1].id for a in strengths)
    p = result.participant
    notes = profile_notes(q, profile, lang)

    def typed(text: str | None) -> str | None:
        # Typed by a person: every format shows its control characters, none acts on a reader.
        return None if text is None else visible(text, newlines=True)

    return PersonalReport(
        lang=lang,
        title=localize(q.title, lang),
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        name=typed(p.name),
        account=typed(p.account),
        cohort=typed(p.cohort),
        date=visible(local_date(result.created_at, lang)),
        complete=result.status == COMPLETE,
        answered=len(result.answers),
        items=len(q.items),
        bands=bands,
        factors=tuple(lines),
        overall=overall,
        overall_band=overall_band,
        distance=_distance(q, profile.distance, lang, group, before.distance if before is not None else None),
        strengths=strengths,
        development=development,
        flags=unfinished_flags(profile.flags, result.status == COMPLETE),
        group=group,
        earlier=Earlier(local_date(earlier.created_at, lang), before.overall)
        if earlier is not None and before is not None
        else None,
        group_date=local_date(group.generated_at, lang) if group is not None else "—",
        keep_key="report_keep" if all_strong else "highest_factors",
        alerts=notes.alerts,
        trust=notes.trust,
    )


def _distance(
    q: Questionnaire,
    doc: DistanceResult | None,
    lang: str,
    group: GroupMeans | None,
    old: DistanceResult | None,
) -> DistanceView | None:
    d = q.distance
    if d is None or doc is None:
        return None
    zone_id = doc.zone
    zone = d.zones.get(zone_id) if zone_id else None
    group_point = None
    if group is not None:
        gx, gy = group.poles.get("proximity"), group.poles.get("perspective")
        if gx is not None and gy is not None:
            group_point = (gx, gy)
    earlier_point = earlier_label = None
    if old is not None:
        ox, oy = old.proximity, old.perspective
        if ox is not None and oy is not None:
            earlier_point = (ox, oy)
            earlier_label = localize(d.zones[zone_for(ox, oy, d.threshold)].label, lang)
    return DistanceView(
        threshold=d.threshold,
        x_label=localize(d.proximity.name, lang),
        y_label=localize(d.perspective.name, lang),
        zone_labels={zid: localize(z.label, lang) for zid, z in d.zones.items()},
        proximity=doc.proximity,
        perspective=doc.perspective,
        balance=doc.balance,
        zone=zone_id if zone is not None else None,
        zone_label=localize(zone.label, lang) if zone else "",
        diagnosis=localize(zone.advice.diagnosis, lang) if zone and zone.advice else "",
        levers=tuple(localize(lv, lang) for lv in zone.advice.levers) if zone and zone.advice else (),
        group=group_point,
        earlier=earlier_point,
        earlier_zone_label=earlier_label,
    )
