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
        # Reports, history and compare.
        "report_factors": "Trust factors",
        "report_you": "You",
        "report_group_mean": "Group mean",
        "report_difference": "Difference",
        "report_earlier": "Earlier",
        "report_now": "Now",
        "report_change": "Change",
        "report_bands": "Bands",
        "report_action_plan": "Action plan",
        "report_keep": "Build on your strengths",
        "report_work_on": "Work on these first",
        "report_radar_title": "Radar of the trust factors",
        "report_quadrant_title": "Client distance: closeness against perspective",
        "report_against_note": "Beside the mean of the {n} people in the group summary of {date}. It shows differences to the mean only, never a rank.",
        "report_compare_note": "Beside your earlier assessment of {date}.",
        "report_zone_from": "Earlier: {zone}",
        "report_bands_note": "Bands show where a score falls: read them as a focus for your work, not as a verdict.",
        "report_written": "Report written to {path}",
        "report_footer": "Made with kamtrust {version} · questionnaire {qid} {qversion} · scores are percentages of the answer scale's range (0–100).",
        "group_report_title": "Group report",
        "group_people": "{n} people",
        "group_spread": "Spread (mean ± 1 SD)",
        "group_distribution": "Scores per factor",
        "group_distribution_note": "Each dot is one person, without a name; the bar is the group mean.",
        "group_one_person": "One person",
        "group_bars": "People with this score (bar height)",
        "group_distribution_note_bars": "Each blue bar is a score, as tall as the share of people who have it; the orange bar is the group mean.",
        "group_before": "Before",
        "group_after": "After",
        "group_changes": "Before and after",
        "group_zone_counts": "People per zone",
        "group_reliability": "Scale reliability (Cronbach's alpha)",
        "group_reliability_note": "Cronbach's alpha per factor; below {low} the factor's items do not hang together well in this group, and with few people alpha is unstable.",
        "group_items": "Items",
        "group_low_items": "Weak items",
        "group_excluded": "Not included: {partial} unfinished and {rejected} unreadable files.",
        "group_suppressed": "withheld ({reason})",
        "group_subgroups": "Subgroups by {field}",
        "group_participants": "Participants",
        "group_focus": "Where to work next session",
        "group_strongest": "Strongest factors",
        "group_mean_col": "Mean",
        "group_sd": "SD",
        "group_median": "Median",
        "group_range": "Range",
        "group_paired": "Paired",
        "group_paired_change": "Paired change",
        "group_complete_cases": "Complete answers",
        "group_meta": "{n} people · minimum group size {min_group} · {date}",
        "group_moved": "{moved} of the {paired} people found in both sessions changed zone.",
        "group_before_note": "Before: {before} results; after: {after}; {paired} people found in both sessions. Change = mean after − mean before; d_z is the paired effect size.",
        "group_before_withheld": "The comparison with the earlier session is withheld ({reason}).",
        "group_too_small": "too few people",
        "history_title": "Saved assessments, newest first",
        "history_empty": "No saved assessments yet in {path}. Start one with: kamtrust assess",
        "history_files": "Files",
        "questionnaire": "Questionnaire",
        "status": "Status",
        "status_complete": "complete",
        "status_partial": "unfinished",
        "status_unreadable": "unreadable",
        "compare_title": "Change between {old} and {new}",
        "compare_versions": "The two results were made with different versions of {id} ({old} and {new}); only factors scored in both are compared.",
        "against_title": "Beside your group",
        # Anonymity: why a figure is not shown.
        "hidden_fewer": "hidden: fewer than {n} people",
        "hidden_complementary": "hidden so that {names} cannot be worked out by subtraction",
        "hidden_changed": "the people whose {field} changed between the sessions",
        "hidden_near": "hidden so that the small counts beside it cannot be worked out by subtraction",
        "hidden_cell": "hidden",
        "hidden_count": "< {n}",
        "hidden_and": "and",
        "no_answers": "no answers",
        "no_pairs": "nobody found in both sessions",
        "not_given": "(not given)",
        "hidden_rule": "A figure describing fewer than {n} people is hidden, and one more where it could be worked out by subtraction.",
        "hidden_dots": "The dots are not drawn: some zones hold fewer than {n} people.",
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
        # Reports, history and compare.
        "report_factors": "Factores de confianza",
        "report_you": "Tú",
        "report_group_mean": "Media del grupo",
        "report_difference": "Diferencia",
        "report_earlier": "Antes",
        "report_now": "Ahora",
        "report_change": "Cambio",
        "report_bands": "Niveles",
        "report_action_plan": "Plan de acción",
        "report_keep": "Apóyate en tus fortalezas",
        "report_work_on": "Trabaja primero en esto",
        "report_radar_title": "Radar de los factores de confianza",
        "report_quadrant_title": "Distancia con el cliente: cercanía frente a perspectiva",
        "report_against_note": "Junto a la media de las {n} personas del resumen de grupo del {date}. Solo muestra diferencias con la media, nunca una posición.",
        "report_compare_note": "Junto a tu autoevaluación anterior del {date}.",
        "report_zone_from": "Antes: {zone}",
        "report_bands_note": "Los niveles indican dónde cae una puntuación: léelos como un foco de trabajo, no como un veredicto.",
        "report_written": "Informe escrito en {path}",
        "report_footer": "Hecho con kamtrust {version} · cuestionario {qid} {qversion} · las puntuaciones son porcentajes del recorrido de la escala de respuesta (0–100).",
        "group_report_title": "Informe de grupo",
        "group_people": "{n} personas",
        "group_spread": "Dispersión (media ± 1 DE)",
        "group_distribution": "Puntuaciones por factor",
        "group_distribution_note": "Cada punto es una persona, sin nombre; la barra es la media del grupo.",
        "group_one_person": "Una persona",
        "group_bars": "Personas con esa puntuación (altura de la barra)",
        "group_distribution_note_bars": "Cada barra azul es una puntuación, tan alta como la parte de personas que la tienen; la barra naranja es la media del grupo.",
        "group_before": "Antes",
        "group_after": "Después",
        "group_changes": "Antes y después",
        "group_zone_counts": "Personas por zona",
        "group_reliability": "Fiabilidad de las escalas (alfa de Cronbach)",
        "group_reliability_note": "Alfa de Cronbach por factor; por debajo de {low} los ítems del factor no van bien juntos en este grupo, y con pocas personas el alfa es inestable.",
        "group_items": "Ítems",
        "group_low_items": "Ítems débiles",
        "group_excluded": "No incluidos: {partial} sin terminar y {rejected} ficheros ilegibles.",
        "group_suppressed": "no se muestra ({reason})",
        "group_subgroups": "Subgrupos por {field}",
        "group_participants": "Participantes",
        "group_focus": "En qué trabajar en la próxima sesión",
        "group_strongest": "Factores más fuertes",
        "group_mean_col": "Media",
        "group_sd": "DE",
        "group_median": "Mediana",
        "group_range": "Rango",
        "group_paired": "Emparejados",
        "group_paired_change": "Cambio emparejado",
        "group_complete_cases": "Respuestas completas",
        "group_meta": "{n} personas · tamaño mínimo de grupo {min_group} · {date}",
        "group_moved": "{moved} de las {paired} personas presentes en ambas sesiones cambiaron de zona.",
        "group_before_note": "Antes: {before} resultados; después: {after}; {paired} personas presentes en ambas sesiones. Cambio = media después − media antes; d_z es el tamaño del efecto emparejado.",
        "group_before_withheld": "La comparación con la sesión anterior no se muestra ({reason}).",
        "group_too_small": "demasiado pocas personas",
        "history_title": "Autoevaluaciones guardadas, de la más reciente a la más antigua",
        "history_empty": "Todavía no hay autoevaluaciones guardadas en {path}. Empieza una con: kamtrust assess",
        "history_files": "Ficheros",
        "questionnaire": "Cuestionario",
        "status": "Estado",
        "status_complete": "completa",
        "status_partial": "sin terminar",
        "status_unreadable": "ilegible",
        "compare_title": "Cambio entre el {old} y el {new}",
        "compare_versions": "Los dos resultados se hicieron con versiones distintas de {id} ({old} y {new}); solo se comparan los factores puntuados en ambos.",
        "against_title": "Junto a tu grupo",
        # Anonimato: por qué no se muestra una cifra.
        "hidden_fewer": "oculto: menos de {n} personas",
        "hidden_complementary": "oculto para que no se puedan deducir por diferencia los datos de {names}",
        "hidden_changed": "las personas que cambiaron de {field} entre las sesiones",
        "hidden_near": "oculto para que no se puedan deducir por diferencia las cifras pequeñas de su tabla",
        "hidden_cell": "oculto",
        "hidden_count": "< {n}",
        "hidden_and": "y",
        "no_answers": "sin respuestas",
        "no_pairs": "nadie presente en ambas sesiones",
        "not_given": "(sin indicar)",
        "hidden_rule": "Se oculta toda cifra que describe a menos de {n} personas, y una más donde podría deducirse por diferencia.",
        "hidden_dots": "No se dibujan los puntos: algunas zonas tienen menos de {n} personas.",
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
