"""Load a questionnaire YAML file and validate it, reporting every problem with its line."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from kamtrust.errors import Problem, QuestionnaireError
from kamtrust.i18n import plural
from kamtrust.inputfile import Reason, read_bytes, reason
from kamtrust.located import LocDict, LocList
from kamtrust.questionnaire.model import (
    POLE_IDS,
    ROLE_IDS,
    ZONE_IDS,
    Advice,
    Band,
    Distance,
    Item,
    LikertScale,
    Questionnaire,
    Scale,
    Text,
    Zone,
)

ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
DEFAULT_BANDS = (
    Band("risk", 0, {"es": "A reforzar", "en": "Needs focus"}),
    Band("developing", 50, {"es": "En desarrollo", "en": "Developing"}),
    Band("strength", 75, {"es": "Fortaleza", "en": "Strength"}),
)
DEFAULT_THRESHOLD = 60


def load_questionnaire(path: Path, label: str | None = None) -> Questionnaire:
    """Read and validate ``path``; raise QuestionnaireError listing every problem."""
    name = label or str(path)
    return _parsed(read_bytes(path, name), name)


@lru_cache(maxsize=8)
def _parsed(raw: bytes, name: str) -> Questionnaire:
    """Validated once per text and name: one process resolves the same file for every result.

    A built-in questionnaire's values come parsed ahead of time (kamtrust.questionnaire.prebuilt);
    should they not validate, the YAML is the judge: it is parsed, and its problems are the ones said."""
    from kamtrust.questionnaire.prebuilt import located

    data = located(raw)
    if data is not None:
        try:
            return _finish(data, [], name)
        except QuestionnaireError:
            pass
    return parse_questionnaire(raw, name)


def parse_questionnaire(text: str | bytes, name: str = "<questionnaire>") -> Questionnaire:
    """Validate questionnaire YAML given as text (for tests and embedded use)."""
    from kamtrust.yamlfile import parse_located  # PyYAML: only for a file not parsed ahead of time

    data, problems = parse_located(text, name)
    return _finish(data, problems, name)


def validation_warnings(q: Questionnaire, lang: str = "en") -> list[str]:
    """Advice on a valid questionnaire's design (short scales, no reverse-keyed item), in ``lang``."""
    notes = []
    for s in q.scales:
        minimum = 5 if s.kind == "factor" else 4
        if len(s.items) < minimum:
            key = plural("qv_note_few_items", len(s.items))
            notes.append(reason(key, id=s.id, n=len(s.items), minimum=minimum).text(lang))
        if not any(i.reverse for i in s.items):
            notes.append(reason("qv_note_no_reverse", id=s.id).text(lang))
    return notes


def rater_coverage(q: Questionnaire, lang: str = "en") -> list[str]:
    """Per role that can rate anything: how many items, and which scales it cannot rate, in ``lang``."""
    notes = []
    for role in ROLE_IDS:
        items = q.rated_by(role)
        if not items:
            continue
        unrated = [s.id for s in q.scales if not any(role in i.observers for i in s.items)]
        if unrated:
            note = reason(plural("qv_note_raters_some", len(items)), role=role, n=len(items), scales=", ".join(unrated))
        else:
            note = reason(plural("qv_note_raters_all", len(items)), role=role, n=len(items))
        notes.append(note.text(lang))
    if q.manager_alone:
        notes.append(reason("qv_note_manager_alone").text(lang))
    return notes


def _finish(data: Any, problems: list[Problem], name: str) -> Questionnaire:
    validator = _Validator(name, problems)
    q = validator.questionnaire(data)
    if validator.problems or q is None:
        validator.problems.sort(key=lambda p: p.line or 0)
        raise QuestionnaireError(name, validator.problems)
    return Questionnaire(**{**q.__dict__, "source": name})


def _type_name(value: Any) -> Reason:
    """What a value found in the file is, said in the problem's words ("the number 1")."""
    if value is None:
        return reason("qv_found_nothing")
    if isinstance(value, bool):
        return reason("qv_found_boolean", value=str(value).lower())
    if isinstance(value, (int, float)):
        return reason("qv_found_number", value=_as_written(value))
    if isinstance(value, str):
        return reason("qv_found_text", value=value) if len(value) < 40 else reason("qv_found_long_text")
    if isinstance(value, list):
        return reason("qv_found_list")
    if isinstance(value, dict):
        return reason("qv_found_mapping")
    return reason("qv_found_type", type=type(value).__name__)


class _Validator:
    """Walks the located YAML data, building the model and collecting problems."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = list(problems)
        self.languages: tuple[str, ...] = ()
        self.languages_ok = True
        """False when ``languages`` itself is wrong: texts are then not checked against it."""
        self.band_ids: list[str] = []
        self.texts = 0
        """Texts given per language (mappings): when every one lacks a declared language, say it once."""
        self.gaps: list[tuple[str, str, int | None, str]] = []
        """Each text's missing or undeclared language, in the order found: (key, code, line, where)."""
        """Every band declared with a valid id, even one with another problem (its advice is no unknown band)."""
        self.item_lines: dict[str, int | None] = {}
        self.scale_lines: dict[str, int | None] = {}

    # -- helpers ---------------------------------------------------------------

    def err(self, line: int | None, where: str, key: str, /, **values: Any) -> None:
        """Record the problem ``key`` of the catalogue, with ``values``, at ``line`` and ``where``."""
        why = Reason(key, tuple(values.items()))
        self.problems.append(Problem(self.name, line, where, why.text("en"), why))

    @staticmethod
    def line_of(parent: Any, key: Any) -> int | None:
        if isinstance(parent, LocDict):
            return parent.key_lines.get(key, parent.line)
        if isinstance(parent, LocList) and isinstance(key, int) and key < len(parent.item_lines):
            return parent.item_lines[key]
        return getattr(parent, "line", None)

    def mapping(
        self,
        value: Any,
        where: str,
        line: int | None,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> LocDict | None:
        if not isinstance(value, dict):
            self.err(line, where, "qv_mapping", keys=", ".join(required), found=_type_name(value))
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                hint = reason("qv_one_of", keys=", ".join(allowed))
                if where == "" and key == "items":
                    hint = reason("qv_items_at_top")
                self.err(self.line_of(value, key), _join(where, key), "qv_unknown_key", name=key, hint=hint)
        for key in required:
            if key not in value:
                self.err(getattr(value, "line", line), where, "qv_missing_key", name=key)
        return cast("LocDict", value)  # the YAML loader builds every mapping as a LocDict

    def ident(self, value: Any, where: str, line: int | None) -> str | None:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.err(line, where, "qv_id", found=_type_name(value))
            return None
        return value

    def text(self, value: Any, where: str, line: int | None) -> Text | None:
        if not self.languages_ok:
            return self.unchecked_text(value)
        langs = self.languages
        if isinstance(value, str):
            if not value.strip():
                self.err(line, where, "qv_empty_text")
                return None
            if len(langs) > 1:
                self.err(line, where, "qv_single_text", langs=", ".join(langs))
                return None
            return {lang: value for lang in langs} if langs else {"": value}
        if not isinstance(value, dict):
            self.err(line, where, "qv_text_per_language", langs=", ".join(langs), found=_type_name(value))
            return None
        out: dict[str, str] = {}
        self.texts += 1
        for lang in langs:
            if lang not in value:
                self.gaps.append(
                    ("qv_missing_language", lang, value.line if isinstance(value, LocDict) else line, where)
                )
        for lang, t in value.items():
            if lang not in langs:
                self.gaps.append(("qv_undeclared_language", lang, self.line_of(value, lang), _join(where, lang)))
            elif not isinstance(t, str) or not t.strip():
                self.err(self.line_of(value, lang), _join(where, lang), "qv_nonempty_text", found=_type_name(t))
            else:
                out[lang] = t.strip()
        return out if len(out) == len(langs) else None

    def language_gaps(self, line: int | None) -> None:
        """Each text's missing or undeclared language; a language every text lacks (or every text
        has, undeclared) once, at ``languages`` (``line``): the file's list is what is wrong there."""
        langs = ", ".join(self.languages)
        counts = Counter((key, code) for key, code, _, _ in self.gaps)
        everywhere = {gap for gap, n in counts.items() if n == self.texts > 1}
        for key, code in sorted(everywhere):
            said = "qv_language_nowhere" if key == "qv_missing_language" else "qv_language_everywhere"
            self.err(line, "languages", said, code=code, langs=langs)
        for key, code, at, where in self.gaps:
            if (key, code) not in everywhere:
                self.err(at, where, key, code=code, langs=langs)

    @staticmethod
    def unchecked_text(value: Any) -> Text | None:
        """A text read without checking its languages, since ``languages`` is already reported wrong."""
        if isinstance(value, str) and value.strip():
            return {"": value}
        if isinstance(value, dict) and value and all(isinstance(v, str) and v.strip() for v in value.values()):
            return {str(k): v.strip() for k, v in value.items()}
        return None

    def advice(self, value: Any, where: str, line: int | None) -> Advice | None:
        if isinstance(value, dict) and "diagnosis" in value:
            m = self.mapping(value, where, line, ("diagnosis",), ("levers",))
            assert m is not None
            diagnosis = self.text(m["diagnosis"], _join(where, "diagnosis"), self.line_of(m, "diagnosis"))
            levers: list[Text] = []
            raw = m.get("levers", [])
            if not isinstance(raw, list):
                self.err(
                    self.line_of(m, "levers"),
                    _join(where, "levers"),
                    "qv_list_of_texts",
                    found=_type_name(raw),
                )
                return None
            for i, lever in enumerate(raw):
                t = self.text(lever, f"{where}.levers[{i}]", self.line_of(raw, i))
                if t is not None:
                    levers.append(t)
            if diagnosis is None or len(levers) != len(raw):
                return None
            return Advice(diagnosis, tuple(levers))
        diagnosis = self.text(value, where, line)
        return Advice(diagnosis) if diagnosis is not None else None

    def seq(self, value: Any, where: str, line: int | None, what: str) -> LocList | None:
        """A non-empty list of ``what`` (factors, items or bands)."""
        if not isinstance(value, list) or not value:
            self.err(line, where, "qv_nonempty_list", things=reason(f"qv_list_of_{what}"), found=_type_name(value))
            return None
        return value  # type: ignore[return-value]

    # -- sections --------------------------------------------------------------

    def questionnaire(self, data: Any) -> Questionnaire | None:
        root = self.mapping(
            data,
            "",
            getattr(data, "line", 1),
            ("id", "version", "languages", "title", "scale", "factors"),
            ("intro", "account", "bands", "distance", "description", "manager_alone"),
        )
        if root is None:
            return None
        qid = self.ident(root.get("id"), "id", self.line_of(root, "id")) if "id" in root else None
        version = root.get("version")
        if "version" in root and (not isinstance(version, str) or not version.strip()):
            self.err(
                self.line_of(root, "version"),
                "version",
                "qv_version",
                found=_type_name(version),
            )
        self.languages = (
            self.langs(root.get("languages"), self.line_of(root, "languages")) if "languages" in root else ()
        )
        title = self.text(root["title"], "title", self.line_of(root, "title")) if "title" in root else None
        intro = self.text(root["intro"], "intro", self.line_of(root, "intro")) if "intro" in root else None
        account = self.text(root["account"], "account", self.line_of(root, "account")) if "account" in root else None
        if intro and account is None and any("{account}" in t for t in intro.values()):
            self.err(
                self.line_of(root, "intro"),
                "intro",
                "qv_account_text",
            )
        if "description" in root:
            self.text(root["description"], "description", self.line_of(root, "description"))
        scale = self.likert(root.get("scale"), self.line_of(root, "scale")) if "scale" in root else None
        bands = self.bands(root["bands"], self.line_of(root, "bands")) if "bands" in root else DEFAULT_BANDS
        # Advice is checked against the declared bands; not at all when ``bands`` itself is no list.
        band_ids = tuple(self.band_ids) if "bands" in root else tuple(b.id for b in bands)
        factors: list[Scale] = []
        raw_factors = (
            self.seq(root.get("factors"), "factors", self.line_of(root, "factors"), "factors")
            if "factors" in root
            else None
        )
        for i, raw in enumerate(raw_factors or []):
            f = self.scale(raw, f"factors[{i}]", raw_factors.item_lines[i], "factor", band_ids)  # type: ignore[union-attr]
            if f is not None:
                factors.append(f)
        distance = self.distance(root["distance"], self.line_of(root, "distance")) if "distance" in root else None
        manager_alone = root.get("manager_alone", False)
        if not isinstance(manager_alone, bool):
            self.err(
                self.line_of(root, "manager_alone"),
                "manager_alone",
                "qv_boolean",
                found=_type_name(manager_alone),
            )
        self.language_gaps(self.line_of(root, "languages"))
        if self.problems:
            return None
        assert qid and isinstance(version, str) and title and scale and bands
        return Questionnaire(
            id=qid,
            version=version.strip(),
            languages=self.languages,
            title=title,
            scale=scale,
            bands=bands,
            factors=tuple(factors),
            distance=distance,
            intro=intro,
            account=account,
            manager_alone=manager_alone is True,
        )

    def langs(self, value: Any, line: int | None) -> tuple[str, ...]:
        """The declared languages; any wrong one leaves ``languages_ok`` False (reported once)."""
        if not isinstance(value, list) or not value:
            self.err(line, "languages", "qv_languages", found=_type_name(value))
            self.languages_ok = False
            return ()
        out: list[str] = []
        for i, code in enumerate(value):
            where = f"languages[{i}]"
            if not isinstance(code, str) or not LANG_RE.match(code):
                self.err(
                    self.line_of(value, i),
                    where,
                    "qv_language_code",
                    found=_type_name(code),
                )
                self.languages_ok = False
            elif code in out:
                self.err(self.line_of(value, i), where, "qv_language_twice", code=code)
            else:
                out.append(code)
        return tuple(out)

    def likert(self, value: Any, line: int | None) -> LikertScale | None:
        """The answer scale: min and max (1 and 5 when left out) and a label for every point."""
        m = self.mapping(value, "scale", line, ("labels",), ("min", "max"))
        if m is None:
            return None
        lo, hi = m.get("min", 1), m.get("max", 5)
        ok = self.likert_range(m, lo, hi)
        if "labels" not in m:
            return None
        labels = m["labels"]
        if not isinstance(labels, dict):
            self.err(self.line_of(m, "labels"), "scale.labels", "qv_labels", found=_type_name(labels))
            return None
        out = self.point_labels(labels, lo, hi, ok)
        if ok:
            self.missing_points(labels, lo, hi, line)
        if not ok or len(out) != hi - lo + 1:
            return None
        return LikertScale(lo, hi, dict(sorted(out.items())))

    def likert_range(self, m: LocDict, lo: Any, hi: Any) -> bool:
        """The scale's min and max: whole numbers, max above min, at most 21 points."""
        ok = True
        for key, v in (("min", lo), ("max", hi)):
            if not _is_whole(v):
                self.err(self.line_of(m, key), f"scale.{key}", "qv_whole", found=_type_name(v))
                ok = False
        if not ok:
            return False
        if hi - lo < 1:
            self.err(self.line_of(m, "max"), "scale.max", "qv_max_above_min", min=lo, max=hi)
            return False
        if hi - lo > 20:
            self.err(self.line_of(m, "max"), "scale", "qv_too_many_points", n=hi - lo + 1)
            return False
        return True

    def point_labels(self, labels: dict[Any, Any], lo: Any, hi: Any, range_ok: bool) -> dict[int, Text]:
        """Each label keyed by a point of the scale (checked against lo..hi only when they are valid)."""
        out: dict[int, Text] = {}
        for key, raw in labels.items():
            where = f"scale.labels.{key}"
            if not _is_whole(key) or (range_ok and not lo <= key <= hi):
                self.err(
                    self.line_of(labels, key),
                    where,
                    "qv_point_key",
                    min=_as_written(lo),
                    max=_as_written(hi),
                    found=_type_name(key),
                )
                continue
            t = self.text(raw, where, self.line_of(labels, key))
            if t is not None:
                out[key] = t
        return out

    def missing_points(self, labels: dict[Any, Any], lo: int, hi: int, line: int | None) -> None:
        """One problem per point of lo..hi that has no label."""
        for point in range(lo, hi + 1):
            if point not in labels:
                self.err(
                    labels.line if isinstance(labels, LocDict) else line,
                    "scale.labels",
                    "qv_missing_point",
                    point=point,
                    min=lo,
                    max=hi,
                )

    def bands(self, value: Any, line: int | None) -> tuple[Band, ...]:
        seq = self.seq(value, "bands", line, "bands")
        if seq is None:
            return ()
        out: list[Band] = []
        for i, raw in enumerate(seq):
            where, bline = f"bands[{i}]", seq.item_lines[i]
            m = self.mapping(raw, where, bline, ("id", "min", "label"))
            if m is None or any(k not in m for k in ("id", "min", "label")):
                continue
            bid = self.ident(m["id"], f"{where}.id", self.line_of(m, "id"))
            if bid and bid not in self.band_ids:
                self.band_ids.append(bid)
            lo = m["min"]
            label = self.text(m["label"], f"{where}.label", self.line_of(m, "label"))
            if isinstance(lo, bool) or not isinstance(lo, (int, float)) or not 0 <= lo <= 100:
                self.err(self.line_of(m, "min"), f"{where}.min", "qv_band_min", found=_type_name(lo))
                continue
            if i == 0 and lo != 0:
                self.err(self.line_of(m, "min"), f"{where}.min", "qv_first_band", min=_as_written(lo))
            if out and lo <= out[-1].min:
                self.err(
                    self.line_of(m, "min"),
                    f"{where}.min",
                    "qv_band_order",
                    min=_as_written(lo),
                    previous=_as_written(out[-1].min),
                )
            if bid and any(b.id == bid for b in out):
                self.err(self.line_of(m, "id"), f"{where}.id", "qv_band_twice", id=bid)
            if bid and label:
                out.append(Band(bid, lo, label))
        return tuple(out)

    def scale(
        self, raw: Any, where: str, line: int | None, kind: str, band_ids: tuple[str, ...], fixed_id: str | None = None
    ) -> Scale | None:
        """A factor (with its id and advice per band) or a distance pole (``fixed_id``)."""
        required = ("id", "name", "items", "advice") if kind == "factor" else ("name", "items")
        m = self.mapping(raw, where, line, required, ("description",))
        if m is None:
            return None
        sid = fixed_id or self.factor_id(m, where)
        name = self.text(m["name"], f"{where}.name", self.line_of(m, "name")) if "name" in m else None
        desc = (
            self.text(m["description"], f"{where}.description", self.line_of(m, "description"))
            if "description" in m
            else {}
        )
        raw_items = (
            self.seq(m.get("items"), f"{where}.items", self.line_of(m, "items"), "items") if "items" in m else None
        )
        items = self.scale_items(raw_items, where, sid or "?")
        advice = (
            self.band_advice(m["advice"], f"{where}.advice", self.line_of(m, "advice"), band_ids)
            if kind == "factor" and "advice" in m
            else {}
        )
        if not (sid and name is not None and desc is not None and raw_items and len(items) == len(raw_items)):
            return None
        self.observable(sid, items, where, line)
        return Scale(sid, "factor" if kind == "factor" else "pole", name, desc, tuple(items), advice)

    def factor_id(self, m: LocDict, where: str) -> str | None:
        """A factor's id: not a distance pole's, and not another factor's."""
        if "id" not in m:
            return None
        sid = self.ident(m["id"], f"{where}.id", self.line_of(m, "id"))
        if sid is None:
            return None
        if sid in POLE_IDS:
            self.err(
                self.line_of(m, "id"),
                f"{where}.id",
                "qv_pole_id",
                id=sid,
            )
        if sid in self.scale_lines:
            self.err(self.line_of(m, "id"), f"{where}.id", "qv_factor_twice", id=sid, line=self.scale_lines[sid])
        self.scale_lines[sid] = self.line_of(m, "id")
        return sid

    def scale_items(self, raw_items: LocList | None, where: str, scale_id: str) -> list[Item]:
        """The scale's valid items (fewer than ``raw_items`` when any has a problem)."""
        if raw_items is None:
            return []
        items = [
            self.item(raw, f"{where}.items[{i}]", raw_items.item_lines[i], scale_id) for i, raw in enumerate(raw_items)
        ]
        return [item for item in items if item is not None]

    def band_advice(self, value: Any, where: str, line: int | None, band_ids: tuple[str, ...]) -> dict[str, Advice]:
        """A factor's advice: one per band, for the questionnaire's bands only (any, when none is declared)."""
        if not isinstance(value, dict):
            if band_ids:
                self.err(line, where, "qv_advice", bands=", ".join(band_ids), found=_type_name(value))
            else:
                self.err(line, where, "qv_advice_any", found=_type_name(value))
            return {}
        for bid in band_ids:
            if bid not in value:
                self.err(getattr(value, "line", line), where, "qv_missing_advice", band=bid)
        advice: dict[str, Advice] = {}
        for bid, raw in value.items():
            if band_ids and bid not in band_ids:
                self.err(
                    self.line_of(value, bid),
                    f"{where}.{bid}",
                    "qv_unknown_band",
                    band=bid,
                    bands=", ".join(band_ids),
                )
                continue
            adv = self.advice(raw, f"{where}.{bid}", self.line_of(value, bid))
            if adv is not None:
                advice[bid] = adv
        return advice

    def item(self, raw: Any, where: str, line: int | None, scale_id: str) -> Item | None:
        m = self.mapping(raw, where, line, ("id", "text"), ("reverse", "observer", "observers"))
        if m is None:
            return None
        iid = self.ident(m["id"], f"{where}.id", self.line_of(m, "id")) if "id" in m else None
        if iid:
            if iid in self.item_lines:
                self.err(
                    self.line_of(m, "id"),
                    f"{where}.id",
                    "qv_item_twice",
                    id=iid,
                    line=self.item_lines[iid],
                )
                iid = None
            else:
                self.item_lines[iid] = self.line_of(m, "id")
        text = self.text(m["text"], f"{where}.text", self.line_of(m, "text")) if "text" in m else None
        reverse = m.get("reverse", False)
        if not isinstance(reverse, bool):
            self.err(self.line_of(m, "reverse"), f"{where}.reverse", "qv_boolean", found=_type_name(reverse))
            return None
        observers = self.roles(m.get("observers"), f"{where}.observers", self.line_of(m, "observers"))
        observer = (
            self.text(m["observer"], f"{where}.observer", self.line_of(m, "observer")) if "observer" in m else None
        )
        if "observer" in m and "observers" not in m:
            self.err(
                self.line_of(m, "observer"),
                f"{where}.observer",
                "qv_observer_needs_roles",
                roles=", ".join(ROLE_IDS),
            )
        if "observers" in m and "observer" not in m:
            self.err(
                self.line_of(m, "observers"),
                f"{where}.observers",
                "qv_roles_need_observer",
            )
        if not iid or text is None or observers is None or ("observer" in m and observer is None):
            return None
        return Item(iid, scale_id, text, reverse, observer, observers)

    def roles(self, value: Any, where: str, line: int | None) -> tuple[str, ...] | None:
        """The ``observers`` list: known roles, each once; None after reporting a problem."""
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            self.err(line, where, "qv_roles", roles=", ".join(ROLE_IDS), found=_type_name(value))
            return None
        out: list[str] = []
        for i, role in enumerate(value):
            if role not in ROLE_IDS:
                self.err(
                    self.line_of(value, i),
                    f"{where}[{i}]",
                    "qv_unknown_role",
                    role=repr(role),
                    roles=", ".join(ROLE_IDS),
                )
                return None
            if role in out:
                self.err(self.line_of(value, i), f"{where}[{i}]", "qv_role_twice", role=role)
                return None
            out.append(role)
        return tuple(out)

    def observable(self, sid: str, items: list[Item], where: str, line: int | None) -> None:
        """Each role rates none of a scale's items, or enough of them to score it (the ⅔ rule)."""
        needed = -(-2 * len(items) // 3)
        for role in ROLE_IDS:
            count = sum(role in i.observers for i in items)
            if 0 < count < needed:
                self.err(
                    line,
                    where,
                    "qv_two_thirds",
                    id=sid,
                    role=role,
                    count=count,
                    total=len(items),
                    needed=needed,
                )

    def distance(self, value: Any, line: int | None) -> Distance | None:
        m = self.mapping(value, "distance", line, ("poles", "zones"), ("threshold",))
        if m is None:
            return None
        threshold = m.get("threshold", DEFAULT_THRESHOLD)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 100:
            self.err(
                self.line_of(m, "threshold"),
                "distance.threshold",
                "qv_threshold",
                found=_type_name(threshold),
            )
        poles: dict[str, Scale] = {}
        raw_poles = (
            self.mapping(m.get("poles"), "distance.poles", self.line_of(m, "poles"), POLE_IDS) if "poles" in m else None
        )
        for pid in POLE_IDS:
            if raw_poles is not None and pid in raw_poles:
                pole = self.scale(
                    raw_poles[pid], f"distance.poles.{pid}", self.line_of(raw_poles, pid), "pole", (), fixed_id=pid
                )
                if pole is not None:
                    poles[pid] = pole
        zones: dict[str, Zone] = {}
        raw_zones = (
            self.mapping(m.get("zones"), "distance.zones", self.line_of(m, "zones"), ZONE_IDS) if "zones" in m else None
        )
        for zid in ZONE_IDS:
            if raw_zones is None or zid not in raw_zones:
                continue
            where = f"distance.zones.{zid}"
            z = self.mapping(raw_zones[zid], where, self.line_of(raw_zones, zid), ("label", "advice"))
            if z is None or "label" not in z or "advice" not in z:
                continue
            label = self.text(z["label"], f"{where}.label", self.line_of(z, "label"))
            adv = self.advice(z["advice"], f"{where}.advice", self.line_of(z, "advice"))
            if label is not None and adv is not None:
                zones[zid] = Zone(zid, label, adv)
        if len(poles) != 2 or len(zones) != 4 or isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            return None
        return Distance(float(threshold), poles["proximity"], poles["perspective"], zones)


def _as_written(value: Any) -> str:
    """A number quoted from the file as the file writes it: ``2.0``, never ``2,0`` (a comma would be
    a different YAML value, so the problem must not suggest one)."""
    return str(value)


def _is_whole(value: Any) -> bool:
    """A whole number (YAML's true and false are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)
