"""Every kind of bad input: exit 2, one line per problem with its location, never a traceback."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from smm_audit import sources
from smm_audit.testing import make_snapshot

LINE = re.compile(r"^error: \S.*$")


def assert_input_error(result, *expected: str) -> list[str]:
    """Exit 2, nothing on stdout, every stderr line a one-line error, each expected text in some line."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines, "no error message"
    assert all(LINE.match(line) for line in lines), lines
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    return lines


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"schema_version": "1.0", "taken_at": ', "1:39: unexpected end of data"),
        (b'{"a": 1,}', "1:9: Expecting property name"),
        (b'{"a": "\xff\xfe"}', "1:8: not UTF-8 text (byte 0xff)"),
        (b'{"schema_version": "1.0", "schema_version": "1.0"}', '1:27: duplicate key "schema_version"'),
        (b'{"x": NaN}', "1:7: NaN is not valid JSON"),
        (b'{"x": [1, -Infinity]}', "1:11: -Infinity is not valid JSON"),
        (b'{"x": 1e999}', "1:7: number 1e999 is out of range"),
        (b"[" * 10_000 + b"]" * 10_000, "1:501: nesting deeper than 500 levels"),
        (b"", "the file is empty"),
        (b"  \n\t ", "the file is empty"),
        (bytes(range(256)) * 4, "not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text"),
        (b"[1, 2, 3]", "a snapshot is a JSON object at the top level, not an array"),
        (b'"just a string"', "not a string"),
        (b"\xff\xfe{\x00}\x00", "UTF-16 or UTF-32"),
        (b"\x1f\x8b\x08\x00garbage", "not a valid gzip file"),
    ],
)
def test_malformed_files_are_one_line_errors(cli, write_snapshot, content, expected):
    path = write_snapshot(content)
    lines = assert_input_error(cli("run", str(path)), expected)
    assert all(line.startswith(f"error: {path}") for line in lines)


def test_missing_file(cli, tmp_path):
    assert_input_error(cli("run", str(tmp_path / "nope.json")), "nope.json: no such file")


def test_directory(cli, tmp_path):
    assert_input_error(cli("validate", str(tmp_path)), "is a directory")


def test_unreadable_file(cli, write_snapshot, monkeypatch):
    path = write_snapshot()

    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    assert_input_error(cli("run", str(path)), "permission denied")


def test_several_problems_are_all_reported_with_pointers(cli, write_snapshot):
    data = make_snapshot(
        accounts=[
            {"id": "vk", "platform": "vkontakte", "posts": [{"id": "p1", "publised_at": "2026-10-01T10:00:00Z"}]},
            {"id": "ig", "platform": "instagram", "followers_count": -5},
        ]
    )
    del data["taken_at"]
    lines = assert_input_error(
        cli("validate", str(write_snapshot(data))),
        ": missing required field 'taken_at'",
        "/accounts/0/platform: must be one of:",
        "/accounts/0/posts/0/publised_at: unknown field 'publised_at' (did you mean 'published_at'?)",
        "/accounts/1/followers_count: must be >= 0 (got -5)",
    )
    assert len(lines) == 4


def test_problem_list_is_capped(cli, write_snapshot):
    posts = [{"id": f"p{i}", "published_at": "yesterday"} for i in range(80)]
    data = make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": posts}])
    lines = assert_input_error(
        cli("validate", str(write_snapshot(data))),
        "not a valid date-time",
        "and more problems (the first 50 are listed)",
    )
    assert len(lines) == 51


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"accounts": [{"id": "vk", "platform": "vk", "posts": [], "comments": [{"id": "c", "post_id": "p9"}]}]},
            "/accounts/0/comments/0/post_id: refers to post 'p9', which is not in /accounts/0/posts",
        ),
        (
            {
                "accounts": [
                    {
                        "id": "vk",
                        "platform": "vk",
                        "posts": [{"id": "p"}],
                        "comments": [{"id": "c", "post_id": "p", "reply_to": "x"}],
                    }
                ]
            },
            "/accounts/0/comments/0/reply_to: refers to comment 'x'",
        ),
        (
            {"accounts": [{"id": "vk", "platform": "vk"}, {"id": "vk", "platform": "ok"}]},
            "/accounts/1/id: duplicate id 'vk'",
        ),
        ({"team": [{"id": "t1", "account_ids": ["ghost"]}]}, "/team/0/account_ids/0: refers to account 'ghost'"),
        ({"credentials": [{"account_id": "ghost"}]}, "/credentials/0/account_id: refers to account 'ghost'"),
        (
            {"accounts": [{"id": "vk", "platform": "vk"}], "credentials": [{"account_id": "vk", "holders": ["t9"]}]},
            "/credentials/0/holders/0: refers to team member 't9'",
        ),
        (
            {"accounts": [{"id": "vk", "platform": "vk", "followers": [{"id": "1"}, {"id": "1"}]}]},
            "/accounts/0/followers/1/id: duplicate id '1'",
        ),
    ],
)
def test_reference_errors(cli, write_snapshot, fields, expected):
    assert_input_error(cli("validate", str(write_snapshot(**fields))), expected)


def test_unknown_major_version_is_refused_clearly(cli, write_snapshot):
    data = make_snapshot(schema_version="2.0", whatever={"new": "format"})
    lines = assert_input_error(cli("run", str(write_snapshot(data))), "unsupported schema_version '2.0'")
    assert len(lines) == 1


def test_timestamps_need_an_offset(cli, write_snapshot):
    data = make_snapshot(taken_at="2026-11-01T12:00:00")
    assert_input_error(cli("validate", str(write_snapshot(data))), "/taken_at: not a valid date-time")


def test_password_values_are_never_echoed(cli, write_snapshot):
    secret = "Hunter2-Secret-Value"
    data = make_snapshot(
        accounts=[{"id": "vk", "platform": "vk"}],
        credentials=[{"account_id": "vk", "password": {"plaintext": 12345, "fingerprint": secret}}],
    )
    result = cli("validate", str(write_snapshot(data)))
    assert_input_error(result, "/credentials/0/password/fingerprint")
    assert secret not in result.output


def test_long_values_are_shortened(cli, write_snapshot):
    data = make_snapshot(accounts=[{"id": "vk", "platform": "x" * 5000}])
    lines = assert_input_error(cli("validate", str(write_snapshot(data))), "/accounts/0/platform")
    assert all(len(line) < 300 for line in lines)


def test_gzip_and_bom_are_read(cli, write_snapshot):
    text = json.dumps(make_snapshot()).encode()
    assert cli("validate", str(write_snapshot(gzip.compress(text), name="s.json.gz"))).exit_code == 0
    assert cli("validate", str(write_snapshot(b"\xef\xbb\xbf" + text))).exit_code == 0


def test_stdin(cli):
    result = cli("validate", "-", input=json.dumps(make_snapshot()))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<stdin>: valid snapshot")
    assert_input_error(cli("validate", "-", input="{"), "<stdin>:1:2")


def test_display_name_drops_credentials_and_query():
    assert (
        sources.display_name("https://user:pw@host.example:8443/a/b.json?token=x#f")
        == "https://host.example:8443/a/b.json"
    )
    assert sources.display_name("-") == "<stdin>"


def test_validate_takes_many_files_and_reports_each(cli, write_snapshot):
    good = write_snapshot(name="good.json")
    bad = write_snapshot(b"{", name="bad.json")
    result = cli("validate", str(good), str(bad), str(good))
    assert result.exit_code == 2
    assert result.stdout.count("valid snapshot") == 2
    assert result.stderr.splitlines() == [
        f"error: {bad}:1:2: unexpected end of data: "
        "expecting property name enclosed in double quotes (is the file truncated?)"
    ]


def test_many_duplicates_of_one_key_are_one_line(cli, tmp_path):
    """200k repeats of one key: one problem where it first repeats (finding them was quadratic)."""
    path = tmp_path / "dup.json"
    path.write_text('{"k":1' + ',"k":1' * 200_000 + "}")
    (line,) = assert_input_error(cli("validate", str(path)))
    assert line.endswith('dup.json:1:8: duplicate key "k": the object is ambiguous'), line


def test_many_json_problems_are_counted(cli, tmp_path):
    """Problems past the first 50 are counted, not located; line:column stays right on later lines."""
    path = tmp_path / "nan.json"
    path.write_text('{"a": [\n' + ",\n".join(["NaN"] * 1000) + "]}")
    lines = assert_input_error(cli("validate", str(path)), "and 950 more problems")
    assert len(lines) == 51
    assert lines[49].endswith("nan.json:51:1: NaN is not valid JSON; use a number or null"), lines[49]


def test_a_million_bad_accounts_list_fifty_and_more(cli, tmp_path):
    """1M empty accounts: the first 50 problems, then "more" without finding the rest (it took minutes)."""
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(make_snapshot(accounts=[{}] * 1_000_000)))
    result = cli("validate", str(path), "--max-accounts", "1000000")
    lines = assert_input_error(result, "/accounts/0: missing required field 'id'")
    assert len(lines) == 51
    assert lines[-1].endswith("empty.json: ... and more problems (the first 50 are listed)"), lines[-1]


LIMIT_HINT = "(one client's presence; raise the limit with --max-accounts)"


def _accounts(count: int) -> list[dict]:
    return [{"id": f"a{i}", "platform": "vk", "kind": "group"} for i in range(count)]


@pytest.mark.parametrize("command", ["run", "validate", "baseline"])
def test_more_accounts_than_a_client_has_are_refused_in_one_line(cli, write_snapshot, tmp_path, command):
    """Each account costs findings (a bare one gives two): past the limit the snapshot is refused, not audited."""
    path = write_snapshot(accounts=_accounts(sources.DEFAULT_MAX_ACCOUNTS + 1))
    extra = ["-o", str(tmp_path / "out")] if command == "baseline" else []
    (line,) = assert_input_error(cli(command, str(path), *extra))
    assert line == f"error: {path}: accounts: 20,001 accounts, more than the 20,000 one snapshot may hold {LIMIT_HINT}"
    assert not (tmp_path / "out").exists()


def test_the_account_limit_can_be_raised_and_lowered(cli, write_snapshot):
    path = write_snapshot(accounts=_accounts(3))
    assert cli("validate", str(path), "--max-accounts", "3").exit_code == 0
    (line,) = assert_input_error(cli("run", str(path), "--max-accounts", "2"))
    assert line.endswith(": accounts: 3 accounts, more than the 2 one snapshot may hold " + LIMIT_HINT)
    assert "--max-accounts" in cli("validate", str(path), "--max-accounts", "0").stderr  # at least 1


def test_a_number_at_the_end_of_a_long_float_is_not_out_of_range(cli, tmp_path):
    """The scan looks at long numbers from their first digit only: 0.<400 digits> is in range."""
    path = tmp_path / "float.json"
    path.write_text('{"a": 0.' + "1" * 400 + ', "b": NaN}')
    (_line,) = assert_input_error(cli("validate", str(path)), "NaN is not valid JSON")


def test_many_unknown_fields_list_the_first_fifty_in_order(cli, tmp_path):
    """200k unknown fields in one object: the 50 first by name, then "more" (all were sorted into a message)."""
    data = make_snapshot()
    data.update({f"f{i:06d}": 1 for i in range(200_000)})
    path = tmp_path / "unknown.json"
    path.write_text(json.dumps(data))
    lines = assert_input_error(cli("validate", str(path)), "/f000000: unknown field 'f000000'")
    assert len(lines) == 51 and "/f000049: unknown field" in lines[49], lines[49]
    assert lines[-1].endswith("... and more problems (the first 50 are listed)")


def test_problems_past_the_fiftieth_are_counted_outside_strings_only(cli, tmp_path):
    """Past the 50 listed, NaN and Infinity are counted in one pass: not inside strings, keys still tracked."""
    path = tmp_path / "mixed.json"
    rest = '"NaN", "x NaN Infinity", Infinity, -Infinity, {"k": 1, "k": 2, "NaN": NaN}, 1e999, "\\"NaN"'
    path.write_text('{"a": [' + ", ".join(["NaN"] * 51) + ", " + rest + "]}")
    lines = assert_input_error(cli("validate", str(path)), "and 6 more problems")
    assert len(lines) == 51


# --------------------------------------------------------------------------- messages a new user meets


def test_each_missing_top_level_field_is_said_once(cli):
    lines = assert_input_error(cli("validate", "-", input=b"{}"))
    assert lines == [
        "error: <stdin>: missing required field 'client'",
        "error: <stdin>: missing required field 'schema_version'",
        "error: <stdin>: missing required field 'taken_at'",
    ]


@pytest.mark.parametrize("content", [b"schema_version: '1.0'\naccounts: []\n", b"id,platform\nvk,vk\n"])
def test_a_file_that_is_not_json_says_snapshots_are_json(cli, write_snapshot, content):
    path = write_snapshot(content, name="snapshot.yaml")
    (line,) = assert_input_error(cli("validate", str(path)))
    assert line.endswith("1:1: Expecting value: a snapshot is a JSON document (is this YAML, CSV or another format?)")


@pytest.mark.parametrize(
    ("fmt", "hint"),
    [("csv", "(choose from html, json, junit, markdown, sarif, text)"), ("JSON", "(did you mean 'json'?)")],
)
def test_an_unknown_format_lists_the_formats_or_suggests_one(cli, write_snapshot, fmt, hint):
    assert_input_error(cli("run", str(write_snapshot()), "-f", fmt), f"unknown format {fmt!r} {hint}")


def test_two_reports_to_one_file_are_refused(cli, write_snapshot, tmp_path):
    out = tmp_path / "audit.out"
    result = cli("run", str(write_snapshot()), "--report", f"json={out}", "--report", f"sarif={tmp_path}/./audit.out")
    assert_input_error(result, "is the file --report", "give each report its own file")
    assert not out.exists()
