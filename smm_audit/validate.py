"""Is this data a snapshot? JSON Schema first, then the references between entities.

Validation takes two steps. A compiled validator (fastjsonschema) answers
"valid or not" about 25 times faster than jsonschema, which matters for a
million followers; only when it says "not valid" does jsonschema walk the
data again to list every problem. Every problem comes back as a
:class:`Problem` at a JSON pointer, worded by us rather than by the library, so
that no value under a credential's ``password`` is ever echoed and long values
are shortened.
"""

from __future__ import annotations

import difflib
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from . import pointer
from .errors import MAX_PROBLEMS, Problem
from .jsontext import shorten
from .snapshot import parse_time

SUPPORTED_MAJOR = "1"
SECRET_FIELDS = frozenset({"password", "plaintext", "secret", "token"})


@cache
def load_schema(name: str) -> dict[str, Any]:
    """One of the shipped schemas: ``snapshot`` or ``report``."""
    text = resources.files("smm_audit.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


_formats = FormatChecker(formats=())


@_formats.checks("date-time")
def is_datetime(value: object) -> bool:
    """RFC 3339: a date, a time and an offset (``Z`` or ``+03:00``)."""
    if not isinstance(value, str):
        return True
    if len(value) < 20 or value[10] not in "Tt ":
        return False
    try:
        moment = parse_time(value)
    except ValueError:
        return False
    return moment.tzinfo is not None and 1900 <= moment.year <= 9998  # room for date arithmetic either side


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=_formats)


@cache
def _fast_validator(name: str) -> Any:
    # The shipped schemas use only keywords that mean the same in draft 7 and 2020-12.
    schema = {**load_schema(name), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema, formats={"date-time": is_datetime}, use_default=False)


def _is_valid_fast(data: Any, schema: str) -> bool:
    try:
        _fast_validator(schema)(data)
    except Exception:  # invalid, or anything else the fast path trips on: the thorough one decides
        return False
    return True


def check_version(data: Any) -> list[Problem]:
    """Refuse a snapshot of an unknown major version before anything else is said about it."""
    if not isinstance(data, dict):
        kind = _json_type(data)
        return [Problem("", f"a snapshot is a JSON object at the top level, not {kind}")]
    version = data.get("schema_version")
    if isinstance(version, str) and version.split(".", 1)[0] != SUPPORTED_MAJOR:
        return [
            Problem(
                "/schema_version",
                f"unsupported schema_version {shorten(version, 20)!r}: "
                f"this smm-audit reads {SUPPORTED_MAJOR}.x snapshots",
            )
        ]
    return []


def validate(
    data: Any, schema: str = "snapshot", extensions: Mapping[str, Any] | None = None, limit: int = MAX_PROBLEMS
) -> list[Problem]:
    """The problems of ``data`` against a shipped schema, then (for snapshots) its references.

    ``extensions`` maps a plugin's name to the JSON Schema of its data under ``extensions.<name>``.
    At most ``limit + 1`` problems are returned: the first ``limit`` found, sorted, and one more
    when there are more (finding every problem of a million bad items would take minutes).
    """
    problems = check_version(data) if schema == "snapshot" else []
    if problems:
        return problems
    found: Iterator[Problem] = _schema_problems(data, schema)
    if schema == "snapshot" and isinstance(data, dict):
        found = itertools.chain(found, _extension_problems(data.get("extensions"), extensions or {}))
    problems = list(itertools.islice(found, limit + 1))  # the validators are lazy: stop once there are enough
    problems.sort(key=_order)
    if not problems and schema == "snapshot":
        problems = list(itertools.islice(reference_problems(data), limit + 1))
    return problems


def _extension_problems(given: Any, schemas: Mapping[str, Any]) -> Iterator[Problem]:
    if not isinstance(given, dict):
        return
    for name, schema in schemas.items():
        if name in given:
            validator = Draft202012Validator(schema, format_checker=_formats)
            for error in validator.iter_errors(given[name]):
                error.path.extendleft(["extensions", name][::-1])
                yield from _explain(error)


def _order(problem: Problem) -> tuple[list[str | int], str]:
    tokens = problem.where.split("/")[1:]
    return [int(t) if t.isdigit() else t for t in tokens], problem.message


def _schema_problems(data: Any, schema: str) -> Iterator[Problem]:
    if _is_valid_fast(data, schema):
        return
    for error in _validator(schema).iter_errors(data):
        yield from _explain(error)


def _explain(error: jsonschema.ValidationError) -> Iterator[Problem]:
    path = list(error.absolute_path)
    where = pointer.from_path(path)
    secret = any(str(token) in SECRET_FIELDS for token in path)
    value: Any = error.instance
    keyword: Any = error.validator
    schema: Any = error.schema
    expected: Any = error.validator_value
    if keyword == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        for key in sorted(set(value) - set(known)):
            hint = difflib.get_close_matches(key, known, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            yield Problem(pointer.child(where, key), f"unknown field {shorten(key, 40)!r}{suggestion}")
        return
    if keyword == "required":
        missing = [name for name in expected if name not in value]
        for name in missing:
            yield Problem(where, f"missing required field {name!r}")
        return
    shown = "" if secret else f" (got {_show(value)})"
    if keyword == "type":
        kinds = " or ".join(expected) if isinstance(expected, list) else expected
        yield Problem(where, f"expected {_article(kinds)}, got {_json_type(value)}")
    elif keyword == "enum":
        choices = ", ".join(str(c) for c in expected)
        yield Problem(where, f"must be one of: {choices}{shown}")
    elif keyword == "const":
        yield Problem(where, f"must be {expected!r}{shown}")
    elif keyword == "format":
        yield Problem(where, f"not a valid {expected}{_format_hint(expected)}{shown}")
    elif keyword == "pattern":
        yield Problem(where, f"does not match the pattern {expected}{shown}")
    elif keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        sign = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}[keyword]
        yield Problem(where, f"must be {sign} {expected}{shown}")
    elif keyword in ("minLength", "maxLength"):
        bound = "at least" if keyword == "minLength" else "at most"
        yield Problem(where, f"must be {bound} {expected} characters long")
    elif keyword in ("minItems", "maxItems"):
        bound = "at least" if keyword == "minItems" else "at most"
        yield Problem(where, f"must have {bound} {expected} items")
    elif keyword == "uniqueItems":
        yield Problem(where, "items must be unique")
    else:
        yield Problem(where, "invalid value" if secret else shorten(error.message, 120))


def _format_hint(fmt: str) -> str:
    return " (RFC 3339 with an offset, years 1900-9998, e.g. 2026-11-01T12:00:00+03:00)" if fmt == "date-time" else ""


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(shorten(value, 40))
    if isinstance(value, (dict, list)):
        return _json_type(value)
    return shorten(json.dumps(value), 40)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _article(name: str) -> str:
    return f"an {name}" if name[:1] in "aeiou" else f"a {name}"


def reference_problems(data: Mapping[str, Any]) -> Iterator[Problem]:
    """Ids unique within their list, and every reference pointing at something that exists."""
    accounts = data.get("accounts", [])
    yield from _duplicates(accounts, "accounts")
    account_ids = {a["id"] for a in accounts}
    for i, account in enumerate(accounts):
        base = pointer.join("accounts", i)
        for listed in ("followers", "posts", "comments", "ads"):
            yield from _duplicates(account.get(listed, []), "accounts", i, listed)
        post_ids = {p["id"] for p in account.get("posts", [])}
        comments = account.get("comments", [])
        comment_ids = {c["id"] for c in comments}
        for j, comment in enumerate(comments):
            here = pointer.child(base, "comments", j)
            if comment["post_id"] not in post_ids:
                yield Problem(here + "/post_id", _unknown("post", comment["post_id"], base + "/posts"))
            parent = comment.get("reply_to")
            if parent is not None and parent not in comment_ids:
                yield Problem(here + "/reply_to", _unknown("comment", parent, base + "/comments"))
    team = data.get("team", [])
    yield from _duplicates(team, "team")
    member_ids = {m["id"] for m in team}
    for i, member in enumerate(team):
        for j, account_id in enumerate(member.get("account_ids", [])):
            if account_id not in account_ids:
                yield Problem(pointer.join("team", i, "account_ids", j), _unknown("account", account_id, "/accounts"))
    for i, credential in enumerate(data.get("credentials", [])):
        if credential["account_id"] not in account_ids:
            where = pointer.join("credentials", i, "account_id")
            yield Problem(where, _unknown("account", credential["account_id"], "/accounts"))
        for j, holder in enumerate(credential.get("holders", [])):
            if holder not in member_ids:
                yield Problem(pointer.join("credentials", i, "holders", j), _unknown("team member", holder, "/team"))


def _unknown(kind: str, ref: str, where: str) -> str:
    return f"refers to {kind} {shorten(ref, 40)!r}, which is not in {where}"


def _duplicates(items: Iterable[Mapping[str, Any]], *path: str | int) -> Iterator[Problem]:
    seen: set[str] = set()
    for j, item in enumerate(items):
        ident = item["id"]
        if ident in seen:
            yield Problem(pointer.join(*path, j, "id"), f"duplicate id {shorten(ident, 40)!r} in {pointer.join(*path)}")
        seen.add(ident)
