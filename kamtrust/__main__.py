"""Allow ``python -m kamtrust``."""

from kamtrust.cli import script

script()
