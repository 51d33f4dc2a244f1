"""Answers are never lost: one session per assessment, partials that no longer fit, keys, full disks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kamtrust.atomic import write_atomic
from kamtrust.cli import app
from kamtrust.engine.scoring import score
from kamtrust.errors import OutputError
from kamtrust.interview.state import parse_answer
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import storage
from kamtrust.results.document import PARTIAL, Participant, Session, build_result
from kamtrust.results.lock import SessionLock, lock_path, sweep

from .conftest import BUILTIN, ROOT

Run = Callable[..., Any]
NAME = "20261120T100000Z-kamtrust-8-aaaaaa.partial.json"
NEW = "To start a new assessment: kamtrust assess --new"


def make_partial(
    data_dir: Path, q: Questionnaire, answers: dict[str, int] | None = None, *, name: str = NAME,
    language: str = "en", edit: Callable[[dict[str, Any]], None] | None = None,
) -> Path:  # fmt: skip
    """A partial result as ``kamtrust assess`` saves it, optionally edited as a JSON document."""
    order = [i.id for i in q.presentation_order]
    answers = {order[0]: 4, order[1]: 2} if answers is None else answers
    result = build_result(
        q, answers, score(q, answers), language=language, participant=Participant("p-1", "Ana"),
        created_at="2026-11-20T10:00:00Z", status=PARTIAL, session=Session(cursor=len(answers)),
    )  # fmt: skip
    doc = result.to_dict()
    if edit:
        edit(doc)
    path = data_dir / "results" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def partials(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "results").glob("*.partial.json"))


def leftovers(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "results").iterdir() if p.name.endswith((".lock", ".tmp")))


# -- one session per assessment -------------------------------------------------------------------


def busy(path: Path, pid: int) -> str:
    return (
        f"Error: The unfinished assessment {path} is open in another kamtrust session (process {pid}); "
        "two sessions on one assessment would overwrite each other's answers. Finish it there, or save "
        "and quit there and then run kamtrust assess --resume here. To start a separate assessment "
        "meanwhile: kamtrust assess --new\n"
    )


@pytest.mark.parametrize("args", [["--resume"], []], ids=["resume", "offer"])
def test_a_second_session_is_refused(run: Run, q: Questionnaire, data_dir: Path, args: list[str]) -> None:
    partial = make_partial(data_dir, q)
    before = partial.read_bytes()
    with SessionLock(partial):  # the first session, still answering
        r = run("assess", *args, input="y\n4\nq\n")
    assert r.exit_code == 4
    assert r.stderr == busy(partial, os.getpid())
    assert "Question" not in r.stdout and "Resume it?" not in r.stdout
    assert partial.read_bytes() == before and partials(data_dir) == [partial]


def test_the_refusal_speaks_the_assessment_language(run: Run, q: Questionnaire, data_dir: Path) -> None:
    partial = make_partial(data_dir, q, language="es")
    with SessionLock(partial):
        r = run("assess", "--resume")
    assert r.exit_code == 4
    assert r.stderr.startswith(
        f"Error: La autoevaluación sin terminar {partial} está abierta en otra sesión de kamtrust "
        f"(proceso {os.getpid()}); dos sesiones sobre la misma autoevaluación se sobrescribirían las respuestas."
    )
    assert "Para empezar otra autoevaluación mientras tanto: kamtrust assess --new" in r.stderr


def test_new_starts_another_assessment_beside_a_held_one(run: Run, q: Questionnaire, data_dir: Path) -> None:
    partial = make_partial(data_dir, q)
    before = partial.read_bytes()
    with SessionLock(partial):
        r = run("assess", "--new", "--lang", "en", input="5\nq\n")
    assert r.exit_code == 0 and "Question 1 of 50" in r.stdout and "Resume it?" not in r.stdout
    [other] = [p for p in partials(data_dir) if p != partial]
    assert list(json.loads(other.read_text(encoding="utf-8"))["answers"].values()) == [5]
    assert partial.read_bytes() == before
    assert leftovers(data_dir) == []


def test_a_killed_session_does_not_leave_the_assessment_stuck(run: Run, q: Questionnaire, data_dir: Path) -> None:
    partial = make_partial(data_dir, q)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from kamtrust.results.lock import SessionLock; "
         f"SessionLock(__import__('pathlib').Path({str(partial)!r})).acquire(); print('held', flush=True); "
         "time.sleep(60)"],
        stdout=subprocess.PIPE, cwd=ROOT, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        r = run("assess", "--resume")
        assert r.exit_code == 4 and r.stderr == busy(partial, holder.pid)
    finally:
        holder.kill()  # SIGKILL: no clean-up code runs in the holder
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]
    assert lock_path(partial).exists()  # left behind by the killed session, but no longer held
    r = run("assess", "--resume", input="q\n")
    assert r.exit_code == 0 and "Resuming the assessment started on 2026-11-20." in r.stdout
    assert "Question 3 of 50  ·  2 answered" in r.stdout
    assert leftovers(data_dir) == []


def test_two_new_sessions_never_share_a_partial(
    q: Questionnaire, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started in the same second with the same random suffix, the second takes another name."""
    results = data_dir / "results"
    names = iter(["same.partial.json", "same.partial.json", "other.partial.json"])
    monkeypatch.setattr(storage, "new_result_path", lambda qid, partial=False: results / next(names))
    first, lock1 = storage.new_partial(q.id)
    second, lock2 = storage.new_partial(q.id)
    assert (first.name, second.name) == ("same.partial.json", "other.partial.json")
    lock1.release()
    lock2.release()
    assert list(results.iterdir()) == []


def test_a_name_taken_by_a_saved_result_is_not_reused(
    q: Questionnaire, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = data_dir / "results"
    results.mkdir(parents=True)
    (results / "taken.json").write_text("{}", encoding="utf-8")  # the finished form of taken.partial.json
    names = iter(["taken.partial.json", "free.partial.json"])
    monkeypatch.setattr(storage, "new_result_path", lambda qid, partial=False: results / next(names))
    path, lock = storage.new_partial(q.id)
    assert path.name == "free.partial.json"
    lock.release()


def test_lock_files_do_not_pile_up(run: Run, q: Questionnaire, data_dir: Path) -> None:
    results = data_dir / "results"
    results.mkdir(parents=True)
    orphan = lock_path(results / "gone.partial.json")
    orphan.write_text("12345\n", encoding="ascii")  # its session was killed, its partial finished
    held = make_partial(data_dir, q, name="20261101T100000Z-kamtrust-8-bbbbbb.partial.json")
    with SessionLock(held):
        sweep(results)
        assert not orphan.exists() and lock_path(held).exists()  # a held lock is never swept
    # finishing, saving and quitting, Ctrl-C and end of input each leave no lock behind
    assert run("assess", "--new", "--lang", "en", input="4\nq\n").exit_code == 0
    assert run("assess", "--new", "--lang", "en", input="4\n").exit_code == 1
    assert run("assess", "--new", "--lang", "en", input="4\n" * 50).exit_code == 0
    assert leftovers(data_dir) == []


# -- a partial that no longer fits ----------------------------------------------------------------


def out_of_range(doc: dict[str, Any]) -> None:
    doc["answers"]["cred_1"] = 9


def unknown_items(doc: dict[str, Any]) -> None:
    doc["answers"].update({"zz_1": 3, "zz_2": 4})


def old_version(doc: dict[str, Any]) -> None:
    doc["questionnaire"]["version"] = "0.9"


def gone(doc: dict[str, Any]) -> None:
    doc["questionnaire"]["id"] = "gone-q"


def a_path(doc: dict[str, Any]) -> None:
    doc["questionnaire"]["id"] = "../secret.yaml"


UNFIT = {
    "out of range": (out_of_range, "it has answers outside the scale 1..5 (cred_1: 9)"),
    "unknown items": (unknown_items, "it has answers to questions that kamtrust-8 1.0 does not have (zz_1, zz_2)"),
    "version": (
        old_version,
        "it was started with kamtrust-8 0.9, and kamtrust-8 is now version 1.0; if you still have the file of "
        "version 0.9, resume with: kamtrust assess --resume -q FILE",
    ),
    "questionnaire gone": (
        gone,
        "its questionnaire 'gone-q' cannot be found (questionnaire 'gone-q' not found); "
        "if you have its file, resume with: kamtrust assess --resume -q FILE",
    ),
    "id is a path": (
        a_path,
        "its questionnaire '../secret.yaml' cannot be found ('../secret.yaml' is not a questionnaire id "
        "(a lower-case letter, then letters, digits, '-' or '_')); "
        "if you have its file, resume with: kamtrust assess --resume -q FILE",
    ),
}


@pytest.mark.parametrize("case", UNFIT)
def test_resume_names_a_partial_that_no_longer_fits(run: Run, q: Questionnaire, data_dir: Path, case: str) -> None:
    edit, problem = UNFIT[case]
    partial = make_partial(data_dir, q, edit=edit)
    before = partial.read_bytes()
    r = run("assess", "--resume")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: there is no unfinished assessment to resume in {data_dir / 'results'}; "
        "start one with: kamtrust assess\n"
        f"{partial} cannot be resumed: {problem}. The file is kept as it is, with its answers. {NEW}\n"
    )
    assert partial.read_bytes() == before and leftovers(data_dir) == []


def test_a_damaged_partial_is_named_not_skipped(run: Run, q: Questionnaire, data_dir: Path) -> None:
    partial = data_dir / "results" / NAME
    partial.parent.mkdir(parents=True)
    partial.write_text('{"schema": "kamtrust.result/1", "answers": {"cred_1": 4', encoding="utf-8")
    r = run("assess", "--resume")
    assert r.exit_code == 1
    assert (
        f"{partial} cannot be resumed: it cannot be read (is not a kamtrust result (invalid JSON on line 1, "
        in r.stderr
    )
    assert partial.read_text(encoding="utf-8").endswith('"cred_1": 4')


@pytest.mark.parametrize("case", ["out of range", "unknown items", "version"])  # of the questionnaire started
def test_a_new_assessment_starts_beside_a_partial_that_no_longer_fits(
    run: Run, q: Questionnaire, data_dir: Path, case: str
) -> None:
    edit, problem = UNFIT[case]
    partial = make_partial(data_dir, q, edit=edit)
    before = partial.read_bytes()
    r = run("assess", "--lang", "en", input="3\nq\n")
    assert r.exit_code == 0
    assert f"{partial} cannot be resumed: {problem}. The file is kept as it is" in r.stderr
    assert "Resume it?" not in r.stdout and "Question 1 of 50" in r.stdout
    assert partial.read_bytes() == before and len(partials(data_dir)) == 2


def test_an_older_partial_that_fits_is_resumed_after_a_newer_one_that_does_not(
    run: Run, q: Questionnaire, data_dir: Path
) -> None:
    older = make_partial(data_dir, q, name="20261101T100000Z-kamtrust-8-cccccc.partial.json")
    newer = make_partial(data_dir, q, edit=out_of_range, language="es")
    r = run("assess", "--resume", input="q\n")
    assert r.exit_code == 0
    assert r.stderr.startswith(
        f"No se puede continuar {newer}: tiene respuestas fuera de la escala del 1 al 5 (cred_1: 9). "
        "El archivo se conserva tal cual, con sus respuestas. Para empezar una autoevaluación nueva: "
        "kamtrust assess --new\n"
    )
    assert "Question 3 of 50  ·  2 answered" in r.stdout
    assert "Your answers so far are saved in " + str(older) in r.stderr


def test_the_advice_for_a_changed_version_works(run: Run, q: Questionnaire, data_dir: Path, tmp_path: Path) -> None:
    partial = make_partial(data_dir, q, edit=old_version)
    old = tmp_path / "kamtrust-8-0.9.yaml"
    old.write_text(BUILTIN.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "0.9"'), encoding="utf-8")
    r = run("assess", "--resume", "-q", str(old), input="q\n")
    assert r.exit_code == 0, r.output
    assert "Question 3 of 50  ·  2 answered" in r.stdout
    assert json.loads(partial.read_text(encoding="utf-8"))["questionnaire"] == {"id": "kamtrust-8", "version": "0.9"}


def test_end_of_input_at_the_resume_question(run: Run, q: Questionnaire, data_dir: Path) -> None:
    partial = make_partial(data_dir, q)
    before = partial.read_bytes()
    r = run("assess", input="")
    assert r.exit_code == 1
    assert "Resume it? [Y/n]" in r.stdout
    assert r.stderr == "Error: No more input. To answer without a keyboard, use: kamtrust assess --answers FILE\n"
    assert partial.read_bytes() == before and partials(data_dir) == [partial] and leftovers(data_dir) == []


# -- keys that are not answers --------------------------------------------------------------------


@pytest.mark.parametrize("key", ["²", "①", "٣", "３", "--3", "-1", "0", "6", "1" * 5000, "3.0", "+3", "³", "Ⅲ"])
def test_a_key_that_is_not_a_scale_digit_is_refused(run: Run, data_dir: Path, key: str) -> None:
    r = run("assess", "--lang", "en", input=f"{key}\nq\n")
    assert r.exit_code == 0
    assert r.stdout.count("Press a number from 1 to 5, or b back, s skip, q save and quit.") == 1
    assert partials(data_dir) == []  # nothing answered: nothing saved, and it says so
    assert r.stderr == "Nothing was answered in this session, so nothing new was saved.\n"


@pytest.mark.parametrize(
    ("key", "lo", "hi", "expected"),
    [("3", 1, 5, 3), ("5", 1, 5, 5), ("03", 1, 5, 3), ("-2", -3, 3, -2), ("0", 0, 10, 0), ("10", 0, 10, 10),
     ("11", 0, 10, None), ("-", -3, 3, None), ("", 1, 5, None), ("٣", 1, 5, None), ("1234567", 0, 10**7, None)],
)  # fmt: skip
def test_parse_answer(key: str, lo: int, hi: int, expected: int | None) -> None:
    assert parse_answer(key, lo, hi) == expected


# -- a full disk ----------------------------------------------------------------------------------


def full_disk_after(monkeypatch: pytest.MonkeyPatch, saves: int, only: Callable[[Path], bool] = lambda p: True) -> None:
    """Let ``saves`` saves through, then fail every save as a full disk does."""
    real = storage.write_atomic
    done = {"n": 0}

    def write(path: Path, data: str | bytes) -> None:
        if only(path):
            done["n"] += 1
            if done["n"] > saves:
                raise OutputError(path, os.strerror(28))  # ENOSPC
        real(path, data)

    monkeypatch.setattr(storage, "write_atomic", write)


def is_partial(path: Path) -> bool:
    return path.name.endswith(".partial.json")


def dumped(stderr: str) -> dict[str, Any]:
    doc = json.loads(stderr[stderr.index("\n{") :])
    assert isinstance(doc, dict)
    return doc


def test_a_full_disk_mid_questionnaire_shows_every_answer(
    run: Run, q: Questionnaire, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = [i.id for i in q.presentation_order]
    full_disk_after(monkeypatch, 1, only=is_partial)  # the first answer (an empty partial is never written)
    r = run("assess", "--lang", "en", input="4\n2\n5\n")
    assert r.exit_code == 5
    [partial] = partials(data_dir)
    assert (
        f"Your answers could not be saved in {partial}: No space left on device. Nothing you typed is lost: "
        "every answer so far is below. Copy them into a file and run kamtrust assess --answers FILE, or free "
        "some space and run kamtrust assess --resume (the file on disk holds the answers up to the last one saved)."
    ) in r.stderr
    assert dumped(r.stderr) == {
        "questionnaire": "kamtrust-8", "version": "1.0", "language": "en", "answers": {order[0]: 4, order[1]: 2},
    }  # fmt: skip
    assert json.loads(partial.read_text(encoding="utf-8"))["answers"] == {order[0]: 4}
    assert "Traceback" not in r.output and "Question 3 of 50" not in r.stdout
    assert leftovers(data_dir) == []
    monkeypatch.setattr(storage, "write_atomic", write_atomic)  # space freed
    r = run("assess", "--resume", input="q\n")
    assert r.exit_code == 0 and "Question 2 of 50  ·  1 answered" in r.stdout


def test_a_full_disk_at_the_end_keeps_the_partial(
    run: Run, q: Questionnaire, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk_after(monkeypatch, 0, only=lambda p: not is_partial(p) and p.name != "participant.json")
    r = run("assess", "--lang", "en", input="3\n" * 50)
    assert r.exit_code == 5
    [partial] = partials(data_dir)
    final = Path(r.stderr.split("Your answers could not be saved in ")[1].split(": No space left on device.")[0])
    assert final.parent == partial.parent and final.name.startswith("kamtrust-8_")
    assert len(dumped(r.stderr)["answers"]) == 50
    assert len(json.loads(partial.read_text(encoding="utf-8"))["answers"]) == 50 and not final.exists()
    monkeypatch.setattr(storage, "write_atomic", write_atomic)  # space freed
    r = run("assess", "--resume")  # nothing left to ask: it saves and shows the profile
    assert r.exit_code == 0 and not partial.exists()
    assert [p.name for p in final.parent.glob("*.json")] == [final.name]


# -- any keys at all ------------------------------------------------------------------------------

KEYS = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "5", "b", "a", "<", "s", ">", "B", " 3 "]),
    st.sampled_from(["²", "①", "٣", "３", "--3", "-1", "0", "6", "1" * 5000, "+3", "3.0", "", "\t", "\x1b[D"]),
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
        max_size=6,
    ),
)


@settings(max_examples=max(5, settings.default.max_examples // 4))
@given(st.lists(KEYS, max_size=12))
def test_any_keys_save_exactly_the_answers_given(q: Questionnaire, data_dir: Path, keys: list[str]) -> None:
    """Whatever is typed, line by line: exit 0 after 'q', and the saved answers are those a person gave."""
    order = [i.id for i in q.presentation_order]
    answers: dict[str, int] = {}
    cursor = 0
    for key in keys:  # the rules, written out independently of the interview's code
        k = key.strip()
        if k in {"1", "2", "3", "4", "5"}:
            answers[order[cursor]] = int(k)
            cursor += 1
        elif k.lower() in {"s", ">"}:
            cursor += 1
        elif k.lower() in {"b", "a", "<"} and cursor > 0:
            cursor -= 1
        elif k.lower() in {"q", "g", "x"}:
            break
    for old in (data_dir / "results").glob("*"):
        old.unlink()
    r = CliRunner().invoke(app, ["assess", "--new", "--lang", "en"], input="".join(f"{k}\n" for k in keys) + "q\n")
    assert r.exit_code == 0, r.output
    if not answers:  # a partial with no answers is never saved
        assert partials(data_dir) == []
        return
    [partial] = partials(data_dir)
    saved = json.loads(partial.read_text(encoding="utf-8"))
    assert saved["answers"] == answers and saved["session"]["cursor"] == cursor


def test_an_out_file_written_meanwhile_is_not_overwritten(
    run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sessions with the same -o: the second to finish keeps its answers and overwrites nothing."""
    out = tmp_path / "me.json"
    real = storage.save_partial

    def save(result: Any, path: Path) -> bool:
        saved = real(result, path)
        if len(result.answers) == 10:  # meanwhile, in another window, the other session finishes
            out.write_text("the other session's result", encoding="utf-8")
        return saved

    monkeypatch.setattr(storage, "save_partial", save)
    r = run("assess", "--lang", "en", "-o", str(out), input="3\n" * 50)
    assert r.exit_code == 1
    [partial] = partials(data_dir)
    assert r.stderr.endswith(
        f"Error: cannot write {out}: it was created while you answered (by another session?) and is not "
        f"overwritten. All your answers are kept in {partial}; save the result elsewhere with: kamtrust assess "
        "--resume -o FILE, or overwrite it with: kamtrust assess --resume --force\n"
    )
    assert out.read_text(encoding="utf-8") == "the other session's result"
    assert len(json.loads(partial.read_text(encoding="utf-8"))["answers"]) == 50
    other = tmp_path / "mine.json"
    r = run("assess", "--resume", "-o", str(other))
    assert r.exit_code == 0 and len(json.loads(other.read_text(encoding="utf-8"))["answers"]) == 50
    assert partials(data_dir) == [] and leftovers(data_dir) == []
