"""A check's documentation in Markdown: ``smm-audit explain`` prints it, docs/checks/<id>.md holds it."""

from __future__ import annotations

import inspect

from . import citations
from .api import Check


def render(check: Check) -> str:
    """The check's own docs followed by the facts the engine knows: options, data needed, sources.

    Each source keeps its line references, followed by the article and section they point to.
    """
    lines = [f"# {check.id}: {check.title}", ""]
    lines.append(
        f"Category: **{check.category}** · default severity: **{check.severity}** · weight: **{check.weight:g}**"
    )
    lines.append("")
    lines.append(check.summary)
    lines.append("")
    if check.docs:
        lines.append(inspect.cleandoc(check.docs))
        lines.append("")
    if check.options:
        lines.append("## Options")
        lines.append("")
        lines.append("| option | type | default | meaning |")
        lines.append("| --- | --- | --- | --- |")
        for opt in check.options:
            lines.append(f"| `{opt.name}` | {opt.type.__name__} | `{opt.default!r}` | {opt.help} |")
        lines.append("")
    needs = [need.path for need in check.requirements()]
    if needs or check.reads:
        lines.append("## Data it needs" if needs else "## Data it reads")
        lines.append("")
        if needs:
            lines.append(
                "Without these fields the check reports `not_applicable` and names what is missing: "
                + ", ".join(f"`{field}`" for field in needs)
                + "."
            )
        if check.reads:
            lines.append(
                ("It also reads" if needs else "It reads")
                + ", when given: "
                + ", ".join(f"`{field}`" for field in check.reads)
                + "."
            )
        lines.append("")
    if check.sources:
        lines.append("## Sources")
        lines.append("")
        lines.extend(f"- {citations.annotated(source)}" for source in check.sources)
        lines.append("")
        if any(c.sections() for source in check.sources for c in citations.parse(source)):
            lines.append("The articles, their sections and the claims behind each rule: [sources](../sources.md).")
            lines.append("")
    return "\n".join(lines)


def write_all(directory: str, *, check_only: bool = False) -> list[str]:
    """Write docs/checks/<id>.md for every built-in check; with ``check_only``, list the stale ones instead."""
    from pathlib import Path

    from . import plugins

    registry = plugins.load(entry_points=False, env={})
    builtin = {c for info in registry.plugins if info.source == "built-in" for c in info.checks}
    stale = []
    for check_id in sorted(builtin):
        path = Path(directory) / f"{check_id}.md"
        text = render(registry.checks[check_id])
        if not path.exists() or path.read_text("utf-8") != text:
            stale.append(str(path))
            if not check_only:
                path.write_text(text, encoding="utf-8")
    return stale


if __name__ == "__main__":
    import sys

    changed = write_all(sys.argv[1] if len(sys.argv) > 1 else "docs/checks", check_only="--check" in sys.argv)
    print("\n".join(changed) or "up to date")
