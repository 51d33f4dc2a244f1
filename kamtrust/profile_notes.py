"""What a profile says in words besides its scores: alerts, response-quality flags, the trust equation.

One pure helper for every renderer (terminal, HTML, Markdown), so that all of them use the same
words in the same order: alerts first (an average must not hide them), then the flags, and the
trust-equation reading, named as an approximation, for the details.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kamtrust.engine.scoring import FLAGS, READ_FIRST
from kamtrust.engine.trust import NUMERATOR, SELF_ORIENTATION_FROM, alerts_from_bands, trust_equation_from_scores
from kamtrust.i18n import t
from kamtrust.present import number
from kamtrust.questionnaire.model import Questionnaire, localize


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


def profile_notes(q: Questionnaire, profile: Mapping[str, Any], lang: str) -> ProfileNotes:
    """The localized alert, flag and trust-equation texts for a profile (a result's ``profile`` dict)."""
    return ProfileNotes(alert_texts(q, profile, lang), flag_texts(profile, lang), trust_reading(q, profile, lang))


def _factors(profile: Mapping[str, Any]) -> Mapping[str, Any]:
    factors = profile.get("factors")
    return factors if isinstance(factors, Mapping) else {}


def _name(q: Questionnaire, factor_id: str, lang: str) -> str:
    return localize(next(f.name for f in q.factors if f.id == factor_id), lang)


def alert_texts(q: Questionnaire, profile: Mapping[str, Any], lang: str) -> tuple[str, ...]:
    """One text per alert (client focus or integrity in the lowest band), to be read first.

    A profile saved before alerts existed has none stored: they are read from its bands.
    """
    stored = profile.get("alerts")
    if isinstance(stored, list):
        ids = tuple(a for a in stored if isinstance(a, str))
    else:
        factors = _factors(profile)
        ids = alerts_from_bands(
            q, {fid: s.get("band") if isinstance(s, Mapping) else None for fid, s in factors.items()}
        )
    known = {f.id for f in q.factors}
    return tuple(t(lang, f"alert_{a}", factor=_name(q, a, lang)) for a in ids if a in READ_FIRST and a in known)


def flag_texts(profile: Mapping[str, Any], lang: str) -> tuple[str, ...]:
    """The explanation of every known response-quality flag of the profile, in its order."""
    flags = profile.get("flags")
    return tuple(t(lang, f"flag_{f}") for f in flags or () if isinstance(f, str) and f in FLAGS)


def trust_reading(q: Questionnaire, profile: Mapping[str, Any], lang: str) -> TrustReading | None:
    """The trust-equation reading; None when one of its four factors is missing or unscored."""
    scores = {
        fid: s.get("score") if isinstance(s, Mapping) and isinstance(s.get("score"), (int, float)) else None
        for fid, s in _factors(profile).items()
    }
    eq = trust_equation_from_scores(q, scores)
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
