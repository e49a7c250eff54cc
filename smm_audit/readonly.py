"""Read-only JSON data: the snapshot all checks share, so that no check's writes reach the next one.

:class:`FrozenDict` and :class:`FrozenList` are ``dict`` and ``list`` (every
reader, ``isinstance`` and ``json.dumps`` included, sees plain JSON data) whose
mutators raise ``TypeError``. The strict parser builds them directly
(``from_pairs`` is its object hook); the fast reader copies its decoder's
objects into them as it goes (``jsontext._Freezer``, long lists of flat objects
at C speed); :func:`freeze` copies data made by hand (the testing kit's). A copy (``dict(d)``, ``copy.deepcopy``)
is plain and writable. While a check runs, every refused write is also noted
(:func:`watch`), so a check that swallows the ``TypeError`` is still an error.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NoReturn

_attempts: ContextVar[list[str] | None] = ContextVar("smm_audit_write_attempts", default=None)


def note(what: str) -> None:
    """Note, for the running check or hook, something it tried and was refused."""
    attempts = _attempts.get()
    if attempts is not None:
        attempts.append(what)


def refuse(what: str) -> NoReturn:
    """Refuse a write to the snapshot: note it for the running check, raise TypeError."""
    note(what)
    raise TypeError(f"the snapshot is read-only: {what} is refused (change a copy: copy.deepcopy(...))")


def _key(key: Any) -> str:
    text = repr(key)
    return text if len(text) <= 40 else text[:39] + "…"


class FrozenDict(dict[str, Any]):
    """A JSON object that cannot be changed."""

    __slots__ = ()

    def __setitem__(self, key: str, value: Any) -> None:
        refuse(f"setting key {_key(key)}")

    def __delitem__(self, key: str) -> None:
        refuse(f"deleting key {_key(key)}")

    def __ior__(self, other: Any) -> NoReturn:  # type: ignore[misc]
        refuse("dict |=")

    def clear(self) -> None:
        refuse("dict.clear()")

    def pop(self, *args: Any) -> Any:
        refuse("dict.pop()")

    def popitem(self) -> tuple[str, Any]:
        refuse("dict.popitem()")

    def setdefault(self, *args: Any) -> Any:
        refuse("dict.setdefault()")

    def update(self, *args: Any, **kwargs: Any) -> None:
        refuse("dict.update()")

    def __copy__(self) -> dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return {key: copy.deepcopy(value, memo) for key, value in self.items()}

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self),))


class FrozenList(list[Any]):
    """A JSON array that cannot be changed."""

    __slots__ = ()

    def __setitem__(self, index: Any, value: Any) -> None:
        refuse("setting an item of a list")

    def __delitem__(self, index: Any) -> None:
        refuse("deleting an item of a list")

    def __iadd__(self, other: Any) -> NoReturn:  # type: ignore[misc]
        refuse("list +=")

    def __imul__(self, other: Any) -> NoReturn:  # type: ignore[misc]
        refuse("list *=")

    def append(self, item: Any) -> None:
        refuse("list.append()")

    def extend(self, items: Any) -> None:
        refuse("list.extend()")

    def insert(self, index: Any, item: Any) -> None:
        refuse("list.insert()")

    def pop(self, *args: Any) -> Any:
        refuse("list.pop()")

    def remove(self, item: Any) -> None:
        refuse("list.remove()")

    def clear(self) -> None:
        refuse("list.clear()")

    def sort(self, *args: Any, **kwargs: Any) -> None:
        refuse("list.sort()")

    def reverse(self) -> None:
        refuse("list.reverse()")

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return [copy.deepcopy(item, memo) for item in self]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


def _frozen_list(items: list[Any]) -> FrozenList:
    """A list's read-only copy; its objects are already read-only (the parser made them), nested lists are made so."""
    frozen = FrozenList(items)
    if list in map(type, items):
        for i, item in enumerate(items):
            if type(item) is list:
                list.__setitem__(frozen, i, _frozen_list(item))
    return frozen


def from_pairs(pairs: list[tuple[str, Any]]) -> FrozenDict:
    """The parser's object hook: a read-only object whose array values are read-only too."""
    obj = FrozenDict(pairs)
    if list in map(type, obj.values()):
        for key, value in obj.items():
            if type(value) is list:
                dict.__setitem__(obj, key, _frozen_list(value))
    return obj


def freeze(data: Any) -> Any:
    """A read-only copy of JSON data (already read-only data is returned as is)."""
    if isinstance(data, (FrozenDict, FrozenList)):
        return data
    if isinstance(data, dict):
        return FrozenDict((key, freeze(value)) for key, value in data.items())
    if isinstance(data, (list, tuple)):
        return FrozenList(freeze(item) for item in data)
    return data


@contextmanager
def watch() -> Iterator[list[str]]:
    """Note the writes refused in this context (a check's run): the list they go to."""
    attempts: list[str] = []
    token = _attempts.set(attempts)
    try:
        yield attempts
    finally:
        _attempts.reset(token)
