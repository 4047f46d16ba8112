"""The browser's files: `status/status.js` for the status pages, `status/banner.js` for
intranet pages (both built around the same reading of status.json), and the
status pages' stylesheet for the playbook's examples.

Each script is one closure (nothing added to a page's global names) made of:
its CONFIG (the sentences from `macros.wording`, the icons from
`macros.icons`, the addresses from `macros.urls`), `engine.js` (what
status.json means at a moment: the same for every page, the wall board and the
banner), and its own parts. The sources live in `macros/templates/scripts/`.
The scripts are minified (jsmin) and ASCII only, so a host page without a
UTF-8 charset shows the same words. The playbook's pages (on Material) show
the status page's parts in their examples, so they get its stylesheet as
`assets/stylesheets/bedside.css`; the status pages carry it inline.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from macros import urls, wording
from macros.browser_scripts import minified, source
from macros.icons import IMPACT_ICONS, PHASE_ICONS, STATE_ICONS
from macros.model import COMPONENT_STATES, IMPACTS, StatusTree
from macros.outputs.writing import write_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
EXAMPLES_STYLESHEET = "assets/stylesheets/bedside.css"
OFFLINE_PAGES = 30  # status pages kept besides the core (incidents, planned work, history)
OFFLINE_WAIT_MS = 4000  # longer than this, and the kept page is shown instead
# The parts of each script, after engine.js, and the function that starts it.
SCRIPTS = {
    urls.STATUS_SCRIPT: (("pages.js", "board.js"), "startStatus"),
    urls.BANNER_SCRIPT: (("embed.js",), "startBanner"),
}


def relative_to_scripts(target: str) -> str:
    """The site address `target` as seen from the scripts' folder ("../status.json")."""
    return urls.relative(urls.STATUS_SCRIPT, target)


def script_words(zone: ZoneInfo) -> dict[str, Any]:
    """Every sentence and label the scripts need, from `macros.wording`."""
    return {
        "levels": {level: {"icon": icon, "label": label}
                   for level, (icon, label) in wording.LEVELS.items()},
        "states": wording.STATE_LABELS, "stateIcons": STATE_ICONS,
        "stateOrder": list(COMPONENT_STATES),
        "impacts": wording.IMPACT_LABELS, "impactIcons": IMPACT_ICONS, "impactOrder": list(IMPACTS),
        "phases": wording.MAINTENANCE_PHASE_LABELS, "phaseIcons": PHASE_ICONS,
        "allWorking": wording.ALL_WORKING, "workUntil": wording.WORK_UNTIL,
        "workLate": wording.WORK_RUNNING_LATE, "workSoon": wording.WORK_SOON,
        "next": wording.NEXT_UPDATE, "overdue": wording.OVERDUE, "asOf": wording.AS_OF,
        "otherProblems": list(wording.OTHER_PROBLEMS),
        "siteTime": wording.site_time(zone),
        "whenStarted": wording.WHEN_STARTED, "whenLate": wording.WHEN_RUNNING_LATE,
        "when": {"in_progress": wording.WHEN_STARTED, "completed": wording.WHEN_FINISHED},
        "facts": {phase: list(wording.FACTS_BY_PHASE[phase])
                  for phase in ("in_progress", "completed")},
        "windowShort": wording.WINDOW_SHORT, "windowLong": wording.WINDOW_LONG,
        "days": wording.RELATIVE_DAYS, "eveningHour": wording.EVENING_HOUR,
        "earlyDays": wording.EARLY_RELATIVE_DAYS, "earlyHoursEnd": wording.EARLY_HOURS_END,
        "contactFor": wording.CONTACT_FOR,
        "longWindowHours": wording.LONG_WINDOW.total_seconds() / 3600,
        "soonHours": wording.SOON.total_seconds() / 3600,
        "embedProblem": wording.EMBED_PROBLEM, "embedOthers": list(wording.EMBED_OTHERS),
        "link": wording.EMBED_LINK,
        "news": wording.NEWS_SINCE_OPENED, "showLatest": wording.SHOW_LATEST,
        "offline": wording.OFFLINE, "offlineNoContact": wording.OFFLINE_NO_CONTACT,
        "refreshed": wording.BOARD_REFRESHED, "notRefreshed": wording.BOARD_NOT_REFRESHED,
        "noProblems": wording.BOARD_NO_PROBLEMS, "noWork": wording.BOARD_NO_WORK,
        "fields": wording.FIELD_HEADINGS,
    }


def script_text(address: str, zone: ZoneInfo) -> str:
    """The text of the script published at `address` (a key of `SCRIPTS`)."""
    parts, starter = SCRIPTS[address]
    config = {"statusJson": relative_to_scripts(urls.STATUS_JSON),
              "statusPage": relative_to_scripts(urls.STATUS_HOME),
              # Only the status pages keep themselves for offline use; never an intranet page.
              "serviceWorker": relative_to_scripts(urls.SERVICE_WORKER)
              if address == urls.STATUS_SCRIPT else "",
              "words": script_words(zone)}
    sources = [source(name) for name in ("prelude.js", "engine.js", "times.js", *parts)]
    config_text = json.dumps(config, separators=(",", ":"))
    body = "\n".join(sources).replace("/*CONFIG*/null", config_text, 1)
    start = (f"if (document.readyState === \"loading\") {{\n"
             f"  document.addEventListener(\"DOMContentLoaded\", {starter});\n"
             f"}} else {{\n  {starter}();\n}}\n")
    return minified(f"(function () {{\n\"use strict\";\n{body}\n{start}}})();\n") + "\n"


def offline_core(tree: StatusTree) -> list[str]:
    """What the offline cache always holds: the pages people open first, an audience's
    view, the wall board, and what they read (status.json, the status script)."""
    return ["", urls.STATUS_HOME, urls.BOARD,
            *(urls.audience_page(audience.id) for audience in tree.audiences),
            urls.STATUS_JSON, urls.STATUS_SCRIPT]


def service_worker_text(tree: StatusTree, version: str) -> str:
    """The text of `sw.js`: the offline cache of the status pages, for this deployment."""
    config = {"version": version, "core": offline_core(tree), "statusHome": urls.STATUS_HOME,
              "limit": OFFLINE_PAGES, "waitMs": OFFLINE_WAIT_MS}
    text = source("sw.js").replace("/*CONFIG*/null", json.dumps(config, separators=(",", ":")), 1)
    return minified(text) + "\n"


def write_assets(site_dir: Path, tree: StatusTree, built_at: datetime) -> list[str]:
    """Write the scripts, the offline cache's worker and the examples' stylesheet; return
    their site addresses. Each build is a new version of the worker, so a deployment
    replaces what browsers kept."""
    texts = {address: script_text(address, tree.timezone) for address in SCRIPTS}
    for address, text in texts.items():
        write_text(site_dir, address, text)
    fingerprint = hashlib.sha256((built_at.isoformat() + "".join(texts.values())).encode())
    write_text(site_dir, urls.SERVICE_WORKER,
               service_worker_text(tree, fingerprint.hexdigest()[:12]))
    css = (TEMPLATES / "styles" / "status.css").read_text(encoding="utf-8")
    write_text(site_dir, EXAMPLES_STYLESHEET, css)
    return [*SCRIPTS, urls.SERVICE_WORKER, EXAMPLES_STYLESHEET]
