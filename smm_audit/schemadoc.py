"""docs/snapshot.md from the snapshot schema: one table per entity, so the docs cannot drift from the schema.

Regenerate with ``python -m smm_audit.schemadoc > docs/snapshot.md``.
"""

from __future__ import annotations

from typing import Any

from .validate import load_schema

INTRO = """\
# The snapshot format (v1)

Generated from `schemas/snapshot.schema.json` by `python -m smm_audit.schemadoc`;
`smm-audit schema snapshot` prints the schema itself (JSON Schema 2020-12), the
reference for exporters.

One snapshot is one client at one moment. `taken_at` is the audit's "now":
every time-based rule counts from it. Unknown fields are errors everywhere
except under `extensions`. Only the fields marked required must be present; a
check whose data is missing reports `not_applicable` and names what it lacks.
Besides the schema, the loader checks that ids are unique within their list and
that every reference (`post_id`, `reply_to`, `account_id`, `account_ids`,
`holders`) points at something that exists. A reference such as `000 L128` is a
line of one of the source articles behind the checks: [sources.md](sources.md).

**Limits.** A snapshot lists at most 20,000 accounts; more is refused with
one line and exit 2 before the schema is checked (`--max-accounts N` of `run`,
`validate` and `baseline` moves the limit). A snapshot is one client's
presence, and even a chain with a page per store on three or four platforms
stays in the low thousands. Past that, the accounts are an export gone wrong
or a hostile file, and each one costs findings (a bare account gives two: no
credential record, nobody runs it): 190,000 bare accounts fit in 9 MB and
take about 10 s and a 158 MB JSON report, while 20,000 take under 2 s of CPU
(`benchmarks/hostile_inputs.py`, benchmarks/README.md). The file itself may
be up to 1 GiB (decompressed), enough for millions of followers.
"""


def _type(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        target = defs[name]
        return f"[{name}](#{name})" if target.get("type") == "object" else _type(target, defs)
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"array of {_type(spec.get('items', {}), defs)}"
    if isinstance(kind, list):
        kind = " or ".join(kind)
    fmt = spec.get("format")
    return f"{kind} ({fmt})" if fmt else kind


def _table(title: str, anchor: str, obj: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    lines = [f"## {title}", "", f'<a id="{anchor}"></a>', ""]
    if obj.get("description"):
        lines += [obj["description"], ""]
    required = set(obj.get("required", []))
    lines += ["| field | type | required | description |", "| --- | --- | --- | --- |"]
    for name, spec in obj.get("properties", {}).items():
        description = spec.get("description") or defs.get(spec.get("$ref", "").rsplit("/", 1)[-1], {}).get(
            "description", ""
        )
        cell = " ".join(description.split()).replace("|", "\\|")
        lines.append(f"| `{name}` | {_type(spec, defs)} | {'yes' if name in required else ''} | {cell} |")
    return [*lines, ""]


def render() -> str:
    schema = load_schema("snapshot")
    defs = schema.get("$defs", {})
    lines = [INTRO, *_table("Top level", "top-level", schema, defs)]
    client = schema["properties"]["client"]
    lines += _table("client", "client", client, defs)
    for name, spec in defs.items():
        if spec.get("type") == "object" and "properties" in spec:
            lines += _table(name, name, spec, defs)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
