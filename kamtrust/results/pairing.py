"""Whether two results can show one person's progress with one account.

Comparing two accounts, or two people, shows no progress: ``compare`` and ``report --compare``
refuse such a pair unless told ``--force``, and then still say what is being compared.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from kamtrust.i18n import t
from kamtrust.results.document import Result
from kamtrust.safetext import visible


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def different_accounts(a: Result, b: Result) -> bool:
    """Both results name an account, and not the same one."""
    x, y = _norm(a.participant.account), _norm(b.participant.account)
    return bool(x and y) and x != y


def different_people(a: Result, b: Result) -> bool:
    """Both name a person and the names differ; or, without two names to go by, the ids differ.

    The id is random per machine: the same name on two machines is one person.
    """
    x, y = _norm(a.participant.name), _norm(b.participant.name)
    if x and y:
        return x != y
    return a.participant.id != b.participant.id


def mismatch(old: Result, new: Result, old_path: Path, new_path: Path, lang: str) -> str | None:
    """What makes the pair no measure of progress, in ``lang``; None when nothing does."""
    problems = []
    if different_people(old, new):
        who = [visible(r.participant.name) if r.participant.name else t(lang, "pair_unnamed") for r in (old, new)]
        problems.append(t(lang, "pair_people", old=who[0], new=who[1]))
    if different_accounts(old, new):
        problems.append(
            t(
                lang,
                "pair_accounts",
                old=visible(old.participant.account or ""),
                new=visible(new.participant.account or ""),
            )
        )
    if not problems:
        return None
    return t(lang, "pair_mismatch", old=old_path, new=new_path, problems="; ".join(problems))


def check_pair(old: Result, new: Result, old_path: Path, new_path: Path, lang: str, force: bool) -> str | None:
    """Raise when the pair is no measure of progress and ``force`` is off; the warning to print when on."""
    from kamtrust.errors import KamtrustError

    problem = mismatch(old, new, old_path, new_path, lang)
    if problem is None:
        return None
    if not force:
        raise KamtrustError(problem + " " + t(lang, "pair_force"))
    return t(lang, "pair_forced", problem=problem)
