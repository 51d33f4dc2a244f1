"""The group report's content, in one language: the group summary's aggregates plus anonymous points.

Statistics come from the group engine (``summarize``, ``compare``); this module only adds one
point per person for the charts, sorted so that their order says nothing about whose they are,
and only for scores the summary itself reports (never under the anonymity threshold).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kamtrust import __version__
from kamtrust.engine.anonymity import Hidden
from kamtrust.engine.compare import Change, CompareGroup, Comparison
from kamtrust.engine.group import GroupStats, GroupSummary, Scored, Stats, hidden_stats
from kamtrust.engine.scoring import band_for
from kamtrust.i18n import plural, t
from kamtrust.present import date as local_date
from kamtrust.profile_notes import group_advice
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.report.personal import AdviceView, BandView, advice_view, bands_of
from kamtrust.safetext import visible


@dataclass(frozen=True)
class ScaleRow:
    """One factor's (or pole's) statistics, its people's scores, and how it moved."""

    id: str
    name: str
    stats: Stats
    band: BandView | None
    """The band the group mean falls in."""
    points: tuple[float, ...]
    """Everybody's score, ascending; empty when the summary withholds this score."""
    change: Change | None = None


@dataclass(frozen=True)
class ReliabilityRow:
    """Cronbach's alpha of one factor on its complete cases."""

    name: str
    alpha: float | None
    n: int | None
    k: int
    low: bool
    low_items: tuple[str, ...]
    hidden: Hidden | None = None


@dataclass(frozen=True)
class SubgroupColumn:
    """One value of ``--by``: its size and factor means, or why it is withheld."""

    label: str
    n: int | None
    reason: Hidden | None
    """Why the whole subgroup is withheld."""
    means: Mapping[str, float | None]
    overall: float | None
    hidden: Mapping[str, Hidden] = field(default_factory=dict)
    """Factor id (or 'overall') -> why that mean is withheld in this subgroup."""


@dataclass(frozen=True)
class GroupDistance:
    """Everybody on the serpent-eagle quadrant (anonymous), the mean and the zone counts."""

    threshold: float
    x_label: str
    y_label: str
    zone_labels: Mapping[str, str]
    points: tuple[tuple[float, float], ...]
    mean: tuple[float, float] | None
    zones: Mapping[str, int | None]
    before_zones: Mapping[str, int | None] | None = None
    moved: int | None = None
    zones_hidden: Mapping[str, Hidden] = field(default_factory=dict)
    before_hidden: Mapping[str, Hidden] = field(default_factory=dict)
    dots_withheld: bool = False
    """Everybody's point is left out: it would show the zone counts that are hidden."""
    dots_note: str | None = None
    """Why the dots are left out, when not because some zone holds fewer than min_group people."""
    before_mean: tuple[float, float] | None = None
    """The group's mean before, when both sessions' pole means are shown: an arrow goes to ``mean``."""
    moves: tuple[str, ...] = ()
    """The zone moves of the people paired, in words, as the comparison shows them (never a person)."""


@dataclass(frozen=True)
class BeforeAfter:
    """How the group moved since an earlier session (from the compare engine)."""

    n_before: int | None
    n_after: int | None
    n_paired: int | None
    suppressed: bool
    reason: Hidden | None
    overall: Change | None
    notes: tuple[str, ...] = ()
    """What a reader must know first, e.g. that the questionnaire changed between the sessions."""
    headline: str | None = None
    """'Change of the N people present in both sessions' when reliable change is shown."""
    reliable: tuple[tuple[str, str, str, str, str], ...] = ()
    """Per factor and pole: name, effect in words, improved, same, worse (counts as shown)."""
    sentences: tuple[str, ...] = ()
    """One plain-language line per factor and pole, for a slide."""
    reliable_notes: tuple[str, ...] = ()
    """Which reliability was used, and how the reliable change and the effect words are read."""
    dates: str | None = None
    """'Before: 02/09/2026 · After: 25/11/2026' (local dates; a range when a session spans days)."""
    pairing: tuple[str, ...] = ()
    """Who was not paired, per reason, and the options that would pair more."""
    unpaired: tuple[str, ...] = ()
    """One line per person not paired (only with --with-names; never a score)."""
    marks: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Scale id (or 'overall') -> {'whole'|'before'|'after'|'paired': footnote number} of its hidden cells."""
    footnotes: tuple[str, ...] = ()
    """Footnote n (from 1): which cells are hidden and why, so the table's cells stay short."""


def _footnotes(g: CompareGroup, q: Questionnaire, lang: str, by: str | None) -> dict[str, Any]:
    """The footnote marks of the before/after table's hidden cells, and the footnotes (one per reason)."""
    from kamtrust.export.reasons import reason

    heads = {"whole": "", "before": t(lang, "group_before"), "after": t(lang, "group_after")}
    heads["paired"] = t(lang, "group_paired_change")
    texts: dict[str, list[str]] = {}
    marks: dict[str, dict[str, int]] = {}
    scales = [*g.factors.items(), *g.poles.items(), *((("overall", g.overall),) if g.overall else ())]
    for sid, c in scales:
        name = t(lang, "overall") if sid == "overall" else localize(q.find_scale(sid).name, lang)
        hidden = {"whole": c.hidden, "before": c.before_hidden, "after": c.after_hidden}
        hidden["paired"] = c.paired_hidden if c.hidden is None else None
        for part, h in hidden.items():
            if h is None:
                continue
            why = reason(h, lang, by)
            text = f"{heads[part]}: {why}" if heads[part] else why
            names = texts.setdefault(text, [])
            names.append(name)
            marks.setdefault(sid, {})[part] = list(texts).index(text) + 1
    return {"marks": marks, "footnotes": tuple(f"{', '.join(ns)} — {text}" for text, ns in texts.items())}


def _reliable(g: CompareGroup, q: Questionnaire, lang: str, by: str | None) -> dict[str, Any]:
    """The headline fields of :class:`BeforeAfter`: reliable change, effect words, slide sentences."""
    from kamtrust.export import rci_words

    scales = {**g.factors, **g.poles}
    if g.suppressed or not any(c.rci is not None for c in scales.values()):
        return {}
    names = {sid: localize(q.find_scale(sid).name, lang) for sid in scales}
    notes: dict[str, list[str]] = {}
    for sid, c in scales.items():
        if c.rci is not None:
            notes.setdefault(rci_words.reliability_note(c, lang), []).append(names[sid])
    n = g.n_paired or 0
    return {
        "headline": t(lang, plural("rci_headline", n), n=n),
        "reliable": tuple(
            (
                names[sid],
                rci_words.effect(c.paired.dz, lang) if c.paired is not None and c.paired_hidden is None else "",
                *(rci_words.count(c, o, lang) for o in ("improved", "same", "worse")),
            )
            for sid, c in scales.items()
        ),
        "sentences": tuple(rci_words.sentence(names[sid], c, lang, by) for sid, c in scales.items()),
        "reliable_notes": (*(f"{', '.join(ns)} — {why}" for why, ns in notes.items()), t(lang, "rci_legend")),
    }


@dataclass(frozen=True)
class GroupReport:
    """Everything the group report shows, in ``lang``."""

    lang: str
    title: str
    questionnaire_id: str
    questionnaire_version: str
    heading: str | None
    """The cohort, when every result names the same one."""
    date: str
    n: int
    min_group: int
    excluded: Mapping[str, int]
    bands: tuple[BandView, ...]
    factors: tuple[ScaleRow, ...]
    poles: tuple[ScaleRow, ...]
    overall: Stats | None
    overall_band: BandView | None
    distance: GroupDistance | None
    strongest: tuple[str, ...]
    """Factor names, highest mean first."""
    focus: tuple[AdviceView, ...]
    """The weakest factors with the advice for the band of the group mean."""
    reliability: tuple[ReliabilityRow, ...]
    by: str | None = None
    subgroups: tuple[SubgroupColumn, ...] = ()
    participants: tuple[str, ...] | None = None
    before: BeforeAfter | None = None
    session: str | None = None
    """The session's dates (first–last result, local), beside ``date``, the day the report was made."""
    tool_version: str = __version__
    self_other: Mapping[str, Any] | None = None
    """With ``--ratings``: the group's self-other gaps, in words (export/selfother_section.py)."""
    focus_hidden: str | None = None
    """Why strongest and weakest factors go unnamed: they would rank means the comparison hides."""

    @property
    def left_out(self) -> str:
        """The "not included" line, by reason (unreadable apart from answers that do not fit)."""
        from kamtrust.export.left_out import sentence

        return sentence(self.excluded, self.lang)


def _before_mean(g: CompareGroup | None) -> tuple[float, float] | None:
    """The group's pole means before, when the comparison shows both (same rules as every change)."""
    if g is None or g.suppressed:
        return None
    prox, persp = g.poles.get("proximity"), g.poles.get("perspective")
    if prox is None or persp is None or prox.before is None or persp.before is None:
        return None
    if prox.before.mean is None or persp.before.mean is None:
        return None
    return (prox.before.mean, persp.before.mean)


def _move_lines(g: CompareGroup | None, q: Questionnaire, lang: str, by: str | None) -> tuple[str, ...]:
    """'Adrift → Right distance: 4' per move shown (hidden counts said as hidden), or why none are."""
    from kamtrust.export.reasons import reason

    if g is None or g.suppressed or q.distance is None:
        return ()
    if g.moves_withheld is not None:
        return (t(lang, "up_moves_hidden", reason=reason(g.moves_withheld, lang, by)),)
    if g.moves is None:
        return ()
    label = {zid: localize(z.label, lang) for zid, z in q.distance.zones.items()}
    lines = []
    hidden: dict[str, int] = {}  # reason -> moves hidden for it (said once, not one line each)
    for z, row in g.moves.items():
        for n, v in row.items():
            if z == n:
                continue
            if (z, n) in g.moves_hidden:
                why = reason(g.moves_hidden[(z, n)], lang, by)
                hidden[why] = hidden.get(why, 0) + 1
            elif v:
                lines.append(t(lang, "up_move_line", before=label[z], after=label[n], n=v))
    off_diagonal = sum(1 for z, row in g.moves.items() for n in row if z != n)
    if hidden and sum(hidden.values()) == off_diagonal:
        return (t(lang, "fx_moves_all_hidden", reason="; ".join(hidden)),)
    more = "_more" if lines else ""  # "2 more zone moves" after the shown ones, "2 zone moves" alone
    for why, k in hidden.items():
        lines.append(t(lang, plural(f"fx_moves{more}_hidden", k), n=k, reason=why))
    return tuple(lines)


def _band(bands: tuple[BandView, ...], q: Questionnaire, value: float | None) -> BandView | None:
    if value is None:
        return None
    band_id = band_for(value, q.bands)
    return next((b for b in bands if b.id == band_id), None)


def _scores(scored: Sequence[Scored], scale_id: str) -> tuple[float, ...]:
    values = []
    for s in scored:
        sc = s.profile.factors.get(scale_id) or s.profile.poles.get(scale_id)
        if sc is not None and sc.score is not None:
            values.append(sc.score)
    return tuple(sorted(values))


def build_group(
    q: Questionnaire,
    summary: GroupSummary,
    scored: Sequence[Scored],
    lang: str,
    *,
    date: str,
    comparison: Comparison | None = None,
) -> GroupReport:
    """The report of ``summary`` (made from ``scored``), with ``comparison`` to an earlier session."""
    total: GroupStats = summary.total
    if total.suppressed:
        raise ValueError("a suppressed group has no report")
    bands = bands_of(q, lang)
    moved: CompareGroup | None = comparison.total if comparison is not None else None
    # The summary is the after session: what the comparison hides of it, the report hides too.
    after_hidden = _after_hidden(moved)
    total = _without(total, after_hidden, moved)
    summary = _subgroups_without(summary, after_hidden)
    changes = moved.factors if moved is not None and not moved.suppressed else {}
    pole_changes = moved.poles if moved is not None and not moved.suppressed else {}

    def row(scale_id: str, st: Stats, change: Change | None) -> ScaleRow:
        scale = q.find_scale(scale_id)
        # A pole's dots would count its bands, hidden where zone counts are (they are sums of them).
        points = () if st.suppressed or st.n is None or st.bands_hidden else _scores(scored, scale_id)
        return ScaleRow(scale_id, localize(scale.name, lang), st, _band(bands, q, st.mean), points, change)

    factors = tuple(row(f.id, total.factors[f.id], changes.get(f.id)) for f in q.factors if f.id in total.factors)
    poles = tuple(row(pid, st, pole_changes.get(pid)) for pid, st in total.poles.items())

    distance = None
    d = q.distance
    if d is not None and total.poles:
        prox, persp = total.poles.get("proximity"), total.poles.get("perspective")
        shown = prox is not None and persp is not None and not prox.suppressed and not persp.suppressed
        # Dots would show every zone's exact count of this (the after) session: none when one is
        # hidden, by the summary or by the comparison (merged above). The before session's hidden
        # counts are not on them: the after dots of paired people give them only with the moves,
        # which the comparison shows only where they keep them hidden.
        withheld = bool(total.zones_hidden)
        # The poles' after figures hidden by the comparison: everybody's point would give them back.
        pole_whys = [after_hidden[p] for p in ("proximity", "perspective") if p in after_hidden]
        points: tuple[tuple[float, float], ...] = ()
        mean = None
        if shown and not withheld:
            points = tuple(
                sorted(
                    (s.profile.distance.proximity, s.profile.distance.perspective)
                    for s in scored
                    if s.profile.distance is not None
                    and s.profile.distance.proximity is not None
                    and s.profile.distance.perspective is not None
                )
            )
        if shown and prox is not None and persp is not None and prox.mean is not None and persp.mean is not None:
            mean = (prox.mean, persp.mean)
        distance = GroupDistance(
            threshold=d.threshold,
            x_label=localize(d.proximity.name, lang),
            y_label=localize(d.perspective.name, lang),
            zone_labels={zid: localize(z.label, lang) for zid, z in d.zones.items()},
            points=points,
            mean=mean,
            zones=dict(total.zones),
            before_zones=dict(moved.zones_before) if moved is not None and moved.zones_before else None,
            moved=moved.moved if moved is not None and not moved.suppressed else None,
            zones_hidden=dict(total.zones_hidden),
            before_hidden=dict(moved.zones_hidden.get("before", {})) if moved is not None else {},
            dots_withheld=(shown and withheld) or bool(pole_whys),
            dots_note=_dots_note(summary.total, moved, pole_whys, lang, comparison.by if comparison else None),
            before_mean=_before_mean(moved) if mean is not None else None,
            moves=_move_lines(moved, q, lang, comparison.by if comparison else None),
        )

    means = {fid: total.factors[fid].mean for fid in total.weakest}
    focus = [advice_view(a, bands) for a in group_advice(q, total.weakest, means, lang)]

    reliability = tuple(
        ReliabilityRow(
            localize(q.find_scale(r.scale).name, lang),
            r.alpha,
            r.n,
            r.k,
            r.low,
            # Each weak item with its statement beside the id: an id alone means nothing to a reader.
            tuple(f"{i} ({localize(q.items[i].text, lang)})" if i in q.items else i for i in r.low_items),
            r.hidden,
        )
        for r in (total.reliability or {}).values()  # factors, then distance poles, as on the terminal
    )

    subgroups = tuple(
        SubgroupColumn(
            label=visible(g.key, newlines=True) if g.key is not None else "—",
            n=g.n,
            reason=g.hidden,
            means={fid: st.mean for fid, st in [*g.factors.items(), *g.poles.items()]},
            overall=g.overall.mean if g.overall is not None else None,
            hidden={
                sid: st.hidden
                for sid, st in [*g.factors.items(), *g.poles.items(), ("overall", g.overall)]
                if st is not None and st.hidden is not None
            },
        )
        for g in summary.groups
    )
    cohorts = {s.fields.get("cohort") for s in scored}
    heading = next(iter(cohorts)) if len(cohorts) == 1 else None
    before = None
    if moved is not None:
        from kamtrust.export import unpaired_words
        from kamtrust.version_notes import comparison_notes

        assert comparison is not None
        before = BeforeAfter(
            moved.n_before,
            moved.n_after,
            moved.n_paired,
            moved.suppressed,
            moved.hidden,
            moved.overall,
            tuple(comparison_notes(comparison, q, lang)),
            **_reliable(moved, q, lang, comparison.by),
            **_footnotes(moved, q, lang, comparison.by),
            dates=unpaired_words.dates_line(comparison, lang),
            pairing=tuple(unpaired_words.notes(comparison, lang, quiet=True)),
            unpaired=tuple(unpaired_words.people_lines(comparison, lang)) if comparison.with_names else (),
        )
    return GroupReport(
        lang=lang,
        title=localize(q.title, lang),
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        heading=None if heading is None else visible(heading, newlines=True),
        date=local_date(date, lang),
        n=total.n or 0,
        min_group=summary.min_group,
        excluded=dict(summary.excluded),
        bands=bands,
        factors=factors,
        poles=poles,
        overall=total.overall,
        overall_band=_band(bands, q, total.overall.mean if total.overall else None),
        distance=distance,
        strongest=tuple(localize(q.find_scale(fid).name, lang) for fid in total.strongest),
        focus=tuple(focus),
        reliability=reliability,
        by=summary.by,
        subgroups=subgroups,
        participants=None
        if total.participants is None
        else tuple(visible(p, newlines=True) for p in total.participants),
        before=before,
        session=_session(summary, lang),
        focus_hidden=_focus_hidden(summary.total, after_hidden, lang, comparison.by if comparison else None),
    )


def _after_hidden(moved: CompareGroup | None) -> dict[str, Hidden]:
    """Scale id (or 'overall') -> why the comparison hides the after session's figures (people
    present only then would come out by subtraction from the paired change)."""
    if moved is None or moved.suppressed:
        return {}
    scales = [*moved.factors.items(), *moved.poles.items(), ("overall", moved.overall)]
    return {sid: c.after_hidden for sid, c in scales if c is not None and c.after_hidden is not None}


def _without(total: GroupStats, hidden: Mapping[str, Hidden], moved: CompareGroup | None) -> GroupStats:
    """``total`` (the after session) less the figures the comparison hides: those scales'
    statistics, the zone counts it hides after, and those factors from the strongest and weakest."""
    zones_after = dict(moved.zones_hidden.get("after", {})) if moved is not None and not moved.suppressed else {}
    if not hidden and not zones_after:
        return total
    return replace(
        total,
        factors={k: hidden_stats(hidden[k]) if k in hidden else st for k, st in total.factors.items()},
        poles={k: hidden_stats(hidden[k]) if k in hidden else st for k, st in total.poles.items()},
        overall=hidden_stats(hidden["overall"]) if "overall" in hidden and total.overall else total.overall,
        zones={z: None if z in zones_after else n for z, n in total.zones.items()},
        zones_hidden={**total.zones_hidden, **zones_after},
        strongest=tuple(f for f in total.strongest if f not in hidden),
        weakest=tuple(f for f in total.weakest if f not in hidden),
    )


def _subgroups_without(summary: GroupSummary, hidden: Mapping[str, Hidden]) -> GroupSummary:
    """``summary`` with the hidden after-session scales hidden in every ``--by`` column too:
    the columns' means, weighted by their sizes, would give the total's back."""
    if not hidden or not summary.groups:
        return summary

    def column(g: GroupStats) -> GroupStats:
        if g.suppressed:
            return g
        return replace(
            g,
            factors={k: hidden_stats(hidden[k]) if k in hidden else st for k, st in g.factors.items()},
            poles={k: hidden_stats(hidden[k]) if k in hidden else st for k, st in g.poles.items()},
            overall=hidden_stats(hidden["overall"]) if "overall" in hidden and g.overall else g.overall,
        )

    return replace(summary, groups=tuple(column(g) for g in summary.groups))


def _focus_hidden(own: GroupStats, hidden: Mapping[str, Hidden], lang: str, by: str | None) -> str | None:
    """Why some of the strongest and weakest factors (ranked on the summary ``own``) go unnamed."""
    from kamtrust.export.reasons import reason

    whys = [reason(hidden[f], lang, by) for f in (*own.strongest, *own.weakest) if f in hidden]
    return t(lang, "fx_focus_hidden", reasons="; ".join(dict.fromkeys(whys))) if whys else None


def _dots_note(
    own: GroupStats, moved: CompareGroup | None, pole_whys: Sequence[Hidden], lang: str, by: str | None
) -> str | None:
    """Why the dots are left out when the summary (``own``) hides no zone count of its own (then
    some zone holds too few people): the comparison's reasons for what it hides of the poles and
    zones. An empty zone reveals nobody, so it is never the reason."""
    from kamtrust.export.reasons import reason

    if own.zones_hidden or moved is None or moved.suppressed:
        return None
    hidden = [*pole_whys, *moved.zones_hidden.get("after", {}).values()]
    whys = [reason(h, lang, by) for h in hidden]
    whys = list(dict.fromkeys(w for w in whys if w))
    return t(lang, "fx_dots_hidden", reasons="; ".join(whys)) if whys else None


def _session(summary: GroupSummary, lang: str) -> str | None:
    from kamtrust.export.unpaired_words import span

    return t(lang, "fx_session", dates=span(summary.dates, lang)) if summary.dates else None
