"""JSON pointers (RFC 6901): how findings and errors say where in the snapshot they are."""

from __future__ import annotations

from collections.abc import Callable, Iterable


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


def sort_keys() -> Callable[[str], tuple[tuple[int, int, str], ...]]:
    """:func:`sort_key` for many pointers: each token's key is made once (findings share most tokens)."""
    known: dict[str, tuple[int, int, str]] = {}

    def key(location: str) -> tuple[tuple[int, int, str], ...]:
        keys = []
        for token in location.split("/")[1:]:
            found = known.get(token)
            if found is None:
                found = known[token] = (0, int(token), "") if token.isdigit() and token.isascii() else (1, 0, token)
            keys.append(found)
        return tuple(keys)

    return key


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


_MISSING = object()


def problems(data: object) -> Callable[[str], str | None]:
    """:func:`problem` for many pointers into ``data``: the values at their parents are found once each.

    A pointer whose parent is an existing object, or an array holding its index, is answered from the
    parent alone; any other goes to :func:`problem`, which says why.
    """
    parents: dict[str, object] = {"": data}

    def value_at(location: str) -> object:
        """The value at ``location``, or _MISSING; found from its parent's."""
        found = parents.get(location, _MISSING)
        if found is _MISSING and location.startswith("/"):
            cut = location.rfind("/")
            parent = location[:cut]
            node = value_at(parent) if location.count("/") < 64 else _walk(data, parent)  # no deep recursion
            found = _child(node, location[cut + 1 :]) if node is not _MISSING else _MISSING
            parents[location] = found
        return found

    def check(location: str) -> str | None:
        if location.startswith("/"):
            cut = location.rfind("/")
            node = value_at(location[:cut])
            if isinstance(node, dict):
                return None  # an existing field, or a missing one where it belongs
            if isinstance(node, list) and _index(_unescape(location[cut + 1 :])) < len(node):
                return None
        return problem(data, location)

    return check


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _child(node: object, raw: str) -> object:
    token = _unescape(raw)
    if isinstance(node, dict):
        return node.get(token, _MISSING)
    if isinstance(node, list) and _index(token) < len(node):
        return node[_index(token)]
    return _MISSING


def _walk(data: object, location: str) -> object:
    """The value at ``location`` (a pointer starting with "/"), or _MISSING, found from the root."""
    node = data
    for raw in location[1:].split("/"):
        node = _child(node, raw)
        if node is _MISSING:
            break
    return node


def _index(token: str) -> int:
    """The array index ``token`` names (RFC 6901: digits, no leading zero), or a number past any array."""
    if token.isdigit() and token.isascii() and (token == "0" or token[0] != "0"):
        return int(token)
    return 1 << 62
