"""The process every reading process is forked from.

Started once per `bedside fetch`, it imports the reading code (requests,
feedparser, the source kinds) and then waits. For each batch of sources the
command sends, it forks one child per source in a tight loop, so 55 children
start in a fraction of a second even on a busy machine (a fork server that
forks one child per round trip needs seconds). Each child reads its source
(`child.main`) and writes its outcome to a pipe of its own that `bedside fetch`
handed over with the batch; the zygote itself never reads a source.

Messages go over a Unix socket that keeps them whole (SOCK_SEQPACKET): one
JSON object per message, the pipes' write ends passed alongside (SCM_RIGHTS).
The zygote ends when the command closes its end.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import socket

from macros.fetch import child
from macros.kinds import all_kinds
from macros.model import Source
from macros.records import Validators

MAX_BATCH_BYTES = 4_000_000
MAX_FDS = 250  # what one message can carry


def serve(descriptor: int) -> None:
    """Answer batches on the socket `descriptor` until `bedside fetch` closes it."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are cleared away on exit
    for kind in all_kinds():  # what reading imports only when it needs it, imported once
        for module in kind.preload:
            importlib.import_module(module)
    with socket.socket(fileno=descriptor) as channel, contextlib.suppress(BrokenPipeError):
        _send(channel, {"ready": True})
        while True:
            message, fds, _, _ = socket.recv_fds(channel, MAX_BATCH_BYTES, MAX_FDS)
            if not message:
                return
            batch = json.loads(message.decode("utf-8"))["sources"]
            pids = [_fork(channel, item, fd, fds) for item, fd in zip(batch, fds, strict=True)]
            for fd in fds:
                os.close(fd)
            _send(channel, {"pids": pids})


def _fork(channel: socket.socket, item: dict, pipe: int, every_pipe: list[int]) -> int:
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: keep only its own pipe, read the source, report, leave
        channel.close()
        for other in every_pipe:
            if other != pipe:
                os.close(other)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        source = Source(**item["source"])
        validators = Validators(**item["validators"])
        child.main(source, float(item["expires_at"]), validators, pipe)
    finally:
        os._exit(0)


def source_message(source: Source, expires_at: float, validators: Validators) -> dict:
    """One source of a batch, as plain data."""
    fields = {name: getattr(source, name) for name in (
        "id", "kind", "url", "component", "name", "timeout_s", "failures_before_alert",
        "max_bytes")}
    return {"source": fields, "expires_at": expires_at,
            "validators": {"etag": validators.etag, "last_modified": validators.last_modified}}


def _send(channel: socket.socket, data: dict) -> None:
    channel.sendall(json.dumps(data).encode("utf-8") + b"\n")

