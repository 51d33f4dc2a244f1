"""The terminal conventions people expect (issue 10 §4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .test_docs import commands

Run = Callable[..., Any]


@pytest.mark.parametrize("command", [(), ("group",), ("questionnaire",), *commands()], ids=" ".join)
def test_dash_h_is_help_everywhere(run: Run, command: tuple[str, ...]) -> None:
    short, long = run(*command, "-h"), run(*command, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and short.stdout.startswith("Usage: kamtrust")
