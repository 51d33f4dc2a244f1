"""Terminal rendering with Rich: the only package that imports it."""
