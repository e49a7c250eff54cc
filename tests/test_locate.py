"""Pointers to lines: exact on pretty and minified text, harmless on what is not there."""

from __future__ import annotations

import json

import pytest

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


def test_nothing_after_the_last_pointer_is_read(monkeypatch):
    data = {"accounts": [{"id": "a", "posts": [{"id": "p0"}], "comments": [{"id": str(i)} for i in range(1_000)]}]}
    text = json.dumps(data, indent=2)
    skipped = []

    class Recording(json.JSONDecoder):
        def raw_decode(self, s, idx=0):
            value, end = super().raw_decode(s, idx)
            skipped.append(end - idx)
            return value, end

    monkeypatch.setattr(locate, "_decoder", Recording())
    found = locate.lines(text, ["/accounts/0/posts/0"])
    assert '"id": "p0"' in text.splitlines()[found["/accounts/0/posts/0"]]
    assert max(skipped, default=0) < 100  # the comments after it were not decoded to be skipped


class _NoCopy(str):
    def rstrip(self, chars=None):
        raise AssertionError("the whole text was copied to strip its end")


def test_the_text_is_not_copied_to_tell_whether_it_is_on_one_line():
    one_line = json.dumps(DATA) + "\n \u3000\n"
    assert locate.lines(_NoCopy(one_line), ["/accounts/1/posts"]) == {"/accounts/1/posts": 1}
    pretty = json.dumps(DATA, indent=1) + "\n\n"
    assert locate.lines(_NoCopy(pretty), ["/accounts/1/posts"]) == {"/accounts/1/posts": 172}


CYRILLIC = {**DATA, "client": {"name": "Кофейня «Зерно»", "notes": ["ё" * 40, "ж/з ~ и"]}}
POINTERS = ["/accounts/0/posts/1", "/accounts/1/followers/49", "/client/notes/1", "/team", "/accounts/7", "/nope"]


@pytest.mark.parametrize("first_part", [16, 61, 200, 1 << 20])
@pytest.mark.parametrize("indent", [1, 2])
def test_lines_of_bytes_are_the_lines_of_the_whole_text(monkeypatch, first_part, indent):
    monkeypatch.setattr(locate, "_FIRST_PART", first_part)  # parts cut inside keys, numbers and letters
    text = json.dumps(CYRILLIC, indent=indent, ensure_ascii=False)
    for count in range(1, len(POINTERS) + 1):
        wanted = POINTERS[:count]
        assert locate.lines_of_bytes(text.encode(), wanted) == locate.lines(text, wanted)
    assert locate.lines_of_bytes(text.encode(), []) == {}


def test_lines_of_bytes_decode_only_the_part_the_pointers_need(monkeypatch):
    monkeypatch.setattr(locate, "_FIRST_PART", 256)
    account = {"id": "a", "followers": [{"id": "1"}], "posts": [{"id": str(i)} for i in range(40)]}
    data = {"accounts": [account], "tail": ["TAIL" * 10] * 100}
    body = json.dumps(data, indent=2).encode().replace(b"TAIL", b"\xff\xfe\xfd\xfc")  # not UTF-8, far after
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert locate.lines_of_bytes(body, ["/accounts/0/followers", "/accounts/0"]) == {
        "/accounts/0": 3,
        "/accounts/0/followers": 5,
    }


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_lines_of_bytes_with_a_part_cut_in_the_white_space_before_a_value(monkeypatch, newline):
    """A part that ends between a comma (or colon) and a line break is not where the value starts."""
    data = {"a": [{"id": str(i), "n": "ё" * i} for i in range(4)], "b": {"c": [1, 2, 3]}}
    text = json.dumps(data, indent=2, ensure_ascii=False).replace(": [", ":\n  [").replace("\n", newline)
    body = text.encode()
    for wanted in (["/a/2"], ["/b/c"], ["/b/c/1"], ["/a/3/n"], ["/a/1", "/b/c/2"]):
        expected = locate.lines(text, wanted)
        assert len(expected) == len(wanted)
        for size in range(1, len(body)):
            monkeypatch.setattr(locate, "_FIRST_PART", size)
            assert locate.lines_of_bytes(body, wanted) == expected, (wanted, size)
