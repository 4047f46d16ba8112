"""What to announce to one channel now, given what it has already been told.

Every announcement has a stable key (what it is about, never when it ran), so
the record can say "sent" once and for all. Rules, in the reader's terms:

- an incident: its newest update, once. When several updates arrive between
  two runs, only the newest is sent (it is what is true now); the others are
  recorded as covered. Updates older than `NEWS_AGE` are old news and never sent.
- planned work: announced once it may be shown (`announce_from`) while it is
  upcoming or in progress; announced again when its window moves; each later
  update (cancelled, started, finished, ...) once, but only to channels that
  were told about the work (an update stays news until the work's window has
  ended); a reminder 24 hours and 1 hour before it starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from macros.model import Incident, Maintenance, StatusTree, Update
from macros.notify.config import Channel
from macros.state import IN_PROGRESS, UPCOMING, maintenance_phase

NEWS_AGE = timedelta(hours=24)
REMINDERS = (("1h", timedelta(hours=1)), ("24h", timedelta(hours=24)))

INCIDENT_UPDATE = "incident_update"
MAINTENANCE_NEW = "maintenance_new"
MAINTENANCE_MOVED = "maintenance_moved"
MAINTENANCE_UPDATE = "maintenance_update"
REMINDER = "reminder_{}"


@dataclass(frozen=True)
class Announcement:
    """One message to send: its key, the older keys it makes redundant, and its subject."""

    kind: str
    key: str
    covers: tuple[str, ...]
    incident: Incident | None = None
    maintenance: Maintenance | None = None
    update: Update | None = None
    previous_window: tuple[datetime, datetime] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """Everything the record marks as sent once this message is out."""
        return (self.key, *self.covers)

    @property
    def item_id(self) -> str:
        item = self.incident or self.maintenance
        assert item is not None
        return item.id


def stamp(moment: datetime) -> str:
    """A moment as it appears in keys: UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def update_key(kind: str, item_id: str, update: Update) -> str:
    return f"{kind}/{item_id}/update/{stamp(update.at)}"


def window_key(item: Maintenance) -> str:
    return f"maintenance/{item.id}/window/{stamp(item.start)}/{stamp(item.end)}"


def reminder_key(item: Maintenance, label: str) -> str:
    return f"maintenance/{item.id}/reminder/{label}/{stamp(item.start)}"


def plan_for_channel(tree: StatusTree, now: datetime, channel: Channel,
                     sent: Mapping[str, str]) -> list[Announcement]:
    """What `channel` should receive at `now`, incidents first, oldest news first."""
    incidents = [a for i in tree.incidents if channel.concerns(i.audiences)
                 if (a := _incident(i, now, sent))]
    works = [a for m in tree.maintenance if channel.concerns(m.audiences)
             if (a := _maintenance(m, now, sent))]
    incidents.sort(key=lambda a: a.update.at if a.update else now)
    return incidents + works


def _fresh_updates(kind: str, item_id: str, updates: tuple[Update, ...], now: datetime,
                   sent: Mapping[str, str], news_until: datetime | None = None,
                   ) -> tuple[list[Update], list[str]]:
    """Updates worth sending (new, still news, newer than anything sent) and all unsent keys.

    An update is news for `NEWS_AGE`, or until `news_until` (the end of planned work).
    """
    due = [u for u in updates if u.at <= now]
    unsent = [u for u in due if update_key(kind, item_id, u) not in sent]
    newest_sent = max((u.at for u in due if u not in unsent), default=None)
    fresh = [u for u in unsent
             if (now - u.at <= NEWS_AGE or (news_until is not None and now < news_until))
             and (newest_sent is None or u.at > newest_sent)]
    return fresh, [update_key(kind, item_id, u) for u in unsent]


def _incident(incident: Incident, now: datetime,
              sent: Mapping[str, str]) -> Announcement | None:
    fresh, unsent = _fresh_updates("incident", incident.id, incident.updates, now, sent)
    if not fresh:
        return None
    key = update_key("incident", incident.id, fresh[-1])
    return Announcement(INCIDENT_UPDATE, key, tuple(k for k in unsent if k != key),
                        incident=incident, update=fresh[-1])


def _windows_told(item: Maintenance, sent: Mapping[str, str]) -> list[str]:
    """Window keys this channel was sent for `item`, oldest first."""
    prefix = f"maintenance/{item.id}/window/"
    return sorted((k for k in sent if k.startswith(prefix)), key=lambda k: sent[k])


def _window_of(key: str) -> tuple[datetime, datetime]:
    start, end = key.rsplit("/", 2)[-2:]
    return datetime.fromisoformat(start), datetime.fromisoformat(end)


def _maintenance(item: Maintenance, now: datetime,
                 sent: Mapping[str, str]) -> Announcement | None:
    phase = maintenance_phase(item, now)
    told = _windows_told(item, sent)
    fresh, unsent = _fresh_updates("maintenance", item.id, item.updates, now, sent, item.end)
    reminders = [reminder_key(item, label) for label, ahead in REMINDERS
                 if phase == UPCOMING and item.start - now <= ahead]
    unsent += [k for k in reminders if k not in sent]

    window = window_key(item)
    if phase in (UPCOMING, IN_PROGRESS) and window not in sent:
        latest = item.latest if item.latest and item.latest.at <= now else None
        return Announcement(MAINTENANCE_MOVED if told else MAINTENANCE_NEW, window,
                            tuple(unsent), maintenance=item, update=latest,
                            previous_window=_window_of(told[-1]) if told else None)
    if not told:
        return None  # never announced here: its updates and reminders mean nothing yet
    if fresh:
        key = update_key("maintenance", item.id, fresh[-1])
        return Announcement(MAINTENANCE_UPDATE, key, tuple(k for k in unsent if k != key),
                            maintenance=item, update=fresh[-1])
    for label, _ in REMINDERS:  # the nearest reminder wins and covers the other
        key = reminder_key(item, label)
        if key in unsent:
            return Announcement(REMINDER.format(label), key,
                                tuple(k for k in unsent if k != key), maintenance=item)
    return None
