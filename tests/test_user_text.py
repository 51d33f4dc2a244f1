"""User text is data: never a terminal control, never Rich markup, never Markdown or HTML markup."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire
from kamtrust.safetext import filename_part, md, visible

from .conftest import all_answers
from .groupdata import write_result

Run = Callable[..., Any]

# Each attack: what a person typed, how a terminal shows it, how Markdown writes it.
ATTACKS = {
    "osc8 link": (
        "\x1b]8;;http://evil\x07click\x1b]8;;\x07",
        "\\x1b]8;;http://evil\\x07click\\x1b]8;;\\x07",
        "\\\\x1b\\]8;;http://evil\\\\x07click\\\\x1b\\]8;;\\\\x07",
    ),
    "bidi override": ("\u202eevil", "\\u202eevil", "\\\\u202eevil"),
    "rich tag": ("ACME [spain] Ltd", "ACME [spain] Ltd", "ACME \\[spain\\] Ltd"),
    "rich close": ("Foo [/] Bar", "Foo [/] Bar", "Foo \\[/\\] Bar"),
    "html": ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
    "js link": ("[x](javascript:alert(1))", "[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    "table and heading": ("a|b\n# c", "a|b\\n# c", "a\\|b \\# c"),
}
RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def wide() -> dict[str, str]:
    return {"COLUMNS": "400"}


def a_result(folder: Path, q: Questionnaire, text: str, **extra: Any) -> Path:
    return write_result(folder, q, all_answers(q, 4), name=text, account=text, cohort=text, **extra)


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_rules(attack: str) -> None:
    typed, shown, markdown = ATTACKS[attack]
    assert visible(typed) == shown
    assert md(typed) == markdown


def test_every_control_character_is_shown_and_none_is_left() -> None:
    every = (
        "".join(map(chr, range(0x00, 0xA0)))
        + "\u061c\u200e\u200f\u2028\u2029"
        + "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
    )
    shown = visible(every)
    assert shown.isascii() and shown.isprintable()
    assert not RAW_CONTROLS.search(shown)
    assert visible("línea\nsiguiente", newlines=True) == "línea\nsiguiente"
    assert visible("tab\there") == "tab\\there"
    assert visible("C:\\Users\\ana") == "C:\\Users\\ana"  # Windows paths stay readable
    assert visible("👩‍💻 ñ") == "👩‍💻 ñ"  # joiners and letters are text


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("---", "\\---"),
        ("![img](http://x/y.png)", "\\!\\[img\\](http://x/y.png)"),
        ("<javascript:alert(1)>", "\\<javascript:alert(1)\\>"),
        ("&lt;b&gt;", "\\&lt;b\\&gt;"),
        ("`code`", "\\`code\\`"),
        ("*bold* _it_ ~~s~~", "\\*bold\\* \\_it\\_ \\~\\~s\\~\\~"),
        ("cred_1 & co 1.0 -5", "cred_1 & co 1.0 -5"),
    ],
)
def test_markdown_shows_what_was_typed(typed: str, shown: str) -> None:
    assert md(typed) == shown


@pytest.mark.parametrize(
    ("version", "part"), [("1.0", "1.0"), ("../../x", "x"), ("1.0/evil", "1.0_evil"), ("a\x1bb", "a_b"), ("", "_")]
)
def test_versions_are_safe_in_file_names(version: str, part: str) -> None:
    assert filename_part(version) == part


@pytest.mark.parametrize("attack", ATTACKS)
def test_show(run: Run, q: Questionnaire, tmp_path: Path, attack: str) -> None:
    typed, shown, _ = ATTACKS[attack]
    path = a_result(tmp_path, q, typed)
    r = run("show", str(path), "--lang", "en", env=wide())
    assert r.exit_code == 0, r.stderr
    date = json.loads(path.read_text(encoding="utf-8"))["created_at"][:10]
    assert (
        r.stdout.splitlines()[0]
        == f"Trust profile · Participant: {shown} · Account: {shown} · Cohort: {shown} · {date}"
    )
    assert not RAW_CONTROLS.search(r.stdout)


def account_cells(table: str) -> list[str]:
    """The Account column of the history table (ASCII boxes), one text per row."""
    lines = table.splitlines()
    header = next(i for i, line in enumerate(lines) if "Account" in line)
    bars = [i for i, ch in enumerate(lines[header]) if ch == "|"]
    column = next(n for n in range(len(bars) - 1) if "Account" in lines[header][bars[n] : bars[n + 1]])
    start, end = bars[column] + 1, bars[column + 1]
    rows: list[list[str]] = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            if rows and line.startswith("+"):
                break
            continue
        if line[1 : start - 1].strip(" |"):
            rows.append([])  # a row starts where its number is
        rows[-1].append(line[start:end].strip())
    return ["".join(parts) for parts in rows]


def test_history(run: Run, q: Questionnaire, data_dir: Path) -> None:
    folder = data_dir / "results"
    for n, (typed, _, _) in enumerate(ATTACKS.values()):
        a_result(folder, q, typed, filename=f"2026010{n}T000000Z-kamtrust-8-00000{n}.json")
    r = run("history", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert not RAW_CONTROLS.search(r.stdout)
    # The column is narrow: Rich wraps at spaces and cuts a long text with "…".
    found = sorted(cell.replace(" ", "") for cell in account_cells(r.stdout))
    expected = sorted(shown.replace(" ", "") for _, shown, _ in ATTACKS.values())
    assert len(found) == len(expected)
    for cell, text in zip(found, expected, strict=True):
        assert cell == text or (cell.endswith("…") and text.startswith(cell[:-1])), (cell, text)
    for cell in ("| Foo [/] Bar     |", "| a|b\\n# c        |", "| \\u202eevil      |", "| \\x1b]8;;http:/… |"):
        assert cell in r.stdout


def test_history_with_a_closing_tag_does_not_fail(run: Run, q: Questionnaire, data_dir: Path) -> None:
    a_result(data_dir / "results", q, "Foo [/] Bar", filename="20260101T000000Z-kamtrust-8-000000.json")
    r = run("history", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert "Foo [/] Bar" in r.stdout


@pytest.mark.parametrize("attack", ATTACKS)
def test_compare_shows_versions_and_file_names_as_text(run: Run, q: Questionnaire, tmp_path: Path, attack: str) -> None:
    typed, shown, _ = ATTACKS[attack]
    later = a_result(tmp_path, q, "x", filename="later.json")
    earlier = a_result(tmp_path, q, "x", filename="earlier.json")
    doc = json.loads(earlier.read_text(encoding="utf-8"))
    doc["questionnaire"]["version"] = typed
    doc["created_at"] = "2999-01-01T00:00:00Z"  # "more recent": the note quotes both names
    earlier.write_text(json.dumps(doc), encoding="utf-8")
    if "/" not in typed:
        named = tmp_path / f"{typed}.json"
        earlier.rename(named)
        earlier = named
    r = run("compare", str(earlier), str(later), "--lang", "en", env=wide())
    assert r.exit_code == 0, r.stderr
    assert not RAW_CONTROLS.search(r.stdout + r.stderr)
    assert f"Warning: The two results were made with different versions of kamtrust-8 ({shown} and 1.0); " in r.stderr
    assert f"Note: {visible(earlier)} (2999-01-01) is more recent than {later} (" in r.stderr


@pytest.mark.parametrize("attack", ATTACKS)
def test_report_markdown_and_html(run: Run, q: Questionnaire, tmp_path: Path, attack: str) -> None:
    typed, shown, markdown = ATTACKS[attack]
    path = a_result(tmp_path, q, typed)
    r = run("report", str(path), "--format", "md", "--lang", "en", "-o", "-")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    date = json.loads(path.read_text(encoding="utf-8"))["created_at"][:10]
    assert lines[0] == f"# {markdown} · Trust profile"
    assert lines[4] == f"Account: {markdown} · Cohort: {markdown} · Date: {date}"
    assert not RAW_CONTROLS.search(r.stdout)
    page = run("report", str(path), "--format", "html", "--lang", "en", "-o", "-").stdout
    # In a page a line break is white space; every other control character is shown.
    assert html.escape(visible(typed, newlines=True)) in page
    assert not RAW_CONTROLS.search(page)
    assert "<img src=x" not in page and 'href="javascript' not in page and "\u202e" not in page


@pytest.fixture
def group(q: Questionnaire, tmp_path: Path) -> Path:
    """Three people per account, every name and account an attack."""
    folder = tmp_path / "group"
    for k, (typed, _, _) in enumerate(ATTACKS.values()):
        for i in range(3):
            answers = {item: (i + k) % 5 + 1 for item in q.items}
            write_result(folder, q, answers, name=f"{typed} {i}", account=typed, filename=f"{k}-{i}.json")
    return folder


def test_group_summary_markdown(run: Run, group: Path) -> None:
    r = run("group", "summary", str(group), "--with-names", "--by", "account", "--format", "md", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert not RAW_CONTROLS.search(r.stdout)
    rows = [line for line in r.stdout.splitlines() if line.startswith("| ")]
    for _, _, markdown in ATTACKS.values():
        assert any(row.startswith(f"| {markdown} | credibility | ") for row in rows), markdown
        for i in range(3):
            assert f"| {markdown} | {markdown} {i} |" in rows, markdown
    # Every row of a table has as many cells as its header: no "|" or line break got through.
    widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows if "| credibility |" in row}
    assert len(widths) == 1
    assert "<img" not in r.stdout.replace("\\<img", "")
    assert not any(line.startswith("# c") for line in r.stdout.splitlines())


def test_group_summary_table(run: Run, group: Path) -> None:
    r = run("group", "summary", str(group), "--with-names", "--by", "account", "--lang", "en", env=wide())
    assert r.exit_code == 0, r.stderr
    assert not RAW_CONTROLS.search(r.stdout)
    lines = r.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Participants: "))
    end = lines.index("", start)
    # Rich wraps the line at spaces: joined with one, it is the line as printed.
    names = " ".join(line.strip() for line in lines[start:end]).removeprefix("Participants: ").split(", ")
    assert sorted(names) == sorted(f"{shown} {i}" for _, shown, _ in ATTACKS.values() for i in range(3))
    by_account = r.stdout[r.stdout.index("By account") :]
    # The columns are narrow: a long label is cut with "…", never wrapped or interpreted.
    for _, shown, _ in ATTACKS.values():
        assert shown[:8] in by_account, shown


def test_errors_quote_file_names_as_text(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "\x1b]0;pwned\x07.json"
    bad.write_text("{", encoding="utf-8")
    r = run("show", str(bad))
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {tmp_path}/\\x1b]0;pwned\\x07.json: is not a kamtrust result")
    assert not RAW_CONTROLS.search(r.stderr)


# -- a result's questionnaire id is an id, never a path ----------------------------------------


@pytest.mark.parametrize("qid", ["../../etc/passwd", "/tmp/x.yaml", "x.yaml", "..", "Kamtrust-8", "a b"])
def test_a_result_never_makes_kamtrust_open_its_questionnaire_id(
    run: Run, q: Questionnaire, tmp_path: Path, qid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A valid questionnaire file where a path-like id would find it.
    monkeypatch.chdir(tmp_path)
    from .conftest import BUILTIN

    (tmp_path / "x.yaml").write_text(BUILTIN.read_text(encoding="utf-8"), encoding="utf-8")
    opened: list[str] = []
    import kamtrust.questionnaire.registry as registry

    real = registry.load_questionnaire

    def spy(path: Path, *args: Any) -> Questionnaire:
        opened.append(str(path))
        return real(path, *args)

    monkeypatch.setattr(registry, "load_questionnaire", spy)
    path = a_result(tmp_path, q, "x")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["questionnaire"]["id"] = qid
    path.write_text(json.dumps(doc), encoding="utf-8")
    for command in (["show", str(path)], ["report", str(path)], ["group", "summary", str(path)]):
        r = run(*command)
        assert r.exit_code == 1, (command, r.stderr)
        assert f"'{qid}' is not a questionnaire id" in r.stderr, (command, r.stderr)
    r = run("history")
    assert r.exit_code == 0
    assert not any(Path(p).resolve() == (tmp_path / "x.yaml").resolve() for p in opened)
    assert all("etc" not in p for p in opened)


def test_group_report_markdown_and_html(run: Run, group: Path) -> None:
    args = ("group", "report", str(group), "--with-names", "--by", "account", "--lang", "en")
    r = run(*args, "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert not RAW_CONTROLS.search(r.stdout)
    lines = r.stdout.splitlines()
    participants = lines[lines.index("## Participants") + 2].split(", ")
    assert sorted(participants) == sorted(f"{markdown} {i}" for _, _, markdown in ATTACKS.values() for i in range(3))
    header = next(line for line in lines if line.startswith("|  | ") and "(n = 3)" in line)
    for _, _, markdown in ATTACKS.values():
        assert f"| {markdown} (n = 3) |" in header
    page = run(*args, "--format", "html").stdout
    assert not RAW_CONTROLS.search(page)
    assert "<img src=x" not in page and 'href="javascript' not in page
    for typed, _, _ in ATTACKS.values():
        assert html.escape(visible(typed, newlines=True) + " 0") in page


@pytest.fixture
def hostile_questionnaire(data_dir: Path) -> Path:
    """A user's questionnaire whose version, title and first item carry attacks."""
    from .conftest import BUILTIN

    text = BUILTIN.read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', 'version: "1.0\\u001b[2J"', 1)
    text = text.replace('en: "How you build trust with your key clients"', 'en: "Foo [/] Bar \\u202eevil"', 1)
    text = text.replace(
        "en: \"I follow the trade press and news in my key clients' sectors",
        'en: "[bold]ACME[/bold] <img src=x> \\u001b]8;;http://evil\\u0007click',
        1,
    )
    path = data_dir / "questionnaires" / "hostile.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_questionnaire_texts_are_text(run: Run, hostile_questionnaire: Path) -> None:
    r = run("questionnaire", "show", str(hostile_questionnaire), "--lang", "en", env=wide())
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Foo [/] Bar \\u202eevil (kamtrust-8 1.0\\x1b[2J)"
    assert "| [bold]ACME[/bold] <img src=x> \\x1b]8;;http://evil\\x07click to understand what" in r.stdout
    assert not RAW_CONTROLS.search(r.stdout)
    r = run("questionnaire", "list", env=wide())
    assert r.exit_code == 0 and not RAW_CONTROLS.search(r.stdout)
    assert "1.0\\x1b[2J" in r.stdout and "Foo [/] Bar \\u202eevil" in r.stdout
    r = run("questionnaire", "export", str(hostile_questionnaire), "-f", "md", "--lang", "en")
    assert r.exit_code == 0 and not RAW_CONTROLS.search(r.stdout)
    assert r.stdout.startswith("# Foo \\[/\\] Bar \\\\u202eevil\n\nkamtrust-8 1.0\\\\x1b\\[2J\n")
    assert (
        "| 1 | cred_1 | \\[bold\\]ACME\\[/bold\\] \\<img src=x\\> \\\\x1b\\]8;;http://evil\\\\x07click to understand"
        in r.stdout
    )


def test_the_console_never_reads_markup_and_shows_any_control_left() -> None:
    # The net under the renderers: text that reaches the console unescaped still cannot act.
    from rich.table import Table
    from rich.text import Text

    from kamtrust.render.console import SafeConsole

    buffer = io.StringIO()
    console = SafeConsole(width=60, color_system=None, file=buffer)
    table = Table()
    table.add_column("Account")
    table.add_row("Foo [/] Bar :smile:")
    table.add_row(Text("x\x1b[2Jy\u202e"))
    console.print("ACME [spain] Ltd [bold]not bold[/bold]")
    console.print(table)
    out = buffer.getvalue()
    assert out.splitlines()[0] == "ACME [spain] Ltd [bold]not bold[/bold]"
    assert "Foo [/] Bar :smile:" in out and "x\\x1b[2Jy\\u202e" in out
    assert not RAW_CONTROLS.search(out)
