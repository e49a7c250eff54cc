"""The VK collector against a real HTTP server on 127.0.0.1 (never the internet): pacing, error 6, a 500,
a slow answer, all retried to the same snapshot as a clean run. The clock is fake: nothing waits for the pace."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
from vk_fake import FakeTime, VkEmulator, serve

from smm_audit.api import CollectContext
from smm_audit.collectors.vk import COLLECTOR
from smm_audit.errors import CollectError
from smm_audit.testing import assert_valid
from smm_audit.vk import client as vk

TOKEN = "vk1.a.SECRET-token-value-0123456789"
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def collect(url: str, fake: FakeTime, timeout: float = 5.0, **options):
    with httpx.Client(timeout=httpx.Timeout(timeout)) as http:
        context = CollectContext(
            http=http, token=TOKEN, now=lambda: NOW, api_base=url, sleep=fake.sleep, monotonic=fake.clock
        )
        return COLLECTOR.collect("zerno.coffee", {**COLLECTOR.defaults(), **options}, context)


def test_faults_are_retried_to_the_same_snapshot_as_a_clean_run():
    clean_time, faulty_time = FakeTime(), FakeTime()
    clean_api = VkEmulator()
    with serve(clean_api) as url:
        clean = collect(url, clean_time)
    with serve(VkEmulator(), faults={1: "error6", 3: "500", 5: "slow:1.0"}) as url:
        faulty = collect(url, faulty_time, timeout=0.3)
    assert faulty == clean
    assert_valid(faulty)
    backoffs = [s for s in faulty_time.slept if s >= vk.BACKOFF]
    assert backoffs == [vk.BACKOFF] * 3  # one retry each, each request starting from the first delay
    assert all(s == pytest.approx(1 / 3) for s in clean_time.slept)  # the default pace: 3 a second
    assert len(clean_time.slept) == len(clean_api.requests) - 1  # every request but the first waited


def test_a_community_token_rate_paces_at_20_a_second():
    fake = FakeTime()
    with serve(VkEmulator()) as url:
        collect(url, fake, rate=20.0)
    assert fake.slept and all(s == pytest.approx(0.05) for s in fake.slept)


def test_a_server_that_keeps_failing_stops_with_one_line():
    fake = FakeTime()
    with serve(VkEmulator(), faults={n: "500" for n in range(1, 10)}) as url, pytest.raises(CollectError) as caught:
        collect(url, fake)
    assert str(caught.value) == f"VK API groups.getById: HTTP 500 (gave up after {vk.MAX_ATTEMPTS} attempts)"
    assert TOKEN not in str(caught.value)


def test_an_interrupted_collect_resumes_against_the_server(cli, tmp_path, monkeypatch):
    """Through the CLI and a real server: a collect that keeps failing stops with a checkpoint; --resume
    finishes it without asking again for what was fetched, to the same snapshot as a clean run."""
    from smm_audit import collect as collect_cli

    monkeypatch.setattr(collect_cli, "utc_now", lambda: NOW)
    monkeypatch.setattr(vk, "BACKOFF", 0.0)  # the retries happen, without the waits
    monkeypatch.setenv("VK_TOKEN", TOKEN)

    def run(url: str, out, *extra: str):
        return cli("collect", "vk", "zerno.coffee", "-o", str(out), "--api-base", url, "--rate", "20", *extra)

    clean_out = tmp_path / "clean.json"
    with serve(VkEmulator()) as url:
        assert run(url, clean_out).exit_code == 0
    out = tmp_path / "snapshot.json"
    with serve(VkEmulator(), faults={n: "500" for n in range(3, 1000)}) as url:  # fine for two requests
        broken = run(url, out)
    assert broken.exit_code == 2, broken.output
    assert "run again with --resume" in broken.stderr and TOKEN not in broken.output
    checkpoint = tmp_path / "snapshot.json.checkpoint"
    assert checkpoint.exists() and not out.exists() and TOKEN not in checkpoint.read_text("utf-8")
    again = VkEmulator()
    with serve(again) as url:
        resumed = run(url, out, "--resume")
    assert resumed.exit_code == 0, resumed.output
    assert "groups.getById" not in [method for method, _ in again.requests]  # kept from the first run
    assert not checkpoint.exists()
    assert json.loads(out.read_text("utf-8")) == json.loads(clean_out.read_text("utf-8"))
