"""Where kamtrust keeps a user's files (the platform's data folder, overridable for tests)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "KAMTRUST_DATA_DIR"


def data_dir() -> Path:
    """The user's kamtrust data folder: ``$KAMTRUST_DATA_DIR``, else the platform's convention.

    Linux ``~/.local/share/kamtrust``, macOS ``~/Library/Application Support/kamtrust``,
    Windows ``%LOCALAPPDATA%\\kamtrust``. Not created here.
    """
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("kamtrust", appauthor=False)


def results_dir() -> Path:
    """Saved assessments."""
    return data_dir() / "results"


def user_questionnaires_dir() -> Path:
    """Questionnaires a trainer or user added; listed beside the built-in ones."""
    return data_dir() / "questionnaires"
