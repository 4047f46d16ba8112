"""`status/banner.js`: the intranet banner script, with its words and addresses written in.

The script's logic lives in `macros/templates/banner.js`; the build fills in
its CONFIG (the sentences from `macros.wording`, the addresses from
`macros.urls`), so the banner and the wall board say what the pages say.
The file is ASCII only (`formats.ascii_script`): an intranet page that
declares another charset, or none, still shows "—" and "’" as written.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from macros import urls, wording
from macros.model import COMPONENT_STATES, IMPACTS
from macros.outputs.formats import ascii_script
from macros.outputs.writing import write_text
from macros.render.env import IMPACT_ICONS, PHASE_ICONS, STATE_ICONS, TEMPLATES

SCRIPT_SOURCE = TEMPLATES / "banner.js"
CONFIG_SLOT = "/*CONFIG*/null"


def relative_to_script(target: str) -> str:
    """The site address `target` as seen from the script's folder ("../status.json")."""
    link = posixpath.relpath("/" + target, "/" + posixpath.dirname(urls.BANNER_SCRIPT))
    if link == ".":
        return "./"
    return link + "/" if target.endswith("/") else link


def script_words() -> dict[str, Any]:
    """Every sentence and label the banner and the board need, from `macros.wording`."""
    return {
        "levels": {level: {"icon": icon, "label": label}
                   for level, (icon, label) in wording.LEVELS.items()},
        "states": wording.STATE_LABELS, "stateIcons": STATE_ICONS,
        "stateOrder": list(COMPONENT_STATES),
        "impacts": wording.IMPACT_LABELS, "impactIcons": IMPACT_ICONS, "impactOrder": list(IMPACTS),
        "phases": wording.MAINTENANCE_PHASE_LABELS, "phaseIcons": PHASE_ICONS,
        "allWorking": wording.ALL_WORKING, "workUntil": wording.WORK_UNTIL,
        "workLate": wording.WORK_RUNNING_LATE, "workSoon": wording.WORK_SOON,
        "next": wording.NEXT_UPDATE, "overdue": wording.OVERDUE,
        "whenStarted": wording.WHEN_STARTED, "whenLate": wording.WHEN_RUNNING_LATE,
        "windowShort": wording.WINDOW_SHORT, "windowLong": wording.WINDOW_LONG,
        "days": wording.RELATIVE_DAYS, "eveningHour": wording.EVENING_HOUR,
        "earlyDays": wording.EARLY_RELATIVE_DAYS, "earlyHoursEnd": wording.EARLY_HOURS_END,
        "contactFor": wording.CONTACT_FOR,
        "longWindowHours": wording.LONG_WINDOW.total_seconds() / 3600,
        "soonHours": wording.SOON.total_seconds() / 3600,
        "embedProblem": wording.EMBED_PROBLEM, "embedOthers": list(wording.EMBED_OTHERS),
        "link": wording.EMBED_LINK,
        "refreshed": wording.BOARD_REFRESHED, "notRefreshed": wording.BOARD_NOT_REFRESHED,
        "noProblems": wording.BOARD_NO_PROBLEMS, "noWork": wording.BOARD_NO_WORK,
        "fields": wording.FIELD_HEADINGS,
    }


def banner_script() -> str:
    """The text of `status/banner.js`, ASCII only."""
    config = {"statusJson": relative_to_script(urls.STATUS_JSON),
              "statusPage": relative_to_script(urls.STATUS_HOME),
              "words": script_words()}
    source = SCRIPT_SOURCE.read_text(encoding="utf-8")
    return ascii_script(source.replace(CONFIG_SLOT, json.dumps(config, ensure_ascii=False), 1))


def write_banner_script(site_dir: Path) -> str:
    """Write `status/banner.js`; return its site address."""
    write_text(site_dir, urls.BANNER_SCRIPT, banner_script())
    return urls.BANNER_SCRIPT
