"""The docs stay honest: every command has help and is in the README; catalogues match."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer

from kamtrust.cli import app
from kamtrust.i18n import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: Any = None, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    group = group or typer.main.get_command(app)
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        if hasattr(cmd, "commands"):
            yield from commands(cmd, path)
        else:
            yield path


def test_every_command_has_help_and_is_in_the_readme(run: Callable[..., Any]) -> None:
    found = list(commands())
    assert ("assess",) in found and ("questionnaire", "validate") in found
    for path in found:
        r = run(*path, "--help")
        assert r.exit_code == 0
        assert len(r.stdout.split("\n\n")[1].strip()) > 20, f"{path} has no help text"
        assert f"kamtrust {' '.join(path)}" in README, f"'kamtrust {' '.join(path)}' is not in README.md"


def test_readme_opens_with_the_install_and_test_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)\n```", README, re.S)
    assert blocks[0].endswith("pip install . && kamtrust assess")
    assert blocks[1].endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines(), ".ci/run must run the README's test command verbatim"


def test_message_catalogues_have_the_same_keys_and_placeholders() -> None:
    es, en = MESSAGES["es"], MESSAGES["en"]
    assert es.keys() == en.keys()
    for key in en:
        assert set(re.findall(r"{(\w+)}", es[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_version(run: Callable[..., Any]) -> None:
    from kamtrust import __version__

    r = run("--version")
    assert r.exit_code == 0 and r.stdout == f"kamtrust {__version__}\n"
