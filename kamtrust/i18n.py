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
        "who_intro": "Before you start: this assessment is about one key account. Enter leaves a field blank.",
        "who_name": "Your name (optional):",
        "who_account": "The key account you will answer for (optional):",
        "who_not_utf8": "the text typed is not valid UTF-8; check your terminal's encoding",
        "busy": "The unfinished assessment {path} is open in another kamtrust session{who}; two sessions on one assessment would overwrite each other's answers. Finish it there, or save and quit there and then run kamtrust assess --resume here. To start a separate assessment meanwhile: kamtrust assess --new",
        "busy_process": " (process {pid})",
        "out_taken": "it was created while you answered (by another session?) and is not overwritten. All your answers are kept in {partial}; save the result elsewhere with: kamtrust assess --resume -o FILE, or overwrite it with: kamtrust assess --resume --force",
        "not_resumable": "{path} cannot be resumed: {problems}. The file is kept as it is, with its answers. To start a new assessment: kamtrust assess --new",
        "cannot_read": "it cannot be read ({reason})",
        "version_changed": "it was started with {id} {old}, and {id} is now version {new}; if you still have the file of version {old}, resume with: kamtrust assess --resume -q FILE",
        "questionnaire_gone": "its questionnaire '{id}' cannot be found ({reason}); if you have its file, resume with: kamtrust assess --resume -q FILE",
        "unknown_answers": "it has answers to questions that {id} {version} does not have ({items})",
        "out_of_scale": "it has answers outside the scale {min}..{max} ({items})",
        "nothing_to_resume": "there is no unfinished assessment to resume{which} in {path}; start one with: kamtrust assess",
        "save_failed": "Your answers could not be saved in {path}: {reason}. Nothing you typed is lost: every answer so far is below. Copy them into a file and run kamtrust assess --answers FILE, or free some space and run kamtrust assess --resume (the file on disk holds the answers up to the last one saved).",
        "ignored_size": "Warning: ignoring {values}: not a terminal size (a whole number from 1 to 10000); using the terminal's own size.",
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
        "flag_acquiescence": "You agreed as much with statements as with their opposites (often or always to both): "
        "this may be a habit of agreeing rather than what you do. Read your lowest scores first.",
        "flag_uniform_high": "Every factor is high, with little difference between them. Self-assessments tend to be "
        "generous: ask a client what they would score you.",
        "flag_too_fast": "The answers came faster than the statements can be read (under 2 seconds each): answer "
        "again calmly before drawing conclusions.",
        "alert_client_focus": "{factor} is in the lowest band: read this first. In the trust equation, "
        "self-orientation divides everything else; no average makes up for it.",
        "alert_integrity": "{factor} is in the lowest band: read this first. One suspicion of double-dealing "
        "outweighs everything else; no average makes up for it.",
        "trust_equation": "Trust equation (approximation)",
        "trust_self_orientation": "Self-orientation",
        "trust_equation_note": "A reading of Charles H. Green's trust equation: (credibility + reliability + "
        "intimacy) / self-orientation, with self-orientation taken as the reverse of {focus}. An approximation from "
        "your own answers, on the answer scale: {neutral} means 'sometimes' throughout; it ranges from {low} to {high}.",
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
        "compare_versions": "The two results were made with different versions of {id} ({old} and {new}); the questionnaire changed, so only the factors scored in both are compared, never the items.",
        "compare_bands_changed": "The bands start at different scores in version {old} ({old_bands}) and version {new} ({new_bands}): a change of band may come from the new cut-offs, not from a change in you.",
        "compare_zones_changed": "The distance zones use a different threshold in version {old} ({old_t}) and version {new} ({new_t}): a change of zone may come from the new threshold, not from a change in you.",
        "group_compare_versions": "The two sessions were answered with different versions of {id} ({old} and {new}); the questionnaire changed, so only the factors both versions share are compared, never the items.",
        "group_compare_bands_changed": "The bands start at different scores in version {old} ({old_bands}) and version {new} ({new_bands}): the sessions' bands are not compared, only their scores.",
        "group_compare_zones_changed": "The distance zones use a different threshold in version {old} ({old_t}) and version {new} ({new_t}): zone counts and changes of zone are not compared between the sessions.",
        "group_compare_overall_left_out": "The overall trust index is not compared: the two versions do not have the same factors.",
        "group_compare_notes_title": "Questionnaire versions",
        "group_compare_note_col": "note",
        "compare_warning": "Warning: {text}",
        "compare_newer": "Note: {old} ({old_date}) is more recent than {new} ({new_date}).",
        "against_title": "Beside your group",
        # Reading input files and leaving files out of a group (kamtrust/inputfile.py, results/collect.py).
        "noun.file": "file",
        "noun.result file": "result file",
        "noun.kamtrust result": "kamtrust result",
        "noun.CSV file": "CSV file",
        "noun.group summary file": "group summary file",
        "read_missing": "file not found",
        "read_folder": "is a folder, not a {what}",
        "read_fifo": "is a named pipe (FIFO), not a file; it was not opened",
        "read_device": "is a device, not a file; it was not opened",
        "read_socket": "is a socket, not a file; it was not opened",
        "read_not_regular": "is not a regular file; it was not opened",
        "read_too_large": "is larger than {limit}, too large for a {what}; it was not read",
        "read_loop": "is a symbolic link loop",
        "read_temporary": "is a temporary file left by an interrupted save, not a result; not read",
        "read_folder_again": "leads to a folder already read (a symbolic link loop, or a second way to the same folder); not followed",
        "read_unreadable": "cannot be read ({error})",
        "json_not_utf8": "is not a {kind} (not UTF-8 text)",
        "json_invalid": "is not a {kind} (invalid JSON on line {line}, column {column}: {error})",
        "json_constant": "is not a {kind} ({constant} is not a number that JSON allows)",
        "json_too_deep": "is not a {kind} (JSON nested too deeply)",
        "json_huge_number": "is not a {kind} (a number has more than 4300 digits)",
        "result_not_object": "is not a kamtrust result (expected a JSON object)",
        "result_schema_other": "uses result schema '{schema}', which this kamtrust ({version}) cannot read; expected '{expected}'",
        "result_schema_missing": "is not a kamtrust result (its 'schema' is {schema}, expected '{expected}')",
        "result_damaged": "is a damaged kamtrust result: {problems}",
        "result_p_questionnaire": "'questionnaire' must hold an 'id' and a 'version' (texts)",
        "result_p_language": "'language' must be a language code",
        "result_p_participant": "'participant' must hold an 'id'",
        "result_p_participant_text": "participant fields must be texts",
        "result_p_created_at": "'created_at' must be an ISO 8601 date and time",
        "result_p_status": "'status' must be 'complete' or 'partial'; found {found}",
        "result_p_answers": "'answers' must map item ids to whole numbers",
        "result_p_answer": "'answers' must map item ids to whole numbers; {item} is {found}",
        "result_p_profile": "'profile' is missing",
        "result_p_session": "'session' is malformed",
        "result_p_duration": "'duration_seconds' must be a whole number of seconds, 0 or more; found {found}",
        "result_p_escape": "a text holds an invalid \\u escape",
        "left_partial_one": "{n} unfinished result left out: {files}",
        "left_partial_many": "{n} unfinished results left out: {files}",
        "left_and_more": " and {n} more",
        "left_file": "left out {path}: {reason}",
        "left_more": "... and {n} more files left out",
        "left_more_one": "... and 1 more file left out",
        "left_same_file": "the same file reached twice: {first} and {second}",
        "left_same_content": "the same content as {first}",
        "left_earlier": "an earlier result of the same person for the same account (the latest complete one counts: {kept})",
        "left_other_account": "another account of the same person: each person counts once in a summary, with their latest result ({kept}); to summarise this account, select its result files alone",
        "left_no_answers": "has no answers",
        "left_nothing_scored": "answers too few questions to score any factor or pole ({answered} answered)",
        "left_not_fit": "has answers that do not fit {id} {version}: {error}",
        "group_summarised": "{id} {version}: {n} results summarised",
        "group_summarised_one": "{id} {version}: 1 result summarised",
        "group_summarised_people": "{id} {version}: {n} results of {people} people summarised",
        "group_summarised_excluded": " ({partial} unfinished, {rejected} other files left out)",
        "group_side_before": "before: ",
        "group_side_after": "after: ",
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
        "who_intro": "Antes de empezar: esta autoevaluación trata de una sola cuenta clave. Con Intro dejas un campo en blanco.",
        "who_name": "Tu nombre (opcional):",
        "who_account": "La cuenta clave en la que vas a pensar (opcional):",
        "who_not_utf8": "el texto escrito no es UTF-8 válido; revisa la codificación de tu terminal",
        "busy": "La autoevaluación sin terminar {path} está abierta en otra sesión de kamtrust{who}; dos sesiones sobre la misma autoevaluación se sobrescribirían las respuestas. Termínala allí, o guarda y sal allí y después usa aquí kamtrust assess --resume. Para empezar otra autoevaluación mientras tanto: kamtrust assess --new",
        "busy_process": " (proceso {pid})",
        "out_taken": "se creó mientras respondías (¿en otra sesión?) y no se sobrescribe. Todas tus respuestas se conservan en {partial}; guarda el resultado en otro sitio con: kamtrust assess --resume -o FICHERO, o sobrescríbelo con: kamtrust assess --resume --force",
        "not_resumable": "No se puede continuar {path}: {problems}. El fichero se conserva tal cual, con sus respuestas. Para empezar una autoevaluación nueva: kamtrust assess --new",
        "cannot_read": "no se puede leer ({reason})",
        "version_changed": "se empezó con {id} {old} y {id} ahora es la versión {new}; si aún tienes el fichero de la versión {old}, continúa con: kamtrust assess --resume -q FICHERO",
        "questionnaire_gone": "no se encuentra su cuestionario '{id}' ({reason}); si tienes su fichero, continúa con: kamtrust assess --resume -q FICHERO",
        "unknown_answers": "tiene respuestas a preguntas que {id} {version} no tiene ({items})",
        "out_of_scale": "tiene respuestas fuera de la escala {min}..{max} ({items})",
        "nothing_to_resume": "no hay ninguna autoevaluación sin terminar que continuar{which} en {path}; empieza una con: kamtrust assess",
        "save_failed": "No se pudieron guardar tus respuestas en {path}: {reason}. No se pierde nada de lo que has escrito: todas tus respuestas hasta ahora están aquí debajo. Cópialas en un fichero y usa kamtrust assess --answers FICHERO, o libera espacio y usa kamtrust assess --resume (el fichero del disco guarda las respuestas hasta la última que se pudo guardar).",
        "ignored_size": "Aviso: se ignora {values}: no es un tamaño de terminal (un número entero del 1 al 10000); se usa el tamaño real del terminal.",
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
        "flag_acquiescence": "Has respondido que sí tanto a las frases como a sus contrarias (a menudo o siempre "
        "en ambas): puede ser una costumbre de asentir más que lo que haces. Lee primero tus puntuaciones más bajas.",
        "flag_uniform_high": "Todos los factores salen altos y muy parecidos. Las autoevaluaciones suelen ser "
        "generosas: pregunta a un cliente qué puntuación te daría.",
        "flag_too_fast": "Las respuestas llegaron más deprisa de lo que se tarda en leer las frases (menos de "
        "2 segundos cada una): vuelve a responder con calma antes de sacar conclusiones.",
        "alert_client_focus": "{factor} está en el nivel más bajo: léelo antes que nada. En la ecuación de la "
        "confianza, la autoorientación lo divide todo; ninguna media lo compensa.",
        "alert_integrity": "{factor} está en el nivel más bajo: léelo antes que nada. Una sola sospecha de doble "
        "juego pesa más que todo lo demás; ninguna media lo compensa.",
        "trust_equation": "Ecuación de la confianza (aproximación)",
        "trust_self_orientation": "Autoorientación",
        "trust_equation_note": "Una lectura de la ecuación de la confianza de Charles H. Green: (credibilidad + "
        "fiabilidad + intimidad) / autoorientación, tomando la autoorientación como lo contrario de {focus}. Es una "
        "aproximación a partir de tus propias respuestas, en la escala de respuesta: {neutral} equivale a «a veces» "
        "en todo; va de {low} a {high}.",
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
        "compare_versions": "Los dos resultados se hicieron con versiones distintas de {id} ({old} y {new}); el cuestionario cambió, así que solo se comparan los factores puntuados en ambos, nunca las preguntas.",
        "compare_bands_changed": "Los niveles empiezan en puntuaciones distintas en la versión {old} ({old_bands}) y en la {new} ({new_bands}): un cambio de nivel puede deberse a los nuevos cortes y no a un cambio tuyo.",
        "compare_zones_changed": "Las zonas de distancia usan un umbral distinto en la versión {old} ({old_t}) y en la {new} ({new_t}): un cambio de zona puede deberse al nuevo umbral y no a un cambio tuyo.",
        "group_compare_versions": "Las dos sesiones se respondieron con versiones distintas de {id} ({old} y {new}); el cuestionario cambió, así que solo se comparan los factores que comparten ambas versiones, nunca las preguntas.",
        "group_compare_bands_changed": "Los niveles empiezan en puntuaciones distintas en la versión {old} ({old_bands}) y en la {new} ({new_bands}): no se comparan los niveles de las sesiones, solo sus puntuaciones.",
        "group_compare_zones_changed": "Las zonas de distancia usan un umbral distinto en la versión {old} ({old_t}) y en la {new} ({new_t}): no se comparan los recuentos por zona ni los cambios de zona entre las sesiones.",
        "group_compare_overall_left_out": "El índice global de confianza no se compara: las dos versiones no tienen los mismos factores.",
        "group_compare_notes_title": "Versiones del cuestionario",
        "group_compare_note_col": "nota",
        "compare_warning": "Aviso: {text}",
        "compare_newer": "Nota: {old} ({old_date}) es más reciente que {new} ({new_date}).",
        "against_title": "Junto a tu grupo",
        # Lectura de ficheros y ficheros dejados fuera de un grupo.
        "noun.file": "fichero",
        "noun.result file": "fichero de resultado",
        "noun.kamtrust result": "resultado de kamtrust",
        "noun.CSV file": "fichero CSV",
        "noun.group summary file": "fichero de resumen de grupo",
        "read_missing": "no se encuentra el fichero",
        "read_folder": "es una carpeta, no un {what}",
        "read_fifo": "es una tubería con nombre (FIFO), no un fichero; no se ha abierto",
        "read_device": "es un dispositivo, no un fichero; no se ha abierto",
        "read_socket": "es un socket, no un fichero; no se ha abierto",
        "read_not_regular": "no es un fichero normal; no se ha abierto",
        "read_too_large": "ocupa más de {limit}, demasiado para un {what}; no se ha leído",
        "read_loop": "es un bucle de enlaces simbólicos",
        "read_temporary": "es un fichero temporal de un guardado interrumpido, no un resultado; no se lee",
        "read_folder_again": "lleva a una carpeta ya leída (un bucle de enlaces simbólicos o un segundo camino a la misma carpeta); no se sigue",
        "read_unreadable": "no se puede leer ({error})",
        "json_not_utf8": "no es un {kind} (no es texto UTF-8)",
        "json_invalid": "no es un {kind} (JSON no válido en la línea {line}, columna {column}: {error})",
        "json_constant": "no es un {kind} ({constant} no es un número que JSON admita)",
        "json_too_deep": "no es un {kind} (JSON anidado a demasiada profundidad)",
        "json_huge_number": "no es un {kind} (un número tiene más de 4300 cifras)",
        "result_not_object": "no es un resultado de kamtrust (se esperaba un objeto JSON)",
        "result_schema_other": "usa el esquema de resultado '{schema}', que esta versión de kamtrust ({version}) no sabe leer; se esperaba '{expected}'",
        "result_schema_missing": "no es un resultado de kamtrust (su 'schema' es {schema}; se esperaba '{expected}')",
        "result_damaged": "es un resultado de kamtrust dañado: {problems}",
        "result_p_questionnaire": "'questionnaire' debe tener un 'id' y una 'version' (textos)",
        "result_p_language": "'language' debe ser un código de idioma",
        "result_p_participant": "'participant' debe tener un 'id'",
        "result_p_participant_text": "los campos del participante deben ser textos",
        "result_p_created_at": "'created_at' debe ser una fecha y hora ISO 8601",
        "result_p_status": "'status' debe ser 'complete' o 'partial'; tiene {found}",
        "result_p_answers": "'answers' debe asociar ids de ítem a números enteros",
        "result_p_answer": "'answers' debe asociar ids de ítem a números enteros; {item} es {found}",
        "result_p_profile": "falta 'profile'",
        "result_p_session": "'session' está mal formada",
        "result_p_duration": "'duration_seconds' debe ser un número entero de segundos, 0 o más; tiene {found}",
        "result_p_escape": "un texto tiene un escape \\u no válido",
        "left_partial_one": "{n} resultado sin terminar dejado fuera: {files}",
        "left_partial_many": "{n} resultados sin terminar dejados fuera: {files}",
        "left_and_more": " y {n} más",
        "left_file": "se deja fuera {path}: {reason}",
        "left_more": "... y {n} ficheros más dejados fuera",
        "left_more_one": "... y 1 fichero más dejado fuera",
        "left_same_file": "el mismo fichero, alcanzado dos veces: {first} y {second}",
        "left_same_content": "el mismo contenido que {first}",
        "left_earlier": "un resultado anterior de la misma persona para la misma cuenta (cuenta el último completo: {kept})",
        "left_other_account": "otra cuenta de la misma persona: cada persona cuenta una vez en un resumen, con su último resultado ({kept}); para resumir esta cuenta, selecciona solo sus ficheros de resultado",
        "left_no_answers": "no tiene respuestas",
        "left_nothing_scored": "responde a demasiado pocas preguntas para puntuar algún factor o polo ({answered} respondidas)",
        "left_not_fit": "tiene respuestas que no encajan en {id} {version}: {error}",
        "group_summarised": "{id} {version}: {n} resultados resumidos",
        "group_summarised_one": "{id} {version}: 1 resultado resumido",
        "group_summarised_people": "{id} {version}: {n} resultados de {people} personas resumidos",
        "group_summarised_excluded": " ({partial} sin terminar, {rejected} ficheros más dejados fuera)",
        "group_side_before": "antes: ",
        "group_side_after": "después: ",
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


def noun(lang: str, word: object) -> object:
    """``word`` (a kind of file, as the code names it) in ``lang``; other values unchanged."""
    return MESSAGES[ui_language(lang)].get(f"noun.{word}", word) if isinstance(word, str) else word


def message_language(requested: str | None) -> str:
    """The catalogue for messages printed before a questionnaire is known: ``--lang``, else the locale's."""
    return ui_language((requested or locale_language() or "en").strip().lower())


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
