"""The interactive questionnaire ``kamtrust assess`` runs: one item at a time, back, skip, save and quit.

- ``state``: the state machine (pure, no terminal): the current item, the answers, the skipped
  questions offered once more at the end, what each key does.
- ``draw``: what the person sees (Rich): the question, the scale, the prompt and the warnings.
- ``keys``: single keypresses from a terminal, without losing keys typed ahead.
- ``keydecode``: the terminal's bytes split into keys (pure, tested without a terminal).
- ``lines``: one typed line (name, account, yes/no) without losing a Ctrl-C pressed at the prompt.
- ``session``: ties them together and saves after every key that changes the state.
"""
