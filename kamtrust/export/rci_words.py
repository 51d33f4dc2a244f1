"""Words for the reliable change and d_z: the slide sentence, the count cells and the footnotes."""

from __future__ import annotations

from kamtrust.engine.compare import Change
from kamtrust.engine.rci import ASSUMED, ASSUMED_LOW, ASSUMED_RELIABILITY
from kamtrust.export.reasons import cell, reason
from kamtrust.i18n import t
from kamtrust.present import number


def effect(dz: float | None, lang: str) -> str:
    """'small', 'medium'... for d_z in ``lang`` (empty without d_z)."""
    from kamtrust.engine.rci import effect_words

    w = effect_words(dz)
    return "" if w is None else t(lang, f"rci_effect_{w}")


def count(c: Change, outcome: str, lang: str) -> str:
    """One reliable-change count as shown: the number, '< 3' when masked, empty when none."""
    r = c.rci
    if r is None:
        return ""
    return cell(r.hidden[outcome], lang) if outcome in r.hidden else str(r.counts[outcome])


def reliability_note(c: Change, lang: str) -> str:
    """Which reliability the threshold used, in words."""
    r = c.rci
    if r is None:
        return ""
    cut = t(lang, "rci_threshold_is", cut=number(r.threshold, lang, 1))
    if r.source == ASSUMED:
        return t(lang, "rci_assumed", r=number(ASSUMED_RELIABILITY, lang, 2), cases=r.min_cases) + cut
    if r.source == ASSUMED_LOW:
        return t(lang, "rci_assumed_low", r=number(ASSUMED_RELIABILITY, lang, 2)) + cut
    return t(lang, "rci_alpha", r=number(r.reliability, lang, 2)) + cut


def sentence(name: str, c: Change, lang: str, by: str | None = None) -> str:
    """The plain-language line for a slide, or why it cannot be given."""
    if c.hidden is not None:
        return t(lang, "rci_sentence_hidden", name=name, why=reason(c.hidden, lang, by))
    if c.paired_hidden is not None:
        return t(lang, "rci_sentence_hidden", name=name, why=reason(c.paired_hidden, lang, by))
    p, r = c.paired, c.rci
    if p is None:
        return t(lang, "rci_sentence_none", name=name)
    change = number(p.mean_change, lang, 1, signed=True)
    if r is None:
        return t(lang, "rci_sentence_flat", name=name, change=change)
    if "improved" in r.hidden:
        return t(lang, "rci_sentence_masked", name=name, why=reason(r.hidden["improved"], lang, by), change=change)
    return t(lang, "rci_sentence", name=name, k=r.counts["improved"], n=r.n, change=change)
