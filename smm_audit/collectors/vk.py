"""The built-in VK collector: ``smm-audit collect vk GROUP -o snapshot.json`` (docs/collect-vk.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from smm_audit.api import Collector, Option, hookimpl
from smm_audit.vk import client, collector

COLLECTOR = Collector(
    name="vk",
    description="Collect a VK community (group or public page) through the VK API.",
    collect=collector.collect,
    target="GROUP",
    target_help="the community's short name (zerno.coffee), id (123 or club123) or address (https://vk.com/...).",
    token_env="VK_TOKEN",
    options=(
        Option(
            "followers",
            str,
            "auto",
            f"Members to list: all, N (the first N), sample:N (a seeded random sample), none; auto is all up to "
            f"{collector.SAMPLE_ABOVE:,} members, else sample:{collector.DEFAULT_SAMPLE}.",
        ),
        Option("seed", int, 0, "Seed of the random sample of members (the same seed, the same sample).", minimum=0),
        Option("posts", int, 100, "Latest wall posts to collect, with their comments.", minimum=0),
        Option(
            "rate",
            float,
            client.USER_RATE,
            "Requests a second: VK allows 3 for a user token, 20 for a community token.",
            minimum=0.1,
            maximum=20,
        ),
        Option("client", str, "", "Client name in the snapshot (default: the community's name)."),
        Option("domains", str, "", "The client's own web domains, comma-separated: links to them need UTM tags."),
        Option(
            "regions",
            str,
            "",
            "The client's target regions (ISO 3166 codes), comma-separated: members from elsewhere are a bot signal.",
        ),
    ),
)


@hookimpl
def register_collectors(register: Callable[[Any], None]) -> None:
    register(COLLECTOR)
