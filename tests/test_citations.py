"""Citations: every reference the built-in checks make points to an article's section; reports show it readably."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from conftest import DEMO, ROOT
from smm_audit import citations, plugins
from smm_audit.citations import ARTICLES, Citation
from smm_audit.testing import make_snapshot

RAW = re.compile(r"\b00[0-4] L\d+")
SEEDS = ROOT.parent / "shared" / "seeds"  # the articles themselves: beside the repository, never in it


def builtin_checks():
    registry = plugins.load(entry_points=False, env={})
    ids = {c for info in registry.plugins if info.source == "built-in" for c in info.checks}
    return [registry.checks[i] for i in sorted(ids)]


def cited_by(check) -> list[Citation]:
    """Every reference in the check's metadata and in its module's source (its finding messages live there)."""
    texts = [check.summary, check.why, check.fix, check.docs or "", *check.sources, *(o.help for o in check.options)]
    texts.append(Path(inspect.getsourcefile(check.run)).read_text("utf-8"))
    return [c for text in texts for c in citations.parse(text)]


def all_cited() -> set[Citation]:
    schema = (ROOT / "schemas" / "snapshot.schema.json").read_text("utf-8")
    return {c for check in builtin_checks() for c in cited_by(check)} | set(citations.parse(schema))


def test_the_builtin_checks_cite_the_articles():
    assert len(all_cited()) > 50  # the parser finds them: about 60 distinct references


@pytest.mark.parametrize("check", builtin_checks(), ids=lambda c: c.id)
def test_every_citation_of_a_builtin_check_points_to_a_section(check):
    for citation in cited_by(check):
        article = ARTICLES.get(citation.article)
        assert article is not None, (check.id, citation.ref, "unknown article")
        assert citation.last <= article.lines, (check.id, citation.ref, "past the article's end")
        assert citation.sections(), (check.id, citation.ref, "no section: add one to smm_audit/citations.py")


def test_the_snapshot_schema_cites_sections_too():
    schema = (ROOT / "schemas" / "snapshot.schema.json").read_text("utf-8")
    for citation in citations.parse(schema):
        assert citation.sections(), citation.ref


def test_a_line_outside_every_section_or_article_does_not_resolve():
    assert Citation("000", 214, 214).sections() == []  # the site's disclaimer, not the article
    assert Citation("000", 212, 214).sections() == []  # a range partly outside
    assert Citation("002", 900, 900).sections() == []
    assert Citation("009", 1, 1).sections() == []


def test_sections_are_in_order_and_do_not_overlap():
    for article in ARTICLES.values():
        last = 0
        for section in article.sections:
            assert last < section.first <= section.last <= article.lines, (article.id, section)
            last = section.last


def test_the_client_form_names_article_and_section():
    assert citations.readable("worse of the brand (000 L263, 004 L5).") == (
        "worse of the brand (SMM promotion guide, “Mistake 3: abandoned communities”; 12 SMM tasks, introduction)."
    )
    assert citations.readable("(001 L76, L314)") == (
        "(SMM primer, “Planning quality content”, “Running pages and groups”)"
    )
    assert citations.readable("(002 L70-72, 002 L72)") == "(SMM pitfalls, “Mistake 10: no social-media policy”)"
    assert citations.readable("(ours: 'weeks', 000 L263)") == (
        "(ours: 'weeks', SMM promotion guide, “Mistake 3: abandoned communities”)"
    )


def test_unknown_references_and_other_text_stay_as_written():
    for text in ("(009 L5)", "(000 L214)", "room 101 L3x", "a 2026 L-shaped sofa", "no citation here"):
        assert citations.readable(text) == text


def test_auditors_keep_the_line_reference():
    assert citations.annotated("000 L253-255: a former employee") == (
        "000 L253-255 (SMM promotion guide, “Mistake 2: handing SMM to staff”): a former employee"
    )
    assert [c.ref for c in citations.parse("(000 L84, L45; 002 L50)")] == ["000 L84", "000 L45", "002 L50"]


def test_reports_show_articles_and_sections_and_keep_the_references(cli):
    data = json.loads(cli("run", str(DEMO), "-f", "json", "--no-plugins").stdout)
    checks = {check["id"]: check for check in data["checks"]}
    for check in builtin_checks():
        entry = checks[check.id]
        texts = [entry["summary"], entry["why"], entry["fix"], entry["message"] or ""]
        texts += [t for f in entry["findings"] for t in (f["message"], f["fix"] or "")]
        assert not [t for t in texts if RAW.search(t)], check.id
        raw = citations.parse(" ".join([check.summary, check.why, check.fix]))
        refs = {c["ref"] for c in entry["citations"]}
        assert {c.ref for c in raw} <= refs, check.id
        assert all(c["article"] and c["sections"] for c in entry["citations"]), check.id
        assert entry["sources"] == list(check.sources)
    policy = checks["credential-policy"]
    assert "(SMM pitfalls, “Mistake 10: no social-media policy”;" in policy["why"]
    assert {"ref": "002 L70-72", "article": "SMM pitfalls", "sections": ["Mistake 10: no social-media policy"]} in (
        policy["citations"]
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "junit", "sarif"])
def test_every_format_shows_the_readable_form(cli, fmt):
    out = cli("run", str(DEMO), "-f", fmt, "--no-plugins", "--max-findings", "0").stdout
    assert "SMM pitfalls" in out and "Mistake 10: no social-media" in out
    assert not RAW.search(out), RAW.search(out)


def test_explain_and_check_docs_keep_the_line_references(cli):
    out = cli("explain", "dead-community").stdout
    assert "- 000 L263 (SMM promotion guide, “Mistake 3: abandoned communities”):" in out
    assert "(../sources.md)" in out


SPLITTER = """
from smm_audit.api import Check, Finding, Result, hookimpl

def audit(snapshot, options):
    said = snapshot.extensions["said"]  # quoted whole, without excerpt(): only the report's scrub hides a secret
    return Result("fail", 0.0, [Finding("they said: " + said, "/extensions/said", ("said",), "high")])

@hookimpl
def register_checks(register):
    register(Check(id="splitter", title="Quotes", category="privacy", run=audit, summary="s", why="w", fix="f"))
"""


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_citation_inside_a_secret_never_splits_it(cli, write_snapshot, plugin_dir, fmt):
    password = "hunter-x 000 L263 secret-y"
    snapshot = make_snapshot(
        accounts=[{"id": "vk", "platform": "vk", "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": password}}],
        extensions={"said": f"the password is {password}"},
    )
    result = cli("run", str(write_snapshot(snapshot)), "-p", plugin_dir("splitter_plugin", SPLITTER), "-f", fmt)
    assert "hunter-x" not in result.stdout and "secret-y" not in result.stdout


def test_a_secret_in_the_citation_words_is_hidden_too(cli, write_snapshot):
    snapshot = make_snapshot(
        accounts=[{"id": "vk", "platform": "vk", "posts": []}],
        credentials=[{"account_id": "vk", "password": {"plaintext": "pitfalls"}}],
    )
    out = cli("run", str(write_snapshot(snapshot)), "-f", "json", "--select", "credential-policy").stdout
    assert "pitfalls" not in out and "SMM [REDACTED]" in out


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the repository")
def test_the_sections_match_the_articles_text():
    for article in ARTICLES.values():
        (path,) = SEEDS.glob(f"{article.id}_*.txt")
        lines = path.read_text("utf-8").splitlines()
        assert len(lines) == article.lines, article.id
        for section in article.sections:
            assert lines[section.first - 1].strip(), (article.id, section)  # a section starts with its heading


def test_docs_sources_describes_every_article_and_every_reference():
    doc = (ROOT / "docs" / "sources.md").read_text("utf-8")
    for article in ARTICLES.values():
        assert article.name in doc and article.language in doc, article.id
        for section in article.sections:
            assert section.name in doc, (article.id, section.name)
    missing = sorted({c.ref for c in all_cited()} - set(re.findall(r"\b00[0-4] L\d+(?:-\d+)?", doc)))
    assert missing == [], "docs/sources.md lacks the claims of these references"
