"""One `bedside notify` run: plan, send and record, channel by channel.

A channel that fails never holds up the others; what it missed stays unsent
in the record, so the next run tries again. After the first failure a
channel is left alone for the rest of the run, so a server that is down
costs one time-out, not one per message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from macros.model import StatusTree
from macros.notify.compose import Notice, compose
from macros.notify.config import Channel, NotifyConfig
from macros.notify.delivery import DeliveryError, Secrets, channel_secrets, post_json
from macros.notify.mail import email_message, send_email
from macros.notify.payloads import slack_payload, teams_payload, webhook_payload
from macros.notify.plan import plan_for_channel
from macros.notify.record import NotifiedRecord

SENT = "sent"
WOULD_SEND = "would send"
MARKED = "marked as sent"
WOULD_MARK = "would mark as sent"
FAILED = "failed"
SKIPPED = "skipped"
NOT_TRIED = "not tried"
NOTHING = "nothing new"
NOTE = "note"

PAYLOADS = {"teams": teams_payload, "slack": slack_payload, "webhook": webhook_payload}


@dataclass(frozen=True)
class Outcome:
    """What happened to one notice on one channel."""

    channel: Channel
    result: str
    notice: Notice | None = None
    reason: str = ""

    @property
    def subject(self) -> str:
        return self.notice.subject if self.notice else ""

    def __str__(self) -> str:
        line = f"{self.channel.label}: {self.result}"
        if self.subject:
            line += f' "{self.subject}"'
        return f"{line}: {self.reason}" if self.reason else line

    @property
    def needs_attention(self) -> bool:
        return self.result in (FAILED, SKIPPED, NOT_TRIED)


@dataclass(frozen=True)
class RunOptions:
    """How to run: for real, as a dry run, or marking everything due as sent."""

    dry_run: bool = False
    baseline: bool = False


def notify(tree: StatusTree, config: NotifyConfig, record: NotifiedRecord, now: datetime,
           site_url: str, env: Mapping[str, str],
           options: RunOptions = RunOptions()) -> list[Outcome]:
    """Send (or show) everything due on every channel; return one outcome per notice."""
    outcomes: list[Outcome] = []
    for channel in config.channels:
        announcements = plan_for_channel(tree, now, channel, record.sent(channel.id))
        if not announcements:
            outcomes.append(Outcome(channel, NOTHING))
            continue
        notices = [(a, compose(a, tree, now, site_url)) for a in announcements]
        if options.baseline:
            result = WOULD_MARK if options.dry_run else MARKED
            outcomes += [Outcome(channel, result, n) for _, n in notices]
            if not options.dry_run:
                for announcement, _ in notices:
                    record.mark(channel.id, announcement.keys, now)
                record.save()
            continue
        secrets = channel_secrets(channel, env)
        if options.dry_run:
            if secrets.missing:
                outcomes.append(Outcome(channel, NOTE, reason=f"a real run would skip this "
                                        f"channel here: {secrets.missing}"))
            outcomes += [Outcome(channel, WOULD_SEND, n) for _, n in notices]
            continue
        if secrets.missing:
            outcomes += [Outcome(channel, SKIPPED, n, secrets.missing)
                         for _, n in notices]
            continue
        failed = False
        for announcement, notice in notices:
            if failed:
                outcomes.append(Outcome(channel, NOT_TRIED, notice,
                                        "the channel failed earlier in this run; "
                                        "it will be tried on the next run"))
                continue
            try:
                note = deliver(channel, secrets, notice)
            except DeliveryError as error:
                failed = True
                outcomes.append(Outcome(channel, FAILED, notice,
                                        f"{error}; it will be tried again on the next run"))
                continue
            record.mark(channel.id, announcement.keys, now)
            record.save()
            outcomes.append(Outcome(channel, SENT, notice, note))
    return outcomes


def deliver(channel: Channel, secrets: Secrets, notice: Notice) -> str:
    """Send one notice on one channel; return a note for the log ("" when all went well)."""
    if channel.type == "email":
        return send_email(email_message(notice, channel), channel, secrets.password)
    post_json(secrets.url, PAYLOADS[channel.type](notice))
    return ""
