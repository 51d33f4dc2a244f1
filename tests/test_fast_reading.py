"""A group reads result files with orjson; every file is read exactly as the json module reads it.

``decode_result(..., keep_profile=False)`` (a group) tries orjson first; ``keep_profile=True``
(one result: show, report) always uses the json module. Each attack below must give the same
result, or the same refusal word for word, both ways.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamtrust.engine.scoring import score
from kamtrust.inputfile import InputReasonError
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, Result, build_result, decode_result

from .test_people import hostile, keyed


def good_doc(q: Questionnaire) -> dict[str, Any]:
    answers = keyed(q, {})
    result = build_result(
        q, answers, score(q, answers), language="en", participant=Participant("p", "Ana", "Acme", None)
    )
    return json.loads(result.to_json())


def outcome(raw: bytes, *, keep_profile: bool) -> tuple[str, Any]:
    """What reading ``raw`` gives: the result (its profile left aside) or the message, both languages."""
    try:
        r = decode_result(raw, "x.json", keep_profile=keep_profile)
    except InputReasonError as exc:
        return "refused", (exc.reason.text("en"), exc.reason.text("es"))
    return "read", _without_profile(r)


def _without_profile(r: Result) -> tuple[Any, ...]:
    return (
        r.questionnaire_id,
        r.questionnaire_version,
        r.language,
        r.participant,
        r.created_at,
        r.status,
        r.answers,
        r.session,
        r.tool_version,
        r.duration_seconds,
    )


def same_both_ways(raw: bytes) -> tuple[str, Any]:
    fast, slow = outcome(raw, keep_profile=False), outcome(raw, keep_profile=True)
    assert fast == slow
    return fast


def with_text(q: Questionnaire, old: str, new: str) -> bytes:
    text = json.dumps(good_doc(q), ensure_ascii=False, indent=2)
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


BIG = str(2**64)  # orjson would read it as a float


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('"cred_1": 3', f'"cred_1": {BIG}', "read"),  # an int: refused later, when scored, as before
        ('"cred_1": 3', f'"cred_1": -{BIG}', "read"),
        ('"cred_1": 3', f'"cred_1": {BIG}.0', "refused"),
        ('"status": "complete"', f'"status": "complete", "duration_seconds": {BIG}', "read"),
        ('"status": "complete"', '"status": "complete", "duration_seconds": 1e400', "refused"),
        ('"status": "complete"', '"status": "complete", "duration_seconds": -0', "read"),
        ('"status": "complete"', '"status": "complete", "x": ' + "[" * 300 + "]" * 300, "read"),
        ('"status": "complete"', '"status": "complete", "x": ' + "[" * 5000 + "]" * 5000, "refused"),
        ('"name": "Ana"', '"name": "\\ud800"', "refused"),  # a lone surrogate
        ('"name": "Ana"', '"name": "\\ud83d\\ude00"', "read"),  # a pair: 😀
        ('"cred_1": 3', '"cred_1": 3, "cred_1": 4', "read"),  # the last one counts, as in json
        ('"cred_1": 3', '"cred_1": true', "refused"),
        ('"status": "complete"', '"status": "partial", "session": {"cursor": ' + BIG + ', "skipped": []}', "read"),
    ],
)
def test_a_hostile_value_is_read_as_the_json_module_reads_it(
    q: Questionnaire, old: str, new: str, expected: str
) -> None:
    kind, got = same_both_ways(with_text(q, old, new))
    assert kind == expected, got


def test_a_huge_integer_answer_stays_an_exact_integer(q: Questionnaire) -> None:
    r = decode_result(with_text(q, '"cred_1": 3', f'"cred_1": {BIG}'), "x.json", keep_profile=False)
    assert r.answers["cred_1"] == 2**64 and type(r.answers["cred_1"]) is int


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf{}",  # a BOM, then a document that is not a result
        b'{"schema": "kamtrust.result/1", "name": "\xff"}',  # not UTF-8
        b'{"schema": "kamtrust.result/1", "name": "\xed\xa0\x80"}',  # an encoded surrogate
        b"",
        b"[1, 2",
        b'{"a": 1} x',
        b"NaN",
    ],
)
def test_broken_files_get_the_json_module_s_message(raw: bytes) -> None:
    kind, _ = same_both_ways(raw)
    assert kind == "refused"


def test_a_bom_before_a_good_result_is_read(q: Questionnaire) -> None:
    raw = b"\xef\xbb\xbf" + json.dumps(good_doc(q)).encode()
    assert same_both_ways(raw)[0] == "read"


def test_every_hostile_file_of_the_group_tests_reads_alike(q: Questionnaire) -> None:
    for content, _ in hostile(q).values():
        same_both_ways(content.encode("utf-8"))


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_value_in_any_field_reads_alike(value: Any) -> None:
    doc = {
        "schema": "kamtrust.result/1",
        "questionnaire": {"id": "kamtrust-8", "version": "1.0"},
        "language": "en",
        "participant": {"id": "p", "name": None, "account": None, "cohort": None},
        "created_at": "2026-11-23T10:00:00Z",
        "status": "complete",
        "answers": {"cred_1": 3},
        "profile": {},
    }
    for key in ("answers", "duration_seconds", "profile", "x"):
        same_both_ways(json.dumps({**doc, key: value}).encode())
    same_both_ways(json.dumps({**doc, "answers": {"cred_1": value}}).encode())


def test_a_group_of_files_with_big_numbers_is_summarised_as_before(tmp_path: Path, q: Questionnaire) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(with_text(q, '"cred_1": 3', f'"cred_1": {BIG}'))
    from kamtrust.results.collect import collect, score_collection

    collection = collect([str(tmp_path)])
    sets = score_collection(collection)
    (left,) = sets[0].left_out
    assert left.kind == "rejected"
    assert "18446744073709551616 is outside the scale 1..5" in left.text("en")


@pytest.mark.parametrize("partial", [False, True])
def test_a_result_built_from_its_checked_fields_is_the_constructor_s(q: Questionnaire, partial: bool) -> None:
    # result_from fills the frozen dataclasses' fields itself (a group builds thousands): every
    # field must be there, equal to what the constructor makes, including a partial's session.
    from dataclasses import fields, replace

    from kamtrust.results.document import PARTIAL, Session, check_result, result_from

    doc = good_doc(q)
    if partial:
        doc.update(status=PARTIAL, session={"cursor": 3, "skipped": ["cred_1"], "out": None}, duration_seconds=90)
    built = result_from(check_result(doc, "x.json"))
    p = doc["participant"]
    expected = Result(
        doc["questionnaire"]["id"],
        doc["questionnaire"]["version"],
        doc["language"],
        Participant(p["id"], p["name"], p["account"], p["cohort"]),
        doc["created_at"],
        doc["status"],
        doc["answers"],
        doc["profile"],
        Session(3, ("cred_1",), None) if partial else None,
        doc["tool"]["version"],
        90 if partial else None,
    )
    assert built == expected and repr(built) == repr(expected) and hash(built.participant) == hash(expected.participant)
    assert set(vars(built)) == {f.name for f in fields(Result)}
    assert set(vars(built.participant)) == {f.name for f in fields(Participant)}
    assert replace(built, status="complete").status == "complete"  # still a frozen dataclass underneath
    with pytest.raises(AttributeError):
        built.status = "complete"  # type: ignore[misc]
