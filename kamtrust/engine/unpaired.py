"""Who could not be paired between two sessions, and why; accounts that look alike (pure).

A trainer who compares two rounds needs to know why someone is missing from the paired change:
they came once (a dropout, a newcomer), they answered on another computer (a new participant
id, same name and account), they spelled their client differently ("Distribuciones Norte" /
"Distribuciones Norte S.A."), or their key appears twice in a round (ambiguous). Each reason
carries the command line option that would settle it, when one would.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from kamtrust.engine.group import Scored, person_id

NEW_ID = "new_id"
"""Same name and account in the other round, under another participant id."""
ACCOUNT_SPELLING = "account_spelling"
"""Same person in the other round, with an account that only differs in spelling."""
ONLY_BEFORE = "only_before"
"""In the first round only (a dropout)."""
ONLY_AFTER = "only_after"
"""In the second round only (a newcomer)."""
AMBIGUOUS = "ambiguous"
"""The person's key (id or name, and account) appears more than once in one round."""
NO_KEY = "no_key"
"""Nothing to pair by: no name when pairing by name (or no participant id)."""
REASONS = (NEW_ID, ACCOUNT_SPELLING, AMBIGUOUS, NO_KEY, ONLY_BEFORE, ONLY_AFTER)

OPT_MATCH_NAME = "--match name"
OPT_MATCH_ACCOUNTS = "--match-accounts"

# Legal forms dropped at the end of an account's name (after punctuation is removed and case folded).
_LEGAL = (
    "sa de cv",
    "s de rl de cv",
    "s de rl",
    "sapi de cv",
    "sab de cv",
    "sas",
    "sa",
    "sl",
    "slu",
    "sau",
    "sc",
    "ltda",
    "ltd",
    "limited",
    "llc",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "plc",
    "gmbh",
    "ag",
    "bv",
    "nv",
    "srl",
    "spa",
    "sarl",
)
_SUFFIX = re.compile(r"(?:\s+(?:" + "|".join(s.replace(" ", r"\s+") for s in _LEGAL) + r"))+$")


@lru_cache(maxsize=8192)
def spaced(text: str | None) -> str | None:
    """``text`` with case folded and spaces collapsed (how accounts pair by default); None when empty."""
    if not text or not text.strip():
        return None
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@lru_cache(maxsize=8192)  # called for each pair of people left unpaired
def account_key(text: str | None) -> str | None:
    """What an account's name comes to once case, accents, punctuation and a legal form
    (S.A., S.L., SA de CV, Ltd, Inc, GmbH…) are set aside; None when nothing is left."""
    if not text:
        return None
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    # "S.A." -> "sa", "Norte, S.L." -> "norte sl": dots join letters, other punctuation separates words.
    bare = re.sub(r"[.'’]", "", bare)
    bare = " ".join(re.sub(r"[^\w]+", " ", bare).split())
    stripped = _SUFFIX.sub("", bare).strip()
    return stripped or bare or None


def _who(s: Scored, match: str) -> str | None:
    if match == "name":
        return spaced(s.fields.get("name"))
    return person_id(s.fields.get("id")) or None


def person_key(match: str, merge_accounts: bool = False) -> Any:
    """The key people pair by: (id or name, account), the account as spelled (case and spaces
    aside), or as :func:`account_key` has it with ``merge_accounts``; None when there is none."""

    def key(s: Scored) -> tuple[str, str | None] | None:
        who = _who(s, match)
        if who is None:
            return None
        account = s.fields.get("account")
        return who, (account_key(account) if merge_accounts else spaced(account))

    return key


@dataclass(frozen=True)
class Unpaired:
    """One person left out of the paired change (for the trainer's eyes: never with a score)."""

    side: str
    """'before', 'after', or 'both' (NEW_ID, ACCOUNT_SPELLING: one person found in both rounds, with
    the first round's id and account, and the second's in ``other``)."""
    reason: str
    """One of :data:`REASONS`."""
    id: str | None
    name: str | None
    account: str | None
    other: str | None = None
    """The other round's id (NEW_ID) or account spelling (ACCOUNT_SPELLING)."""
    suggestion: str | None = None
    """The command line option that would pair this person."""
    elsewhere: bool = False
    """AMBIGUOUS: the key appears more than once in the other round, not in this one."""


@dataclass(frozen=True)
class Pairing:
    """Why people were not paired, what to add to pair them, and the accounts merged on request."""

    people: tuple[Unpaired, ...]
    counts: Mapping[str, int]
    """People per reason (a person in both rounds under a new id or another spelling counts once)."""
    suggestions: tuple[str, ...]
    """Options to add, most useful first."""
    merged_accounts: tuple[tuple[str, str], ...] = ()
    """(before spelling, after spelling) of the accounts paired with ``--match-accounts``."""
    shared_ids: Mapping[str, int] = field(default_factory=dict)
    """Per round: participant ids found on results with different names (one computer for all)."""


def shared_ids(fields: Iterable[Mapping[str, Any]]) -> int:
    """How many participant ids appear with two or more different names (results typed on one
    computer share its id): pairing by id would then take different people for one."""
    names: dict[str, set[str]] = {}
    for f in fields:
        who, name = f.get("id"), spaced(f.get("name"))
        if who and name:
            names.setdefault(who, set()).add(name)
    return sum(1 for n in names.values() if len(n) > 1)


def explain(
    before: Sequence[Scored],
    after: Sequence[Scored],
    *,
    match: str = "id",
    merge_accounts: bool = False,
    shared: Mapping[str, int] | None = None,
) -> Pairing:
    """Each result of ``before`` and ``after`` (one per person already) left unpaired, with why."""
    sides = {"before": before, "after": after}
    out, loose = _keyless_and_ambiguous(sides, person_key(match, merge_accounts))
    out += _why_each_loose(sides, loose, match)
    out = _one_per_person(out)
    merged = _merged(before, after, match) if merge_accounts else ()
    counts = Counter(u.reason for u in out)
    order = {r: i for i, r in enumerate(REASONS)}
    people = tuple(sorted(out, key=lambda u: (u.side == "after", order[u.reason], _sort(u))))
    return Pairing(
        people, {r: counts.get(r, 0) for r in REASONS}, _suggestions(people, shared, match), merged, dict(shared or {})
    )


def _keyless_and_ambiguous(
    sides: Mapping[str, Sequence[Scored]], key: Callable[[Scored], Any]
) -> tuple[list[Unpaired], dict[str, list[Scored]]]:
    """The people with nothing to pair by (NO_KEY) or whose key appears twice in a round (AMBIGUOUS),
    and per round the ones whose key the other round lacks (loose: to be explained)."""
    keys = {side: [key(s) for s in items] for side, items in sides.items()}
    counted = {side: Counter(k for k in ks if k is not None) for side, ks in keys.items()}
    out: list[Unpaired] = []
    loose: dict[str, list[Scored]] = {"before": [], "after": []}
    for side, items in sides.items():
        other = counted["after" if side == "before" else "before"]
        for s, k in zip(items, keys[side], strict=True):
            if k is None:
                out.append(_entry(side, NO_KEY, s))
            elif counted[side][k] > 1:
                out.append(_entry(side, AMBIGUOUS, s))
            elif other.get(k, 0) > 1:  # once here, twice there: no telling which of the two is this one
                out.append(replace(_entry(side, AMBIGUOUS, s), elsewhere=True))
            elif other.get(k, 0) == 0:
                loose[side].append(s)
    return out, loose


def _why_each_loose(
    sides: Mapping[str, Sequence[Scored]], loose: Mapping[str, Sequence[Scored]], match: str
) -> list[Unpaired]:
    """Why the loose ones found no partner: the same name and account twice in their own round
    (AMBIGUOUS), a look-alike among the other round's loose ones (NEW_ID, ACCOUNT_SPELLING), else
    gone or new."""
    out: list[Unpaired] = []
    same = {side: _index(items, _name_account) for side, items in sides.items()}
    for side, items in loose.items():
        others = loose["after" if side == "before" else "before"]
        by_name = _index(others, _name_account)
        by_who = _index(others, lambda o: (_who(o, match), account_key(o.fields.get("account"))))
        for s in items:
            nk = _name_account(s)
            twin = next((o for o in same[side].get(nk, ()) if o is not s), None) if match != "name" else None
            if nk[0] is not None and twin is not None:  # the same name and account again here, under another id
                out.append(_entry(side, AMBIGUOUS, s, twin.fields.get("id")))
                continue
            out.append(_why_loose(side, s, by_name.get(nk, []), by_who, match))
    return out


def _suggestions(people: Sequence[Unpaired], shared: Mapping[str, int] | None, match: str) -> tuple[str, ...]:
    """The options to add, most useful first: ``--match name`` when one computer's id was shared
    by different people, then each person's suggestion in the order they are listed."""
    suggestions: list[str] = []
    if shared and any(shared.values()) and match != "name":
        suggestions.append(OPT_MATCH_NAME)
    for u in people:
        if u.suggestion and u.suggestion not in suggestions:
            suggestions.append(u.suggestion)
    return tuple(suggestions)


def _one_per_person(entries: list[Unpaired]) -> list[Unpaired]:
    """A person found in both rounds under a new id or another account spelling is one person: their
    before and after entries (each naming the other) become one, on side 'both'."""
    after = [u for u in entries if u.side == "after" and u.reason in (NEW_ID, ACCOUNT_SPELLING)]
    taken: set[int] = set()
    out: list[Unpaired] = []
    for u in entries:
        if u.side == "before" and u.reason in (NEW_ID, ACCOUNT_SPELLING):
            twin = next((a for a in after if id(a) not in taken and _twins(u, a)), None)
            if twin is not None:
                taken.add(id(twin))
                u = replace(u, side="both")
        out.append(u)
    return [u for u in out if id(u) not in taken]


def _twins(b: Unpaired, a: Unpaired) -> bool:
    """Whether ``a`` (after) is ``b`` (before) again: each names the other's id or account spelling."""
    if a.reason != b.reason:
        return False
    if b.reason == NEW_ID:
        return a.id == b.other and b.id == a.other
    return a.account == b.other and b.account == a.other and (a.id == b.id or spaced(a.name) == spaced(b.name))


def _sort(u: Unpaired) -> tuple[str, str, str]:
    return ((u.name or "").casefold(), (u.account or "").casefold(), u.id or "")


def _entry(side: str, reason: str, s: Scored, other: str | None = None, suggestion: str | None = None) -> Unpaired:
    f = s.fields
    return Unpaired(side, reason, f.get("id"), f.get("name"), f.get("account"), other, suggestion)


def _name_account(s: Scored) -> tuple[str | None, str | None]:
    return spaced(s.fields.get("name")), account_key(s.fields.get("account"))


def _index(items: Sequence[Scored], key: Callable[[Scored], Any]) -> dict[Any, list[Scored]]:
    out: dict[Any, list[Scored]] = {}
    for s in items:
        out.setdefault(key(s), []).append(s)
    return out


def _why_loose(
    side: str, s: Scored, same_name: Sequence[Scored], by_who: Mapping[Any, Sequence[Scored]], match: str
) -> Unpaired:
    """NEW_ID when the other round's loose ones hold this name and account under another id;
    ACCOUNT_SPELLING when they hold this person with the account spelled otherwise; else gone/new."""
    if match != "name" and spaced(s.fields.get("name")):
        for o in same_name:
            if person_id(o.fields.get("id")) != person_id(s.fields.get("id")):
                return _entry(side, NEW_ID, s, o.fields.get("id"), OPT_MATCH_NAME)
    account = s.fields.get("account")
    for o in by_who.get((_who(s, match), account_key(account)), ()):
        if spaced(o.fields.get("account")) != spaced(account):
            return _entry(side, ACCOUNT_SPELLING, s, o.fields.get("account"), OPT_MATCH_ACCOUNTS)
    return _entry(side, ONLY_BEFORE if side == "before" else ONLY_AFTER, s)


def _merged(before: Sequence[Scored], after: Sequence[Scored], match: str) -> tuple[tuple[str, str], ...]:
    """The account spellings paired only because ``--match-accounts`` set their differences aside."""
    strict, loose = person_key(match), person_key(match, True)
    b = {k: s for s in before if (k := loose(s)) is not None}
    found: set[tuple[str, str]] = set()
    for s in after:
        k = loose(s)
        if k is None or k not in b:
            continue
        p = b[k]
        if strict(p) != strict(s):
            found.add((p.fields.get("account") or "", s.fields.get("account") or ""))
    return tuple(sorted(found, key=lambda ab: (ab[0].casefold(), ab[1].casefold())))
