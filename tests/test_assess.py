"""`kamtrust assess`: from an answers file, and interactively through standard input."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .conftest import all_answers, write_answers

Run = Callable[..., Any]


def saved(data_dir: Path, pattern: str = "*.json") -> list[Path]:
    return sorted((data_dir / "results").glob(pattern))


def keyed_answers(q: Questionnaire, per_factor: dict[str, int]) -> dict[str, int]:
    """Answers whose keyed value is ``per_factor[scale]`` (default 3) for every item."""

    def value(item_id: str) -> int:
        item = q.items[item_id]
        v = per_factor.get(item.scale_id, 3)
        return 6 - v if item.reverse else v

    return all_answers(q, value)


# -- --answers ------------------------------------------------------------------------------------


def test_answers_file_scores_saves_and_shows_the_profile(
    run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path
) -> None:
    answers = keyed_answers(q, {"credibility": 5, "long_term": 1, "proximity": 5, "perspective": 2})
    f = write_answers(tmp_path / "a.json", answers)
    r = run("assess", "--answers", str(f), "--lang", "en", "--name", "Ana", "--account", "Acme")
    assert r.exit_code == 0, r.output
    [path] = saved(data_dir)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["schema"] == "kamtrust.result/1"
    assert doc["questionnaire"] == {"id": "kamtrust-8", "version": "1.0"}
    assert doc["status"] == "complete" and doc["language"] == "en"
    assert doc["participant"]["name"] == "Ana" and doc["participant"]["account"] == "Acme"
    assert doc["participant"]["cohort"] is None and len(doc["participant"]["id"]) == 36
    assert doc["answers"] == answers
    prof = doc["profile"]
    assert prof["factors"]["credibility"] == {"score": 100.0, "band": "strength", "answered": 5, "items": 5}
    assert prof["factors"]["long_term"]["score"] == 0.0 and prof["factors"]["long_term"]["band"] == "risk"
    assert prof["factors"]["intimacy"]["score"] == 50.0 and prof["factors"]["intimacy"]["band"] == "developing"
    assert prof["distance"] == {"proximity": 100.0, "perspective": 25.0, "balance": -75.0, "zone": "too_close"}
    assert prof["overall"] == pytest.approx((100 + 0 + 50 * 6) / 8)
    assert prof["strengths"][0] == "credibility" and prof["development"][0] == "long_term"
    assert prof["flags"] == []
    # The profile on stdout, the saved path on stderr.
    assert "Credibility" in r.stdout and "100.0" in r.stdout and "Too close" in r.stdout
    assert any(line.startswith("Overall trust index") and " 50.0 " in line for line in r.stdout.splitlines())
    assert r.stderr.strip() == f"Result saved to {path}"


def test_answers_file_in_yaml_with_skips(run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path) -> None:
    f = tmp_path / "a.yaml"
    lines = [f"  {i}: {'null' if i.startswith('cred_') and i[-1] in '12' else 4}" for i in q.items]
    f.write_text("answers:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    r = run("assess", "--answers", str(f), "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert "cred_1" not in doc["answers"] and len(doc["answers"]) == 48
    # 3 of 5 answered < 4 needed: not scored, and the overall index is null.
    assert doc["profile"]["factors"]["credibility"]["score"] is None
    assert doc["profile"]["factors"]["credibility"]["reason"] == "2 of 5 items unanswered; 4 answers needed"
    assert doc["profile"]["overall"] is None
    assert doc["profile"]["flags"] == ["straight_lining", "incomplete"]
    assert json.loads(saved(data_dir)[0].read_text(encoding="utf-8")) == doc


def test_format_json_prints_only_the_document(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, 4))
    r = run("assess", "--answers", str(f), "--format", "json", "--cohort", "Madrid-2026")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["participant"]["cohort"] == "Madrid-2026"
    assert "Result saved to" in r.stderr  # LANG=C: English, the messages' language (issue 8)


def test_out_chooses_the_file_and_refuses_to_overwrite(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, 4))
    out = tmp_path / "sub" / "me.json"
    assert run("assess", "--answers", str(f), "--out", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["status"] == "complete"
    r = run("assess", "--answers", str(f), "--out", str(out))
    assert r.exit_code == 1
    assert f"Error: cannot write {out}: the file exists; choose another name or add --force" in r.stderr
    assert run("assess", "--answers", str(f), "--out", str(out), "--force").exit_code == 0


def test_participant_id_is_created_once_and_reused(run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, 4))
    ids = {json.loads(run("assess", "--answers", str(f), "-f", "json").stdout)["participant"]["id"] for _ in range(2)}
    assert len(ids) == 1
    assert json.loads((data_dir / "participant.json").read_text(encoding="utf-8"))["id"] in ids


def test_spanish_profile(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", keyed_answers(q, {"proximity": 5, "perspective": 5}))
    r = run("assess", "--answers", str(f), "--lang", "es")
    assert r.exit_code == 0
    assert "Perfil de confianza" in r.stdout and "Credibilidad" in r.stdout
    assert "Distancia adecuada (Quetzalcóatl)" in r.stdout
    assert "Resultado guardado en" in r.stderr


def test_language_follows_the_locale(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, 4))
    r = run("assess", "--answers", str(f), "-f", "json", env={"LANG": "es_ES.UTF-8"})
    assert json.loads(r.stdout)["language"] == "es"
    r = run("assess", "--answers", str(f), "-f", "json", env={"LANG": "de_DE.UTF-8"})
    assert json.loads(r.stdout)["language"] == "en"  # not available: the messages' language, English
    r = run("assess", "--answers", str(f), "-f", "json", env={"LANG": "en_GB.UTF-8"})
    assert json.loads(r.stdout)["language"] == "en"


def test_plain_output_has_no_escape_codes_or_box_drawing(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, lambda i: 2 + len(i) % 4))
    r = run("assess", "--answers", str(f), "--lang", "en", env={"NO_COLOR": "1"})
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    assert not set(r.stdout) & set("─│┌┐└┘╭╮╰╯█░●")
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    assert all(line == line.rstrip() for line in r.stdout.splitlines() if not line.startswith("|"))


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"answers": {"cred_1": 6}}', "cred_1: 6 is outside the scale 1..5"),
        ('{"answers": {"cred_1": "often"}}', "cred_1: expected a whole number from 1 to 5; found 'often'"),
        ('{"answers": {"cred_1": 3.5}}', "cred_1: expected a whole number from 1 to 5; found 3.5"),
        ('{"answers": {"cred_99": 3}}', "'cred_99' is not an item of kamtrust-8 1.0"),
        ('{"answers": [1, 2]}', "'answers' must map item ids to numbers"),
        ('{"nothing": 1}', "expected a mapping with a key 'answers'"),
        ('{"answers": {"cred_1": 3', "is not valid YAML"),
        (
            "answers:\n  cred_1: 3\n  cred_1: 4\n",
            "line 3: answers.cred_1: duplicate key 'cred_1' (first defined on line 2)",
        ),
        # Numbers too long for Python to read, or to print whole in a message.
        ('{"answers": {"cred_1": 1' + "0" * 5000 + "}}", "line 1: answers.cred_1: a number of 5001 digits is too long"),
        ("answers:\n  cred_1: 1" + "0" * 5000 + "\n", "line 2: answers.cred_1: a number of 5001 digits is too long"),
        ("answers:\n  cred_1: -1" + "0" * 4000 + "\n", "cred_1: -10000… (a number with 4002 digits) is outside"),
    ],
)
def test_bad_answers_files(run: Run, tmp_path: Path, data_dir: Path, content: str, expected: str) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content, encoding="utf-8")
    r = run("assess", "--answers", str(f))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {f}")
    assert expected in r.stderr
    assert "Traceback" not in r.output
    assert saved(data_dir) == []


def test_all_answer_problems_are_listed_with_lines(run: Run, tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("answers:\n  cred_1: 0\n  rel_1: 9\n  foo: 2\n", encoding="utf-8")
    r = run("assess", "--answers", str(f))
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"Error: {f}: 3 answers not accepted:",
        "  line 2: cred_1: 0 is outside the scale 1..5",
        "  line 3: rel_1: 9 is outside the scale 1..5",
        "  line 4: 'foo' is not an item of kamtrust-8 1.0",
    ]


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["--questionnaire", "nope"], 1, "Error: questionnaire 'nope' not found; known: kamtrust-8."),
        (["--questionnaire", "missing.yaml"], 1, "Error: missing.yaml: file not found"),
        (["--lang", "fr"], 2, "Error: unknown language 'fr' for"),
        (["--answers", "missing.json"], 1, "Error: missing.json: file not found"),
    ],
)
def test_bad_options(run: Run, q: Questionnaire, tmp_path: Path, args: list[str], code: int, expected: str) -> None:
    if "--answers" not in args:
        args = [*args, "--answers", str(write_answers(tmp_path / "a.json", all_answers(q, 3)))]
    r = run("assess", *args)
    assert r.exit_code == code
    assert r.stderr.startswith(expected), r.stderr
    assert "Traceback" not in r.output


def test_unwritable_output_fails_before_any_question(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "file-not-folder"
    locked.write_text("x", encoding="utf-8")
    r = run("assess", "--out", str(locked / "me.json"), input="3\n")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: cannot write {locked / 'me.json'}")
    assert "Question 1" not in r.output


def test_malformed_questionnaire_is_reported(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text("id: x\nversion: '1'\nlanguages: [en]\ntitle: T\n", encoding="utf-8")
    r = run("assess", "--questionnaire", str(bad))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {bad} is not a valid questionnaire (2 problems):")
    assert f"{bad}:1: missing 'scale'" in r.stderr


# -- interactive ----------------------------------------------------------------------------------


def test_interactive_answer_back_skip_and_finish(run: Run, q: Questionnaire, data_dir: Path) -> None:
    order = [i.id for i in q.presentation_order]
    # answer 1st with 2, 2nd with 3, back, re-answer 2nd with 5, skip 3rd, then 4 for the rest
    # and skip the 3rd again when the skipped questions are offered at the end
    keys = ["2", "3", "b", "5", "s"] + ["4"] * (len(order) - 3) + ["s"]
    r = run("assess", "--lang", "en", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert "Question 1 of 50" in r.stdout and "Question 50 of 50" in r.stdout
    assert "1 Never or almost never" in r.stdout
    assert "current answer: 3" in r.stdout
    [path] = saved(data_dir)
    assert not path.name.endswith(".partial.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["status"] == "complete"
    assert doc["answers"][order[0]] == 2 and doc["answers"][order[1]] == 5
    assert order[2] not in doc["answers"]
    assert all(doc["answers"][i] == 4 for i in order[3:])
    assert doc["profile"]["flags"] == ["incomplete"]
    assert "Trust profile" in r.stdout
    assert saved(data_dir, "*.partial.json") == []


def test_interactive_in_spanish_with_spanish_keys(run: Run, q: Questionnaire, data_dir: Path) -> None:
    r = run("assess", "--lang", "es", input="4\n3\na\ng\n")
    assert r.exit_code == 0
    assert "Pregunta 1 de 50" in r.stdout and "1-5 responder · a atrás · s saltar · g guardar y salir" in r.stdout
    assert "respuesta actual: 3" in r.stdout
    assert "Tus respuestas hasta ahora están guardadas en" in r.stderr
    [partial] = saved(data_dir, "*.partial.json")
    doc = json.loads(partial.read_text(encoding="utf-8"))
    assert doc["status"] == "partial" and doc["answers"] == {
        q.presentation_order[0].id: 4,
        q.presentation_order[1].id: 3,
    }
    assert doc["session"]["cursor"] == 1


def test_invalid_key_is_explained_and_asked_again(run: Run, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input="9\nhello\n3\nq\n")
    assert r.exit_code == 0
    assert r.stdout.count("Press a number from 1 to 5, or b back, s skip, q save and quit.") == 2
    doc = json.loads(saved(data_dir, "*.partial.json")[0].read_text(encoding="utf-8"))
    assert list(doc["answers"].values()) == [3]


def test_back_on_the_first_question(run: Run) -> None:
    r = run("assess", "--lang", "en", input="b\nq\n")
    assert "This is the first question." in r.stdout


def test_save_and_quit_then_resume(run: Run, q: Questionnaire, data_dir: Path) -> None:
    order = [i.id for i in q.presentation_order]
    r = run("assess", "--lang", "en", "--name", "Luis", input="5\ns\n2\nq\n")
    assert r.exit_code == 0
    assert "Resume with: kamtrust assess --resume" in r.stderr
    [partial] = saved(data_dir, "*.partial.json")
    first = json.loads(partial.read_text(encoding="utf-8"))
    assert first["answers"] == {order[0]: 5, order[2]: 2} and first["session"]["skipped"] == [order[1]]

    rest = ["3"] * (len(order) - 3) + ["1"]  # the skipped 2nd question comes again at the end: 1
    r = run("assess", "--resume", input="\n".join(rest) + "\n")
    assert r.exit_code == 0, r.output
    assert "Resuming the assessment started on" in r.stdout
    assert "Question 4 of 50" in r.stdout and "Question 3 of 50" not in r.stdout
    offer = r.stdout.index("You skipped 1 question. It comes again now; skip it again to finish.")
    again = r.stdout.index("Question 2 of 50  ·  49 answered  ·  skipped earlier, 1 of 1")
    assert r.stdout.index("Question 50 of 50") < again < offer
    [final] = saved(data_dir)
    doc = json.loads(final.read_text(encoding="utf-8"))
    local = datetime.fromisoformat(doc["created_at"].replace("Z", "+00:00")).astimezone()
    assert final.name == f"luis_{local:%Y-%m-%d_%H%M}.json"  # a readable name: person, then date
    assert doc["status"] == "complete" and doc["participant"]["name"] == "Luis"
    assert doc["created_at"] == first["created_at"] and doc["participant"]["id"] == first["participant"]["id"]
    assert doc["answers"][order[0]] == 5 and doc["answers"][order[1]] == 1 and len(doc["answers"]) == 50
    assert not partial.exists()


def test_enter_keeps_the_current_answer_when_going_back(run: Run, q: Questionnaire, data_dir: Path) -> None:
    order = [i.id for i in q.presentation_order]
    # answer 1st and 2nd, back twice, Enter twice: both answers kept, on to the 3rd; then quit
    r = run("assess", "--lang", "en", input="4\n2\nb\nb\n\n\nq\n")
    assert r.exit_code == 0, r.output
    assert "current answer: 4 · Enter keeps it" in r.stdout and "current answer: 2 · Enter keeps it" in r.stdout
    assert r.stdout.count("Question 3 of 50  ·  2 answered") == 2
    assert "Press a number" not in r.stdout
    doc = json.loads(saved(data_dir, "*.partial.json")[0].read_text(encoding="utf-8"))
    assert doc["answers"] == {order[0]: 4, order[1]: 2} and doc["session"]["cursor"] == 2


def test_enter_on_an_unanswered_question_is_not_an_answer(run: Run, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input="\nq\n")
    assert "Press a number from 1 to 5, or b back, s skip, q save and quit." in r.stdout
    assert saved(data_dir, "*.partial.json") == []  # no answer: nothing saved


def test_skipped_questions_come_again_once_in_spanish(run: Run, q: Questionnaire, data_dir: Path) -> None:
    order = [i.id for i in q.presentation_order]
    # skip the 1st and 2nd, answer the rest; at the end: answer the 1st, back is refused at the
    # first skipped one, skip the 2nd again and finish (no third round)
    keys = ["s", "s"] + ["3"] * (len(order) - 2) + ["a", "5", "a", "", "s"]
    r = run("assess", "--lang", "es", input="\n".join(keys) + "\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.count("Saltaste 2 preguntas. Vuelven ahora; puedes saltarlas otra vez y terminar.") == 1
    assert "Esta es la primera de las preguntas saltadas." in r.stdout
    assert "Pregunta 2 de 50  ·  49 respondidas  ·  saltada antes, 2 de 2" in r.stdout
    assert "respuesta actual: 5 · Intro la mantiene" in r.stdout
    [final] = saved(data_dir)
    doc = json.loads(final.read_text(encoding="utf-8"))
    assert doc["status"] == "complete" and doc["answers"][order[0]] == 5 and order[1] not in doc["answers"]


def test_next_assess_offers_to_resume(run: Run, q: Questionnaire, data_dir: Path) -> None:
    run("assess", "--lang", "en", input="5\nq\n")
    r = run("assess", input="\nq\n")  # Enter accepts the offer
    assert "You have an unfinished assessment from" in r.stdout and "(1 of 50 answered).\nResume it? [Y/n]" in r.stdout
    assert "Question 2 of 50" in r.stdout
    assert len(saved(data_dir, "*.partial.json")) == 1
    r = run("assess", "--lang", "en", input="n\n4\nq\n")  # n starts afresh; the old one is kept
    assert "Question 1 of 50" in r.stdout
    assert len(saved(data_dir, "*.partial.json")) == 2


def test_resume_with_nothing_to_resume(run: Run, data_dir: Path) -> None:
    r = run("assess", "--resume")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: there is no unfinished assessment to resume")


def test_end_of_input_keeps_the_answers(run: Run, q: Questionnaire, data_dir: Path) -> None:
    r = run("assess", "--lang", "en", input="4\n4\n")
    assert r.exit_code == 1
    assert "Your answers so far are saved in" in r.stderr
    assert "kamtrust assess --answers FILE" in r.output
    doc = json.loads(saved(data_dir, "*.partial.json")[0].read_text(encoding="utf-8"))
    assert len(doc["answers"]) == 2 and doc["status"] == "partial"


def test_ctrl_c_saves_and_exits_130(run: Run, q: Questionnaire, data_dir: Path, typed: Callable[..., None]) -> None:
    typed("4", "2")
    r = run("assess", "--lang", "en")
    assert r.exit_code == 130
    assert "Resume with: kamtrust assess --resume" in r.stderr
    doc = json.loads(saved(data_dir, "*.partial.json")[0].read_text(encoding="utf-8"))
    assert list(doc["answers"].values()) == [4, 2]
    assert "Traceback" not in r.output


def test_partial_result_survives_a_crash_mid_run(
    run: Run, q: Questionnaire, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected failure after three answers: the three are on disk and resumable."""
    import kamtrust.interview.state as interview

    real = interview.InterviewState.answer
    calls = {"n": 0}

    def answer_then_crash(self: Any, value: int) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("power cut")
        real(self, value)

    monkeypatch.setattr(interview.InterviewState, "answer", answer_then_crash)
    r = run("assess", "--lang", "en", input="1\n2\n3\n4\n")
    assert r.exit_code == 3
    assert "unexpected internal error" in r.stderr and "Nothing you typed is lost" in r.stderr
    monkeypatch.setattr(interview.InterviewState, "answer", real)
    doc = json.loads(saved(data_dir, "*.partial.json")[0].read_text(encoding="utf-8"))
    assert list(doc["answers"].values()) == [1, 2, 3]
    r = run("assess", "--resume", input="q\n")
    assert "Question 4 of 50" in r.stdout


def test_a_result_file_with_a_number_too_long_to_read(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", all_answers(q, 4))
    out = tmp_path / "r.json"
    assert run("assess", "--answers", str(f), "-o", str(out)).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"cred_1": 4', '"cred_1": 1' + "0" * 5000), encoding="utf-8")
    r = run("show", str(out))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {out}: is not a kamtrust result (a number has more than 4300 digits)\n"
