"""Collect a recorded community of N members from a local fake VK API, at the real pace.

    PYTHONPATH=tests python benchmarks/bench_collect_vk.py [MEMBERS] [RATE]   # default 100000 members, 3 a second

Serves tests/vk_fake.py's emulator (the recorded community, its member list grown to MEMBERS) on
127.0.0.1 and runs the VK collector against it with the real clock and ``--followers all``; prints the
requests made, members a second and the seconds the pacing alone accounts for.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

import httpx
from vk_fake import VkEmulator, big_recording, serve

from smm_audit.api import CollectContext
from smm_audit.collectors.vk import COLLECTOR
from smm_audit.validate import validate


def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    emulator = VkEmulator(big_recording(members))
    paced: list[float] = []

    def sleep(seconds: float) -> None:
        paced.append(seconds)
        time.sleep(seconds)

    options = {**COLLECTOR.defaults(), "followers": "all", "rate": rate}
    with serve(emulator) as url, httpx.Client(timeout=httpx.Timeout(60.0)) as http:
        context = CollectContext(
            http=http, token="benchmark-token", now=lambda: datetime.now(UTC), api_base=url, sleep=sleep
        )
        start = time.perf_counter()
        data = COLLECTOR.collect("zerno.coffee", options, context)
        elapsed = time.perf_counter() - start
    followers = len(data["accounts"][0]["followers"])
    problems = validate(data)
    print(f"members: {followers:,} of {members:,} (snapshot {'valid' if not problems else 'INVALID'})")
    print(f"requests: {len(emulator.requests)} at {rate:g} a second")
    print(f"time: {elapsed:.2f} s, {followers / elapsed:,.0f} members a second")
    print(f"pacing alone: {sum(paced):.2f} s ({len(paced)} waits)")


if __name__ == "__main__":
    main()
