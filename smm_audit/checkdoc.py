"""A check's documentation in Markdown: ``smm-audit explain`` prints it, docs/checks/<id>.md holds it."""

from __future__ import annotations

import inspect

from .api import Check


def render(check: Check) -> str:
    """The check's own docs followed by the facts the engine knows: options, data needed, sources."""
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
    if check.requires:
        lines.append("## Data it needs")
        lines.append("")
        lines.append(
            "Without these fields the check reports `not_applicable` and names what is missing: "
            + ", ".join(f"`{field}`" for field in check.requires)
            + "."
        )
        lines.append("")
    if check.sources:
        lines.append("## Sources")
        lines.append("")
        lines.extend(f"- {source}" for source in check.sources)
        lines.append("")
    return "\n".join(lines)
