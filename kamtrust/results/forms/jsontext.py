"""``json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2)``, byte for byte, about 3x faster.

With ``indent`` the standard library falls back to its pure-Python, generator-based encoder;
writing thousands of result files, that is most of an import's time. This builds the same text
with one recursive function and the C string encoder. A test checks it against ``json.dumps``.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring
from typing import Any

_float_repr = float.__repr__
_int_repr = int.__repr__


def dumps_indented(obj: Any) -> str:
    """The JSON text of ``obj`` as ``json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=2)``."""
    out: list[str] = []
    _encode(obj, out, "\n")
    return "".join(out)


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


_CONTAINERS = (dict, list, tuple)
_FINITE = math.isfinite
_KEYS: dict[str, str] = {}
"""Encoded keys with their separator: result documents repeat the same few dozen."""


def _encode(obj: Any, out: list[str], newline: str) -> None:  # noqa: C901, PLR0912
    inner = newline + "  "
    sep = "," + inner
    if isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        parts = []
        for key, value in obj.items():
            k = _KEYS.get(key) if type(key) is str else None
            if k is None:
                k = _key(key) + ": "
                if type(key) is str and len(_KEYS) < 10_000:
                    _KEYS[key] = k
            kind = type(value)
            if kind is str:
                parts.append(k + encode_basestring(value))
            elif kind is int:
                parts.append(k + _int_repr(value))
            elif kind is float and _FINITE(value):
                parts.append(k + _float_repr(value))
            elif isinstance(value, _CONTAINERS):
                sub: list[str] = []
                _encode(value, sub, inner)
                parts.append(k + "".join(sub))
            else:
                parts.append(k + _scalar(value))
        out.append("{" + inner + sep.join(parts) + newline + "}")
    elif isinstance(obj, list | tuple):
        if not obj:
            out.append("[]")
            return
        items = []
        for value in obj:
            if type(value) is str:
                items.append(encode_basestring(value))
            elif isinstance(value, _CONTAINERS):
                sub = []
                _encode(value, sub, inner)
                items.append("".join(sub))
            else:
                items.append(_scalar(value))
        out.append("[" + inner + sep.join(items) + newline + "]")
    else:
        out.append(_scalar(obj))
