"""Pointers to lines: exact on pretty and minified text, harmless on what is not there."""

from __future__ import annotations

import contextlib
import json

import pytest

from smm_audit import locate

WALKS = ["c", "python"]


@pytest.fixture(params=WALKS)
def walk(request, monkeypatch):
    """Each test of :func:`locate.lines_of_bytes` runs on the C descent over bytes and on the Python one."""
    if request.param == "python":
        monkeypatch.setattr(locate, "_native", None)
    else:
        _use_the_c_descent(monkeypatch)
    return request.param


def _use_the_c_descent(monkeypatch) -> None:
    """The C descent, even under ``SMM_AUDIT_PURE_PYTHON=1``; skipped where it was not built."""
    if locate._native is None:
        pytest.skip("built without a C compiler")
    monkeypatch.delenv("SMM_AUDIT_PURE_PYTHON", raising=False)


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
def test_lines_of_bytes_are_the_lines_of_the_whole_text(monkeypatch, walk, first_part, indent):
    monkeypatch.setattr(locate, "_FIRST_PART", first_part)  # parts cut inside keys, numbers and letters
    text = json.dumps(CYRILLIC, indent=indent, ensure_ascii=False)
    for count in range(1, len(POINTERS) + 1):
        wanted = POINTERS[:count]
        assert locate.lines_of_bytes(text.encode(), wanted) == locate.lines(text, wanted)
    assert locate.lines_of_bytes(text.encode(), []) == {}


def test_lines_of_bytes_decode_only_the_part_the_pointers_need(monkeypatch, walk):
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
def test_lines_of_bytes_with_a_part_cut_in_the_white_space_before_a_value(monkeypatch, walk, newline):
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


def test_the_c_descent_reads_no_byte_past_the_end_of_what_is_not_json(monkeypatch):
    """Cut anywhere, the text gives lines the Python walk gives (which reads on where a colon is missing, and
    the C descent does not); broken, it gives no crash."""
    _use_the_c_descent(monkeypatch)
    text = json.dumps(CYRILLIC, indent=2, ensure_ascii=False).replace('"id": "p1"', '"i\\u0064": "p\\"1"')
    body = text.encode()
    wanted = set(POINTERS) | {"/accounts/0/posts/1/id", "/client/name", ""}
    assert "/accounts/0/posts/1/id" in locate.lines_of_bytes(body, wanted)  # an escaped key decoded as parsed
    native = locate._native
    for end in range(len(body)):
        for broken in (body[:end] + bytes([byte]) + body[end + 1 :] for byte in b'"\\{[]},:'):
            locate.lines_of_bytes(broken, wanted)  # the Python walk is lenient here (it reads \\key" as a key)
        for cut in (body[:end], body[:end] + b"}" * 3):
            got = locate.lines_of_bytes(cut, wanted)
            monkeypatch.setattr(locate, "_native", None)
            with contextlib.suppress(UnicodeDecodeError):  # the Python walk decodes: a character cut in two
                assert got.items() <= locate.lines_of_bytes(cut, wanted).items(), end
            monkeypatch.setattr(locate, "_native", native)


def test_the_c_descent_refuses_a_key_decoder_that_gives_no_string():
    if locate._native is None:
        pytest.skip("built without a C compiler")
    with pytest.raises(TypeError, match="str key"):
        locate._native.offsets(b'{"a\\u0041": 1}', {"/aA"}, {""}, locate.pointer.escape, lambda text, end: (1, 2))


def test_the_c_descent_stops_at_the_recursion_limit_as_the_python_walk_does(monkeypatch):
    """Only the containers on the way to a pointer are entered, but a pointer can be as deep as the text."""
    _use_the_c_descent(monkeypatch)
    depth = 5_000
    body = ("[" * depth + "]" * depth).replace("[]", "[\n]").encode()
    with pytest.raises(RecursionError):
        locate.lines_of_bytes(body, ["/0" * (depth - 1)])
