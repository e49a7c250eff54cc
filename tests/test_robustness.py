"""Bad input and bad usage end in one clear line and exit 2 (or 3), never a traceback, and never leak a secret.

Sources (redirects, URLs, headers, size limits), configuration values, the CLI's
streams and output files, plugins that exit, and SARIF file names.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from conftest import DEMO, HEALTHY
from smm_audit import plugins, sources
from smm_audit.errors import InputError, PluginError, UsageError
from smm_audit.formats.sarif_report import artifact_location
from smm_audit.sources import FetchOptions, fetch_url
from smm_audit.testing import make_snapshot

BODY = json.dumps(make_snapshot()).encode()
CLI = [sys.executable, "-c", "from smm_audit.cli import main; main()"]


def lines_of(exc: pytest.ExceptionInfo) -> str:
    return "\n".join(exc.value.lines())


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


# --------------------------------------------------------------------------- sources: redirects and headers


class Recorder:
    """A MockTransport handler that redirects as told and records the headers each host received."""

    def __init__(self, redirects: dict[str, str]) -> None:
        self.redirects = redirects
        self.seen: list[tuple[str, dict[str, str]]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((str(request.url), dict(request.headers)))
        target = self.redirects.get(str(request.url))
        if target is not None:
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, content=BODY)

    def fetch(self, url: str, **headers: str) -> bytes:
        options = FetchOptions(headers=headers, transport=httpx.MockTransport(self))
        return fetch_url(url, options)


SECRET_HEADERS = {"X-Api-Key": "key-s3cret", "Authorization": "Bearer tok-s3cret", "Cookie": "sid=c-s3cret"}


def test_user_headers_are_dropped_when_a_redirect_leaves_the_origin():
    recorder = Recorder(
        {
            "https://exports.test/a.json": "/b.json",  # same origin: headers kept
            "https://exports.test/b.json": "https://cdn.other.test/c.json",  # another host: all dropped
            "https://cdn.other.test/c.json": "https://exports.test/d.json",  # back home: still dropped
        }
    )
    assert recorder.fetch("https://exports.test/a.json", **SECRET_HEADERS) == BODY
    hosts = [(url, {k: v for k, v in seen.items() if "s3cret" in v}) for url, seen in recorder.seen]
    assert [url for url, _ in hosts] == [
        "https://exports.test/a.json",
        "https://exports.test/b.json",
        "https://cdn.other.test/c.json",
        "https://exports.test/d.json",
    ]
    assert len(hosts[0][1]) == len(hosts[1][1]) == 3
    assert hosts[2][1] == {} and hosts[3][1] == {}


@pytest.mark.parametrize(
    "target",
    ["http://exports.test/c.json", "https://exports.test:8443/c.json", "https://EVIL.test/c.json"],
    ids=["scheme", "port", "host"],
)
def test_a_change_of_scheme_port_or_host_drops_user_headers(target):
    recorder = Recorder({"https://exports.test/a.json": target})
    recorder.fetch("https://exports.test/a.json", **SECRET_HEADERS)
    (_, first), (_, second) = recorder.seen
    assert first["x-api-key"] == "key-s3cret"
    assert not any("s3cret" in value for value in second.values())


def test_relative_redirects_resolve_against_the_current_url():
    recorder = Recorder({"https://exports.test/dir/sub/a.json": "../b.json?x=1"})
    recorder.fetch("https://exports.test/dir/sub/a.json", **SECRET_HEADERS)
    assert recorder.seen[1][0] == "https://exports.test/dir/b.json?x=1"
    assert recorder.seen[1][1]["x-api-key"] == "key-s3cret"


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://exports.test/a.json", "javascript:alert(1)", "http://h:99999/", "http://[::1/x"],
)
def test_redirects_to_other_schemes_are_refused(location):
    recorder = Recorder({"https://exports.test/a.json": location})
    with pytest.raises(InputError) as caught:
        recorder.fetch("https://exports.test/a.json")
    message = lines_of(caught)
    assert "redirected to a URL that is not http(s); refused" in message or "redirected to an invalid URL" in message
    assert len(recorder.seen) == 1


def test_redirects_are_bounded():
    chain = {f"https://exports.test/{i}.json": f"/{i + 1}.json" for i in range(sources.MAX_REDIRECTS + 1)}
    with pytest.raises(InputError) as caught:
        Recorder(chain).fetch("https://exports.test/0.json")
    assert f"too many redirects (more than {sources.MAX_REDIRECTS})" in lines_of(caught)
    five = {f"https://exports.test/{i}.json": f"/{i + 1}.json" for i in range(sources.MAX_REDIRECTS)}
    assert Recorder(five).fetch("https://exports.test/0.json") == BODY


class _Origin(BaseHTTPRequestHandler):
    """The first server redirects to the second, which records what it was sent."""

    target = ""
    received: list[dict[str, str]] = []  # noqa: RUF012 (set per test)

    def do_GET(self):
        if self.target:
            self.send_response(302)
            self.send_header("Location", self.target)
            self.end_headers()
            return
        type(self).received.append(dict(self.headers))
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


def _serve(handler):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def test_cli_does_not_send_headers_to_the_server_it_is_redirected_to(cli):
    second_handler = type("Second", (_Origin,), {"target": "", "received": []})
    second = _serve(second_handler)
    first_handler = type(
        "First", (_Origin,), {"target": f"http://127.0.0.1:{second.server_address[1]}/x.json", "received": []}
    )
    first = _serve(first_handler)
    try:
        url = f"http://127.0.0.1:{first.server_address[1]}/x.json"
        result = cli("validate", url, "--header", "X-Api-Key: APIKEYSECRET", "--header", "Authorization: Bearer T")
        assert result.exit_code == 0, result.output
        (headers,) = second_handler.received
        assert "X-Api-Key" not in headers and "Authorization" not in headers
        assert "APIKEYSECRET" not in json.dumps(headers)
    finally:
        for httpd in (first, second):
            httpd.shutdown()
            httpd.server_close()


# --------------------------------------------------------------------------- sources: URLs


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:pw@exports.test:99999/a.json?token=t", "https://exports.test:99999"),
        ("http://user:pw@[::1/a.json", "http://[::1"),
        ("https://exports.test:port/a.json", "https://exports.test:port"),
        ("https://user:pa/ss-s3cret@exports.test/a.json", "https://exports.test"),
        ("HTTPS://user:pw@Exports.Test:8443/a.json?token=t", "https://exports.test:8443/a.json"),
        ("http://[::1]:8080/a.json", "http://[::1]:8080/a.json"),
    ],
)
def test_display_name_never_raises_and_drops_user_info(url, shown):
    assert sources.display_name(url) == shown


@pytest.mark.parametrize(
    "url", ["http://user:pw-s3cret@127.0.0.1:99999/a.json", "http://user:pw-s3cret@[::1/a.json", "https://h:x/a"]
)
def test_broken_urls_are_input_errors(cli, url):
    result = cli("validate", url)
    assert result.exit_code == 2
    assert "not a valid URL" in result.stderr
    assert "pw-s3cret" not in result.output
    no_traceback(result)


def test_the_scheme_is_case_insensitive():
    assert sources.is_url("HTTP://exports.test/a.json") and sources.is_url("Https://exports.test/a.json")
    assert Recorder({}).fetch("HTTPS://exports.test/client.json") == BODY


def test_non_ascii_header_value_is_a_usage_error_naming_its_position(cli):
    result = cli("validate", "http://127.0.0.1:9/a.json", "--header", "X-A: ok", "--header", "X-Key: пароль-секрет")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --header #2: the value must be printable ASCII")
    assert "пароль" not in result.output
    no_traceback(result)
    with pytest.raises(UsageError, match="--header #1"):
        fetch_url("https://exports.test/a", FetchOptions(headers={"X-Key": "a\r\nInjected: 1"}))


def test_reason_phrase_is_shown_without_control_characters():
    def handler(request):
        return httpx.Response(403, extensions={"reason_phrase": b"\x1b[31mNO\x1b[0m \x1b]0;pwned\x07"})

    with pytest.raises(InputError) as caught:
        fetch_url("https://exports.test/a.json", FetchOptions(transport=httpx.MockTransport(handler)))
    text = lines_of(caught)
    assert "HTTP 403" in text
    assert not any(ord(c) < 32 or ord(c) == 127 for c in text)


# --------------------------------------------------------------------------- sources: size limit of files


def test_local_files_obey_the_size_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000 + BODY)
    with pytest.raises(InputError) as caught:
        sources.read(str(path), FetchOptions(max_bytes=1000))
    assert "over the limit of 1000 bytes" in lines_of(caught)
    assert sources.read(str(path), FetchOptions(max_bytes=len(BODY) + 2000)) == b" " * 2000 + BODY


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_stops_at_the_limit(cli, monkeypatch):
    with pytest.raises(InputError, match="over the limit"):
        sources.read("/dev/zero", FetchOptions(max_bytes=4096))
    monkeypatch.setattr(sources, "DEFAULT_MAX_BYTES", 1 << 16)
    result = cli("validate", "/dev/zero")
    assert result.exit_code == 2
    assert "over the limit" in result.stderr


def test_standard_input_obeys_the_size_limit(cli, monkeypatch):
    monkeypatch.setattr(sources, "DEFAULT_MAX_BYTES", 100)
    result = cli("validate", "-", input=b" " * 500)
    assert result.exit_code == 2
    assert "<stdin>: the snapshot is over the limit of 100 bytes" in result.stderr


# --------------------------------------------------------------------------- configuration


def test_non_utf8_config_files_are_usage_errors(cli, tmp_path, monkeypatch):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'fail_on = "\xff\xfe"\n')
    result = cli("run", str(DEMO), "--config", str(bad))
    assert result.exit_code == 2
    assert f"{bad}: not UTF-8 text" in result.stderr
    no_traceback(result)
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.smm-audit]\nfail_on = "\xe9"\n')
    monkeypatch.chdir(tmp_path)
    result = cli("config")
    assert result.exit_code == 2
    assert "pyproject.toml: not UTF-8 text" in result.stderr


def test_expires_must_be_a_date_not_a_date_time(cli, tmp_path):
    conf = tmp_path / "c.toml"
    entry = '[[suppress]]\ncheck = "dead-community"\nentity = "vk"\nreason = "r"\n'
    conf.write_text(entry + "expires = 2027-01-31T10:00:00\n", encoding="utf-8")
    result = cli("run", str(DEMO), "--config", str(conf))
    assert result.exit_code == 2
    assert "suppress[0].expires must be a TOML date (expires = 2027-01-31), got a date-time" in result.stderr
    conf.write_text(entry + "expires = 2027-01-31\n", encoding="utf-8")
    assert cli("run", str(DEMO), "--config", str(conf), "--fail-on", "never").exit_code == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("fail_under = nan", "fail_under must be a finite number, got nan"),
        ("fail_under = -nan", "fail_under must be a finite number, got nan"),
        ("min_coverage = nan", "min_coverage must be a finite number, got nan"),
        ("check_timeout = nan", "check_timeout must be a finite number, got nan"),
        ("check_timeout = inf", "check_timeout must be a finite number, got inf"),
        ("check_timeout = 1e400", "check_timeout must be a finite number, got inf"),
        ("check_timeout = 86401", "check_timeout must be between 0.001 and 86400.0, got 86401"),
        ("[checks.dead-community]\nweight = inf", "checks.dead-community.weight must be a finite number, got inf"),
        ("[checks.dead-community]\nweight = nan", "checks.dead-community.weight must be a finite number, got nan"),
    ],
)
def test_numbers_must_be_finite(cli, tmp_path, line, message):
    conf = tmp_path / "c.toml"
    conf.write_text(line + "\n", encoding="utf-8")
    result = cli("run", str(DEMO), "--config", str(conf))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    no_traceback(result)


def test_a_day_is_the_longest_check_timeout(cli, tmp_path):
    conf = tmp_path / "c.toml"
    conf.write_text("check_timeout = 86400\nfail_on = 'never'\n", encoding="utf-8")
    assert cli("run", str(HEALTHY), "--config", str(conf), "-f", "json").exit_code == 0


def test_an_ignored_typo_names_the_ignore_option_or_key(cli, tmp_path):
    result = cli("run", str(DEMO), "--ignore", "dead-comunity")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --ignore: unknown check 'dead-comunity' (did you mean 'dead-community'?)"
    conf = tmp_path / "c.toml"
    conf.write_text('ignore = ["dead-comunity"]\n', encoding="utf-8")
    result = cli("run", str(DEMO), "--config", str(conf))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {conf}: unknown check 'dead-comunity'")


def test_a_suppression_of_an_unknown_check_is_a_usage_error(cli, tmp_path):
    conf = tmp_path / "c.toml"
    conf.write_text('[[suppress]]\ncheck = "dead-communty"\nentity = "vk"\nreason = "r"\n', encoding="utf-8")
    result = cli("run", str(DEMO), "--config", str(conf))
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"error: {conf}: suppress[0].check: unknown check 'dead-communty' (did you mean 'dead-community'?)"
    )


# --------------------------------------------------------------------------- CLI: options


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--fail-under", "nan"),
        ("--min-coverage", "nan"),
        ("--check-timeout", "nan"),
        ("--check-timeout", "inf"),
        ("--check-timeout", "1e10"),
        ("--timeout", "inf"),
    ],
)
def test_numeric_options_must_be_finite(cli, option, value):
    result = cli("run", str(DEMO), option, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    no_traceback(result)


def test_an_empty_output_path_is_refused(cli):
    for command in (["run", str(DEMO), "-o", ""], ["baseline", str(DEMO), "-o", ""]):
        result = cli(*command)
        assert result.exit_code == 2
        assert "the path is empty" in result.stderr


def test_selecting_no_checks_is_a_usage_error(cli, tmp_path):
    result = cli("run", str(DEMO), "--select", "dead-community", "--ignore", "dead-community")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no checks to run")
    conf = tmp_path / "c.toml"
    conf.write_text('select = ["dead-community"]\n[checks.dead-community]\nenabled = false\n', encoding="utf-8")
    result = cli("baseline", str(DEMO), "--config", str(conf), "-o", str(tmp_path / "b.json"))
    assert result.exit_code == 2
    assert "no checks to run" in result.stderr
    assert not (tmp_path / "b.json").exists()


# --------------------------------------------------------------------------- CLI: output files


def test_an_output_that_is_a_directory(cli, tmp_path):
    result = cli("run", str(DEMO), "--report", f"json={tmp_path}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write report to {tmp_path}: ")
    no_traceback(result)


@pytest.mark.parametrize(
    ("exists", "suffix", "reason"),
    [(True, "/", "Not a directory"), (False, "/", "Is a directory"), (True, "/.", "Not a directory")],
)
def test_an_output_named_with_a_trailing_slash_is_no_file(cli, tmp_path, exists, suffix, reason):
    """The system reads report.json/ as a directory: it is not written as report.json (pathlib drops the slash)."""
    target = tmp_path / "report.json"
    if exists:
        target.write_text("keep", encoding="utf-8")
    result = cli("run", str(DEMO), "--report", f"json={target}{suffix}")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write report to {target}{suffix}: {reason}"), result.stderr
    assert (target.read_text(encoding="utf-8") == "keep") if exists else not target.exists()
    no_traceback(result)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_an_output_whose_parent_cannot_be_made(cli):
    result = cli("run", str(DEMO), "-o", "/proc/no-such-dir/audit.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write report to /proc/no-such-dir/audit.json: ")


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "denied")])
def test_write_failures_are_usage_errors(cli, tmp_path, monkeypatch, code, reason):
    def fail(path, text):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("smm_audit.output.write_atomic", fail)  # imported by the command that writes
    target = tmp_path / "audit.json"
    result = cli("run", str(DEMO), "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write report to {target}: ") and reason in result.stderr
    result = cli("baseline", str(DEMO), "-o", str(target))
    assert result.exit_code == 2
    assert f"cannot write the baseline to {target}" in result.stderr


# --------------------------------------------------------------------------- CLI: baseline of a failed run

EXPLODES = """
from smm_audit.api import Check, hookimpl

def audit(snapshot, options):
    raise RuntimeError("boom")

@hookimpl
def register_checks(register):
    register(Check(id="exploding-rule", title="Explodes", category="profile", run=audit,
                   summary="s", why="w", fix="f"))
"""

FINISH_FAILS = """
from smm_audit.api import hookimpl

@hookimpl
def audit_finished(report):
    raise RuntimeError("cannot post")
"""


def test_baseline_is_not_written_when_a_check_failed(cli, plugin_dir, tmp_path):
    module = plugin_dir("robust_explodes", EXPLODES)
    target = tmp_path / "baseline.json"
    result = cli("baseline", str(DEMO), "-p", module, "-o", str(target))
    assert result.exit_code == 3
    assert "not written: check 'exploding-rule' failed" in result.stderr
    assert not target.exists()


def test_a_baseline_to_standard_output_is_not_written_when_a_check_failed(cli, plugin_dir):
    """``baseline -o -``: nothing on standard output, and the error names standard output, not a file '-'."""
    module = plugin_dir("robust_explodes", EXPLODES)
    result = cli("baseline", str(DEMO), "-p", module, "-o", "-")
    assert result.exit_code == 3 and result.stdout == ""
    assert "error: baseline not written to standard output: check 'exploding-rule' failed" in result.stderr


def test_baseline_is_not_written_when_a_plugin_failed(cli, plugin_dir, tmp_path):
    module = plugin_dir("robust_finish_fails", FINISH_FAILS)
    target = tmp_path / "baseline.json"
    result = cli("baseline", str(DEMO), "-p", module, "-o", str(target))
    assert result.exit_code == 3
    assert "plugin 'robust_finish_fails' failed in audit_finished" in result.stderr
    assert "not written: 1 plugin hook failed" in result.stderr
    assert not target.exists()
    assert cli("baseline", str(DEMO), "-o", str(target)).exit_code == 0 and target.exists()


# --------------------------------------------------------------------------- CLI: secrets and internal errors


def test_validate_redacts_the_line_it_prints(cli, write_snapshot):
    password = "hunter2-very-secret"
    path = write_snapshot(
        client={"name": f"Client {password}"},
        accounts=[{"id": "vk", "platform": "vk"}],
        credentials=[{"account_id": "vk", "password": {"plaintext": password}}],
    )
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.output
    assert password not in result.output
    assert "[REDACTED]" in result.stdout


def test_an_internal_error_does_not_print_its_message(cli, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("client name: Hunter2-Secret")

    monkeypatch.setattr("smm_audit.audit.run", broken)  # imported by the command that runs
    result = cli("run", str(DEMO))
    assert result.exit_code == 3
    assert "Hunter2-Secret" not in result.output
    line = result.stderr.strip()
    assert line.startswith("error: internal error: ValueError at ")
    assert line.endswith(" (please report it)")
    assert "test_robustness.py:" in line


def test_a_deleted_working_directory_is_a_usage_error(cli, tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = cli("checks")
    assert result.exit_code == 2
    assert "the current directory no longer exists" in result.stderr
    conf = tmp_path / "c.toml"
    conf.write_text('select = ["dead-community"]\n', encoding="utf-8")
    result = cli("run", str(DEMO), "--config", str(conf), "-p", "json", "-f", "json")
    assert result.exit_code in (0, 1), result.output
    no_traceback(result)
    assert "json" in {p.name for p in plugins.load(["json"], entry_points=False).plugins}


# --------------------------------------------------------------------------- CLI: closed and broken streams


def test_closed_standard_input():
    result = subprocess.run([*CLI, "run", "-"], preexec_fn=lambda: os.close(0), capture_output=True)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "error: <stdin>: standard input is closed"


@pytest.mark.parametrize(("command", "what"), [("baseline", "the baseline"), ("calibrate", "the weights")])
def test_closed_standard_output_for_a_dash_output(tmp_path, command, what):
    """``-o -`` with standard output closed is refused before the work, naming what would be written."""
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("", encoding="utf-8")
    args = [str(DEMO)] if command == "baseline" else ["bot-followers", str(labelled)]
    result = subprocess.run([*CLI, command, *args, "-o", "-"], preexec_fn=lambda: os.close(1), stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"error: standard output is closed: write {what} with -o FILE"


def test_closed_standard_output(tmp_path):
    result = subprocess.run(
        [*CLI, "run", str(DEMO)],
        preexec_fn=lambda: os.close(1),
        stderr=subprocess.PIPE,
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "error: standard output is closed: write the report with -o FILE"
    target = tmp_path / "a.json"
    result = subprocess.run(
        [*CLI, "run", str(DEMO), "-o", str(target)],
        preexec_fn=lambda: os.close(1),
        stderr=subprocess.PIPE,
    )
    assert result.returncode == 1 and target.exists()  # the demo fails the gate
    assert result.stderr == b""


@pytest.mark.parametrize(
    ("args", "code"),
    [(["run", str(DEMO), "-f", "json"], 1), (["run", str(DEMO)], 1), (["schema", "snapshot"], 0), (["checks"], 0)],
)
def test_a_reader_that_went_away_is_not_an_error(args, code):
    read, write = os.pipe()
    os.close(read)  # like `| head -0`: every write gets EPIPE
    try:
        result = subprocess.run([*CLI, *args], stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert result.stderr == b""
    assert result.returncode == code


# --------------------------------------------------------------------------- SARIF: file names that are not UTF-8


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("caf\udce9.json", "caf%E9.json"),
        ("dir/\udcff\udcfe.json", "dir/%FF%FE.json"),
        ("/data/caf\udce9.json", "file:///data/caf%E9.json"),
        ("/data/\ud800.json", "file:///data/%ED%A0%80.json"),
        ("https://exports.test/caf\udce9.json", "https://exports.test/caf%E9.json"),
    ],
)
def test_sarif_quotes_file_names_that_are_not_utf8(source, uri):
    assert artifact_location(source)["uri"] == uri


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names must be UTF-8")
def test_sarif_of_a_snapshot_with_a_non_utf8_name(cli, tmp_path, monkeypatch):
    name = os.fsdecode(b"caf\xe9.json")
    (tmp_path / name).write_bytes(DEMO.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = cli("run", name, "-f", "sarif")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["runs"][0]["artifacts"][0]["location"]["uri"] == "caf%E9.json"


# --------------------------------------------------------------------------- plugins that exit


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("import sys\nsys.exit(0)\n", "SystemExit: 0"),
        ("import sys\nsys.exit()\n", "SystemExit"),
        ("raise SystemExit('bye')\n", "SystemExit: bye"),
        ("class Odd(BaseException):\n    pass\nraise Odd('odd')\n", "Odd: odd"),
    ],
)
def test_a_plugin_that_exits_at_import_is_a_plugin_error(cli, plugin_dir, source, says):
    name = plugin_dir(f"robust_exit_{abs(hash(source))}", source)
    with pytest.raises(PluginError) as caught:
        plugins.load([name], entry_points=False)
    assert str(caught.value) == f"plugin {name!r} failed to import: {says}"
    result = cli("run", str(DEMO), "-p", name)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: plugin {name!r} failed to import: {says}"


def test_a_register_hook_that_exits_is_a_plugin_error(cli, plugin_dir):
    name = plugin_dir(
        "robust_hook_exits",
        """
        import sys
        from smm_audit.api import hookimpl

        @hookimpl
        def register_formats(register):
            sys.exit(4)
        """,
    )
    result = cli("checks", "-p", name)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: plugin {name!r} failed in register_formats: SystemExit: 4"


def test_keyboard_interrupt_in_a_plugin_is_not_swallowed(plugin_dir):
    name = plugin_dir("robust_interrupted", "raise KeyboardInterrupt\n")
    with pytest.raises(KeyboardInterrupt):
        plugins.load([name], entry_points=False)
