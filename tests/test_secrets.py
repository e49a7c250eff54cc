"""No secret leaves, in any format, whatever the password looks like; and no report is broken by hiding it."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest

from smm_audit import plugins
from smm_audit.api import excerpt
from smm_audit.redact import Redactor
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
    assert cli("run", str(path), "-p", quoter, "--baseline", str(out), "--fail-on", "info").exit_code == 0
