"""The rater's form (issue 13): what to paste into Google Forms or Microsoft Forms, a printable
page, and an answers-file template — for one professional, one account and one role.

The statements are the questionnaire's observer texts (third person), in the order a rater
answers them; the grids are built as in :mod:`kamtrust.export.formguide`, so the form's export
carries headers ``kamtrust feedback import`` matches with no options. Pure: strings out.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from kamtrust.engine.raters import MIN_RATERS, rater_questionnaire
from kamtrust.export.formguide import _block, _header, grid_steps, grid_title, pages
from kamtrust.i18n import t
from kamtrust.questionnaire.model import Questionnaire, localize
from kamtrust.results.answers import SHEET_SCHEMA


@dataclass(frozen=True)
class RaterForm:
    """Who is rated, by whom, and what the rater is told."""

    q: Questionnaire
    role: str
    lang: str
    kam: str | None
    """The rated professional's name, when their result has one."""
    account: str | None
    result_ref: str = "RESULT.json"
    """How the rated result is named in the import command shown."""
    shown_alone: bool = False
    """The manager's answers will be shown on their own (the rater is told)."""
    min_raters: int = MIN_RATERS

    @property
    def view(self) -> Questionnaire:
        return rater_questionnaire(self.q, self.role, self.kam)

    def kam_text(self) -> str:
        return self.kam or t(self.lang, "fb_kam_unnamed")

    def account_text(self) -> str:
        if not self.account:
            return t(self.lang, "fb_account_unnamed")
        return f"«{self.account}»" if self.lang == "es" else f"“{self.account}”"

    def title(self) -> str:
        key = "fb_form_title" if self.account else "fb_form_title_noaccount"
        return t(self.lang, key, kam=self.kam_text(), account=self.account or "")

    def intro(self) -> list[str]:
        lang = self.lang
        first = t(
            lang,
            "fb_intro" if not self.kam else "fb_intro_named",
            kam=self.kam_text(),
            account=self.account_text(),
            role_a=t(lang, f"fb_role_a_{self.role}"),
        )
        if self.role == "manager" and self.shown_alone:
            second = t(lang, "fb_privacy_manager_alone", kam=self.kam_text())
        else:
            second = t(lang, "fb_privacy", min=self.min_raters)
        return [first, second]


def rater_guide(form: RaterForm, kind: str) -> str:
    """The guide for ``kind`` 'gforms' or 'msforms', in the form's language, as Markdown."""
    lang, view = form.lang, form.view
    app = t(lang, f"fg_app_{kind}")
    labels = [localize(view.scale.labels.get(p), lang) for p in range(view.scale.min, view.scale.max + 1)]
    groups = pages(view.presentation_order)
    out = [
        "# " + t(lang, "fg_heading", app=app, title=form.title()),
        "",
        t(
            lang,
            "fb_lead",
            app=app,
            role_plural=t(lang, f"fb_roles_{form.role}"),
            kam=form.kam_text(),
            n=len(view.items),
            qid=view.id,
            version=view.version,
        ),
        "",
        "## " + t(lang, "fg_step_form"),
        "",
        t(lang, f"fg_create_{kind}"),
        "",
        t(lang, "fg_title_label"),
        "",
        _block([form.title()]),
        t(lang, "fg_intro_label"),
        "",
        _block(form.intro()),
        "## " + t(lang, "fb_step_people"),
        "",
        t(lang, f"fb_step_people_{kind}", name=t(lang, "fb_name_q")),
        "",
        *grid_steps(groups, labels, lang, kind),
    ]
    example = _header(kind, grid_title(lang, 1, len(groups)), groups[0][0], lang)
    export = "respuestas" if lang == "es" else "answers"
    export += ".csv" if kind == "gforms" else ".xlsx"
    out += [
        "## " + t(lang, "fg_step_import"),
        "",
        t(lang, f"fg_headers_{kind}", example=example).replace("kamtrust import", "kamtrust feedback import"),
        "",
        t(lang, f"fg_download_{kind}"),
        "",
        _block([t(lang, "fb_command", file=export, result=form.result_ref, role=form.role)]),
    ]
    return "\n".join(out).rstrip("\n") + "\n"


def answers_template(form: RaterForm) -> str:
    """A YAML answers file to fill in with a text editor: one commented line per statement."""
    lang, view = form.lang, form.view
    labels = ", ".join(
        f"{p} {localize(view.scale.labels.get(p), lang)}" for p in range(view.scale.min, view.scale.max + 1)
    )
    head = t(
        lang,
        "fb_template_head",
        role=t(lang, f"fb_role_{form.role}"),
        kam=form.kam_text(),
        account=form.account or "—",
        qid=view.id,
        version=view.version,
        min=view.scale.min,
        max=view.scale.max,
        labels=labels,
        command=t(lang, "fb_template_command", role=form.role) + (" --show-manager" if form.shown_alone else ""),
    )
    lines = [f"# {line}" for line in _wrap(head, 96)]
    lines += [f"# {line}" for p in form.intro() for line in _wrap(p, 96)]
    # The marker lets `assess --answers` refuse the sheet as one's own answers, and `assess --as`
    # check the role; "for" names the rated result in the command the refusal gives.
    lines += [f"schema: {SHEET_SCHEMA}", f"role: {form.role}", f"for: {json.dumps(form.result_ref)}"]
    lines += [f"language: {lang}", "answers:"]
    for n, item in enumerate(view.presentation_order, start=1):
        # Numbered as the rows of the printable page, which shows no ids: a paper form is typed in here.
        for line in _wrap(f"{n}. {localize(item.text, lang)}", 92):
            lines.append(f"  # {line}")
        lines.append(f"  {item.id}:")
    return "\n".join(lines) + "\n"


def printable_page(form: RaterForm) -> str:
    """A self-contained HTML page to print on A4 and tick by hand (no scripts, nothing fetched)."""
    lang, view = form.lang, form.view
    esc = html.escape
    points = range(view.scale.min, view.scale.max + 1)
    head_cells = "".join(
        f'<th class="pt">{p}<br><span>{esc(localize(view.scale.labels.get(p), lang))}</span></th>' for p in points
    )
    rows = []
    for n, item in enumerate(view.presentation_order, start=1):
        boxes = "".join('<td class="box">☐</td>' for _ in points)
        rows.append(f'<tr><td class="n">{n}</td><td>{esc(localize(item.text, lang))}</td>{boxes}</tr>')
    intro = "".join(f"<p>{esc(p)}</p>" for p in form.intro())
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(form.title())}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 60rem;
  color: #1a1a1a; line-height: 1.4; }}
h1 {{ font-size: 1.4rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92rem; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 0.35rem 0.4rem; vertical-align: top; text-align: left; }}
th.pt {{ text-align: center; width: 4.2rem; font-size: 0.8rem; }}
th.pt span {{ font-weight: normal; }}
td.box {{ text-align: center; font-size: 1.2rem; }}
td.n {{ color: #666; width: 1.8rem; }}
.meta {{ margin: 1rem 0; }}
@media print {{ body {{ margin: 0; max-width: none; }} tr {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>{esc(form.title())}</h1>
{intro}
<p class="meta"><strong>{esc(t(lang, "fb_print_role", role_a=t(lang, f"fb_role_a_{form.role}")))}</strong><br>
{esc(t(lang, "fb_print_name"))}</p>
<table>
<thead><tr><th></th><th>{esc(t(lang, "fb_print_statement"))}</th>{head_cells}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<p>{esc(t(lang, "fb_print_return", kam=form.kam_text()))}</p>
</body>
</html>
"""


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]
