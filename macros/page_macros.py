"""The macros pages call. Each one returns HTML built from the validated data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.context import BuildContext
from macros.playbook_macros import MACROS as PLAYBOOK_MACROS
from macros.playbook_macros import PlaybookMacros
from macros.playbook_pages import playbook_pages
from macros.plugin import load_context


def build_context_of(env: Any) -> BuildContext:
    """The Bedside plugin's context for this build.

    Where the plugin does not run (Zensical runs the macros but not MkDocs
    plugins) the macros load the same data themselves, and stop on bad data
    with the plugin's message.
    """
    plugin = env.conf.get("plugins", {}).get("bedside")
    if plugin is not None and plugin.context is not None:
        return plugin.context
    return load_context(env.conf)


def register(env: Any) -> None:
    """Register every macro with mkdocs-macros."""
    from macros.render import examples
    from macros.render.reach import ReachMacros
    from macros.render.status_macros import StatusMacros, theme_addresses

    context = build_context_of(env)
    env.variables["bedside"] = context
    # The theme templates (docs/overrides/) read the status addresses from here.
    env.conf["extra"]["bedside"] = theme_addresses()
    # "Related practices" (docs/overrides/partials/practice-related.html) reads these.
    env.conf["extra"]["playbook_pages"] = playbook_pages(Path(env.conf.get("docs_dir", "docs")))

    # The playbook's downtime message templates: the status page's own words.
    env.macro(examples.downtime_example, "downtime_example")
    env.macro(examples.incident_example, "incident_example")
    env.macro(examples.message_template, "message_template")
    env.macro(examples.sample_work_when, "sample_work_when")
    # The promises the playbook makes, from status/calendar.yml and macros/follow_up.py.
    playbook = PlaybookMacros(context.tree, context.now)
    for name in PLAYBOOK_MACROS:
        env.macro(getattr(playbook, name), name)

    # The status pages (the generated pages call the last three with an id).
    status = StatusMacros(context, env)
    for name in ("status_home", "status_glance", "status_link", "status_address",
                 "status_subscribe_button", "incident_page", "maintenance_page", "history_page"):
        env.macro(getattr(status, name), name)

    # A view per audience, the wall board, the intranet banner's page.
    reach = ReachMacros(context, env)
    for name in ("audience_page", "board_page", "banner_page", "audience_subscriptions"):
        env.macro(getattr(reach, name), name)
