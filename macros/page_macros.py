"""The macros pages call. Each one returns HTML built from the validated data."""

from __future__ import annotations

from typing import Any

from macros.context import BuildContext


def build_context_of(env: Any) -> BuildContext:
    """The Bedside plugin's context for this build (the plugin must run before macros)."""
    plugin = env.conf["plugins"].get("bedside")
    if plugin is None or plugin.context is None:
        raise RuntimeError("the bedside plugin must be listed before macros in mkdocs.yml")
    return plugin.context


def register(env: Any) -> None:
    """Register every macro with mkdocs-macros."""
    from macros.render import examples

    context = build_context_of(env)
    env.variables["bedside"] = context

    # The playbook's downtime message templates: the status page's own words.
    env.macro(examples.downtime_example, "downtime_example")
    env.macro(examples.incident_example, "incident_example")
