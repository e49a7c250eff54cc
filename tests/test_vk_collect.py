"""The VK collector on recorded responses (tests/data/vk/zerno.json) served through httpx.MockTransport.

The recording is validated against the official VK API JSON Schemas (trimmed copy in
tests/data/vk-api-schema, MIT), and so is every page the fake API serves; the collected snapshot is
validated against the snapshot schema and audited end to end.
"""

from __future__ import annotations

import copy
import functools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft7Validator
from vk_fake import RECORDING, VkEmulator, calls_of, form

from smm_audit import collect as collect_cli
from smm_audit.api import CollectContext
from smm_audit.collectors.vk import COLLECTOR
from smm_audit.errors import CollectError
from smm_audit.testing import assert_valid

DATA = Path(__file__).parent / "data"
TOKEN = "vk1.a.SECRET-token-value-0123456789"
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
GID = 777001


def _draft7(node: Any) -> Any:
    """VK's schemas mark a required property with ``"required": true`` inside it (draft 3): move it up."""
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _draft7(v) for k, v in node.items() if not (k == "required" and isinstance(v, bool))}
    props = node.get("properties")
    if isinstance(props, dict):
        required = [k for k, v in props.items() if isinstance(v, dict) and v.get("required") is True]
        if required:
            out["required"] = required
    return out


def _merged(name: str, definitions: dict[str, Any]) -> dict[str, Any]:
    """A definition made of ``allOf`` parts as one object schema: VK's code generators read ``allOf`` as
    inheritance, so a parent's ``additionalProperties: false`` allows its children's properties too."""
    schema = definitions[name]
    if "allOf" not in schema:
        return schema
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties: dict[str, Any] = dict(schema.get("properties", {}))
    required: list[str] = list(schema.get("required", []))
    for part in schema["allOf"]:
        if "$ref" in part:
            part = _merged(part["$ref"].rsplit("/", 1)[-1], definitions)
        properties.update(part.get("properties", {}))
        required += part.get("required", [])
        if part.get("additionalProperties") is False:
            merged["additionalProperties"] = False
    merged["properties"] = properties
    if required:
        merged["required"] = sorted(set(required))
    return merged


_RAW = _draft7(json.loads((DATA / "vk-api-schema" / "definitions.json").read_text("utf-8"))["definitions"])
DEFINITIONS = {name: _merged(name, _RAW) for name in _RAW}


@functools.cache
def vk_validator(name: str) -> Draft7Validator:
    return Draft7Validator({"$ref": f"#/definitions/{name}", "definitions": DEFINITIONS})


SCHEMAS = {
    "groups.getById": "groups_getById_object_response",
    "groups.getMembers": "groups_getMembers_fields_response",
    "wall.get": "wall_get_response",
    "wall.getComments": "wall_getComments_response",
}


def assert_vk_valid(method: str, envelope: Any) -> None:
    errors = sorted(vk_validator(SCHEMAS[method]).iter_errors(envelope), key=lambda e: list(e.path))
    assert not errors, f"{method}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


class FakeVk(VkEmulator):
    """The recorded VK API as an httpx.MockTransport handler; every answer validated against VK's schema."""

    def __init__(self, recording: dict[str, Any] | None = None, validate: bool = True) -> None:
        super().__init__(recording, check=assert_vk_valid if validate else None)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = form(request.content)
        assert params.pop("access_token") == TOKEN and params.pop("v") == "5.199"
        assert TOKEN not in str(request.url)
        return httpx.Response(200, json=self.handle(request.url.path.rsplit("/", 1)[-1], params))


_calls = calls_of


def collect(fake: FakeVk | None = None, **options: Any) -> tuple[dict[str, Any], FakeVk]:
    fake = fake or FakeVk()
    http = httpx.Client(transport=httpx.MockTransport(fake))
    context = CollectContext(http=http, token=TOKEN, now=lambda: NOW, sleep=lambda seconds: None)
    data = COLLECTOR.collect("zerno.coffee", {**COLLECTOR.defaults(), **options}, context)
    return data, fake


@pytest.mark.parametrize("method", sorted(SCHEMAS))
def test_the_recording_validates_against_the_official_vk_schema(method):
    envelopes = RECORDING["wall.getComments"].values() if method == "wall.getComments" else [RECORDING[method]]
    for envelope in envelopes:
        assert_vk_valid(method, envelope)
    assert_vk_valid("groups.getMembers", RECORDING["groups.getMembers:managers"])


def test_the_schema_check_can_fail():
    broken = copy.deepcopy(RECORDING["wall.get"])
    broken["response"]["items"][0]["likes"] = {"count": "many"}
    with pytest.raises(AssertionError, match="likes"):
        assert_vk_valid("wall.get", broken)


def test_the_collected_snapshot_is_valid_and_maps_the_community():
    data, _ = collect(domains="zerno.coffee")
    assert_valid(data)
    assert data["taken_at"] == "2026-11-01T09:00:00Z"
    assert data["client"] == {"name": "Zerno Coffee", "domains": ["zerno.coffee"]}
    (account,) = data["accounts"]
    assert {k: account[k] for k in ("id", "platform", "kind", "name", "handle", "url", "followers_count")} == {
        "id": f"vk-{GID}",
        "platform": "vk",
        "kind": "public_page",
        "name": "Zerno Coffee",
        "handle": "zerno.coffee",
        "url": "https://vk.com/zerno.coffee",
        "followers_count": 60,
    }
    assert account["profile"] == {
        "description": "Speciality coffee in Kazan. Order online: https://zerno.coffee/order",
        "avatar": True,
        "cover": True,
        "website": "https://zerno.coffee",
        "contacts": ["Orders, +7 843 000-00-00"],
    }
    assert "created_at" not in account and "settings" not in account and "is_commercial" not in account


def test_members_map_to_followers_with_only_what_vk_gave():
    data, _ = collect()
    account = data["accounts"][0]
    assert account["followers_sampling"] == "full"
    followers = {f["id"]: f for f in account["followers"]}
    assert len(followers) == 60
    assert followers["100003"] == {"id": "100003", "status": "deactivated", "has_avatar": False}
    assert followers["100007"] == {"id": "100007", "status": "banned", "has_avatar": False}
    assert followers["100001"]["has_avatar"] is False  # has_photo 0
    assert followers["100002"] == {
        "id": "100002",
        "username": "guest.2",
        "status": "active",
        "has_avatar": True,
        "last_active_at": "2026-10-25T09:00:00Z",
        "is_private": False,
        "followers_count": 74,
        "country": "RU",
        "city": "Kazan",
    }
    assert "last_active_at" not in followers["100009"]  # no last_seen: absent, not guessed
    assert "country" not in followers["100005"]  # no country given
    assert "country" not in followers["100012"]  # VK country 9: no certain ISO code, left out
    assert followers["100010"]["country"] == "RU" and followers["100009"]["country"] == "KZ"
    assert all("joined_at" not in f and "created_at" not in f for f in followers.values())


def test_members_are_fetched_1000_a_call_25_calls_an_execute():
    recording = copy.deepcopy(RECORDING)
    members = recording["groups.getMembers"]["response"]
    template = members["items"]
    members["items"] = [{**template[i % 60], "id": 200_000 + i} for i in range(26_500)]
    members["count"] = 26_500
    recording["groups.getById"]["response"]["groups"][0]["members_count"] = 26_500
    data, fake = collect(FakeVk(recording, validate=False), followers="all", posts=0)
    assert len(data["accounts"][0]["followers"]) == 26_500
    executes = [p for m, p in fake.requests if m == "execute" and "getMembers" in p["code"]]
    assert [len(_calls(p["code"])) for p in executes] == [25, 2]
    assert [params["offset"] for _, params in _calls(executes[1]["code"])] == ["25000", "26000"]


def test_first_n_followers_are_partial():
    data, _ = collect(followers="25")
    account = data["accounts"][0]
    assert account["followers_sampling"] == "partial"
    assert [f["id"] for f in account["followers"]] == [str(100_000 + i) for i in range(25)]
    assert_valid(data)


def test_a_seeded_sample_is_marked_random_and_repeatable():
    one, _ = collect(followers="sample:20", seed=1)
    again, _ = collect(followers="sample:20", seed=1)
    other, _ = collect(followers="sample:20", seed=2)
    ids = [f["id"] for f in one["accounts"][0]["followers"]]
    assert one["accounts"][0]["followers_sampling"] == "random_sample"
    assert len(set(ids)) == 20 and set(ids) <= {str(100_000 + i) for i in range(60)}
    assert ids == [f["id"] for f in again["accounts"][0]["followers"]]
    assert ids != [f["id"] for f in other["accounts"][0]["followers"]]
    assert_valid(one)


def test_a_sample_as_big_as_the_community_is_the_whole_list():
    data, _ = collect(followers="sample:500")
    assert data["accounts"][0]["followers_sampling"] == "full"
    assert len(data["accounts"][0]["followers"]) == 60


@pytest.mark.parametrize("bad", ["some", "sample:", "sample:-3", "-1", "1.5"])
def test_a_bad_followers_option_is_one_line(bad):
    with pytest.raises(CollectError, match="--followers"):
        collect(followers=bad)


def test_posts_map_text_links_ads_metrics_and_closed_comments():
    data, _ = collect()
    posts = {p["id"]: p for p in data["accounts"][0]["posts"]}
    assert list(posts) == [f"-{GID}_{n}" for n in range(40, 26, -1)]
    assert posts[f"-{GID}_40"] == {
        "id": f"-{GID}_40",
        "published_at": "2026-09-28T09:00:00Z",
        "text": "New Ethiopia lot: bright and floral. Details https://zerno.coffee/ethiopia",
        "is_ad": False,
        "metrics": {"likes": 3, "reposts": 0, "comments": 4, "views": 190},
        "comments_enabled": True,
    }
    assert posts[f"-{GID}_39"]["links"] == ["https://zerno.coffee/workshop?utm_source=vk"]
    assert posts[f"-{GID}_38"]["is_ad"] is True and posts[f"-{GID}_38"]["comments_enabled"] is False
    assert posts[f"-{GID}_38"]["text"] == ""


def test_comments_with_threads_and_the_communitys_own_answers():
    data, fake = collect()
    comments = {c["id"]: c for c in data["accounts"][0]["comments"]}
    assert sorted(comments) == ["901", "902", "903", "904", "905", "906", "907"]
    assert comments["903"] == {
        "id": "903",
        "post_id": f"-{GID}_40",
        "author_id": f"-{GID}",
        "from_account": True,
        "reply_to": "902",
        "created_at": "2026-09-29T17:00:00Z",
        "text": "In our shop on Baumana 1!",
    }
    assert comments["901"]["from_account"] is False and "reply_to" not in comments["901"]
    assert comments["904"]["reply_to"] == "903"
    assert comments["906"]["deleted"] is True and "text" not in comments["906"]
    asked = {p["post_id"] for m, p in fake.requests if m == "execute" for _, p in _calls(p["code"]) if "post_id" in p}
    assert asked == {"40", "37"}  # posts VK counts no comment on are not asked


def test_managers_become_the_team_with_roles_and_are_left_out_when_hidden():
    data, _ = collect()
    assert data["team"] == [
        {
            "id": "vk-user-5001",
            "name": "Anna Ivanova",
            "role": "owner",
            "status": "active",
            "account_ids": [f"vk-{GID}"],
        },
        {
            "id": "vk-user-5002",
            "name": "Oleg Petrov",
            "role": "editor",
            "status": "active",
            "account_ids": [f"vk-{GID}"],
        },
    ]
    fake = FakeVk()
    original = fake.answer

    def hidden(method, params):
        if params.get("filter") == "managers":
            return {"error": {"error_code": 15, "error_msg": "Access denied: no access to this group"}}
        return original(method, params)

    fake.answer = hidden  # type: ignore[method-assign]
    data, _ = collect(fake)
    assert "team" not in data
    assert_valid(data)


@pytest.mark.parametrize(
    ("code", "text"),
    [(5, "error 5: the token was refused"), (203, "error 203: access to the community is denied")],
)
def test_an_api_error_stops_with_one_line(code, text):
    fake = FakeVk()
    fake.fail["groups.getById"] = {"error_code": code, "error_msg": "VK says no"}
    with pytest.raises(CollectError, match=text):
        collect(fake)


def test_collect_then_run_end_to_end(cli, tmp_path, monkeypatch):
    fake = FakeVk()
    monkeypatch.setattr(collect_cli, "make_http", lambda timeout: httpx.Client(transport=httpx.MockTransport(fake)))
    monkeypatch.setattr(collect_cli, "utc_now", lambda: NOW)
    monkeypatch.setenv("VK_TOKEN", TOKEN)
    out = tmp_path / "snapshot.json"
    result = cli(
        *("collect", "vk", "https://vk.com/zerno.coffee", "-o", str(out)),
        *("--domains", "zerno.coffee", "--regions", "RU", "--rate", "20"),
    )
    assert result.exit_code == 0, result.output
    assert TOKEN not in out.read_text("utf-8") and TOKEN not in result.output
    assert "60 followers, 14 posts, 7 comments" in result.stderr
    audit = cli("run", str(out), "-f", "json")
    assert audit.exit_code in (0, 1), audit.output
    report = json.loads(audit.stdout)
    status = {c["id"]: c["status"] for c in report["checks"]}
    assert status["missing-utm"] == "fail" or status["missing-utm"] == "warn"
    lacking = {c["id"] for c in report["checks"] if c["status"] == "not_applicable"}
    assert lacking == {"credential-policy"}, lacking  # VK has no API for logins; every other check has data
    found = {c["id"] for c in report["checks"] if c["findings"]}
    assert {"missing-utm", "bot-followers", "comments-disabled", "response-time"} <= found, status


def test_an_api_error_through_the_cli_is_exit_2_without_the_token(cli, tmp_path, monkeypatch):
    fake = FakeVk()
    fake.fail["groups.getById"] = {"error_code": 5, "error_msg": f"User authorization failed: {TOKEN}"}
    monkeypatch.setattr(collect_cli, "make_http", lambda timeout: httpx.Client(transport=httpx.MockTransport(fake)))
    monkeypatch.setenv("VK_TOKEN", TOKEN)
    out = tmp_path / "snapshot.json"
    result = cli("collect", "vk", "zerno.coffee", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: VK API groups.getById: error 5")
    assert TOKEN[:8] not in result.stderr and "[REDACTED]" in result.stderr
    assert not out.exists()


def _cli_collect(cli, fake: FakeVk, out: Path, monkeypatch, now: datetime, *extra: str):
    monkeypatch.setattr(collect_cli, "make_http", lambda timeout: httpx.Client(transport=httpx.MockTransport(fake)))
    monkeypatch.setattr(collect_cli, "utc_now", lambda: now)
    monkeypatch.setenv("VK_TOKEN", TOKEN)
    return cli("collect", "vk", "zerno.coffee", "-o", str(out), "--rate", "20", "--regions", "RU", *extra)


def test_previous_carries_deleted_comments_with_their_text_and_counts_members_left(cli, tmp_path, monkeypatch):
    first = tmp_path / "day1.json"
    assert _cli_collect(cli, FakeVk(), first, monkeypatch, NOW).exit_code == 0
    recording = copy.deepcopy(RECORDING)
    post40 = recording["wall.getComments"]["40"]["response"]
    post40["items"] = [c for c in post40["items"] if c["id"] != 901]  # the complaint is deleted
    members = recording["groups.getMembers"]["response"]
    members["items"] = members["items"][1:]
    members["count"] = 59
    recording["groups.getById"]["response"]["groups"][0]["members_count"] = 59
    second = tmp_path / "day2.json"
    later = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    result = _cli_collect(cli, FakeVk(recording), second, monkeypatch, later, "--previous", str(first))
    assert result.exit_code == 0, result.output
    assert "since " in result.stderr and "1 comments deleted, 1 members left" in result.stderr
    data = json.loads(second.read_text("utf-8"))
    comments = {c["id"]: c for c in data["accounts"][0]["comments"]}
    assert comments["901"]["deleted"] is True
    assert comments["901"]["deleted_at"] == "2026-11-02T09:00:00Z"
    assert comments["901"]["text"] == "Ужасный сервис, кофе холодный, больше не приду"
    assert "deleted_by" not in comments["901"]
    assert "deleted" not in comments["902"]
    report = json.loads(cli("run", str(second), "-f", "json").stdout)
    check = next(c for c in report["checks"] if c["id"] == "deleted-negative-comments")
    assert check["status"] != "not_applicable" and check["findings"], check
    without = json.loads(cli("run", str(first), "-f", "json").stdout)
    before = next(c for c in without["checks"] if c["id"] == "deleted-negative-comments")
    assert not before["findings"]


def test_previous_of_another_community_is_refused(cli, tmp_path, monkeypatch, write_snapshot):
    other = write_snapshot(accounts=[{"id": "vk-1", "platform": "vk"}])
    out = tmp_path / "new.json"
    result = _cli_collect(cli, FakeVk(), out, monkeypatch, NOW, "--previous", str(other))
    assert result.exit_code == 2
    expected = "error: --previous: not a snapshot of the same accounts (no account id in common)\n"
    assert result.stderr == expected, (result.exit_code, result.stdout, result.stderr)
    assert not out.exists()


def test_an_interrupted_collect_resumes_from_its_checkpoint(cli, tmp_path, monkeypatch):
    out = tmp_path / "snapshot.json"
    fake = FakeVk()
    fake.fail["wall.get"] = {"error_code": 10, "error_msg": "Internal server error"}
    monkeypatch.setattr("smm_audit.vk.client.BACKOFF", 0.0)
    broken = _cli_collect(cli, fake, out, monkeypatch, NOW)
    assert broken.exit_code == 2
    assert broken.stderr.endswith("(run again with --resume to continue from what was fetched)\n")
    checkpoint = tmp_path / "snapshot.json.checkpoint"
    assert checkpoint.exists() and not out.exists()
    assert TOKEN not in checkpoint.read_text("utf-8")
    assert checkpoint.stat().st_mode & 0o777 == 0o600  # it holds member lists
    later = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    again = FakeVk()
    resumed = _cli_collect(cli, again, out, monkeypatch, later, "--resume")
    assert resumed.exit_code == 0, resumed.output
    sent = [method for method, _ in again.requests]
    assert "groups.getById" not in sent and sent[0] == "wall.get"  # the community and its members were kept
    assert not checkpoint.exists()
    data = json.loads(out.read_text("utf-8"))
    assert data["taken_at"] == "2026-11-01T09:00:00Z"  # the first run's moment
    fresh = tmp_path / "fresh.json"
    assert _cli_collect(cli, FakeVk(), fresh, monkeypatch, NOW).exit_code == 0
    assert json.loads(fresh.read_text("utf-8")) == data


def test_resume_without_a_checkpoint_is_one_line(cli, tmp_path, monkeypatch):
    result = _cli_collect(cli, FakeVk(), tmp_path / "s.json", monkeypatch, NOW, "--resume")
    assert result.exit_code == 2
    assert result.stderr == f"error: --resume: no checkpoint {tmp_path / 's.json.checkpoint'} to resume from\n"


def test_posts_are_paged_through_execute_and_limited(monkeypatch):
    monkeypatch.setattr("smm_audit.vk.collector.POSTS_PAGE", 4)
    data, fake = collect(posts=11)
    assert [p["id"] for p in data["accounts"][0]["posts"]] == [f"-{GID}_{n}" for n in range(40, 29, -1)]
    pages = [params for method, params in fake.requests if method == "wall.get"]
    assert pages == [{"owner_id": f"-{GID}", "count": "4", "offset": "0"}]
    (execute,) = [p for m, p in fake.requests if m == "execute" and "API.wall.get(" in p["code"]]
    assert [(c["offset"], c["count"]) for _, c in calls_of(execute["code"])] == [("4", "4"), ("8", "3")]


def test_long_threads_are_fetched_by_comment_id_and_top_levels_paged(monkeypatch):
    monkeypatch.setattr("smm_audit.vk.collector.THREAD_ITEMS", 1)
    monkeypatch.setattr("smm_audit.vk.collector.COMMENTS_PAGE", 1)
    data, fake = collect()
    comments = {c["id"]: c for c in data["accounts"][0]["comments"]}
    assert sorted(comments) == ["901", "902", "903", "904", "905", "906", "907"]
    assert comments["904"]["reply_to"] == "903" and comments["907"]["reply_to"] == "906"
    threads = [c for m, p in fake.requests if m == "execute" for _, c in calls_of(p["code"]) if "comment_id" in c]
    assert {(c["comment_id"], c["offset"]) for c in threads} == {("902", "0"), ("902", "1")}


def test_progress_is_reported_by_stage():
    seen: list[tuple[str, int, int | None]] = []
    http = httpx.Client(transport=httpx.MockTransport(FakeVk()))
    context = CollectContext(
        http=http, token=TOKEN, now=lambda: NOW, sleep=lambda s: None, progress=lambda *a: seen.append(a)
    )
    COLLECTOR.collect("zerno.coffee", COLLECTOR.defaults(), context)
    assert ("members", 60, 60) in seen and ("posts", 14, 14) in seen
    assert seen[-1] == ("comments", 7, None)
