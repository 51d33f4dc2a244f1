"""Who was not paired and why, and each session's dates, in the output's language.

The people themselves are named in the trainer's terminal; documents get counts per reason,
and names only when the comparison was made ``with_names``. Never a score of an unpaired person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kamtrust.engine.unpaired import AMBIGUOUS, NO_KEY, REASONS, Pairing, Unpaired
from kamtrust.i18n import plural, t
from kamtrust.present import date
from kamtrust.safetext import visible

if TYPE_CHECKING:
    from kamtrust.engine.compare import Comparison


def dates_line(c: Comparison, lang: str) -> str | None:
    """ "Before: 02/09/2026 · After: 25/11/2026" (local dates; a range when a session spans days)."""
    if not c.dates:
        return None
    return t(lang, "up_dates", before=span(c.dates.get("before"), lang), after=span(c.dates.get("after"), lang))


def span(stamps: tuple[str, str] | None, lang: str) -> str:
    """One local date, or first–last when the stamps fall on different days."""
    if stamps is None:
        return "—"
    first, last = date(stamps[0], lang), date(stamps[1], lang)
    return first if first == last else t(lang, "up_range", first=first, last=last)


def why(u: Unpaired, lang: str, match: str) -> str:
    """The reason one person was not paired."""
    if u.reason == AMBIGUOUS:
        key = "up_ambiguous_name" if match == "name" or u.other else "up_ambiguous_id"
        return t(lang, key + ("_elsewhere" if u.elsewhere else ""))
    if u.reason == NO_KEY:
        return t(lang, f"up_no_key_{match}")
    both = "_both" if u.side == "both" else ""  # one person in both rounds: what the second round has
    return t(lang, f"up_{u.reason}{both}", other=visible(u.other or ""))


def who(u: Unpaired, lang: str) -> str:
    """Name · account (· id when the reason is about ids)."""
    name = visible(u.name) if u.name else t(lang, "up_unnamed")
    account = visible(u.account) if u.account else t(lang, "up_no_account")
    return f"{name} · {account} · {u.id or '—'}"


def count_parts(p: Pairing, lang: str) -> str:
    """ "missing in the second session 1 · …": only the reasons that occur."""
    return " · ".join(f"{t(lang, f'up_c_{r}')} {p.counts[r]}" for r in REASONS if p.counts.get(r))


def suggestion_lines(p: Pairing, lang: str) -> list[str]:
    """Each option that would pair more people, as a sentence ending with the option itself."""
    return [t(lang, f"up_suggest_{s}") for s in p.suggestions]


def notes(c: Comparison, lang: str, *, quiet: bool = False) -> list[str]:
    """What every output says about pairing: shared ids, accounts merged, counts, what to add
    (``quiet``: nothing when everybody was paired, for a report that must stay short)."""
    p = c.pairing
    if p is None:
        return []
    out = []
    for side in ("before", "after"):
        n = p.shared_ids.get(side, 0)
        if n:
            out.append(t(lang, plural("up_shared", n), n=n, side=t(lang, f"up_side_{side}")))
    if p.merged_accounts:
        pairs = ", ".join(f"{_quoted(b, lang)} = {_quoted(a, lang)}" for b, a in p.merged_accounts)
        out.append(t(lang, "up_merged", pairs=pairs))
    if not c.total.suppressed:
        parts = count_parts(p, lang)
        if parts or not quiet:
            out.append(t(lang, "up_counts", parts=parts) if parts else t(lang, "up_none"))
    out += suggestion_lines(p, lang)
    return out


def _quoted(text: str, lang: str) -> str:
    return t(lang, "up_quoted", text=visible(text))


def people_lines(c: Comparison, lang: str) -> list[str]:
    """The trainer's list: one line per person not paired, with the reason (never a score)."""
    p = c.pairing
    if p is None or not p.people:
        return []
    n = len(p.people)
    head = t(lang, plural("up_title", n), n=n)
    return [
        head,
        *(
            t(lang, "up_person", side=t(lang, f"up_side_{u.side}"), who=who(u, lang), why=why(u, lang, c.match))
            for u in p.people
        ),
    ]


def counts_rows(c: Comparison, lang: str) -> list[tuple[str, int | None, str]]:
    """(reason, people, option to add) per reason that occurs; none when the comparison is hidden."""
    p = c.pairing
    if p is None or c.total.suppressed:
        return []
    option = {u.reason: t(lang, "up_add", option=u.suggestion) if u.suggestion else "" for u in p.people}
    return [(t(lang, f"up_c_{r}"), p.counts[r], option.get(r, "")) for r in REASONS if p.counts.get(r)]


def people_rows(c: Comparison, lang: str) -> list[tuple[str, str, str, str, str, str]]:
    """(session, name, account, id, reason, option) per person: only for a comparison ``with_names``."""
    p = c.pairing
    if p is None or not c.with_names:
        return []
    return [
        (
            t(lang, f"up_side_{u.side}"),
            visible(u.name or ""),
            visible(u.account or ""),
            u.id or "",
            why(u, lang, c.match),
            t(lang, "up_add", option=u.suggestion) if u.suggestion else "",
        )
        for u in p.people
    ]
