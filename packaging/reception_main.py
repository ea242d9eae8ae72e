"""Entry point of the bundled executables: the same `reception` command as `python -m reception`."""

import sys

from reception.cli import main

if __name__ == "__main__":
    sys.exit(main())
