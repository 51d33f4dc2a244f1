"""kamtrust.api: the library the commands call, used directly (figures, files and error fields)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamtrust import api
from kamtrust.errors import InputFileError, KamtrustError, MixedQuestionnaires, OutputError, without_path
from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.questionnaire.registry import resolve
from kamtrust.results.document import Participant
from kamtrust.results.selection import Selection
from tests.groupdata import keyed, write_result
from tests.test_import import listing, write_form

WHEN = api.Stamp(now="2026-11-25T10:00:00Z", version="9.9.9")


def _group(folder: Path, q: Questionnaire) -> list[Path]:
    """Four results with credibility 25, 50, 75, 100 (mean 62.5), and one unfinished."""
    files = [
        write_result(folder, q, keyed(q, {"credibility": level}), account="Norte" if level < 4 else "Sur")
        for level in (2, 3, 4, 5)
    ]
    files.append(write_result(folder, q, keyed(q, {}), partial=True, filename="unfinished.partial.json"))
    return files


def test_a_summary_from_files_with_its_figures_and_the_file_left_out(tmp_path: Path, q: Questionnaire) -> None:
    _group(tmp_path / "g", q)
    heard: list[api.Notice] = []
    collected = api.collect_results([str(tmp_path / "g")], notify=heard.append)
    assert [x.path for x in collected.left_out] == [str(tmp_path / "g" / "unfinished.partial.json")]
    assert tuple(heard) == collected.notices  # heard as it happened, and kept
    (summary,) = api.summarise(collected, lang="en")
    credibility = summary.summary.total.factors["credibility"]
    assert (credibility.n, credibility.mean, credibility.min, credibility.max) == (4, 62.5, 25.0, 100.0)
    assert summary.excluded["partial"] == 1 and summary.language == "en"
    doc = api.summary_document(summary, WHEN)
    assert doc["generated_at"] == "2026-11-25T10:00:00Z" and doc["tool"]["version"] == "9.9.9"
    assert doc["total"]["factors"]["credibility"]["mean"] == 62.5
    as_json = json.loads(
        api.group_output(summary.summary, summary.questionnaire, api.GroupFormat.json, "en", when=WHEN)
    )
    assert as_json == json.loads(json.dumps(doc))
    csv = api.group_output(summary.summary, summary.questionnaire, api.GroupFormat.csv, "es", sep=";")
    assert isinstance(csv, bytes) and csv.startswith(b"\xef\xbb\xbf") and b"62,5" in csv


def test_a_summary_under_the_threshold_is_withheld_and_a_selection_applies(tmp_path: Path, q: Questionnaire) -> None:
    _group(tmp_path / "g", q)
    collected = api.collect_results([str(tmp_path / "g")])
    (hidden,) = api.summarise(collected, min_group=5)
    assert hidden.summary.total.suppressed and hidden.summary.total.n is None and not hidden.summary.total.factors
    north = api.collect_results([str(tmp_path / "g")], selection=Selection(account="norte"))
    assert api.NotSelectedNotice(2) in north.notices
    (summary,) = api.summarise(north, min_group=2)
    assert summary.summary.total.factors["credibility"].mean == 37.5  # 25 and 50


def test_compare_two_sessions(tmp_path: Path, q: Questionnaire) -> None:
    people = [f"p{i}" for i in range(3)]
    for pid in people:
        write_result(tmp_path / "before", q, keyed(q, {"credibility": 2}), pid=pid)
        write_result(tmp_path / "after", q, keyed(q, {"credibility": 4}), pid=pid)
    before = api.collect_results([str(tmp_path / "before")])
    after = api.collect_results([str(tmp_path / "after")])
    result = api.compare_sessions(before, after, lang="en")
    change = result.comparison.total.factors["credibility"]
    assert (result.comparison.total.n_before, result.comparison.total.n_after) == (3, 3)
    assert result.comparison.total.n_paired == 3 and change.change == 50.0 and change.paired is not None
    too_few = api.compare_sessions(before, after, min_group=4).comparison.total
    assert too_few.suppressed and too_few.factors == {}


def test_an_import_dry_run_writes_nothing_then_writes_the_plan(tmp_path: Path, q: Questionnaire) -> None:
    src = write_form(
        tmp_path / "form.csv",
        q,
        [{"ts": "2026-11-02 10:00:00", "Email": "a@x.es"}, {"ts": "2026-11-02 11:00:00", "Email": "b@x.es"}],
    )
    out = tmp_path / "imported"
    request = api.ImportRequest(file=src, out=out, questionnaire="kamtrust-8@1.0")
    plan = api.plan_import(request)
    assert (plan.new, plan.already, plan.left_out) == (2, 0, 0) and listing(out) == []
    assert api.write_import(plan) == 2 and len(listing(out)) == 2
    again = api.plan_import(request)
    assert (again.new, again.already) == (0, 2)


def test_a_strict_import_leaving_a_row_out_is_refused_and_writes_nothing(tmp_path: Path, q: Questionnaire) -> None:
    src = write_form(
        tmp_path / "form.csv",
        q,
        [
            {"ts": "2026-11-02 10:00:00", "Email": "a@x.es"},
            {"ts": "2026-11-02 11:00:00", "Email": "b@x.es", "answers": {}},
        ],
    )
    out = tmp_path / "imported"
    plan = api.plan_import(api.ImportRequest(file=src, out=out, questionnaire="kamtrust-8@1.0", strict=True))
    assert (plan.new, plan.left_out) == (1, 1)
    error = plan.strict_error()
    assert error is not None and error.files == (str(src),) and error.message == t("en", "imp_strict", n=1)
    with pytest.raises(KamtrustError):
        api.write_import(plan)
    assert listing(out) == []


def test_mixed_questionnaires_carry_the_hint_as_a_field(tmp_path: Path, q: Questionnaire) -> None:
    q2 = resolve("kamtrust-8@2.0")
    write_result(tmp_path / "g", q, keyed(q, {}))
    write_result(tmp_path / "g", q2, keyed(q2, {}))
    with pytest.raises(MixedQuestionnaires) as caught:
        api.collect_results([str(tmp_path / "g")], lang="es")
    exc = caught.value
    assert exc.hint == t("es", "gx_mixed_hint") and exc.problem.startswith("los resultados son de cuestionarios")
    assert exc.message == f"{exc.problem}; {exc.hint}"
    report_hint = exc.with_hint(t("es", "gx_mixed_hint_report"))
    assert isinstance(report_hint, MixedQuestionnaires) and report_hint.problem == exc.problem
    assert report_hint.message.endswith("(un informe de grupo abarca un solo cuestionario)")


def test_strict_names_the_files_left_out(tmp_path: Path, q: Questionnaire) -> None:
    files = _group(tmp_path / "g", q)
    with pytest.raises(KamtrustError) as caught:
        api.collect_results([str(tmp_path / "g")], strict=True)
    assert caught.value.files == (str(files[-1]),)
    assert caught.value.message.startswith("--strict: ") and caught.value.hint is None


def test_a_selection_that_chooses_nothing(tmp_path: Path, q: Questionnaire) -> None:
    _group(tmp_path / "g", q)
    with pytest.raises(api.NoneSelected) as caught:
        api.collect_results([str(tmp_path / "g")], selection=Selection(account="Oeste"))
    assert "none of the 4 results matches the selection (account Oeste)" in caught.value.message


def test_file_errors_keep_the_file_and_the_problem_apart(tmp_path: Path) -> None:
    bad = InputFileError(tmp_path / "x.json", "is not JSON")
    assert bad.files == (str(tmp_path / "x.json"),) and bad.detail == "is not JSON"
    assert (
        bad.message == f"{tmp_path / 'x.json'}: is not JSON" and without_path(bad, tmp_path / "x.json") == "is not JSON"
    )
    full = OutputError("/full/r.json", "no space left on device")
    assert (
        full.detail == "no space left on device"
        and full.message == "cannot write /full/r.json: no space left on device"
    )
    with pytest.raises(KamtrustError) as caught:
        resolve("nope")
    assert caught.value.problem == "questionnaire 'nope' not found"
    assert caught.value.hint is not None and caught.value.hint.startswith("known: kamtrust-8.")


def test_assess_from_an_answers_file_and_a_personal_report(tmp_path: Path, q: Questionnaire) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"language": "es", "answers": keyed(q, {"credibility": 5})}), encoding="utf-8")
    made = api.assess_answers(answers, Participant("p1", "Ana", "Norte", None), questionnaire="kamtrust-8@1.0")
    assert made.result.language == "es" and made.result.profile["factors"]["credibility"]["score"] == 100.0
    saved = tmp_path / "ana.json"
    saved.write_text(made.result.to_json(), encoding="utf-8")
    inputs = api.load_personal(saved)
    assert inputs.language == "es" and inputs.notes == () and inputs.earlier is None
    text = api.personal_report(inputs, api.ReportFormat.md)
    assert text.startswith("#") and "Ana" in text


def test_each_command_says_how_to_settle_mixed_questionnaires_its_own_way(
    run, tmp_path: Path, q: Questionnaire
) -> None:  # type: ignore[no-untyped-def]
    q2 = resolve("kamtrust-8@2.0")
    mixed = tmp_path / "mixed"
    write_result(mixed, q, keyed(q, {}))
    odd = write_result(mixed, q2, keyed(q2, {}))
    problem = (
        f"the results come from different questionnaires: kamtrust-8 1.0 (1 result), kamtrust-8 2.0 (1 result: {odd}). "
        "They cannot be mixed"
    )
    r = run("group", "summary", str(mixed), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {problem}; select one set of files, or add --per-questionnaire to report each questionnaire separately\n"
    )
    r = run("group", "report", str(mixed), "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: {problem}; select one set of files (a group report covers one questionnaire)\n",
    )
    write_result(tmp_path / "mine", q, keyed(q, {}))
    r = run("report", str(tmp_path / "mine"), "--against", str(mixed), "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.endswith(f"Error: --against {mixed}: {problem}; select the results of one questionnaire\n")


def test_a_group_report_from_the_library(tmp_path: Path, q: Questionnaire) -> None:
    _group(tmp_path / "g", q)
    collected = api.collect_results([str(tmp_path / "g")])
    with pytest.raises(KamtrustError) as caught:
        api.report_summary(collected, min_group=5)
    assert caught.value.message == t("en", "gx_report_too_few", n=4, min_group=5)
    summarised = api.report_summary(collected, lang="en")
    assert summarised.summary.total.factors["credibility"].mean == 62.5 and summarised.excluded["partial"] == 1
    text = api.group_report(summarised, fmt=api.ReportFormat.md, when=WHEN)
    assert text.startswith("#") and "62.5" in text
