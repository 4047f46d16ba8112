"""Read and check `status/notify.yml`: the channels news is sent to.

The file names environment variables, never secrets. Mistakes are reported
like every other status file: file, line, column, field and what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from macros.model import ID_PATTERN, StatusTree
from macros.paths import display_path
from macros.problems import Problem, did_you_mean
from macros.schema import CHANNEL_TYPES
from macros.shape import FileCheck, check_shape
from macros.yamlsafe import YamlFileError, read_yaml

FILE_NAME = "notify.yml"
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}

# How output lines write a channel's type, where it is not the type itself.
TYPE_LABELS = {"teams": "Teams", "slack": "Slack"}
EMAIL_FIELDS = ("host", "port", "starttls", "username", "password_env", "sender", "recipients")
# Fields people reach for when pasting a secret; each gets a message that says where it goes.
SECRET_FIELDS = {
    "url": ("url_env", "TEAMS_WEBHOOK_URL"),
    "webhook": ("url_env", "TEAMS_WEBHOOK_URL"),
    "webhook_url": ("url_env", "TEAMS_WEBHOOK_URL"),
    "password": ("password_env", "SMTP_PASSWORD"),
}


@dataclass(frozen=True)
class Channel:
    """One place news is sent to. Secrets are read from the environment when sending."""

    id: str
    type: str
    audiences: tuple[str, ...] = ()
    url_env: str = ""
    host: str = ""
    port: int = 587
    starttls: bool = True
    username: str = ""
    password_env: str = ""
    sender: str = ""
    recipients: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """How output lines name the channel: "service-desk (Teams)"."""
        return f"{self.id} ({_label(self.type)})"

    @property
    def secret_envs(self) -> tuple[str, ...]:
        """The environment variables this channel needs to send."""
        return tuple(name for name in (self.url_env, self.password_env) if name)

    def concerns(self, audiences: tuple[str, ...]) -> bool:
        """Whether an item for `audiences` goes to this channel (no audience: everyone)."""
        return not self.audiences or not audiences or bool(set(audiences) & set(self.audiences))


@dataclass(frozen=True)
class NotifyConfig:
    """The checked contents of `notify.yml`."""

    path: Path
    channels: tuple[Channel, ...]


@dataclass
class ConfigResult:
    """The configuration (None when there are errors) and everything found on the way."""

    config: NotifyConfig | None
    problems: list[Problem]


def load_notify_config(path: Path, tree: StatusTree) -> ConfigResult:
    """Read and check `path` against the schema and against `tree`'s audiences."""
    display = display_path(path)
    try:
        doc = read_yaml(path, display)
    except YamlFileError as error:
        return ConfigResult(None, [error.problem])
    check = FileCheck(doc, list(doc.problems))
    if not isinstance(doc.data, dict):
        check.add((), "the file is empty or not a list of fields; start with `channels:` "
                  "(see docs/it-team/notifications.md)")
        return ConfigResult(None, check.problems)
    check_shape(check, "notify", {"audiences": [a.id for a in tree.audiences]})
    _explain_secret_fields(check)
    channels = []
    seen: set[str] = set()
    for index, raw in enumerate(doc.data.get("channels") or []):
        if isinstance(raw, dict):
            channel = _channel(check, index, raw, tree, seen)
            if channel:
                channels.append(channel)
    problems = sorted(set(check.problems))
    if not check.ok:
        return ConfigResult(None, problems)
    return ConfigResult(NotifyConfig(path, tuple(channels)), problems)


def _explain_secret_fields(check: FileCheck) -> None:
    """Replace "unknown field" for `url:`/`password:` with where the secret belongs."""
    for index, raw in enumerate(check.doc.data.get("channels") or []):
        if not isinstance(raw, dict):
            continue
        for name, (instead, example) in SECRET_FIELDS.items():
            if name in raw:
                check.problems = [p for p in check.problems
                                  if p.field != f"channels[{index}].{name}"]
                check.add(("channels", index, name), "secrets never go in the repository. "
                          "Store it as a repository secret and write the name of its "
                          f"environment variable instead, like {instead}: {example}",
                          of_key=True)


def _env_name(check: FileCheck, index: int, field: str, value: Any) -> str:
    key = ("channels", index, field)
    if not isinstance(value, str):
        return ""
    if ENV_NAME.match(value):
        return value
    if "://" in value or "@" in value or len(value) > 40:
        check.add(key, "this looks like the secret itself. Remove it from the repository "
                  "(and change it, since it is now in the history), store it as a repository "
                  "secret, and write the variable's name here, like TEAMS_WEBHOOK_URL")
    else:
        check.add(key, f'"{value}" is not an environment variable name; use capital letters, '
                  "digits and underscores, like SMTP_PASSWORD")
    return ""


def _address(check: FileCheck, key: tuple, value: Any) -> str:
    if not isinstance(value, str):
        return ""
    _, address = parseaddr(value)
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        check.add(key, f'"{value}" is not an email address like it-status@eastbrook.example.org')
        return ""
    return value.strip()


def _channel(check: FileCheck, index: int, raw: dict, tree: StatusTree,
             seen: set[str]) -> Channel | None:
    base = ("channels", index)
    channel_id, kind = raw.get("id"), raw.get("type")
    if isinstance(channel_id, str):
        if channel_id in seen:
            check.add((*base, "id"), f'the channel id "{channel_id}" is used twice; '
                      "ids must be unique")
        seen.add(channel_id)
    if kind not in CHANNEL_TYPES:
        return None
    if kind == "email":
        not_here = [name for name in raw if name == "url_env"]
    else:
        not_here = [name for name in raw if name in EMAIL_FIELDS]
    for name in not_here:
        check.add((*base, name), f"{name} is not used by {_label(kind)} channels; remove it",
                  of_key=True)

    known = {a.id for a in tree.audiences}
    audiences = []
    for a_index, audience in enumerate(raw.get("audiences") or []):
        if isinstance(audience, str) and audience not in known \
                and re.match(ID_PATTERN, audience):  # a malformed id is named by the shape check
            check.add((*base, "audiences", a_index), f'"{audience}" is not an audience in '
                      "components.yml" + (did_you_mean(audience, known) or
                                          f"; known: {', '.join(sorted(known)) or 'none'}"))
        audiences.append(audience)

    url_env = _env_name(check, index, "url_env", raw.get("url_env"))
    password_env = _env_name(check, index, "password_env", raw.get("password_env"))
    username = raw.get("username") if isinstance(raw.get("username"), str) else ""
    if kind == "email" and bool(username) != bool(raw.get("password_env")):
        missing = "password_env" if username else "username"
        check.add((*base, missing), "this field is missing: the mail server needs both "
                  "username and password_env, or neither")
    sender = _address(check, (*base, "sender"), raw.get("sender"))
    recipients = [_address(check, (*base, "recipients", r_index), value)
                  for r_index, value in enumerate(raw.get("recipients") or [])]
    host = raw.get("host") if isinstance(raw.get("host"), str) else ""
    starttls = raw.get("starttls", True)
    if kind == "email" and starttls is False and host and host not in LOOPBACK_HOSTS:
        check.add((*base, "starttls"), "without STARTTLS, messages and the password cross "
                  "the network unencrypted; use it unless the mail server cannot",
                  severity="warning")
    if not check.ok:
        return None
    return Channel(
        id=str(channel_id), type=str(kind), audiences=tuple(audiences), url_env=url_env,
        host=host.strip(), port=int(raw.get("port", 587)), starttls=bool(starttls),
        username=username.strip(), password_env=password_env, sender=sender,
        recipients=tuple(recipients),
    )


def _label(kind: str) -> str:
    """How output lines write a channel type: "Teams", "webhook"."""
    return TYPE_LABELS.get(kind, kind)
