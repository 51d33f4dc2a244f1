"""Questionnaires: the validated model, the YAML loader, and where to find them."""
