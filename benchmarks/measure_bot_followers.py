"""Precision, recall and F1 of bot-followers' per-follower verdict on labelled followers.

    python benchmarks/measure_bot_followers.py                      # synthetic + hand-written sets
    python benchmarks/measure_bot_followers.py --seed 7 --n 50000
    python benchmarks/measure_bot_followers.py --instafake DIR      # + InstaFake fake-v1.0 (not shipped)
    python benchmarks/measure_bot_followers.py --kaggle-csv FILE    # + Kaggle "Instagram fake spammer genuine"

A follower counts as *flagged* when its verdict is suspicious or dead weight
(deactivated, banned, deleted); unknown verdicts (too few fields) count as not
flagged. Precision = flagged fakes / flagged, recall = flagged fakes / fakes.
The second line of each set leaves dead weight out: live followers only,
flagged = suspicious.

Data sets:

- synthetic: ``benchmarks/bot_fixtures.py`` populations (half VK, half Instagram),
  with the detection rate of every archetype;
- hand-written: ``tests/data/followers_labeled.jsonl``, edge cases written one by one;
- InstaFake (Akyon & Kalfaoglu 2019, github.com/fcakyon/instafake-dataset,
  ``data/fake-v1.0``): real Instagram accounts labelled by the authors, with
  counts, avatar, privacy, bio length and username digit counts only. Handles
  are not given; ``--instafake-names`` builds a stand-in handle with the same
  length and digit count (letters first), which is an artefact: off by default;
- Kaggle free4ever1 "Instagram fake spammer genuine accounts" ``train.csv`` / ``test.csv``.

The audience line runs the whole check on a synthetic snapshot and compares its
suspicious share with the true fake share of the live followers.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bot_fixtures import population, snapshot  # noqa: E402

from smm_audit.builtin_checks.bot_followers import judge_follower  # noqa: E402
from smm_audit.testing import run_check  # noqa: E402

LABELLED = HERE.parent / "tests" / "data" / "followers_labeled.jsonl"
Row = tuple[bool, str, dict[str, Any]]  # (is fake, platform, follower)


def scores(rows: Iterable[Row], live_only: bool = False) -> dict[str, Any]:
    """Confusion counts, precision, recall and F1 of the verdict on ``rows``."""
    counts: Counter[str] = Counter()
    for fake, platform, follower in rows:
        verdict = judge_follower(follower, platform)
        if live_only and verdict.verdict == "dead":
            continue
        flagged = verdict.verdict == "suspicious" if live_only else verdict.positive
        counts["unknown"] += verdict.verdict == "unknown"
        counts[("t" if flagged == fake else "f") + ("p" if flagged else "n")] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        **counts,
        "n": sum(counts[k] for k in ("tp", "fp", "tn", "fn")),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def line(name: str, result: dict[str, Any]) -> str:
    return (
        f"{name:<44} n={result['n']:>6}  P={result['precision']:.3f}  R={result['recall']:.3f}  "
        f"F1={result['f1']:.3f}  (tp={result['tp']} fp={result['fp']} fn={result['fn']} tn={result['tn']}"
        f" unknown={result['unknown']})"
    )


def report(name: str, rows: list[Row]) -> None:
    print(line(name, scores(rows)))
    print(line(name + ", live followers only", scores(rows, live_only=True)))


def synthetic(n: int, seed: int, fake_share: float) -> None:
    samples = population(n, fake_share, seed)
    report(f"synthetic (seed {seed}, {fake_share:.0%} fake)", [(s.fake, s.platform, s.follower) for s in samples])
    for platform in ("vk", "instagram"):
        report(f"  {platform}", [(s.fake, s.platform, s.follower) for s in samples if s.platform == platform])
    flagged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for sample in samples:
        total[sample.archetype] += 1
        flagged[sample.archetype] += judge_follower(sample.follower, sample.platform).positive
    print("  flagged share per archetype:")
    for archetype in sorted(total):
        print(f"    {archetype:<22} {flagged[archetype] / total[archetype]:6.1%} of {total[archetype]}")


def handwritten() -> None:
    rows = [json.loads(text) for text in LABELLED.read_text(encoding="utf-8").splitlines() if text.strip()]
    report(f"hand-written ({LABELLED.name})", [(r["label"] == "fake", r["platform"], r["follower"]) for r in rows])
    misses = [r for r in rows if judge_follower(r["follower"], r["platform"]).positive != (r["label"] == "fake")]
    for row in misses:
        verdict = judge_follower(row["follower"], row["platform"])
        score = "-" if verdict.score is None else f"{verdict.score:.2f}"
        print(f"    wrong: {row['label']:<7} {verdict.verdict:<10} score {score}  {row['case']}")


def instafake(directory: Path, names: bool) -> None:
    rows: list[Row] = []
    for file_name in ("fakeAccountData.json", "realAccountData.json"):
        for record in json.loads((directory / file_name).read_text(encoding="utf-8")):
            follower: dict[str, Any] = {
                "id": "x",
                "followers_count": record["userFollowerCount"],
                "following_count": record["userFollowingCount"],
                "bio_length": record["userBiographyLength"],
                "posts_count": record["userMediaCount"],
                "has_avatar": bool(record["userHasProfilPic"]),
                "is_private": bool(record["userIsPrivate"]),
            }
            if names:
                digits, length = record["usernameDigitCount"], record["usernameLength"]
                follower["username"] = "a" * max(0, length - digits) + "7" * digits
            rows.append((bool(record["isFake"]), "instagram", follower))
    report(f"InstaFake fake-v1.0 ({'stand-in handles' if names else 'no handles'})", rows)


def kaggle(path: Path) -> None:
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as stream:
        for record in csv.DictReader(stream):
            follower = {
                "id": "x",
                "has_avatar": record["profile pic"] == "1",
                "bio_length": int(record["description length"]),
                "is_private": record["private"] == "1",
                "posts_count": int(record["#posts"]),
                "followers_count": int(record["#followers"]),
                "following_count": int(record["#follows"]),
            }
            rows.append((record["fake"] == "1", "instagram", follower))
    report(f"Kaggle {path.name}", rows)


def audience(seed: int) -> None:
    n, fake_share = 5000, 0.2
    data = snapshot(n, fake_share, seed)
    truth = [s for s in population(n, fake_share, seed, "vk") if s.follower.get("status", "active") == "active"]
    true_share = sum(s.fake for s in truth) / len(truth)
    result = run_check("bot-followers", data)
    (account,) = result.metrics["accounts"]
    print(
        f"audience (VK, {n} followers, seed {seed}): suspicious share {account['suspicious_share']:.1%} "
        f"vs true fake share of live followers {true_share:.1%}; dead weight {account['dead_weight_share']:.1%}; "
        f"status {result.status}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument("--n", type=int, default=20000, help="synthetic followers (default 20000)")
    parser.add_argument("--fake-share", type=float, default=0.3)
    parser.add_argument("--instafake", type=Path, help="directory with InstaFake's fake-v1.0 JSON files")
    parser.add_argument("--instafake-names", action="store_true", help="build stand-in handles from digit counts")
    parser.add_argument("--kaggle-csv", type=Path, action="append", default=[], help="Kaggle free4ever1 CSV file")
    args = parser.parse_args(argv)
    synthetic(args.n, args.seed, args.fake_share)
    handwritten()
    if args.instafake:
        instafake(args.instafake, args.instafake_names)
    for path in args.kaggle_csv:
        kaggle(path)
    audience(args.seed)


if __name__ == "__main__":
    main()
