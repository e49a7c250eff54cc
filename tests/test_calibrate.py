"""smm-audit calibrate: labelled followers in, validated weights out; the check's weights option reads them."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import pytest

from smm_audit.builtin_checks import _bot_fit, _bot_model
from smm_audit.builtin_checks import bot_followers as bf
from smm_audit.errors import UsageError
from smm_audit.rows import read_rows
from smm_audit.testing import make_snapshot, run_check

FIELDS = ("fake", "username", "has_avatar", "posts_count", "following_count", "followers_count", "bio_length")


def labelled(n_fake: int, n_genuine: int, seed: int = 3) -> list[dict[str, Any]]:
    """Followers whose fields overlap between the classes, as real ones do."""
    rng = random.Random(seed)
    rows = []
    for i in range(n_fake + n_genuine):
        fake = i < n_fake
        rows.append(
            {
                "fake": fake,
                "username": f"user{rng.randrange(10**8)}" if fake and rng.random() < 0.6 else f"anna_{i}",
                "has_avatar": rng.random() < (0.4 if fake else 0.95),
                "posts_count": int(rng.expovariate(1 / (3 if fake else 60))),
                "following_count": int(rng.lognormvariate(7.2 if fake else 5.5, 0.8)),
                "followers_count": int(rng.lognormvariate(3 if fake else 5.5, 1)),
                "bio_length": 0 if rng.random() < (0.8 if fake else 0.4) else rng.randint(1, 80),
            }
        )
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: str(v).lower() if isinstance(v, bool) else v for k, v in row.items()})
    return path


def test_calibrate_writes_weights_and_prints_the_cross_validated_figures(cli, tmp_path):
    data = write_jsonl(tmp_path / "labelled.jsonl", labelled(80, 240))
    result = cli("calibrate", "bot-followers", str(data), "-o", str(tmp_path / "w.json"))
    assert result.exit_code == 0, result.output
    assert "320 labelled followers (80 fake), 5-fold cross-validated:" in result.stdout
    for figure in ("precision", "recall", "balanced accuracy", "true positives", "false positives"):
        assert figure in result.stdout
    document = json.loads((tmp_path / "w.json").read_text("utf-8"))
    weights = _bot_model.parse_weights(document, "w.json")
    assert weights.tp + weights.fn == 80 and weights.fp + weights.tn == 240
    assert document["provenance"]["dataset"] == str(data) and document["provenance"]["n"] == 320
    assert document["cross_validated"]["balanced_accuracy"] > 0.8
    assert weights.coefficients["no_avatar"] > 0 and weights.coefficients["log_posts"] < 0
    assert weights.coefficients["never_active"] == 2.5  # not in the data: the prior stays


def test_calibrate_reads_csv_with_typed_cells(cli, tmp_path):
    rows = labelled(80, 240)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    from_json = cli("calibrate", "bot-followers", str(write_jsonl(tmp_path / "l.jsonl", rows)), "-o", str(a))
    from_csv = cli("calibrate", "bot-followers", str(write_csv(tmp_path / "l.csv", rows)), "-o", str(b))
    assert from_json.exit_code == from_csv.exit_code == 0, from_csv.output
    first, second = (json.loads(path.read_text("utf-8")) for path in (a, b))
    assert first["coefficients"] == second["coefficients"] and first["rates"] == second["rates"]


def test_read_rows_types_csv_cells(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("fake,has_avatar,posts_count,ratio,username\nTRUE,false,12,0.5,\n", encoding="utf-8")
    assert read_rows(str(path)) == [{"fake": True, "has_avatar": False, "posts_count": 12, "ratio": 0.5}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"fake": true}\n[1]\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.jsonl:2: a row must be a JSON object"):
        read_rows(str(bad))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (labelled(10, 240), "10 fake and 240 genuine followers: at least 20 of each are needed"),
        (labelled(0, 240), "0 fake and 240 genuine followers: at least 20 of each are needed"),
        ([{**labelled(1, 0)[0], "fake": "maybe"}], "row 1: 'fake' must be true or false (1/0), got 'maybe'"),
        ([{**labelled(1, 0)[0], "posts_count": -3}], "row 1: posts_count: -3 is less than the minimum of 0"),
    ],
)
def test_calibrate_refuses_data_it_cannot_fit(cli, tmp_path, rows, message):
    data = write_jsonl(tmp_path / "labelled.jsonl", rows)
    result = cli("calibrate", "bot-followers", str(data), "-o", str(tmp_path / "w.json"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {data}: {message}"]
    assert not (tmp_path / "w.json").exists()


def test_calibrate_names_the_checks_it_can_calibrate(cli, tmp_path):
    data = write_jsonl(tmp_path / "labelled.jsonl", labelled(30, 30))
    result = cli("calibrate", "dead-community", str(data), "-o", str(tmp_path / "w.json"))
    assert result.exit_code == 2
    assert "check 'dead-community' cannot be calibrated (checks that can: bot-followers)" in result.stderr
    assert cli("calibrate", "bot-folowers", str(data), "-o", str(tmp_path / "w.json")).exit_code == 2


def always_fake(path: Path) -> Path:
    document = json.loads(_bot_model.DEFAULT_WEIGHTS.read_text("utf-8"))
    document["intercept"] = 20.0
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_weights_option_is_relative_to_the_config_file(cli, tmp_path, monkeypatch, write_snapshot):
    followers = [{"id": str(i), **bf_genuine()} for i in range(40)]
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "followers": followers}])
    settings = tmp_path / "settings"
    settings.mkdir()
    always_fake(settings / "w.json")
    (settings / "smm-audit.toml").write_text('[checks.bot-followers]\nweights = "w.json"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ("run", str(snapshot), "-f", "json", "--select", "bot-followers", "--fail-on", "never")
    default = json.loads(cli(*args).stdout)["checks"][0]
    configured = json.loads(cli(*args, "--config", str(settings / "smm-audit.toml")).stdout)["checks"][0]
    assert default["status"] == "pass" and configured["status"] == "fail"
    assert configured["options"]["weights"] == str((settings / "w.json").resolve())
    assert configured["metrics"]["accounts"][0]["suspicious_share_raw"] == 1.0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not valid JSON"),
        ('{"version": 2}', "version 2 is not supported"),
        (None, "cannot read"),
    ],
)
def test_a_bad_weights_file_is_one_line_and_exit_2(cli, tmp_path, write_snapshot, content, problem):
    snapshot = write_snapshot(accounts=[{"id": "vk", "platform": "vk", "followers": [{"id": "1", **bf_genuine()}]}])
    weights = tmp_path / "w.json"
    if content is not None:
        weights.write_text(content, encoding="utf-8")
    config = tmp_path / "smm-audit.toml"
    config.write_text('[checks.bot-followers]\nweights = "w.json"\n', encoding="utf-8")
    result = cli("run", str(snapshot), "--config", str(config))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "option bot-followers.weights" in line and str(weights) in line and problem in line


def bf_genuine() -> dict[str, Any]:
    return {"has_avatar": True, "posts_count": 80, "following_count": 150, "followers_count": 300, "bio_length": 20}


def weights_document() -> dict[str, Any]:
    return json.loads(_bot_model.DEFAULT_WEIGHTS.read_text("utf-8"))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"features": list(reversed(_bot_model.NAMES))}, "features must be exactly"),
        ({"centres": [0.0]}, "centres must be a list of 10 numbers"),
        ({"coefficients": ["x"] * 10}, "coefficients[0] must be a finite number"),
        ({"threshold": 1.0}, "threshold must be between 0 and 1"),
        ({"rates": {"tp": 1, "fn": 9, "fp": 5, "tn": 5}}, "more true than false positives"),
        ({"rates": {"tp": 1}}, "rates.fn must be a count"),
        ({"intercept": None}, "intercept must be a finite number"),
    ],
)
def test_weights_are_validated(change, problem):
    with pytest.raises(_bot_model.WeightsError) as error:
        _bot_model.parse_weights({**weights_document(), **change}, "w.json")
    assert str(error.value).startswith("w.json: ") and problem in str(error.value)


def test_the_shipped_weights_are_valid_and_say_where_they_come_from():
    document = weights_document()
    weights = _bot_model.load_weights()
    assert weights.threshold == bf.CHECK.defaults()["suspicion_threshold"]
    assert "InstaFake" in document["provenance"]["dataset"] and "CC BY-NC" in document["provenance"]["licence"]
    assert document["provenance"]["n"] == weights.tp + weights.fn + weights.fp + weights.tn
    cv = document["cross_validated"]
    assert cv["recall"] == round(weights.tpr, 4) and cv["false_positive_rate"] == round(weights.fpr, 4)


def test_the_dated_signals_are_fitted_when_the_labelled_data_has_them(cli, tmp_path):
    rows = labelled(80, 240)
    rng = random.Random(5)
    for row in rows:  # most fakes never came back after joining; few genuine followers did not
        row["joined_at"] = "2026-06-01T12:00:00+03:00"
        quiet = rng.random() < (0.7 if row["fake"] else 0.05)
        row["last_active_at"] = "2026-05-20T12:00:00+03:00" if quiet else "2026-10-30T12:00:00+03:00"
    data = write_jsonl(tmp_path / "dated.jsonl", rows)
    assert cli("calibrate", "bot-followers", str(data), "-o", str(tmp_path / "w.json")).exit_code == 0
    weights = _bot_model.parse_weights(json.loads((tmp_path / "w.json").read_text("utf-8")), "w.json")
    assert weights.coefficients["never_active"] != 2.5 and weights.coefficients["never_active"] > 1
    assert weights.coefficients["new_account"] == 1.875  # no created_at: the prior stays
    stand_ins = _bot_fit.fit(bf.calibration_rows([(bool(r.pop("fake")), r) for r in rows]), fit_priors=False)
    assert stand_ins.coefficients["never_active"] == 2.5


def test_the_fit_recovers_the_direction_of_each_feature():
    rows = bf.calibration_rows([(bool(r.pop("fake")), r) for r in labelled(150, 450)])
    model = _bot_fit.fit(rows)
    assert model.coefficients["no_avatar"] > 0.5 and model.coefficients["log_posts"] < 0
    assert model.coefficients["log_follow_ratio"] + model.coefficients["log_following"] > 0
    logits = [model.logit(r.values) for r in rows]
    cut = _bot_fit.choose_cut(logits, [r.fake for r in rows])
    assert _bot_fit.rates(logits, [r.fake for r in rows], cut).balanced_accuracy > 0.85


def test_a_half_bought_audience_fails_with_an_estimate_near_half():
    rows = labelled(300, 300, seed=9)
    followers = [{"id": str(i), **{k: v for k, v in row.items() if k != "fake"}} for i, row in enumerate(rows)]
    result = run_check(
        "bot-followers", make_snapshot(accounts=[{"id": "ig", "platform": "instagram", "followers": followers}])
    )
    assert result.status == "fail"
    (metrics,) = result.metrics["accounts"]
    low, high = metrics["suspicious_ci95"]
    assert low <= metrics["suspicious_share"] <= high
    assert metrics["suspicious_share"] > metrics["suspicious_share_raw"]  # recall under 1: the raw count is short


def test_calibrate_to_standard_output(cli, tmp_path, monkeypatch):
    """``-o -`` is standard output (click's convention): the weights there, the figures on stderr, no file '-'."""
    data = write_jsonl(tmp_path / "labelled.jsonl", labelled(80, 240))
    monkeypatch.chdir(tmp_path)
    result = cli("calibrate", "bot-followers", str(data), "-o", "-")
    assert result.exit_code == 0, result.output
    assert _bot_model.parse_weights(json.loads(result.stdout), "-").tp > 0
    assert "5-fold cross-validated" in result.stderr
    assert not (tmp_path / "-").exists()
