"""Questionnaire kamtrust-8 2.0 beside 1.0: versions, item design, neutral Spanish, quality flags."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.engine.scoring import ACQUIESCENCE, STRAIGHT_LINING, TOO_FAST, UNIFORM_HIGH, score, too_fast
from kamtrust.engine.trust import trust_equation
from kamtrust.errors import KamtrustError, QuestionnaireError
from kamtrust.questionnaire.loader import parse_questionnaire, validation_warnings
from kamtrust.questionnaire.model import Item, Questionnaire, Text
from kamtrust.questionnaire.registry import builtin_dir, resolve

from .conftest import BUILTIN, V1, write_answers

Run = Callable[..., Any]
V2_FILE = builtin_dir() / "kamtrust-8-2.0.yaml"


@pytest.fixture(scope="module")
def q2() -> Questionnaire:
    return resolve("kamtrust-8@2.0")


@pytest.fixture
def unpinned(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user sees it: no version pinned, so an id alone means the newest version."""
    monkeypatch.delenv("KAMTRUST_QUESTIONNAIRE")


def pattern(q: Questionnaire, direct: int, reverse: int) -> dict[str, int]:
    return {i.id: reverse if i.reverse else direct for i in q.items.values()}


# -- versions ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("unpinned")
def test_the_id_alone_is_the_newest_version_and_id_at_version_selects_one() -> None:
    assert resolve("kamtrust-8").version == "2.0"
    assert resolve(None).version == "2.0"
    assert resolve("kamtrust-8@1.0").version == "1.0" and len(resolve("kamtrust-8@1.0").items) == 50
    with pytest.raises(KamtrustError) as exc:
        resolve("kamtrust-8@3.0")
    assert exc.value.message == (
        "questionnaire 'kamtrust-8' has no version 3.0 installed; installed: 1.0, 2.0. "
        "Give one of them as kamtrust-8@VERSION, or the path to a .yaml file."
    )


@pytest.mark.usefixtures("unpinned")
def test_results_resolve_to_the_version_they_were_made_with() -> None:
    assert resolve("kamtrust-8", prefer_version="1.0").version == "1.0"
    assert resolve("kamtrust-8", prefer_version="2.0").version == "2.0"
    # A version that is not installed: the newest, and the caller notes the difference.
    assert resolve("kamtrust-8", prefer_version="9.0").version == "2.0"


def test_a_pinned_version_is_the_default_and_a_bad_pin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMTRUST_QUESTIONNAIRE", "kamtrust-8@1.0")
    assert resolve(None).version == "1.0" and resolve("kamtrust-8").version == "1.0"
    assert resolve("kamtrust-8@2.0").version == "2.0"
    monkeypatch.setenv("KAMTRUST_QUESTIONNAIRE", "kamtrust-8@7")
    with pytest.raises(KamtrustError) as exc:
        resolve(None)
    assert exc.value.message == (
        "KAMTRUST_QUESTIONNAIRE asks for kamtrust-8@7, but kamtrust-8 7 is not installed; installed: 1.0, 2.0. "
        "Change or unset KAMTRUST_QUESTIONNAIRE."
    )


def test_validate_passes_both_versions_without_notes(run: Run) -> None:
    r = run("questionnaire", "validate", str(BUILTIN), str(V2_FILE))
    assert r.exit_code == 0
    assert r.stdout == (
        f"{BUILTIN}: valid — kamtrust-8 1.0, 8 factors, distance poles, 50 items, languages es, en\n"
        f"{V2_FILE}: valid — kamtrust-8 2.0, 8 factors, distance poles, 60 items, languages es, en\n"
        "  raters 'client': 51 items; every scale\n"  # issue 13: who can rate what
        "  raters 'manager': 52 items; every scale\n"
        "  raters 'peer': 36 items; cannot rate intimacy\n"
    )


@pytest.mark.usefixtures("unpinned")
def test_list_marks_the_default_version(run: Run) -> None:
    r = run("questionnaire", "list")
    lines = r.stdout.splitlines()
    assert lines[0].startswith("kamtrust-8       2.0* ") and "60 items" in lines[0]
    assert lines[1].startswith("kamtrust-8       1.0  ") and "50 items" in lines[1]


@pytest.mark.usefixtures("unpinned")
def test_a_1_0_result_still_shows_and_summarises_once_2_0_is_the_default(
    run: Run, q: Questionnaire, tmp_path: Path, data_dir: Path
) -> None:
    paths = []
    for n in range(3):
        f = write_answers(tmp_path / f"a{n}.json", {i: 1 + (n + k) % 5 for k, i in enumerate(q.items)})
        r = run("assess", "--answers", str(f), "--questionnaire", V1, "--lang", "en", "--name", f"P{n}")
        assert r.exit_code == 0, r.output
    paths = sorted((data_dir / "results").glob("*.json"))
    assert len(paths) == 3
    assert json.loads(paths[0].read_text(encoding="utf-8"))["questionnaire"] == {"id": "kamtrust-8", "version": "1.0"}
    shown = run("show", str(paths[0]), "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["questionnaire"]["version"] == "1.0"
    summary = run("group", "summary", *map(str, paths), "-f", "json")
    assert summary.exit_code == 0, summary.output
    doc = json.loads(summary.stdout)
    assert doc["questionnaire"] == {"id": "kamtrust-8", "version": "1.0"}
    assert "scored with the installed version" not in summary.stderr


# -- item design ---------------------------------------------------------------------------------


def test_every_scale_has_five_to_seven_items_and_at_least_two_reverse(q2: Questionnaire) -> None:
    for s in q2.scales:
        assert 5 <= len(s.items) <= 7, s.id
        assert sum(i.reverse for i in s.items) >= 2, s.id
    assert len(q2.items) == 60
    assert validation_warnings(q2) == []


def test_factor_and_pole_ids_match_1_0_so_versions_compare_by_factor(q: Questionnaire, q2: Questionnaire) -> None:
    assert [s.id for s in q2.scales] == [s.id for s in q.scales]
    assert [b.id for b in q2.bands] == [b.id for b in q.bands]
    assert not set(q2.items) & set(q.items)  # a changed item has a new id


CONDITIONAL = re.compile(r"^(cuando|si|when|if|whenever)\b|\b(cuando|when|whenever|si alguna vez|if ever)\b", re.I)


def test_no_item_presupposes_an_event_so_no_honest_answer_needs_a_skip(q2: Questionnaire) -> None:
    offending = [(i.id, t) for i in q2.items.values() for t in i.text.values() if CONDITIONAL.search(t)]
    assert offending == []


def test_reverse_items_are_contrary_behaviours_not_negations(q2: Questionnaire) -> None:
    for i in q2.items.values():
        if i.reverse:
            assert not re.match(r"No\b", i.text["es"]) and not re.search(r"\b(I do not|I don't|never)\b", i.text["en"])


def test_one_account_at_a_time(q2: Questionnaire) -> None:
    for i in q2.items.values():
        assert re.search(r"\beste cliente\b|\besta cuenta\b", i.text["es"], re.I), i.id
        assert re.search(r"\bthis (client|account)\b", i.text["en"], re.I), i.id
    assert q2.intro_for("es", "Acme Farma").startswith("Responde pensando en una sola cuenta clave, «Acme Farma», y")
    assert q2.intro_for("en", "Acme").startswith("Answer with a single key account in mind, “Acme”, and")
    assert "la que elijas ahora (mantenla hasta el final)" in q2.intro_for("es", None)
    assert "one you choose now and keep to the end" in q2.intro_for("en", "  ")
    assert "{account}" not in q2.intro_for("en")


def test_an_intro_naming_the_account_needs_a_fallback_text() -> None:
    text = V2_FILE.read_text(encoding="utf-8")
    start = text.index("\naccount:")
    broken = text[:start] + text[text.index("\nscale:") :]
    with pytest.raises(QuestionnaireError) as exc:
        parse_questionnaire(broken, "copy.yaml")
    assert "intro: uses {account} but the questionnaire has no 'account' text" in exc.value.message


def test_the_invasive_seller_is_a_reverse_serpent_item_and_the_eagle_looks_at_the_whole(q2: Questionnaire) -> None:
    invader = [i for i in q2.items.values() if "¿otra vez por aquí?" in i.text["es"]]
    assert [(i.scale_id, i.reverse) for i in invader] == [("proximity", True)]
    assert "You again?" in invader[0].text["en"]
    assert any("en su conjunto" in i.text["es"] for i in q2.distance.perspective.items)  # type: ignore[union-attr]
    assert any("cómo funciona él" in i.text["es"] for i in q2.distance.proximity.items)  # type: ignore[union-attr]
    assert any("dirección de mi empresa" in i.text["es"] for i in q2.find_scale("long_term").items)
    assert any("CRM" in i.text["es"] for i in q2.find_scale("client_focus").items)


def test_zone_names_say_what_is_measured_and_the_watch_is_in_the_texts(q2: Questionnaire) -> None:
    assert q2.distance is not None
    zones = q2.distance.zones
    assert zones["too_close"].label == {"es": "Serpiente sin águila", "en": "Serpent without eagle"}
    assert zones["too_far"].label == {"es": "Águila sin serpiente", "en": "Eagle without serpent"}
    assert "Quetzalcóatl" in zones["balanced"].label["en"]
    assert "tres centímetros" in zones["too_close"].advice.diagnosis["es"]  # type: ignore[union-attr]
    assert "three centimetres" in zones["too_close"].advice.diagnosis["en"]  # type: ignore[union-attr]
    assert "tres metros" in zones["too_far"].advice.diagnosis["es"]  # type: ignore[union-attr]
    assert "crawl" not in json.dumps([z.advice.diagnosis for z in zones.values()])  # type: ignore[union-attr]


def test_every_factor_has_advice_for_every_band(q2: Questionnaire) -> None:
    for f in q2.factors:
        assert set(f.advice) == {"risk", "developing", "strength"}, f.id
        for advice in f.advice.values():
            assert advice.diagnosis and len(advice.levers) >= 2


# -- one Spanish for Spain and Latin America, any sector -----------------------------------------


def spanish_texts(q: Questionnaire) -> list[str]:
    def es(t: Text | None) -> list[str]:
        return [t["es"]] if t else []

    out = es(q.title) + es(q.intro) + es(q.account) + [b.label["es"] for b in q.bands]
    for s in q.scales:
        out += es(s.name) + es(s.description) + [i.text["es"] for i in s.items]
        for a in s.advice.values():
            out += es(a.diagnosis) + [lv["es"] for lv in a.levers]
    if q.distance:
        for z in q.distance.zones.values():
            out += es(z.label)
            if z.advice:
                out += es(z.advice.diagnosis) + [lv["es"] for lv in z.advice.levers]
    return out


VOSOTROS = re.compile(
    r"\b(vosotros|vosotras|vuestro|vuestra|vuestros|vuestras|os)\b"  # the pronouns and the clitic
    r"|\b\w+(áis|éis)\b"  # present and future forms: tenéis, haréis, estáis
    r"|\b\w+(ad|ed|id)(lo|la|los|las|le|les|nos)\b"  # imperative with a clitic: revisadlo
    r"|\b(revisad|haced|decid|pensad|mirad|tened|venid|llamad|preguntad|escribid)\b",  # plain imperatives
    re.I,
)
ONE_COUNTRY = re.compile(
    r"\b(costes?|rotura de stock|roturas de stock|a tres años vista|ordenador|coger|llámale|avísale)\b", re.I
)
ONE_SECTOR = re.compile(r"\b(planta|plantas|parada de línea|muestras)\b", re.I)


def test_the_spanish_is_neutral_and_sector_neutral(q2: Questionnaire) -> None:
    texts = spanish_texts(q2)
    assert len(texts) > 150
    assert [t for t in texts if VOSOTROS.search(t)] == []
    assert [t for t in texts if ONE_COUNTRY.search(t)] == []
    assert [t for t in texts if ONE_SECTOR.search(t)] == []


def test_the_neutrality_check_catches_what_the_review_found_in_1_0(q: Questionnaire) -> None:
    # 1.0's vosotros forms were since rewritten (1.0 still shows old results): the check must
    # catch them as the review found them.
    found = ["dile que quedará entre vosotros", "revisad juntos cómo le funciona", "y revisadlo cada trimestre"]
    assert {m.group(0) for t in found for m in VOSOTROS.finditer(t)} == {"vosotros", "revisadlo", "revisad"}
    texts = spanish_texts(q)
    assert [t for t in texts if VOSOTROS.search(t)] == []
    assert {m.group(0).lower() for t in texts for m in ONE_COUNTRY.finditer(t)} >= {"costes", "llámale"}


# -- answer sets: generous, acquiescent, fast -----------------------------------------------------


def test_a_generous_answer_set_is_not_strength_nor_right_distance(q2: Questionnaire) -> None:
    p = score(q2, pattern(q2, direct=4, reverse=2))
    assert {f.band for f in p.factors.values()} == {"developing"}
    assert p.distance is not None and p.distance.zone == "adrift"
    assert p.flags == (UNIFORM_HIGH,)


def test_1_0_reads_the_same_generous_set_as_strength_everywhere(q: Questionnaire) -> None:
    """Why 2.0 exists: on 1.0 the set scores 75, 'strength', in every factor (now at least flagged)."""
    p = score(q, pattern(q, direct=4, reverse=2))
    assert {f.band for f in p.factors.values()} == {"strength"} and p.distance.zone == "balanced"  # type: ignore[union-attr]
    assert p.flags == (UNIFORM_HIGH,)


@pytest.mark.parametrize(("value", "expected"), [(4, 58.3), (5, 66.7)])
def test_agreeing_with_everything_lands_in_the_middle(q2: Questionnaire, value: int, expected: float) -> None:
    p = score(q2, {i: value for i in q2.items})
    assert {round(f.score, 1) for f in p.factors.values()} == {expected}  # type: ignore[arg-type]
    assert {f.band for f in p.factors.values()} == {"developing"}
    assert p.distance is not None and p.distance.zone == "adrift"
    assert p.flags == (STRAIGHT_LINING,)  # acquiescence is not added to what straight-lining says


def test_an_acquiescent_answer_set_is_flagged(q2: Questionnaire) -> None:
    answers = {i: 4 + n % 2 for n, i in enumerate(q2.items)}  # "often" and "always" to everything
    p = score(q2, answers)
    assert p.flags == (ACQUIESCENCE,)
    assert {f.band for f in p.factors.values()} == {"developing"}
    assert p.distance is not None and p.distance.zone == "adrift"
    # Reverse items answered "sometimes" is not agreeing with them: no flag.
    calm = {i.id: 3 if i.reverse else answers[i.id] for i in q2.items.values()}
    assert ACQUIESCENCE not in score(q2, calm).flags


def test_acquiescence_needs_four_answers_of_each_kind(q2: Questionnaire) -> None:
    reverse = [i.id for i in q2.items.values() if i.reverse]
    direct = [i.id for i in q2.items.values() if not i.reverse]
    few = {**{i: 5 for i in direct[:10]}, **{i: 4 for i in reverse[:3]}}
    assert ACQUIESCENCE not in score(q2, few).flags
    assert ACQUIESCENCE in score(q2, {**few, reverse[3]: 4}).flags


def test_answering_faster_than_anyone_can_read_is_flagged(q2: Questionnaire) -> None:
    assert too_fast(119.9, 60) and not too_fast(120, 60)  # under 2 seconds per item
    assert not too_fast(None, 60) and not too_fast(0, 0)
    answers = {i.id: 2 if i.reverse else 4 + n % 2 for n, i in enumerate(q2.items.values())}
    assert score(q2, answers, duration_seconds=45).flags[-1] == TOO_FAST
    assert TOO_FAST not in score(q2, answers, duration_seconds=600).flags
    assert TOO_FAST not in score(q2, answers).flags
    # Counted on the answered items only.
    half = dict(list(answers.items())[:30])
    assert TOO_FAST in score(q2, half, duration_seconds=59).flags
    assert TOO_FAST not in score(q2, half, duration_seconds=60).flags


# -- read client focus and integrity first; the trust equation -------------------------------------


def keyed(q: Questionnaire, by_scale: dict[str, int], default: int = 4) -> dict[str, int]:
    def answer(i: Item) -> int:
        v = by_scale.get(i.scale_id, default)
        return 6 - v if i.reverse else v

    return {i.id: answer(i) for i in q.items.values()}


def test_client_focus_or_integrity_in_the_lowest_band_comes_first(q2: Questionnaire) -> None:
    assert score(q2, keyed(q2, {})).alerts == ()
    p = score(q2, keyed(q2, {"integrity": 2, "client_focus": 1}, default=5))
    assert p.alerts == ("client_focus", "integrity")
    assert p.overall is not None and p.overall > 70  # the average alone would hide them
    assert score(q2, keyed(q2, {"integrity": 2})).alerts == ("integrity",)


def test_the_trust_equation_reading(q2: Questionnaire) -> None:
    neutral = trust_equation(q2, score(q2, {i: 3 for i in q2.items}))
    assert neutral is not None and (neutral.value, neutral.low, neutral.high, neutral.neutral) == (3, 0.6, 15, 3)
    r = trust_equation(q2, score(q2, keyed(q2, {"credibility": 5, "reliability": 4, "intimacy": 3, "client_focus": 2})))
    assert r is not None
    assert (r.credibility, r.reliability, r.intimacy, r.self_orientation) == pytest.approx((5, 4, 3, 4))
    assert r.value == pytest.approx(3.0)
    # Low self-orientation multiplies the same numerator.
    r2 = trust_equation(
        q2, score(q2, keyed(q2, {"credibility": 5, "reliability": 4, "intimacy": 3, "client_focus": 5}))
    )
    assert r2 is not None and r2.value == pytest.approx(12.0)
    unscored = {i: 3 for i in q2.items if not i.startswith("foc2_")}
    assert trust_equation(q2, score(q2, unscored)) is None


# -- the trainer's guide ---------------------------------------------------------------------------

GUIDE_TOPICS = {
    "es": [
        "Que tus ojos guíen tus pasos",
        "tres metros",
        "tres centímetros",
        "Quetzalcóatl",
        "El buitre",
        "El cliente no es un amigo",
        "Negociar con el propio jefe",
        "ecuación de la confianza",
        "Los motivos",
        "no quién vale más",
        "sin exponer a nadie",
        "--min-group 5",
        "30 días",
        "kamtrust compare",
        "kamtrust group compare",
    ],
    "en": [
        "Let your eyes guide your steps",
        "three metres",
        "three centimetres",
        "Quetzalcóatl",
        "The vulture",
        "The client is not a friend",
        "Negotiating with your own boss",
        "trust equation",
        "Motives",
        "not who is worth more",
        "without exposing anyone",
        "--min-group 5",
        "30 days",
        "kamtrust compare",
        "kamtrust group compare",
    ],
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_guide_prints_in_each_language_and_covers_the_debrief(run: Run, lang: str) -> None:
    r = run("questionnaire", "guide", "--lang", lang)
    assert r.exit_code == 0
    assert [topic for topic in GUIDE_TOPICS[lang] if topic not in r.stdout] == []


def test_the_guide_follows_the_locale_and_is_neutral_spanish(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    text = run("questionnaire", "guide").stdout
    assert text.startswith("# Guía del formador")
    assert not VOSOTROS.search(text) and not ONE_COUNTRY.search(text)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run("questionnaire", "guide").stdout.startswith("# Trainer's guide")


def test_the_guide_writes_a_file_and_never_overwrites_silently(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "guide.md"
    r = run("questionnaire", "guide", "-l", "en", "-o", str(out))
    assert r.exit_code == 0 and r.stderr == f"Written to {out}\n"
    assert out.read_text(encoding="utf-8").startswith("# Trainer's guide")
    r = run("questionnaire", "guide", "-l", "es", "-o", str(out))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: no se puede escribir {out}: el archivo ya existe; elige otro nombre o añade --force para "
        "sobrescribirlo\n"
    )
    assert run("questionnaire", "guide", "-l", "es", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Guía del formador")


def test_the_guide_refuses_a_language_it_does_not_have(run: Run) -> None:
    r = run("questionnaire", "guide", "--lang", "fr")
    assert r.exit_code == 2
    assert "unknown language 'fr' for the trainer's guide; it is available in: es, en" in r.stderr


# -- comparing 1.0 with 2.0 at factor level (engine side) ------------------------------------------


def test_1_0_and_2_0_compare_factor_by_factor_but_not_by_item_band_or_zone(q: Questionnaire, q2: Questionnaire) -> None:
    from kamtrust.engine.versions import bridge

    b = bridge(q, q2)
    assert b is not None and (b.questionnaire_id, b.old_version, b.new_version) == ("kamtrust-8", "1.0", "2.0")
    assert b.factors == tuple(f.id for f in q2.factors) and b.poles == ("proximity", "perspective")
    assert b.items_changed and not b.bands_comparable and not b.zones_comparable
    same = bridge(q2, resolve("kamtrust-8@2.0"))
    assert same is not None and not same.items_changed and same.bands_comparable and same.zones_comparable
    other = parse_questionnaire(BUILTIN.read_text(encoding="utf-8").replace("id: kamtrust-8", "id: other", 1))
    assert bridge(q, other) is None


@pytest.mark.usefixtures("unpinned")
def test_compare_and_report_compare_a_1_0_result_with_a_2_0_one(
    run: Run, q: Questionnaire, q2: Questionnaire, tmp_path: Path, data_dir: Path
) -> None:
    old = write_answers(tmp_path / "old.json", {i: 3 for i in q.items})
    new = write_answers(tmp_path / "new.json", {i: 2 if q2.items[i].reverse else 4 for i in q2.items})
    assert (
        run("assess", "--answers", str(old), "-q", V1, "--lang", "en", "--out", str(tmp_path / "r1.json")).exit_code
        == 0
    )
    assert run("assess", "--answers", str(new), "--lang", "en", "--out", str(tmp_path / "r2.json")).exit_code == 0
    r = run("compare", str(tmp_path / "r1.json"), str(tmp_path / "r2.json"), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "different versions of kamtrust-8 (1.0 and 2.0)" in r.stderr
    assert "Credibility" in r.stdout and "+25.0" in r.stdout
    out = tmp_path / "report.html"
    r = run("report", str(tmp_path / "r2.json"), "--compare", str(tmp_path / "r1.json"), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "different versions of kamtrust-8 (1.0 and 2.0)" in out.read_text(encoding="utf-8")


def test_every_flag_is_explained_in_both_languages() -> None:
    from kamtrust.engine.scoring import FLAGS
    from kamtrust.i18n import MESSAGES

    assert [(lang, f) for lang in ("es", "en") for f in FLAGS if f"flag_{f}" not in MESSAGES[lang]] == []


@pytest.mark.usefixtures("unpinned")
def test_the_profile_and_the_report_explain_a_generous_answer_set(run: Run, q2: Questionnaire, tmp_path: Path) -> None:
    f = write_answers(tmp_path / "a.json", pattern(q2, direct=4, reverse=2))
    out = tmp_path / "r.json"
    r = run("assess", "--answers", str(f), "--lang", "es", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "todos los factores altos y parecidos" in " ".join(r.stdout.split())
    details = run("show", str(out), "--details")
    assert "Las autoevaluaciones suelen ser generosas" in " ".join(details.stdout.split())
    html = tmp_path / "r.html"
    assert run("report", str(out), "-o", str(html), "--lang", "en").exit_code == 0
    assert "Self-assessments tend to be generous: ask a client" in html.read_text(encoding="utf-8")


def test_renderers_get_the_same_readings_from_a_saved_profile(q2: Questionnaire) -> None:
    from kamtrust.engine.trust import alerts_from_bands, trust_equation_from_scores
    from kamtrust.results.document import profile_to_dict

    p = score(q2, keyed(q2, {"integrity": 2, "client_focus": 1, "credibility": 5}, default=4))
    saved = profile_to_dict(p)["factors"]
    assert trust_equation_from_scores(q2, {k: v["score"] for k, v in saved.items()}) == trust_equation(q2, p)
    assert alerts_from_bands(q2, {k: v["band"] for k, v in saved.items()}) == p.alerts == ("client_focus", "integrity")
