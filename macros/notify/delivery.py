"""Getting a notice out: secrets from the environment, and posting JSON to a webhook.

Webhook addresses are secrets (the address is the password), so no message
here ever contains one: failures are described in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from macros.notify.config import LOOPBACK_HOSTS, Channel

CONNECT_TIMEOUT_S = 5
READ_TIMEOUT_S = 15


class DeliveryError(Exception):
    """A notice did not get through; the message says why, without any secret."""


@dataclass(frozen=True)
class Secrets:
    """What a channel needs from the environment, or why it cannot send."""

    url: str = ""
    password: str = ""
    missing: str = ""  # plain words when the channel cannot send


def channel_secrets(channel: Channel, env: Mapping[str, str]) -> Secrets:
    """Read the channel's secrets from `env`; say plainly (without values) what is wrong."""
    unset = [name for name in channel.secret_envs if not env.get(name, "").strip()]
    if unset:
        names = " and ".join(unset)
        verb = "is" if len(unset) == 1 else "are"
        return Secrets(missing=f"{names} {verb} not set (add it as a repository secret and "
                       "pass it to the notify step; see docs/it-team/notifications.md)")
    url = env.get(channel.url_env, "").strip() if channel.url_env else ""
    if url:
        parts = urlsplit(url)
        loopback = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if not (parts.scheme == "https" and parts.hostname) and not loopback:
            return Secrets(missing=f"{channel.url_env} does not hold an https:// address, "
                           "so it was not used")
    password = env.get(channel.password_env, "") if channel.password_env else ""
    return Secrets(url=url, password=password)


def post_json(url: str, payload: dict[str, Any]) -> None:
    """POST `payload` to `url`; `DeliveryError` unless the answer is 2xx."""
    try:
        response = requests.post(url, json=payload, allow_redirects=False, stream=True,
                                 timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S))
    except requests.Timeout:
        raise DeliveryError(f"no answer within {CONNECT_TIMEOUT_S + READ_TIMEOUT_S} "
                            "seconds") from None
    except requests.ConnectionError:
        raise DeliveryError("could not connect to the webhook") from None
    except requests.RequestException as error:
        raise DeliveryError(f"the request failed ({type(error).__name__})") from None
    with response:
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"the webhook answered {response.status_code} "
                                f"{response.reason or ''}".rstrip())
