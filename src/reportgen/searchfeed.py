"""Turn a site's HTML pages into Pagefind's search bundle, the pages read in path order, the bundle as bytes.

Pagefind numbers pages in the order it reads them, and its command line reads a folder in the
order the file system lists it (hash order on ext4, newest first on tmpfs): the same pages gave
another index on another file system, and an assembled site differed from a single-machine build.
Here the pages go to Pagefind's service (`pagefind --service`, the protocol its Python and Node
wrappers speak: base64 JSON messages, each ended by a comma, answered one at a time in order)
sorted by path, and the bundle comes back in memory, so that every file of it is written by
reportgen (atomically, a full disk told as one line) rather than by Pagefind, whose writes panic
or retry forever when the disk is full. The Python wrapper is not used: it polls for each answer
every 0.1 s (500 s for 5 000 pages) and reads at most 2 MiB per answer, less than a real bundle.
"""

from __future__ import annotations

import base64
import contextlib
import json
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from reportgen.errors import ReportgenError


class SearchIndexError(ReportgenError):
    """Pagefind failed or answered what this module does not expect."""


def pages(site: Path) -> list[str]:
    """Every HTML page under `site`, as its path relative to `site`, in code point order."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.is_file())


def start(site: Path) -> Callable[[], dict[str, bytes]]:
    """Start indexing the pages of `site`; returns the function that waits and gives the bundle (path -> bytes).

    The pages are read and fed by a thread, so the caller can render meanwhile; Pagefind's own
    work runs in its process.
    """
    from pagefind.service import get_executable  # the pagefind package knows where its binary is

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("indeks pencarian gagal dibuat: program pagefind tidak ditemukan; jalankan make build")
    said = tempfile.TemporaryFile()  # noqa: SIM115  (a file, not a pipe nobody reads; closed by finish)
    process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=said)
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["files"] = _index(_Service(process), site, pages(site))
        except BaseException as err:  # handed to the waiting thread, which raises it
            outcome["error"] = err

    feeder = threading.Thread(target=run, name="pagefind", daemon=True)
    feeder.start()

    def finish() -> dict[str, bytes]:
        try:
            feeder.join()
        finally:
            if "files" not in outcome:  # failed or interrupted: the service is of no further use
                process.kill()
            _close(process)
        with said:
            said.seek(0)
            detail = " ".join(said.read().decode("utf-8", "replace").split())
        error = outcome.get("error")
        if isinstance(error, SearchIndexError) and detail:  # what Pagefind said on its way out
            raise SearchIndexError(f"{error}: {detail}") from None
        if error is not None:
            raise error  # type: ignore[misc]
        return outcome["files"]  # type: ignore[return-value]

    return finish


def _index(service: _Service, site: Path, paths: list[str]) -> dict[str, bytes]:
    """The bundle of `paths` (relative to `site`), fed in the order given."""
    index_id = service.ask({"type": "NewIndex", "config": None}, "NewIndex")["index_id"]
    # All pages are sent before the answers are read: the service takes messages in order, and
    # reads its input and writes its answers on threads of their own, so neither side waits on the other.
    sent = [
        service.send({"type": "AddFile", "index_id": index_id, "file_path": path, "file_contents": text})
        for path, text in ((path, (site / path).read_text(encoding="utf-8")) for path in paths)
    ]
    for message_id in sent:
        service.receive(message_id, "IndexedFile")
    answer = service.ask({"type": "GetFiles", "index_id": index_id}, "GetFiles")
    return {file["path"]: base64.b64decode(file["content"]) for file in answer["files"]}


class _Service:
    """One Pagefind service process: requests written in order, their answers read in the same order."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.messages = _messages(process)
        self.next_id = 0

    def ask(self, payload: dict[str, object], expected: str) -> dict:
        """The answer to `payload`, which must be of type `expected`."""
        return self.receive(self.send(payload), expected)

    def send(self, payload: dict[str, object]) -> int:
        """Write one request; returns its message id."""
        self.next_id += 1
        message = json.dumps({"message_id": self.next_id, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        except OSError:  # the process ended
            raise SearchIndexError("indeks pencarian gagal dibuat (pagefind berhenti tanpa jawaban)") from None
        return self.next_id

    def receive(self, message_id: int, expected: str) -> dict:
        """The next answer, which must be to `message_id` and of type `expected`."""
        try:
            answer = json.loads(base64.b64decode(next(self.messages)))
        except (OSError, StopIteration, ValueError):  # the process ended, or wrote what is not a message
            raise SearchIndexError("indeks pencarian gagal dibuat (pagefind berhenti tanpa jawaban)") from None
        answer = answer if isinstance(answer, dict) else {}
        reply = answer.get("payload") if isinstance(answer.get("payload"), dict) else {}
        if reply.get("type") == "Error":
            raise SearchIndexError(f"indeks pencarian gagal dibuat (pagefind): {reply.get('message')}")
        if answer.get("message_id") != message_id or reply.get("type") != expected:
            raise SearchIndexError(f"indeks pencarian gagal dibuat (pagefind menjawab {reply.get('type')!r})")
        return reply


def _messages(process: subprocess.Popen) -> Iterator[bytes]:
    """The messages the service writes, each without its closing comma (base64 holds no comma)."""
    parts: list[bytes] = []  # of the message being read: a bundle comes in many chunks, joined once
    while chunk := process.stdout.read1(1 << 16):  # type: ignore[union-attr]
        *ends, rest = chunk.split(b",")
        for end in ends:
            yield b"".join([*parts, end])
            parts = []
        parts.append(rest)


def _close(process: subprocess.Popen) -> None:
    """Let the service go: end of input makes it exit."""
    for stream in (process.stdin, process.stdout):
        with contextlib.suppress(OSError):  # a broken pipe: the process is gone already
            stream.close()  # type: ignore[union-attr]
    process.wait()
