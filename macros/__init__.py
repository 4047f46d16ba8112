"""Bedside: the status page and playbook of a hospital IT department.

mkdocs-macros loads this package (`module_name: macros`); the work is done in
the modules next to this file.
"""


def define_env(env) -> None:
    """Register Bedside's macros with mkdocs-macros."""
    from macros.page_macros import register

    register(env)
