"""One `bedside notify` run: plan, send and record, channel by channel.

A channel that fails never holds up the others; what it missed stays unsent
in the record, so the next run tries again. After the first failure a
channel is left alone for the rest of the run, so a server that is down
costs one time-out, not one per message.

Each message is marked in the record before it is sent (see `record`). When
the record cannot be written, the run stops there and sends nothing more:
a message that cannot be recorded would go out again on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from macros.model import StatusTree
from macros.notify.compose import Notice, compose
from macros.notify.config import Channel, NotifyConfig
from macros.notify.delivery import DeliveryError, Secrets, channel_secrets, post_json
from macros.notify.mail import email_message, send_email
from macros.notify.payloads import slack_payload, teams_payload, webhook_payload
from macros.notify.plan import Announcement, plan_for_channel
from macros.notify.record import NotifiedRecord, RecordWriteError

SENT = "sent"
WOULD_SEND = "would send"
MARKED = "marked as sent"
WOULD_MARK = "would mark as sent"
FAILED = "failed"
UNCONFIRMED = "not confirmed"
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
        return self.result in (FAILED, UNCONFIRMED, SKIPPED, NOT_TRIED)


@dataclass(frozen=True)
class RunOptions:
    """How to run: for real, as a dry run, or marking everything due as sent."""

    dry_run: bool = False
    baseline: bool = False


@dataclass
class RunReport:
    """Everything a run did, and why it stopped early (`stopped`, "" when it did not)."""

    outcomes: list[Outcome] = field(default_factory=list)
    stopped: str = ""


class _SentButNotRecorded(RecordWriteError):
    """The message went out, then the record could not say so; `outcome` says it was sent."""

    def __init__(self, message: str, outcome: Outcome) -> None:
        super().__init__(message)
        self.outcome = outcome


def notify(tree: StatusTree, config: NotifyConfig, record: NotifiedRecord, now: datetime,
           site_url: str, env: Mapping[str, str],
           options: RunOptions = RunOptions()) -> RunReport:
    """Send (or show) everything due on every channel; one outcome per notice."""
    report = RunReport()
    for channel in config.channels:
        if report.stopped:
            report.outcomes.append(Outcome(channel, NOT_TRIED, reason="the run stopped "
                                           "before this channel (see below)"))
            continue
        try:
            _run_channel(channel, tree, record, now, site_url, env, options, report)
        except RecordWriteError as error:
            report.stopped = f"{error}, so nothing more was sent"
            report.outcomes.append(getattr(error, "outcome", None) or Outcome(
                channel, NOT_TRIED, reason="the record of sent messages cannot be written "
                "(see below)"))
        except Exception as error:  # one broken channel must not keep news from the others
            report.outcomes.append(Outcome(channel, FAILED, reason=(
                f"an unexpected error ({type(error).__name__}) stopped this channel; "
                "it will be tried again on the next run")))
    return report


def _run_channel(channel: Channel, tree: StatusTree, record: NotifiedRecord, now: datetime,
                 site_url: str, env: Mapping[str, str], options: RunOptions,
                 report: RunReport) -> None:
    """Plan, compose and send (or show, or mark) what is due on one channel."""
    outcomes = report.outcomes
    announcements = plan_for_channel(tree, now, channel, record.sent(channel.id))
    if not announcements:
        outcomes.append(Outcome(channel, NOTHING))
        return
    notices = [(a, compose(a, tree, now, site_url)) for a in announcements]
    if options.baseline:
        result = WOULD_MARK if options.dry_run else MARKED
        if not options.dry_run:
            for announcement, _ in notices:
                record.mark(channel.id, announcement.keys, now)
            record.save()
        outcomes += [Outcome(channel, result, n) for _, n in notices]
        return
    secrets = channel_secrets(channel, env)
    if options.dry_run:
        if secrets.missing:
            outcomes.append(Outcome(channel, NOTE, reason=f"a real run would skip this "
                                    f"channel here: {secrets.missing}"))
        outcomes += [Outcome(channel, WOULD_SEND, n) for _, n in notices]
        return
    if secrets.missing:
        outcomes += [Outcome(channel, SKIPPED, n, secrets.missing) for _, n in notices]
        return
    failed = False
    for announcement, notice in notices:
        if failed:
            outcomes.append(Outcome(channel, NOT_TRIED, notice,
                                    "the channel failed earlier in this run; "
                                    "it will be tried on the next run"))
            continue
        outcome = _send_once(channel, secrets, announcement, notice, record, now)
        outcomes.append(outcome)
        failed = outcome.result != SENT


def _send_once(channel: Channel, secrets: Secrets, announcement: Announcement,
               notice: Notice, record: NotifiedRecord, now: datetime) -> Outcome:
    """Mark, send, confirm: the record says "unconfirmed" before anything goes out."""
    send = sender(channel, secrets, notice)
    record.mark_sending(channel.id, announcement.keys, now)
    record.save()  # RecordWriteError: nothing was sent
    try:
        note = send()
    except DeliveryError as error:
        if error.may_have_arrived:
            return Outcome(channel, UNCONFIRMED, notice,
                           f"{error}; it may have arrived, so it will not be sent again "
                           "(check the channel)")
        record.forget_sending(channel.id, announcement.keys)
        record.save()  # should this fail, the message stays "unconfirmed": never sent twice
        return Outcome(channel, FAILED, notice,
                       f"{error}; it will be tried again on the next run")
    except Exception as error:  # whatever went wrong, the message may be out: never resend
        return Outcome(channel, UNCONFIRMED, notice,
                       f"an unexpected error ({type(error).__name__}) while sending; it may "
                       "have arrived, so it will not be sent again (check the channel)")
    record.mark(channel.id, announcement.keys, now)
    sent = Outcome(channel, SENT, notice, note)
    try:
        record.save()
    except RecordWriteError as error:
        raise _SentButNotRecorded(f"{error} after sending \"{notice.subject}\" to "
                                  f"{channel.label} (the record still lists it as "
                                  "unconfirmed, so it will not be sent again)", sent) from None
    return sent



def sender(channel: Channel, secrets: Secrets, notice: Notice) -> Callable[[], str]:
    """The message for one channel, laid out, and what sends it (which returns a note
    for the log, "" when all went well). Laying out sends nothing."""
    if channel.type == "email":
        message = email_message(notice, channel)
        return lambda: send_email(message, channel, secrets.password)
    payload = PAYLOADS[channel.type](notice)

    def post() -> str:
        post_json(secrets.url, payload)
        return ""

    return post
