"""Where text was cut, a recognisable part of a secret is masked too: a prefix that ends a text (or stands
before "…"), a suffix that begins one (or follows "…").

A cut made before the redactor sees the text (a URL that stops at a quote, an exporter's shortened comment,
a plugin's ``text[:40]``) leaves a part of a password that no exact match finds.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from smm_audit import plugins
from smm_audit.redact import MASK, PART_FLOOR, Redactor, part_length
from smm_audit.testing import ago, make_snapshot

FORMATS = sorted(plugins.load(entry_points=False).formats)
QUOTED = 'Hunter2-"xQ9zLongTail'
"""Holds a character that ends a URL: the link in a post stops inside the password."""
TRAILING = "Zerno2024!"
"""Ends in punctuation that missing-utm trims off a URL: the link keeps all of it but the "!"."""


def test_every_format_is_covered():
    assert {"json", "junit", "sarif", "markdown", "text", "html"} <= set(FORMATS)


def runs(secret: str) -> list[str]:
    """Every run of ``secret`` as long as a recognisable part of it."""
    n = part_length(secret)
    return [secret[i : i + n] for i in range(len(secret) - n + 1)]


def leaked(secret: str, out: str) -> list[str]:
    joined = " ".join(out.split())  # the text report wraps its lines
    return [run for run in runs(secret) if run in out or run in joined]


def _credentials(*passwords: str) -> list[dict]:
    return [{"account_id": "vk", "password": {"plaintext": p}} for p in passwords]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_link_cut_inside_a_password_does_not_show_its_start(cli, write_snapshot, fmt):
    posts = [
        {"id": "p1", "published_at": ago(days=3), "text": f"Sale! https://shop.example/?q={QUOTED} now"},
        {"id": "p2", "published_at": ago(days=2), "text": f"Beans: https://shop.example/beans?q={TRAILING} today"},
    ]
    data = make_snapshot(
        client={"name": "Shop", "domains": ["shop.example"]},
        accounts=[{"id": "vk", "platform": "vk", "posts": posts}],
        credentials=_credentials(QUOTED, TRAILING),
    )
    out = cli("run", str(write_snapshot(data)), "-f", fmt).stdout
    assert "shop.example" in out
    assert not leaked(QUOTED, out) and not leaked(TRAILING, out), fmt
    if fmt == "json":
        (check,) = [c for c in json.loads(out)["checks"] if c["id"] == "missing-utm"]
        urls = sorted(f["evidence"]["url"] for f in check["findings"])
        assert urls == [f"https://shop.example/?q={MASK}", f"https://shop.example/beans?q={MASK}"]


def _comment(i: int, text: str, **fields) -> dict:
    return {
        "id": f"c{i}",
        "post_id": "p1",
        "author_id": f"u{i}",
        "from_account": False,
        "created_at": ago(days=3),
        "text": text,
        "sentiment": "negative",
        **fields,
    }


SECRET = "Zerno#Adm1n-2026!queue-LEAK"
CUT_TEXTS = [
    f"Верните деньги! Админ выложил пароль {SECRET[:15]}…",  # the exporter shortened the comment
    f"Where is my order? The admin posted {SECRET[:12]}",  # ... or just cut it
    f"{SECRET[9:]} was the rest of it, shame on you",  # the other half, in the next piece
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_comment_excerpts_of_text_cut_inside_a_password_do_not_show_its_part(cli, write_snapshot, fmt):
    deleted = {"deleted": True, "deleted_at": ago(days=2), "deleted_by": "account", "deletion_reason": "other"}
    comments = [_comment(i, text, **deleted) for i, text in enumerate(CUT_TEXTS)]
    comments += [_comment(10 + i, text) for i, text in enumerate(CUT_TEXTS)]  # unanswered: response-time
    account = {
        "id": "vk",
        "platform": "vk",
        "posts": [{"id": "p1", "published_at": ago(days=4), "text": "New beans"}],
        "comments": comments,
    }
    data = make_snapshot(accounts=[account], credentials=_credentials(SECRET))
    select = ("--select", "deleted-negative-comments", "--select", "response-time")
    out = cli("run", str(write_snapshot(data)), "-f", fmt, *select, "--fail-on", "never").stdout
    joined = " ".join(out.split())
    assert "Верните деньги!" in joined and "Where is my order?" in joined
    assert not leaked(SECRET, out), fmt
    if fmt == "json":
        report = json.loads(out)
        for check in report["checks"]:
            excerpts = [f["evidence"].get("excerpt") for f in check["findings"]]
            quoted = [e for e in excerpts if e]
            assert len(quoted) >= 3 and all(MASK in e for e in quoted), (check["id"], excerpts)


NAIVE = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    text = snapshot.extensions["said"]
    findings = [Finding("they said: " + text[:34], "/extensions/said", ("said",), "high"),
                Finding(text[:34] + "... and " + text[-20:], "/extensions/said", ("both",), "high")]
    return Result("fail", 0.0, findings)

@hookimpl
def register_checks(register):
    register(Check(id="naive", title="Quotes", category="privacy", run=audit, summary="s", why="w", fix="f"))
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plugins_own_cut_is_masked_by_the_engine(cli, write_snapshot, tmp_path, monkeypatch, fmt):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "naive_plugin.py").write_text(textwrap.dedent(NAIVE), encoding="utf-8")
    said = f"my password is {SECRET}, do not tell"  # [:34] ends inside it, [-20:] starts inside it
    data = make_snapshot(
        accounts=[{"id": "vk", "platform": "vk"}], credentials=_credentials(SECRET), extensions={"said": said}
    )
    out = cli("run", str(write_snapshot(data)), "-p", "naive_plugin", "-f", fmt, "--select", "naive").stdout
    assert "my password is" in " ".join(out.split())
    assert not leaked(SECRET, out), fmt


# --------------------------------------------------------------------------- the rule, unit by unit


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://shop.example/?q=Hunter2-", f"https://shop.example/?q={MASK}"),  # a prefix ends the text
        ('see Hunter2-"xQ… and more', f"see {MASK}… and more"),  # ... or stands before a cut mark
        ('see Hunter2-"x... and more', f"see {MASK}... and more"),
        ("xQ9zLongTail, it said", f"{MASK}, it said"),  # a suffix begins the text
        ("one… LongTail, it said", "one… LongTail, it said"),  # a space after the mark: no cut inside a word
        ("…xQ9zLongT…", f"…{MASK}…"),  # a middle, cut at both ends
        ('2-"xQ9zLo', MASK),
        ("see Hunter2- and more", "see Hunter2- and more"),  # not at a cut: the exact text only
        ("Hunte", "Hunte"),  # shorter than a part of this secret (8 characters)
        ("ngTail", "ngTail"),
    ],
)
def test_parts_are_masked_only_where_text_was_cut(text, shown):
    assert Redactor(['Hunter2-"xQ9zLongTail'])(text) == shown


def test_a_suffix_after_a_cut_mark():
    assert Redactor(['Hunter2-"xQ9zLongTail'])("one…9zLongTail, it said") == f"one…{MASK}, it said"


def test_short_words_are_not_parts():
    redact = Redactor(["password123", "pass1", "Zerno2024!"])
    assert part_length("password123") == 6 and part_length("pass1") == PART_FLOOR == 5
    assert redact("you shall not pass") == "you shall not pass"  # 4 letters: never a part
    assert redact("the passw…") == "the passw…"  # 5 of 11: less than half
    assert redact("the passwo…") == f"the {MASK}…"
    assert redact("call Zern…") == "call Zern…" and redact("call Zerno…") == f"call {MASK}…"
    assert redact("call Zerno2") == f"call {MASK}"  # at the text's end, a part with a digit is a cut secret


def test_a_word_of_letters_at_a_texts_end_is_not_taken_for_a_cut_secret():
    """Masking "Zerno" in the client's name would hide the name and tell how the password begins."""
    redact = Redactor(["Zerno2024!", "Summer2024!"])
    assert redact("Kofeinya Zerno") == "Kofeinya Zerno"
    assert redact("We posted a lot in Summer") == "We posted a lot in Summer"
    assert redact("Summer") == "Summer"
    assert redact("Plans for Summer...") == f"Plans for {MASK}..."  # beside a cut mark: a cut secret
    assert redact("https://x.example/?q=Zerno2024") == f"https://x.example/?q={MASK}"


def test_parts_of_a_long_secret_count_from_8_characters():
    secret = "Correct-Horse-Battery-Staple-LEAKMARK-42"
    redact = Redactor([secret])
    assert part_length(secret) == 8
    assert redact("pw: " + secret[:8]) == f"pw: {MASK}" and redact("pw: " + secret[:7]) == "pw: " + secret[:7]


def test_text_without_secret_material_is_returned_as_it_is():
    redact = Redactor(['Hunter2-"xQ9zLongTail'])
    text = "vk vk: post p1 links to https://shop.example/ with no UTM tags…"
    assert redact(text) is text
    data = {"a": [text, "Hunter"], "b": {"c": "plain"}}
    assert redact.data(data) == data


def test_a_repetitive_secret_is_masked_by_its_longest_part():
    redact = Redactor(["ab" * 20])
    assert redact("x: " + "ab" * 7 + "a…") == f"x: {MASK}…"  # 15 of 40 characters: 8 always count
    assert redact("…" + "ba" * 5 + "b, then") == f"…{MASK}, then"  # a suffix: "b" then "ab" five times
    assert redact("…" + "ba" * 5 + ", then") == f"…{MASK}a, then"  # its longest suffix there ends before the "a"
    assert redact("ba" * 5 + "b, then") == "ba" * 5 + "b, then"  # letters at the text's start: words, not a cut
    assert redact("x: abab…") == "x: abab…"


def test_excerpt_and_scrubbed_mask_a_part_their_own_cut_ends():
    from smm_audit.api import excerpt, scrubbed
    from smm_audit.services import active

    text = "ab " + SECRET[:26] + " and more"  # a part of the password, not all of it: no exact match
    with active(None, Redactor([SECRET])):
        assert excerpt(text, 20) == f"ab {MASK}…"
        assert scrubbed(text, 20) == f"ab {MASK}…"
        assert excerpt(text, 80) == text  # not cut: a part in running text is not looked for
