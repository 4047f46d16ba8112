"""`notified.json`: what has been sent to which channel, so nothing is sent twice.

The record is written ahead of every send: a message is first marked as
"unconfirmed" (being sent) and saved, then sent, then moved to "sent" and
saved again. A message the record cannot mark is not sent at all, and a
message marked but never confirmed (the run was stopped, or the channel
gave no answer after the message went out) is never sent again: a reader
gets each message at most once. The file is rewritten atomically
(temporary file, then rename), so readers see the old record or the new
one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

FILE_NAME = "notified.json"
FORMAT = "bedside-notified"
VERSION = 1


class RecordError(Exception):
    """The record exists but cannot be trusted; the message says what to do."""


class RecordWriteError(Exception):
    """The record cannot be written, so nothing more may be sent; the message says why."""


Entries = dict[str, dict[str, str]]  # channel id -> message key -> ISO time


@dataclass
class NotifiedRecord:
    """Message keys sent (and being sent) per channel id, with when."""

    path: Path
    channels: Entries = field(default_factory=dict)  # sent, confirmed
    unconfirmed: Entries = field(default_factory=dict)  # marked before sending, not confirmed

    def sent(self, channel_id: str) -> Mapping[str, str]:
        """Key -> ISO time for everything never to send again on one channel: what was
        sent, and what may have been (marked, but never confirmed)."""
        return {**self.unconfirmed.get(channel_id, {}), **self.channels.get(channel_id, {})}

    def mark(self, channel_id: str, keys: Iterable[str], at: datetime) -> None:
        """Remember that `keys` reached `channel_id` at `at` (call `save` to keep it)."""
        entries = self.channels.setdefault(channel_id, {})
        waiting = self.unconfirmed.get(channel_id, {})
        for key in keys:
            entries.setdefault(key, at.isoformat(timespec="seconds"))
            waiting.pop(key, None)
        self._tidy(channel_id)

    def mark_sending(self, channel_id: str, keys: Iterable[str], at: datetime) -> None:
        """Remember that `keys` are about to be sent to `channel_id` (save before sending)."""
        entries = self.unconfirmed.setdefault(channel_id, {})
        for key in keys:
            if key not in self.channels.get(channel_id, {}):
                entries.setdefault(key, at.isoformat(timespec="seconds"))
        self._tidy(channel_id)

    def forget_sending(self, channel_id: str, keys: Iterable[str]) -> None:
        """Undo `mark_sending` for a message that certainly did not get through."""
        waiting = self.unconfirmed.get(channel_id, {})
        for key in keys:
            waiting.pop(key, None)
        self._tidy(channel_id)

    def _tidy(self, channel_id: str) -> None:
        if not self.unconfirmed.get(channel_id):
            self.unconfirmed.pop(channel_id, None)

    def save(self) -> None:
        """Write the record atomically; `RecordWriteError` (in plain words) when it cannot."""
        document = {"format": FORMAT, "version": VERSION, "channels": self.channels}
        if self.unconfirmed:
            document["unconfirmed"] = self.unconfirmed
        text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".notified-",
                                                 suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except OSError as error:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            reason = error.strerror or type(error).__name__
            raise RecordWriteError(f"cannot write the record of sent messages, "
                                   f"{self.path} ({reason})") from None
        except BaseException:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            raise


def _entries(value: object) -> Entries | None:
    """The channel -> key -> time table in `value`, or None when it is damaged."""
    if not isinstance(value, dict):
        return None
    valid = all(isinstance(entries, dict) and all(isinstance(v, str) for v in entries.values())
                for entries in value.values())
    return {cid: dict(entries) for cid, entries in value.items()} if valid else None


def load_record(path: Path) -> NotifiedRecord:
    """The record at `path`, or an empty one when there is none yet."""
    if not path.exists():
        return NotifiedRecord(path)
    advice = (f"Check {path.name} on the data branch; if it cannot be repaired, delete it "
              "and run `bedside notify --baseline` once, so that nothing is sent twice.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RecordError(f"{path}: cannot read the record of sent messages ({error}). "
                          f"{advice}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(f"{path}: this is not a record of sent messages. {advice}")
    if data.get("version") != VERSION:
        raise RecordError(f"{path}: the record is version {data.get('version')}, but this "
                          f"Bedside reads version {VERSION}. Update Bedside, or {advice}")
    channels = _entries(data.get("channels"))
    unconfirmed = _entries(data.get("unconfirmed", {}))
    if channels is None or unconfirmed is None:
        raise RecordError(f"{path}: the list of channels in the record is damaged. {advice}")
    return NotifiedRecord(path, channels, unconfirmed)
