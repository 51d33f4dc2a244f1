"""Reports opened in a real browser (Debian's headless Chromium): they render, nothing is fetched,
the charts are complete, no label is cut off or overlaps another, and they print on A4.

A probe script (tests/data/reports/probe.js) is injected into a *copy* of each report and writes
what it measured into the DOM, which ``--dump-dom`` returns. The reports themselves have no script.
Where ``CI`` is set they must run (a missing Chromium fails them); elsewhere a missing Chromium skips
them with the reason and the command that installs it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kamtrust.questionnaire.model import Questionnaire

from .test_report import DATA, EARLIER, NOW, make_result
from .test_report_group import make_group

pytestmark = pytest.mark.slow
Run = Callable[..., Any]
TIMEOUT = 60


INSTALL = "sudo apt-get install --no-install-recommends chromium"


@pytest.fixture(scope="module")
def chromium() -> str:
    """Debian's headless Chromium: required where ``CI`` is set, otherwise skipped (with why) when missing."""
    found = os.environ.get("KAMTRUST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(
            f"CI is set and headless Chromium was not found: the report tests must run in CI. Install it with: {INSTALL}",
            pytrace=False,
        )
    pytest.skip(
        f"headless Chromium not found, browser tests skipped (they are required in CI). Install it with: {INSTALL}"
    )


def browse(chromium: str, tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``page`` with no network services, extensions or first-run work."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--mute-audio",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def probe(chromium: str, tmp_path: Path, report: Path, width: int = 1000) -> dict[str, Any]:
    """Open a copy of ``report`` with the probe injected; return what the probe measured."""
    page = report.read_text(encoding="utf-8")
    # The copy's policy still forbids every fetch (violations are reported) but lets the probe run.
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy is not None and "default-src 'none'" in policy.group(1)
    page = page.replace(policy.group(1), policy.group(1) + "; script-src 'unsafe-inline'")
    page = page.replace("</head>", f"<script>{(DATA / 'probe.js').read_text(encoding='utf-8')}</script></head>", 1)
    copy = tmp_path / f"probe-{width}-{report.name}"
    copy.write_text(page, encoding="utf-8")
    done = browse(chromium, tmp_path, copy, f"--window-size={width},1200", "--dump-dom")
    found = re.search(r'<pre id="kt-probe">(.*?)</pre>', done.stdout, re.S)
    assert found is not None, "the page did not finish loading: " + done.stdout[:500]
    return json.loads(html.unescape(found.group(1)))


def png_colours(path: Path) -> int:
    """How many distinct colours an 8-bit RGB(A) PNG uses (a blank page has one)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6)
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    previous = bytearray(stride)
    colours = set()
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        if y % 8 == 0:
            colours.update(bytes(row[i : i + 3]) for i in range(0, stride, bpp * 4))
        previous = row
    return len(colours)


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def personal_report(run: Run, q: Questionnaire, folder: Path, lang: str = "en") -> Path:
    """A report with every series: the person, the group mean and an earlier profile."""
    now = make_result(run, q, folder, "now", NOW, "--name", "Ana <García> & Co", "--account", "Acme Ibérica", lang=lang)
    earlier = make_result(run, q, folder, "earlier", EARLIER)
    out = folder / f"report-{lang}.html"
    args = ("report", str(now), "--compare", str(earlier), "--against", str(DATA / "summary.json"), "-o", str(out))
    assert run(*args).exit_code == 0
    return out


@pytest.fixture
def personal(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    return personal_report(run, q, tmp_path)


@pytest.mark.parametrize(("lang", "first_label"), [("en", "Credibility75.0"), ("es", "Credibilidad75,0")])
def test_personal_report_renders_complete_charts_and_fetches_nothing(
    chromium: str, run: Run, q: Questionnaire, tmp_path: Path, lang: str, first_label: str
) -> None:
    seen = probe(chromium, tmp_path, personal_report(run, q, tmp_path, lang))
    assert seen["errors"] == [] and seen["blocked"] == [] and seen["resources"] == []
    assert seen["title"] == "Ana <García> & Co"
    assert seen["tables"] == [8, 4]  # the factors, and the trust equation's terms
    radar, quadrant = seen["charts"]
    assert radar["kind"] == "kt-radar"
    assert (radar["axes"], radar["axis_labels"], radar["rings"]) == (8, 8, 3)
    assert radar["series"] == [
        {"kind": "earlier", "points": 8},
        {"kind": "group", "points": 8},
        {"kind": "person", "points": 8},
    ]
    assert radar["label_texts"][0] == first_label
    assert quadrant["kind"] == "kt-quadrant"
    assert (quadrant["zones"], quadrant["thresholds"]) == (4, 2)
    assert len(quadrant["zone_labels"]) == 4
    assert quadrant["points"] == {"kt-point-earlier": 1, "kt-point-group": 1, "kt-point-person": 1}
    assert seen["clipped"] == [] and seen["overlaps"] == []
    assert seen["page_width"] <= seen["viewport_width"]


def test_personal_report_fits_a_phone_screen(chromium: str, personal: Path, tmp_path: Path) -> None:
    seen = probe(chromium, tmp_path, personal, width=400)
    assert seen["errors"] == []
    assert seen["too_wide"] == [] and seen["page_width"] <= seen["viewport_width"]  # no sideways scrolling
    assert all(chart["width"] < seen["viewport_width"] for chart in seen["charts"])


def test_personal_report_screenshot_and_a4_print(chromium: str, personal: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    browse(chromium, tmp_path, personal, "--window-size=1000,1400", f"--screenshot={shot}")
    assert png_colours(shot) > 30  # charts and band colours, not a blank page
    pdf = tmp_path / "report.pdf"
    browse(chromium, tmp_path, personal, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert pdf.read_bytes().startswith(b"%PDF")
    # Factors (with the group's and the earlier columns), the trust equation, distance and the
    # action plan on A4: four pages at most, charts and cards kept whole by the print styles.
    assert pdf_pages(pdf) <= 4


@pytest.fixture
def group_report(run: Run, q: Questionnaire, tmp_path: Path) -> Path:
    after = make_group(q, tmp_path / "after", [2, 3, 3, 4, 4, 4, 5, 2, 3, 4, 5, 3], lang="es")
    before = make_group(q, tmp_path / "before", [2, 2, 3, 3, 3, 4, 4, 2, 2, 3, 4, 3], lang="es")
    out = tmp_path / "group.html"
    args = ("group", "report", str(after), "--before", str(before), "--by", "account", "--lang", "es", "-o", str(out))
    assert run(*args).exit_code == 0
    return out


def test_group_report_renders_complete_charts(chromium: str, group_report: Path, tmp_path: Path) -> None:
    seen = probe(chromium, tmp_path, group_report)
    assert seen["errors"] == [] and seen["blocked"] == [] and seen["resources"] == []
    assert seen["title"] == "Madrid-2026"
    radar, strip, quadrant = seen["charts"]
    assert (radar["kind"], radar["axes"], radar["axis_labels"], radar["spread"]) == ("kt-radar", 8, 8, 1)
    assert radar["series"] == [{"kind": "before", "points": 8}, {"kind": "mean", "points": 8}]
    assert (strip["kind"], strip["rows"], strip["means"]) == ("kt-strip", 8, 8)
    assert strip["points"] == {"kt-point-member": 8 * 12}
    assert strip["label_texts"][0] == "Credibilidad"
    assert quadrant["kind"] == "kt-quadrant"
    # The group's mean before, joined to its mean now by one arrow; never a person's move.
    assert quadrant["points"] == {"kt-point-member": 12, "kt-point-group": 1, "kt-point-group-before": 1}
    assert quadrant["moves"] == 1
    assert [label.rsplit("n = ", 1)[1] for label in quadrant["zone_labels"]] == ["0", "6", "6", "0"]
    assert seen["clipped"] == [] and seen["overlaps"] == [] and seen["too_wide"] == []


def test_a_group_report_by_five_long_accounts_fits_the_page(
    chromium: str, run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    # Subgroup headings were kept on one line: two of five accounts ran off the page's right edge.
    accounts = [
        "Grupo Alimentario Ibérico S.A.",
        "Hospital San Juan de Dios de Barcelona",
        "Telefónica Empresas España",
        "Distribuciones Norte",
        "Farmacias Levante Sociedad Cooperativa",
    ]
    folder = make_group(q, tmp_path / "g", [2, 3, 4, 5, 3] * 4, accounts=accounts, lang="es")
    out = tmp_path / "cuentas.html"
    assert run("group", "report", str(folder), "--by", "account", "--lang", "es", "-o", str(out)).exit_code == 0
    seen = probe(chromium, tmp_path, out)
    assert seen["errors"] == [] and seen["too_wide"] == [] and seen["page_width"] <= seen["viewport_width"]


def test_group_report_in_english_shows_dates_unpaired_and_moves(
    chromium: str, run: Run, q: Questionnaire, tmp_path: Path
) -> None:
    from .pairingdata import rounds

    before, after = rounds(q, tmp_path)
    out = tmp_path / "pairs.html"
    assert run("group", "report", str(after), "--before", str(before), "--lang", "en", "-o", str(out)).exit_code == 0
    seen = probe(chromium, tmp_path, out)
    assert seen["errors"] == [] and seen["blocked"] == [] and seen["resources"] == []
    quadrant = seen["charts"][2]
    assert quadrant["points"] == {"kt-point-group": 1, "kt-point-group-before": 1}  # dots withheld: counts hidden
    assert quadrant["moves"] == 1
    assert seen["clipped"] == [] and seen["overlaps"] == [] and seen["too_wide"] == []
    shot = tmp_path / "pairs.png"
    browse(chromium, tmp_path, out, "--window-size=1000,1400", f"--screenshot={shot}")
    assert png_colours(shot) > 30


def test_group_report_screenshot_and_a4_print(chromium: str, group_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "group.png"
    browse(chromium, tmp_path, group_report, "--window-size=1000,1400", f"--screenshot={shot}")
    assert png_colours(shot) > 30
    pdf = tmp_path / "group.pdf"
    browse(chromium, tmp_path, group_report, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert 3 <= pdf_pages(pdf) <= 5
