"""Numbers read as people round by hand: half away from zero, in every output."""

from __future__ import annotations

import pytest

from kamtrust.export.views import r
from kamtrust.present import number, rounded
from kamtrust.render.profile import fmt


@pytest.mark.parametrize(
    ("value", "es", "en"),
    [
        (81.25, "81,3", "81.3"),  # half-even (round) would show 81,2
        (-81.25, "-81,3", "-81.3"),  # away from zero, both ways
        (12.35, "12,4", "12.4"),  # 12.35 is 12.3499… in binary; people see 12.35
        (2.675, "2,7", "2.7"),
        (0.05, "0,1", "0.1"),
        (-0.04, "0,0", "0.0"),  # never "-0,0"
        (99.95, "100,0", "100.0"),
    ],
)
def test_half_rounds_away_from_zero_in_both_languages(value: float, es: str, en: str) -> None:
    assert number(value, "es") == es and fmt(value, "es") == es
    assert number(value, "en") == en and fmt(value, "en") == en


def test_signed_changes_and_other_digits() -> None:
    assert number(6.25, "es", signed=True) == "+6,3"
    assert number(-6.25, "en", signed=True) == "-6.3"
    assert number(-0.04, "en", signed=True) == "±0.0"
    assert number(12.5, "en", 0) == "13" and number(-12.5, "en", 0) == "-13"
    assert number(None, "es") == "—"


def test_spreadsheets_round_as_the_screen_does() -> None:
    # Spreadsheet cells keep full precision (XLSX formats them to one decimal); their text in
    # CSV and Markdown rounds as the screen does.
    from kamtrust.export.words import fmt as cell_text

    assert r(81.25) == 81.25 and r(None) is None
    assert cell_text(r(81.25), "en") == "81.3" and cell_text(r(-81.25), "es") == "-81,3"
    assert rounded(-0.04) == 0.0 and str(rounded(-0.04)) == "0.0"
