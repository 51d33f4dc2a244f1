"""A command loads only what it uses: the questionnaire versions its results need, and only its
own command's parameters (kamtrust/questionnaire/registry.py, kamtrust/cli/application.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kamtrust.cli import application
from kamtrust.questionnaire import registry

from .test_people import result_file


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questionnaire files read, by name (no version pinned: the newest is the default)."""
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE", raising=False)
    seen: list[str] = []
    real = registry.load_questionnaire

    def recording(path: Path, *args: object) -> object:
        seen.append(Path(path).name)
        return real(path, *args)

    monkeypatch.setattr(registry, "load_questionnaire", recording)
    return seen


@pytest.mark.parametrize(("version", "file"), [("1.0", "kamtrust-8.yaml"), ("2.0", "kamtrust-8-2.0.yaml")])
def test_a_result_version_reads_only_its_file(loads: list[str], version: str, file: str) -> None:
    q = registry.resolve_id("kamtrust-8", prefer_version=version)
    assert (q.id, q.version) == ("kamtrust-8", version)
    assert loads == [file]


def test_a_version_not_installed_reads_every_file_and_takes_the_newest(loads: list[str]) -> None:
    assert registry.resolve_id("kamtrust-8", prefer_version="9.9").version == "2.0"
    assert sorted(set(loads)) == ["kamtrust-8-2.0.yaml", "kamtrust-8.yaml"]


def _user_copy(name: str, version_line: str) -> Path:
    text = (registry.builtin_dir() / "kamtrust-8.yaml").read_text(encoding="utf-8")
    assert 'version: "1.0"\n' in text
    folder = registry.user_questionnaires_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text.replace('version: "1.0"\n', version_line), encoding="utf-8")
    return path


def test_a_version_added_a_moment_ago_is_found(loads: list[str]) -> None:
    assert registry.resolve_id("kamtrust-8", prefer_version="3.0").version == "2.0"
    _user_copy("kamtrust-8-3.0.yaml", "version: '3.0'  # added by the trainer\n")
    loads.clear()
    q = registry.resolve_id("kamtrust-8", prefer_version="3.0")
    assert q.version == "3.0" and loads == ["kamtrust-8-3.0.yaml"]


@pytest.mark.parametrize(
    "version_line",
    ["version: 3.0b\n", 'version: "3.0"\nversion: "1.0"\n', "version: >-\n  3.0\n", '"version": "3.0"\n'],
)
def test_a_file_whose_version_is_not_plain_to_see_is_read(loads: list[str], version_line: str) -> None:
    _user_copy("kamtrust-8-x.yaml", version_line)
    try:
        registry.resolve_id("kamtrust-8", prefer_version="3.0")
    except Exception:  # noqa: BLE001 - some of these files do not load; what matters is that it was read
        pass
    assert "kamtrust-8-x.yaml" in loads


@pytest.mark.parametrize(
    ("argv", "commands", "groups"),
    [
        (["group", "summary", "x.json"], [], ["group"]),
        (["show", "--lang", "es", "r.json"], ["show"], []),
        (["report", "r.json"], ["report"], []),
    ],
)
def test_only_the_command_run_is_built(argv: list[str], commands: list[str], groups: list[str]) -> None:
    only = application.invoked_only(argv)
    assert [c.name for c in only.registered_commands] == commands
    assert [g.name for g in only.registered_groups] == groups
    assert len(application.app.registered_commands) > 3  # the application itself is untouched


@pytest.mark.parametrize(
    ("argv", "built"),
    [
        (["group", "summary", "x.json"], ["summary"]),
        (["group", "--help"], ["summary", "compare", "roster", "report"]),  # the group's help lists them all
        (["group", "summar"], ["summary", "compare", "roster", "report"]),  # and a typo gets suggestions
        (["group"], ["summary", "compare", "roster", "report"]),
    ],
)
def test_in_a_group_only_the_command_run_is_built(argv: list[str], built: list[str]) -> None:
    (group,) = application.invoked_only(argv).registered_groups
    assert group.typer_instance is not None
    assert sorted(c.name or "" for c in group.typer_instance.registered_commands) == sorted(built)
    (whole,) = [g for g in application.app.registered_groups if g.name == "group"]
    assert whole.typer_instance is not None and len(whole.typer_instance.registered_commands) == 4


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h"], ["grop"], ["--", "group"], ["--version"]])
def test_help_errors_and_suggestions_get_the_whole_application(argv: list[str]) -> None:
    assert application.invoked_only(argv) is application.app


def test_a_mistyped_command_is_still_suggested(capsys: pytest.CaptureFixture[str]) -> None:
    assert application.run(["grop"]) == 2
    assert "No such command 'grop'. Did you mean 'group'?" in capsys.readouterr().err


def test_group_summary_through_run_is_the_full_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q = registry.resolve("kamtrust-8@1.0")
    for n in range(3):
        result_file(tmp_path / f"r{n}.json", q, {i: 1 + (n + k) % 5 for k, i in enumerate(q.items)}, pid=f"p{n}")
    assert application.run(["group", "summary", str(tmp_path), "-f", "json", "--min-group", "3"]) == 0
    out = capsys.readouterr().out
    assert '"n": 3' in out and os.path.basename(str(tmp_path)) not in out
