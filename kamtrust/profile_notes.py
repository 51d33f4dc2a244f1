"""What a profile says in words besides its scores: standing, advice, alerts, flags, the trust equation.

One pure helper for every renderer (terminal, HTML, Markdown, group exports), so that all of them
use the same words in the same order: alerts first (an average must not hide them), then the
flags, and the trust-equation reading, named as an approximation, for the details. The weakest
factors with their advice come from one builder (:func:`factor_advice`), which the renderers only
lay out.

MODEL.md rule 7: the highest factors are not "strengths" unless their band says so, and a factor
in the lowest band is never left out of the development areas by a tie.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kamtrust.engine.scoring import FLAGS, READ_FIRST, Profile, band_for
from kamtrust.engine.trust import NUMERATOR, SELF_ORIENTATION_FROM, alerts_from_bands, trust_equation_from_scores
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize


@dataclass(frozen=True)
class Standing:
    """The factors to name at a glance, and the catalogue keys of the words that head them."""

    highest: tuple[str, ...]
    highest_key: str
    """``strengths`` when every one is in the top band, else ``highest_factors``."""
    development: tuple[str, ...]
    development_key: str
    """``development``, or ``lowest_factors`` when every one is in the top band."""
    alerts: tuple[str, ...]
    """Factors to read first (client focus, integrity) in the lowest band."""


def score_of(profile: Profile, fid: str) -> float | None:
    """A factor's score; None when it is unscored or not in the profile."""
    s = profile.factors.get(fid)
    return None if s is None else s.score


def band_of(profile: Profile, fid: str) -> str | None:
    """A factor's band id; None when it is unscored or not in the profile."""
    s = profile.factors.get(fid)
    return None if s is None else s.band


def alerts_of(q: Questionnaire, profile: Profile) -> tuple[str, ...]:
    """The factors to read first; read from the bands when none are stored (a file older than alerts)."""
    return profile.alerts or alerts_from_bands(q, {f.id: band_of(profile, f.id) for f in q.factors})


def standing(q: Questionnaire, profile: Profile) -> Standing:
    """The highest factors and the development areas of ``profile``."""
    ids = [f.id for f in q.factors]
    top, lowest = q.bands[-1].id, q.bands[0].id
    highest = tuple(fid for fid in profile.strengths if fid in ids)
    development = [fid for fid in profile.development if fid in ids and fid not in highest]
    if development:
        # A tie at the cut must not hide a factor in the lowest band.
        last = score_of(profile, development[-1])
        for fid in ids:
            if (
                fid not in development
                and fid not in highest
                and band_of(profile, fid) == lowest
                and score_of(profile, fid) == last
            ):
                development.append(fid)
    bands = {fid: band_of(profile, fid) for fid in ids}
    all_top = bool(highest) and all(bands[fid] == top for fid in highest)
    dev_top = bool(development) and all(bands[fid] == top for fid in development)
    return Standing(
        highest,
        "strengths" if all_top else "highest_factors",
        tuple(development),
        "lowest_factors" if dev_top else "development",
        alerts_of(q, profile),
    )


@dataclass(frozen=True)
class FactorAdvice:
    """A factor named with the advice for its band, in one language: what every renderer lays out."""

    id: str
    name: str
    score: float | None
    """The person's score, or the group mean."""
    band: str | None
    """The band id (None when unscored): each renderer shows its own label or colour for it."""
    diagnosis: str
    """'' when the questionnaire has no advice for the band."""
    levers: tuple[str, ...]
    alert: bool = False
    """A factor to read first (client focus or integrity in the lowest band)."""


def factor_advice(
    q: Questionnaire,
    picks: Iterable[tuple[str, float | None, str | None]],
    lang: str,
    *,
    alerts: Iterable[str] = (),
) -> tuple[FactorAdvice, ...]:
    """The advice for each ``(factor id, score, band id)`` in ``lang``, in the order given.

    The one builder of "factors with their advice": a person's development areas
    (:func:`development_advice`), a group's weakest factors (:func:`group_advice`), the details'
    every factor. Ids that are not factors of ``q`` are left out.
    """
    known = {f.id for f in q.factors}
    flagged = set(alerts)
    out = []
    for fid, score, band in picks:
        if fid not in known:
            continue
        factor = q.find_scale(fid)
        a = factor.advice.get(band) if band is not None else None
        out.append(
            FactorAdvice(
                id=fid,
                name=localize(factor.name, lang),
                score=score,
                band=band,
                diagnosis=localize(a.diagnosis, lang) if a else "",
                levers=tuple(localize(lever, lang) for lever in a.levers) if a else (),
                alert=fid in flagged,
            )
        )
    return tuple(out)


def _picks(profile: Profile, ids: Iterable[str]) -> list[tuple[str, float | None, str | None]]:
    return [(fid, score_of(profile, fid), band_of(profile, fid)) for fid in ids]


def development_advice(q: Questionnaire, profile: Profile, lang: str) -> tuple[FactorAdvice, ...]:
    """The person's weakest factors with their advice: the alerts first, then the development areas."""
    st = standing(q, profile)
    ids = [*st.alerts, *(fid for fid in st.development if fid not in st.alerts)]
    return factor_advice(q, _picks(profile, ids), lang, alerts=st.alerts)


def strength_advice(q: Questionnaire, profile: Profile, lang: str) -> tuple[FactorAdvice, ...]:
    """The person's highest factors with the advice for their bands (what to keep doing)."""
    return factor_advice(q, _picks(profile, standing(q, profile).highest), lang)


def group_advice(
    q: Questionnaire, weakest: Iterable[str], means: Mapping[str, float | None], lang: str
) -> tuple[FactorAdvice, ...]:
    """A group's weakest factors with the advice for the band of the group mean."""
    picks = []
    for fid in weakest:
        mean = means.get(fid)
        picks.append((fid, mean, None if mean is None else band_for(mean, q.bands)))
    return factor_advice(q, picks, lang)


@dataclass(frozen=True)
class TrustReading:
    """Green's trust equation read from a profile, in one language, numbers formatted."""

    title: str
    """"Trust equation (approximation)"."""
    value: str
    terms: tuple[tuple[str, str], ...]
    """(label, value) for credibility, reliability, intimacy and self-orientation, on the answer scale."""
    note: str
    """The definition: what is divided by what, where self-orientation comes from, the range."""


@dataclass(frozen=True)
class ProfileNotes:
    """The texts, in reading order: ``alerts`` before anything else, ``flags``, then ``trust``."""

    alerts: tuple[str, ...]
    flags: tuple[str, ...]
    trust: TrustReading | None


def profile_notes(q: Questionnaire, profile: Profile, lang: str) -> ProfileNotes:
    """The localized alert, flag and trust-equation texts for a profile."""
    return ProfileNotes(alert_texts(q, profile, lang), flag_texts(profile, lang), trust_reading(q, profile, lang))


def _name(q: Questionnaire, factor_id: str, lang: str) -> str:
    return localize(next(f.name for f in q.factors if f.id == factor_id), lang)


def alert_texts(q: Questionnaire, profile: Profile, lang: str) -> tuple[str, ...]:
    """One text per alert (client focus or integrity in the lowest band), to be read first.

    A profile saved before alerts existed has none stored: they are read from its bands.
    """
    known = {f.id for f in q.factors}
    ids = alerts_of(q, profile)
    return tuple(t(lang, f"alert_{a}", factor=_name(q, a, lang)) for a in ids if a in READ_FIRST and a in known)


def flag_texts(profile: Profile, lang: str) -> tuple[str, ...]:
    """The explanation of every known response-quality flag of the profile, in its order."""
    return tuple(t(lang, f"flag_{f}") for f in profile.flags if f in FLAGS)


def trust_reading(q: Questionnaire, profile: Profile, lang: str) -> TrustReading | None:
    """The trust-equation reading; None when one of its four factors is missing or unscored."""
    eq = trust_equation_from_scores(q, {fid: s.score for fid, s in profile.factors.items()})
    if eq is None:
        return None
    labels = [_name(q, fid, lang) for fid in NUMERATOR]
    values = (eq.credibility, eq.reliability, eq.intimacy)
    terms = tuple(zip(labels, (number(v, lang) for v in values), strict=True)) + (
        (t(lang, "trust_self_orientation"), number(eq.self_orientation, lang)),
    )
    note = t(
        lang,
        "trust_equation_note",
        focus=_name(q, SELF_ORIENTATION_FROM, lang),
        neutral=number(eq.neutral, lang),
        low=number(eq.low, lang),
        high=number(eq.high, lang),
    )
    return TrustReading(t(lang, "trust_equation"), number(eq.value, lang), terms, note)
