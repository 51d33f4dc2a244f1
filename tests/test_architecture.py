"""The layering the folder tree promises: a pure engine, Rich only where we render."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kamtrust"


@functools.cache  # every module is read by several tests: parse it once
def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_engine_is_pure() -> None:
    forbidden = {
        "typer",
        "rich",
        "yaml",
        "click",
        "jinja2",
        "xlsxwriter",
        "platformdirs",
        "os",
        "pathlib",
        "shutil",
        "io",
    }
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        bad = imported_modules(path) & forbidden
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_rich_is_imported_only_by_renderers() -> None:
    allowed = {PACKAGE / "render", PACKAGE / "interview" / "draw.py"}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "rich" in imported_modules(path):
            assert any(path == a or a in path.parents for a in allowed), f"{path.relative_to(PACKAGE)} imports rich"


def test_nothing_imports_click_directly() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        assert "click" not in imported_modules(path), f"{path.relative_to(PACKAGE)}: Typer vendors Click"


@functools.cache
def kamtrust_modules(path: Path) -> set[str]:
    """The kamtrust packages a module imports, e.g. ``report`` for ``from kamtrust.report.svg import ...``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            if node.module == "kamtrust":
                names += [f"kamtrust.{alias.name}" for alias in node.names]
    return {n.split(".")[1] for n in names if n.startswith("kamtrust.")}


def test_render_never_imports_report() -> None:
    """The terminal draws models; it reads no report module (history and summaries live in results/ and documents/)."""
    for path in sorted((PACKAGE / "render").rglob("*.py")):
        assert "report" not in kamtrust_modules(path), f"{path.relative_to(PACKAGE)} imports kamtrust.report"


def test_engine_imports_only_the_engine_and_the_questionnaire_model() -> None:
    """Documents, files and presentation sit above the engine, never inside it."""
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        bad = kamtrust_modules(path) - {"engine", "questionnaire"}
        assert not bad, f"{path.relative_to(PACKAGE)} imports kamtrust.{sorted(bad)}"


def test_the_interview_state_machine_needs_no_terminal() -> None:
    """interview/state.py is tested without a pty: no Rich, no terminal, no files, no clock."""
    path = PACKAGE / "interview" / "state.py"
    forbidden = {"rich", "typer", "os", "sys", "termios", "select", "signal", "pathlib", "time", "datetime"}
    assert not imported_modules(path) & forbidden
    assert kamtrust_modules(path) <= {"i18n", "questionnaire"}


def test_each_package_docstring_names_its_modules() -> None:
    """A newcomer finds a module by reading its package's docstring."""
    for package in ("engine", "documents", "interview"):
        doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))) or ""
        for path in sorted((PACKAGE / package).glob("*.py")):
            if path.name != "__init__.py":
                assert f"``{path.stem}``" in doc, f"kamtrust/{package}/__init__.py does not name {path.stem}"


def test_the_engine_has_no_clock() -> None:
    """The time a document was made is the caller's (kamtrust/documents/ takes it as ``now``)."""
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        bad = imported_modules(path) & {"datetime", "time", "zoneinfo"}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_no_function_is_exempted_from_the_complexity_rules() -> None:
    # Ruff's C901/PLR0912/PLR0915 hold every function; a noqa would quietly take one out again.
    exempted = [
        f"{path.relative_to(PACKAGE.parent)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "noqa" in line and any(code in line for code in ("C901", "PLR0912", "PLR0915"))
    ]
    assert exempted == []


def test_the_singular_is_chosen_one_way() -> None:
    """``i18n.plural(key, n)`` picks a message's singular: no hand-made ``"x_one" if n == 1 else "x"``."""
    hand_made = re.compile(r"""_one["'][^\n]*\bif\b[^\n]*== 1\b""")
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "i18n.py":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                assert not hand_made.search(line), f"{path.relative_to(PACKAGE)}:{number}: use i18n.plural"
