"""Snapshots from URLs: httpx.MockTransport for the failure modes, a server on 127.0.0.1 for the CLI path."""

from __future__ import annotations

import gzip
import json
import ssl
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from smm_audit.errors import InputError
from smm_audit.sources import FetchOptions, fetch_url
from smm_audit.testing import make_snapshot

URL = "https://exports.test/client.json"
BODY = json.dumps(make_snapshot()).encode()


def fetch(handler, **options) -> bytes:
    return fetch_url(URL, FetchOptions(transport=httpx.MockTransport(handler), **options))


def message_of(handler, **options) -> str:
    with pytest.raises(InputError) as caught:
        fetch(handler, **options)
    (line,) = caught.value.lines()
    return line


def test_ok_and_headers_are_sent():
    seen = {}

    def handler(request):
        seen.update(request.headers)
        return httpx.Response(200, content=BODY)

    assert fetch(handler, headers={"Authorization": "Bearer s3cr3t-token"}) == BODY
    assert seen["authorization"] == "Bearer s3cr3t-token"


@pytest.mark.parametrize(("status", "text"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")])
def test_http_errors(status, text):
    assert text in message_of(lambda request: httpx.Response(status))


def test_timeout():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    assert "timed out (no answer within 2 s)" in message_of(handler, timeout=2)


def test_tls_failure():
    def handler(request):
        cause = ssl.SSLCertVerificationError(1, "certificate verify failed")
        cause.verify_message = "self-signed certificate"
        raise httpx.ConnectError("TLS", request=request) from cause

    assert "TLS error: self-signed certificate" in message_of(handler)


def test_connection_refused():
    def handler(request):
        raise httpx.ConnectError("refused", request=request)

    assert "cannot connect" in message_of(handler)


def test_redirect_loop_is_bounded():
    def handler(request):
        return httpx.Response(302, headers={"Location": str(request.url)})

    assert "too many redirects" in message_of(handler)


def test_redirects_are_followed():
    def handler(request):
        if request.url.path == "/old.json":
            return httpx.Response(301, headers={"Location": "/client.json"})
        return httpx.Response(200, content=BODY)

    assert fetch_url("https://exports.test/old.json", FetchOptions(transport=httpx.MockTransport(handler))) == BODY


def test_size_limit_declared_and_streamed():
    big = b"x" * 5000
    assert "over the limit" in message_of(lambda r: httpx.Response(200, content=big), max_bytes=1000)

    def chunked(request):
        return httpx.Response(200, content=iter([b"x" * 600, b"x" * 600]))

    assert "over the limit of 1000 bytes" in message_of(chunked, max_bytes=1000)


def test_header_values_and_url_secrets_never_echoed():
    def handler(request):
        return httpx.Response(403)

    with pytest.raises(InputError) as caught:
        fetch_url(
            "https://user:pw-secret@exports.test/c.json?token=q-secret",
            FetchOptions(headers={"Authorization": "Bearer h-secret"}, transport=httpx.MockTransport(handler)),
        )
    text = "\n".join(caught.value.lines())
    assert "HTTP 403" in text
    for secret in ("pw-secret", "q-secret", "h-secret"):
        assert secret not in text


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/missing.json":
            self.send_error(404)
            return
        if self.headers.get("Authorization") != "Bearer t0ken":
            self.send_error(401)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_cli_reads_a_url_from_a_local_server(cli, server):
    result = cli("validate", f"{server}/client.json", "--header", "Authorization: Bearer t0ken")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{server}/client.json: valid snapshot")


def test_cli_reports_http_errors(cli, server):
    result = cli("validate", f"{server}/client.json")
    assert result.exit_code == 2
    assert "HTTP 401" in result.stderr
    result = cli("run", f"{server}/missing.json", "--header", "Authorization: Bearer t0ken")
    assert result.exit_code == 2 and "HTTP 404" in result.stderr


def test_header_from_an_environment_variable(cli, server, monkeypatch):
    """--header-env NAME=VAR sends VAR's value, which never appears on the command line or in any message."""
    monkeypatch.setenv("EXPORT_AUTH", "Bearer t0ken")
    result = cli("validate", f"{server}/client.json", "--header-env", "Authorization=EXPORT_AUTH")
    assert result.exit_code == 0, result.output
    result = cli("run", f"{server}/client.json", "--header-env", "Authorization=NOT_SET_ANYWHERE")
    assert result.exit_code == 2
    assert "--header-env #1: the environment variable 'NOT_SET_ANYWHERE' is not set" in result.stderr
    monkeypatch.setenv("EXPORT_AUTH", "Bearer t\x01ken-secret")
    result = cli("validate", f"{server}/client.json", "--header-env", "Authorization=EXPORT_AUTH")
    assert result.exit_code == 2 and "--header-env #1: the value must be printable ASCII" in result.stderr
    assert "ken-secret" not in result.output
    result = cli("validate", f"{server}/client.json", "--header-env", "Authorization")
    assert result.exit_code == 2 and "--header-env #1 must look like NAME=VARIABLE" in result.stderr


def test_bad_header_is_a_usage_error(cli, server):
    result = cli("validate", f"{server}/client.json", "--header", "no-colon-secret")
    assert result.exit_code == 2
    assert "--header #1 must look like 'Name: value'" in result.stderr
    assert "no-colon-secret" not in result.output


class _Slow(BaseHTTPRequestHandler):
    """Sends the headers at once, then the body a byte every 0.1 s: each read is quick, the whole never ends."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        for byte in BODY:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)

    def log_message(self, *args):
        pass


def test_a_body_dribbled_slowly_hits_the_download_timeout(cli):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/client.json"
    try:
        started = time.monotonic()
        result = cli("validate", url, "--timeout", "5", "--download-timeout", "1")
        elapsed = time.monotonic() - started
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line == f"error: {url}: timed out: the download took longer than 1 s (--download-timeout)", line
    assert elapsed < 4  # functional, not a timing test: without the deadline it would take minutes


def _two_members() -> bytes:
    return gzip.compress(BODY[:100]) + gzip.compress(BODY[100:])


def test_content_encoding_gzip_with_two_members_is_decoded_whole():
    def handler(request):
        chunks = _two_members()
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=iter([chunks[:50], chunks[50:]]))

    assert fetch(handler) == BODY


class _Gzipped(BaseHTTPRequestHandler):
    def do_GET(self):
        body = _two_members()
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_cli_decodes_every_gzip_member_from_a_server(cli):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Gzipped)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        result = cli("validate", f"http://127.0.0.1:{httpd.server_address[1]}/client.json")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 0, result.output


def test_a_multi_member_gzip_file_is_read_whole(cli, tmp_path):
    path = tmp_path / "snapshot.json.gz"
    path.write_bytes(_two_members())
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("encoding", "body", "message"),
    [
        ("gzip", gzip.compress(BODY)[:-20], "the response's gzip encoding is truncated"),
        ("gzip", b"\x1f\x8bnot really", "the response's gzip encoding is corrupt"),
        ("br", b"xx", "unsupported Content-Encoding 'br' (gzip and deflate are)"),
    ],
    ids=["truncated", "corrupt", "unsupported"],
)
def test_bad_content_encodings_are_one_line(encoding, body, message):
    def handler(request):
        return httpx.Response(200, headers={"Content-Encoding": encoding}, content=iter([body]))

    assert message in message_of(handler)


def test_deflate_is_decoded():
    def handler(request):
        return httpx.Response(200, headers={"Content-Encoding": "deflate"}, content=iter([zlib.compress(BODY)]))

    assert fetch(handler) == BODY
