"""`notified.json`: what has been sent to which channel, so nothing is sent twice.

One entry per channel per message key, with the time it was sent. The file is
rewritten atomically (temporary file, then rename) after every successful
send, so a run that stops half-way still remembers everything it sent.
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


@dataclass
class NotifiedRecord:
    """Message keys already sent, per channel id, with when they were sent."""

    path: Path
    channels: dict[str, dict[str, str]] = field(default_factory=dict)

    def sent(self, channel_id: str) -> Mapping[str, str]:
        """Key -> ISO time sent, for one channel (empty for a new channel)."""
        return self.channels.get(channel_id, {})

    def mark(self, channel_id: str, keys: Iterable[str], at: datetime) -> None:
        """Remember that `keys` reached `channel_id` at `at` (call `save` to keep it)."""
        entries = self.channels.setdefault(channel_id, {})
        for key in keys:
            entries.setdefault(key, at.isoformat(timespec="seconds"))

    def save(self) -> None:
        """Write the record atomically: readers see the old file or the new one, never half."""
        text = json.dumps({"format": FORMAT, "version": VERSION, "channels": self.channels},
                          indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".notified-",
                                             suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


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
    channels = data.get("channels")
    valid = isinstance(channels, dict) and all(
        isinstance(entries, dict) and all(isinstance(v, str) for v in entries.values())
        for entries in channels.values())
    if not valid:
        raise RecordError(f"{path}: the list of channels in the record is damaged. {advice}")
    return NotifiedRecord(path, {cid: dict(entries) for cid, entries in channels.items()})
