"""Copy from the official VK API JSON Schemas only the definitions the VK collector's tests validate against.

    python tests/data/vk-api-schema/trim.py /path/to/vk-api-schema > tests/data/vk-api-schema/definitions.json

Every definition reachable from :data:`RESPONSES` is copied verbatim, except that a reference to another
file (``../groups/objects.json#/definitions/x``) becomes local (``#/definitions/x``): the names carry their
section already, so one file holds them all.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

RESPONSES = (
    "groups_getById_object_response",
    "groups_getMembers_fields_response",
    "wall_get_response",
    "wall_getComments_response",
)
_REF = re.compile(r"^(?:\.\./(\w+)/(\w+)\.json)?#/definitions/(\w+)$")


def trim(root: Path) -> dict[str, Any]:
    every: dict[str, Any] = {}
    for path in sorted(root.glob("*/*.json")):
        if path.name in ("objects.json", "responses.json"):
            every.update(json.loads(path.read_text("utf-8")).get("definitions", {}))
    kept: dict[str, Any] = {}
    todo = list(RESPONSES)
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        kept[name] = _local(every[name], todo)
    return {
        "$comment": "Trimmed from VKCOM/vk-api-schema (MIT, LICENSE beside this file) by trim.py.",
        "definitions": dict(sorted(kept.items())),
    }


def _local(node: Any, todo: list[str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                match = _REF.match(value)
                if match is None:
                    raise ValueError(f"unexpected reference {value}")
                todo.append(match.group(3))
                value = f"#/definitions/{match.group(3)}"
            out[key] = _local(value, todo)
        return out
    if isinstance(node, list):
        return [_local(item, todo) for item in node]
    return node


if __name__ == "__main__":
    json.dump(trim(Path(sys.argv[1])), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
