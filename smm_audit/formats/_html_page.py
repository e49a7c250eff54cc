"""The HTML report's page: what :mod:`smm_audit.formats.html_report` renders, imported when a page is made."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from smm_audit.api import findings_count, gate_rules, severity_rank, status_rank, triage_mark

from . import _html_charts
from ._html import BAND_WORDS, band, bdi, esc, gauge, pattern_defs, score100
from .html_report import DOCS_LINK, MAX_EVIDENCE_ITEMS, MAX_FINDINGS_PER_CHECK

_STATUS = {
    "error": ("✖", "error", "could not run"),
    "fail": ("▲", "fail", "failed"),
    "warn": ("■", "warn", "warning"),
    "not_applicable": ("–", "na", "not assessed"),
    "pass": ("●", "pass", "passed"),
}

CSS = """
:root{--fg:#202124;--muted:#5f6368;--line:#dadce0;--bg:#fff;--soft:#f8f9fa;
--good:#0c7a3e;--average:#b35c00;--poor:#c5221f;--none:#80868b;--accent:#1a56a6;
--s1:#1a56a6;--s2:#c5221f;--s3:#5f6368;--s4:#b35c00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);
background:var(--bg);overflow-wrap:break-word}
ul.findings,.where,dl.ev{overflow-wrap:anywhere}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 0}h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.meta,.note,.muted{color:var(--muted)}.meta{margin:.25rem 0 1rem}
code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:0 .2em;
border-radius:3px}
.top{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:center}.overall{text-align:center}
.verdict{flex:1 1 18rem;border-left:6px solid var(--poor);padding:.5rem 1rem;background:var(--soft)}
.verdict.passed{border-color:var(--good)}.verdict h2{border:0;margin:0}
.gauges{display:flex;flex-wrap:wrap;gap:.5rem 1rem;list-style:none;padding:0;margin:1rem 0}
.gauges li{width:7.5rem;text-align:center}.gauges a{color:inherit;text-decoration:none}
.gauge .g-track{fill:none;stroke:var(--line);stroke-width:10}
.gauge .g-fill{fill:none;stroke-width:10;stroke-linecap:butt}
.gauge-good .g-fill{stroke:var(--good)}.gauge-average .g-fill{stroke:var(--average)}
.gauge-poor .g-fill{stroke:var(--poor)}.gauge-none .g-fill{stroke:none}
.gauge text{text-anchor:middle;font-family:system-ui,sans-serif}
.g-score{font-size:30px;font-weight:600;fill:var(--fg)}.g-grade{font-size:15px;fill:var(--muted)}
.glabel{display:block;font-weight:600}.gband{display:block;font-size:.85em;color:var(--muted)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);
vertical-align:top}
.scroll{overflow-x:auto}caption{text-align:left;color:var(--muted);padding:.25rem 0}
.st,td.n{font-weight:600;white-space:nowrap}td.n{font-weight:400}.st-fail,.st-error{color:var(--poor)}.st-warn{color:var(--average)}
.st-pass{color:var(--good)}.st-na{color:var(--none)}
details.check{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;background:var(--bg)}
details.check>summary{cursor:pointer;padding:.6rem .8rem;display:flex;gap:.6rem;flex-wrap:wrap;align-items:baseline}
details.check>summary .title{flex:1 1 12rem;font-weight:600}
.check-body{padding:0 .8rem .8rem}
ul.findings{list-style:none;padding:0;margin:.5rem 0}
ul.findings>li{border-left:4px solid var(--line);padding:.3rem .6rem;margin:.4rem 0;background:var(--soft)}
.sev{display:inline-block;min-width:5.5em;font-weight:600;text-transform:uppercase;font-size:.8em}
.sev-critical{color:#fff;background:var(--poor);padding:0 .3em;border-radius:3px}
.sev-high{color:var(--poor)}.sev-medium{color:var(--average)}.sev-low{color:var(--accent)}.sev-info{color:var(--muted)}
li.f-critical,li.f-high{border-left-color:var(--poor)}li.f-medium{border-left-color:var(--average)}
li.f-low{border-left-color:var(--accent)}
.accepted{border:1px dashed var(--none);border-radius:6px;padding:.25rem .6rem;margin-top:.75rem}
.accepted ul.findings>li{background:var(--bg);border-left-style:dashed;color:var(--muted)}
.tag{font-size:.8em;border:1px solid var(--none);border-radius:3px;padding:0 .3em;color:var(--muted)}
.tag.expired{border-color:var(--average);color:var(--average)}
.where{font-size:.9em;color:var(--muted)}
dl.ev{display:grid;grid-template-columns:max-content 1fr;gap:0 .75rem;margin:.25rem 0;font-size:.9em}
dl.ev dt{color:var(--muted)}dl.ev dd{margin:0}
.why,.fix{margin:.4rem 0}
.charts figure{margin:1rem 0}.charts figure.small{margin:.25rem 0 .75rem}
figcaption{font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;font-family:system-ui,sans-serif}
.c-label{font-size:13px;fill:var(--fg)}.c-note{font-size:11px;fill:var(--muted)}.c-end{text-anchor:end}
.c-fig{font-size:12px;text-anchor:middle;fill:#fff;paint-order:stroke;stroke:#000;stroke-width:2.5px;
font-weight:600}
.c-col{font-size:11px;text-anchor:middle;fill:var(--fg)}.c-axis{stroke:var(--muted)}.c-zero{fill:var(--poor)}
.seg{stroke:var(--bg);stroke-width:1}
.pat-solid .pf{fill:var(--s1)}.pat-stripes .pb{fill:var(--s2)}.pat-dots .pb{fill:var(--s4)}
.pat-cross .pb{fill:var(--s3)}.pat-lines .pb{fill:#5b8fd6}
.ps{stroke:#fff;stroke-width:1.6}.pd{fill:#fff}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
ul.legend{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9em}
ul.legend svg{vertical-align:-2px}
details.alt{margin:.25rem 0;font-size:.9em}details.alt>summary{cursor:pointer;color:var(--accent)}
.toolbar{margin:.5rem 0}.toolbar button{font:inherit;padding:.2rem .7rem;margin-right:.4rem;cursor:pointer}
a{color:var(--accent)}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.85em}
@media (max-width:40rem){main{padding:.6rem}.gauges li{width:6.5rem}.gauges svg.gauge{width:90px;height:90px}
dl.ev{grid-template-columns:1fr}dl.ev dd{margin-bottom:.3rem}}
@media print{
body{font-size:11pt}main{max-width:none;padding:0}
.toolbar,.noprint{display:none!important}
details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}
details::details-content{content-visibility:visible;display:contents}
details.check{break-inside:auto;border-color:#999}
section.category{break-before:page}
ul.findings>li,figure,tr,.verdict{break-inside:avoid}
a{color:inherit;text-decoration:none}
}
""".strip()

SCRIPT = """
(function(){
function all(open){document.querySelectorAll('details').forEach(function(d){d.open=open;});}
window.addEventListener('beforeprint',function(){all(true);});
var b=document.getElementById('expand-all'),c=document.getElementById('collapse-all');
if(b){b.addEventListener('click',function(){all(true);});}
if(c){c.addEventListener('click',function(){all(false);});}
})();
""".strip()


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {_csp_hash(SCRIPT)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)
"""Only this page's own style and script may apply: nothing loads, nothing injected runs."""


def _check_anchor(check_id: str) -> str:
    return "check-" + quote(check_id, safe="")


def _category_anchor(category: str) -> str:
    return "category-" + quote(category, safe="")


def _check_score(score: float | None) -> str:
    """A check's 0-1 score on the report's 0-100 scale."""
    return "" if score is None else f"{round(score * 100, 1):g}/100"


def _worst_first(check: Mapping[str, Any]) -> tuple[int, float, str]:
    score = check["score"]
    return status_rank(check["status"]), 2.0 if score is None else score, check["id"]


def _status(status: str) -> str:
    mark, css, words = _STATUS[status]
    return f'<span class="st st-{css}"><span aria-hidden="true">{mark}</span> {words}</span>'


def _header(report: Mapping[str, Any]) -> str:
    snap, tool = report["snapshot"], report["tool"]
    client = snap["client"] or "unnamed client"
    plugins = "".join(
        f"<br>plugin {bdi(p['name'])}{' ' + esc(p['version']) if p.get('version') else ''} "
        f"adds {', '.join(f'<code>{esc(c)}</code>' for c in p.get('checks', []))}"
        for p in tool.get("plugins", [])
    )
    return (
        f"<header><h1>Social-media audit: {bdi(client)}</h1>"
        f'<p class="meta">Snapshot taken {bdi(snap["taken_at"])} · {bdi(snap["source"])} '
        f"(sha256 <code>{esc(snap['sha256'][:12])}</code>) · smm-audit {esc(tool['version'])}{plugins}</p></header>"
    )


def _verdict(report: Mapping[str, Any]) -> str:
    gate = report["gate"]
    rules = gate_rules(gate)
    passed = gate["passed"]
    reasons = "".join(f"<li>{bdi(r)}</li>" for r in gate["reasons"])
    summary = report["summary"]
    total = sum(summary["findings"].values())
    severities = ", ".join(f"{n} {s}" for s, n in summary["findings"].items() if n)
    triage = summary.get("triage", {})
    accepted = ", ".join(f"{triage[k]} {k}" for k in ("baselined", "suppressed") if triage.get(k))
    return (
        f'<div class="verdict{" passed" if passed else ""}">'
        f"<h2>{'✔ Gate passed' if passed else '✖ Gate failed'}</h2>"
        f'<p class="muted">{esc(rules)}</p>'
        + (f"<ul>{reasons}</ul>" if reasons else "")
        + f"<p>Coverage {report['coverage']:.0%} · {summary['checks']} checks · {total} findings"
        + (f" ({esc(severities)})" if severities else "")
        + (f" · accepted risks: {esc(accepted)}" if accepted else "")
        + "</p></div>"
    )


def _gauges(report: Mapping[str, Any], categories: Sequence[Mapping[str, Any]]) -> str:
    items = []
    for category in categories:
        score = category["score"]
        label = category["id"]
        items.append(
            f'<li><a href="#{esc(_category_anchor(label))}">{gauge(score, label, size=96)}'
            f'<span class="glabel">{bdi(label)}</span><span class="gband">{BAND_WORDS[band(score)]}</span></a></li>'
        )
    overall = gauge(report["score"], "Overall score", report["grade"], size=150)
    return (
        f'<section class="top" aria-label="Scores"><div class="overall">{overall}'
        f'<span class="glabel">Overall score</span><span class="gband">{BAND_WORDS[band(report["score"])]}</span>'
        f"</div>{_verdict(report)}</section>"
        f'<ul class="gauges" aria-label="Scores by category">{"".join(items)}</ul>'
    )


def _overview(checks: Sequence[Mapping[str, Any]]) -> str:
    rows = "".join(
        f'<tr><td>{_status(c["status"])}</td><td><a href="#{esc(_check_anchor(c["id"]))}">{bdi(c["title"])}</a> '
        f"<code>{esc(c['id'])}</code></td><td>{bdi(c['category'])}</td>"
        f'<td class="n">{esc(_check_score(c["score"]) or "n/a")}</td>'
        f'<td class="n">{findings_count(c["findings"])}</td></tr>'
        for c in checks
    )
    return (
        '<section aria-labelledby="h-overview"><h2 id="h-overview">Checks, worst first</h2><div class="scroll">'
        '<table><thead><tr><th scope="col">Status</th><th scope="col">Check</th><th scope="col">Category</th>'
        f'<th scope="col">Score</th><th scope="col">Findings</th></tr></thead><tbody>{rows}</tbody></table></div>'
        "</section>"
    )


def _charts(checks: Sequence[Mapping[str, Any]]) -> str:
    figures, seen = [], set()
    for check_id, chart in _html_charts.charts(checks):
        anchor = f"chart-{chart.id}" if chart.id not in seen else f"chart-{chart.id}-{quote(check_id or '', safe='')}"
        seen.add(chart.id)
        source = f'<a href="#{esc(_check_anchor(check_id or ""))}"><code>{esc(check_id)}</code></a>'
        if chart.body:
            figures.append(
                f'<figure id="{esc(anchor)}" class="chart-figure"><figcaption>{esc(chart.title)} '
                f'<span class="muted">(from {source})</span></figcaption>{chart.body}</figure>'
            )
        else:
            figures.append(
                f'<p class="note chart-missing" id="{esc(anchor)}">{esc(chart.title)}: {esc(chart.note)}</p>'
            )
    head = '<section class="charts" aria-labelledby="h-charts"><h2 id="h-charts">At a glance</h2>'
    return head + "".join(figures) + "</section>"


def _value(value: Any, depth: int = 0) -> str:
    """Evidence as short escaped text: lists cut at :data:`MAX_EVIDENCE_ITEMS`, mappings as ``key: value``."""
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "—"}[value]
    if isinstance(value, list | tuple):
        shown = [_value(v, depth + 1) for v in value[:MAX_EVIDENCE_ITEMS]]
        more = f", … {len(value) - MAX_EVIDENCE_ITEMS} more" if len(value) > MAX_EVIDENCE_ITEMS else ""
        return ", ".join(shown) + more
    if isinstance(value, Mapping):
        if depth >= 2:
            return "…"
        items = list(value.items())
        shown = [f"{bdi(k)}: {_value(v, depth + 1)}" for k, v in items[:MAX_EVIDENCE_ITEMS]]
        more = f"; … {len(items) - MAX_EVIDENCE_ITEMS} more" if len(items) > MAX_EVIDENCE_ITEMS else ""
        return "; ".join(shown) + more
    if isinstance(value, float):
        return esc(f"{value:g}")
    return bdi(value)


def _evidence(evidence: Any) -> str:
    if not isinstance(evidence, Mapping) or not evidence:
        return ""
    rows = "".join(f"<dt>{bdi(k)}</dt><dd>{_value(v)}</dd>" for k, v in evidence.items())
    return f'<details class="alt"><summary>Evidence</summary><dl class="ev">{rows}</dl></details>'


def _triage_tag(finding: Mapping[str, Any]) -> str:
    mark = triage_mark(finding, bdi)
    if mark is None:
        return ""
    kind, words = mark
    return f' <span class="tag{" expired" if kind == "expired" else ""}">{words}</span>'


def _finding(finding: Mapping[str, Any], source: str) -> str:
    severity = finding["severity"]
    line = finding.get("line")
    where = f"<code>{esc(finding['location'] or '/')}</code>" + (
        f" · {bdi(source)}, line {line}" if isinstance(line, int) and not isinstance(line, bool) else ""
    )
    fix = f'<p class="fix"><strong>Fix:</strong> {bdi(finding["fix"])}</p>' if finding.get("fix") else ""
    return (
        f'<li class="f-{severity}"><span class="sev sev-{severity}">{severity}</span> {bdi(finding["message"])}'
        f'{_triage_tag(finding)}<div class="where">at {where}</div>{fix}{_evidence(finding.get("evidence"))}</li>'
    )


def _finding_list(findings: Sequence[Mapping[str, Any]], source: str) -> str:
    return '<ul class="findings">' + "".join(_finding(f, source) for f in findings) + "</ul>"


def _docs(check: Mapping[str, Any], plugin_checks: set[str]) -> str:
    explain = f"<code>smm-audit explain {esc(check['id'])}</code>"
    if check["id"] in plugin_checks:
        return f'<p class="muted">Documented by its plugin: {explain}.</p>'
    href = DOCS_LINK.format(id=quote(check["id"], safe=""))
    return f'<p class="muted">Docs: <a href="{esc(href)}" rel="noopener noreferrer">{esc(href)}</a> or {explain}.</p>'


def _check(check: Mapping[str, Any], source: str, plugin_checks: set[str]) -> str:
    findings = check["findings"]
    open_ = [f for f in findings if f.get("status", "open") == "open"]
    accepted = [f for f in findings if f.get("status", "open") != "open"]
    shown_open = open_[:MAX_FINDINGS_PER_CHECK]
    shown_accepted = accepted[: max(MAX_FINDINGS_PER_CHECK - len(shown_open), 0)]
    total = findings_count(findings)
    hidden = total - findings_count(shown_open) - findings_count(shown_accepted)
    count = f"{total} finding{'s' if total != 1 else ''}"
    worst = max((severity_rank(f["severity"]) for f in open_), default=-1)
    body = [f'<p class="summary">{bdi(check["summary"])}</p>']
    if check["message"]:
        body.append(f'<p class="message"><strong>Note:</strong> {bdi(check["message"])}</p>')
    if check["missing"]:
        missing = ", ".join(f"<code>{esc(m)}</code>" for m in check["missing"])
        body.append(f'<p class="missing"><strong>Missing from the snapshot:</strong> {missing}</p>')
    if shown_open:
        body.append(_finding_list(shown_open, source))
    if shown_accepted:
        body.append(
            f'<div class="accepted"><h4>Accepted risks ({findings_count(accepted)}): baselined or suppressed, '
            f"they do not fail the gate</h4>{_finding_list(shown_accepted, source)}</div>"
        )
    if hidden:
        body.append(f'<p class="more">… and {hidden} more (the JSON report, <code>-f json</code>, has them all)</p>')
    if findings:
        body.append(f'<p class="why"><strong>Why it matters:</strong> {bdi(check["why"])}</p>')
        body.append(f'<p class="fix"><strong>How to fix:</strong> {bdi(check["fix"])}</p>')
    elif not check["message"] and not check["missing"]:
        body.append("<p>No findings.</p>")
    body.append(_docs(check, plugin_checks))
    score = _check_score(check["score"])
    open_attr = " open" if check["status"] in ("fail", "error") or worst >= severity_rank("high") else ""
    return (
        f'<details class="check" id="{esc(_check_anchor(check["id"]))}"{open_attr}><summary>'
        f'{_status(check["status"])}<span class="title">{bdi(check["title"])} <code>{esc(check["id"])}</code></span>'
        f'<span class="score">{esc(score)}</span><span class="count">{count}</span></summary>'
        f'<div class="check-body">{"".join(body)}</div></details>'
    )


def _categories(
    report: Mapping[str, Any], categories: Sequence[Mapping[str, Any]], source: str, plugin_checks: set[str]
) -> str:
    checks = {c["id"]: c for c in report["checks"]}
    parts = []
    for category in categories:
        members = sorted((checks[i] for i in category["checks"] if i in checks), key=_worst_first)
        score = category["score"]
        parts.append(
            f'<section class="category" id="{esc(_category_anchor(category["id"]))}">'
            f"<h2>{bdi(category['id'])} · {esc(score100(score))}{'' if score is None else '/100'}</h2>"
            + "".join(_check(c, source, plugin_checks) for c in members)
            + "</section>"
        )
    return "".join(parts)


def _coverage(report: Mapping[str, Any], categories: Sequence[Mapping[str, Any]]) -> str:
    rows = "".join(
        f"<tr><td>{bdi(c['id'])}</td><td>{c['coverage']:.0%}</td><td>{len(c['checks'])}</td></tr>"
        for c in categories
        if isinstance(c.get("coverage"), int | float)
    )
    unassessed = [c for c in sorted(report["checks"], key=_worst_first) if c["status"] in ("not_applicable", "error")]
    items = "".join(
        f"<li>{_status(c['status'])} {bdi(c['title'])} <code>{esc(c['id'])}</code>: "
        + (bdi(c["message"]) if c["message"] else "no reason given")
        + (" (missing: " + ", ".join(f"<code>{esc(m)}</code>" for m in c["missing"]) + ")" if c["missing"] else "")
        + "</li>"
        for c in unassessed
    )
    what = f"<ul>{items}</ul>" if items else "<p>Every check could assess the snapshot.</p>"
    return (
        '<section class="coverage" aria-labelledby="h-coverage"><h2 id="h-coverage">Coverage: what could not be '
        f"assessed</h2><p>The checks that ran cover {report['coverage']:.0%} of the audit's weight.</p>{what}"
        '<div class="scroll"><table><thead><tr><th scope="col">Category</th><th scope="col">Coverage</th>'
        f'<th scope="col">Checks</th></tr></thead><tbody>{rows}</tbody></table></div></section>'
    )


def render(report: Mapping[str, Any]) -> str:
    snap = report["snapshot"]
    client = snap["client"] or "unnamed client"
    categories = sorted(report["categories"], key=lambda c: (c["score"] is None, c["score"] or 0, c["id"]))
    checks = sorted(report["checks"], key=_worst_first)
    plugin_checks = {c for p in report["tool"].get("plugins", []) for c in p.get("checks", [])}
    toolbar = (
        '<p class="toolbar noprint"><button type="button" id="expand-all">Expand all</button>'
        '<button type="button" id="collapse-all">Collapse all</button></p>'
    )
    body = "".join(
        [
            _header(report),
            _gauges(report, categories),
            _overview(checks),
            _charts(checks),
            toolbar,
            _categories(report, categories, snap["source"], plugin_checks),
            _coverage(report, categories),
            f"<footer>smm-audit {esc(report['tool']['version'])} · report format {esc(report['report_version'])} · "
            f"snapshot sha256 <code>{esc(snap['sha256'])}</code></footer>",
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>smm-audit: {esc(client)}</title><style>{CSS}</style></head>\n"
        f"<body>{pattern_defs()}<main>{body}</main><script>{SCRIPT}</script></body></html>\n"
    )
