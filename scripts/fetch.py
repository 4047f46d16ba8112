#!/usr/bin/env python3
"""Read the automatic checks and supplier feeds into the snapshot. Same as `bedside fetch`.

Run it with the project's Python: .venv/bin/python scripts/fetch.py [options]
"""

import sys

from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(['fetch', *sys.argv[1:]]))
