"""A small VK API client on httpx: a pinned version, pacing, ``execute`` batches, bounded retries.

The token travels in the POST body, never in the URL, so that no log of an address holds it; no error
message quotes it. Errors VK may recover from (6 too many requests per second, 9 flood control, 10
internal server error, HTTP 5xx, a timeout) are retried with exponential backoff, at most
:data:`MAX_ATTEMPTS` times per request and :data:`MAX_RETRIES_TOTAL` times per client; any other API error
stops the collect with one line (:class:`VkApiError`, exit 2).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..checkpoint import MISSING, Checkpoint, request_key
from ..errors import CollectError

if TYPE_CHECKING:
    import httpx  # imported when a request is sent: registering the collector needs none of it

API_VERSION = "5.199"
"""The VK API version sent with every request (the one the official JSON Schemas describe)."""
API_BASE = "https://api.vk.com/method/"
EXECUTE_LIMIT = 25
"""Calls one ``execute`` request may hold (VK's limit)."""
USER_RATE = 3.0
"""Requests a second VK allows a user token; a community token may make 20."""
MAX_ATTEMPTS = 5
MAX_RETRIES_TOTAL = 50
BACKOFF = 1.0
"""Seconds before the first retry; doubled each time, at most :data:`MAX_BACKOFF`."""
MAX_BACKOFF = 16.0
RETRIED_CODES = frozenset({6, 9, 10})
"""6: too many requests per second; 9: flood control; 10: internal server error."""

_REASONS = {
    5: "the token was refused (invalid, expired or revoked): get a new one",
    15: "access denied",
    18: "the page was deleted or banned",
    27: "a community token cannot call this method",
    28: "an application token cannot call this method",
    29: "the rate limit of this method is reached for today",
    30: "the profile is private",
    100: "a parameter is invalid",
    113: "invalid user id",
    125: "invalid group id",
    203: "access to the community is denied (it may be private)",
}


class VkApiError(CollectError):
    """VK answered with an error: its code, its message and the method, in one line."""

    def __init__(self, method: str, code: int, message: str) -> None:
        self.method, self.code, self.vk_message = method, code, message
        reason = _REASONS.get(code)
        why = f"{reason} ({message})" if reason else message
        super().__init__(f"VK API {method}: error {code}: {why}")


def _params(params: dict[str, Any]) -> dict[str, str]:
    """VK's parameter encoding: lists comma-separated, booleans 0/1, everything else as text."""
    encoded = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            encoded[key] = "1" if value else "0"
        elif isinstance(value, list | tuple):
            encoded[key] = ",".join(map(str, value))
        else:
            encoded[key] = str(value)
    return encoded


def execute_code(calls: Sequence[tuple[str, dict[str, Any]]]) -> str:
    """The VKScript of one ``execute`` that makes ``calls`` and returns their results as a list."""
    parts = [f"API.{method}({json.dumps(_params(params), ensure_ascii=False)})" for method, params in calls]
    return "return [" + ",".join(parts) + "];"


class VkClient:
    """Calls VK methods through ``http``, at most ``rate`` requests a second.

    ``sleep`` and ``clock`` are injectable so that tests neither wait nor depend on timing.
    """

    def __init__(
        self,
        http: httpx.Client,
        token: str,
        *,
        api_base: str | None = None,
        version: str = API_VERSION,
        rate: float = USER_RATE,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        backoff: float | None = None,
        checkpoint: Checkpoint | None = None,
    ) -> None:
        self.http, self._token, self.version = http, token, version
        self.checkpoint = checkpoint
        self.api_base = (api_base or API_BASE).rstrip("/") + "/"
        self.interval = 1.0 / rate
        self.sleep, self.clock = sleep, clock
        self.backoff = BACKOFF if backoff is None else backoff
        self.requests = 0
        self.retries = 0
        self.paced = 0.0
        """Seconds spent waiting for the pace (not for retries)."""
        self._last: float | None = None

    def call(self, method: str, **params: Any) -> Any:
        """One method's ``response``; a VK error raises :class:`VkApiError` once retries are spent."""
        return self._request(method, params)

    def execute(self, calls: Sequence[tuple[str, dict[str, Any]]]) -> list[Any]:
        """The results of ``calls``, in order, made :data:`EXECUTE_LIMIT` at a time through ``execute``."""
        results: list[Any] = []
        for batch in _chunks(calls, EXECUTE_LIMIT):
            results += self._request("execute", {"code": execute_code(batch)}, batch=batch)
        return results

    def _request(self, method: str, params: dict[str, Any], batch: Sequence[tuple[str, Any]] = ()) -> Any:
        """One request's result: from the checkpoint when a resumed collect has it, else from VK (kept)."""
        key = request_key(method, _params(params))
        if self.checkpoint is not None:
            kept = self.checkpoint.get(key)
            if kept is not MISSING:
                return kept
        result = self._retried(method, params, batch)
        if self.checkpoint is not None:
            self.checkpoint.put(key, result)
        return result

    def _retried(self, method: str, params: dict[str, Any], batch: Sequence[tuple[str, Any]]) -> Any:
        delay = self.backoff
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return self._once(method, params, batch)
            except VkApiError as exc:
                if exc.code not in RETRIED_CODES:
                    raise
                failure: CollectError = exc
            except _Retryable as exc:
                failure = CollectError(f"VK API {method}: {exc}")
            if attempt == MAX_ATTEMPTS or self.retries >= MAX_RETRIES_TOTAL:
                raise CollectError(f"{failure} (gave up after {attempt} attempts)")
            self.retries += 1
            self.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)
        raise AssertionError("unreachable")

    def _pace(self) -> None:
        now = self.clock()
        if self._last is not None:
            wait = self._last + self.interval - now
            if wait > 0:
                self.sleep(wait)
                self.paced += wait
                now += wait
        self._last = now

    def _once(self, method: str, params: dict[str, Any], batch: Sequence[tuple[str, Any]]) -> Any:
        import httpx

        self._pace()
        self.requests += 1
        body = {**_params(params), "access_token": self._token, "v": self.version}
        try:
            response = self.http.post(self.api_base + method, data=body)
        except httpx.TimeoutException:
            raise _Retryable("the API did not answer in time") from None
        except httpx.HTTPError as exc:
            raise _Retryable(f"cannot reach the API: {type(exc).__name__}") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise _Retryable(f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise CollectError(f"VK API {method}: HTTP {response.status_code}")
        try:
            payload = response.json()
        except ValueError:
            raise _Retryable("the answer is not JSON") from None
        if not isinstance(payload, dict):
            raise CollectError(f"VK API {method}: an answer that is not a JSON object")
        error = payload.get("error")
        if isinstance(error, dict):
            raise VkApiError(method, int(error.get("error_code", 0)), str(error.get("error_msg", "")))
        if "response" not in payload:
            raise CollectError(f"VK API {method}: an answer without 'response'")
        result = payload["response"]
        if batch:
            return _execute_results(result, payload.get("execute_errors"), batch)
        return result


class _Retryable(Exception):
    """A failure worth another try: a timeout, a 5xx, a broken answer."""


def _execute_results(result: Any, errors: Any, batch: Sequence[tuple[str, Any]]) -> list[Any]:
    """The results of one ``execute``; a call that failed (``false`` in its place) raises its error."""
    if not isinstance(result, list) or len(result) != len(batch):
        raise CollectError(f"VK API execute: expected {len(batch)} results, got {type(result).__name__}")
    failed = [error for error in errors if isinstance(error, dict)] if isinstance(errors, list) else []
    if failed and any(r is False for r in result):
        first = failed[0]
        raise VkApiError(
            str(first.get("method", "execute")), int(first.get("error_code", 0)), first.get("error_msg", "")
        )
    return result


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
