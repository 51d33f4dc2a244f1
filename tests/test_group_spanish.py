"""Every group command, in every format, with --lang es: not one English word a user reads.

The outputs (stdout, stderr, written files, XLSX sheets) of ``group summary``, ``group compare``
and ``group report`` are searched for English marker words. Excepted: ids, file paths, option
names (``--by``), JSON field names and codes (they are data: only JSON ``reason`` sentences are
read), and words spelt alike in both languages ("Factor", "Total", "n", "d_z").
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, write_result

Run = Callable[..., Any]

# Whole words (case-sensitive) that only English output would contain.
ENGLISH = (
    "the",
    "The",
    "results",
    "result",
    "hidden",
    "Hidden",
    "Overall",
    "overall",
    "Mean",
    "mean",
    "Group",
    "group",
    "not given",
    "Response notes",
    "Notes",
    "Before",
    "before",
    "After",
    "after",
    "Change",
    "change",
    "Paired",
    "paired",
    "Scores",
    "Score",
    "Items",
    "Item",
    "Statement",
    "Scale",
    "scale",
    "Note",
    "note",
    "warning",
    "Written",
    "Strongest",
    "strongest",
    "Weakest",
    "weakest",
    "Reliability",
    "Participants",
    "About",
    "Zones",
    "Moves",
    "unfinished",
    "left out",
    "files",
    "people",
    "with",
    "and",
    "of",
    "by",
    "nobody",
    "answers",
    "alpha",
    "questionnaire",
    "median",
    "Median",
    "kind",
    "name",
    "flag",
    "position",
    "reverse",
    "Client",
    "Bands",
    "Min",
    "Max",
    "Pairs",
    "summarised",
    "ambiguous",
    "complete",
    "not shown",
    "withheld",
    "unreadable",
    "What to work",
    "Weak",
    "Spread",
    "version",
    "selected",
    "other accounts",
    "subtraction",
    "fewer",
    "Factors",
    "cannot",
    "shown",
    "answer",
    "Account",
    "account",
    "cohort",
    "field",
    "value",
    "split",
)
MARKERS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")
OPTION = re.compile(r"--[a-z][a-z-]*(?: (?:name|account|cohort))?")
WIDE = {"COLUMNS": "120"}


def english_in(text: str, tmp: Path) -> list[str]:
    """The English marker words in ``text`` once paths and option names are taken out."""
    text = text.replace(str(tmp), "<tmp>")
    text = re.sub(r"<tmp>\S*", "<path>", text)
    text = OPTION.sub("<option>", text)
    text = text.replace("kamtrust group summary", "").replace("kamtrust compare", "")
    text = re.sub(r"(?<=[,;|]) ?overall ?(?=[,;|])", "<id>", text)  # the overall score's id column
    text = re.sub(r"(?m)^overall$", "<id>", text)  # the same id in an XLSX cell
    return sorted({m.group(1) for m in MARKERS.finditer(text)})


def json_reasons(text: str) -> str:
    """Every ``reason`` sentence of a JSON document (the rest is data with English field names)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "reason" and isinstance(value, str):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(text))
    return "\n".join(found)


def visible_html(text: str) -> str:
    """What a reader of the HTML page sees: no tags, styles, scripts or attributes."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<title>.*?</title>", lambda m: m.group(0), text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def xlsx_text(path: Path) -> str:
    """Sheet names and every shared string of a workbook."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
        names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
        strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
    return html.unescape("\n".join([*names, *strings]))


@pytest.fixture
def sessions(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    """Two sessions of a mixed folder: small subgroups (hidden figures), a partial, a broken file."""
    before, after = tmp_path / "s1", tmp_path / "s2"
    accounts = ["Acme"] * 5 + ["Distribuciones Norte"] * 4 + ["Beta"]
    for n, account in enumerate(accounts):
        pid = f"p{n}"
        write_result(before, q, keyed(q, {"credibility": 2 + n % 3}), pid=pid, account=account, cohort="Madrid")
        if n != 3:  # one dropout
            write_result(after, q, keyed(q, {"credibility": 3 + n % 3}), pid=pid, account=account, cohort="Madrid")
    write_result(after, q, keyed(q, {}), pid="new", account="Acme", cohort="Madrid")
    write_result(before, q, keyed(q, {}), account="Acme", partial=True)
    # Not UTF-8 (the JSON parser's own message for broken JSON is Python's English: not ours).
    (after / "broken.json").write_bytes(b"\xff\xfe{")
    return before, after


def check(run: Run, tmp_path: Path, *args: str, out: Path | None = None, kind: str = "text") -> None:
    """Run ``args`` with --lang es and fail on any English word it shows."""
    extra = ("-o", str(out)) if out is not None else ()
    r = run(*args, *extra, "--lang", "es", env=WIDE)
    assert r.exit_code == 0, r.stderr
    shown = r.stdout
    if out is not None:
        shown = xlsx_text(out) if kind == "xlsx" else out.read_text(encoding="utf-8-sig")
    if kind == "json":
        shown = json_reasons(shown)
    elif kind == "html":
        shown = visible_html(shown)
    found = english_in(shown + "\n" + r.stderr, tmp_path)
    assert not found, f"{' '.join(args)}: English words {found} in:\n{shown}\n{r.stderr}"


SUMMARY_OPTIONS = (("--items", "--by", "account"), ("--by", "cohort"), ("--items",))


@pytest.mark.parametrize("options", SUMMARY_OPTIONS)
@pytest.mark.parametrize("fmt", ["table", "csv", "csv;", "json", "md", "xlsx", "txt"])
def test_group_summary_in_spanish(
    run: Run, sessions: tuple[Path, Path], tmp_path: Path, fmt: str, options: tuple[str, ...]
) -> None:
    before, after = sessions
    paths = (str(before), str(after))
    if fmt == "xlsx":
        check(run, tmp_path, "group", "summary", *paths, *options, out=tmp_path / "s.xlsx", kind="xlsx")
    elif fmt == "txt":
        check(run, tmp_path, "group", "summary", *paths, *options, out=tmp_path / "s.txt")
    elif fmt == "csv;":
        check(run, tmp_path, "group", "summary", *paths, *options, "-f", "csv", "--sep", ";")
    else:
        check(run, tmp_path, "group", "summary", *paths, *options, "-f", fmt, kind=fmt)


@pytest.mark.parametrize("by", [(), ("--by", "account")])
@pytest.mark.parametrize("fmt", ["table", "csv", "csv;", "json", "md", "xlsx", "txt"])
def test_group_compare_in_spanish(
    run: Run, sessions: tuple[Path, Path], tmp_path: Path, fmt: str, by: tuple[str, ...]
) -> None:
    before, after = (str(p) for p in sessions)
    if fmt == "xlsx":
        check(run, tmp_path, "group", "compare", before, after, *by, out=tmp_path / "c.xlsx", kind="xlsx")
    elif fmt == "txt":
        check(run, tmp_path, "group", "compare", before, after, *by, out=tmp_path / "c.txt")
    elif fmt == "csv;":
        check(run, tmp_path, "group", "compare", before, after, *by, "-f", "csv", "--sep", ";")
    else:
        check(run, tmp_path, "group", "compare", before, after, *by, "-f", fmt, kind=fmt)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_group_report_in_spanish(run: Run, sessions: tuple[Path, Path], tmp_path: Path, fmt: str) -> None:
    before, after = (str(p) for p in sessions)
    args = ("group", "report", after, "--before", before, "--by", "account", "-f", fmt)
    check(run, tmp_path, *args, kind=fmt)
    check(run, tmp_path, *args, out=tmp_path / f"r.{fmt}", kind=fmt)


def test_selection_and_warnings_in_spanish(run: Run, sessions: tuple[Path, Path], tmp_path: Path) -> None:
    before, after = (str(p) for p in sessions)
    check(run, tmp_path, "group", "summary", before, after, "--account", " acme ", "--min-group", "2")
    check(run, tmp_path, "group", "compare", before, after, "--account", "ACME", "--since", "2020-01-01")
    check(run, tmp_path, "group", "report", after, "--account", "acme", "-f", "md")


@pytest.mark.parametrize(
    "args",
    [
        ("group", "summary", "{after}", "--sep", "x"),
        ("group", "summary", "{after}", "--by", "name"),
        ("group", "summary", "{after}", "-f", "xlsx"),
        ("group", "summary", "{after}", "--account", "Nadie"),
        ("group", "summary", "{after}", "--since", "03/04/2026"),
        ("group", "summary", "{after}", "--until", "mañana"),
        ("group", "report", "{after}", "--min-group", "50", "-f", "md"),
    ],
)
def test_errors_in_spanish(run: Run, sessions: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...]) -> None:
    after = str(sessions[1])
    r = run(*(a.format(after=after) for a in args), "--lang", "es", env=WIDE)
    assert r.exit_code != 0
    assert "Traceback" not in r.stderr
    found = english_in(r.stdout + r.stderr, tmp_path)
    assert not found, f"English words {found} in:\n{r.stderr}"


def test_the_check_finds_english(run: Run, sessions: tuple[Path, Path], tmp_path: Path) -> None:
    """The same outputs in English are full of marker words: the check above can fail."""
    before, after = (str(p) for p in sessions)
    for fmt in ("table", "csv", "md"):
        r = run("group", "summary", before, after, "--items", "--by", "account", "-f", fmt, "--lang", "en", env=WIDE)
        found = english_in(r.stdout + r.stderr, tmp_path)
        assert {"Mean", "results", "hidden"} & set(found) and len(found) > 8, (fmt, found)


def test_mixed_questionnaires_refused_in_spanish(run: Run, q: Questionnaire, tmp_path: Path) -> None:
    from kamtrust.questionnaire.registry import resolve_id

    q2 = resolve_id("kamtrust-8", prefer_version="2.0")
    for _ in range(3):
        write_result(tmp_path / "m", q, keyed(q, {}))
    odd = write_result(tmp_path / "m", q2, keyed(q2, {}))
    r = run("group", "summary", str(tmp_path / "m"), "--lang", "es", env=WIDE)
    flat = " ".join(r.stderr.split())
    assert r.exit_code == 1
    assert (
        "los resultados son de cuestionarios distintos: kamtrust-8 1.0 (3 resultados), kamtrust-8 2.0 (1 resultado: "
        f"{odd})."
        " No se pueden mezclar; selecciona un solo conjunto de archivos, o añade --per-questionnaire" in flat
    )
    r = run("group", "report", str(tmp_path / "m"), "--lang", "es", "-f", "md", env=WIDE)
    assert "(un informe de grupo abarca un solo cuestionario)" in " ".join(r.stderr.split())
    assert not english_in(r.stderr, tmp_path)
