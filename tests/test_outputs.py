"""Outputs never destroy anything: every -o refuses FIFOs, devices, folders, links and input files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kamtrust import atomic
from kamtrust.questionnaire.model import Questionnaire

from .conftest import BUILTIN, all_answers
from .groupdata import write_result

Run = Callable[..., Any]

FIFO = "it is a named pipe (FIFO), not a file; leave out -o to write to standard output"
DEVICE = (
    "it is a device, not a file (to discard the output, leave out -o and redirect standard output); "
    "kamtrust only writes regular files"
)
FOLDER = "it is a folder; give a file name"
LINK = (
    "it is a symbolic link; kamtrust never writes through a link, so that the file it points to cannot be "
    "replaced by mistake: give the real file's path, or another name"
)
INPUT = "it is an input file of this command{}; writing there would destroy it: choose another output file"
EXISTS = "the file exists; choose another name or add --force to overwrite it"

# Each command with -o: its arguments before -o, whether it takes --force, and the input file
# the "input" attacks aim at.
COMMANDS: dict[str, tuple[list[str], bool, str]] = {
    "assess": (["assess", "--answers", "answers.json", "-q", "q.yaml", "--lang", "en"], True, "answers.json"),
    "assess-questionnaire": (["assess", "--answers", "answers.json", "-q", "q.yaml", "--lang", "en"], True, "q.yaml"),
    "group summary": (["group", "summary", "after"], True, "after/r2.json"),
    "group compare": (["group", "compare", "before", "after"], True, "before/r2.json"),
    "group report": (["group", "report", "after"], True, "after/r2.json"),
    "report": (["report", "after/r2.json"], True, "after/r2.json"),
    "report --against": (["report", "after/r2.json", "--against", "summary.json"], True, "summary.json"),
    "questionnaire export": (["questionnaire", "export", "q.yaml"], True, "q.yaml"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, q: Questionnaire) -> Path:
    """Inputs for every command: results before and after, answers, a questionnaire, a summary."""
    from typer.testing import CliRunner

    from kamtrust.cli import app

    folder = tmp_path_factory.mktemp("template")
    for name, shift in (("before", 0), ("after", 1)):
        for v in (2, 3, 4, 5):
            write_result(folder / name, q, all_answers(q, min(5, v + shift)), pid=f"p{v}", filename=f"r{v}.json")
    (folder / "answers.json").write_text(json.dumps({"answers": all_answers(q, 4)}), encoding="utf-8")
    shutil.copy(BUILTIN, folder / "q.yaml")
    r = CliRunner().invoke(app, ["group", "summary", str(folder / "after"), "-o", str(folder / "summary.json")])
    assert r.exit_code == 0
    return folder


@pytest.fixture
def world(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the template, as the current folder."""
    world = tmp_path / "world"
    shutil.copytree(template, world)
    monkeypatch.chdir(world)
    return world


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every regular file under ``folder`` (links and special files by their kind)."""
    seen = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root, name)
            rel = str(path.relative_to(folder))
            if rel.startswith("data"):
                continue
            if path.is_symlink():
                seen[rel] = "link to " + os.readlink(path)
            elif path.is_file():
                seen[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                seen[rel] = "special"
    return seen


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail instead of hanging if a command ever opens a FIFO."""

    def stop(*_: object) -> None:
        raise TimeoutError("the command hung: it opened the FIFO")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def attempt(run: Run, command: str, out: str, force: bool) -> Any:
    args, takes_force, _ = COMMANDS[command]
    return run(*args, "-o", out, *(["--force"] if force and takes_force else []))


def refused(r: Any, out: str, reason: str) -> None:
    assert (r.exit_code, r.stderr.splitlines()[-1]) == (1, f"Error: cannot write {out}: {reason}")
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_without_being_opened(
    run: Run, world: Path, command: str, force: bool, no_hang: None
) -> None:
    os.mkfifo("pipe.out")
    before = fingerprint(world)
    r = attempt(run, command, "pipe.out", force)
    refused(r, "pipe.out", FIFO)
    assert r.stdout == ""
    assert fingerprint(world) == before


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused(run: Run, world: Path, command: str, force: bool, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    before = fingerprint(world)
    refused(attempt(run, command, device, force), device, DEVICE)
    assert fingerprint(world) == before


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_is_refused(run: Run, world: Path, command: str, force: bool) -> None:
    Path("folder").mkdir()
    before = fingerprint(world)
    refused(attempt(run, command, "folder", force), "folder", FOLDER)
    assert fingerprint(world) == before and list(Path("folder").iterdir()) == []


@pytest.mark.parametrize("target", ["elsewhere.txt", "missing.txt", "after/r3.json"])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_symbolic_link_is_refused_whatever_it_points_to(
    run: Run, world: Path, command: str, force: bool, target: str
) -> None:
    Path("elsewhere.txt").write_text("someone's notes\n", encoding="utf-8")
    os.symlink(world / target, "link.out")
    before = fingerprint(world)
    refused(attempt(run, command, "link.out", force), "link.out", LINK)
    assert fingerprint(world) == before
    assert Path("link.out").is_symlink() and not Path("missing.txt").exists()


@pytest.mark.parametrize("spelling", ["same", "other", "hard link"])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_an_input_file_is_refused_however_it_is_named(
    run: Run, world: Path, command: str, force: bool, spelling: str
) -> None:
    args, takes_force, given = COMMANDS[command]
    if spelling == "same":
        out, shown = given, ""
    elif spelling == "other":
        out, shown = f"../{world.name}/{given}", f" ({given})"
    else:
        out, shown = "hard.json", f" ({given})"
        os.link(given, out)
    before = fingerprint(world)
    r = attempt(run, command, out, force)
    group = command in ("group summary", "group compare")
    if group and not force:
        # These commands check that the file is new first; --force then meets the input rule.
        refused(r, out, EXISTS)
    else:
        refused(r, out, INPUT.format(shown))
    assert fingerprint(world) == before


def test_outputs_still_work(run: Run, world: Path) -> None:
    # The rule refuses what it must and nothing more: a new file, then --force over our own output.
    for command, (args, takes_force, _) in COMMANDS.items():
        out = f"new-{command.replace(' ', '-')}.out"
        assert run(*args, "-o", out).exit_code == 0, command
        r = run(*args, "-o", out, *(["--force"] if takes_force else []))
        assert r.exit_code == 0, (command, r.stderr)


# -- import writes into a folder ------------------------------------------------------------


@pytest.fixture
def csv_export(tmp_path: Path, q: Questionnaire, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    items = list(q.items)
    path = tmp_path / "form.csv"
    path.write_text(
        "Timestamp," + ",".join(items) + "\n2026-11-04 17:02:55," + ",".join("3" for _ in items) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: os.mkfifo(p), "it is a named pipe (FIFO)"),
        (lambda p: Path(p).write_text("x", encoding="utf-8"), "it is a file"),
        (None, "it is a device"),
    ],
    ids=["fifo", "file", "device"],
)
def test_import_refuses_an_output_folder_that_is_not_a_folder(
    run: Run, csv_export: Path, make: Callable[[str], None] | None, reason: str, no_hang: None
) -> None:
    out = "/dev/null" if make is None else "out"
    if make is not None:
        make(out)
    r = run("import", str(csv_export), "-o", out)
    refused(r, out, f"{reason}; -o takes a folder, where one file per result is written")


def test_import_writes_into_a_linked_folder(run: Run, csv_export: Path) -> None:
    Path("real").mkdir()
    os.symlink("real", "linked")
    r = run("import", str(csv_export), "-o", "linked")
    assert r.exit_code == 0, r.stderr
    assert len(list(Path("real").glob("*.json"))) == 1


# -- --per-questionnaire ----------------------------------------------------------------------


def install(data_dir: Path, qid: str, version: str) -> Questionnaire:
    """A copy of the built-in questionnaire under another id and version, in the user's folder."""
    from kamtrust.questionnaire.loader import load_questionnaire

    folder = data_dir / "questionnaires"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{qid}.yaml"
    text = BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", f"id: {qid}", 1)
    path.write_text(text.replace('version: "1.0"', f"version: {json.dumps(version)}", 1), encoding="utf-8")
    return load_questionnaire(path)


def results_of(folder: Path, q: Questionnaire, version: str | None = None) -> None:
    for v in (2, 3, 4):
        path = write_result(folder, q, all_answers(q, v), filename=f"{q.id}-{v}-{len(list(folder.glob('*')))}.json")
        if version is not None:
            doc = json.loads(path.read_text(encoding="utf-8"))
            doc["questionnaire"]["version"] = version
            path.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize(
    ("version", "part"),
    [("../../x", "x"), ("1.0/evil", "1.0_evil"), ("2\x1b]0;title\x07", "2_0_title"), ("/", "_"), ("..", "_")],
)
def test_per_questionnaire_file_names_stay_in_the_folder(
    run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path, version: str, part: str
) -> None:
    other = install(data_dir, "other-q", version)
    results_of(tmp_path / "res", q)
    results_of(tmp_path / "res", other)
    out = tmp_path / "deep" / "out" / "sum.json"
    r = run("group", "summary", str(tmp_path / "res"), "--per-questionnaire", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["sum-kamtrust-8-1.0.json", f"sum-other-q-{part}.json"]
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]
    assert not (tmp_path / "x").exists() and not (tmp_path / "deep" / "x").exists()


def test_per_questionnaire_never_overwrites_without_force(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    results_of(tmp_path / "res", q)
    results_of(tmp_path / "res", q, version="0.9")
    out = tmp_path / "sum.json"
    kept = tmp_path / "sum-kamtrust-8-1.0.json"
    kept.write_text("a summary a trainer made yesterday\n", encoding="utf-8")
    r = run("group", "summary", str(tmp_path / "res"), "--per-questionnaire", "-o", str(out))
    refused(r, str(kept), EXISTS)
    assert kept.read_text(encoding="utf-8") == "a summary a trainer made yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res", "sum-kamtrust-8-1.0.json"]
    r = run("group", "summary", str(tmp_path / "res"), "--per-questionnaire", "-o", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert json.loads(kept.read_text(encoding="utf-8"))["questionnaire"]["version"] == "1.0"
    # One summary per set of results: the 0.9 results are summarised in their own file.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res", "sum-kamtrust-8-0.9.json", "sum-kamtrust-8-1.0.json"]
    assert json.loads((tmp_path / "sum-kamtrust-8-0.9.json").read_text(encoding="utf-8"))["total"]["n"] == 3


def test_per_questionnaire_never_writes_two_summaries_to_one_file(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    # Two versions that make the same file name once made safe.
    results_of(tmp_path / "res", q, version="1/0")
    results_of(tmp_path / "res", q, version="1_0")
    out = tmp_path / "sum.json"
    r = run("group", "summary", str(tmp_path / "res"), "--per-questionnaire", "-o", str(out), "--force")
    target = tmp_path / "sum-kamtrust-8-1_0.json"
    refused(
        r,
        str(target),
        "the summaries of kamtrust-8 1/0 and kamtrust-8 1_0 would both go to this file; "
        "report them separately (select each set of files) instead of --per-questionnaire",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]


def test_per_questionnaire_refuses_an_input_as_one_of_its_files(
    run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path
) -> None:
    other = install(data_dir, "other-q", "1.0")
    results_of(tmp_path / "res", q)
    results_of(tmp_path / "res", other)
    # A result file that happens to carry the name a summary would get.
    victim = tmp_path / "res" / "sum-other-q-1.0.json"
    write_result(tmp_path / "res", q, all_answers(q, 5), filename=victim.name)
    before = hashlib.sha256(victim.read_bytes()).hexdigest()
    r = run(
        "group",
        "summary",
        str(tmp_path / "res"),
        "--per-questionnaire",
        "-o",
        str(tmp_path / "res" / "sum.json"),
        "--force",
    )
    refused(r, str(victim), INPUT.format(""))
    assert hashlib.sha256(victim.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "args",
    [
        ["questionnaire", "export", "kamtrust-8", "--force"],
        ["group", "summary", "after", "--force"],
        ["report", "after/r2.json"],
        ["assess", "--answers", "answers.json", "--lang", "en", "--force"],
    ],
    ids=["export", "summary", "report", "assess"],
)
def test_an_installed_questionnaire_is_an_input_too(run: Run, world: Path, data_dir: Path, args: list[str]) -> None:
    # Named by its id (or not at all), the questionnaire is still a file the command reads.
    mine = data_dir / "questionnaires" / "mine.yaml"
    mine.parent.mkdir(parents=True)
    shutil.copy(BUILTIN, mine)
    before = hashlib.sha256(mine.read_bytes()).hexdigest()
    refused(run(*args, "-o", str(mine)), str(mine), INPUT.format(""))
    assert hashlib.sha256(mine.read_bytes()).hexdigest() == before


# -- another process writing the same -o at the same moment ----------------------------------

# assess saves through its own session files; feedback form: tests/test_answers_files.py
RACED = {c: args for c, (args, _, _) in COMMANDS.items() if not c.startswith("assess")}


@pytest.mark.parametrize("command", RACED)
def test_a_file_written_meanwhile_is_replaced_only_with_force(
    run: Run, world: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file appears after the command's check, just before its own rename: the other process won.
    theirs = "another process's output\n"
    real_new, real_replace = atomic.rename_new, atomic.os.replace

    def first_new(tmp: Path, final: Path) -> None:
        final.write_text(theirs, encoding="utf-8")
        real_new(tmp, final)

    def first_replace(tmp: str, final: Path) -> None:
        Path(final).write_text(theirs, encoding="utf-8")
        real_replace(tmp, final)

    monkeypatch.setattr(atomic, "rename_new", first_new)
    monkeypatch.setattr(atomic.os, "replace", first_replace)
    r = run(*RACED[command], "-o", "raced.out")
    refused(r, "raced.out", EXISTS)
    assert Path("raced.out").read_text(encoding="utf-8") == theirs
    assert not [p for p in os.listdir(".") if atomic.is_temporary(p)]
    os.unlink("raced.out")
    r = run(*RACED[command], "-o", "raced.out", "--force")
    assert r.exit_code == 0, r.stderr
    assert Path("raced.out").read_text(encoding="utf-8") != theirs


def test_the_same_bytes_written_meanwhile_are_no_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    real = atomic.rename_new

    def twin_first(tmp: Path, final: Path) -> None:  # the same command, run twice at once
        final.write_bytes(tmp.read_bytes())
        real(tmp, final)

    atomic.rename_new = twin_first  # type: ignore[assignment]
    try:
        atomic.write_atomic(target, "# the same summary\n", overwrite=False)
    finally:
        atomic.rename_new = real  # type: ignore[assignment]
    assert target.read_text(encoding="utf-8") == "# the same summary\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_the_refusal_is_in_the_message_language(tmp_path: Path) -> None:
    from kamtrust.errors import OutputError

    target = tmp_path / "informe.md"
    target.write_text("suyo\n", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        atomic.write_atomic(target, "nuestro\n", overwrite=False, lang="es")
    assert info.value.problem.endswith("el archivo ya existe; elige otro nombre o añade --force para sobrescribirlo")
    assert target.read_text(encoding="utf-8") == "suyo\n"
    assert os.listdir(tmp_path) == ["informe.md"]


def test_without_hard_links_a_new_file_is_still_never_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamtrust.errors import OutputError

    def no_links(*_: object) -> None:  # FAT, some network shares
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "out.md"
    atomic.write_atomic(target, "first\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "first\n"
    with pytest.raises(OutputError):
        atomic.write_atomic(target, "second\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "first\n"
    assert os.listdir(tmp_path) == ["out.md"]
