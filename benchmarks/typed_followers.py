"""Followers as typed records (msgspec Structs) against today's read-only dicts: a measured prototype, not the API.

    python benchmarks/typed_followers.py /tmp/scale/big-1000000.json --rounds 3

Issue 12 asks bot-followers to cost at most 0.3x of a bare ``json.load`` of the snapshot. This script
measures, on the same bytes and in one process (rounds interleaved, CPU medians by ``time.process_time``):

- ``json.loads`` of the bytes: the floor the target is a fraction of (its result freed untimed);
- today's decode: ``smm_audit.load.parse_body`` (msgspec to plain objects, copied into read-only
  dicts and lists, the repeated-key count), then the check as the engine runs it and its pass over the
  followers (``scan``) alone;
- msgspec's typed decode of the same bytes into a snapshot type whose followers are ``msgspec.Struct``
  (``gc=False, frozen=True, forbid_unknown_fields=True``, the schema's follower fields, constraints where
  msgspec has them, ``UNSET`` for an absent field), timestamps as ``str`` or as ``datetime`` natively; the
  rest of the snapshot's objects as Structs of ``Any`` fields (no dicts of theirs are kept);
- the same pass written against Structs (attribute access), for both timestamp kinds; and today's ``scan``
  unchanged on Structs that offer a read-only Mapping view (``get``, ``[]``, ``in``...).

Every round asserts that each Struct pass gives today's tally (every count, every example id) and that
the check's findings and metrics computed from it are today's. ``--memory`` adds the peak RSS of each
decode, each in a fresh process (``--child KIND``). Nothing in smm_audit/ uses any of this.
"""

from __future__ import annotations

import argparse
import gc
import json
import operator
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from smm_audit import load as loader
from smm_audit.builtin_checks import bot_followers as bf
from smm_audit.engine import run
from smm_audit.snapshot import Snapshot
from smm_audit.validate import load_schema

Count = Annotated[int, Meta(ge=0, le=10**12)]
Id = Annotated[str, Meta(min_length=1)]
Country = Annotated[str, Meta(pattern="^[A-Z]{2}$")]
Status = Literal["active", "deactivated", "banned", "deleted"]


class FollowerStr(Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """schemas/snapshot.schema.json's follower, timestamps as text."""

    id: Id
    username: str | UnsetType = UNSET
    joined_at: str | UnsetType = UNSET
    created_at: str | UnsetType = UNSET
    last_active_at: str | UnsetType = UNSET
    status: Status | UnsetType = UNSET
    has_avatar: bool | UnsetType = UNSET
    is_private: bool | UnsetType = UNSET
    bio_length: Count | UnsetType = UNSET
    posts_count: Count | UnsetType = UNSET
    followers_count: Count | UnsetType = UNSET
    following_count: Count | UnsetType = UNSET
    country: Country | UnsetType = UNSET
    city: str | UnsetType = UNSET


class FollowerDT(Struct, gc=False, frozen=True, forbid_unknown_fields=True):
    """The same, timestamps decoded by msgspec as aware ``datetime`` (RFC 3339)."""

    id: Id
    username: str | UnsetType = UNSET
    joined_at: datetime | UnsetType = UNSET
    created_at: datetime | UnsetType = UNSET
    last_active_at: datetime | UnsetType = UNSET
    status: Status | UnsetType = UNSET
    has_avatar: bool | UnsetType = UNSET
    is_private: bool | UnsetType = UNSET
    bio_length: Count | UnsetType = UNSET
    posts_count: Count | UnsetType = UNSET
    followers_count: Count | UnsetType = UNSET
    following_count: Count | UnsetType = UNSET
    country: Country | UnsetType = UNSET
    city: str | UnsetType = UNSET


FIELDS = FollowerStr.__struct_fields__
_FIELD_SET = frozenset(FIELDS)


class FollowerView(FollowerStr, frozen=True, gc=False, forbid_unknown_fields=True):
    """:class:`FollowerStr` with a read-only Mapping view of its set fields, in Python (registered as a Mapping)."""

    def __getitem__(self, key: str) -> Any:
        value = getattr(self, key) if key in _FIELD_SET else UNSET
        if value is UNSET:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, UNSET) if key in _FIELD_SET else UNSET
        return default if value is UNSET else value

    def __contains__(self, key: object) -> bool:
        return key in _FIELD_SET and getattr(self, key) is not UNSET  # type: ignore[arg-type]

    def keys(self) -> list[str]:
        return [name for name in FIELDS if getattr(self, name) is not UNSET]

    def __iter__(self) -> Any:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def items(self) -> list[tuple[str, Any]]:
        return [(name, getattr(self, name)) for name in self.keys()]

    def values(self) -> list[Any]:
        return [getattr(self, name) for name in self.keys()]


Mapping.register(FollowerView)


def snapshot_type(follower: type) -> type:
    """The snapshot's type: every object but followers a Struct of ``Any`` fields named as the schema's."""
    schema = load_schema("snapshot")
    defs = schema["$defs"]
    account_fields: list[Any] = [
        (name, (list[follower] if name == "followers" else Any) | UnsetType, UNSET)  # type: ignore[valid-type]
        for name in defs["account"]["properties"]
    ]
    account = msgspec.defstruct("Account", account_fields, forbid_unknown_fields=True, frozen=True)
    top: list[Any] = [
        (name, (list[account] if name == "accounts" else Any) | UnsetType, UNSET)  # type: ignore[valid-type]
        for name in schema["properties"]
    ]
    return msgspec.defstruct("Snapshot", top, forbid_unknown_fields=True, frozen=True)


DECODERS = {
    "typed-str": msgspec.json.Decoder(snapshot_type(FollowerStr)),
    "typed-dt": msgspec.json.Decoder(snapshot_type(FollowerDT)),
    "typed-view": msgspec.json.Decoder(snapshot_type(FollowerView)),
}


def as_dict(follower: Any) -> dict[str, Any]:
    """A Struct follower as the dict the loader would have made (timestamps back to text: the slow path only)."""
    return msgspec.to_builtins(
        {name: getattr(follower, name) for name in FIELDS if getattr(follower, name) is not UNSET}
    )


# ----------------------------------------------------------------------------- the pass over Structs


def _tables(judge: bf.Judge, n: int) -> dict[str, Any]:
    """The per-judge tables of :func:`bf.scan`, keyed by UNSET where it keys by None."""
    shift = bf._SHIFT
    parts = judge.parts
    size = min(bf._TABLE_SIZE, max(64, n))
    t: dict[str, Any] = {"shift": shift, "size": size}
    o_avatar, o_posts, o_mass = bf._B_AVATAR << shift, bf._B_POSTS << shift, bf._B_MASS << shift
    t["avatar_bits"] = {UNSET: 0, True: o_avatar, False: o_avatar | bf._B_AVATAR}
    t["bio_bits"] = {UNSET: 0, 0: (bf._B_BIO << shift) | bf._B_BIO}
    t["o_bio"] = bf._B_BIO << shift
    posts_part: dict[Any, tuple[float, int]] = {UNSET: (0.0, 0)}
    posts_part.update(
        (k, (parts.posts_term(k), o_posts | (bf._B_POSTS if k <= judge.few_posts else 0))) for k in range(size)
    )
    t["posts_part"] = posts_part
    mass = [o_mass | (bf._B_MASS if k >= judge.mass_following else 0) for k in range(size)]
    t["following_part"] = {k: (parts.following_term(k), mass[k], k >= judge.ratio_min_following) for k in range(size)}
    t["alone_part"] = {k: (parts.alone_term(k), mass[k]) for k in range(size)}
    t["followed_by_part"] = {k: (parts.followed_by_term(k), judge.follow_ratio * max(k, 1)) for k in range(size)}
    t["unknown"] = tuple(mask.bit_count() < judge.min_signals for mask in range(1 << shift))
    return t


def scan_structs(
    followers: Any, judge: bf.Judge, days: bf.DayKeys, targets: frozenset[str] | None, max_examples: int, dt: bool
) -> bf.Tally:
    """:func:`bf.scan` against Structs: attribute access, ``UNSET`` for absent, counts known to be ints.

    ``dt``: timestamps are ``datetime`` (compared and subtracted as they are; the day of a join is its date
    when its offset is the snapshot's, else converted), else text as today. A follower outside the tables
    (a count from ``size`` on, a non-ASCII handle) goes to the plain judge as a dict, as today's pass does.
    """
    t = _tables(judge, len(followers))
    shift, mask = t["shift"], bf._MASK
    avatar_bits, bio_bits, o_bio, posts_part = t["avatar_bits"], t["bio_bits"], t["o_bio"], t["posts_part"]
    following_part, alone_part, followed_by_part, unknown = (
        t["following_part"],
        t["alone_part"],
        t["followed_by_part"],
        t["unknown"],
    )
    parts = judge.parts
    offset, binary, c_digits = parts.offset, parts.binary, parts.c_digits
    never_active_before, new_account, cut = judge.never_active_before, judge.new_account, judge.cut
    default_prefix = judge.default_prefix
    prefix_length = len(default_prefix)
    o_ratio, o_private, o_name = bf._B_RATIO << shift, bf._B_PRIVATE << shift, bf._B_NAME << shift
    o_inactive, o_new = bf._B_INACTIVE << shift, bf._B_NEW << shift
    B_RATIO, B_PRIVATE, B_NAME, B_INACTIVE, B_NEW = bf._B_RATIO, bf._B_PRIVATE, bf._B_NAME, bf._B_INACTIVE, bf._B_NEW
    DEAD, UNKNOWN, SUSPICIOUS, GENUINE = bf.DEAD, bf.UNKNOWN, bf.SUSPICIOUS, bf.GENUINE
    shapes: dict[bytes, tuple[int, float, bool]] = {}
    shape_table, handle = bf._SHAPE_BYTES, bf._handle
    fromisoformat = datetime.fromisoformat
    dead_statuses = bf.DEAD_STATUSES
    plain = judge.judge
    zone_offset = days.zone.utcoffset(None) if days.zone is not None else None
    day_names: dict[Any, str] = {}

    combos: dict[int, int] = {}
    joins_by_day: dict[str, int] = {}
    flagged_by_day: dict[str, int] = {}
    countries_out: Counter[str] = Counter()
    examples: dict[str, list[str]] = {signal.name: [] for signal in bf.SIGNALS}
    dead_ids: list[str] = []
    region_ids: list[str] = []
    day_examples: dict[str, list[str]] = {}
    open_bits = mask if max_examples else 0
    suffixes, convert = days.suffixes, days.convert
    with_status = dead = with_country = out_of_region = 0
    suspects: list[Any] = []
    open_suspects = max_examples
    combos_get, joins_get, flagged_get = combos.get, joins_by_day.get, flagged_by_day.get
    for follower in followers:
        status = follower.status
        if status is not UNSET:
            with_status += 1
            if status in dead_statuses:
                verdict, key = DEAD, DEAD << (2 * shift)
        if status is UNSET or status not in dead_statuses:
            try:
                bits = avatar_bits[follower.has_avatar]
                bits |= bio_bits.get(follower.bio_length, o_bio)
                posts = follower.posts_count
                z, posts_bits = posts_part[posts]
                bits |= posts_bits
                following = follower.following_count
                if following is not UNSET:
                    followed_by = follower.followers_count
                    if followed_by is not UNSET:
                        following_z, mass_bits, floor = following_part[following]
                        followed_by_z, ratio_at = followed_by_part[followed_by]
                        z += following_z
                        z += followed_by_z
                        bits |= mass_bits | o_ratio
                        if floor and following >= ratio_at:
                            bits |= B_RATIO
                    else:
                        following_z, mass_bits = alone_part[following]
                        z += following_z
                        bits |= mass_bits
                is_private = follower.is_private
                if is_private is False:
                    bits |= o_private
                elif is_private is True and posts is not UNSET:
                    bits |= o_private | (B_PRIVATE if posts == 0 else 0)
                username = follower.username
                if username:
                    if not username.isascii():
                        raise bf._Slow
                    shape = username.encode().translate(shape_table)
                    known = shapes.get(shape)
                    if known is None:
                        text = shape.decode()
                        packed = handle(text, "")
                        if packed is None:
                            known = (0, 0.0, False)
                        else:
                            name_bits = o_name | (B_NAME if packed & 1 else 0)
                            digits_z = c_digits * (packed >> 1) / len(text) if packed > 1 else 0.0
                            known = (name_bits, digits_z, bool(prefix_length) and text[prefix_length:].isdigit())
                        shapes[shape] = known
                    name_bits, digits_z, maybe_default = known
                    if not (maybe_default and username[:prefix_length].lower() == default_prefix):
                        bits |= name_bits
                        z += digits_z
                last_active, created, joined = follower.last_active_at, follower.created_at, follower.joined_at
                if dt:
                    if joined is not UNSET:
                        if last_active is not UNSET and joined <= never_active_before:
                            bits |= o_inactive
                            if last_active <= joined:
                                bits |= B_INACTIVE
                        if created is not UNSET:
                            age_at_join = joined - created
                            if age_at_join.days >= 0:
                                bits |= o_new | (B_NEW if age_at_join <= new_account else 0)
                elif joined and (last_active or created):
                    joined_time = fromisoformat(joined)
                    if last_active and joined_time <= never_active_before:
                        bits |= o_inactive
                        if (
                            last_active <= joined
                            if len(last_active) == len(joined)
                            and last_active[19:] == joined[19:]
                            and last_active[10] == joined[10]
                            else fromisoformat(last_active) <= joined_time
                        ):
                            bits |= B_INACTIVE
                    if created:
                        age_at_join = joined_time - fromisoformat(created)
                        if age_at_join.days >= 0:
                            bits |= o_new | (B_NEW if age_at_join <= new_account else 0)
                observed = bits >> shift
                z += offset[observed] + binary[bits & mask]
                verdict = UNKNOWN if unknown[observed] else SUSPICIOUS if z >= cut else GENUINE
                key = (verdict << (2 * shift)) | bits
            except (bf._Slow, KeyError):
                verdict, observed, fired, _ = plain(as_dict(follower))
                key = (verdict << (2 * shift)) | (observed << shift) | fired
        combos[key] = combos_get(key, 0) + 1
        joined_day = follower.joined_at
        if joined_day:
            if dt:
                if joined_day.utcoffset() == zone_offset:
                    moment = joined_day.date()
                    day = day_names.get(moment) or day_names.setdefault(moment, moment.isoformat())
                else:
                    day = joined_day.astimezone(days.zone).date().isoformat()
            else:
                day = joined_day[:10] if joined_day.endswith(suffixes) else convert(joined_day)
            joins_by_day[day] = joins_get(day, 0) + 1
            if verdict >= SUSPICIOUS:
                flagged_by_day[day] = flagged_get(day, 0) + 1
                day_ids = day_examples.setdefault(day, [])
                if len(day_ids) < max_examples:
                    day_ids.append(follower.id)
        if verdict == DEAD:
            dead += 1
            if len(dead_ids) < max_examples:
                dead_ids.append(follower.id)
        elif verdict == SUSPICIOUS:
            fired = key & mask
            if fired & open_bits:
                open_bits = bf._add_examples(examples, follower.id, fired & open_bits, open_bits, max_examples)
            if open_suspects:
                suspects.append(follower)
                open_suspects -= 1
        if targets is not None:
            country = follower.country
            if country:
                with_country += 1
                if country not in targets:
                    out_of_region += 1
                    countries_out[country] += 1
                    if len(region_ids) < max_examples:
                        region_ids.append(follower.id)
    examples["dead"], examples["out_of_region"] = dead_ids, region_ids
    return bf.Tally(
        listed=len(followers),
        dead=dead,
        with_status=with_status,
        with_country=with_country,
        out_of_region=out_of_region,
        combos=Counter(combos),
        joins_by_day=Counter(joins_by_day),
        flagged_by_day=Counter(flagged_by_day),
        countries_out=countries_out,
        examples=examples,
        day_examples=day_examples,
        suspects=suspects,
    )


# ----------------------------------------------------------------------------- comparing


def tally_key(tally: bf.Tally) -> str:
    """Everything a tally holds, the suspects as dicts (their timestamps as text), as one text."""
    fields = {name: getattr(tally, name) for name in tally.__dataclass_fields__}
    fields["suspects"] = [dict(s) if isinstance(s, dict) else as_dict(s) for s in tally.suspects]
    fields["combos"] = sorted(tally.combos.items())
    return json.dumps(fields, sort_keys=True, default=str)


def findings_and_metrics(snap: Snapshot, tally: bf.Tally, options: Mapping[str, Any], weights: Any) -> str:
    """What the check makes of one account's tally (today's code after ``scan``), suspects as dicts."""
    account = snap.accounts[0]
    tally.suspects = [s if isinstance(s, dict) else as_dict(s) for s in tally.suspects]
    judge = bf.Judge(account.platform, snap.taken_at, options, weights)
    _, regions = bf._target_countries(snap)
    score, findings, metrics, assessed = bf._audit_followers(
        account, tally, bf.Extrapolation.of(account), regions, options, judge
    )
    shown = [(f.message, f.evidence, f.severity) for f in findings]
    return json.dumps([score, shown, metrics, assessed], sort_keys=True, default=str)


# ----------------------------------------------------------------------------- timing


def cpu(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.process_time()
    value = fn(*args)
    return time.process_time() - started, value


def typed_decode(kind: str, body: bytes) -> Any:
    """msgspec's typed decode as the loader would run it: collector paused, then the result frozen out of its sight."""
    gc.disable()
    try:
        return DECODERS[kind].decode(body)
    finally:
        gc.freeze()
        gc.enable()


def release(value: Any) -> None:
    """Free what a variant made (untimed) and give the collector back what the loader froze."""
    del value
    gc.unfreeze()
    gc.collect()


def rounds(body: bytes, count: int) -> dict[str, list[float]]:
    options = bf.CHECK.defaults()
    weights = bf.load_weights(options["weights"])
    times: dict[str, list[float]] = {}
    today_tally = today_result = ""

    def note(name: str, seconds: float) -> None:
        times.setdefault(name, []).append(seconds)

    for i in range(count):
        print(f"round {i + 1}/{count} ({uptime()})", file=sys.stderr, flush=True)
        seconds, data = cpu(json.loads, body)
        note("json.loads (the bare parse)", seconds)
        release(data)

        seconds, data = cpu(loader.parse_body, body, "snapshot")
        note("decode: today (parse_body, read-only dicts)", seconds)
        snap = Snapshot(data)
        seconds, (outcome,) = cpu(run, snap, [bf.CHECK])
        note("the check as the engine runs it (today)", seconds)
        account = snap.accounts[0]
        targets, _ = bf._target_countries(snap)
        judge = bf.Judge(account.platform, snap.taken_at, options, weights)
        days = bf.DayKeys(snap.taken_at)
        seconds, tally = cpu(bf.scan, account.followers, judge, days, targets, options["max_examples"])
        note("scan: today (dicts)", seconds)
        today_tally = tally_key(tally)
        today_result = findings_and_metrics(_small_snapshot(body), tally, options, weights)
        assert outcome.result.status != "error", outcome.result
        release(data)
        del snap, account, outcome, tally

        for kind, label, dt, today_scan in (
            ("typed-str", "Structs, timestamps as str", False, False),
            ("typed-dt", "Structs, timestamps as datetime", True, False),
            ("typed-view", "Structs with a Mapping view, today's scan unchanged", False, True),
        ):
            seconds, typed = cpu(typed_decode, kind, body)
            note(f"decode: {label}", seconds)
            followers = typed.accounts[0].followers
            if today_scan:
                seconds, tally = cpu(bf.scan, followers, judge, days, targets, options["max_examples"])
            else:
                seconds, tally = cpu(scan_structs, followers, judge, days, targets, options["max_examples"], dt)
            note(f"scan: {label}", seconds)
            assert tally_key(tally) == today_tally, f"{kind}: the tally differs from today's"
            release(typed)
            del followers
            assert findings_and_metrics(_small_snapshot(body), tally, options, weights) == today_result, kind
            del tally
    return times


_SMALL: dict[int, Snapshot] = {}


def _small_snapshot(body: bytes) -> Snapshot:
    """The snapshot with placeholder followers (``_audit_followers`` reads only their number), made once."""
    if id(body) not in _SMALL:
        data = msgspec.json.decode(body)
        for account in data["accounts"]:
            account["followers"] = [{"id": "x"}] * len(account.get("followers", ()))  # same length, no data
        _SMALL[id(body)] = Snapshot(data)
    return _SMALL[id(body)]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip().split("load average: ")[-1]


# ----------------------------------------------------------------------------- memory, in fresh processes


def child(kind: str, path: Path) -> None:
    body = path.read_bytes()
    before = _status("VmHWM")  # not ru_maxrss: Linux carries that over from the forking parent
    started = time.process_time()
    if kind == "json.loads":
        data = json.loads(body)
    elif kind == "today":
        data = loader.parse_body(body, "snapshot")
    else:
        data = typed_decode(kind, body)
    seconds = time.process_time() - started
    peak = _status("VmHWM")
    del body
    current = _status("VmRSS")
    print(json.dumps({"kind": kind, "cpu": seconds, "read_kib": before, "peak_kib": peak, "kept_kib": current}))
    del data


def _status(name: str) -> int:
    """A figure of /proc/self/status in KiB (VmHWM: the peak resident set since exec; VmRSS: now)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    return 0


def memory(path: Path, count: int) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    kinds = ("json.loads", "today", "typed-str", "typed-dt")
    for _ in range(count):
        for kind in kinds:
            out = subprocess.run(
                [sys.executable, __file__, str(path), "--child", kind], capture_output=True, text=True, check=True
            ).stdout
            found.setdefault(kind, []).append(json.loads(out))
    return found


def per_follower_access(body: bytes, n: int = 200_000) -> list[tuple[str, float]]:
    """ns per access on n followers: dict.get, Struct attribute, the Mapping view's get / [] / in."""
    data = msgspec.json.decode(body)["accounts"][0]["followers"][:n]
    frozen = [loader.jsontext.readonly.FrozenDict(d) for d in data]
    views = DECODERS["typed-view"].decode(body).accounts[0].followers[:n]
    structs = DECODERS["typed-str"].decode(body).accounts[0].followers[:n]
    get_name = operator.attrgetter("posts_count")
    cases = [
        ("read-only dict: f.get('posts_count')", lambda: [f.get("posts_count") for f in frozen]),
        ("Struct: f.posts_count", lambda: [f.posts_count for f in structs]),
        ("Struct: attrgetter column", lambda: list(map(get_name, structs))),
        ("Mapping view: f.get('posts_count')", lambda: [f.get("posts_count") for f in views]),
        ("Mapping view: f['posts_count']", lambda: [f["posts_count"] for f in views]),
        ("Mapping view: 'status' in f", lambda: ["status" in f for f in views]),
        ("read-only dict: 'status' in f", lambda: ["status" in f for f in frozen]),
        ("empty loop", lambda: [f for f in structs]),
    ]
    results = []
    for name, fn in cases:
        best = min(cpu(fn)[0] for _ in range(5))
        results.append((name, best / len(data) * 1e9))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", type=int, default=0, metavar="N", help="N fresh processes per decode for RSS")
    parser.add_argument("--access", action="store_true", help="per-access costs on 200k followers")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.snapshot)
        return
    body = loader.unwrap(args.snapshot.read_bytes(), args.snapshot.name)
    print(f"{args.snapshot.name}: {len(body) / 2**20:.0f} MiB; load average at start {uptime()}")
    if args.access:
        for name, ns in per_follower_access(body):
            print(f"  {name:45} {ns:7.0f} ns a follower")
    if args.rounds:
        times = rounds(body, args.rounds)
        floor = statistics.median(times["json.loads (the bare parse)"])
        print(f"\nCPU medians of {args.rounds} interleaved rounds (÷ the bare parse's {floor:.2f} s):")
        for name, values in times.items():
            med = statistics.median(values)
            spread = ", ".join(f"{v:.2f}" for v in values)
            print(f"  {name:62} {med:6.2f} s  {med / floor:5.2f}×   ({spread})")
        check, scan_today = (
            statistics.median(times[k]) for k in ("the check as the engine runs it (today)", "scan: today (dicts)")
        )
        rest = check - scan_today
        print(f"  the check but its scan (today): {rest:.2f} s")
        for label in ("Structs, timestamps as str", "Structs, timestamps as datetime"):
            scan = statistics.median(times[f"scan: {label}"])
            print(f"  the check with the scan on {label}: about {rest + scan:.2f} s, {(rest + scan) / floor:.2f}×")
        print("every Struct pass gave today's tally, findings and metrics")
    if args.memory:
        fresh: dict[str, float] = {}
        print(f"\npeak RSS of the decode alone, fresh processes ({args.memory} each, load {uptime()}):")
        for kind, runs in memory(args.snapshot, args.memory).items():
            peak = statistics.median(r["peak_kib"] for r in runs) / 1024
            read = statistics.median(r["read_kib"] for r in runs) / 1024
            kept = statistics.median(r["kept_kib"] for r in runs) / 1024
            seconds = statistics.median(r["cpu"] for r in runs)
            fresh[kind] = seconds
            print(
                f"  {kind:12} peak {peak:6.0f} MiB (after reading {read:4.0f}; the data alone {peak - read:6.0f});"
                f" held after the bytes are let go {kept:6.0f} MiB; decode {seconds:.2f} s CPU"
            )
        if args.rounds:  # in one long-lived process json.loads runs with the collector on: the fresh one is the floor
            floor = fresh["json.loads"]
            print(f"÷ json.loads in a fresh process ({floor:.2f} s, as scale.py's bare parse):")
            whole = {"the check today": check}
            for label in ("Structs, timestamps as str", "Structs, timestamps as datetime"):
                whole[f"the check on {label}"] = rest + statistics.median(times[f"scan: {label}"])
            for name, seconds in whole.items():
                print(f"  {name:50} {seconds:5.2f} s  {seconds / floor:.2f}×")
    print(f"load average at the end {uptime()}")


if __name__ == "__main__":
    main()
