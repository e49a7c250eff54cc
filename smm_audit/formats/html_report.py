"""The HTML report: one self-contained page an agency can hand to its client, or print to PDF.

Modelled on Lighthouse's report: a gauge for the audit's score and grade and
one per category, the gate's verdict and why, charts drawn from the checks'
metrics, then every category with its checks worst first, each a
``<details>`` with its status, score (out of 100), findings (severity,
message, where, evidence, its own fix), why it matters, how to fix it and a
link to its docs page. Baselined and suppressed findings stand apart, under
"Accepted risks"; checks that could not assess the snapshot are listed with
what is missing.

The page loads nothing: styles and the one small script are inline and
allowed by their hashes in a Content-Security-Policy ``default-src 'none'``,
so nothing else runs or loads even if some text slipped through unescaped.
No URL of the report is a link (URLs from the snapshot are text); the only
links are anchors in the page and each built-in check's docs page,
``docs/checks/ID.md`` relative to the repository (:data:`DOCS_LINK`). Every
string from the report is escaped (:mod:`._html`); the same report gives the
same bytes. Findings are capped per check (:data:`MAX_FINDINGS_PER_CHECK`)
with a count of the rest, as in the text report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smm_audit.api import Format, hookimpl

MAX_FINDINGS_PER_CHECK = 50
"""Findings shown per check (open ones first); the JSON report has them all."""

DOCS_LINK = "docs/checks/{id}.md"
"""A built-in check's docs page, relative to the root of the smm-audit repository (or of its docs site)."""

MAX_EVIDENCE_ITEMS = 8
"""Items of a list shown in the evidence; the rest is counted."""


def render(report: Mapping[str, Any]) -> str:
    """The page (:mod:`._html_page`, imported here: loading the plugins costs no HTML code)."""
    from ._html_page import render as page

    return page(report)


PAGE_NAMES = ("CSS", "SCRIPT", "CSP")
"""The page's constants, also given here (from :mod:`._html_page`, imported when one is asked for)."""


def __getattr__(name: str) -> Any:
    if name in PAGE_NAMES:
        from . import _html_page

        return getattr(_html_page, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@hookimpl
def register_formats(register):  # type: ignore[no-untyped-def]
    register(Format("html", render, "a self-contained HTML page for the client, printable to PDF", ".html"))
