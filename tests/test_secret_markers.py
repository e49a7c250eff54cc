"""No secret, nor any 8-character run of one, reaches stdout, stderr or any report, of any format.

Distinct marker secrets are planted everywhere the snapshot schema lets text
stand: plaintext passwords of 4, 12, 40 and 600 characters (also pasted into
free text, names and wrongly typed fields), credentials in the query, fragment
and user info of links (ads, posts, post text, profile website and
description), and free text that puts a password across every cut of an
excerpt. Then ``run`` (every registered format on stdout and with ``--report``),
``baseline`` and ``validate`` are made to quote them, and every output is
searched for every 8-character window of every marker.
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path
from typing import Any

import pytest

from smm_audit import plugins
from smm_audit.api import excerpt
from smm_audit.redact import MASK, Redactor
from smm_audit.services import active
from smm_audit.testing import TAKEN_AT, ago, make_snapshot

FORMATS = sorted(plugins.load().formats)
"""Every registered format, installed plugins' included: a new format is covered without a change here."""

WINDOW = 8
EXCERPT = 80
"""The default ``excerpt_chars`` of deleted-negative-comments and response-time."""
RAW_WINDOW = EXCERPT * 4 + 200
"""The raw characters :func:`excerpt` reads before it collapses spaces (see smm_audit/text.py)."""

_rng = random.Random(9)
_LETTERS = "GHJKLMNPQRSTUVWXYZghjkmnpqrstuvwxyz"  # no hex digits: never confused with a fingerprint


def _marker(tag: str, length: int) -> str:
    """A distinct secret: a tag, then random letters no report text would contain by chance."""
    return (tag + "".join(_rng.choice(_LETTERS) for _ in range(length)))[:length]


PW4 = "Kq9Z"
PW12 = _marker("PWtwelveX", 12)
PW40 = _marker("PWfortyX", 40)
PW600 = _marker("PWsixhundredX", 600)
PASSWORDS = [PW4, PW12, PW40, PW600]
CUT = _marker("PWcutMARK", 28)
"""The password of issue 9 item 1: it stands across the cut of excerpts."""
URL_PARAMS = ["token", "access_token", "refresh_token", "API_KEY", "apikey", "Signature", "sig", "password", "pwd"]
URL_PARAMS += ["auth", "session", "sessionid", "sid", "key", "X-Amz-Signature", "client_secret", "secret"]
TOKENS = {name: _marker("TK" + re.sub(r"\W", "", name)[:6] + "X", 24) for name in URL_PARAMS}
USER = _marker("USRmarkX", 16)
USERPASS = _marker("UPWmarkX", 20)
FRAGMENT = _marker("FRGmarkX", 24)
MARKERS = [*PASSWORDS, CUT, *TOKENS.values(), USER, USERPASS, FRAGMENT]
"""Every secret planted. URL markers are not passwords: only their place in a URL marks them as secrets."""

SITE = "https://zerno-coffee.ru"


def _link(name: str, utm: str = "") -> str:
    return f"{SITE}/sub?{name}={TOKENS[name]}{utm}"


def _fragments() -> set[str]:
    grams = {m for m in MARKERS if len(m) < WINDOW}
    for marker in MARKERS:
        grams.update(marker[i : i + WINDOW] for i in range(len(marker) - WINDOW + 1))
    return grams


FRAGMENTS = _fragments()


def leaks(text: str) -> list[str]:
    """The markers, and 8-character runs of markers, found in ``text``."""
    found = {text[i : i + WINDOW] for i in range(len(text) - WINDOW + 1)} & FRAGMENTS
    found.update(m for m in MARKERS if len(m) < WINDOW and m in text)
    return sorted(found)


def _comment(i: int, text: str, **fields: Any) -> dict[str, Any]:
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


def straddling_texts() -> list[str]:
    """Free texts that put a password across each cut of an excerpt: the raw window, then the shown limit."""
    head = "Where is my order? "
    texts = []
    for start in range(RAW_WINDOW - len(CUT) - 2, RAW_WINDOW + 3, 3):  # across the raw window
        texts.append(head + " " * (start - len(head)) + CUT + " ok")
    for start in range(EXCERPT - len(CUT) - 2, EXCERPT + 3, 3):  # across the shown limit
        texts.append((head * 5)[:start] + CUT + " and more words after it")
    texts.append(head + " " * 485 + PW40)  # issue 9 item 1, verbatim
    texts.append(f"{head}{PW600} {PW12} {PW4}")
    return texts


def full_snapshot() -> dict[str, Any]:
    """A valid snapshot with a marker in every place the schema has room for text or a link."""
    comments = [
        _comment(i, text, deleted=True, deleted_at=ago(days=2), deleted_by="tm-1", deletion_reason="other")
        for i, text in enumerate(straddling_texts())
    ]
    comments += [_comment(100 + i, text) for i, text in enumerate(straddling_texts())]  # unanswered: response-time
    post_links = [_link(name) for name in URL_PARAMS[:8]]
    post_links.append(f"https://{USER}:{USERPASS}@zerno-coffee.ru/shop?utm_source=vk")
    post_links.append(f"{SITE}/app#access_token={FRAGMENT}")
    text_links = " ".join(_link(name, "&utm_source=vk") for name in URL_PARAMS[8:12])
    ad_links = [_link(name, "&utm_source=telegram") for name in URL_PARAMS[12:]]
    account = {
        "id": "vk-main",
        "platform": "vk",
        "name": f"Zerno {PW12}",
        "handle": "zerno",
        "url": "https://vk.com/zerno",
        "created_at": ago(days=900),
        "profile": {
            "description": f"Coffee. {_link('API_KEY')} {PW40}",
            "website": _link("token", "&utm_source=vk"),
            "contacts": [PW12],
        },
        "followers": [{"id": "u1", "username": PW40, "joined_at": ago(days=10)}],
        "posts": [
            {"id": "p1", "published_at": ago(days=5), "text": f"Sale! {text_links} {PW600}", "links": post_links},
        ],
        "comments": comments,
        "ads": [{"id": "ad1", "name": f"Ad {PW4}", "links": ad_links, "started_at": ago(days=20)}],
    }
    return make_snapshot(
        client={"name": f"Zerno {PW4}", "domains": ["zerno-coffee.ru"]},
        accounts=[account],
        team=[{"id": "tm-1", "name": f"Anna {PW12}", "role": "smm", "account_ids": ["vk-main"]}],
        credentials=[
            {"account_id": "vk-main", "login": PW40, "holders": ["tm-1"], "password": {"plaintext": pw}}
            for pw in [*PASSWORDS, CUT]
        ],
    )


def schema_invalid() -> dict[str, Any]:
    """Wrong fields that quote their values: an enum (type), a pattern, a date-time format, an unknown field."""
    data = full_snapshot()
    account = data["accounts"][0]
    data["team"][0]["status"] = PW40  # issue 9 item 2, verbatim
    data["team"][0]["role"] = 12
    account["kind"] = PW600
    account["followers"][0]["country"] = PW12
    account["followers"][0]["status"] = f"{PW4} is active"
    account["comments"][0]["lang"] = CUT
    account["comments"][1]["created_at"] = PW40
    account["posts"][0]["published_at"] = f"{PW600} 2026"
    account["posts"][0]["category"] = _link("token")
    account["ads"][0]["started_at"] = _link("session")
    account["posts"][0][PW40] = 1  # a password pasted as a key
    data["credentials"][0]["last_changed_at"] = PW600
    data["credentials"][1]["recovery_email"] = PW12
    return data


def references_invalid() -> dict[str, Any]:
    """Valid against the schema, but with references to things that are not there, named by secrets."""
    data = full_snapshot()
    account = data["accounts"][0]
    data["credentials"][0]["holders"] = [PW40, PW600, PW12, PW4]  # "refers to team member"
    data["credentials"][1]["account_id"] = PW600
    data["team"][0]["account_ids"] = [PW40]
    account["comments"][0]["post_id"] = PW600
    account["comments"][1]["reply_to"] = PW40
    account["ads"].append(copy.deepcopy(account["ads"][0]))
    account["ads"][0]["id"] = account["ads"][1]["id"] = PW40  # "duplicate id"
    return data


def _outputs(result: Any, files: list[Path]) -> dict[str, str]:
    texts = {"stdout": result.stdout, "stderr": result.stderr}
    texts.update({path.name: path.read_text("utf-8") for path in files if path.exists()})
    return texts


def _assert_no_leak(outputs: dict[str, str]) -> None:
    found = {name: leaks(text) for name, text in outputs.items()}
    assert not any(found.values()), {name: runs[:5] for name, runs in found.items() if runs}


def test_the_markers_are_distinct_and_would_be_found():
    assert len(set(MARKERS)) == len(MARKERS) and [len(p) for p in PASSWORDS] == [4, 12, 40, 600]
    assert leaks(f"x {PW600[300:308]} y") and leaks(PW4) and not leaks(MASK + TAKEN_AT)


@pytest.mark.parametrize("fmt", FORMATS)
def test_run_stdout_of_every_format_hides_every_marker(cli, write_snapshot, fmt):
    result = cli("run", str(write_snapshot(full_snapshot())), "-f", fmt, "--color", "never")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.strip()
    _assert_no_leak(_outputs(result, []))


def test_every_written_report_and_the_baseline_hide_every_marker(cli, write_snapshot, tmp_path):
    path = write_snapshot(full_snapshot())
    files = [tmp_path / f"report-{fmt}.out" for fmt in FORMATS]
    reports = [arg for fmt, file in zip(FORMATS, files, strict=True) for arg in ("--report", f"{fmt}={file}")]
    result = cli("run", str(path), "-f", "text", *reports)
    assert result.exit_code in (0, 1), result.stderr
    assert all(file.stat().st_size for file in files)
    baseline = tmp_path / "baseline.json"
    saved = cli("baseline", str(path), "-o", str(baseline))
    assert saved.exit_code == 0, saved.stderr
    _assert_no_leak({**_outputs(result, files), **_outputs(saved, [baseline])})


def test_the_reports_quote_what_they_mask(cli, write_snapshot):
    """The masking is not vacuous: the findings that would quote the markers are there, masked."""
    out = cli("run", str(write_snapshot(full_snapshot())), "-f", "json").stdout
    assert "Where is my order? [REDACTED]" in out  # deleted-negative-comments and response-time excerpts
    assert f"{SITE}/sub?token={MASK}" in out and f"https://{MASK}@zerno-coffee.ru/shop" in out  # missing-utm
    assert f"#access_token={MASK}" in out


@pytest.mark.parametrize("snapshot", [schema_invalid, references_invalid])
@pytest.mark.parametrize("command", ["run", "validate", "baseline"])
def test_errors_that_quote_values_hide_every_marker(cli, write_snapshot, tmp_path, snapshot, command):
    path = write_snapshot(snapshot())
    args = {"run": ["-f", "json"], "validate": [], "baseline": ["-o", str(tmp_path / "b.json")]}[command]
    result = cli(command, str(path), *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("error:") >= (10 if snapshot is schema_invalid else 8), result.stderr
    assert "(got '" in result.stderr or "refers to team member '" in result.stderr
    _assert_no_leak(_outputs(result, [tmp_path / "b.json"]))


@pytest.mark.parametrize("offset", range(-len(CUT) - 1, 3))
@pytest.mark.parametrize("limit", [20, EXCERPT, 200])
def test_excerpt_hides_a_password_at_every_cut(offset, limit):
    """The password starts ``offset`` characters from a cut: the raw window, or the shown limit."""
    redact = Redactor([CUT])
    raw_window = limit * 4 + 200
    texts = [
        "Where is my order? " + " " * (raw_window + offset - 19) + CUT + " ok",
        ("Where is my order? " * 20)[: limit + offset] + CUT + " more words",
        ("x" * (limit + offset)) + CUT,
        f"{SITE}/?a=1".ljust(raw_window + offset, "&") + f"token={CUT}",
    ]
    with active(None, redact):
        quoted = [excerpt(text, limit) for text in texts]
    for text in quoted:
        assert len(text) <= limit and not leaks(text), (text, offset)
        assert "[R" not in text.replace(MASK, ""), text  # no half mask either
