"""Sub-commands of `bedside`: argument parsing and printing only."""
