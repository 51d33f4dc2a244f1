"""The suite's shortcuts (tests/conftest.py) change nothing a test can observe."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.testing

from . import conftest


def test_the_command_tree_built_once_helps_as_a_fresh_one(
    run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for lang in ("C.UTF-8", "es_ES.UTF-8", "C.UTF-8", "es_MX.UTF-8", "fr_FR.UTF-8"):
        monkeypatch.setenv("LANG", lang)
        kept = run("assess", "--help")
        with monkeypatch.context() as fresh_build:
            fresh_build.setattr(typer.testing, "_get_command", conftest._build_command)
            fresh = run("assess", "--help")
        assert (kept.exit_code, kept.stdout) == (fresh.exit_code, fresh.stdout), lang
        assert ("Tu nombre (opcional)." in kept.stdout) == lang.startswith("es"), lang


def test_fsync_still_refuses_a_bad_descriptor(tmp_path: Path) -> None:
    with pytest.raises(OSError) as info:
        os.fsync(987654)
    assert info.value.errno == errno.EBADF
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        os.fsync(fd)  # a folder, as atomic writes sync it
    finally:
        os.close(fd)
