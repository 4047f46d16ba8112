"""Lay a notice out for Teams, Slack or a generic JSON webhook.

People's text is always sent as plain text: in Teams as Adaptive Card
`TextRun`s (never read as Markdown), in Slack as `plain_text` objects, and only
our own link labels go into Slack's `mrkdwn`, escaped.
"""

from __future__ import annotations

from typing import Any

from macros.notify.compose import Fact, Notice
from macros.notify.plaintext import shorten, slack_escape

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
SLACK_HEADER_LIMIT = 150
SLACK_TEXT_LIMIT = 3000
WEBHOOK_FORMAT = "bedside-notice"
WEBHOOK_VERSION = 1


def _run(text: str, *, bold: bool = False) -> dict[str, Any]:
    run: dict[str, Any] = {"type": "TextRun", "text": text}
    if bold:
        run["weight"] = "Bolder"
    return run


def _rich(*runs: dict[str, Any], spacing: str = "Small", **extra: Any) -> dict[str, Any]:
    return {"type": "RichTextBlock", "inlines": list(runs), "spacing": spacing, **extra}


def _teams_fact(fact: Fact) -> list[dict[str, Any]]:
    if fact.items:
        return [_rich(_run(f"{fact.label}:", bold=True), spacing="Medium"),
                *(_rich(_run(f"• {item}")) for item in fact.items)]
    if fact.label:
        return [_rich(_run(f"{fact.label}: ", bold=True), _run(fact.text))]
    return [_rich(_run(fact.text))]


def teams_payload(notice: Notice) -> dict[str, Any]:
    """A Teams message holding one Adaptive Card (for Workflows and incoming webhooks)."""
    body = [_rich({**_run(notice.subject, bold=True), "size": "Medium"}, spacing="None")]
    if notice.lead:
        body.append(_rich(_run(notice.lead), spacing="Medium"))
    for fact in notice.facts:
        body += _teams_fact(fact)
    card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.4",
        "msteams": {"width": "Full"},
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "title": link.label, "url": link.text}
                    for link in notice.links],
    }
    return {
        "type": "message",
        "summary": notice.subject,
        "attachments": [{"contentType": ADAPTIVE_CARD, "contentUrl": None, "content": card}],
    }


def _slack_plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": shorten(text, SLACK_TEXT_LIMIT), "emoji": False}


def _slack_fact(fact: Fact) -> str:
    if fact.items:
        return f"{fact.label}:" + "".join(f"\n• {item}" for item in fact.items)
    return f"{fact.label}: {fact.text}" if fact.label else fact.text


def slack_payload(notice: Notice) -> dict[str, Any]:
    """A Slack incoming-webhook message: `text` for notifications, blocks for the channel."""
    blocks: list[dict[str, Any]] = [{
        "type": "header",
        "text": {"type": "plain_text", "text": shorten(notice.subject, SLACK_HEADER_LIMIT),
                 "emoji": False},
    }]
    if notice.lead:
        blocks.append({"type": "section", "text": _slack_plain(notice.lead)})
    if notice.facts:
        blocks.append({"type": "section", "text": _slack_plain(
            "\n".join(_slack_fact(f) for f in notice.facts))})
    links = " · ".join(f"<{slack_escape(link.text)}|{slack_escape(link.label)}>"
                       for link in notice.links)
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": links}]})
    return {
        "text": slack_escape(shorten(notice.subject, SLACK_TEXT_LIMIT)),
        "blocks": blocks,
        "unfurl_links": False,
        "unfurl_media": False,
    }


def webhook_payload(notice: Notice) -> dict[str, Any]:
    """A plain JSON document for any receiver: the notice, field by field, as plain text."""
    return {
        "format": WEBHOOK_FORMAT,
        "version": WEBHOOK_VERSION,
        "key": notice.key,
        "kind": notice.kind,
        "item": {"type": notice.item_type, "id": notice.item_id, "status": notice.status,
                 "audiences": list(notice.audiences)},
        "subject": notice.subject,
        "lead": notice.lead,
        "facts": [{"label": f.label, "text": f.text, "items": list(f.items)}
                  for f in notice.facts],
        "links": [{"label": link.label, "url": link.text} for link in notice.links],
        "text": notice.plain_text(),
    }
