"""A before/after fixture with every reason someone is not paired (issue 11 §2)."""

from __future__ import annotations

from pathlib import Path

from kamtrust.engine.scoring import score
from kamtrust.questionnaire.model import Questionnaire
from kamtrust.results.document import Participant, build_result

from .test_report import keyed_answers

# (file, id, name, account, level before, when)
BEFORE = [
    ("b1", "id-ana", "Ana Ruiz", "Acme", 2, "2026-09-02T09:00:00Z"),
    ("b2", "id-luis", "Luis Gómez", "Beta", 3, "2026-09-02T10:00:00Z"),
    ("b3", "id-marta", "Marta Sol", "Gamma", 2, "2026-09-02T11:00:00Z"),
    ("b4", "id-pablo", "Pablo Ríos", "Distribuciones Norte", 3, "2026-09-02T12:00:00Z"),
    ("b5", "id-eva-1", "Eva Martín", "Delta", 2, "2026-09-02T13:00:00Z"),
    ("b6", "id-juan", "Juan Pérez", "Omega", 4, "2026-09-02T14:00:00Z"),
    ("b7", "id-carlos-1", "Carlos Ortiz", "Kappa", 3, "2026-09-02T15:00:00Z"),
]
AFTER = [
    ("a1", "id-ana", "Ana Ruiz", "Acme", 4, "2026-11-25T09:00:00Z"),
    ("a2", "id-luis", "Luis Gómez", "Beta", 4, "2026-11-25T10:00:00Z"),
    ("a3", "id-marta", "Marta Sol", "Gamma", 3, "2026-11-25T11:00:00Z"),
    ("a4", "id-pablo", "Pablo Ríos", "Distribuciones Norte S.A.", 4, "2026-11-26T12:00:00Z"),
    ("a5", "id-eva-2", "Eva Martín", "Delta", 4, "2026-11-26T13:00:00Z"),
    ("a6", "id-sara", "Sara Vidal", "Zeta", 5, "2026-11-26T14:00:00Z"),
    ("a7", "id-carlos-1", "Carlos Ortiz", "Kappa", 4, "2026-11-26T15:00:00Z"),
    ("a8", "id-carlos-2", "Carlos Ortiz", "Kappa", 2, "2026-11-26T16:00:00Z"),
]


def write(q: Questionnaire, folder: Path, rows: list[tuple[str, str, str, str, int, str]]) -> Path:
    """One result file per row; every factor and pole of the row's person at its keyed level."""
    folder.mkdir(parents=True, exist_ok=True)
    for file, pid, name, account, level, when in rows:
        answers = keyed_answers(q, {s.id: level for s in q.scales})
        result = build_result(
            q,
            answers,
            score(q, answers),
            language="en",
            participant=Participant(pid, name, account, None),
            created_at=when,
        )
        (folder / f"{file}.json").write_text(result.to_json(), encoding="utf-8")
    return folder


def rounds(q: Questionnaire, tmp_path: Path) -> tuple[Path, Path]:
    return write(q, tmp_path / "before", BEFORE), write(q, tmp_path / "after", AFTER)
