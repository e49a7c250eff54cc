"""Errors that end a run with a message instead of a traceback, and their exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EXIT_PASSED = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
EXIT_CHECK_FAILED = 3

MAX_PROBLEMS = 50
"""How many problems an input error lists before it says how many more there are."""


class SmmAuditError(Exception):
    """An error the CLI reports as one line per problem, then exits with ``exit_code``."""

    exit_code = EXIT_USAGE

    def lines(self) -> list[str]:
        return [str(self)]


@dataclass(frozen=True)
class Problem:
    """One problem in the input: ``where`` is ``line:column``, a JSON pointer, or empty."""

    where: str
    message: str


class InputError(SmmAuditError):
    """The snapshot cannot be read, parsed or validated: every problem found, with its location."""

    def __init__(self, source: str, problems: Sequence[Problem], more: int | None = 0) -> None:
        """``more`` counts the problems found but not in ``problems``; None: at least one, not counted."""
        self.source = source
        self.problems = list(problems)
        self.more = more
        super().__init__(self.lines()[0] if self.problems else source)

    def lines(self, limit: int = MAX_PROBLEMS) -> list[str]:
        shown = [self._line(p) for p in self.problems[:limit]]
        if self.more is None:
            shown.append(f"{self.source}: ... and more problems (the first {len(shown)} are listed)")
            return shown
        rest = len(self.problems) - limit + self.more
        if rest > 0:
            shown.append(f"{self.source}: ... and {rest} more problem{'s' if rest != 1 else ''}")
        return shown

    def _line(self, problem: Problem) -> str:
        where = problem.where
        if not where:
            return f"{self.source}: {problem.message}"
        if where[0].isdigit():  # line:column
            return f"{self.source}:{where}: {problem.message}"
        return f"{self.source}: {where}: {problem.message}"


class PluginError(SmmAuditError):
    """A plugin cannot be loaded or registered: named, with the reason."""


class PluginRunError(SmmAuditError):
    """A plugin failed while the audit ran (a format that cannot render, say): exit 3."""

    exit_code = EXIT_CHECK_FAILED


class CollectError(SmmAuditError):
    """Collecting a snapshot failed: a bad target, a refused token, an API error, a network failure."""


class UsageError(SmmAuditError):
    """The command line or configuration asks for something that does not exist."""


class UsageErrors(UsageError):
    """Several usage errors found at once (every bad key of a settings file): one line each."""

    def __init__(self, errors: Sequence[UsageError]) -> None:
        self.errors = list(errors)
        super().__init__(str(self.errors[0]))

    def lines(self) -> list[str]:
        return [line for error in self.errors for line in error.lines()]
