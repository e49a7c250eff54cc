"""The HTML report in a real browser: headless Chromium renders the demo's report, expands it and prints it to PDF.

Skipped, with the reason, when no Chromium is installed (``apt-get install chromium``). The browser
opens local files only; its background services are switched off, so nothing reaches the network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from smm_audit.cli import main
from smm_audit.formats import html_report

ROOT = Path(__file__).resolve().parent.parent
DEMO_RELATIVE = "examples/demo-snapshot.json"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on PATH (apt-get install chromium): browser tests skipped"
)

QUIET = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)

PROBE = """
(function(){
function shown(el){if(!el){return false;}var r=el.getBoundingClientRect();
return r.width>0&&r.height>0&&el.checkVisibility({visibilityProperty:true,opacityProperty:true});}
function map(sel,f){return Array.prototype.map.call(document.querySelectorAll(sel),f);}
var out={};
out.gauges=map('svg.gauge',shown);
out.charts=map('figure[id^="chart-"]',function(f){return [f.id,shown(f.querySelector('svg.chart'))];});
out.checks=map('details.check',function(d){return [d.id,shown(d.querySelector('summary'))];});
out.radius=getComputedStyle(document.querySelector('details.check')).borderTopLeftRadius;
document.getElementById('collapse-all').click();
out.collapsed=map('details',function(d){return d.open;});
out.hidden=map('ul.findings>li',shown);
document.getElementById('expand-all').click();
out.expanded=map('details',function(d){return d.open;});
out.findings=map('ul.findings>li',shown);
var pre=document.createElement('pre');pre.id='probe';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);
})();
""".strip()


def browse(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, *QUIET, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def console(stderr: str) -> list[str]:
    """What the page said on the console: errors, CSP violations, failed loads."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Refused to" in line]


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    """The demo's HTML report (written by ``--report html=``, from the repository's root) and its JSON report."""
    target = tmp_path_factory.mktemp("html") / "audit.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result = CliRunner().invoke(main, ["run", DEMO_RELATIVE, "--report", f"html={target}", "-f", "json"])
    assert result.exit_code == 1, result.output
    return target, json.loads(result.stdout)


def with_probe(page: Path, folder: Path) -> Path:
    """A copy of the page that runs PROBE after the report's own script, allowed by its hash like the page's."""
    text = page.read_text("utf-8")
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(PROBE.encode()).digest()).decode() + "'"
    text = text.replace("; script-src 'sha256-", f"; script-src {digest} 'sha256-", 1)
    text = text.replace("</body>", f"<script>{PROBE}</script></body>", 1)
    probed = folder / "probed.html"
    probed.write_text(text, "utf-8")
    return probed


def test_demo_renders_without_console_errors_and_everything_is_visible(demo_files, tmp_path):
    page, report = demo_files
    plain = browse(tmp_path, page, "--dump-dom")
    assert plain.returncode == 0, plain.stderr[-2000:]
    assert console(plain.stderr) == []
    probed = browse(tmp_path, with_probe(page, tmp_path), "--window-size=1200,1600", "--dump-dom")
    assert console(probed.stderr) == []
    match = re.search(r'<pre id="probe">(.*?)</pre>', probed.stdout, re.S)
    assert match, "the probe did not run: " + probed.stderr[-2000:]
    seen = json.loads(html.unescape(match.group(1)))
    assert seen["radius"] == "6px"  # the page's own style applies under its CSP
    assert len(seen["gauges"]) == 1 + len(report["categories"]) and all(seen["gauges"])
    assert {chart for chart, _ in seen["charts"]} == {
        "chart-posting",
        "chart-audience",
        "chart-spikes",
        "chart-responses",
        "chart-utm",
    }
    assert all(visible for _, visible in seen["charts"])
    assert sorted(check for check, _ in seen["checks"]) == sorted(f"check-{c['id']}" for c in report["checks"])
    assert all(visible for _, visible in seen["checks"])
    assert not any(seen["collapsed"]) and not any(seen["hidden"])  # the page's script ran: collapse all
    assert all(seen["expanded"]) and seen["findings"] and all(seen["findings"])  # expand all


def test_demo_screenshot(demo_files, tmp_path):
    page, _ = demo_files
    shot = tmp_path / "audit.png"
    result = browse(tmp_path, page, "--window-size=1200,1600", f"--screenshot={shot}")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000  # a page, not a blank


def pdf_text(pdf: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        return subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    try:
        import pypdf
    except ImportError:
        pytest.skip("no pdftotext (apt-get install poppler-utils) nor pypdf to read the PDF's text")
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)


def test_demo_prints_to_pdf_with_every_check_and_its_details(demo_files, tmp_path):
    page, report = demo_files
    pdf = tmp_path / "audit.pdf"
    result = browse(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert result.returncode == 0, result.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages >= 1 + len(report["categories"])  # each category starts a page
    words = " ".join(pdf_text(pdf).split())
    for check in report["checks"]:
        assert " ".join(check["title"].split()) in words, check["id"]
        if check["findings"]:  # the details are printed expanded, evidence included
            first = check["findings"][0]
            assert " ".join(first["message"].split())[:30] in words, check["id"]
            for key in first["evidence"]:
                assert key in words, (check["id"], key)
    assert "Expand all" not in words  # no interactive chrome on paper
    assert max(len(c["findings"]) for c in report["checks"]) <= html_report.MAX_FINDINGS_PER_CHECK  # all shown


EVIL = "<script>alert(1)</script></style><img src=x onerror=alert(2)> javascript:alert(3) \u202eevil\u200f"


def test_hostile_text_stays_text_in_the_browser(demo_files, tmp_path):
    """The browser's own parser, not ours: hostile text from every field makes no element and runs nothing."""
    _, report = demo_files
    report = json.loads(json.dumps(report))
    report["snapshot"]["client"] = EVIL
    report["gate"]["reasons"] = [EVIL]
    for check in report["checks"]:
        check["title"], check["why"], check["fix"], check["summary"] = EVIL, EVIL, EVIL, EVIL
        for finding in check["findings"]:
            finding["message"], finding["fix"], finding["evidence"] = EVIL, EVIL, {EVIL: [EVIL]}
    page = tmp_path / "evil.html"
    page.write_text(html_report.render(report), "utf-8")
    result = browse(tmp_path, page, "--dump-dom")
    assert result.returncode == 0 and console(result.stderr) == []
    dom = result.stdout
    assert "<img" not in dom and dom.count("<script>") == 1 and "<style>" in dom.split("</head>")[0]
    assert dom.count("&lt;img src=x onerror=alert(2)&gt;") >= len(report["checks"])
