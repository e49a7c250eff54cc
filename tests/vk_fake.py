"""A fake VK API for tests and benchmarks: the recorded community, answered by method, also over HTTP.

:class:`VkEmulator` answers a method call as VK would from a recording (tests/data/vk/zerno.json): pages
by ``offset`` and ``count``, ``execute`` with its ``execute_errors``, errors on demand. :func:`serve` puts
it behind a real HTTP server on 127.0.0.1, with faults planted by request number (error 6, a 500, a slow
answer), for the pacing and retry tests and benchmarks/bench_collect_vk.py.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

RECORDING = json.loads((Path(__file__).parent / "data" / "vk" / "zerno.json").read_text("utf-8"))
NO_COMMENTS = {"response": {"count": 0, "current_level_count": 0, "items": []}}


def calls_of(code: str) -> list[tuple[str, dict[str, str]]]:
    """The calls of an execute's VKScript ``return [API.m({...}),...];``."""
    assert code.startswith("return [") and code.endswith("];"), code[:80]
    decoder, calls, at = json.JSONDecoder(), [], len("return [")
    while code.startswith("API.", at):
        paren = code.index("(", at)
        params, end = decoder.raw_decode(code, paren + 1)
        calls.append((code[at + 4 : paren], params))
        at = end + 1 + (code[end + 1] == ",")
    return calls


def big_recording(members: int) -> dict[str, Any]:
    """The recording with ``members`` members (the recorded ones repeated under new ids)."""
    recording = copy.deepcopy(RECORDING)
    listed = recording["groups.getMembers"]["response"]
    template = listed["items"]
    listed["items"] = [{**template[i % len(template)], "id": 1_000_000 + i} for i in range(members)]
    listed["count"] = members
    recording["groups.getById"]["response"]["groups"][0]["members_count"] = members
    return recording


class VkEmulator:
    """The VK API as recorded. ``check(method, envelope)`` sees every answer (a schema validation)."""

    def __init__(
        self, recording: dict[str, Any] | None = None, check: Callable[[str, Any], None] | None = None
    ) -> None:
        self.recording = copy.deepcopy(recording or RECORDING)
        self.check = check
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.fail: dict[str, dict[str, Any]] = {}

    def handle(self, method: str, params: dict[str, str]) -> dict[str, Any]:
        """The JSON body VK answers to one request (``params`` without the token and version)."""
        self.requests.append((method, params))
        if method != "execute":
            return self.answer(method, params)
        calls = calls_of(params["code"])
        results = [self.answer(m, p) for m, p in calls]
        body: dict[str, Any] = {"response": [r.get("response", False) for r in results]}
        errors = [{"method": m, **r["error"]} for (m, _), r in zip(calls, results, strict=True) if "error" in r]
        if errors:
            body["execute_errors"] = errors
        return body

    def answer(self, method: str, params: dict[str, str]) -> dict[str, Any]:
        if method in self.fail:
            return {"error": self.fail[method]}
        if method == "groups.getMembers" and params.get("filter") == "managers":
            envelope = self.recording["groups.getMembers:managers"]
        elif method == "wall.getComments":
            envelope = self._comments(params)
        else:
            envelope = self.recording[method]
            if "offset" in params:
                response = envelope["response"]
                start, count = int(params["offset"]), int(params["count"])
                envelope = {"response": {**response, "items": response["items"][start : start + count]}}
        if self.check is not None:
            self.check(method, envelope)
        return envelope

    def _comments(self, params: dict[str, str]) -> dict[str, Any]:
        """A post's top level with ``thread_items_count`` replies each, or one thread (``comment_id``), paged."""
        recorded = self.recording["wall.getComments"].get(str(params["post_id"]), NO_COMMENTS)["response"]
        start = int(params.get("offset", 0))
        end = start + int(params.get("count", 100))
        if "comment_id" in params:
            root = next(c for c in recorded["items"] if str(c["id"]) == str(params["comment_id"]))
            replies = root.get("thread", {}).get("items", [])
            return {
                "response": {"count": len(replies), "current_level_count": len(replies), "items": replies[start:end]}
            }
        shown = int(params.get("thread_items_count", 0))
        items = copy.deepcopy(recorded["items"][start:end])
        for item in items:
            if "thread" in item:
                item["thread"]["items"] = item["thread"]["items"][:shown]
        return {"response": {**recorded, "items": items}}


def form(content: bytes) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(content.decode()).items()}


class FakeTime:
    """A clock that only moves when slept: pacing and backoff are observed, never waited for."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


@contextmanager
def serve(emulator: VkEmulator, faults: dict[int, str] | None = None) -> Iterator[str]:
    """The emulator at ``http://127.0.0.1:PORT/method/``; ``faults`` by request number (1-based):
    ``"error6"``, ``"500"`` or ``"slow:SECONDS"`` (then answered normally)."""
    faults = dict(faults or {})
    lock = threading.Lock()
    count = [0]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            with lock:
                count[0] += 1
                fault = faults.get(count[0], "")
            params = form(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            params.pop("access_token", None)
            params.pop("v", None)
            if fault == "500":
                return self._send(500, b"oops")
            if fault == "error6":
                return self._send(200, json.dumps({"error": {"error_code": 6, "error_msg": "Too many"}}).encode())
            if fault.startswith("slow:"):
                time.sleep(float(fault[5:]))
            body = emulator.handle(self.path.rsplit("/", 1)[-1], params)
            self._send(200, json.dumps(body, ensure_ascii=False).encode())

        def _send(self, status: int, body: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout test)
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/method/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
