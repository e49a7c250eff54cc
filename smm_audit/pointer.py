"""JSON pointers (RFC 6901): how findings and errors say where in the snapshot they are."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    """Escape one reference token: ``~`` becomes ``~0`` and ``/`` becomes ``~1``."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join(*tokens: str | int) -> str:
    """Build a pointer from tokens: ``join("accounts", 0, "posts")`` is ``/accounts/0/posts``."""
    text = "/".join(map(str, tokens))
    if "~" in text or text.count("/") >= len(tokens):  # a token holds "~" or "/" (or there are none)
        return "".join("/" + escape(t) for t in tokens)
    return "/" + text


def from_path(path: Iterable[str | int]) -> str:
    """Build a pointer from a path such as jsonschema's ``error.absolute_path``."""
    return join(*path)


def child(base: str, *tokens: str | int) -> str:
    """Extend an existing pointer: ``child("/accounts/0", "posts", 3)``."""
    return base + join(*tokens)


def sort_key(location: str) -> tuple[tuple[int, int, str], ...]:
    """Order pointers as a person reads them: ``/posts/5`` before ``/posts/41`` (array indexes as numbers).

    Each token is ``(0, number, "")`` when it is an array index and ``(1, 0, text)`` otherwise, so that
    any two pointers compare without mixing numbers and strings.
    """
    return tuple(
        (0, int(token), "") if token.isdigit() and token.isascii() else (1, 0, token)
        for token in location.split("/")[1:]
    )


def problem(data: object, location: str) -> str | None:
    """Why ``location`` does not point into ``data``, or None when it does.

    A pointer may name the whole document (``""``), an existing value, or a
    field missing from an existing object (``/accounts/0/profile`` of an account
    without one: where the missing thing belongs). An array index must exist.
    """
    if location == "":
        return None
    if not location.startswith("/"):
        return "it is not a JSON pointer (it must start with '/')"
    node = data
    tokens = location[1:].split("/")
    for depth, raw in enumerate(tokens):
        token = raw.replace("~1", "/").replace("~0", "~")
        last = depth == len(tokens) - 1
        if isinstance(node, dict):
            if token in node:
                node = node[token]
                continue
            if last:
                return None
        elif isinstance(node, list) and _index(token) < len(node):
            node = node[_index(token)]
            continue
        where = "/".join(tokens[:depth]) or "the snapshot's root"
        return f"nothing at {token!r} under {'/' + where if depth else where}"
    return None


def _index(token: str) -> int:
    """The array index ``token`` names (RFC 6901: digits, no leading zero), or a number past any array."""
    if token.isdigit() and token.isascii() and (token == "0" or token[0] != "0"):
        return int(token)
    return 1 << 62
