"""Questionnaires: the validated model, the YAML loader (the built-in files parsed ahead of time), and where to find them."""
