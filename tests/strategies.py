"""Hypothesis strategies: valid questionnaires, answers, result documents, and arbitrary inputs."""

from __future__ import annotations

import copy
from datetime import UTC
from typing import Any

import yaml
from hypothesis import strategies as st

from kamtrust.questionnaire.loader import parse_questionnaire
from kamtrust.questionnaire.model import POLE_IDS, ZONE_IDS, Questionnaire
from kamtrust.results.document import Participant, Result, Session

# Printable text of any script (no control characters, no lone surrogates).
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=12).filter(str.strip)


@st.composite
def questionnaire_docs(draw: st.DrawFn) -> dict[str, Any]:
    """A questionnaire document the loader accepts: languages, scale, bands, factors, distance."""
    langs = draw(st.sampled_from([["en"], ["es", "en"], ["en", "es", "pt-BR"]]))

    def text() -> Any:
        if len(langs) == 1 and draw(st.booleans()):
            return draw(TEXT)
        return {lang: draw(TEXT) for lang in langs}

    counter = iter(range(10_000))

    def items(n: int) -> list[dict[str, Any]]:
        out = []
        for _ in range(n):
            item: dict[str, Any] = {"id": f"i{next(counter)}", "text": text()}
            if draw(st.booleans()):
                item["reverse"] = draw(st.booleans())
            out.append(item)
        return out

    lo = draw(st.integers(-5, 5))
    hi = lo + draw(st.integers(1, 20))
    doc: dict[str, Any] = {
        "id": "prop",
        "version": "1",
        "languages": langs,
        "title": text(),
        "scale": {"min": lo, "max": hi, "labels": {p: text() for p in range(lo, hi + 1)}},
    }
    band_ids = ["risk", "developing", "strength"]
    if draw(st.booleans()):
        mins = sorted(draw(st.sets(st.integers(1, 100) | st.floats(0.5, 100), max_size=4)))
        band_ids = [f"b{n}" for n in range(len(mins) + 1)]
        doc["bands"] = [{"id": b, "min": m, "label": text()} for b, m in zip(band_ids, [0, *mins], strict=True)]
    doc["factors"] = [
        {
            "id": f"f{n}",
            "name": text(),
            "items": items(draw(st.integers(1, 7))),
            "advice": {b: text() for b in band_ids},
        }
        for n in range(draw(st.integers(1, 5)))
    ]
    if draw(st.booleans()):
        doc["distance"] = {
            "threshold": draw(st.integers(1, 100) | st.floats(0.5, 100)),
            "poles": {p: {"name": text(), "items": items(draw(st.integers(1, 6)))} for p in POLE_IDS},
            "zones": {z: {"label": text(), "advice": text()} for z in ZONE_IDS},
        }
    return doc


def questionnaires() -> st.SearchStrategy[Questionnaire]:
    """Questionnaires built by the real loader from generated YAML."""
    return questionnaire_docs().map(lambda doc: parse_questionnaire(yaml.dump(doc, Dumper=DUMPER, allow_unicode=True)))


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper where PyYAML has it (the same YAML, several times faster), else Python's."""


def answers_for(q: Questionnaire, *, complete: bool = False) -> st.SearchStrategy[dict[str, int | None]]:
    """Answers on ``q``'s scale: each item answered, absent or (explicitly) null."""
    point = st.integers(q.scale.min, q.scale.max)
    value = point if complete else st.one_of(point, point, point, st.just(None), st.just("absent"))
    return st.fixed_dictionaries({i: value for i in q.items}).map(
        lambda a: {k: v for k, v in a.items() if v != "absent"}
    )


@st.composite
def questionnaire_and_answers(draw: st.DrawFn, complete: bool = False) -> tuple[Questionnaire, dict[str, int | None]]:
    q = draw(questionnaires())
    return q, draw(answers_for(q, complete=complete))


OPTIONAL_TEXT = st.none() | TEXT


@st.composite
def results(draw: st.DrawFn) -> Result:
    """A result document as the tool builds one (any questionnaire, answers, participant)."""
    from kamtrust.engine.scoring import score
    from kamtrust.results.document import COMPLETE, PARTIAL, build_result

    q, answers = draw(questionnaire_and_answers())
    given = {k: v for k, v in answers.items() if v is not None}
    status = draw(st.sampled_from([COMPLETE, PARTIAL]))
    session = Session(
        draw(st.integers(0, len(q.items))),
        tuple(draw(st.lists(st.sampled_from(sorted(q.items)), unique=True, max_size=5))),
        draw(OPTIONAL_TEXT),
    )
    created = draw(st.datetimes(timezones=st.just(UTC))).replace(microsecond=0)
    return build_result(
        q,
        given,
        score(q, given),
        language=draw(st.sampled_from(q.languages)),
        participant=Participant(draw(TEXT), draw(OPTIONAL_TEXT), draw(OPTIONAL_TEXT), draw(OPTIONAL_TEXT)),
        created_at=created.isoformat().replace("+00:00", "Z"),
        status=status,
        session=session,
    )


# -- arbitrary inputs ---------------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
KEYS = st.text(max_size=12) | st.integers(-5, 100)


def json_values(max_leaves: int = 30) -> st.SearchStrategy[Any]:
    """Any JSON-like value: scalars, lists and mappings nested a few levels."""
    return st.recursive(
        SCALARS,
        lambda children: st.lists(children, max_size=5) | st.dictionaries(KEYS, children, max_size=5),
        max_leaves=max_leaves,
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, doc: Any, max_mutations: int = 3) -> Any:
    """``doc`` with a few values replaced by arbitrary ones, deleted, or duplicated elsewhere.

    Mutating a valid document reaches the validators' deep branches, where random documents
    rarely get.
    """
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, max_mutations))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "delete", "swap"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(json_values(10))
        else:
            other = draw(st.sampled_from(paths))
            source = doc
            try:
                for key in other:
                    source = source[key]
            except (KeyError, IndexError, TypeError):
                continue
            parent[last] = copy.deepcopy(source)
    return doc


@st.composite
def csv_texts(draw: st.DrawFn, header: list[str] | None = None) -> str:
    """CSV-ish text: a header (maybe the expected one), rows of numbers, words and junk."""
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    cell = st.one_of(
        st.integers(-3, 9).map(str),
        st.sampled_from(["", "NA", "3.0", "=1+1", '"', '"x,y"', "\n", "  4 ", "sí", "Never"]),
        st.text(max_size=8),
    )
    head = header if header is not None and draw(st.booleans()) else draw(st.lists(cell, max_size=8))
    if header is not None and draw(st.booleans()):
        head = draw(st.permutations(head))
    n_cols = max(1, len(head))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=n_cols + 2), max_size=6))
    lines = [sep.join(head), *(sep.join(r) for r in rows)]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


# fmt: off
YAML_TOKENS = (
    "- ", ": ", "? ", "&a ", "*a", "*b", "<<: *a", "!!python/object/apply:os.system ", "!!binary ",
    "!!set ", "!!omap ", "!custom ", "[", "]", "{", "}", ", ", "---\n", "...\n", "%YAML 1.1\n", "\n",
    "  ", "\t", "'", '"', "|\n", ">-\n", "# c\n", "answers", "id", "kamtrust-8", "cred_1", "schema",
    "null", "~", "yes", "0x1F", "0o17", "1e309", ".nan", "-.inf", "2026-01-01", "12:30:00", "3",
    "1_000", "é", "\ufeff", "\\u00e9", "\x00", "\x85",
)
# fmt: on


def yaml_texts() -> st.SearchStrategy[str]:
    """Text made of YAML syntax: anchors, aliases, tags, flow and block collections, directives."""
    return st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join)
