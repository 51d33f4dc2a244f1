"""The validated questionnaire: frozen dataclasses, no I/O, shared by the loader and the engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Text = Mapping[str, str]
"""A text in every declared language: ``{"es": "...", "en": "..."}``."""

ZONE_IDS = ("balanced", "too_close", "too_far", "adrift")
ROLE_IDS = ("client", "manager", "peer")
"""Who may rate a professional besides themselves (issue 13): the client's people, their manager,
and colleagues who work with them on the account."""
POLE_IDS = ("proximity", "perspective")


def localize(text: Text | None, lang: str) -> str:
    """The text in ``lang``, else English, else the first language present; '' for None."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


@dataclass(frozen=True)
class Item:
    """One Likert statement."""

    id: str
    scale_id: str
    """The factor or distance pole it measures."""
    text: Text
    reverse: bool = False
    """True when agreeing means less trust; its value is ``min + max - answer``."""
    observer: Text | None = None
    """The statement in the third person, for raters ("Quien gestiona la cuenta…")."""
    observers: tuple[str, ...] = ()
    """The roles (ROLE_IDS) that can honestly rate it; empty: only the professional can."""


@dataclass(frozen=True)
class Advice:
    """A short diagnosis and the concrete levers that go with it."""

    diagnosis: Text
    levers: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Scale:
    """A scored group of items: one of the trust factors, or a distance pole."""

    id: str
    kind: Literal["factor", "pole"]
    name: Text
    description: Text
    items: tuple[Item, ...]
    advice: Mapping[str, Advice] = field(default_factory=dict)
    """Per band id (factors only)."""

    @property
    def needed(self) -> int:
        """Answered items required for a score: ceil(2/3 of the item count)."""
        return -(-2 * len(self.items) // 3)


@dataclass(frozen=True)
class Band:
    """A score range starting at ``min`` (inclusive) and ending where the next band starts."""

    id: str
    min: float
    label: Text


@dataclass(frozen=True)
class Zone:
    """A client-distance zone and its advice."""

    id: str
    label: Text
    advice: Advice | None = None


@dataclass(frozen=True)
class Distance:
    """The serpent-eagle axis: two poles and the zones they define."""

    threshold: float
    proximity: Scale
    perspective: Scale
    zones: Mapping[str, Zone]


@dataclass(frozen=True)
class LikertScale:
    """The answer scale shared by every item."""

    min: int
    max: int
    labels: Mapping[int, Text]


@dataclass(frozen=True)
class Questionnaire:
    """A validated questionnaire, ready to present and score."""

    id: str
    version: str
    languages: tuple[str, ...]
    title: Text
    scale: LikertScale
    bands: tuple[Band, ...]
    factors: tuple[Scale, ...]
    distance: Distance | None = None
    intro: Text | None = None
    account: Text | None = None
    """What ``{account}`` in the intro becomes when no account was named."""
    source: str | None = field(default=None, compare=False)
    """Where it was loaded from, for messages."""
    manager_alone: bool = False
    """Ratings by the manager may be shown as a role of their own (raters are told in the form)."""

    @cached_property
    def scales(self) -> tuple[Scale, ...]:
        """Factors then distance poles, in declaration order."""
        poles = (self.distance.proximity, self.distance.perspective) if self.distance else ()
        return self.factors + poles

    @cached_property
    def items(self) -> Mapping[str, Item]:
        """Every item by id, in declaration order."""
        return {item.id: item for scale in self.scales for item in scale.items}

    @cached_property
    def presentation_order(self) -> tuple[Item, ...]:
        """Items interleaved round-robin across scales, so that no factor's items run together."""
        order: list[Item] = []
        longest = max(len(s.items) for s in self.scales)
        for i in range(longest):
            order.extend(s.items[i] for s in self.scales if i < len(s.items))
        return tuple(order)

    def intro_for(self, lang: str, account: str | None = None) -> str:
        """The intro in ``lang`` with ``{account}`` filled: the account's name, quoted, or the fallback."""
        text = localize(self.intro, lang)
        if "{account}" not in text:
            return text
        name = (account or "").strip()
        if name:
            filled = f"«{name}»" if lang.split("-")[0] == "es" else f"“{name}”"
        else:
            filled = localize(self.account, lang)  # the loader requires it when the intro names {account}
        return text.replace("{account}", filled)

    def rated_by(self, role: str) -> tuple[Item, ...]:
        """The items ``role`` can rate, in presentation order."""
        return tuple(i for i in self.presentation_order if role in i.observers)

    def find_scale(self, scale_id: str) -> Scale:
        """A factor or pole by id."""
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def find_band(self, band_id: str) -> Band:
        """A band by id."""
        for b in self.bands:
            if b.id == band_id:
                return b
        raise KeyError(band_id)
