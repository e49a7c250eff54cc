"""Where a snapshot comes from: a file, standard input, or an http(s) URL fetched with httpx."""

from __future__ import annotations

import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

from .errors import InputError, Problem, UsageError
from .redact import shorten

if TYPE_CHECKING:
    import httpx  # imported where a URL is fetched: reading a file or stdin needs none of it

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a connection, and between two reads of a response."""

DEFAULT_DOWNLOAD_TIMEOUT = 300.0
"""Seconds a whole download may take, redirects included: a server that sends a byte a second is stopped."""

DEFAULT_MAX_BYTES = 1 << 30
"""Largest snapshot accepted, downloaded or read (and decompressed): 1 GiB, about a 3M-follower snapshot."""

DEFAULT_MAX_ACCOUNTS = 20_000
"""Most accounts a snapshot may list: one client's presence (docs/snapshot.md, "Limits"); ``--max-accounts``."""

MAX_REDIRECTS = 5

_CHUNK = 1 << 20
_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
"""An HTTP header name (RFC 9110 token)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class FetchOptions:
    """How a snapshot is read: extra headers for a URL, timeouts in seconds, size limits, and a transport for tests."""

    headers: Mapping[str, str] | None = None
    timeout: float = DEFAULT_TIMEOUT
    download_timeout: float = DEFAULT_DOWNLOAD_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_accounts: int = DEFAULT_MAX_ACCOUNTS
    transport: httpx.BaseTransport | None = None


def is_url(spec: str) -> bool:
    """``http://`` or ``https://``, in any case (``HTTP://`` is a URL too)."""
    return spec[:8].lower().startswith(("http://", "https://"))


def display_name(spec: str) -> str:
    """How reports name the source: a URL loses its user info, query and fragment (they may hold tokens).

    Never raises: a URL too broken to parse (a bad port, an unclosed IPv6 bracket) is
    shown as ``scheme://host`` as written, without its user info.
    """
    if not is_url(spec):
        return "<stdin>" if spec == "-" else spec
    try:
        parts = urlsplit(spec)
        host = parts.hostname or ""
        if ":" in host:  # an IPv6 address keeps its brackets
            host = f"[{host}]"
        if parts.port is not None:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme.lower(), host, parts.path, "", ""))
    except ValueError:
        scheme, _, rest = spec.partition("://")
        rest = re.split(r"[?#]", rest, maxsplit=1)[0].rpartition("@")[2]  # user info may hold an unescaped "/"
        return f"{scheme.lower()}://{re.split(r'/', rest, maxsplit=1)[0]}"


def check_header(position: int, name: str, value: str, option: str = "--header") -> None:
    """Raise a :class:`UsageError` naming the ``position``-th ``option`` when httpx could not send its header.

    A header's value may be a secret, so the message quotes neither it nor the name
    (which is a typo away from being the value).
    """
    if not isinstance(name, str) or not _TOKEN.match(name):
        raise UsageError(f"{option} #{position}: the name must be letters, digits and -_.!#$%&'*+^`|~ only")
    if not isinstance(value, str) or not value.isascii() or _CONTROL.search(value.replace("\t", " ")):
        raise UsageError(
            f"{option} #{position}: the value must be printable ASCII (encode other characters, e.g. in base64)"
        )


def check_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """The extra headers as httpx will send them; a bad one is a :class:`UsageError` naming it by position."""
    for position, (name, value) in enumerate((headers or {}).items(), 1):
        check_header(position, name, value)
    return dict(headers or {})


def read(spec: str, fetch: FetchOptions | None = None) -> bytes:
    """The raw bytes of a snapshot: ``-`` is standard input, ``http(s)://`` is fetched, anything else a path.

    All three obey ``fetch.max_bytes``: no more than one byte over the limit is read.
    """
    options = fetch or FetchOptions()
    if spec == "-":
        return _read_stdin(options.max_bytes)
    if is_url(spec):
        return fetch_url(spec, options)
    return _read_file(spec, options.max_bytes)


def _fail(spec: str, message: str) -> InputError:
    return InputError(display_name(spec), [Problem("", message)])


def _over_limit(spec: str, limit: int) -> InputError:
    return _fail(spec, f"the snapshot is over the limit of {limit} bytes")


def _read_limited(stream: BinaryIO, spec: str, limit: int, expected: int = 0) -> bytes:
    """Read to the end, but never more than ``limit + 1`` bytes (``/dev/zero`` has no end).

    ``expected`` is the size of a regular file: read in one go, it is not copied again.
    """
    chunks: list[bytes] = []
    size = 0
    want = max(expected + 1, _CHUNK)
    while True:
        chunk = stream.read(min(want, limit + 1 - size))
        if not chunk:
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _over_limit(spec, limit)
        want = _CHUNK


def _read_stdin(limit: int) -> bytes:
    stdin = sys.stdin
    if stdin is None or getattr(stdin, "closed", False):
        raise _fail("-", "standard input is closed")
    try:
        return _read_limited(stdin.buffer, "-", limit)
    except OSError as exc:
        raise _fail("-", f"cannot read standard input: {exc.strerror or type(exc).__name__}") from None


def _read_file(spec: str, limit: int) -> bytes:
    try:
        with Path(spec).open("rb") as handle:
            info = os.fstat(handle.fileno())
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size > limit:
                raise _over_limit(spec, limit)
            return _read_limited(handle, spec, limit, info.st_size if regular else 0)
    except FileNotFoundError:
        raise _fail(spec, "no such file") from None
    except IsADirectoryError:
        raise _fail(spec, "is a directory, not a snapshot file") from None
    except PermissionError:
        raise _fail(spec, "permission denied") from None
    except OSError as exc:
        raise _fail(spec, f"cannot read: {exc.strerror or type(exc).__name__}") from None
    except ValueError:  # a NUL byte in the path
        raise _fail(spec, "not a valid file name") from None


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def _parse_url(url: str) -> httpx.URL:
    """A URL httpx can fetch, or an :class:`InputError` that does not quote it."""
    import httpx

    try:
        urlsplit(url).port  # noqa: B018 (raises on a port out of range or an unclosed IPv6 bracket)
        parsed = httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        raise _fail(url, "not a valid URL (check the host and the port)") from None
    if parsed.scheme not in _SCHEMES or not parsed.host:
        raise _fail(url, "not a valid URL (check the host and the port)")
    return parsed


def _redirect_target(url: str, current: httpx.URL, location: str) -> httpx.URL:
    import httpx

    try:
        target = current.join(location)
    except (ValueError, httpx.InvalidURL):
        raise _fail(url, "redirected to an invalid URL") from None
    if target.scheme not in _SCHEMES:
        raise _fail(url, "redirected to a URL that is not http(s); refused")
    if not target.host or not 0 < (target.port or 80) < 65536:
        raise _fail(url, "redirected to an invalid URL")
    return target


def _reason(response: httpx.Response) -> str:
    """The server's reason phrase, without control characters (it is printed on a terminal)."""
    import httpx

    reason = _CONTROL.sub("", response.reason_phrase or "").strip()[:100]
    return reason or httpx.codes.get_reason_phrase(response.status_code) or "error"


def fetch_url(url: str, options: FetchOptions) -> bytes:
    """GET a snapshot with bounded time, size and redirects; every failure is an :class:`InputError`.

    Redirects are followed here, not by httpx: the extra headers (which may hold
    tokens) are sent only while the scheme, host and port stay those of ``url``;
    once a redirect leaves that origin, none of them is sent again.
    """
    import httpx

    current = _parse_url(url)
    headers = {"Accept-Encoding": "gzip, deflate", **check_headers(options.headers)}
    origin = _origin(current)
    deadline = time.monotonic() + options.download_timeout
    try:
        with httpx.Client(follow_redirects=False, transport=options.transport) as client:
            for _ in range(MAX_REDIRECTS + 1):
                if _origin(current) != origin:
                    headers = {"Accept-Encoding": "gzip, deflate"}
                timeout = httpx.Timeout(min(options.timeout, max(deadline - time.monotonic(), 0.001)))
                with client.stream("GET", current, headers=headers, timeout=timeout) as response:
                    if response.has_redirect_location:
                        current = _redirect_target(url, current, response.headers["location"])
                        continue
                    return _body(url, response, options, deadline)
            raise _fail(url, f"too many redirects (more than {MAX_REDIRECTS})")
    except httpx.TimeoutException:
        if time.monotonic() >= deadline:
            raise _too_slow(url, options.download_timeout) from None
        raise _fail(url, f"timed out (no answer within {options.timeout:g} s)") from None
    except httpx.TooManyRedirects:
        raise _fail(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.ConnectError as exc:
        if _is_tls_error(exc):
            raise _fail(url, f"TLS error: {_tls_reason(exc)}") from None
        raise _fail(url, "cannot connect to the server") from None
    except httpx.UnsupportedProtocol:
        raise _fail(url, "unsupported URL scheme (use http or https)") from None
    except httpx.InvalidURL:  # url was checked: httpx could not make sense of a redirect's Location
        raise _fail(url, "redirected to an invalid URL") from None
    except httpx.HTTPError as exc:
        if str(exc).startswith("Invalid URL in location header"):
            raise _fail(url, "redirected to an invalid URL") from None
        raise _fail(url, f"download failed: {type(exc).__name__}") from None


def _too_slow(url: str, limit: float) -> InputError:
    return _fail(url, f"timed out: the download took longer than {limit:g} s (--download-timeout)")


def _body(url: str, response: httpx.Response, options: FetchOptions, deadline: float) -> bytes:
    """The response's body, decoded here from its Content-Encoding (httpx keeps only a gzip's first member)."""
    limit = options.max_bytes
    if response.status_code >= 400:
        raise _fail(url, f"HTTP {response.status_code} {_reason(response)}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _fail(url, f"the response is {declared} bytes, over the limit of {limit}")
    if response.is_stream_consumed:  # a test transport's response, read (and decoded) when it was made
        chunks: Iterable[bytes] = [response.content]
        decoders = []
    else:
        chunks = response.iter_raw()
        decoders = [_decoder(url, coding) for coding in reversed(_codings(response))]
    body = bytearray()
    for chunk in chunks:
        for decoder in decoders:
            chunk = decoder.feed(chunk)
        body += chunk
        if len(body) > limit:
            raise _fail(url, f"the response is over the limit of {limit} bytes")
        if time.monotonic() > deadline:
            raise _too_slow(url, options.download_timeout)
    for decoder in decoders:
        decoder.finish()
    return bytes(body)


def _codings(response: httpx.Response) -> list[str]:
    value = response.headers.get("content-encoding", "")
    return [c.strip().lower() for c in value.split(",") if c.strip() and c.strip().lower() != "identity"]


class _Decoder:
    """One Content-Encoding undone incrementally: ``gzip`` with all its members, or ``deflate``."""

    def __init__(self, url: str, coding: str) -> None:
        self.url = url
        self.coding = coding
        self.gzip = coding in ("gzip", "x-gzip")
        self.stream = self._new()
        self.fed = False

    def _new(self) -> Any:
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self.gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out = bytearray()
        try:
            while data:
                self.fed = True
                out += self.stream.decompress(data)
                if not self.stream.eof:
                    break
                data = self.stream.unused_data.lstrip(b"\0") if self.gzip else b""  # zeros may pad between members
                if data:
                    self.stream = self._new()
                else:
                    self.fed = False
        except zlib.error:
            raise _fail(self.url, f"the response's {self.coding} encoding is corrupt") from None
        return bytes(out)

    def finish(self) -> None:
        if self.fed and not self.stream.eof:
            raise _fail(self.url, f"the response's {self.coding} encoding is truncated")


def _decoder(url: str, coding: str) -> _Decoder:
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise _fail(url, f"unsupported Content-Encoding {shorten(coding, 20)!r} (gzip and deflate are)")
    return _Decoder(url, coding)


def _is_tls_error(exc: BaseException) -> bool:
    import ssl

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "SSL" in str(exc) or "certificate" in str(exc).lower()


def _tls_reason(exc: BaseException) -> str:
    import ssl

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or "certificate verification failed"
        if isinstance(cause, ssl.SSLError):
            return cause.reason or "handshake failed"
        cause = cause.__cause__ or cause.__context__
    return "handshake failed"
