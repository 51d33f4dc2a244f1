"""The trainer's debrief guide, shipped with the package in Spanish and English (Markdown)."""

from __future__ import annotations

from importlib.resources import files

LANGUAGES = ("es", "en")


def guide_text(lang: str) -> str:
    """The guide in ``lang`` (one of LANGUAGES)."""
    return (files("kamtrust.guide") / f"trainer-guide.{lang}.md").read_text(encoding="utf-8")
