"""Time whole `smm-audit run` and `validate` processes on hostile inputs of about 10 MB each.

    python benchmarks/hostile_inputs.py [--size MB] [--limit SECONDS] [SHAPE...]

Each shape is written to a temporary directory, then each command is run as a
separate process (the ``smm-audit`` next to this Python) and timed; a process still
running after ``--limit`` seconds is stopped and shown as ``>LIMIT``. The
table gives the wall time (and in brackets the CPU seconds the process used: on a
shared machine the wall time also counts the waits for a core), the exit code
and the number of lines on standard error (an input error prints at most 50
problems and one "more" line).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEAD = '{"schema_version":"1.0","taken_at":"2026-11-01T12:00:00+03:00","client":{"name":"c"},'
TAIL = ',"team":[],"credentials":[]}'
ACCOUNT = '{"id":"a","platform":"vk","kind":"group"}'


def _repeat(unit: str, size: int, sep: str = ",") -> str:
    return sep.join([unit] * max(1, size // (len(unit) + len(sep))))


def duplicate_keys(size: int) -> str:
    return HEAD + '"extensions":{"x":{' + _repeat('"k":1', size) + "}}," + '"accounts":[]' + TAIL


def distinct_duplicate_keys(size: int) -> str:
    half = [f'"k{i}":1' for i in range(size // 22)]
    return HEAD + '"extensions":{"x":{' + ",".join(half + half) + "}}," + '"accounts":[]' + TAIL


def empty_accounts(size: int) -> str:
    return HEAD + '"accounts":[' + _repeat("{}", size) + "]" + TAIL


def valid_accounts(size: int) -> str:
    accounts = [ACCOUNT.replace('"a"', f'"a{i}"') for i in range(size // (len(ACCOUNT) + 8))]
    return HEAD + '"accounts":[' + ",".join(accounts) + "]" + TAIL


def duplicate_account_ids(size: int) -> str:
    return HEAD + '"accounts":[' + _repeat(ACCOUNT, size) + "]" + TAIL


def deep_nesting(size: int) -> str:
    return HEAD + '"extensions":{"x":' + "[" * (size // 2) + "]" * (size // 2) + '},"accounts":[]' + TAIL


def deep_but_allowed(size: int) -> str:
    nest = "[" * 490 + "]" * 490
    return HEAD + '"extensions":{"x":[' + _repeat(nest, size) + ']},"accounts":[]' + TAIL


def long_string(size: int) -> str:
    text = "a" * size
    return HEAD + f'"accounts":[{ACCOUNT[:-1]},"profile":{{"description":"{text}"}}}}]' + TAIL


def long_post_text(size: int) -> str:
    text = ("+7 912 345-67-89 https://example.com/?a=b&" * (size // 45))[:size]
    post = f'{{"id":"p1","published_at":"2026-10-01T12:00:00Z","text":"{text}"}}'
    return HEAD + f'"accounts":[{ACCOUNT[:-1]},"posts":[{post}]}}]' + TAIL


def _post_text(text: str) -> str:
    post = f'{{"id":"p1","published_at":"2026-10-01T12:00:00Z","text":"{text}"}}'
    return HEAD + f'"accounts":[{ACCOUNT[:-1]},"posts":[{post}]}}]' + TAIL


def _phone(n: int) -> str:
    """A distinct Russian mobile number for each n below 10^9."""
    return f"+7 9{n // 10**7 % 100:02d} {n // 10**4 % 1000:03d}-{n // 100 % 100:02d}-{n % 100:02d}"


def distinct_phones(size: int) -> str:
    return _post_text(", ".join(_phone(n) for n in range(size // 18))[:size])


def many_emails(size: int) -> str:
    return _post_text(" ".join(f"u{n}@mail.ru" for n in range(size // 14))[:size])


def digits_and_spaces(size: int) -> str:
    return _post_text(_repeat("1", size, " "))


def order_numbers(size: int) -> str:
    return _post_text(_repeat("заказ № +7 912 345-67-89", size * 3 // 4, " "))  # Cyrillic: 2 bytes a letter


def phone_comments(size: int) -> str:
    comment = '{{"id":"c{0}","post_id":"p1","text":"{1}"}}'
    comments = [comment.format(n, _phone(n)) for n in range(size // 57)]
    posts = '[{"id":"p1","published_at":"2026-10-01T12:00:00Z"}]'
    return HEAD + f'"accounts":[{ACCOUNT[:-1]},"posts":{posts},"comments":[' + ",".join(comments) + "]}]" + TAIL


def many_bad_values(size: int) -> str:
    head = HEAD.replace('"client":{"name":"c"},', "")
    return head + '"client":{"name":"c","domains":[' + _repeat("1", size) + ']},"accounts":[]' + TAIL


def mixed_unique_items(size: int) -> str:
    head = HEAD.replace('"client":{"name":"c"},', "")
    return head + '"client":{"name":"c","domains":["a",' + _repeat("1", size) + ']},"accounts":[]' + TAIL


def many_bad_timestamps(size: int) -> str:
    follower = '{"id":"f","joined_at":"2026-W44-7T12:00:00+03:00"}'
    return HEAD + f'"accounts":[{ACCOUNT[:-1]},"followers":[' + _repeat(follower, size) + "]}]" + TAIL


def unknown_fields(size: int) -> str:
    fields = ",".join(f'"f{i}":1' for i in range(size // 12))
    return HEAD + '"accounts":[],' + fields + TAIL


def many_nans(size: int) -> str:
    return HEAD + '"extensions":{"x":[' + _repeat("NaN", size) + ']},"accounts":[]' + TAIL


def many_nans_lines(size: int) -> str:
    return HEAD + '"extensions":{"x":[' + _repeat("NaN", size, ",\n") + ']},"accounts":[]' + TAIL


def huge_integer(size: int) -> str:
    return HEAD + '"extensions":{"x":' + "9" * size + '},"accounts":[]' + TAIL


def huge_float(size: int) -> str:
    return HEAD + '"extensions":{"x":0.' + "1" * size + 'e5},"accounts":[]' + TAIL


SHAPES: dict[str, Callable[[int], str]] = {
    "duplicate-keys": duplicate_keys,
    "distinct-duplicate-keys": distinct_duplicate_keys,
    "empty-accounts": empty_accounts,
    "valid-accounts": valid_accounts,
    "duplicate-account-ids": duplicate_account_ids,
    "deep-nesting": deep_nesting,
    "deep-but-allowed": deep_but_allowed,
    "long-string": long_string,
    "long-post-text": long_post_text,
    "distinct-phones": distinct_phones,
    "many-emails": many_emails,
    "digits-and-spaces": digits_and_spaces,
    "order-numbers": order_numbers,
    "phone-comments": phone_comments,
    "many-bad-values": many_bad_values,
    "mixed-unique-items": mixed_unique_items,
    "many-bad-timestamps": many_bad_timestamps,
    "unknown-fields": unknown_fields,
    "many-nans": many_nans,
    "many-nans-lines": many_nans_lines,
    "huge-integer": huge_integer,
    "huge-float": huge_float,
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(args: list[str], limit: float) -> tuple[str, str, int]:
    """Wall time (and, in brackets, the CPU time of the process and its children), exit code, stderr lines."""
    start, cpu = time.perf_counter(), _cpu()
    try:
        done = subprocess.run(args, capture_output=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return f">{limit:g} s", "-", 0
    elapsed = time.perf_counter() - start
    return f"{elapsed:.2f} s ({_cpu() - cpu:.2f})", str(done.returncode), done.stderr.count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=float, default=9.5, help="approximate size of each input in MB")
    parser.add_argument("--limit", type=float, default=60.0, help="stop a process after this many seconds")
    parser.add_argument("shapes", nargs="*", help="shapes to run (default: all)")
    options = parser.parse_args()
    size = int(options.size * 1_000_000)
    command = [str(Path(sys.executable).with_name("smm-audit"))]
    print("| shape | size | run | exit | stderr lines | validate | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name in options.shapes or SHAPES:
            path = Path(tmp, f"{name}.json")
            path.write_text(SHAPES[name](size), encoding="utf-8")
            megabytes = path.stat().st_size / 1_000_000
            run = _time([*command, "run", str(path), "-f", "json", "-o", str(Path(tmp, "report.json"))], options.limit)
            check = _time([*command, "validate", str(path)], options.limit)
            print(f"| {name} | {megabytes:.1f} MB | {run[0]} | {run[1]} | {run[2]} | {check[0]} | {check[1]} |")
            sys.stdout.flush()
            path.unlink()


if __name__ == "__main__":
    main()
