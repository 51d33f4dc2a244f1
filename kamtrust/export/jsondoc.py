"""The JSON documents (group summary, comparison) as text: strict JSON, UTF-8, indented."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def to_json(doc: Mapping[str, Any]) -> str:
    """``doc`` as indented JSON; NaN is refused (it would not be valid JSON)."""
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2) + "\n"
