"""Where a snapshot comes from: a file, standard input, or an http(s) URL fetched with httpx."""

from __future__ import annotations

import ssl
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from .errors import InputError, Problem

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a connection, and between two reads of a response."""

DEFAULT_MAX_BYTES = 1 << 30
"""Largest download (and decompressed size) accepted: 1 GiB, about a 3M-follower snapshot."""

MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchOptions:
    """How a URL is fetched: extra headers, timeout in seconds, size limit, and a transport for tests."""

    headers: Mapping[str, str] | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    transport: httpx.BaseTransport | None = None


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def display_name(spec: str) -> str:
    """How reports name the source: a URL loses its user info, query and fragment (they may hold tokens)."""
    if not is_url(spec):
        return "<stdin>" if spec == "-" else spec
    parts = urlsplit(spec)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def read(spec: str, fetch: FetchOptions | None = None) -> bytes:
    """The raw bytes of a snapshot: ``-`` is standard input, ``http(s)://`` is fetched, anything else a path."""
    if spec == "-":
        return sys.stdin.buffer.read()
    if is_url(spec):
        return fetch_url(spec, fetch or FetchOptions())
    return _read_file(spec)


def _fail(spec: str, message: str) -> InputError:
    return InputError(display_name(spec), [Problem("", message)])


def _read_file(spec: str) -> bytes:
    path = Path(spec)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(spec, "no such file") from None
    except IsADirectoryError:
        raise _fail(spec, "is a directory, not a snapshot file") from None
    except PermissionError:
        raise _fail(spec, "permission denied") from None
    except OSError as exc:
        raise _fail(spec, f"cannot read: {exc.strerror or exc}") from None


def fetch_url(url: str, options: FetchOptions) -> bytes:
    """GET a snapshot with bounded time, size and redirects; every failure is an :class:`InputError`."""
    timeout = httpx.Timeout(options.timeout)
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers=dict(options.headers or {}),
                transport=options.transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise _fail(url, f"HTTP {response.status_code} {reason}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise _fail(url, f"the response is {declared} bytes, over the limit of {options.max_bytes}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > options.max_bytes:
                    raise _fail(url, f"the response is over the limit of {options.max_bytes} bytes")
            return bytes(body)
    except httpx.TimeoutException:
        raise _fail(url, f"timed out (no answer within {options.timeout:g} s)") from None
    except httpx.TooManyRedirects:
        raise _fail(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.ConnectError as exc:
        if _is_tls_error(exc):
            raise _fail(url, f"TLS error: {_tls_reason(exc)}") from None
        raise _fail(url, "cannot connect to the server") from None
    except httpx.UnsupportedProtocol:
        raise _fail(url, "unsupported URL scheme (use http or https)") from None
    except (httpx.InvalidURL, httpx.HTTPError) as exc:
        raise _fail(url, f"download failed: {type(exc).__name__}") from None


def _is_tls_error(exc: BaseException) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "SSL" in str(exc) or "certificate" in str(exc).lower()


def _tls_reason(exc: BaseException) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or "certificate verification failed"
        if isinstance(cause, ssl.SSLError):
            return cause.reason or "handshake failed"
        cause = cause.__cause__ or cause.__context__
    return "handshake failed"
