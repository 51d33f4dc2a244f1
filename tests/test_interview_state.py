"""The interview's state machine without a terminal: what each key does, the again pass, quitting."""

from __future__ import annotations

from kamtrust.interview.state import InterviewState, Outcome
from kamtrust.questionnaire.model import Questionnaire


def fresh(q: Questionnaire) -> InterviewState:
    return InterviewState(q.presentation_order)


def test_answers_move_on_and_back_returns(q: Questionnaire) -> None:
    s = fresh(q)
    first, second = (i.id for i in s.order[:2])
    assert s.press("4", 1, 5) is Outcome.MOVED and s.answers == {first: 4} and s.position() == 1
    assert s.press("<", 1, 5) is Outcome.MOVED and s.position() == 0
    assert s.press("", 1, 5) is Outcome.MOVED and s.answers == {first: 4}  # Enter keeps the answer
    assert s.press("2", 1, 5) is Outcome.MOVED and s.answers == {first: 4, second: 2}


def test_refusals_leave_the_state_as_it_was(q: Questionnaire) -> None:
    s = fresh(q)
    assert s.press("<", 1, 5) is Outcome.AT_FIRST
    for key in ("", "6", "0", "²", "x4", "-1", "1234567"):
        assert s.press(key, 1, 5) is Outcome.INVALID, key
    assert (s.cursor, s.answers, s.skipped) == (0, {}, set())


def test_quit_is_only_asked_for(q: Questionnaire) -> None:
    s = fresh(q)
    s.press("3", 1, 5)
    assert s.press("x", 1, 5) is Outcome.QUIT and s.press("q", 1, 5) is Outcome.QUIT
    assert s.position() == 1 and len(s.answers) == 1


def test_skipping_an_answered_question_keeps_its_answer(q: Questionnaire) -> None:
    s = fresh(q)
    s.press("5", 1, 5)
    s.press("<", 1, 5)
    assert s.press(">", 1, 5) is Outcome.MOVED
    assert s.answers == {s.order[0].id: 5} and s.skipped == set()


def test_skipped_questions_come_back_once_at_the_end(q: Questionnaire) -> None:
    s = fresh(q)
    n = len(s.order)
    s.press(">", 1, 5)  # skip the first
    s.press("s", 1, 5)  # and the second, with the English letter
    for _ in range(n - 2):
        s.press("3", 1, 5)
    assert s.done and s.again is None
    assert s.position() == 0 and s.again == [0, 1] and s.step == 0
    assert s.press("<", 1, 5) is Outcome.AGAIN_FIRST  # the first pass is not reopened
    assert s.press("2", 1, 5) is Outcome.MOVED and s.position() == 1
    assert s.press("<", 1, 5) is Outcome.MOVED and s.position() == 0  # back within the again pass
    assert s.press("", 1, 5) is Outcome.MOVED  # Enter keeps the answer just given
    assert s.press(">", 1, 5) is Outcome.MOVED  # skipped twice: left unanswered
    assert s.position() is None
    assert s.answers[s.order[0].id] == 2 and s.skipped == {s.order[1].id}


def test_a_scale_from_zero(q: Questionnaire) -> None:
    s = fresh(q)
    assert s.press("0", 0, 9) is Outcome.MOVED and s.answers == {s.order[0].id: 0}
