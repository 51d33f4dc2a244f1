"""Questionnaire loading and validation: the built-in file, then every error with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamtrust.errors import InputFileError, QuestionnaireError
from kamtrust.questionnaire.loader import load_questionnaire, parse_questionnaire, validation_warnings
from kamtrust.questionnaire.model import Questionnaire

from .conftest import BUILTIN

FACTORS = (
    "credibility",
    "reliability",
    "intimacy",
    "client_focus",
    "long_term",
    "client_knowledge",
    "value_creation",
    "integrity",
)

VALID = """\
id: mini
version: "1.0"
languages: [es, en]
title: {es: Mini, en: Mini}
scale:
  min: 1
  max: 3
  labels:
    1: {es: Nunca, en: Never}
    2: {es: A veces, en: Sometimes}
    3: {es: Siempre, en: Always}
bands:
  - {id: low, min: 0, label: {es: Bajo, en: Low}}
  - {id: high, min: 50, label: {es: Alto, en: High}}
factors:
  - id: credibility
    name: {es: Credibilidad, en: Credibility}
    items:
      - id: c1
        text: {es: Digo la verdad, en: I tell the truth}
      - id: c2
        text: {es: Improviso, en: I improvise}
        reverse: true
    advice:
      low: {es: Trabaja en ello, en: Work on it}
      high:
        diagnosis: {es: Bien, en: Good}
        levers:
          - {es: Sigue, en: Keep going}
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        parse_questionnaire(text, "q.yaml")
    return [str(p) for p in info.value.problems]


def test_builtin_questionnaire_is_complete(q: Questionnaire) -> None:
    assert q.id == "kamtrust-8" and q.languages == ("es", "en")
    assert tuple(f.id for f in q.factors) == FACTORS
    assert q.distance is not None and q.distance.threshold == 60
    assert (q.scale.min, q.scale.max) == (1, 5) and set(q.scale.labels) == {1, 2, 3, 4, 5}
    assert [(b.id, b.min) for b in q.bands] == [("risk", 0), ("developing", 50), ("strength", 75)]
    for s in q.scales:
        assert len(s.items) >= (5 if s.kind == "factor" else 4), s.id
        assert any(i.reverse for i in s.items), f"{s.id} has no reverse-keyed item"
    for f in q.factors:
        assert set(f.advice) == {"risk", "developing", "strength"}
        for advice in f.advice.values():
            assert 2 <= len(advice.levers) <= 3
    assert set(q.distance.zones) == {"balanced", "too_close", "too_far", "adrift"}
    assert all(z.advice is not None and z.advice.levers for z in q.distance.zones.values())
    assert validation_warnings(q) == []


def test_builtin_texts_exist_in_both_languages(q: Questionnaire) -> None:
    for item in q.items.values():
        assert item.text["es"] and item.text["en"] and item.text["es"] != item.text["en"]


def test_presentation_order_interleaves_factors(q: Questionnaire) -> None:
    order = [i.scale_id for i in q.presentation_order]
    assert len(order) == len(q.items) == 50
    assert order[:10] == [*FACTORS, "proximity", "perspective"][:10]
    assert all(a != b for a, b in zip(order, order[1:], strict=False))


def test_minimal_valid_questionnaire() -> None:
    q = parse_questionnaire(VALID, "q.yaml")
    assert q.factors[0].items[1].reverse is True
    assert q.factors[0].advice["low"].levers == ()
    assert q.factors[0].advice["high"].levers == ({"es": "Sigue", "en": "Keep going"},)
    assert q.distance is None


def test_default_bands_when_omitted() -> None:
    text = (
        VALID.replace(
            """bands:
  - {id: low, min: 0, label: {es: Bajo, en: Low}}
  - {id: high, min: 50, label: {es: Alto, en: High}}
""",
            "",
        )
        .replace("low:", "risk:")
        .replace("high:", "strength:")
        .replace(
            "      risk: {es: Trabaja en ello, en: Work on it}",
            "      risk: {es: Trabaja en ello, en: Work on it}\n      developing: {es: Medio, en: Mid}",
        )
    )
    q = parse_questionnaire(text, "q.yaml")
    assert [b.id for b in q.bands] == ["risk", "developing", "strength"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "      - id: c2\n",
            "      - id: c1\n",
            "q.yaml:21: factors[0].items[1].id: duplicate item id 'c1' (first used on line 19); item ids must be unique across the file",
        ),
        (
            "text: {es: Improviso, en: I improvise}",
            "text: {es: Improviso}",
            "q.yaml:22: factors[0].items[1].text: missing the 'en' text (the questionnaire declares es, en)",
        ),
        (
            "    3: {es: Siempre, en: Always}\n",
            "",
            "q.yaml:9: scale.labels: missing the label for point 3 (one label per point from 1 to 3)",
        ),
        (
            "{id: low, min: 0,",
            "{id: low, min: 10,",
            "q.yaml:13: bands[0].min: the first band must start at 0; found 10",
        ),
        (
            "{id: high, min: 50,",
            "{id: high, min: 0,",
            "q.yaml:14: bands[1].min: bands must be in ascending order of min; 0 is not above 0",
        ),
        (
            "      low: {es: Trabaja en ello, en: Work on it}\n",
            "",
            "q.yaml:25: factors[0].advice: missing the advice for band 'low'",
        ),
        (
            "        reverse: true",
            "        reverse: 'yes'",
            "q.yaml:23: factors[0].items[1].reverse: expected true or false; found the text 'yes'",
        ),
        (
            'version: "1.0"',
            "version: 1.0",
            'q.yaml:2: version: expected a quoted text such as "1.0"; found the number 1.0',
        ),
        (
            "languages: [es, en]",
            "languages: es",
            "q.yaml:3: languages: expected a list of language codes such as [es, en]; found the text 'es'",
        ),
        ("  min: 1\n  max: 3", "  min: 3\n  max: 3", "q.yaml:7: scale.max: expected a number above min (3); found 3"),
        (
            "title: {es: Mini, en: Mini}",
            "title: {es: Mini, en: Mini, fr: Mini}",
            "q.yaml:4: title.fr: language 'fr' is not declared in 'languages' (es, en)",
        ),
        (
            "      - id: c1\n",
            "      - id: C 1\n",
            "q.yaml:19: factors[0].items[0].id: expected an id (lower-case letters, digits, '_' or '-', starting with a letter); found the text 'C 1'",
        ),
        (
            "    name: {es: Credibilidad, en: Credibility}\n",
            "    name: {es: Credibilidad, en: Credibility}\n    colour: red\n",
            "q.yaml:18: factors[0].colour: unknown key 'colour'; expected one of: id, name, items, advice, description",
        ),
        (
            "factors:\n",
            "items: []\nfactors:\n",
            "q.yaml:15: items: unknown key 'items'; items belong under a factor or a distance pole, each with its factor",
        ),
        (
            "        text: {es: Digo la verdad, en: I tell the truth}\n",
            "",
            "q.yaml:19: factors[0].items[0]: missing 'text'",
        ),
        (
            "    items:\n      - id: c1",
            "    items: []\n    old:\n      - id: c1",
            "q.yaml:18: factors[0].items: expected a non-empty list of items; found a list",
        ),
        (
            "      high:\n",
            "      medium: {es: x, en: x}\n      high:\n",
            "q.yaml:26: factors[0].advice.medium: unknown band 'medium'; expected one of: low, high",
        ),
        (
            "title: {es: Mini, en: Mini}",
            "title: {es: Mini, en: Mini}\ntitle: {es: Otro, en: Other}",
            "q.yaml:5: title: duplicate key 'title' (first defined on line 4)",
        ),
        (
            "title: {es: Mini, en: Mini}",
            "title: Mini",
            "q.yaml:4: title: expected a text per language (es, en); found a single text",
        ),
    ],
)
def test_each_problem_is_reported_with_its_line(old: str, new: str, expected: str) -> None:
    assert old in VALID
    problems = problems_of(VALID.replace(old, new, 1))
    assert expected in problems, problems


def test_every_problem_is_reported_at_once() -> None:
    text = (
        VALID.replace("      - id: c2\n", "      - id: c1\n")
        .replace("    3: {es: Siempre, en: Always}\n", "")
        .replace("reverse: true", "reverse: 1")
    )
    problems = problems_of(text)
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == ["9", "20", "22"]


def test_the_error_message_names_the_file_and_counts_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(VALID.replace("reverse: true", "reverse: maybe"), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(path)
    assert info.value.message.startswith(f"{path} is not a valid questionnaire (1 problem):\n  {path}:23:")


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ntitle: [unclosed\nversion: '1'\n", encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load_questionnaire(path)
    assert str(path) in info.value.message and "is not valid YAML" in info.value.message
    assert "line 3" in info.value.message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
        (b"- just\n- a list\n", "expected a mapping with id, version"),
        (b"a: 1\n---\nb: 2\n", "expected a single document in the stream, but found another document on line 2"),
        (b"!!python/object:os.system {}\n", "unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'"),
        (b"id: !!python/name:os.system x\n", "could not determine a constructor"),
    ],
)
def test_not_a_questionnaire(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    with pytest.raises((InputFileError, QuestionnaireError)) as info:
        load_questionnaire(path)
    assert message in info.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="file not found"):
        load_questionnaire(tmp_path / "nope.yaml")


def test_single_language_questionnaire_accepts_plain_strings() -> None:
    text = (
        VALID.replace("languages: [es, en]", "languages: [en]")
        .replace("{es: Mini, en: Mini}", "Mini")
        .replace("{es: Nunca, en: Never}", "Never")
        .replace("{es: A veces, en: Sometimes}", "Sometimes")
        .replace("{es: Siempre, en: Always}", "Always")
        .replace("{es: Bajo, en: Low}", "Low")
        .replace("{es: Alto, en: High}", "High")
        .replace("{es: Credibilidad, en: Credibility}", "Credibility")
        .replace("{es: Digo la verdad, en: I tell the truth}", "I tell the truth")
        .replace("{es: Improviso, en: I improvise}", "I improvise")
        .replace("{es: Trabaja en ello, en: Work on it}", "Work on it")
        .replace("{es: Bien, en: Good}", "Good")
        .replace("{es: Sigue, en: Keep going}", "Keep going")
    )
    q = parse_questionnaire(text, "q.yaml")
    assert q.factors[0].items[0].text == {"en": "I tell the truth"}


def test_warnings_for_short_scales_without_reverse_items() -> None:
    q = parse_questionnaire(VALID.replace("        reverse: true\n", ""), "q.yaml")
    assert validation_warnings(q) == [
        "credibility: 2 items; at least 5 give a usable reliability",
        "credibility: no reverse-keyed item, so acquiescence cannot be spotted",
    ]


def test_builtin_file_loads_with_its_path(q: Questionnaire) -> None:
    assert load_questionnaire(BUILTIN) == q
