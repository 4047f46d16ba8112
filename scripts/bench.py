#!/usr/bin/env python3
"""Time the build as history grows, weigh the status page and time the fetch.

Same as `bedside bench`.
"""

import sys

from macros.cli import main

if __name__ == "__main__":
    sys.exit(main(['bench', *sys.argv[1:]]))
