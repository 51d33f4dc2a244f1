"""The engine: pure scoring, group statistics and anonymity rules.

Validated questionnaires and answers in, immutable values out (frozen dataclasses, and
:class:`~kamtrust.engine.scoring.Profile`, which works out some fields when first read). No I/O,
no clock, no environment: nothing here imports typer, rich, yaml, os or pathlib
(tests/test_architecture.py holds that line). Documents (JSON with a schema, the time and the
tool's version) are written in :mod:`kamtrust.documents`; the terminal and the reports present
what the engine returns.

- ``scoring``: one person's answers scored against a questionnaire (factors, poles, overall, zone, flags).
- ``enough``: whether answers score anything at all, and which scale is nearest to a score.
- ``stats``: descriptive statistics, Cronbach's alpha, item-total correlations, effect sizes.
- ``anonymity``: the minimum-group rule per figure: what to hide, and why.
- ``group``: a group's statistics over many scored results, by subgroup, with suppression.
- ``compare``: a group before and after: mean changes, paired changes, effect sizes, zone moves.
- ``moves``: the zone-moves tables of a comparison: which counts to hide so that none can be solved for.
- ``present_once``: a session's figures hidden so that the people in it only (dropouts, newcomers) stay hidden.
- ``rci``: reliable change (Jacobson & Truax) and words for d_z.
- ``unpaired``: who could not be paired between two sessions and why (one entry per person).
- ``versions``: what two versions of one questionnaire share, so sessions compare across them.
- ``trust``: a reading of Green's trust equation from a profile, named as an approximation.
- ``raters``: what each rater role can rate, and which groups of raters may be shown.
- ``selfother``: the self-assessment beside the raters' view: gaps, blind spots, hidden strengths.
- ``selfother_group``: a group summary's self-other gaps per ``--by`` subgroup, with complementary hiding.
"""
