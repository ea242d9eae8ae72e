"""`python -m reception` runs the command-line entry point."""

from reception.cli import main

raise SystemExit(main())
