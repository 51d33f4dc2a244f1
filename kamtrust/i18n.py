"""The interface's own words in Spanish and English, and how the language is chosen.

Questionnaire texts come from the questionnaire; these are the prompts, headings and messages
around them. Two languages do not justify gettext's compiled catalogues; a test checks that
both catalogues have the same keys.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from kamtrust.errors import UsageError

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "progress": "Question {n} of {total}",
        "answered_so_far": "{answered} answered",
        "help_line": "1-{max} answer · {back} back · {skip} skip · {quit} save and quit",
        "prompt": "Your answer",
        "invalid_key": "Press a number from {min} to {max}, or {back} back, {skip} skip, {quit} save and quit.",
        "skipped": "skipped",
        "current_answer": "current answer: {value}",
        "at_first": "This is the first question.",
        "saved_partial": "Your answers so far are saved in {path}",
        "resume_hint": "Resume with: kamtrust assess --resume",
        "eof_hint": "No more input. To answer without a keyboard, use: kamtrust assess --answers FILE",
        "resume_offer": "You have an unfinished assessment from {date} ({answered} of {total} answered).",
        "resume_question": "Resume it? [Y/n]",
        "resuming": "Resuming the assessment started on {date}.",
        "yes_keys": "y,yes",
        "no_keys": "n,no",
        "saved": "Result saved to {path}",
        "intro_keys": "Answer with the number keys. You can go back, skip a question, or save and quit at any time.",
        "profile_title": "Trust profile",
        "factor": "Factor",
        "score": "Score",
        "band": "Band",
        "overall": "Overall trust index",
        "not_scored": "not scored",
        "not_scored_reason": "{missing} of {items} unanswered; {needed} answers needed",
        "distance_title": "Client distance",
        "serpent": "serpent",
        "eagle": "eagle",
        "closeness": "Closeness",
        "perspective": "Perspective",
        "balance": "Balance",
        "zone": "Zone",
        "strengths": "Strengths",
        "development": "Development areas",
        "levers": "Levers",
        "flags": "Notes on the answers",
        "flag_straight_lining": "Every answer is the same: the profile may not reflect real differences.",
        "flag_incomplete": "Some questions were skipped; scores rest on the answers given.",
        "participant": "Participant",
        "account": "Account",
        "cohort": "Group",
        "date": "Date",
        "partial_result": "This assessment is unfinished ({answered} of {total} answered).",
        "questionnaire_version_differs": "This result was made with {id} {old}; shown with version {new}.",
    },
    "es": {
        "progress": "Pregunta {n} de {total}",
        "answered_so_far": "{answered} respondidas",
        "help_line": "1-{max} responder · {back} atrás · {skip} saltar · {quit} guardar y salir",
        "prompt": "Tu respuesta",
        "invalid_key": "Pulsa un número del {min} al {max}, o {back} atrás, {skip} saltar, {quit} guardar y salir.",
        "skipped": "saltada",
        "current_answer": "respuesta actual: {value}",
        "at_first": "Esta es la primera pregunta.",
        "saved_partial": "Tus respuestas hasta ahora están guardadas en {path}",
        "resume_hint": "Para continuar: kamtrust assess --resume",
        "eof_hint": "No hay más entrada. Para responder sin teclado, usa: kamtrust assess --answers FICHERO",
        "resume_offer": "Tienes una autoevaluación sin terminar del {date} ({answered} de {total} respondidas).",
        "resume_question": "¿Continuarla? [S/n]",
        "resuming": "Continuando la autoevaluación empezada el {date}.",
        "yes_keys": "s,si,sí,y,yes",
        "no_keys": "n,no",
        "saved": "Resultado guardado en {path}",
        "intro_keys": "Responde con las teclas numéricas. Puedes volver atrás, saltar una pregunta o guardar y salir cuando quieras.",
        "profile_title": "Perfil de confianza",
        "factor": "Factor",
        "score": "Puntuación",
        "band": "Nivel",
        "overall": "Índice global de confianza",
        "not_scored": "sin puntuar",
        "not_scored_reason": "{missing} de {items} sin responder; hacen falta {needed} respuestas",
        "distance_title": "Distancia con el cliente",
        "serpent": "serpiente",
        "eagle": "águila",
        "closeness": "Cercanía",
        "perspective": "Perspectiva",
        "balance": "Equilibrio",
        "zone": "Zona",
        "strengths": "Fortalezas",
        "development": "Áreas de desarrollo",
        "levers": "Palancas",
        "flags": "Observaciones sobre las respuestas",
        "flag_straight_lining": "Todas las respuestas son iguales: puede que el perfil no refleje diferencias reales.",
        "flag_incomplete": "Has saltado algunas preguntas; las puntuaciones se basan en las respuestas dadas.",
        "participant": "Participante",
        "account": "Cuenta",
        "cohort": "Grupo",
        "date": "Fecha",
        "partial_result": "Esta autoevaluación no está terminada ({answered} de {total} respondidas).",
        "questionnaire_version_differs": "Este resultado se hizo con {id} {old}; se muestra con la versión {new}.",
    },
}

# Keys for the interactive prompt. The neutral ones (< > x) work in every language.
KEYS: dict[str, dict[str, str]] = {
    "en": {"back": "b", "skip": "s", "quit": "q"},
    "es": {"back": "a", "skip": "s", "quit": "g"},
}
NEUTRAL_KEYS = {"back": "<", "skip": ">", "quit": "x"}


def ui_language(lang: str) -> str:
    """The catalogue for ``lang``: itself when we have it, else English."""
    return lang if lang in MESSAGES else "en"


def t(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    return MESSAGES[ui_language(lang)][key].format(**values)


def keys(lang: str) -> dict[str, str]:
    """The letters for back, skip and quit shown in ``lang``'s help line."""
    return KEYS.get(lang, KEYS["en"])


def action_for(key: str) -> str | None:
    """'back', 'skip' or 'quit' for any accepted key (any language's letter or a neutral key)."""
    key = key.strip().lower()
    for table in (NEUTRAL_KEYS, *KEYS.values()):
        for action, letter in table.items():
            if key == letter:
                return action
    return None


def locale_language() -> str | None:
    """The two-letter language of the user's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower()
            if code and code not in ("c", "posix"):
                return code
            if code:
                return None
    return None


def choose_language(requested: str | None, available: Sequence[str], source: str) -> str:
    """``--lang`` when the questionnaire has it, else the locale's language, else its first one."""
    if requested:
        lang = requested.strip().lower()
        if lang not in available:
            raise UsageError(
                f"unknown language '{requested}' for {source}; it is available in: {', '.join(available)}"
            )
        return lang
    local = locale_language()
    return local if local in available else available[0]
