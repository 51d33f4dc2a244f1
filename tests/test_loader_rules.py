"""`kamtrust questionnaire validate` on each rule of the answer scale and of a factor or pole.

Every branch of the loader's ``likert`` and ``scale`` checks, tried on a small valid file, with the
exact paragraph a trainer reads and the exit code (pinned before those checks were broken up).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., Any]

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
      - {id: c1, text: {es: Digo la verdad, en: I tell the truth}}
      - {id: c2, text: {es: Improviso, en: I improvise}, reverse: true}
    advice:
      low: {es: Trabaja en ello, en: Work on it}
      high:
        diagnosis: {es: Bien, en: Good}
        levers:
          - {es: Sigue, en: Keep going}
distance:
  poles:
    proximity:
      name: {es: Cercanía, en: Closeness}
      items:
        - {id: p1, text: {es: Visito, en: I visit}}
        - {id: p2, text: {es: Llamo, en: I call}, reverse: true}
    perspective:
      name: {es: Perspectiva, en: Perspective}
      items:
        - {id: e1, text: {es: Miro lejos, en: I look far}}
        - {id: e2, text: {es: Miro cerca, en: I look close}, reverse: true}
  zones:
    balanced: {label: {es: Equilibrio, en: Balanced}, advice: {es: Sigue, en: Keep on}}
    too_close: {label: {es: Demasiado cerca, en: Too close}, advice: {es: Aléjate, en: Step back}}
    too_far: {label: {es: Demasiado lejos, en: Too far}, advice: {es: Acércate, en: Come closer}}
    adrift: {label: {es: A la deriva, en: Adrift}, advice: {es: Ancla, en: Anchor}}
"""


def validate(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> Any:
    """Run ``kamtrust questionnaire validate q.yaml`` on VALID with ``old`` replaced by ``new``."""
    assert VALID.count(old) == 1, old
    (tmp_path / "q.yaml").write_text(VALID.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return run("questionnaire", "validate", "q.yaml")


def refusal(problems: list[str]) -> str:
    """The whole of stderr for a file with ``problems``: the headline, then one problem a line."""
    n = len(problems)
    head = f"q.yaml is not a valid questionnaire ({n} problem{'s' if n != 1 else ''}):\n"
    return head + "".join(f"  {p}\n" for p in problems)


def test_the_base_file_is_valid(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = validate(run, tmp_path, monkeypatch, "id: mini", "id: mini")
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.startswith("q.yaml: valid — mini 1.0, 1 factor, distance poles, 6 items, languages es, en\n")


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [
        pytest.param(
            "scale:\n  min: 1\n  max: 3\n  labels:\n    1: {es: Nunca, en: Never}\n    2: {es: A veces, en: Sometimes}\n    3: {es: Siempre, en: Always}\n",
            "scale: 5\n",
            [
                "q.yaml:5: scale: expected a mapping with labels; found the number 5",
            ],
            id="scale-not-a-mapping",
        ),
        pytest.param(
            "  max: 3\n",
            "  max: 3\n  steps: 3\n",
            [
                "q.yaml:8: scale.steps: unknown key 'steps'; expected one of: labels, min, max",
            ],
            id="scale-unknown-key",
        ),
        pytest.param(
            "  labels:\n    1: {es: Nunca, en: Never}\n    2: {es: A veces, en: Sometimes}\n    3: {es: Siempre, en: Always}\n",
            "",
            [
                "q.yaml:6: scale: missing 'labels'",
            ],
            id="scale-without-labels",
        ),
        pytest.param(
            "  min: 1\n",
            "  min: one\n",
            [
                "q.yaml:6: scale.min: expected a whole number; found the text 'one'",
            ],
            id="min-not-whole",
        ),
        pytest.param(
            "  max: 3\n",
            "  max: true\n",
            [
                "q.yaml:7: scale.max: expected a whole number; found the boolean true",
            ],
            id="max-boolean",
        ),
        pytest.param(
            "  max: 3\n",
            "  max: 3.5\n",
            [
                "q.yaml:7: scale.max: expected a whole number; found the number 3.5",
            ],
            id="max-a-fraction",
        ),
        pytest.param(
            "  min: 1\n",
            "  min: 3\n",
            [
                "q.yaml:7: scale.max: expected a number above min (3); found 3",
            ],
            id="max-not-above-min",
        ),
        pytest.param(
            "  min: 1\n",
            "  min: 4\n",
            [
                "q.yaml:7: scale.max: expected a number above min (4); found 3",
            ],
            id="max-below-min",
        ),
        pytest.param(
            "  max: 3\n",
            "  max: 30\n",
            [
                "q.yaml:7: scale: expected at most 21 points; found 30",
            ],
            id="too-many-points",
        ),
        pytest.param(
            "  labels:\n    1: {es: Nunca, en: Never}\n    2: {es: A veces, en: Sometimes}\n    3: {es: Siempre, en: Always}\n",
            "  labels: [Never, Sometimes, Always]\n",
            [
                "q.yaml:8: scale.labels: expected a label per point; found a list",
            ],
            id="labels-a-list",
        ),
        pytest.param(
            "  max: 3\n",
            "  max: 22\n",
            [
                "q.yaml:7: scale: expected at most 21 points; found 22",
            ],
            id="one-point-too-many",
        ),
        pytest.param(
            "    3: {es: Siempre, en: Always}\n",
            "    3: {es: Siempre, en: Always}\n    4: {es: Más, en: More}\n",
            [
                "q.yaml:12: scale.labels.4: expected a point of the scale (1..3) as key; found the number 4",
            ],
            id="label-point-outside",
        ),
        pytest.param(
            "    3: {es: Siempre, en: Always}\n",
            "    3: {es: Siempre, en: Always}\n    x: {es: Más, en: More}\n",
            [
                "q.yaml:12: scale.labels.x: expected a point of the scale (1..3) as key; found the text 'x'",
            ],
            id="label-point-a-word",
        ),
        pytest.param(
            "    3: {es: Siempre, en: Always}\n",
            "    3: {es: Siempre, en: Always}\n    false: {es: Más, en: More}\n",
            [
                "q.yaml:12: scale.labels.False: expected a point of the scale (1..3) as key; found the boolean false",
            ],
            id="label-point-boolean",
        ),
        pytest.param(
            "  min: 1\n  max: 3\n  labels:\n",
            "  min: one\n  max: 3\n  labels:\n    9: {es: x, en: x}\n",
            [
                "q.yaml:6: scale.min: expected a whole number; found the text 'one'",
            ],
            id="label-point-unchecked-when-range-bad",
        ),
        pytest.param(
            "    2: {es: A veces, en: Sometimes}\n",
            "    2: ''\n",
            [
                "q.yaml:10: scale.labels.2: empty text",
            ],
            id="label-empty",
        ),
        pytest.param(
            "    2: {es: A veces, en: Sometimes}\n",
            "    2: {es: A veces}\n",
            [
                "q.yaml:10: scale.labels.2: missing the 'en' text (the questionnaire declares es, en)",
            ],
            id="label-missing-language",
        ),
        pytest.param(
            "    3: {es: Siempre, en: Always}\n",
            "",
            [
                "q.yaml:9: scale.labels: missing the label for point 3 (one label per point from 1 to 3)",
            ],
            id="label-missing",
        ),
        pytest.param(
            "  min: 1\n  max: 3\n",
            "",
            [
                "q.yaml:7: scale.labels: missing the label for point 4 (one label per point from 1 to 5)",
                "q.yaml:7: scale.labels: missing the label for point 5 (one label per point from 1 to 5)",
            ],
            id="default-min-max",
        ),
    ],
)
def test_each_rule_of_the_answer_scale(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, problems: list[str]
) -> None:
    r = validate(run, tmp_path, monkeypatch, old, new)
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", refusal(problems))


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [
        pytest.param(
            "  - id: credibility\n",
            "  - 5\n  - id: credibility\n",
            [
                "q.yaml:16: factors[0]: expected a mapping with id, name, items, advice; found the number 5",
            ],
            id="factor-not-a-mapping",
        ),
        pytest.param(
            "    name: {es: Credibilidad, en: Credibility}\n",
            "    name: {es: Credibilidad, en: Credibility}\n    weight: 2\n",
            [
                "q.yaml:18: factors[0].weight: unknown key 'weight'; expected one of: id, name, items, advice, description",
            ],
            id="factor-unknown-key",
        ),
        pytest.param(
            "  - id: credibility\n",
            "  - description: {es: Nada, en: Nothing}\n  - id: credibility\n",
            [
                "q.yaml:16: factors[0]: missing 'id'",
                "q.yaml:16: factors[0]: missing 'name'",
                "q.yaml:16: factors[0]: missing 'items'",
                "q.yaml:16: factors[0]: missing 'advice'",
            ],
            id="factor-missing-everything",
        ),
        pytest.param(
            "  - id: credibility\n",
            "  - id: Credibility\n",
            [
                "q.yaml:16: factors[0].id: expected an id (lower-case letters, digits, '_' or '-', starting with a letter); found the text 'Credibility'",
            ],
            id="factor-id-not-an-id",
        ),
        pytest.param(
            "  - id: credibility\n",
            "  - id: proximity\n",
            [
                "q.yaml:16: factors[0].id: 'proximity' is reserved for a distance pole; choose another factor id",
            ],
            id="factor-id-a-pole",
        ),
        pytest.param(
            "  - id: credibility\n",
            "  - id: credibility\n    name: {es: Otra, en: Other}\n    items:\n      - {id: o1, text: {es: Uno, en: One}}\n    advice: {low: {es: a, en: a}, high: {es: b, en: b}}\n  - id: credibility\n",
            [
                "q.yaml:21: factors[1].id: 'credibility' is already a factor (line 16)",
            ],
            id="factor-id-twice",
        ),
        pytest.param(
            "    name: {es: Credibilidad, en: Credibility}\n",
            "    name: ''\n",
            [
                "q.yaml:17: factors[0].name: empty text",
            ],
            id="factor-name-empty",
        ),
        pytest.param(
            "    name: {es: Credibilidad, en: Credibility}\n",
            "    name: {es: Credibilidad, en: Credibility}\n    description: 5\n",
            [
                "q.yaml:18: factors[0].description: expected a text per language (es, en); found the number 5",
            ],
            id="factor-description-a-number",
        ),
        pytest.param(
            "    items:\n      - {id: c1",
            "    items: {}\n    old:\n      - {id: c1",
            [
                "q.yaml:18: factors[0].items: expected a non-empty list of items; found a mapping",
                "q.yaml:19: factors[0].old: unknown key 'old'; expected one of: id, name, items, advice, description",
            ],
            id="factor-items-a-mapping",
        ),
        pytest.param(
            "{id: c1, text: {es: Digo la verdad, en: I tell the truth}}",
            "{id: c1}",
            [
                "q.yaml:19: factors[0].items[0]: missing 'text'",
            ],
            id="factor-item-bad",
        ),
        pytest.param(
            "    advice:\n      low: {es: Trabaja en ello, en: Work on it}\n      high:\n        diagnosis: {es: Bien, en: Good}\n        levers:\n          - {es: Sigue, en: Keep going}\n",
            "    advice: [{es: Bien, en: Good}]\n",
            [
                "q.yaml:21: factors[0].advice: expected advice per band (low, high); found a list",
            ],
            id="advice-a-list",
        ),
        pytest.param(
            "      low: {es: Trabaja en ello, en: Work on it}\n",
            "",
            [
                "q.yaml:22: factors[0].advice: missing the advice for band 'low'",
            ],
            id="advice-band-missing",
        ),
        pytest.param(
            "      low: {es: Trabaja en ello, en: Work on it}\n",
            "      low: {es: Trabaja en ello, en: Work on it}\n      medium: {es: Medio, en: Mid}\n",
            [
                "q.yaml:23: factors[0].advice.medium: unknown band 'medium'; expected one of: low, high",
            ],
            id="advice-band-unknown",
        ),
        pytest.param(
            "      low: {es: Trabaja en ello, en: Work on it}\n",
            "      low: ''\n",
            [
                "q.yaml:22: factors[0].advice.low: empty text",
            ],
            id="advice-text-empty",
        ),
        pytest.param(
            "        levers:\n          - {es: Sigue, en: Keep going}\n",
            "        levers: {es: Sigue, en: Keep going}\n",
            [
                "q.yaml:25: factors[0].advice.high.levers: expected a list of texts; found a mapping",
            ],
            id="advice-levers-not-a-list",
        ),
        pytest.param(
            "          - {es: Sigue, en: Keep going}\n",
            "          - {es: Sigue}\n",
            [
                "q.yaml:26: factors[0].advice.high.levers[0]: missing the 'en' text (the questionnaire declares es, en)",
            ],
            id="advice-lever-bad",
        ),
        pytest.param(
            "        diagnosis: {es: Bien, en: Good}\n",
            "        diagnosis: {es: Bien, en: Good}\n        note: x\n",
            [
                "q.yaml:25: factors[0].advice.high.note: unknown key 'note'; expected one of: diagnosis, levers",
            ],
            id="advice-unknown-key",
        ),
        pytest.param(
            "    perspective:\n      name: {es: Perspectiva, en: Perspective}\n",
            "    perspective: far\n    unused:\n      name: {es: Perspectiva, en: Perspective}\n",
            [
                "q.yaml:34: distance.poles.perspective: expected a mapping with name, items; found the text 'far'",
                "q.yaml:35: distance.poles.unused: unknown key 'unused'; expected one of: proximity, perspective",
            ],
            id="pole-not-a-mapping",
        ),
        pytest.param(
            "      name: {es: Cercanía, en: Closeness}\n",
            "      id: near\n      advice: {low: x}\n      name: {es: Cercanía, en: Closeness}\n",
            [
                "q.yaml:30: distance.poles.proximity.id: unknown key 'id'; expected one of: name, items, description",
                "q.yaml:31: distance.poles.proximity.advice: unknown key 'advice'; expected one of: name, items, description",
            ],
            id="pole-with-an-id-and-advice",
        ),
        pytest.param(
            "      items:\n        - {id: p1, text: {es: Visito, en: I visit}}\n        - {id: p2, text: {es: Llamo, en: I call}, reverse: true}\n",
            "",
            [
                "q.yaml:30: distance.poles.proximity: missing 'items'",
            ],
            id="pole-without-items",
        ),
        pytest.param(
            "{id: p1, text: {es: Visito, en: I visit}}",
            "{id: p1, text: {es: Visito, en: I visit}, observers: [client], observer: {es: Visita, en: Visits}}",
            [
                "q.yaml:29: distance.poles.proximity: scale 'proximity': the role 'client' can rate 1 of its 2 items; a score needs 2 answers (the ⅔ rule), so give 'client' at least 2 observable items here, or none",
            ],
            id="pole-observers-below-two-thirds",
        ),
        pytest.param(
            "{id: c1, text: {es: Digo la verdad, en: I tell the truth}}",
            "{id: c1, text: {es: Digo la verdad, en: I tell the truth}, observers: [peer], observer: {es: Dice, en: Says}}",
            [
                "q.yaml:16: factors[0]: scale 'credibility': the role 'peer' can rate 1 of its 2 items; a score needs 2 answers (the ⅔ rule), so give 'peer' at least 2 observable items here, or none",
            ],
            id="factor-observers-below-two-thirds",
        ),
    ],
)
def test_each_rule_of_a_factor_or_pole(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, problems: list[str]
) -> None:
    r = validate(run, tmp_path, monkeypatch, old, new)
    assert r.exit_code == 1
    assert (r.stdout, r.stderr) == ("", refusal(problems))


def test_a_scale_of_21_points_is_accepted(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    labels = "".join(f"    {p}: {{es: P{p}, en: P{p}}}\n" for p in range(0, 21))
    old = "  min: 1\n  max: 3\n  labels:\n    1: {es: Nunca, en: Never}\n    2: {es: A veces, en: Sometimes}\n    3: {es: Siempre, en: Always}\n"
    r = validate(run, tmp_path, monkeypatch, old, "  min: 0\n  max: 20\n  labels:\n" + labels)
    assert r.exit_code == 0 and r.stderr == ""


def test_the_problems_read_in_spanish_under_a_spanish_locale(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Spanish locale: the headline and the problem in Spanish; the key path as written."""
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    r = validate(run, tmp_path, monkeypatch, "  max: 3\n", "  max: 30\n")
    assert r.exit_code == 1
    assert r.stderr == (
        "q.yaml no es un cuestionario válido (1 problema):\n  q.yaml:7: scale: se esperaban 21 puntos como máximo; hay 30\n"
    )
