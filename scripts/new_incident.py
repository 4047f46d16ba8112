#!/usr/bin/env python3
"""Open a new incident file from the template. Same as `bedside new incident`.

Run it with the project's Python: .venv/bin/python scripts/new_incident.py [options]
"""

import sys

from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(['new', 'incident', *sys.argv[1:]]))
