"""Allow ``python -m kamtrust``."""

from kamtrust.cli import main

raise SystemExit(main(prog_name="kamtrust"))
