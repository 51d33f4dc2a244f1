"""Rules of the comparison engine that the command line never lets through, pinned at the engine
(issue 9: hand mutations of the extracted steps that no test caught)."""

from __future__ import annotations

import pytest

from kamtrust.engine.compare import compare
from kamtrust.questionnaire.model import Questionnaire

from .groupdata import keyed, scored


def test_a_minimum_group_under_one_and_an_unknown_match_are_refused(q: Questionnaire) -> None:
    people = [scored(q, keyed(q, {}), id=f"p{i}") for i in range(3)]
    with pytest.raises(ValueError, match="^min_group must be at least 1$"):
        compare(q, people, people, min_group=0)
    with pytest.raises(ValueError, match="^match must be 'id' or 'name'$"):
        compare(q, people, people, match="email")
    assert compare(q, people, people, min_group=1).total.n_paired == 3
