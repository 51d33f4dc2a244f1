"""``json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2)``, byte for byte, about 3x faster.

With ``indent`` the standard library falls back to its pure-Python, generator-based encoder;
writing thousands of result files, that is most of an import's time. This builds the same text
with a few recursive functions and the C string encoder. A test checks it against ``json.dumps``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

_float_repr = float.__repr__
_int_repr = int.__repr__


def dumps_indented(obj: Any) -> str:
    """The JSON text of ``obj`` as ``json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=2)``."""
    return _encode(obj, "\n")


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _int_repr(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError("Out of range float values are not JSON compliant: " + repr(value))
        return _float_repr(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, bool) or key is None:
        return '"' + _scalar(key) + '"'
    if isinstance(key, int | float):
        return '"' + _scalar(key) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


_FINITE = math.isfinite


def _float(value: float) -> str:
    """A float's JSON text; ValueError for NaN and infinities, as json.dumps with allow_nan=False."""
    return _float_repr(value) if _FINITE(value) else _scalar(value)


_PLAIN: dict[type, Callable[[Any], str]] = {str: encode_basestring, int: _int_repr, float: _float}
"""The encoder of the commonest value types, looked up by exact type (subclasses take the slow path)."""


class _KeyCache(dict[Any, str]):
    """Encoded keys with their separator (``'"key": '``): result documents repeat the same few dozen."""

    def __missing__(self, key: Any) -> str:
        text = _key(key) + ": "
        # Only str keys are kept: True, 1 and 1.0 are one dict key but three JSON texts.
        if type(key) is str and len(self) < 10_000:
            self[key] = text
        return text


_KEYS = _KeyCache()


def _encode(obj: Any, newline: str) -> str:
    """The JSON text of any value, its nested lines indented from ``newline``."""
    if isinstance(obj, dict):
        return _object(obj, newline)
    if isinstance(obj, list | tuple):
        return _array(obj, newline)
    return _scalar(obj)


def _object(obj: dict[Any, Any], newline: str) -> str:
    if not obj:
        return "{}"
    inner = newline + "  "
    keys = _KEYS
    parts = []
    for key, value in obj.items():
        plain = _PLAIN.get(type(value))
        parts.append(keys[key] + (plain(value) if plain else _encode(value, inner)))
    return "{" + inner + ("," + inner).join(parts) + newline + "}"


def _array(obj: list[Any] | tuple[Any, ...], newline: str) -> str:
    if not obj:
        return "[]"
    inner = newline + "  "
    items = []
    for value in obj:
        plain = _PLAIN.get(type(value))
        items.append(plain(value) if plain else _encode(value, inner))
    return "[" + inner + ("," + inner).join(items) + newline + "]"
