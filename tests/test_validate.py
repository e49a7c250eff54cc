"""The fast validator and the thorough one agree: what one accepts the other accepts."""

from __future__ import annotations

import copy
import json

import pytest

from conftest import DEMO, HEALTHY
from smm_audit import validate

DEMO_DATA = json.loads(DEMO.read_text("utf-8"))


def mutate(path: str, value: object = None, *, delete: bool = False) -> dict:
    data = copy.deepcopy(DEMO_DATA)
    *parents, last = path.strip("/").split("/")
    node = data
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    key = int(last) if isinstance(node, list) else last
    if delete:
        del node[key]
    else:
        node[key] = value
    return data


MUTATIONS = [
    ("/accounts/0/posts/0/publised_at", "2026-10-01T10:00:00Z"),
    ("/accounts/0/followers/3/status", "sleeping"),
    ("/accounts/0/followers/3/following_count", -1),
    ("/accounts/0/followers/3/following_count", 1.5),
    ("/accounts/0/followers/3/country", "Russia"),
    ("/accounts/0/followers/3/joined_at", "2026-10-01 10:00"),
    ("/accounts/0/followers/3/joined_at", "2026-10-01T10:00:00"),
    ("/accounts/0/posts/2/metrics/likes", "12"),
    ("/accounts/0/comments/0/post_id", ""),
    ("/accounts/0/platform", "myspace"),
    ("/accounts/0/id", 42),
    ("/client/domains", "zerno-coffee.ru"),
    ("/credentials/0/password/fingerprint", "not-hex"),
    ("/team/0/status", "fired"),
    ("/taken_at", None),
    ("/extra", {}),
]


@pytest.mark.parametrize(("path", "value"), MUTATIONS, ids=[f"{p}={v!r}" for p, v in MUTATIONS])
def test_both_validators_reject(path, value):
    data = mutate(path, value)
    assert not validate._is_valid_fast(data, "snapshot")
    problems = validate.validate(data)
    assert problems, path
    assert any(p.where.startswith(path.rsplit("/", 1)[0]) for p in problems), problems


@pytest.mark.parametrize("path", ["/taken_at", "/client/name", "/accounts/0/platform", "/accounts/0/followers/0/id"])
def test_both_validators_reject_missing_required(path):
    data = mutate(path, delete=True)
    assert not validate._is_valid_fast(data, "snapshot")
    assert validate.validate(data)


def test_both_accept_the_examples_and_extensions():
    for example in (DEMO_DATA, json.loads(HEALTHY.read_text("utf-8"))):
        assert validate._is_valid_fast(example, "snapshot")
        assert validate.validate(example) == []
    data = mutate("/extensions", {"my-plugin": {"anything": [1, {"goes": None}]}})
    assert validate._is_valid_fast(data, "snapshot") and validate.validate(data) == []


@pytest.mark.parametrize(
    "value",
    ["2026-11-01T12:00:00Z", "2026-11-01T12:00:00.123+03:00", "2026-11-01t12:00:00z", "2026-11-01 12:00:00+00:00"],
)
def test_datetime_format_accepts_rfc3339(value):
    assert validate.is_datetime(value)


@pytest.mark.parametrize("value", ["2026-11-01", "2026-11-01T12:00:00", "yesterday", "2026-13-01T12:00:00Z", ""])
def test_datetime_format_refuses_the_rest(value):
    assert not validate.is_datetime(value)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00"])
def test_datetimes_outside_the_years_date_arithmetic_survives_are_refused(value):
    assert not validate.is_datetime(value)
    assert validate.is_datetime("1900-01-01T00:00:00Z") and validate.is_datetime("9998-12-31T00:00:00Z")


def test_counts_have_a_sane_maximum():
    data = mutate("/accounts/0/followers_count", 10**30)
    assert not validate._is_valid_fast(data, "snapshot")
    assert any(
        p.where == "/accounts/0/followers_count" and "<= 1000000000000" in p.message for p in validate.validate(data)
    )
