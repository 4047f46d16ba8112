#!/usr/bin/env python3
"""Read the automatic checks and supplier feeds into the snapshot. Same as `bedside fetch`."""

import sys

from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(['fetch', *sys.argv[1:]]))
