"""The macros pages call, and the light shell the status home and the home page use.

Each macro returns HTML built from the validated data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.context import BuildContext
from macros.playbook_macros import MACROS as PLAYBOOK_MACROS
from macros.playbook_macros import PlaybookMacros
from macros.playbook_pages import playbook_pages
from macros.plugin import load_context
from macros.render.shell import Site, render_page, site_feeds


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


def light_page(site: Site, page: Any) -> Markup:
    """An MkDocs page (`template: bedside-light.html`) in Bedside's own light shell:
    the status home and the home page, the pages people open first."""
    body = page.content or ""
    if "<h1" not in body:
        body = str(Markup("<h1>{}</h1>").format(page.title)) + body
    meta = page.meta or {}
    editable = meta.get("edit") is not False
    return Markup(render_page(
        site, here=page.url, title=page.title or site.name, body=body,
        description=meta.get("description", ""), feeds=site_feeds(page.url),
        edit_url=(page.edit_url or "") if editable else "", current=page.url))


def register(env: Any) -> None:
    """Register every macro with mkdocs-macros."""
    from macros.render import examples
    from macros.render.reach import ReachMacros
    from macros.render.status_macros import StatusMacros, theme_addresses

    context = build_context_of(env)
    site = Site.from_config(env.conf)
    env.variables["bedside"] = context
    # The theme templates (docs/overrides/) read the status addresses from here,
    # and bedside-light.html renders its page through the light shell.
    env.conf["extra"]["bedside"] = theme_addresses()
    env.conf["extra"]["bedside_page"] = lambda page: light_page(site, page)
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

    # The status home, the home page's door, and the links and addresses of the outputs.
    status = StatusMacros(context, env)
    for name in ("status_home", "status_glance", "status_link", "status_address",
                 "status_subscribe_button"):
        env.macro(getattr(status, name), name)

    # The list of each audience's view, feed and calendar (the subscribe page).
    env.macro(ReachMacros(context, env).audience_subscriptions, "audience_subscriptions")
