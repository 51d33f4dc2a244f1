"""Exporters: pure functions from a summary or comparison to the text or bytes of one format."""
