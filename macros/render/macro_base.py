"""What the status macro classes share: the build's context, seen from the page
being rendered."""

from __future__ import annotations

from typing import Any

from macros import urls
from macros.context import BuildContext
from macros.render.view import View


class BuildMacros:
    """One build's macros: `base` is the whole site's view, built once from the
    context; `_view()` is the same view on the page mkdocs-macros is rendering."""

    def __init__(self, context: BuildContext, env: Any) -> None:
        self.context = context
        self.env = env
        self.base = View.of_build(context)

    def _view(self) -> View:
        page = getattr(self.env, "page", None)
        return self.base.at(page.url if page is not None else urls.STATUS_HOME)

    def _absolute(self, target: str) -> str:
        """The full address of the site-relative `target` (for calendars and copying)."""
        return f"{self.context.site_url.rstrip('/')}/{target}"
