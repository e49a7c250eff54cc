"""Writing what the CLI produces: atomically to files, safely to streams."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO


def encode(text: str) -> bytes:
    """UTF-8; a lone surrogate from the input becomes a ``\\udxxx`` escape instead of a crash."""
    return text.encode("utf-8", "backslashreplace")


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, flushed, then renamed over it.

    A symlink is followed (the file it points at is replaced, the link stays); a
    target that is not a regular file (``/dev/stdout``, a FIFO) is written
    directly, since it cannot be replaced; an existing file keeps its mode.
    """
    name = os.fspath(path)
    if name.endswith((os.sep, f"{os.sep}.", f"{os.sep}..")) or (os.altsep and name.endswith(os.altsep)):
        # the system reads "report.json/" as a directory; pathlib would drop the slash and write report.json
        code = errno.ENOTDIR if Path(name).exists() and not Path(name).is_dir() else errno.EISDIR
        raise OSError(code, os.strerror(code), name)
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not target.is_file():
        with target.open("wb") as handle:
            handle.write(encode(text))
        return
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    import tempfile  # here: a report on standard output needs none of it (with shutil, random, bz2, lzma: 2 ms)

    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(encode(text))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_stream(stream: BinaryIO, text: str) -> None:
    stream.write(encode(text))
    stream.flush()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
