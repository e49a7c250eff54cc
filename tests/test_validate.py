"""The fast validator and the thorough one agree: what one accepts the other accepts."""

from __future__ import annotations

import copy
import json
import re
import sys

import pytest

from conftest import DEMO, HEALTHY
from smm_audit import validate
from smm_audit.snapshot import parse_time

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


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-29T12:00:00Z",
        "1998-12-31T23:59:60Z",
        "1998-12-31T15:59:60.123-08:00",
        "1999-01-01T02:59:60+03:00",
        "2026-11-01T12:00:00.000000001+14:00",
        "2026-04-30T00:00:00-23:59",
    ],
)
def test_datetime_format_accepts_every_rfc3339_shape(value):
    assert validate.is_datetime(value)
    assert validate.datetime_problem(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-W44-7T12:00:00+03:00", "an ISO week date"),
        ("2026-305T12:00:00+03:00", "an ordinal date"),
        ("20261101T120000Z", "write the date with dashes"),
        ("2026-11-01T12:00+03:00", "the seconds are missing"),
        ("2026-11-01T12:00Z", "the seconds are missing"),
        ("2026-11-01T12:00:00+0300", "the offset needs a colon"),
        ("2026-11-01T12:00:00+03", "the offset needs minutes"),
        ("2026-11-01T12:00:00+03:00:30", "the offset has seconds"),
        ("2026-11-01T12:00:00,5Z", "takes '.', not ','"),
        ("2026-11-01T12:00:00.Z", "must be followed by digits"),
        ("2026-11-01T12:00:00", "no offset"),
        ("2026-11-01", "a date without a time"),
        ("2026-11-01_12:00:00Z", "separated by 'T'"),
        ("2026-02-29T12:00:00Z", "2026-02-29 is not a date"),
        ("2026-11-01T24:00:00Z", "is not a time of day"),
        ("2026-11-01T12:00:00+24:00", "the offset's hours"),
        ("1998-12-31T23:58:60Z", "only 23:59:60 in UTC"),
        ("1998-12-31T23:59:60+01:00", "only 23:59:60 in UTC"),
        ("2026-11-01T12:00:00 UTC", "the offset must be Z or ±HH:MM"),
        ("yesterday", "expected YYYY-MM-DDTHH:MM:SS"),
    ],
)
def test_datetime_near_misses_say_what_is_wrong(value, reason):
    assert not validate.is_datetime(value)
    assert reason in (validate.datetime_problem(value) or ""), validate.datetime_problem(value)
    problems = validate.validate(mutate("/taken_at", value))
    assert [p.where for p in problems] == ["/taken_at"] and reason in problems[0].message, problems


def test_a_leap_second_is_read_as_the_next_second():
    assert parse_time("1998-12-31T23:59:60Z") == parse_time("1999-01-01T00:00:00Z")
    assert parse_time("1998-12-31T23:59:60.5Z") == parse_time("1999-01-01T00:00:00.5Z")


@pytest.mark.parametrize(("path", "value"), MUTATIONS, ids=[f"{p}={v!r}" for p, v in MUTATIONS])
def test_the_rust_validator_rejects_what_the_others_reject(path, value):
    assert not validate._is_valid_rust(mutate(path, value), "snapshot")


def test_the_rust_validator_accepts_the_examples():
    for example in (DEMO_DATA, json.loads(HEALTHY.read_text("utf-8"))):
        assert validate._is_valid_rust(example, "snapshot")


DATETIMES = [
    *("2024-02-29T12:00:00Z", "2000-02-29T00:00:00+03:00", "1904-02-29T00:00:00Z", "9996-02-29T00:00:00Z"),
    *("1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2024-02-30T00:00:00Z"),
    *("2026-11-01T12:00:00Z", "2026-11-01t12:00:00.5z", "2026-11-01 12:00:00-23:59", "2026-04-31T00:00:00Z"),
    *("2026-11-01T24:00:00Z", "2026-11-01T12:00:00+24:00", "2026-11-01T12:00:00", "2026-11-01T12:00:00Z\n"),
    *("1899-12-31T23:59:59Z", "9998-12-31T23:59:59Z", "9999-01-01T00:00:00Z", "2026-11-01T12:00:00.Z"),
]


@pytest.mark.parametrize("value", DATETIMES)
def test_the_date_time_pattern_is_the_format_check(value):
    assert (re.fullmatch(validate.DATETIME_PATTERN, value) is not None) == validate.is_datetime(value)


@pytest.mark.parametrize("value", [*DATETIMES, "1998-12-31T23:59:60Z", "1999-01-01T02:59:60+03:00"])
def test_the_rust_validator_checks_date_times_as_ours_do(value):
    data = mutate("/taken_at", value)
    rust = validate._is_valid_rust(data, "snapshot")
    assert rust == (validate.is_datetime(value) and value[17:19] != "60")  # leap seconds: the next validator's
    assert (validate.validate(data) == []) == validate.is_datetime(value)


def test_python_whitespace_is_what_backslash_s_matches():
    spelled = {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(f"[{validate.PYTHON_WHITESPACE}]", c)}
    assert spelled == {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c)}


@pytest.mark.parametrize("space", ["\x1c", "\x85", "\u3000", " ", "\t"])
def test_a_domain_with_python_whitespace_is_refused_by_every_validator(space):
    data = mutate("/client/domains", [f"zerno{space}coffee.ru"])
    assert not validate._is_valid_rust(data, "snapshot")
    assert [p.where for p in validate.validate(data)] == ["/client/domains/0"]
