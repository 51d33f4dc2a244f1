"""A group is people, not files: every way of naming one result twice counts once, folder
walking is bounded, incomplete and hostile results never count (issue 8, parts 1 and 6)."""

from __future__ import annotations

import json
import os
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.scoring import score
from kamtrust.inputfile import MAX_RESULT_BYTES
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import COMPLETE, Participant, build_result

from .groupdata import keyed

Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """Fail, instead of hanging, when a command blocks (on a FIFO, a device, a link loop)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("the command did not return within 20 s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def result_file(
    path: Path,
    q: Questionnaire,
    answers: dict[str, int],
    *,
    pid: str = "person-1",
    account: str | None = "Acme",
    cohort: str | None = None,
    when: str = "2026-11-23T10:00:00Z",
    status: str = COMPLETE,
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    result = build_result(
        q,
        answers,
        score(q, answers),
        language="en",
        participant=Participant(pid, None, account, cohort),
        created_at=when,
        status=status,
    )
    path.write_text(result.to_json(), encoding="utf-8")
    return path


def summary(run: Run, *args: str) -> tuple[Any, dict[str, Any]]:
    r = run("group", "summary", *args, "-f", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    return r, json.loads(r.stdout)


# ---------------------------------------------------------------- one person, named many ways


def test_only_identical_bytes_are_a_copy(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    # Results are hashed only when another holds the same person and date: a copy is still told
    # by its bytes; the same result laid out otherwise, or other answers at that time, is not one.
    d = tmp_path / "d"
    a = result_file(d / "a.json", q, keyed(q, {"credibility": 4}))
    (d / "b-copy.json").write_bytes(a.read_bytes())
    (d / "c-compact.json").write_text(json.dumps(json.loads(a.read_text(encoding="utf-8"))), encoding="utf-8")
    result_file(d / "d-other.json", q, keyed(q, {"credibility": 2}))  # same person and time, other answers
    (d / "e-damaged.json").write_text('{"schema": "kamtrust.result/1"', encoding="utf-8")
    (d / "f-damaged-copy.json").write_text('{"schema": "kamtrust.result/1"', encoding="utf-8")
    for name in ("g", "h", "i"):
        result_file(d / f"{name}.json", q, keyed(q, {}), pid=name)

    r, doc = summary(run, str(d))
    assert doc["total"]["n"] == 4
    excluded = {k: v for k, v in doc["excluded"].items() if v}
    assert excluded == {"rejected": 1, "same_content": 2, "earlier": 2}, excluded
    assert f"left out {d}/b-copy.json: the same content as {a}\n" in r.stderr
    assert f"left out {d}/f-damaged-copy.json: the same content as {d}/e-damaged.json\n" in r.stderr
    for other in ("c-compact", "d-other"):
        assert f"left out {d}/{other}.json: an earlier result of the same person" in r.stderr


def test_one_person_reached_every_way_counts_once(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    d = tmp_path / "d"
    a = result_file(d / "a.json", q, keyed(q, {"credibility": 4}))
    os.symlink("a.json", d / "link.json")
    os.link(a, d / "hard.json")
    (d / "copy.json").write_bytes(a.read_bytes())
    result_file(d / "earlier.json", q, keyed(q, {"credibility": 2}), when="2026-11-20T09:00:00+01:00")
    names = [str(d), f"{d}/**", str(a), str(a), f"{d}/*.json", f"{tmp_path}/**/a.json"]

    r, doc = summary(run, *names)
    assert doc["total"]["suppressed"] is True and doc["total"]["n"] is None
    assert doc["total"]["reason"] == "hidden: fewer than 3 people"
    assert doc["excluded"] == {
        "partial": 0,
        "rejected": 0,
        "same_file": 2,
        "same_content": 1,
        "incomplete": 0,
        "earlier": 1,
        "other_account": 0,
        "not_fit": 0,
        "misdated": 0,
    }
    err = r.stderr
    assert f"left out {a}:" not in err  # the same name given twice is not worth a line
    assert f"left out {d}/hard.json: the same file reached twice: {a} and {d}/hard.json\n" in err
    assert f"left out {d}/link.json: the same file reached twice: {a} and {d}/link.json\n" in err
    assert f"left out {d}/copy.json: the same content as {a}\n" in err
    assert (
        f"left out {d}/earlier.json: an earlier result of the same person for the same account "
        f"(the latest complete one counts: {a})\n"
    ) in err
    assert "kamtrust-8 1.0: 1 result summarised (4 files left out)" in err

    _, doc = summary(run, *names, "--min-group", "1")
    assert doc["total"]["n"] == 1
    assert doc["total"]["factors"]["credibility"]["mean"] == 75.0  # the latest result, not the earlier one


def test_the_latest_result_wins_whatever_the_file_order(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    # "a" sorts first but is older (its offset puts it at 08:00 UTC); equal times keep the first by path.
    result_file(tmp_path / "a.json", q, keyed(q, {"credibility": 2}), when="2026-11-23T10:00:00+02:00")
    result_file(tmp_path / "b.json", q, keyed(q, {"credibility": 5}), when="2026-11-23T09:00:00Z")
    result_file(tmp_path / "c.json", q, keyed(q, {"credibility": 3}), when="2026-11-23T09:00:00+00:00")
    r, doc = summary(run, str(tmp_path), "--min-group", "1")
    assert doc["total"]["n"] == 1 and doc["total"]["factors"]["credibility"]["mean"] == 100.0
    assert "a.json: an earlier result of the same person for the same account" in r.stderr
    assert (
        f"c.json: an earlier result of the same person for the same account (the latest complete one counts: {tmp_path}/b.json)"
        in r.stderr
    )


def test_a_person_with_several_accounts_counts_once_in_a_total(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    result_file(tmp_path / "x-acme.json", q, keyed(q, {"credibility": 2}), pid="x", account="Acme")
    result_file(
        tmp_path / "x-beta.json", q, keyed(q, {"credibility": 4}), pid="x", account="Beta", when="2026-11-24T10:00:00Z"
    )
    for n in range(2):
        result_file(tmp_path / f"o{n}-acme.json", q, keyed(q, {}), pid=f"o{n}", account="Acme")
        result_file(tmp_path / f"o{n}-beta.json", q, keyed(q, {}), pid=f"o{n}", account="Beta")
    r, doc = summary(run, str(tmp_path))
    assert doc["total"]["n"] == 3  # three people, not five results... nor six
    assert doc["excluded"]["other_account"] == 3  # x's Acme, and each o's earlier-by-path account
    assert (
        f"left out {tmp_path}/x-acme.json: another account of the same person: each person counts once in a "
        f"summary, with their latest result ({tmp_path}/x-beta.json); to summarise this account, select its "
        "result files alone"
    ) in r.stderr
    # --by account too: each person once in the whole summary, so subgroups never share a person
    # (a total minus the shown subgroups is exactly the hidden ones).
    r, doc = summary(run, str(tmp_path), "--by", "account", "--min-group", "1")
    assert doc["total"]["n"] == 3
    assert sum(g["n"] for g in doc["groups"]) == 3
    assert doc["excluded"]["other_account"] == 3 and "x-acme.json: another account" in r.stderr
    # the account alone, selected by its files: everybody who assessed it
    r, doc = summary(run, *(str(tmp_path / f"{w}-acme.json") for w in ("x", "o0", "o1")))
    assert doc["total"]["n"] == 3 and doc["excluded"]["other_account"] == 0
    r = run("group", "summary", str(tmp_path), "--strict")
    assert r.exit_code == 1 and "Error: --strict: left out" in r.stderr and "x-acme.json" in r.stderr


def test_strict_accepts_the_same_file_twice_but_not_a_copy(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    for n in range(3):
        result_file(tmp_path / f"p{n}.json", q, keyed(q, {}), pid=f"p{n}")
    assert run("group", "summary", str(tmp_path), str(tmp_path / "p0.json"), "--strict").exit_code == 0
    (tmp_path / "p3.json").write_bytes((tmp_path / "p0.json").read_bytes())
    r = run("group", "summary", str(tmp_path), "--strict")
    assert r.exit_code == 1
    assert f"Error: --strict: left out {tmp_path}/p3.json: the same content as {tmp_path}/p0.json" in r.stderr


def test_compare_counts_each_person_once_per_side(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    for side, level in (("s1", 2), ("s2", 4)):
        for n in range(3):
            result_file(tmp_path / side / f"p{n}.json", q, keyed(q, {"credibility": level}), pid=f"p{n}")
        # p0 again, earlier, and a copy of p1: neither counts
        result_file(tmp_path / side / "p0-old.json", q, keyed(q, {}), pid="p0", when="2026-01-01T00:00:00Z")
        (tmp_path / side / "z-copy.json").write_bytes((tmp_path / side / "p1.json").read_bytes())
    r = run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "-f", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["total"]["n_before"], doc["total"]["n_after"], doc["total"]["n_paired"]) == (3, 3, 3)
    assert doc["excluded"]["before"]["earlier"] == 1 and doc["excluded"]["after"]["same_content"] == 1
    assert "3 before, 3 after, 3 paired" in r.stderr
    assert f"before: left out {tmp_path}/s1/z-copy.json: the same content as {tmp_path}/s1/p1.json" in r.stderr
    r = run("group", "compare", str(tmp_path / "s1"), str(tmp_path / "s2"), "--lang", "es")
    assert f"después: se deja fuera {tmp_path}/s2/z-copy.json: el mismo contenido que {tmp_path}/s2/p1.json" in r.stderr


# ---------------------------------------------------------------- incomplete results


def test_results_with_nothing_to_score_never_count(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    for n in range(2):
        result_file(tmp_path / f"p{n}.json", q, keyed(q, {}), pid=f"p{n}")
    result_file(tmp_path / "empty.json", q, {}, pid="e")
    result_file(tmp_path / "two.json", q, {"cred_1": 4, "rel_1": 2}, pid="t")
    r = run("group", "summary", str(tmp_path), "-f", "json", "--lang", "en")
    doc = json.loads(r.stdout)
    assert doc["total"]["suppressed"] and doc["excluded"]["incomplete"] == 2  # 2 people, not 4: below 3
    assert f"left out {tmp_path}/empty.json: has no answers\n" in r.stderr
    assert (
        f"left out {tmp_path}/two.json: answers too few questions to score any factor or pole (2 answered)\n"
        in r.stderr
    )
    # an empty result does not stand in for a person's earlier complete one
    result_file(tmp_path / "p0-later.json", q, {}, pid="p0", when="2026-12-01T00:00:00Z")
    _, doc = summary(run, str(tmp_path), "--min-group", "1")
    assert doc["total"]["n"] == 2 and doc["excluded"]["earlier"] == 0


# ---------------------------------------------------------------- bounded reading


def test_folder_walking_is_bounded(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    d = tmp_path / "d"
    for n in range(3):
        result_file(d / f"p{n}.json", q, keyed(q, {}), pid=f"p{n}")
    os.symlink(".", d / "loop")  # a folder loop
    (d / "sub").mkdir()
    os.symlink("..", d / "sub" / "up")  # a loop one level down
    os.symlink("b.json", d / "a-loop.json")
    os.symlink("a-loop.json", d / "b.json")
    os.mkfifo(d / "fifo.json")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(d / "socket.json"))
    (d / "big.json").write_bytes(b" " * (MAX_RESULT_BYTES + 1))
    (d / ".p0.json.abc123.tmp").write_text("{", encoding="utf-8")  # the atomic writer's temporary file
    (d / ".hidden.json").write_text("{", encoding="utf-8")
    try:
        r, doc = summary(run, str(d), f"{d}/**/*.json")
    finally:
        sock.close()
    assert doc["total"]["n"] == 3 and doc["excluded"]["rejected"] == 7
    err = r.stderr
    assert f"left out {d}/a-loop.json: is a symbolic link loop\n" in err
    assert f"left out {d}/b.json: is a symbolic link loop\n" in err
    assert f"left out {d}/fifo.json: is a named pipe (FIFO), not a file; it was not opened\n" in err
    assert f"left out {d}/socket.json: is a socket, not a file; it was not opened\n" in err
    assert f"left out {d}/big.json: is larger than 1 MiB, too large for a result file; it was not read\n" in err
    again = "leads to a folder already read (a symbolic link loop, or a second way to the same folder); not followed"
    assert f"left out {d}/loop: {again}\n" in err and f"left out {d}/sub/up: {again}\n" in err
    assert ".tmp" not in err and ".hidden" not in err
    # a subfolder named before its folder is read once, without a word
    r, doc = summary(run, str(d / "sub"), str(d))
    assert doc["total"]["n"] == 3 and f"left out {d}/sub:" not in r.stderr
    # named directly (a shell's "d/.*"), the atomic writer's temporary file is still not read
    r, doc = summary(run, str(d / "p0.json"), str(d / ".p0.json.abc123.tmp"), "--min-group", "1")
    assert doc["total"]["n"] == 1
    assert (
        f"left out {d}/.p0.json.abc123.tmp: is a temporary file left by an interrupted save, not a result; not read\n"
        in r.stderr
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fifo", "is a named pipe (FIFO), not a file; it was not opened"),
        ("/dev/null", "is a device, not a file; it was not opened"),
        ("/dev/zero", "is a device, not a file; it was not opened"),
        ("loop.json", "is a symbolic link loop"),
        ("big.json", "is larger than 1 MiB, too large for a result file; it was not read"),
    ],
)
def test_files_named_directly_are_bounded_too(
    run: Run, tmp_path: Path, q: Questionnaire, name: str, expected: str
) -> None:
    for n in range(3):
        result_file(tmp_path / "ok" / f"p{n}.json", q, keyed(q, {}), pid=f"p{n}")
    os.mkfifo(tmp_path / "fifo")
    os.symlink("loop.json", tmp_path / "loop.json")
    (tmp_path / "big.json").write_bytes(b"{" + b" " * MAX_RESULT_BYTES + b"}")
    target = name if name.startswith("/") else str(tmp_path / name)
    r, doc = summary(run, str(tmp_path / "ok"), target)
    assert doc["total"]["n"] == 3 and doc["excluded"]["rejected"] == 1
    assert f"left out {target}: {expected}\n" in r.stderr
    r = run("show", target)
    assert (r.exit_code, r.stderr) == (1, f"Error: {target}: {expected}\n")


# ---------------------------------------------------------------- hostile stored values


def hostile(q: Questionnaire) -> dict[str, tuple[str, str]]:
    """File name -> (content, the reason it is left out)."""
    good = build_result(
        q,
        keyed(q, {}),
        score(q, keyed(q, {})),
        language="en",
        participant=Participant("h", None, None, None),
        created_at="2026-11-23T10:00:00Z",
    ).to_json()
    answers = '"cred_1": 3'
    assert answers in good
    damaged = "is a damaged kamtrust result: "
    return {
        "nan.json": (
            good.replace(answers, '"cred_1": NaN'),
            "is not a kamtrust result (NaN is not a number that JSON allows)",
        ),
        "inf.json": (
            good.replace('"overall": ', '"overall": -Infinity, "x": '),
            "is not a kamtrust result (-Infinity is not a number that JSON allows)",
        ),
        "huge.json": (
            good.replace(answers, '"cred_1": 1' + "0" * 5000),
            "is not a kamtrust result (a number has more than 4300 digits)",
        ),
        "big.json": (
            good.replace(answers, '"cred_1": 1' + "0" * 100),
            "has answers that do not fit kamtrust-8 1.0: cred_1: 100000… (a number with 101 digits) is outside the scale 1..5",
        ),
        "float.json": (
            good.replace(answers, '"cred_1": 3.0'),
            damaged + "'answers' must map item ids to whole numbers; 'cred_1' is 3.0",
        ),
        "bool.json": (
            good.replace(answers, '"cred_1": true'),
            damaged + "'answers' must map item ids to whole numbers; 'cred_1' is True",
        ),
        "deep.json": ("[" * 100_000 + "]" * 100_000, "is not a kamtrust result (JSON nested too deeply)"),
        "list.json": ("[1, 2, 3]", "is not a kamtrust result (expected a JSON object)"),
        "status.json": (
            good.replace('"status": "complete"', '"status": ' + "[" * 900 + "]" * 900),
            damaged + "'status' must be 'complete' or 'partial'; found a list",
        ),
        "string.json": ('"kamtrust"', "is not a kamtrust result (expected a JSON object)"),
        "date.json": (
            good.replace("2026-11-23T10:00:00Z", "yesterday"),
            damaged + "'created_at' must be an ISO 8601 date and time",
        ),
        "date-range.json": (
            good.replace("2026-11-23T10:00:00Z", "0001-01-01T00:00:00+01:00"),
            damaged + "'created_at' must be an ISO 8601 date and time",
        ),
    }


def test_hostile_stored_values_are_left_out_with_their_reason(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    for n in range(3):
        result_file(tmp_path / f"p{n}.json", q, keyed(q, {}), pid=f"p{n}")
    cases = hostile(q)
    for name, (content, _) in cases.items():
        (tmp_path / "bad" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "bad" / name).write_text(content, encoding="utf-8")
    r = run("group", "summary", str(tmp_path), "-f", "json", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    # The one result that was read but whose answers do not fit is counted apart from the unreadable.
    assert doc["total"]["n"] == 3 and doc["excluded"]["rejected"] == len(cases) - 1 and doc["excluded"]["not_fit"] == 1
    assert "... and 1 more file left out\n" in r.stderr  # ten of the eleven unreadable are named
    for name, (_, expected) in cases.items():
        r, doc = summary(run, *(str(tmp_path / f"p{n}.json") for n in range(3)), str(tmp_path / "bad" / name))
        assert doc["total"]["n"] == 3
        assert r.stderr.startswith(f"left out {tmp_path}/bad/{name}: {expected}\n")
        s = run("show", str(tmp_path / "bad" / name))
        assert (s.exit_code, s.stderr) == (1, f"Error: {tmp_path}/bad/{name}: {expected}\n")
    assert run("group", "summary", str(tmp_path), "--strict").exit_code == 1


def test_reasons_follow_the_language_of_the_command(run: Run, tmp_path: Path, q: Questionnaire) -> None:
    for n in range(3):
        result_file(tmp_path / f"p{n}.json", q, keyed(q, {}), pid=f"p{n}")
    (tmp_path / "p3.json").write_bytes((tmp_path / "p0.json").read_bytes())
    (tmp_path / "nan.json").write_text('{"a": NaN}', encoding="utf-8")
    result_file(tmp_path / "empty.json", q, {}, pid="e")
    result_file(tmp_path / "old.json", q, keyed(q, {}), pid="p1", when="2020-01-01T00:00:00Z")
    r = run("group", "summary", str(tmp_path), "--lang", "es")
    assert r.exit_code == 0, r.stderr
    assert f"se deja fuera {tmp_path}/p3.json: el mismo contenido que {tmp_path}/p0.json\n" in r.stderr
    assert (
        f"se deja fuera {tmp_path}/nan.json: no es un resultado de kamtrust (NaN no es un número que JSON admita)\n"
        in r.stderr
    )
    assert f"se deja fuera {tmp_path}/empty.json: no tiene respuestas\n" in r.stderr
    assert (
        f"se deja fuera {tmp_path}/old.json: un resultado anterior de la misma persona para la misma cuenta "
        f"(cuenta el último completo: {tmp_path}/p1.json)\n"
    ) in r.stderr
    assert "kamtrust-8 1.0: 3 resultados resumidos (4 archivos dejados fuera)" in r.stderr
