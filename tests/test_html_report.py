"""The HTML report: self-contained, escaped, byte-stable, complete, and honest about the charts it cannot draw."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from smm_audit import plugins
from smm_audit.api import status_rank
from smm_audit.formats import _html, _html_charts, html_report
from smm_audit.testing import make_snapshot

ROOT = Path(__file__).resolve().parent.parent
DEMO_RELATIVE = "examples/demo-snapshot.json"

RLO, RLM, LRI = "\u202e", "\u200f", "\u2066"
EVIL = (
    f"<script>alert(1)</script></style></title><img src=x onerror=alert(2)> \"q\" 'a' & "
    f"javascript:alert(3) {RLO}evil{RLM} {LRI}x <!-- --> ]]>"
)
EVIL_PLUGIN = f"""
from smm_audit.api import Check, Finding, Result, hookimpl

EVIL = {EVIL!r}

def evil(snapshot, options):
    findings = [
        Finding("msg " + EVIL, "/accounts/0", ("account", "vk", "a"), severity="critical", fix="fix " + EVIL,
                evidence={{"url": "javascript:alert(4)//" + EVIL, "nested": {{"k " + EVIL: ["v " + EVIL]}}}}),
        Finding("second " + EVIL, "/accounts/0", ("account", "vk", "b"), severity="low"),
    ]
    return Result("fail", 0.0, findings, message="remark " + EVIL, metrics={{"accounts": [{{"account": EVIL}}]}})

def needs(snapshot, options):
    return Result.not_applicable(["accounts[].ads " + EVIL])

CHECKS = [
    Check(id="evil-text", title="title " + EVIL, category="cat " + EVIL, run=evil, summary="summary " + EVIL,
          why="why " + EVIL, fix="fixit " + EVIL, severity="high"),
    Check(id="needs-evil", title="needs " + EVIL, category="ads", run=needs, summary="s", why="w", fix="f"),
]

@hookimpl
def register_checks(register):
    for check in CHECKS:
        register(check)
"""


class Page(HTMLParser):
    """Every start tag with its attributes, the text of each element kind, and comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: dict[str, str] = {}
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "circle", "rect", "path", "line", "input"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        where = self.stack[-1] if self.stack else ""
        self.text[where] = self.text.get(where, "") + data
        self.text["*"] = self.text.get("*", "") + data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def run_html(cli, *args: str) -> str:
    result = cli("run", *args, "-f", "html")
    assert result.exit_code in (0, 1, 3), result.output
    return result.stdout


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def demo(cli, in_root) -> str:
    return run_html(cli, DEMO_RELATIVE)


@pytest.fixture
def demo_report(cli, in_root) -> dict[str, Any]:
    return json.loads(cli("run", DEMO_RELATIVE, "-f", "json").stdout)


# --------------------------------------------------------------------------- self-contained


def test_registered_as_html():
    fmt = plugins.load(entry_points=False).formats["html"]
    assert fmt.extension == ".html" and fmt.render is html_report.render


LOADING_TAGS = {"link", "img", "iframe", "frame", "object", "embed", "source", "audio", "video", "base", "image"}
LOADING_ATTRS = {"src", "srcset", "action", "poster", "data", "formaction", "background", "xlink:href", "ping"}


def assert_loads_nothing(text: str) -> Page:
    page = parse(text)
    for tag, attrs in page.tags:
        assert tag not in LOADING_TAGS, tag
        assert not LOADING_ATTRS & set(attrs), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)  # no inline handler
        assert "style" not in attrs, (tag, attrs)  # the CSP allows no style attribute
        href = attrs.get("href")
        if href is not None:
            assert tag == "a" and (href.startswith("#") or re.fullmatch(r"docs/checks/[a-z0-9%-]+\.md", href)), href
            assert "noopener" in (attrs.get("rel") or "") or href.startswith("#")
        for value in attrs.values():
            assert "url(" not in (value or "") or re.fullmatch(r"url\(#pat-[a-z]+\)", value or ""), value
    styles = [a for t, a in page.tags if t == "style"]
    scripts = [a for t, a in page.tags if t == "script"]
    assert len(styles) == 1 and len(scripts) == 1
    css = text.split("<style>", 1)[1].split("</style>", 1)[0]
    script = text.split("<script>", 1)[1].split("</script>", 1)[0]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert "http" not in css and "http" not in script and "fetch" not in script and "XMLHttp" not in script
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp.startswith("default-src 'none';") and "img-src 'none'" in csp

    def digest(source: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"

    assert f"style-src {digest(css)};" in csp and f"script-src {digest(script)};" in csp
    return page


def test_demo_loads_nothing_from_anywhere(demo):
    page = assert_loads_nothing(demo)
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in page.tags
    assert "@media print" in demo and "break-before:page" in demo


def test_byte_identical_across_runs_and_to_a_file(cli, in_root, tmp_path, demo):
    assert run_html(cli, DEMO_RELATIVE) == demo
    target = tmp_path / "audit.html"
    cli("run", DEMO_RELATIVE, "--report", f"html={target}", "-f", "json")
    assert target.read_bytes() == demo.encode("utf-8")


# --------------------------------------------------------------------------- content


def test_demo_shows_scores_gate_and_every_check_worst_first(demo, demo_report):
    page = parse(demo)
    report = demo_report
    gauges = [a for t, a in page.tags if t == "svg" and "gauge" in (a.get("class") or "").split()]
    assert len(gauges) == 1 + len(report["categories"])
    overall = gauges[0]["aria-label"]
    assert overall == f"Overall score: {report['score']:g} of 100, poor, grade {report['grade']}"
    for category in report["categories"]:
        assert any(g["aria-label"].startswith(f"{category['id']}: {category['score']:g} of 100") for g in gauges)
    assert "✖ Gate failed" in demo and all(html_escape(r) in demo for r in report["gate"]["reasons"])
    details = [a["id"] for t, a in page.tags if t == "details" and "check" in (a.get("class") or "")]
    assert sorted(details) == sorted(f"check-{c['id']}" for c in report["checks"])
    overview = demo.split('id="h-overview"')[1].split("</table>")[0]
    order = re.findall(r'href="#check-([a-z0-9-]+)"', overview)
    ranked = sorted(report["checks"], key=lambda c: (status_rank(c["status"]), c["score"], c["id"]))
    assert order == [c["id"] for c in ranked]
    for check in report["checks"]:
        section = check_section(demo, check["id"])
        shown = section.count('<li class="f-')
        assert shown == min(len(check["findings"]), html_report.MAX_FINDINGS_PER_CHECK)
        if check["score"] is not None:
            assert f"{round(check['score'] * 100, 1):g}/100" in section
        if check["findings"]:
            assert html_escape(check["why"]) in section and html_escape(check["fix"]) in section
        plugin = check["id"] == "posting-hours"
        assert (f'href="docs/checks/{check["id"]}.md"' in section) != plugin
        assert (ROOT / "docs" / "checks" / f"{check['id']}.md").is_file() != plugin
        assert f"smm-audit explain {check['id']}" in section
    first = report["checks"][0]["findings"][0]
    assert f"line {first['line']}" in demo


def check_section(text: str, check_id: str) -> str:
    """The HTML of one check's <details>, up to the next check or the end of its category."""
    return text.split(f'id="check-{check_id}"')[1].split('<details class="check"')[0].split("</section>")[0]


def html_escape(text: str) -> str:
    return _html.esc(text)


def test_demo_draws_every_chart_from_the_metrics(demo, demo_report):
    page = parse(demo)
    figures = {a["id"] for t, a in page.tags if t == "figure" and a.get("id", "").startswith("chart-")}
    assert figures == {"chart-posting", "chart-audience", "chart-spikes", "chart-responses", "chart-utm"}
    assert "chart-missing" not in demo
    charts = [a for t, a in page.tags if t == "svg" and a.get("class") == "chart"]
    assert charts and all(a.get("role") == "img" and a.get("aria-label") for a in charts)
    bots = next(c for c in demo_report["checks"] if c["id"] == "bot-followers")["metrics"]["accounts"][0]
    genuine = bots["followers_analysed"] - bots["suspicious"]
    audience = demo.split('id="chart-audience"')[1].split("</figure>")[0]
    assert f"<td><bdi>{bots['account']}</bdi></td><td><bdi>{genuine:,} (" in audience
    assert f"{bots['suspicious']:,} (" in audience and f"{bots['dead']:,} (" in audience
    weekly = next(c for c in demo_report["checks"] if c["id"] == "posting-frequency")["metrics"]["accounts"][0]
    assert ", ".join(map(str, weekly["weekly_posts"])) in demo


def without_metric(report: dict[str, Any], check_id: str, path: list[str], value: Any) -> dict[str, Any]:
    report = copy.deepcopy(report)
    for check in report["checks"]:
        if check["id"] == check_id:
            target = check["metrics"]
            for key in path[:-1]:
                target = target[key]
            if value is KeyError:
                target.pop(path[-1], None)
            else:
                target[path[-1]] = value
    return report


@pytest.mark.parametrize(
    ("check_id", "path", "value", "chart"),
    [
        ("bot-followers", ["accounts"], KeyError, "audience"),
        ("bot-followers", ["accounts"], "not a list", "audience"),
        ("posting-frequency", ["accounts"], [{"account": "vk", "weekly_posts": ["x"]}], "posting"),
        ("response-time", ["priority_judged"], KeyError, "responses"),
        ("missing-utm", ["own_links_by_placement"], None, "utm"),
    ],
)
def test_a_chart_without_its_data_is_a_note_not_an_empty_drawing(demo_report, check_id, path, value, chart):
    report = without_metric(demo_report, check_id, path, value)
    if chart == "responses":  # every scope loses its figures
        for check in report["checks"]:
            if check["id"] == "response-time":
                for account in check["metrics"]["accounts"]:
                    account.pop("priority_judged")
    text = html_report.render(report)
    page = parse(text)
    figures = {a["id"] for t, a in page.tags if t == "figure" and a.get("id", "").startswith("chart-")}
    assert f"chart-{chart}" not in figures
    assert re.search(f'<p class="note chart-missing" id="chart-{chart}">[^<]+: [^<]+</p>', text)


def test_bot_followers_metrics_read_defensively(demo_report):
    """Another version of bot-followers may give other types: the chart leaves such an account out, never crashes."""
    report = copy.deepcopy(demo_report)
    bots = next(c for c in report["checks"] if c["id"] == "bot-followers")
    first, second = bots["metrics"]["accounts"][:2]
    first["suspicious"] = {"count": 59}
    first["suspicious_share"] = "high"
    second["suspicious_ci95"] = ["a", None]
    second["suspicious_share_raw"] = 0.4
    text = html_report.render(report)
    audience = text.split('id="chart-audience"')[1].split("</figure>")[0]
    assert f"{first['account']}: no follower counts (followers_analysed, suspicious), left out." in audience
    assert f"<td><bdi>{second['account']}</bdi></td>" in audience and "95% interval" not in audience


def test_findings_are_capped_per_check_with_a_count(demo_report):
    report = copy.deepcopy(demo_report)
    check = report["checks"][0]
    template = check["findings"][0]
    check["findings"] = [{**template, "message": f"finding {i}"} for i in range(130)]
    text = html_report.render(report)
    section = check_section(text, check["id"])
    assert section.count('<li class="f-') == html_report.MAX_FINDINGS_PER_CHECK
    assert f"… and {130 - html_report.MAX_FINDINGS_PER_CHECK} more" in section


def test_baselined_and_suppressed_findings_stand_apart(demo_report):
    report = copy.deepcopy(demo_report)
    check = report["checks"][0]
    first, second, *rest = check["findings"]
    first["status"], first["suppression"] = "baselined", None
    second["status"] = "suppressed"
    second["suppression"] = {"reason": "accepted <by> the client", "expires": "2027-01-01", "expired": False}
    rest[0]["suppression"] = {"reason": "old", "expires": "2026-10-01", "expired": True}
    text = html_report.render(report)
    section = check_section(text, check["id"])
    open_part, accepted = section.split('<div class="accepted">')
    assert "Accepted risks (2)" in accepted
    assert html_escape(first["message"]) in accepted and html_escape(second["message"]) in accepted
    assert html_escape(first["message"]) not in open_part
    assert '<span class="tag">baselined</span>' in accepted
    assert "suppressed until 2027-01-01: <bdi>accepted &lt;by&gt; the client</bdi>" in accepted
    assert "suppression expired 2026-10-01" in open_part  # an expired suppression is open again


def test_every_user_string_is_escaped(cli, plugin_dir, write_snapshot):
    module = plugin_dir("evil_html", EVIL_PLUGIN)
    snapshot = write_snapshot(
        make_snapshot(
            client={"name": "client " + EVIL},
            accounts=[{"id": "vk", "platform": "vk", "posts": []}],
        )
    )
    text = run_html(cli, str(snapshot), "-p", module, "--select", "evil-text,needs-evil")
    page = assert_loads_nothing(text)
    assert [t for t, _ in page.tags].count("script") == 1 and text.count("</style>") == 1
    assert text.count("</script>") == 1 and text.split("</head>")[0].count("</title>") == 1
    assert not page.comments
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "h4", "p", "br"}
    allowed |= {"section", "div", "span", "ul", "li", "a", "code", "bdi", "strong", "details", "summary", "table"}
    allowed |= {"thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "dl", "dt", "dd", "footer"}
    allowed |= {"button", "script", "svg", "defs", "pattern", "rect", "path", "circle", "line", "text"}
    assert {t for t, _ in page.tags} <= allowed
    for tag, attrs in page.tags:
        for value in attrs.values():
            assert "javascript:" not in (value or "").lower() or tag in ("svg", "span"), (tag, attrs)
    assert RLO not in text and LRI not in text and "\ud800" not in text
    shown = _html.clean(EVIL)
    words = page.text["*"]
    for prefix in ("client ", "msg ", "fix ", "remark ", "title ", "cat ", "summary ", "why ", "fixit ", "needs "):
        assert prefix + shown in words, prefix
    assert "v " + shown in words and "accounts[].ads " + shown in words
    assert page.text.get("script", "").strip() == html_report.SCRIPT
    assert page.text.get("style", "") == html_report.CSS
    head = parse(text.split("</head>")[0])
    assert head.text["title"] == "smm-audit: client " + shown


def test_unassessed_checks_are_listed_with_what_is_missing(cli, plugin_dir, write_snapshot):
    module = plugin_dir("evil_html_b", EVIL_PLUGIN)
    snapshot = write_snapshot(make_snapshot(accounts=[{"id": "vk", "platform": "vk", "posts": []}]))
    text = run_html(cli, str(snapshot), "-p", module, "--select", "needs-evil")
    coverage = text.split('id="h-coverage"')[1]
    assert "not assessed" in coverage and "<code>accounts[].ads &lt;script&gt;" in coverage
    assert re.search('id="chart-posting">[^<]*: no check in this report gives weekly post counts', text)


def test_esc_makes_text_inert():
    assert _html.esc('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"
    assert _html.esc(f"a{RLO}b\u2028c\x1bd\ud800") == "a b c d\ufffd"
    assert _html.esc(RLM + "שלום") == RLM + "שלום"  # a mark is harmless; <bdi> isolates the text
    assert _html.bdi("x") == "<bdi>x</bdi>"


ODD_VALUES: list[Any] = [None, "x", -1, True, 1.5, [], {}, [None], {"a": None}]


def test_charts_survive_any_odd_metric(demo_report):
    """Every metric a chart reads, replaced by a value of another type or out of range: a note, never a crash."""
    charted = {check_id for check_id, _ in _html_charts.charts(demo_report["checks"]) if check_id}
    assert len(charted) >= 4
    for check in demo_report["checks"]:
        if check["id"] not in charted:
            continue
        metrics = check["metrics"]
        places = [(metrics, key) for key in metrics]
        places += [(account, key) for account in metrics.get("accounts", [])[:1] for key in account]
        for target, key in places:
            original = target[key]
            for odd in ODD_VALUES:
                target[key] = odd
                for _, chart in _html_charts.charts([check]):
                    assert chart.body or chart.note, (check["id"], key, odd)
                    assert "NaN" not in chart.body and "-" + "1 " not in chart.body
            target[key] = original
