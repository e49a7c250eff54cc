"""Accepted risks: findings already in a baseline, or suppressed with a reason, do not fail the gate.

They stay in every report, marked ``baselined`` or ``suppressed``. A suppression
whose ``expires`` date is before the snapshot's ``taken_at`` no longer applies:
the finding is ``open`` again and carries the expired suppression, so the same
inputs always give the same verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .config import Suppression
from .errors import UsageError

BASELINE_VERSION = 1


class Triage:
    """Decides the status of each finding: ``open``, ``baselined`` or ``suppressed``."""

    def __init__(
        self,
        suppressions: Sequence[Suppression] = (),
        baseline: Iterable[str] = (),
        today: date | None = None,
        data: Mapping[str, Any] | None = None,
    ):
        self.suppressions = list(suppressions)
        self.baseline = frozenset(baseline)
        self.today = today
        self.data = data or {}
        self.used: dict[int, int] = {}

    def expired(self, rule: Suppression) -> bool:
        return rule.expires is not None and self.today is not None and rule.expires < self.today

    def classify(self, check_id: str, fingerprint: str, location: str) -> tuple[str, dict[str, Any] | None]:
        """(status, the suppression that applies — or the expired one that no longer does — as report data).

        Every matching suppression counts as used; one that has not expired wins over one that has.
        """
        if not self.suppressions:
            return ("baselined" if fingerprint in self.baseline else "open"), None
        entities = entity_ids(self.data, location) if any(r.entity for r in self.suppressions) else set()
        matching = [i for i, rule in enumerate(self.suppressions) if rule.matches(check_id, fingerprint, entities)]
        for index in matching:
            self.used[index] = self.used.get(index, 0) + 1
        live = [i for i in matching if not self.expired(self.suppressions[i])]
        if live:
            return "suppressed", self._info(self.suppressions[live[0]])
        info = self._info(self.suppressions[matching[0]]) if matching else None
        return ("baselined" if fingerprint in self.baseline else "open"), info

    def _info(self, rule: Suppression) -> dict[str, Any]:
        expires = rule.expires.isoformat() if rule.expires else None
        return {"reason": rule.reason, "expires": expires, "expired": self.expired(rule)}

    def summary(self) -> list[dict[str, Any]]:
        """Each suppression with how many findings it matched: unused ones are worth deleting."""
        return [
            {
                "fingerprint": rule.fingerprint,
                "check": rule.check,
                "entity": rule.entity,
                "reason": rule.reason,
                "expires": rule.expires.isoformat() if rule.expires else None,
                "expired": self.expired(rule),
                "matched": self.used.get(index, 0),
            }
            for index, rule in enumerate(self.suppressions)
        ]


def entity_ids(data: Mapping[str, Any], location: str) -> set[str]:
    """The ids of the entities on the way to ``location``: its account, post, comment, member or credential."""
    ids: set[str] = set()
    node: Any = data
    for token in location.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
            if isinstance(node, Mapping):
                ids.update(str(node[k]) for k in ("id", "account_id") if isinstance(node.get(k), str))
        elif isinstance(node, Mapping) and token in node:
            node = node[token]
        else:
            break
    return ids


def read_baseline(path: str) -> set[str]:
    """The fingerprints recorded by ``smm-audit baseline``."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"baseline {path}: no such file (create it with 'smm-audit baseline SNAPSHOT -o {path}')"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"baseline {path}: not a baseline file ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("smm_audit_baseline") != BASELINE_VERSION:
        raise UsageError(f"baseline {path}: not a smm-audit baseline (version {BASELINE_VERSION})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise UsageError(f"baseline {path}: not a smm-audit baseline (version {BASELINE_VERSION})")
    return {f["fingerprint"] for f in findings if isinstance(f, dict) and isinstance(f.get("fingerprint"), str)}


def render_baseline(report: Mapping[str, Any]) -> str:
    """A baseline of every finding in the report, sorted, for review in a pull request."""
    findings = sorted(
        (
            {"check": check["id"], "fingerprint": f["fingerprint"], "location": f["location"], "message": f["message"]}
            for check in report["checks"]
            for f in check["findings"]
        ),
        key=lambda f: (f["check"], f["fingerprint"]),
    )
    data = {
        "smm_audit_baseline": BASELINE_VERSION,
        "tool": {"name": "smm-audit", "version": __version__},
        "snapshot": {k: report["snapshot"][k] for k in ("client", "taken_at", "sha256")},
        "findings": findings,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
