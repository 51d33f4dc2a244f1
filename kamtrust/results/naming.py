"""Result file names a trainer can read among many e-mail attachments: person, account, date.

``marta-ruiz_farmacias-levante_2026-11-25_1432.json``: ASCII only (accents dropped, anything
else a hyphen), each part cut to a length, so the name is safe on every file system and mail
client. Readers never parse these names: what a result is comes from its content.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

PART = 32
"""Longest person or account part of a name, in characters."""


def slug(text: str | None, limit: int = PART) -> str:
    """'Marta Ruíz-Ñúñez S.A.' -> 'marta-ruiz-nunez-s-a'; '' when nothing readable is left."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-")


def stem(name: str | None, account: str | None, fallback: str, when: datetime | None) -> str:
    """'marta-ruiz_farmacias-levante_2026-11-25_1432' (``when`` in the reader's local time).

    Without a name or an account, ``fallback`` (the questionnaire id) stands in their place;
    without a date, 'undated'.
    """
    parts = [p for p in (slug(name), slug(account)) if p] or [slug(fallback) or "result"]
    parts.append(when.strftime("%Y-%m-%d_%H%M") if when is not None else "undated")
    return "_".join(parts)


def local_time(iso_utc: str | None, zone: object = None) -> datetime | None:
    """An ISO 8601 UTC time as a local datetime (``zone``: a tzinfo, None for this computer's)."""
    if not iso_utc:
        return None
    try:
        moment = datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(zone)  # type: ignore[arg-type]
