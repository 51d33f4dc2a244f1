"""Result files named for a trainer: person, account, local date and time; no clashes, no overwrite."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results import storage
from kamtrust.results.document import Participant, build_result, read_result
from kamtrust.results.forms.importing import ImportOptions, prepare
from kamtrust.results.naming import slug, stem


@pytest.fixture
def madrid(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marta Ruíz", "marta-ruiz"),
        ("Distribuciones Ñandú S.A.", "distribuciones-nandu-s-a"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con"),
        ("😀 ", ""),
        ("x" * 100, "x" * 32),
        (None, ""),
    ],
)
def test_slugs_are_ascii_safe_and_short(text: str | None, expected: str) -> None:
    assert slug(text) == expected


def test_stem_without_name_or_account_uses_the_questionnaire() -> None:
    assert stem(None, "  ", "kamtrust-8", None) == "kamtrust-8_undated"


def result(q: Questionnaire, name: str | None, account: str | None):  # type: ignore[no-untyped-def]
    answers = {i: 4 for i in q.items}
    return build_result(
        q,
        answers,
        score(q, answers),
        language="es",
        participant=Participant("p1", name, account, None),
        created_at="2026-11-25T13:32:10Z",
    )


def test_assess_saves_under_person_account_and_local_time_and_never_overwrites(
    q: Questionnaire, data_dir: Path, madrid: None
) -> None:
    first = storage.save_new(result(q, "Marta Ruiz", "Farmacias Levante"))
    assert first.name == "marta-ruiz_farmacias-levante_2026-11-25_1432.json"
    before = first.read_bytes()
    second = storage.save_new(result(q, "Marta Ruiz", "Farmacias Levante"))
    assert re.fullmatch(r"marta-ruiz_farmacias-levante_2026-11-25_1432-[0-9a-f]{4}\.json", second.name)
    assert first.read_bytes() == before and read_result(second).participant.name == "Marta Ruiz"
    anonymous = storage.save_new(result(q, None, None))
    assert anonymous.name == "kamtrust-8_2026-11-25_1432.json"
    assert sorted(p.name for p in first.parent.iterdir()) == sorted([first.name, second.name, anonymous.name])


GOOGLE = (
    "Marca temporal,Nombre,Cuenta,{items}\r\n"
    "2026/11/25 14:32:05 GMT+1,Marta Ruiz,Farmacias Levante,{a}\r\n"
    "2026/11/25 14:40:00 GMT+1,José Núñez,Farmacias Levante,{b}\r\n"
)


def test_import_names_are_readable_and_a_folder_of_old_names_is_still_recognised(
    q: Questionnaire, madrid: None
) -> None:
    ids = [i.id for i in q.presentation_order]
    data = GOOGLE.format(items=",".join(ids), a=",".join("4" for _ in ids), b=",".join("2" for _ in ids))
    prepared = prepare(data.encode(), "f.csv", q, ImportOptions(), [], "es")
    names = [p.name for p in prepared.plan.new]
    assert [n[: -len("_0123abcd-ef01.json")] for n in names] == [
        "marta-ruiz_farmacias-levante_2026-11-25_1432",
        "jose-nunez_farmacias-levante_2026-11-25_1440",
    ]
    assert all(re.search(r"_[0-9a-f]{8}-[0-9a-f]{4}\.json$", n) for n in names)
    # Re-importing adds nothing, into a folder named by this version or by earlier ones.
    again = prepare(data.encode(), "f.csv", q, ImportOptions(), names, "es")
    assert (len(again.plan.new), len(again.plan.already)) == (0, 2)
    old = [p.key for p in prepared.plan.new]
    assert all(re.fullmatch(r"\d{8}T\d{6}Z-kamtrust-8-[0-9a-f]{8}-[0-9a-f]{8}\.json", k) for k in old)
    again = prepare(data.encode(), "f.csv", q, ImportOptions(), old, "es")
    assert [p.name for p in again.plan.already] == old and not again.plan.new
    # The same submission with other content is refused, naming the file that holds it.
    changed = data.replace("Farmacias Levante,4", "Farmacias de Levante,4")
    again = prepare(changed.encode(), "f.csv", q, ImportOptions(), names, "es")
    assert [(s.row, s.reason, s.values) for s in again.skipped] == [(2, "imp_skip_changed", {"file": names[0]})]
