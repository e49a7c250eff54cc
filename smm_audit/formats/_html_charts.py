"""The HTML report's charts, drawn only from the metrics the checks put in the report (never the snapshot).

A chart is found by the names of the metrics it needs, not by a check's id
(the engine names no check): any check whose metrics have them is charted, a
plugin's too. Metrics are read defensively (a plugin or a newer check may
change them): a figure that is missing or not a number leaves its account, or
the whole chart, out with a note saying why, and a chart is never drawn empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._html import Row, Series, columns, esc, is_count, is_share, legend, pct, stacked_bars, table


@dataclass(frozen=True)
class Chart:
    """A drawn chart (``body``), or a note saying why it is left out (``body`` is empty)."""

    id: str
    title: str
    body: str = ""
    note: str = ""


Metrics = Mapping[str, Any]


def _accounts(metrics: Metrics) -> list[Mapping[str, Any]]:
    accounts = metrics.get("accounts")
    if not isinstance(accounts, list):
        return []
    return [a for a in accounts if isinstance(a, Mapping) and isinstance(a.get("account"), str)]


def _figure(body: str, series: Sequence[Series], data: str, notes: Sequence[str]) -> str:
    """The chart with its legend (none without series), its notes, and its figures as a table to open."""
    extra = "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
    key = legend(series) if series else ""
    return f'{key}{body}{extra}<details class="alt"><summary>The figures</summary>{data}</details>'


def _bars(
    chart_id: str,
    title: str,
    series: Sequence[Series],
    rows: Sequence[Row],
    table_rows: tuple[Sequence[str], Sequence[Sequence[str]]],
    notes: Sequence[str] = (),
    *,
    empty: str,
    whole: str = "share",
) -> Chart:
    """Stacked bars of ``rows`` with their figures (``table_rows``: head and cells); ``empty`` is the note
    when there is no row, so a chart is never drawn empty."""
    if not rows:
        return Chart(chart_id, title, note=empty)
    body = stacked_bars(title, series, rows, whole=whole)
    return Chart(chart_id, title, _figure(body, series, table(*table_rows, title), notes))


AUDIENCE_FIGURES = (("followers_analysed", None), ("suspicious", None), ("dead", 0), ("followers_unknown", 0))

AUDIENCE = (
    Series("genuine", "solid"),
    Series("suspicious (fake or bought)", "stripes"),
    Series("dead weight (deleted, banned)", "cross"),
    Series("unknown (too little to judge)", "dots"),
)


def audience(metrics: Metrics) -> Chart:
    """Each account's listed followers split into genuine, suspicious, dead weight and unknown."""
    title = "Audience: who the followers are, per account"
    rows, data, notes = [], [], []
    for account in _accounts(metrics):
        figures = [account.get(key, default) for key, default in AUDIENCE_FIGURES]
        if not all(is_count(v) for v in figures) or figures[1] > figures[0]:
            notes.append(f"{account['account']}: no follower counts (followers_analysed, suspicious), left out.")
            continue
        analysed, suspicious, dead, unknown = (int(v) for v in figures)
        values = (analysed - suspicious, suspicious, dead, unknown)
        listed = sum(values)
        if not listed:
            notes.append(f"{account['account']}: no follower listed, left out.")
            continue
        note = f"{listed:,} followers listed"
        total = account.get("followers_count")
        sampling = account.get("sampling")
        if isinstance(sampling, str) and sampling != "full" and is_count(total):
            note += f" ({sampling.replace('_', ' ')} of {total:,})"
        ci = account.get("suspicious_ci95")
        if isinstance(ci, list) and len(ci) == 2 and all(is_share(v) for v in ci):
            note += f"; suspicious {pct(ci[0])}–{pct(ci[1])} (95% interval)"
        rows.append(Row(account["account"], values, note))
        data.append([account["account"], *(f"{v:,} ({pct(v / listed)})" for v in values), f"{listed:,}"])
    head = ["account", *(s.name for s in AUDIENCE), "listed"]
    empty = "No account has a judged follower list in this report."
    return _bars("audience", title, AUDIENCE, rows, (head, data), notes, empty=empty)


def _hours(value: Any) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "?"
    return f"{value:g} h" if value < 48 else f"{value / 24:g} days"


def responses(metrics: Metrics, options: Metrics) -> Chart:
    """Questions and complaints answered within the warn and fail norms, later, or never."""
    warn, fail = options.get("warn_hours", 1), options.get("fail_hours", 24)
    series = (
        Series(f"answered within {_hours(warn)}", "solid"),
        Series(f"after {_hours(warn)}, within {_hours(fail)}", "lines"),
        Series("later", "dots"),
        Series("never answered", "stripes"),
    )
    title = f"Response times to questions and complaints, against the {_hours(warn)} and {_hours(fail)} norms"
    rows, data, notes = [], [], []
    scopes = [(a["account"], a) for a in _accounts(metrics)] + [("all accounts", metrics)]
    for name, scope in scopes:
        judged, never = scope.get("priority_judged"), scope.get("priority_unanswered")
        untimed = scope.get("priority_answered_time_unknown", 0)
        within_warn, within_fail = scope.get("priority_within_warn_share"), scope.get("priority_within_fail_share")
        if not (all(is_count(v) for v in (judged, never, untimed)) and is_share(within_warn) and is_share(within_fail)):
            notes.append(f"{name}: no response times, left out.")
            continue
        timed = judged - untimed
        if timed <= 0:
            notes.append(f"{name}: no question or complaint to answer.")
            continue
        fast = min(round(within_warn * timed), timed)
        in_day = max(min(round(within_fail * timed), timed) - fast, 0)
        never = min(never, timed - fast - in_day)
        values = (fast, in_day, timed - fast - in_day - never, never)
        note = f"{timed:,} questions and complaints" + (f"; {untimed:,} answered at an unknown time" if untimed else "")
        rows.append(Row(name, values, note))
        data.append([name, *(f"{v:,} ({pct(v / timed)})" for v in values), f"{timed:,}"])
    if len(rows) == 2 and rows[0].values == rows[1].values:
        rows, data = rows[:1], data[:1]  # one account: its total says nothing more
    head = ["account", *(s.name for s in series), "judged"]
    empty = "The report has no response times of questions and complaints."
    return _bars("responses", title, series, rows, (head, data), notes, empty=empty)


def posting(metrics: Metrics) -> Chart:
    """Posts per week per account, oldest week first; silence and bursts show."""
    title = "Posts per week, per account"
    parts: list[str] = []
    data: list[list[str]] = []
    notes: list[str] = []
    weeks = 0
    counted = []
    for account in _accounts(metrics):
        weekly = account.get("weekly_posts")
        if not (isinstance(weekly, list) and weekly and all(is_count(v) for v in weekly)):
            notes.append(f"{account['account']}: no weekly counts, left out.")
            continue
        counted.append((account, weekly))
    top = max((max(weekly) for _, weekly in counted), default=0)
    for account, weekly in counted:
        weeks = max(weeks, len(weekly))
        name = f"{account['account']}: posts per week"
        chart = columns(name, weekly, f"{len(weekly)} weeks ago", "last week", top=top)
        parts.append(f'<figure class="small"><figcaption>{esc(account["account"])}</figcaption>{chart}</figure>')
        data.append([account["account"], ", ".join(str(v) for v in weekly), str(sum(weekly))])
    if not parts:
        return Chart("posting", title, note="The report has no weekly post counts.")
    alt = table(["account", "posts per week, oldest first", "total"], data, title)
    return Chart("posting", f"{title}, the last {weeks} weeks", _figure("".join(parts), (), alt, notes))


def spikes(metrics: Metrics) -> Chart:
    """The days on which unusually many followers joined (the largest five per account)."""
    title = "Join spikes: days on which unusually many followers joined"
    series = (Series("joins that day", "stripes"),)
    rows: list[Row] = []
    data: list[list[str]] = []
    for account in _accounts(metrics):
        days = account.get("spikes")
        if not isinstance(days, list):
            continue
        for day in days:
            if isinstance(day, Mapping) and isinstance(day.get("date"), str) and is_count(day.get("joins")):
                rows.append(Row(f"{account['account']} {day['date']}", (day["joins"],)))
                data.append([account["account"], day["date"], f"{day['joins']:,}"])
    checked = any("spikes" in a for a in _accounts(metrics))
    empty = "No join spike found." if checked else "The report has no join dates of followers."
    return _bars("spikes", title, series, rows, (["account", "day", "joins"], data), empty=empty, whole="count")


PLACEMENTS = ("profile", "post", "ad", "comment")


def utm(metrics: Metrics) -> Chart:
    """The client's own links tagged with UTM parameters, or not, by where they stand."""
    title = "UTM tagging of the client's own links, by placement"
    series = (Series("tagged", "solid"), Series("untagged", "stripes"))
    links, untagged = metrics.get("own_links_by_placement"), metrics.get("untagged_by_placement")
    if not (isinstance(links, Mapping) and isinstance(untagged, Mapping)):
        return Chart("utm", title, note="The report has no links by placement.")
    names = [p for p in PLACEMENTS if p in links] + sorted(p for p in links if p not in PLACEMENTS)
    rows, data = [], []
    for name in names:
        total, bad = links.get(name), untagged.get(name, 0)
        if is_count(total) and is_count(bad) and total and bad <= total:
            rows.append(Row(name, (total - bad, bad), f"{total:,} link{'s' if total != 1 else ''}"))
            data.append([name, f"{total - bad:,} ({pct((total - bad) / total)})", f"{bad:,}", f"{total:,}"])
    head = ["placement", "tagged", "untagged", "links"]
    return _bars("utm", title, series, rows, (head, data), empty="The client's own links: none found.")


def _has_account_metric(name: str) -> Callable[[Metrics], bool]:
    return lambda metrics: any(name in account for account in _accounts(metrics))


@dataclass(frozen=True)
class Kind:
    """A chart: the metrics that call for it (``wants``), what they are in words, and how to draw it."""

    id: str
    title: str
    wants: Callable[[Metrics], bool]
    needs: str
    draw: Callable[[Metrics, Metrics], Chart]


KINDS: tuple[Kind, ...] = (
    Kind(
        "posting",
        "Posts per week, per account",
        _has_account_metric("weekly_posts"),
        "weekly post counts per account (accounts[].weekly_posts)",
        lambda m, o: posting(m),
    ),
    Kind(
        "audience",
        "Audience: who the followers are, per account",
        _has_account_metric("followers_analysed"),
        "follower verdicts per account (accounts[].followers_analysed)",
        lambda m, o: audience(m),
    ),
    Kind(
        "spikes",
        "Join spikes: days on which unusually many followers joined",
        _has_account_metric("spikes"),
        "join spikes per account (accounts[].spikes)",
        lambda m, o: spikes(m),
    ),
    Kind(
        "responses",
        "Response times to questions and complaints",
        lambda m: "priority_judged" in m,
        "response times of questions and complaints (priority_judged)",
        responses,
    ),
    Kind(
        "utm",
        "UTM tagging of the client's own links, by placement",
        lambda m: "own_links_by_placement" in m,
        "links by placement (own_links_by_placement)",
        lambda m, o: utm(m),
    ),
)
"""The charts, in the order of the page."""


def _mapping(value: Any) -> Metrics:
    return value if isinstance(value, Mapping) else {}


def charts(checks: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, Chart]]:
    """Every chart, with the id of the check whose metrics it draws; or a note, with no check, when none has them."""
    made: list[tuple[str | None, Chart]] = []
    for kind in KINDS:
        sources = [c for c in sorted(checks, key=lambda c: c["id"]) if kind.wants(_mapping(c.get("metrics")))]
        for check in sources:
            made.append((check["id"], kind.draw(_mapping(check.get("metrics")), _mapping(check.get("options")))))
        if not sources:
            made.append((None, Chart(kind.id, kind.title, note=f"no check in this report gives {kind.needs}.")))
    return made
