#!/usr/bin/env python3
"""Check every status file and list what to fix. Same as `bedside check`.

Run it with the project's Python: .venv/bin/python scripts/check.py [options]
"""

import sys

from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(['check', *sys.argv[1:]]))
