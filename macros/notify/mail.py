"""Email notices: a plain-text message with an escaped HTML twin, sent over SMTP."""

from __future__ import annotations

import html
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from macros.notify.compose import Notice
from macros.notify.config import Channel
from macros.notify.delivery import DeliveryError

SMTP_TIMEOUT_S = 20


def _html_fact(label: str, text: str, items: tuple[str, ...]) -> str:
    if items:
        return (f"<p><strong>{html.escape(label)}:</strong></p><ul>"
                + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>")
    if label:
        return f"<p><strong>{html.escape(label)}:</strong> {html.escape(text)}</p>"
    return f"<p>{html.escape(text)}</p>"


def notice_html(notice: Notice) -> str:
    """The notice as simple HTML; every piece of text is escaped."""
    parts = [f"<h2>{html.escape(notice.subject)}</h2>"]
    if notice.lead:
        parts.append(f"<p>{html.escape(notice.lead)}</p>")
    parts += [_html_fact(f.label, f.text, f.items) for f in notice.facts]
    parts += [f'<p><a href="{html.escape(link.text)}">{html.escape(link.label)}</a></p>'
              for link in notice.links]
    return "<!doctype html>\n<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


def email_message(notice: Notice, channel: Channel) -> EmailMessage:
    """The email for `notice`: plain text first, HTML as the alternative."""
    message = EmailMessage()
    message["Subject"] = notice.subject
    message["From"] = channel.sender
    message["To"] = ", ".join(channel.recipients)
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(channel.sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies back to us
    message.set_content(notice.plain_text())
    message.add_alternative(notice_html(notice), subtype="html")
    return message


def send_email(message: EmailMessage, channel: Channel, password: str) -> str:
    """Send `message` through the channel's SMTP server; `DeliveryError` says why not.

    Returns a note when some (not all) recipients were refused: the message went
    out to the others, so it counts as sent and is not sent again.
    """
    try:
        with smtplib.SMTP(channel.host, channel.port, timeout=SMTP_TIMEOUT_S) as smtp:
            smtp.ehlo()
            if channel.starttls:
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if channel.username:
                smtp.login(channel.username, password)
            refused = smtp.send_message(message)
    except smtplib.SMTPNotSupportedError:
        raise DeliveryError("the mail server does not offer STARTTLS") from None
    except smtplib.SMTPAuthenticationError as error:
        raise DeliveryError(f"the mail server refused the sign-in ({error.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryError("the mail server refused every recipient") from None
    except smtplib.SMTPResponseException as error:
        raise DeliveryError(f"the mail server answered {error.smtp_code}") from None
    except ssl.SSLError as error:
        raise DeliveryError(f"the encrypted connection failed ({error.reason})") from None
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(_network_reason(error)) from None
    if refused:
        return (f"the mail server refused {len(refused)} of {len(channel.recipients)} "
                "recipients; check the addresses in notify.yml")
    return ""


def _network_reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return f"the mail server did not answer within {SMTP_TIMEOUT_S} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "the mail server refused the connection"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the mail server closed the connection"
    return f"could not reach the mail server ({type(error).__name__})"
