"""Pointers to lines: exact on pretty and minified text, harmless on what is not there."""

from __future__ import annotations

import json

from smm_audit import locate

DATA = {
    "accounts": [
        {"id": "a", "posts": [{"id": "p0"}, {"id": "p1", "text": "x/y ~ z"}], "a/b": {"c~d": 1}},
        {"id": "b", "followers": [{"id": str(i)} for i in range(50)], "posts": []},
    ],
    "team": [],
}


def test_lines_of_pretty_json():
    text = json.dumps(DATA, indent=2)
    wanted = ["/accounts/0/posts/1", "/accounts/1", "/accounts/0/a~1b/c~0d", "/team", "/accounts/1/followers/49"]
    found = locate.lines(text, wanted)
    lines = text.splitlines()
    assert all(line >= 1 for line in found.values())
    assert lines[found["/accounts/0/posts/1"] - 1].strip() == "{"
    assert '"id": "p1"' in lines[found["/accounts/0/posts/1"]]
    assert '"c~d": 1' in lines[found["/accounts/0/a~1b/c~0d"] - 1]
    assert '"team": []' in lines[found["/team"] - 1]
    assert '"id": "49"' in lines[found["/accounts/1/followers/49"]]
    assert set(found) == set(wanted)


def test_missing_pointers_are_left_out():
    text = json.dumps(DATA, indent=1)
    assert locate.lines(text, ["/accounts/1/posts", "/accounts/7", "/nope/0"]) == {"/accounts/1/posts": 172}
    assert locate.lines(text, []) == {}
    assert locate.lines(text, [""]) == {"": 1}


def test_a_file_on_one_line_is_all_line_one_without_a_walk():
    text = json.dumps(DATA)
    assert locate.lines(text, ["/accounts/1/posts", "/anything"]) == {"/accounts/1/posts": 1, "/anything": 1}
