"""The fast reader (jsontext.parse_fast) accepts nothing the strict one refuses, and gives the same data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smm_audit import jsontext, readonly

ROOT = Path(__file__).resolve().parent.parent
SUITE = sorted((ROOT / "tests" / "data" / "jsontestsuite").glob("*.json"))


def strict(body: bytes):
    try:
        return True, jsontext.parse(jsontext.decode(body))
    except jsontext.JSONProblems:
        return False, None


def same(a, b) -> bool:
    """Equal data of the same types all the way down (1 is not 1.0, a FrozenDict is not a dict)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)


@pytest.mark.parametrize("case", SUITE, ids=[p.name for p in SUITE])
def test_jsontestsuite_case_fast_only_what_strict_accepts(case):
    raw = case.read_bytes()
    try:
        fast = jsontext.parse_fast(jsontext.unwrap(raw))
    except jsontext.JSONProblems:
        fast = None
    if fast is not None:
        ok, data = strict(raw)
        assert ok
        assert same(fast, data)


@pytest.mark.parametrize("name", ["demo-snapshot.json", "healthy-snapshot.json"])
def test_examples_read_the_same_minified_or_not(name):
    raw = (ROOT / "examples" / name).read_bytes()
    for body in (raw, json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode()):
        fast = jsontext.parse_fast(body)
        assert fast is not None
        assert same(fast, strict(body)[1])
        assert isinstance(fast, readonly.FrozenDict)


@pytest.mark.parametrize(
    "body",
    [
        b'{"a":1,"a":2}',
        b'{"a": 1, "a": 2}',
        b'{"a":1,\n "a":2}',
        b'{"x":{"a":"1:2","b":[{"c":1,"c":"3:4"}]}}',
        b'{"a":"x\\":","a":1}',  # a "\": inside a string, with a repeated key
        b'{"a":"\\u003a","a":1}',
        b'{"a" :1,"a":2}',
        b'{"t":"12:00","t":"13:00","u":"\\":\\":"}',
        b'[{"id":1},{"id":2,"id":3}]',
    ],
)
def test_a_repeated_key_is_left_to_the_strict_reader(body):
    assert jsontext.parse_fast(body) is None
    with pytest.raises(jsontext.JSONProblems, match="duplicate key"):
        jsontext.parse(jsontext.decode(body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"a":NaN}',
        b'{"a":1e999}',
        b'{"a":"\\ud800"}',
        b'{"a":1} x',
        b'{"a":1,}',
        b"[" * 600 + b"]" * 600,  # not an object
        b'{"a":' * 600 + b"1" + b"}" * 600,  # deeper than MAX_DEPTH: the strict reader decides
        b"null",
    ],
)
def test_what_the_fast_reader_cannot_vouch_for(body):
    assert jsontext.parse_fast(body) is None


def test_numbers_and_strings_are_exact():
    body = b'{"big":18446744073709551616,"neg":-9223372036854775809,"f":0.1,"e":1E5,"s":"\\u00e9\\ud83d\\ude00:"}'
    assert same(jsontext.parse_fast(body), strict(body)[1])


def test_a_loaded_snapshot_is_read_only_all_the_way_down(write_snapshot):
    from smm_audit import load

    path = write_snapshot(json.loads((ROOT / "examples" / "demo-snapshot.json").read_text("utf-8")))
    data = load.load(str(path)).snapshot.data
    account = data["accounts"][0]
    for listed in ("followers", "comments", "posts"):
        assert isinstance(account[listed], readonly.FrozenList)
        assert all(isinstance(item, readonly.FrozenDict) for item in account[listed])
    assert isinstance(account["posts"][0]["links"], readonly.FrozenList)
    with pytest.raises(TypeError):
        account["followers"][0]["id"] = "changed"


@pytest.mark.parametrize("listed", ["followers", "comments"])
def test_a_repeated_key_in_a_follower_or_comment_is_still_refused(cli, tmp_path, listed):
    data = json.loads((ROOT / "examples" / "demo-snapshot.json").read_text("utf-8"))
    item = data["accounts"][0][listed][0]
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    first = json.dumps(item, separators=(",", ":"), ensure_ascii=False)
    assert text.count(first) == 1
    text = text.replace(first, first[:-1] + f',"id":{json.dumps(item["id"])}' + "}")
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", str(path))
    assert result.exit_code == 2
    assert 'duplicate key "id": the object is ambiguous' in result.stderr


def _follower(i: int, **extra) -> dict:
    joined = "2026-01-01T00:00:00Z"
    return {"id": str(i), "username": f"u{i}", "joined_at": joined, "n": i, "x": 1.5, "ok": True, **extra}


def _long_lists() -> dict:
    """Lists long enough to be frozen slice by slice, with objects and arrays hidden at a few places."""
    people = [_follower(i) for i in range(10_000)]
    people[4_500] = _follower(4_500, tags=["a", ["b"]], more={"c": [1, {"d": None}]})  # in a slice of flat ones
    people[9_999] = _follower(9_999, more={})  # the last item of the last slice
    mixed = [i if i % 3 else {"i": i, "l": [i]} for i in range(3_000)]  # objects and numbers in one list
    lists = [[i, [i]] for i in range(1_000)]
    return {"people": people, "mixed": mixed, "lists": lists, "empty": [{}] * 700, "words": ["a", 1, None] * 2_000}


@pytest.mark.parametrize("indent", [None, 2])
def test_long_lists_read_the_same_and_read_only_all_the_way_down(indent):
    body = json.dumps(_long_lists(), indent=indent, separators=None if indent else (",", ":")).encode()
    fast = jsontext.parse_fast(body)
    assert fast is not None
    assert same(fast, strict(body)[1])  # FrozenDict and FrozenList wherever the strict reader makes them
    with pytest.raises(TypeError):
        fast["people"][4_500]["more"]["c"][1]["d"] = 1
    with pytest.raises(TypeError):
        fast["people"][9_999]["more"]["e"] = 1


def test_a_long_list_of_flat_objects_is_copied_without_a_python_step_per_object(monkeypatch):
    calls = []
    freeze = jsontext._Freezer.freeze

    def counted(self, value, depth):
        calls.append(depth)
        return freeze(self, value, depth)

    monkeypatch.setattr(jsontext._Freezer, "freeze", counted)
    body = json.dumps({"people": [_follower(i) for i in range(20_000)]}).encode()
    assert jsontext.parse_fast(body) is not None
    assert len(calls) < 10


@pytest.mark.parametrize("position", [0, 4_095, 4_096, 15_000, 19_999])
@pytest.mark.parametrize("indent", [None, 2])
def test_a_repeated_key_in_a_long_list_of_flat_objects_is_left_to_the_strict_reader(position, indent):
    people = [json.dumps(_follower(i), indent=indent) for i in range(20_000)]
    people[position] = people[position][:-1] + ', "n": 0}'
    body = ("{" + '"people": [' + ",\n".join(people) + "]}").encode()
    assert jsontext.parse_fast(body) is None
    with pytest.raises(jsontext.JSONProblems, match='duplicate key "n"'):
        jsontext.parse(jsontext.decode(body))


@pytest.mark.parametrize(
    "body",
    [
        b'{\n  "a": 1,\n  "a": 2\n}',
        b'{\n  "t": "12:00",\n  "t": "13:00"\n}',
        b'{\n  "x": [\n    {\n      "a": "1:2"\n    },\n    {\n      "c": 1,\n      "c": "3:4"\n    }\n  ]\n}',
        b'{\n  "a": "x\\": ",\n  "a": 1\n}',
        b'{\n  "a" : 1,\n  "b": 2,\n  "b": 3\n}',
    ],
)
def test_a_repeated_key_in_indented_text_is_left_to_the_strict_reader(body):
    assert jsontext.parse_fast(body) is None
    with pytest.raises(jsontext.JSONProblems, match="duplicate key"):
        jsontext.parse(jsontext.decode(body))


def test_indented_text_is_vouched_for_without_encoding_the_data_again(monkeypatch):
    def refused(*args):
        raise AssertionError("the data was encoded again to count its colons")

    monkeypatch.setattr(jsontext, "_colons", refused)
    data = json.loads((ROOT / "examples" / "demo-snapshot.json").read_text("utf-8"))
    body = json.dumps(data, indent=2, ensure_ascii=False).encode()  # as `smm-audit collect` writes a snapshot
    fast = jsontext.parse_fast(body)
    assert fast is not None
    assert same(fast, strict(body)[1])


@pytest.mark.parametrize("depth", [jsontext.MAX_DEPTH - 1, jsontext.MAX_DEPTH])
def test_a_long_list_of_objects_at_the_depth_limit(depth):
    """Objects at ``MAX_DEPTH`` in a long list are left to the strict reader, as any container that deep."""
    body = b'{"a":' * (depth - 1) + b"[" + b",".join([b'{"b":1}'] * 1_000) + b"]" + b"}" * (depth - 1)
    fast = jsontext.parse_fast(body)
    assert (fast is None) == (depth == jsontext.MAX_DEPTH)
    ok, data = strict(body)
    assert ok
    while fast is not None and isinstance(fast, dict):  # `same` would recurse too deep: down the chain by hand
        assert type(fast) is type(data) is readonly.FrozenDict
        fast, data = fast["a"], data["a"]
    if fast is not None:
        assert same(fast, data)
        assert isinstance(fast, readonly.FrozenList)
