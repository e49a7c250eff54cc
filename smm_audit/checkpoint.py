"""The checkpoint of a collect, so that ``--resume`` continues an interrupted one instead of starting over.

Every answer of the API is appended to a JSON-lines file beside the output (``OUTPUT.checkpoint``) under a
key made from the request (method and parameters, never the token). A resumed collect makes the same
requests in the same order, so those already answered are read back from the file and only the rest are
sent; its ``taken_at`` is the first run's. The file holds what the API returned (member lists included):
it is deleted once the snapshot is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .errors import UsageError

_MISSING = object()


def request_key(method: str, params: Any) -> str:
    """The key of one request: a hash of its method and parameters (without the token)."""
    text = json.dumps([method, params], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Checkpoint:
    """Answers already received, by request key, kept in ``path``; ``resume`` reads what a previous run kept."""

    def __init__(self, path: str | os.PathLike[str], resume: bool = False) -> None:
        self.path = Path(path)
        self.answers: dict[str, Any] = {}
        self.reused = 0
        if resume:
            self._read()
        elif self.path.exists():
            self.path.unlink()
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)  # member lists: yours only
        self._handle = os.fdopen(fd, "a", encoding="utf-8")

    def _read(self) -> None:
        if not self.path.exists():
            raise UsageError(f"--resume: no checkpoint {self.path} to resume from")
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    entry = json.loads(line)
                    self.answers[entry["key"]] = entry["value"]
                except (ValueError, KeyError, TypeError):
                    if line.endswith("\n"):  # a last line cut by the interruption is expected; another is not
                        raise UsageError(f"--resume: {self.path}:{number}: not a checkpoint entry") from None

    def get(self, key: str) -> Any:
        """The kept answer, or :data:`MISSING`."""
        value = self.answers.get(key, _MISSING)
        if value is not _MISSING:
            self.reused += 1
        return value

    def put(self, key: str, value: Any) -> None:
        self.answers[key] = value
        self._handle.write(json.dumps({"key": key, "value": value}, ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self, done: bool) -> None:
        """Close the file; delete it once the collect is done."""
        self._handle.close()
        if done:
            self.path.unlink(missing_ok=True)


MISSING = _MISSING
"""What :meth:`Checkpoint.get` returns for a request not answered yet."""
