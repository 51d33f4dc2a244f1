"""Read input files, with one set of messages for what can go wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kamtrust.errors import InputFileError


def read_bytes(path: Path, name: str | None = None, *, what: str = "file") -> bytes:
    """The file's bytes; InputFileError names it when it is missing, a folder or unreadable."""
    name = name or str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(name, "file not found") from None
    except IsADirectoryError:
        raise InputFileError(name, f"is a folder, not a {what}") from None
    except OSError as exc:
        raise InputFileError(name, f"cannot be read ({exc.strerror or exc})") from None


def parse_json(raw: bytes, name: str, *, kind: str) -> Any:
    """The JSON document in ``raw`` (UTF-8, BOM allowed); errors say it is not a ``kind``."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputFileError(name, f"is not a {kind} (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise InputFileError(
            name, f"is not a {kind} (invalid JSON on line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InputFileError(name, f"is not a {kind} (JSON nested too deeply)") from None
    except ValueError:  # an integer of more than 4,300 digits, which Python refuses to read
        raise InputFileError(name, f"is not a {kind} (it holds a number too long to read)") from None
