"""Getting a notice out: secrets from the environment, and posting JSON to a webhook.

Webhook addresses are secrets (the address is the password), so no message
here ever contains one: failures are described in plain words.

A failure says whether the message may still have arrived (`may_have_arrived`):
a webhook that took the message and then gave no answer in time may have
shown it, so it is not sent again (a reader gets each message at most once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3 import Timeout
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from macros.notify.config import LOOPBACK_HOSTS, Channel

# The one time limit for a webhook's whole request and for each step of a mail
# server's conversation; failure messages say this number.
TIMEOUT_S = 15.0

# Request errors raised before anything is sent: the message certainly did not arrive.
_BEFORE_SENDING = (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                   requests.exceptions.InvalidSchema, requests.exceptions.InvalidHeader,
                   requests.exceptions.URLRequired, requests.exceptions.SSLError,
                   requests.exceptions.ConnectTimeout)


class DeliveryError(Exception):
    """A notice did not get through; the message says why, without any secret."""

    def __init__(self, reason: str, *, may_have_arrived: bool = False) -> None:
        super().__init__(reason)
        self.may_have_arrived = may_have_arrived


@dataclass(frozen=True)
class Secrets:
    """What a channel needs from the environment, or why it cannot send."""

    url: str = ""
    password: str = ""
    missing: str = ""  # plain words when the channel cannot send


def seconds(value: float) -> str:
    """ "15 seconds", "1 second": a time limit in words."""
    return f"{value:g} second" + ("" if value == 1 else "s")


def channel_secrets(channel: Channel, env: Mapping[str, str]) -> Secrets:
    """Read the channel's secrets from `env`; say plainly (without values) what is wrong."""
    unset = [name for name in channel.secret_envs if not env.get(name, "").strip()]
    if unset:
        names = " and ".join(unset)
        verb = "is" if len(unset) == 1 else "are"
        return Secrets(missing=f"{names} {verb} not set (add it as a repository secret and "
                       "pass it to the notify step; see docs/it-team/notifications.md)")
    url = env.get(channel.url_env, "").strip() if channel.url_env else ""
    if url and not _usable_address(url):
        return Secrets(missing=f"{channel.url_env} does not hold a usable https:// address, "
                       "so it was not used; check the repository secret")
    password = env.get(channel.password_env, "") if channel.password_env else ""
    return Secrets(url=url, password=password)


def _usable_address(url: str) -> bool:
    """Whether `url` is an https address (http only to this machine) a request can be made to."""
    try:
        parts = urlsplit(url)
        loopback = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if not (parts.scheme == "https" and parts.hostname) and not loopback:
            return False
        _ = parts.port  # raises ValueError for a port that is not a number in range
        requests.Request("POST", url).prepare()
    except (ValueError, requests.RequestException):
        return False
    return True


def post_json(url: str, payload: dict[str, Any]) -> None:
    """POST `payload` to `url`; `DeliveryError` unless the answer is 2xx."""
    try:
        request = requests.Request("POST", url, json=payload).prepare()
    except (ValueError, requests.RequestException):
        raise DeliveryError("the webhook address is not a usable address") from None
    try:
        with requests.Session() as session:
            response = session.send(request, allow_redirects=False, stream=True,
                                    timeout=Timeout(total=TIMEOUT_S))
    except _BEFORE_SENDING as error:
        raise DeliveryError(_reason_before_sending(error)) from None
    except requests.ConnectionError as error:
        if _never_connected(error):
            raise DeliveryError("could not connect to the webhook") from None
        raise DeliveryError("the connection broke before the webhook answered, after the "
                            "message was sent", may_have_arrived=True) from None
    except requests.Timeout:
        raise DeliveryError(f"no answer within {seconds(TIMEOUT_S)}, after the message was "
                            "sent", may_have_arrived=True) from None
    except requests.RequestException as error:
        raise DeliveryError(f"the request failed ({type(error).__name__})",
                            may_have_arrived=True) from None
    with response:
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"the webhook answered {response.status_code} "
                                f"{response.reason or ''}".rstrip())


def _reason_before_sending(error: requests.RequestException) -> str:
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return f"could not connect to the webhook within {seconds(TIMEOUT_S)}"
    if isinstance(error, requests.exceptions.SSLError):
        return "the encrypted connection to the webhook failed"
    return "the webhook address is not a usable address"


def _never_connected(error: BaseException) -> bool:
    """Whether a connection error happened before any connection was made."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectTimeoutError | ConnectionRefusedError):
            return True
        pending += [*current.args, getattr(current, "reason", None), current.__cause__,
                    current.__context__]
    return False
