"""The VK client: version and token sent, execute batches, errors, retries, pacing (httpx.MockTransport)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import httpx
import pytest
from vk_fake import FakeTime

from smm_audit.errors import CollectError
from smm_audit.vk import client as vk
from smm_audit.vk.client import VkApiError, VkClient

TOKEN = "vk1.a.SECRET-token-value-0123456789"


def make(handler, rate: float = 1000.0) -> tuple[VkClient, list[httpx.Request], FakeTime]:
    seen: list[httpx.Request] = []
    fake = FakeTime()

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request, len(seen))

    http = httpx.Client(transport=httpx.MockTransport(record))
    return VkClient(http, TOKEN, rate=rate, sleep=fake.sleep, clock=fake.clock), seen, fake


def body(request: httpx.Request) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.content.decode()).items()}


def ok(value):
    return httpx.Response(200, json={"response": value})


def vk_error(code: int, message: str = "message"):
    return httpx.Response(200, json={"error": {"error_code": code, "error_msg": message, "request_params": []}})


def test_a_call_sends_the_version_and_the_token_in_the_body_not_the_url():
    client, seen, _ = make(lambda r, n: ok({"count": 0, "items": []}))
    assert client.call("wall.get", owner_id=-1, fields=("a", "b"), extended=True) == {"count": 0, "items": []}
    request = seen[0]
    assert str(request.url) == "https://api.vk.com/method/wall.get"
    assert TOKEN not in str(request.url)
    assert body(request) == {"owner_id": "-1", "fields": "a,b", "extended": "1", "access_token": TOKEN, "v": "5.199"}


def test_execute_batches_25_calls_a_request_and_keeps_the_order():
    def handler(request, n):
        code = body(request)["code"]
        count = code.count("API.users.get(")
        first = json.loads(code[code.index("(") + 1 : code.index(")")])["user_ids"]
        return ok([int(first) + i for i in range(count)])

    client, seen, _ = make(handler)
    calls = [("users.get", {"user_ids": i}) for i in range(60)]
    assert client.execute(calls) == list(range(60))
    assert [body(r)["code"].count("API.") for r in seen] == [25, 25, 10]
    assert all(str(r.url).endswith("/method/execute") for r in seen)


def test_a_refused_token_stops_with_one_line_that_does_not_quote_it():
    client, _, _ = make(lambda r, n: vk_error(5, "User authorization failed: invalid access_token (4)."))
    with pytest.raises(VkApiError) as caught:
        client.call("groups.getById", group_id="zerno")
    assert caught.value.code == 5
    assert str(caught.value).startswith("VK API groups.getById: error 5: the token was refused")
    assert TOKEN not in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("code", [15, 203, 100])
def test_other_api_errors_are_not_retried(code):
    client, seen, fake = make(lambda r, n: vk_error(code))
    with pytest.raises(VkApiError):
        client.call("groups.getMembers", group_id=1)
    assert len(seen) == 1 and fake.slept == []


def test_too_many_requests_is_retried_with_growing_backoff():
    client, seen, fake = make(lambda r, n: vk_error(6, "Too many requests per second") if n < 4 else ok([1]))
    assert client.call("users.get") == [1]
    assert len(seen) == 4
    assert [s for s in fake.slept if s >= vk.BACKOFF] == [1.0, 2.0, 4.0]
    assert client.retries == 3


def test_retries_are_bounded():
    client, seen, _ = make(lambda r, n: vk_error(9, "Flood control"))
    with pytest.raises(CollectError, match=r"error 9: Flood control \(gave up after 5 attempts\)"):
        client.call("wall.get")
    assert len(seen) == vk.MAX_ATTEMPTS


def test_a_server_error_and_a_timeout_are_retried():
    def handler(request, n):
        if n == 1:
            return httpx.Response(500, text="oops")
        if n == 2:
            raise httpx.ReadTimeout("slow", request=request)
        return ok({"items": []})

    client, seen, _ = make(handler)
    assert client.call("wall.get") == {"items": []}
    assert len(seen) == 3


def test_an_error_inside_execute_is_raised_and_6_inside_it_retried():
    answers = [
        httpx.Response(200, json={"response": [False], "execute_errors": [{"method": "wall.get", "error_code": 6}]}),
        httpx.Response(200, json={"response": [False], "execute_errors": [{"method": "wall.get", "error_code": 15}]}),
    ]
    client, seen, _ = make(lambda r, n: answers[n - 1])
    with pytest.raises(VkApiError, match=r"VK API wall\.get: error 15: access denied"):
        client.execute([("wall.get", {})])
    assert len(seen) == 2


def test_requests_are_paced_at_the_rate():
    client, _, fake = make(lambda r, n: ok(1), rate=3.0)
    for _ in range(4):
        client.call("users.get")
    assert fake.slept == [pytest.approx(1 / 3, abs=1e-5)] * 3
    assert client.paced == pytest.approx(1.0)
    assert client.requests == 4


def test_the_api_base_can_point_elsewhere():
    seen: list[str] = []

    def handler(request):
        seen.append(str(request.url))
        return ok(1)

    client = VkClient(httpx.Client(transport=httpx.MockTransport(handler)), TOKEN, api_base="http://127.0.0.1:1/m")
    client.call("users.get")
    assert seen == ["http://127.0.0.1:1/m/users.get"]
