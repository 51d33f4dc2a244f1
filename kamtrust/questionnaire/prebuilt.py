"""The built-in questionnaires, parsed ahead of time (``questionnaires/prebuilt/``).

Every command that loads a built-in questionnaire would pay for loading PyYAML and parsing the
file (about 20 ms: a tenth of a short command, a twentieth of a summary of 10,000 results),
although an installed file never changes. A prebuilt file holds what parsing that YAML gives
(the values with their lines, :mod:`kamtrust.located`) as JSON, named by the SHA-256 of the
YAML file's bytes (``<sha256>.prebuilt``): a file whose bytes differ in any way (edited, copied and changed, another
version) has none and is parsed as always. Validation runs on the values either way, so a
questionnaire loads the same, with the same line in any message. A prebuilt file starts with the
SHA-256 of the rest: one damaged in any way is passed over (the YAML is parsed), never read wrong.

After editing a built-in questionnaire, write them again (a test fails until then)::

    python -m kamtrust.questionnaire.prebuilt
"""

from __future__ import annotations

import hashlib
import math
import sys
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from kamtrust.located import LocDict, LocList

_SCALARS = (str, int, float, bool, type(None))
SUFFIX = ".prebuilt"
"""A prebuilt file: a line with the SHA-256 of the rest, then the values as JSON."""


@cache
def folder() -> Path:
    """Where the prebuilt files are: beside the built-in questionnaires."""
    from kamtrust.questionnaire.registry import builtin_dir

    return builtin_dir() / "prebuilt"


def located(raw: bytes) -> Any | None:
    """The values parsing ``raw`` gives, when ``raw`` is exactly a built-in questionnaire's
    bytes and its prebuilt file is whole; None otherwise (parse the YAML)."""
    try:
        data = (folder() / f"{hashlib.sha256(raw).hexdigest()}{SUFFIX}").read_bytes()
        digest, _, body = data.partition(b"\n")
        if digest != hashlib.sha256(body).hexdigest().encode("ascii"):
            return None
        return _decode(orjson.loads(body))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):  # missing or damaged: parse instead
        return None


def encode(value: Any) -> Any:
    """``value`` (what :func:`kamtrust.yamlfile.parse_located` gives) as plain JSON values: a
    mapping as ``{"line", "map": [[key, line, value], ...]}``, a sequence as ``{"line", "seq",
    "lines"}``, so that keys keep their type and every line is kept. ValueError for anything
    JSON cannot hold exactly (a date, an infinite number)."""
    if isinstance(value, LocDict):
        return {"line": value.line, "map": [[encode(k), value.key_lines[k], encode(v)] for k, v in value.items()]}
    if isinstance(value, LocList):
        return {"line": value.line, "seq": [encode(v) for v in value], "lines": list(value.item_lines)}
    if (
        type(value) not in _SCALARS
        or (type(value) is float and not math.isfinite(value))
        or (type(value) is int and not -(2**63) <= value < 2**64)  # orjson's integers
    ):
        raise ValueError(f"cannot be prebuilt: {value!r}")
    return value


def _decode(value: Any) -> Any:
    """The values :func:`encode` was given; ValueError, TypeError or KeyError when ``value``
    is not what it writes."""
    if type(value) is dict:
        line = value["line"]
        if line is not None and type(line) is not int:
            raise TypeError("line")
        if "map" in value:
            mapping = LocDict()
            mapping.line, mapping.key_lines = line, {}
            for key, key_line, item in value["map"]:
                if type(key_line) is not int or type(key) not in _SCALARS or key in mapping.key_lines:
                    raise TypeError("key")
                mapping[key] = _decode(item)
                mapping.key_lines[key] = key_line
            return mapping
        seq = LocList(_decode(item) for item in value["seq"])
        seq.line, seq.item_lines = line, value["lines"]
        if len(seq.item_lines) != len(seq) or not all(type(n) is int for n in seq.item_lines):
            raise TypeError("lines")
        return seq
    if type(value) not in _SCALARS:
        raise TypeError("value")
    return value


def dump(path: Path) -> tuple[str, bytes]:
    """The name and bytes of the prebuilt file of the questionnaire at ``path``: the SHA-256 of
    the JSON on the first line, then the JSON.

    Raises QuestionnaireError when the file has problems, ValueError when it holds a value JSON
    cannot keep exactly."""
    from kamtrust.questionnaire.loader import _finish
    from kamtrust.yamlfile import parse_located

    raw = path.read_bytes()
    value, problems = parse_located(raw, str(path))
    _finish(value, problems, str(path))  # a valid questionnaire (no problem at all), or QuestionnaireError
    blob = orjson.dumps(encode(value))
    if orjson.dumps(encode(_decode(orjson.loads(blob)))) != blob:
        raise ValueError(f"{path}: a value does not survive JSON")
    return f"{hashlib.sha256(raw).hexdigest()}{SUFFIX}", hashlib.sha256(blob).hexdigest().encode("ascii") + b"\n" + blob


def main() -> int:
    """Write the prebuilt file of every built-in questionnaire; remove anything else in their folder."""
    from kamtrust.questionnaire.registry import builtin_dir, installed_files

    out = folder()
    out.mkdir(exist_ok=True)
    wanted = dict(dump(path) for path in installed_files(builtin_dir()))
    for old in out.iterdir():
        if old.name not in wanted:
            old.unlink()
            print(f"removed {old}")
    for name, blob in wanted.items():
        target = out / name
        if not target.exists() or target.read_bytes() != blob:
            target.write_bytes(blob)
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
