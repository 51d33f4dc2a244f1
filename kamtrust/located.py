"""Values read from a YAML file that remember where they were: the line of each mapping and
sequence, of each key and of each element (1-based), for messages that point at the line."""

from __future__ import annotations

from typing import Any


class LocDict(dict[Any, Any]):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict[Any, int]


class LocList(list[Any]):
    """A sequence that remembers its own line and the line of each element (1-based)."""

    line: int | None = None
    item_lines: list[int]
