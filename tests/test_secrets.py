"""No secret leaves, in any format, whatever the password looks like; and no report is broken by hiding it."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest

from smm_audit import plugins
from smm_audit.api import excerpt
from smm_audit.redact import MASK, Redactor, cut, mask_url_credentials
from smm_audit.services import active
from smm_audit.testing import make_snapshot

FORMATS = sorted(plugins.load(entry_points=False).formats)

QUOTER = """
from smm_audit.api import Check, Finding, Result, excerpt, hookimpl

def audit(snapshot, options):
    text = snapshot.extensions["said"]
    finding = Finding("they said: " + excerpt(text, 40), "/extensions/said", ("said",), "high")
    return Result("fail", 0.0, [finding])

@hookimpl
def register_checks(register):
    register(Check(id="quoter", title="Quotes", category="privacy", run=audit, summary="s", why="w", fix="f"))
"""


def snapshot_with(password: str, said: str = "") -> dict:
    return make_snapshot(
        client={"name": f"Client {password} end"},
        accounts=[{"id": "vk", "platform": "vk", "name": password, "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": password}}],
        extensions={"said": said or f"my password is {password}, do not tell"},
    )


@pytest.fixture
def quoter(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "quoter_plugin.py").write_text(textwrap.dedent(QUOTER), encoding="utf-8")
    return "quoter_plugin"


@pytest.mark.parametrize("password", ["null", "true", "pass", "high", "2026", "    ", '": "', "@dmin2024pass"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_common_passwords_neither_leak_nor_break_the_report(cli, write_snapshot, quoter, password, fmt):
    path = write_snapshot(snapshot_with(password))
    result = cli("run", str(path), "-p", quoter, "-f", fmt)
    assert result.exit_code == 1, result.output
    if fmt in ("json", "sarif"):
        data = json.loads(result.stdout)  # still valid JSON
        if fmt == "json":
            report_schema = json.loads(cli("schema", "report").stdout)
            jsonschema.Draft202012Validator(report_schema).validate(data)
            assert data["gate"]["passed"] is False
    if password.strip() and len(password) >= 4:
        said = f"my password is {password}"
        assert said not in result.stdout
        assert f"Client {password} end" not in result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_secrets_that_formats_would_rewrite_are_hidden_first(cli, write_snapshot, quoter, fmt):
    for password in ("tab\there-secret", "ctl\u0001secret-x", "two  spaces-secret", "@mention-secret"):
        path = write_snapshot(snapshot_with(password))
        result = cli("run", str(path), "-p", quoter, "-f", fmt)
        core = password.split("secret")[0].strip("@\t\u0001 ")
        assert f"Client {core}" not in result.stdout, (password, fmt)
        assert "secret" not in result.stdout.replace("secrets", ""), (password, fmt)


def test_a_cut_quote_never_leaves_half_a_password(cli, write_snapshot, quoter):
    password = "Zerno#Adm1n-2026!q"
    said = f"Верните деньги! https://paste.example/raw/8f3k?user=admin&pw={password} позор"
    path = write_snapshot(snapshot_with(password, said))
    for fmt in FORMATS:
        out = cli("run", str(path), "-p", quoter, "-f", fmt).stdout
        assert "Zerno#Adm" not in out and "Adm1n" not in out, fmt


def test_excerpt_masks_the_audits_secrets_before_cutting():
    with active(None, Redactor(["Sup3rSecretPassw0rd"])):
        quoted = excerpt("password: Sup3rSecretPassw0rd and more words to make it long enough", 30)
    assert "Sup3r" not in quoted and quoted.startswith("password: [REDACTED]")
    assert excerpt("call +7 916 123-45-67 or a@b.ru") == "call [phone] or [email]"


def test_excerpt_is_linear_on_long_text():
    import time

    start = time.perf_counter()
    excerpt("a" * 200_000 + "@" + "b" * 200_000, 80)
    assert time.perf_counter() - start < 1.0  # was quadratic: minutes


def test_validate_output_and_input_errors_hide_the_password(cli, write_snapshot):
    secret = "Tr0ub4dor&3xSecret"
    data = snapshot_with(secret)
    data["credentials"][0]["last_changed_at"] = secret  # a shifted export column
    result = cli("validate", str(write_snapshot(data)))
    assert result.exit_code == 2
    assert secret not in result.output
    del data["credentials"][0]["last_changed_at"]
    result = cli("validate", str(write_snapshot(data)))
    assert result.exit_code == 0 and secret not in result.output


def test_baseline_file_hides_the_password(cli, write_snapshot, quoter, tmp_path):
    password = "1955-and-more"
    path = write_snapshot(snapshot_with(password))
    out = tmp_path / "b.json"
    cli("baseline", str(path), "-p", quoter, "-o", str(out))
    text = out.read_text("utf-8")
    json.loads(text)
    assert password not in text
    run = ("run", str(path), "-p", quoter, "--baseline", str(out), "--fail-on", "info", "--min-coverage", "0")
    assert cli(*run).exit_code == 0


@pytest.mark.parametrize("end", range(0, 30))
def test_a_cut_never_splits_the_mask(end):
    text = "abc " + MASK + " def " + MASK
    shown = cut(text, end)
    assert text.startswith(shown) and shown.count("[") == shown.count("]")


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("https://a.ru/sub?token=T0K&utm_source=vk", f"https://a.ru/sub?token={MASK}&utm_source=vk"),
        ("https://a.ru/?X-Amz-Signature=abc&utm_medium=x", f"https://a.ru/?X-Amz-Signature={MASK}&utm_medium=x"),
        ("https://a.ru/?Access_Token=abc;sid=q", f"https://a.ru/?Access_Token={MASK};sid={MASK}"),
        ("https://u:p@a.ru/x", f"https://{MASK}@a.ru/x"),
        ("see https://a.ru/#access_token=zz now", f"see https://a.ru/#access_token={MASK} now"),
        ("https://a.ru/?tokenizer=on&keyword=coffee&token=", "https://a.ru/?tokenizer=on&keyword=coffee&token="),
        ("mail me at a@b.ru, or //c.ru", "mail me at a@b.ru, or //c.ru"),
    ],
)
def test_url_credentials_are_masked_by_name_and_nothing_else(url, masked):
    assert mask_url_credentials(url) == masked


def test_overlapping_secrets_are_both_masked_whole():
    assert Redactor(["xxabc", "abcdefgh12"])("-xxabcdefgh12-") == f"-{MASK}-"


# --------------------------------------------------------------------------- issue 9, items 1-3 verbatim

ISSUE_PASSWORD = "Secret-Passw0rd-LEAKMARK-123"


def _fragments_of(secret: str) -> list[str]:
    return [secret[i : i + 8] for i in range(len(secret) - 7)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_password_across_the_excerpt_window_is_not_half_shown(cli, write_snapshot, fmt):
    comment = {
        "id": "c1",
        "post_id": "p1",
        "author_id": "u1",
        "from_account": False,
        "created_at": "2026-10-20T12:00:00+03:00",
        "text": "Where is my order? " + " " * 485 + ISSUE_PASSWORD,
        "sentiment": "negative",
        "deleted": True,
        "deleted_at": "2026-10-20T13:00:00+03:00",
        "deleted_by": "account",
        "deletion_reason": "other",
    }
    account = {
        "id": "vk",
        "platform": "vk",
        "posts": [{"id": "p1", "published_at": "2026-10-19T12:00:00+03:00", "text": "New beans"}],
        "comments": [comment],
    }
    data = make_snapshot(
        accounts=[account], credentials=[{"account_id": "vk", "password": {"plaintext": ISSUE_PASSWORD}}]
    )
    out = cli("run", str(write_snapshot(data)), "-f", fmt).stdout
    joined = " ".join(out.split())  # the text report wraps its lines
    assert "Where is my order?" in joined
    assert not [run for run in _fragments_of(ISSUE_PASSWORD) if run in out or run in joined]


@pytest.mark.parametrize("command", ["run", "validate", "baseline"])
def test_a_long_password_in_a_wrong_field_is_not_quoted_in_part(cli, write_snapshot, tmp_path, command):
    password = "Correct-Horse-Battery-Staple-LEAKMARK-42-and-more"
    data = make_snapshot(
        accounts=[{"id": "vk", "platform": "vk"}],
        team=[{"id": "tm-1", "name": "Anna", "status": password}],
        credentials=[{"account_id": "vk", "holders": ["tm-1"], "password": {"plaintext": password}}],
    )
    args = ["-o", str(tmp_path / "b.json")] if command == "baseline" else []
    result = cli(command, str(write_snapshot(data)), *args)
    assert result.exit_code == 2 and "/team/0/status" in result.stderr
    assert not [run for run in _fragments_of(password) if run in result.output]
    data["team"][0]["status"] = "active"
    data["credentials"][0]["holders"] = [password]
    result = cli(command, str(write_snapshot(data)), *args)
    assert result.exit_code == 2 and "refers to team member '[REDACTED]'" in result.stderr
    assert not [run for run in _fragments_of(password) if run in result.output]


@pytest.mark.parametrize("fmt", FORMATS)
def test_tokens_in_links_are_masked_and_the_utm_tags_still_judged(cli, write_snapshot, fmt):
    link = "https://zerno-coffee.ru/sub?token={}&utm_source=vk"
    account = {
        "id": "vk",
        "platform": "vk",
        "profile": {"website": link.format("WEBSITEtokenLEAK1")},
        "posts": [{"id": "p1", "published_at": "2026-10-19T12:00:00+03:00", "links": [link.format("POSTtokenLEAK2")]}],
        "ads": [{"id": "a1", "links": [link.format("ADtokenLEAK3")]}],
    }
    data = make_snapshot(client={"name": "Zerno", "domains": ["zerno-coffee.ru"]}, accounts=[account])
    out = cli("run", str(write_snapshot(data)), "-f", fmt, "--select", "missing-utm", "--fail-on", "never").stdout
    for token in ("WEBSITEtokenLEAK1", "POSTtokenLEAK2", "ADtokenLEAK3"):
        assert token[:8] not in out and token[-8:] not in out, fmt
    if fmt == "json":
        report = json.loads(out)
        (check,) = report["checks"]
        messages = [f["message"] for f in check["findings"]]
        assert len(messages) == 3 and all("?token=[REDACTED]&utm_source=vk" in m for m in messages), messages
        assert all("utm_medium" in m and "utm_campaign" in m and "no UTM tags" not in m for m in messages), messages
