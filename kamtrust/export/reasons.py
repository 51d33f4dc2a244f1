"""Why a figure is not shown, in plain words in the output's language (every format uses these).

"Hidden for anonymity" (fewer people than the minimum group, or hidden so that another hidden
figure cannot be worked out by subtraction) is never worded like "nobody answered".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kamtrust.engine.anonymity import (
    CHANGED,
    FEWER,
    GROUP,
    INCOMPLETE,
    NO_ANSWERS,
    NO_PAIRS,
    SKIPPED,
    UNPAIRED,
    WHOLE,
    ZONES,
    Hidden,
    Ref,
)
from kamtrust.i18n import t
from kamtrust.safetext import visible


def group_name(key: str | None, lang: str) -> str:
    """A subgroup as named in a reason: its ``by`` value (control characters shown as escapes, for
    every format), or '(not given)'."""
    return t(lang, "not_given") if key is None else visible(key)


def field_name(by: str | None, lang: str) -> str:
    """The participant field a group is split by, in ``lang`` (lower case)."""
    keys = {"account": "account", "cohort": "cohort", "name": "participant"}
    return t(lang, keys[by]).lower() if by in keys else (by or "")


def _names(refs: Iterable[Ref], lang: str, by: str | None) -> str:
    names = []
    for r in refs:
        if r.kind == GROUP:
            names.append(group_name(r.key, lang))
        elif r.kind == CHANGED:
            names.append(t(lang, "hidden_changed", field=field_name(by, lang)))
        elif r.kind == WHOLE:
            names.append(t(lang, "hidden_whole"))
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {t(lang, 'hidden_and')} {names[-1]}"


def reason(h: Hidden | None, lang: str, by: str | None = None) -> str:
    """The sentence saying why ``h`` is hidden ('' when it is not)."""
    if h is None:
        return ""
    if h.code == FEWER:
        return t(lang, "hidden_fewer", n=h.min_group)
    if h.code == UNPAIRED:
        return t(lang, "hidden_unpaired")
    if h.code == INCOMPLETE:
        return t(lang, "hidden_incomplete")
    if h.code == SKIPPED:
        return t(lang, "hidden_skipped")
    if h.code == ZONES:
        return t(lang, "hidden_zones")
    if not any(r.kind in (GROUP, CHANGED, WHOLE) for r in h.protects):
        # Protecting a small count in the same table (the total's own row): no subgroup to name.
        return t(lang, "hidden_near")
    return t(lang, "hidden_complementary", names=_names(h.protects, lang, by))


def cell(h: Hidden, lang: str) -> str:
    """What stands in a table cell instead of a hidden count: '< 3', or 'hidden'."""
    return t(lang, "hidden_count", n=h.min_group) if h.code == FEWER else t(lang, "hidden_cell")


def empty(code: str, lang: str) -> str:
    """'no answers' or 'nobody found in both sessions': nothing to show, nothing hidden."""
    return t(lang, "no_pairs" if code == NO_PAIRS else "no_answers")


def _from_dict(d: Mapping[str, Any], min_group: int) -> Hidden:
    refs = tuple(Ref(p.get("kind", GROUP), p.get("key")) for p in d.get("protects") or ())
    return Hidden(d["reason_code"], min_group, refs)


def explain(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    """``doc`` (a summary or comparison document) with every ``reason`` put into words in ``lang``.

    Every object carrying a ``reason_code`` gets its sentence; the codes stay for programs.
    """
    min_group = doc.get("min_group", 3)
    by = doc.get("by")

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            code = node.get("reason_code")
            if isinstance(code, str):
                if code in (NO_ANSWERS, NO_PAIRS):
                    node["reason"] = empty(code, lang)
                else:
                    node["reason"] = reason(_from_dict(node, min_group), lang, by)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    return doc
