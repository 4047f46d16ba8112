"""Email notices: a plain-text message with an escaped HTML twin, sent over SMTP."""

from __future__ import annotations

import html
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from macros.notify.compose import Notice
from macros.notify.config import Channel
from macros.notify.delivery import TIMEOUT_S, DeliveryError, seconds


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


class _SMTP(smtplib.SMTP):
    """An SMTP client that remembers whether the message itself has started to go out."""

    data_started = False

    def data(self, msg: bytes | str) -> tuple[int, bytes]:
        self.data_started = True
        return super().data(msg)


def send_email(message: EmailMessage, channel: Channel, password: str) -> str:
    """Send `message` through the channel's SMTP server; `DeliveryError` says why not.

    Returns a note when some (not all) recipients were refused: the message went
    out to the others, so it counts as sent and is not sent again. A connection
    that breaks once the message has gone out may have delivered it: the error
    says so (`may_have_arrived`).
    """
    smtp: _SMTP | None = None
    done = False
    try:
        smtp = _SMTP(channel.host, channel.port, timeout=TIMEOUT_S)
        smtp.ehlo()
        if channel.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if channel.username:
            smtp.login(channel.username, password)
        refused = smtp.send_message(message)
        done = True
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
        started = smtp is not None and smtp.data_started
        reason = _network_reason(error)
        raise DeliveryError(f"{reason}, after the message was sent" if started else reason,
                            may_have_arrived=started) from None
    finally:
        if smtp is not None:
            _goodbye(smtp, polite=done)
    if refused:
        return (f"the mail server refused {len(refused)} of {len(channel.recipients)} "
                "recipients; check the addresses in notify.yml")
    return ""


def _goodbye(smtp: smtplib.SMTP, *, polite: bool) -> None:
    """End the conversation (saying QUIT only when all went well); the message's fate is
    already known, so errors here do not count."""
    try:
        if polite:
            smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        smtp.close()


def _network_reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        return f"the mail server did not answer within {seconds(TIMEOUT_S)}"
    if isinstance(error, ConnectionRefusedError):
        return "the mail server refused the connection"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the mail server closed the connection"
    return f"could not reach the mail server ({type(error).__name__})"
