"""The Jinja environment for Bedside's own templates (autoescaped, strict).

Only Bedside's templates in `macros/templates/` are evaluated here; people's
text arrives as values and is escaped or passed through `rich`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from macros import urls, wording
from macros.icons import IMPACT_ICONS, PHASE_ICONS, STATE_ICONS
from macros.text import rich, rich_inline

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

def icon(name: str) -> Markup:
    """A decorative icon (drawn by bedside.css); the words beside it carry the meaning."""
    return Markup('<span class="bedside-icon bedside-icon--{}" aria-hidden="true"></span>'
                  ).format(name)


def heading(level: int, text: Any, **attributes: str) -> Markup:
    """`<hN>` clamped to h1–h6, so a section can sit at any depth of a page."""
    level = max(1, min(6, level))
    attrs = Markup("").join(Markup(' {}="{}"').format(k.rstrip("_").replace("_", "-"), v)
                            for k, v in attributes.items() if v)
    return Markup("<h{0}{1}>{2}</h{0}>").format(level, attrs, text)


def link_to(text: Any, url: str) -> Markup:
    """`<a href="url">text</a>`, or the text alone when there is no address."""
    if not url:
        return escape(text)
    return Markup('<a href="{}">{}</a>').format(url, text)


@cache
def environment() -> jinja2.Environment:
    """The shared environment; templates are loaded once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(rich=rich, rich_inline=rich_inline)
    env.globals.update(
        icon=icon, heading=heading, link_to=link_to, Markup=Markup, urls=urls,
        wording=wording, fill=wording.fill,
        STATE_ICONS=STATE_ICONS, IMPACT_ICONS=IMPACT_ICONS, PHASE_ICONS=PHASE_ICONS,
        FIELD=wording.FIELD_HEADINGS, STATE_LABELS=wording.STATE_LABELS,
    )
    return env


def compact(html: str) -> str:
    """Drop indentation and blank lines, so Markdown keeps the HTML as one raw block."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def render(template: str, **values: Any) -> Markup:
    """Render `macros/templates/<template>` with `values`, compacted."""
    return Markup(compact(environment().get_template(template).render(**values)))
