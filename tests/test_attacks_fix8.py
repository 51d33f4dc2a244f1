"""An attacker's findings on a clean install (issue 8, fix8): each attack replayed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kamtrust.questionnaire.model import Questionnaire

from .conftest import all_answers
from .groupdata import write_result


def test_report_o_does_not_overwrite_another_result_without_force(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    mine = write_result(tmp_path, q, all_answers(q, 4), name="Ana")
    other = write_result(tmp_path, q, all_answers(q, 2), name="Luis")
    before = other.read_bytes()
    r = run("report", str(mine), "-o", str(other), "-f", "md")
    assert r.exit_code == 1
    assert f"cannot write {other}: the file exists; choose another name or add --force to overwrite it" in r.output
    assert other.read_bytes() == before
    out = tmp_path / "ana.md"
    assert run("report", str(mine), "-o", str(out), "-f", "md").exit_code == 0
    assert run("report", str(mine), "-o", str(out), "-f", "md").exit_code == 1  # a report too
    assert run("report", str(mine), "-o", str(out), "-f", "md", "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#")


def test_reimporting_one_row_under_other_readings_of_its_time_adds_nothing(
    run: Any, q: Questionnaire, tmp_path: Path
) -> None:
    # No e-mail column, a time without a zone: each --timezone or --date-format used to make a
    # new result, and one person became a group of four (n = 4, SD 0).
    from .test_import import write_form

    src = write_form(
        tmp_path / "one.csv", q, [{"ts": "2026-11-14 17:02:55", "Name": "Lola", "answers": 4}], extra=("Name",)
    )
    out = tmp_path / "res"
    readings = [["--timezone", "Europe/Madrid"], ["--timezone", "America/Bogota"], ["--timezone", "Asia/Tokyo"]]
    readings.append(["--date-format", "iso"])
    first = run("import", str(src), "-o", str(out), *readings[0], "--lang", "en")
    assert first.exit_code == 0
    assert first.stderr.splitlines()[-1] == f"Imported into {out}: 0 already imported, 1 new, 0 left out."
    for options in readings[1:]:
        r = run("import", str(src), "-o", str(out), *options, "--lang", "en")
        assert r.exit_code == 0
        assert r.stderr.splitlines()[-1] == f"Imported into {out}: 1 already imported, 0 new, 0 left out."
    assert len(list(out.glob("*.json"))) == 1


def test_a_folder_imported_by_an_earlier_version_is_still_recognised(q: Questionnaire) -> None:
    from kamtrust.engine.scoring import score
    from kamtrust.results.forms import build
    from kamtrust.results.forms.rows import FormRow

    answers = {i: 4 for i in q.items}
    row = FormRow(
        2, answers, "Lola", None, None, None, "2026-11-14T16:02:55Z", "en", score(q, answers), "2026-11-14 17:02:55"
    )
    legacy = build._legacy_key(q, row)
    content = build._hash(legacy, [answers[i] for i in sorted(q.items)], ["Lola", None, None])
    old_name = f"20261114T160255Z-{q.id}-{legacy}-{content}.json"
    done = build.plan(q, [row], [old_name])
    assert [(p.status, p.name) for p in done.planned] == [(build.ALREADY, old_name)]


def _one_row(q: Questionnaire, tmp_path: Path) -> Path:
    from .test_import import write_form

    rows = [{"ts": "2026-11-14 17:02:55", "Name": "Lola", "answers": 4}]
    return write_form(tmp_path / "one.csv", q, rows, extra=("Name",))


def test_another_reading_of_a_stored_time_is_said(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    src, out = _one_row(q, tmp_path), tmp_path / "res"
    assert run("import", str(src), "-o", str(out), "--timezone", "Europe/Madrid").exit_code == 0
    (name,) = [p.name for p in out.glob("*.json")]
    r = run("import", str(src), "-o", str(out), "--timezone", "America/Bogota", "--lang", "es")
    assert r.exit_code == 0
    assert (
        f"  fila 2: ya importada como {name} con la hora 14/11/2026 16:02:55 UTC; esta importación la lee como "
        "14/11/2026 22:02:55 UTC (--timezone, --date-format): se conserva la hora guardada; borra ese archivo "
        "para importar la fila con esta lectura." in r.stderr
    )
    assert json.loads((out / name).read_text(encoding="utf-8"))["created_at"] == "2026-11-14T16:02:55Z"


def test_damaged_files_are_written_again_and_links_refused(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    src, out = _one_row(q, tmp_path), tmp_path / "res"
    args = ["import", str(src), "-o", str(out), "--timezone", "Europe/Madrid", "--lang", "en"]
    assert run(*args).exit_code == 0
    (path,) = out.glob("*.json")
    good = path.read_bytes()
    path.write_bytes(b"")
    r = run(*args, "--dry-run")
    assert f"  {path.name}: damaged or not a result of its row; would be written again." in r.stderr
    assert path.read_bytes() == b""  # a dry run writes nothing
    for damage in (b"", good[:300], b'{"answers": {}}', good.replace(b'"Lola"', b'"Eve"')):
        path.write_bytes(damage)
        r = run(*args)
        assert r.exit_code == 0
        assert f"  {path.name}: damaged or not a result of its row; written again." in r.stderr
        assert r.stderr.splitlines()[-1] == f"Imported into {out}: 0 already imported, 1 new, 0 left out."
        assert json.loads(path.read_text(encoding="utf-8"))["answers"] == json.loads(good)["answers"]
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary left
    text = tmp_path / "notes.txt"
    text.write_text("mine\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(text)
    r = run(*args)
    assert r.exit_code == 1
    assert (
        f"{path} is a symbolic link (to {text}) with the name of this row's result: import never writes through "
        "a link nor counts one as imported; remove the link and import again" in r.stderr
    )
    assert path.is_symlink() and text.read_text(encoding="utf-8") == "mine\n"


NO_LOCALE = {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


def test_no_usable_locale_gives_english_outputs_like_the_messages(
    run: Any, q: Questionnaire, tmp_path: Path, monkeypatch: Any
) -> None:
    from kamtrust.i18n import choose_language

    for var, value in NO_LOCALE.items():
        monkeypatch.setenv(var, value)
    assert choose_language(None, ("es", "en"), "q") == "en"
    assert choose_language(None, ("es",), "q") == "es"  # the only one it has
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert choose_language(None, ("es", "en"), "q") == "es"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # messages in English: outputs too
    assert choose_language(None, ("es", "en"), "q") == "en"
    for n in range(3):
        write_result(tmp_path / "res", q, all_answers(q, 4), name=f"P{n}")
    r = run("group", "summary", str(tmp_path / "res"), env=NO_LOCALE)
    assert r.exit_code == 0
    assert "Group summary" in r.stdout and "Resumen" not in r.stdout


def test_account_option_fills_rows_without_one_and_says_which_kept_theirs(
    run: Any, q: Questionnaire, tmp_path: Path
) -> None:
    from .test_import import write_form

    rows = [
        {"ts": "2026-11-14 17:02:55", "Name": "Lola", "Account": "Delta", "answers": 4},
        {"ts": "2026-11-14 17:05:00", "Name": "Ana", "Account": "", "answers": 3},
    ]
    src = write_form(tmp_path / "f.csv", q, rows, extra=("Name", "Account"))
    out = tmp_path / "res"
    r = run("import", str(src), "-o", str(out), "--account", "Other", "--timezone", "UTC", "--lang", "en")
    assert r.exit_code == 0
    assert (
        "Warning: --account 'Other' sets the account of the rows without one; rows that kept their own, "
        "from column 'Account': 2." in r.stderr
    )
    stored = sorted(json.loads(p.read_text(encoding="utf-8"))["participant"]["account"] for p in out.glob("*.json"))
    assert stored == ["Delta", "Other"]
    r = run("import", str(src), "-o", str(tmp_path / "es"), "--account", "Otra", "--timezone", "UTC", "--lang", "es")
    assert (
        "Aviso: --account «Otra» indica la cuenta de las filas que no la tienen; filas que conservan la suya, "
        "de la columna «Account»: 2." in r.stderr
    )


def test_ids_differing_in_case_or_spaces_are_one_person(q: Questionnaire, tmp_path: Path) -> None:
    from kamtrust.engine.compare import pair
    from kamtrust.engine.group import one_per_person
    from kamtrust.results.collect import collect, score_collection

    from .groupdata import scored

    a = scored(q, all_answers(q, 4), id="ABC-1", account="Acme")
    b = scored(q, all_answers(q, 2), id=" abc-1", account="Acme")
    assert len(one_per_person([a, b])) == 1
    pairs, _ = pair([a], [b])
    assert len(pairs) == 1
    write_result(tmp_path, q, all_answers(q, 4), pid="ABC-1", account="Acme")
    write_result(tmp_path, q, all_answers(q, 2), pid=" abc-1", account="Acme")
    (got,) = score_collection(collect([str(tmp_path)]))
    assert len(got.scored) == 1
    assert [x.reason.key for x in got.left_out] == ["left_earlier"]


def test_roster_headers_are_not_split_at_80_columns(run: Any, q: Questionnaire, tmp_path: Path) -> None:
    for n, account in enumerate(("Acme", "Bo", "Zz")):
        write_result(tmp_path / "res", q, all_answers(q, 4), name=f"P{n}", account=account)
    for lang, heads in (("en", ("name", "account", "cohort")), ("es", ("nombre", "cuenta", "cohorte"))):
        r = run("group", "roster", str(tmp_path / "res"), "--with-names", "--lang", lang, env={"COLUMNS": "80"})
        assert r.exit_code == 0
        header = r.stdout.splitlines()[r.stdout.splitlines().index({"en": "Who", "es": "Quién"}[lang]) + 1]
        assert header.split()[:3] == list(heads), header
