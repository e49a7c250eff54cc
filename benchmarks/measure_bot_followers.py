"""Per-follower precision, recall, F1 and balanced accuracy of bot-followers, and its audience share.

    python benchmarks/measure_bot_followers.py ../shared/dev-data/bot-followers/instafake
    python benchmarks/measure_bot_followers.py DIR --seeds 5              # InstaFake fake-v1.0 (not shipped)
    python benchmarks/measure_bot_followers.py DIR \
        --write-weights smm_audit/builtin_checks/data/bot_followers_weights.json
    python benchmarks/measure_bot_followers.py --labelled FILE.jsonl      # any labelled follower file
    python benchmarks/measure_bot_followers.py                            # synthetic + hand-written sets only

On a labelled real set (InstaFake, or ``--labelled`` in the format of ``smm-audit
calibrate``) everything is cross-validated, as the weights are fitted on that very
data: per seed, a stratified 5-fold split; on each fold's training part the
weights are fitted exactly as ``smm-audit calibrate`` fits them (threshold and
error rates from an inner 5-fold CV), and the test part is judged by the check's
own per-follower code. Per-follower figures pool the test folds; the line gives
the mean (and range) over the seeds.

Audience share: per trial (``--trials``, default 20), a stratified half of the
set is the training part (weights, threshold and error rates fitted on it
alone, as ``calibrate`` does), and from the other half audiences with 10%, 30%
and 50% fakes are drawn without repeating a follower (as large as that half
allows). The check's corrected share is compared with the truth: mean and
largest absolute error in points, and how often the 95% interval holds it.

A follower counts as *flagged* when its verdict is suspicious or dead weight;
unknown verdicts (too few fields) count as not flagged.

Data sets:

- InstaFake (Akyon & Kalfaoglu 2019, github.com/fcakyon/instafake-dataset,
  ``data/fake-v1.0``, CC BY-NC 4.0): real Instagram accounts labelled by the
  authors, with counts, avatar, privacy, bio length and the username's digit
  count and length. Handles are not given: a stand-in handle with the same
  length and digit count (letters first) carries the digit share;
- ``--labelled FILE``: JSON lines or CSV of follower fields plus ``fake``;
- synthetic: ``benchmarks/bot_fixtures.py`` populations (half VK, half Instagram),
  with the detection rate of every archetype;
- hand-written: ``tests/data/followers_labeled.jsonl``, edge cases written one by one.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bot_fixtures import TAKEN_AT, population, snapshot

from smm_audit.builtin_checks import _bot_fit as fitting
from smm_audit.builtin_checks._bot_model import load_weights, parse_weights
from smm_audit.builtin_checks._bot_share import RATE_EVIDENCE, corrected
from smm_audit.builtin_checks.bot_followers import (
    CHECK,
    GENUINE,
    SUSPICIOUS,
    Judge,
    calibration_rows,
    judge_follower,
    labelled_followers,
)
from smm_audit.rows import read_rows
from smm_audit.testing import run_check

HERE = Path(__file__).resolve().parent

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


INSTAFAKE = {
    "dataset": "InstaFake fake-v1.0 (Akyon & Kalfaoglu 2019, arXiv 1910.03090), github.com/fcakyon/instafake-dataset "
    "@ cf669b2: 200 fake and 994 real Instagram accounts",
    "licence": "CC BY-NC 4.0 (the data is not shipped; only these fitted numbers are)",
}


def load_instafake(directory: Path) -> list[tuple[bool, dict[str, Any]]]:
    """(is fake, follower) for every InstaFake fake-v1.0 account, in the snapshot's follower fields."""
    folder = directory / "data" / "fake-v1.0" if (directory / "data").is_dir() else directory
    rows = []
    for file_name in ("fakeAccountData.json", "realAccountData.json"):
        for record in json.loads((folder / file_name).read_text(encoding="utf-8")):
            digits, length = record["usernameDigitCount"], record["usernameLength"]
            follower: dict[str, Any] = {
                "id": "x",
                "username": "a" * max(0, length - digits) + "7" * digits,  # a stand-in with the same digit share
                "followers_count": record["userFollowerCount"],
                "following_count": record["userFollowingCount"],
                "bio_length": record["userBiographyLength"],
                "posts_count": record["userMediaCount"],
                "has_avatar": bool(record["userHasProfilPic"]),
                "is_private": bool(record["userIsPrivate"]),
            }
            rows.append((bool(record["isFake"]), follower))
    return rows


def _judge(weights_document: dict[str, Any], platform: str) -> Judge:
    return Judge(platform, TAKEN_AT, CHECK.defaults(), parse_weights(weights_document, "fold weights"))


def cross_validated(
    name: str, data: list[tuple[bool, dict[str, Any]]], platform: str, seeds: int, priors: bool = True
) -> None:
    """Per-follower figures, the weights fitted on training folds only, judged by the check's own code."""
    labelled = calibration_rows(data, platform)
    per_seed: list[fitting.Rates] = []
    for seed in range(1, seeds + 1):
        assignment = fitting.folds(labelled, fitting.FOLDS, seed)
        counts = Counter[str]()
        for fold in range(fitting.FOLDS):
            train = [r for r, a in zip(labelled, assignment, strict=True) if a != fold]
            judge = _judge(fitting.calibrate(train, {}, seed=seed, fit_priors=priors), platform)
            for (fake, follower), a in zip(data, assignment, strict=True):
                if a == fold:
                    flagged = judge.judge(follower)[0] == SUSPICIOUS
                    counts[("t" if flagged == fake else "f") + ("p" if flagged else "n")] += 1
        per_seed.append(fitting.Rates(counts["tp"], counts["fn"], counts["fp"], counts["tn"]))

    def spread(values: Sequence[float]) -> str:
        return f"{statistics.mean(values):.3f} ({min(values):.3f}-{max(values):.3f})"

    first = per_seed[0]
    print(
        f"{name}: n={first.tp + first.fn + first.fp + first.tn} ({first.tp + first.fn} fake), "
        f"{fitting.FOLDS}-fold CV over {seeds} seeds, mean (range):\n"
        f"  precision {spread([r.precision for r in per_seed])}  recall {spread([r.tpr for r in per_seed])}  "
        f"F1 {spread([r.f1 for r in per_seed])}  balanced accuracy {spread([r.balanced_accuracy for r in per_seed])}"
        f"  false-positive rate {spread([r.fpr for r in per_seed])}"
    )


MIXES = (0.1, 0.3, 0.5)
EVIDENCE = RATE_EVIDENCE
"""Labelled followers each rate counts as in the share's interval (--rate-evidence; the check's default)."""


def audiences(data: list[tuple[bool, dict[str, Any]]], platform: str, trials: int, priors: bool = True) -> None:
    """Audience-share error and interval coverage: fit on one half, audiences from the other (no repeats)."""
    labelled = calibration_rows(data, platform)
    errors: dict[float, list[float]] = {mix: [] for mix in MIXES}
    covered: dict[float, int] = dict.fromkeys(MIXES, 0)
    sizes: dict[float, list[int]] = {mix: [] for mix in MIXES}
    for seed in range(1, trials + 1):
        half = fitting.folds(labelled, 2, 1000 + seed)
        train = [r for r, a in zip(labelled, half, strict=True) if a == 0]
        document = fitting.calibrate(train, {}, seed=seed, fit_priors=priors)
        judge, rates = _judge(document, platform), document["rates"]
        tested = [(fake, judge.judge(f)[0]) for (fake, f), a in zip(data, half, strict=True) if a == 1]
        fakes = [v for fake, v in tested if fake and v in (GENUINE, SUSPICIOUS)]
        humans = [v for fake, v in tested if not fake and v in (GENUINE, SUSPICIOUS)]
        rng = random.Random(seed)
        for mix in MIXES:
            if len(fakes) / (len(fakes) + len(humans)) < mix:
                n_fake, n_human = len(fakes), min(len(humans), round(len(fakes) * (1 - mix) / mix))
            else:
                n_human, n_fake = len(humans), min(len(fakes), round(len(humans) * mix / (1 - mix)))
            drawn = rng.sample(fakes, n_fake) + rng.sample(humans, n_human)
            truth = n_fake / len(drawn)
            flagged = sum(v == SUSPICIOUS for v in drawn)
            share = corrected(flagged, len(drawn), rates["tp"], rates["fn"], rates["fp"], rates["tn"], EVIDENCE)
            errors[mix].append(share.estimate - truth)
            covered[mix] += share.low <= truth <= share.high
            sizes[mix].append(len(drawn))
    for mix in MIXES:
        absolute = [abs(v) for v in errors[mix]]
        print(
            f"  audiences with {mix:.0%} fakes ({min(sizes[mix]):,}-{max(sizes[mix]):,} followers, no repeats), "
            f"{trials} trials: share error mean {100 * statistics.mean(absolute):.1f} points, largest "
            f"{100 * max(absolute):.1f}, bias {100 * statistics.mean(errors[mix]):+.1f}; the 95% interval holds "
            f"the truth in {covered[mix]}/{trials}"
        )


def shipped(name: str, data: list[tuple[bool, dict[str, Any]]], platform: str, trials: int) -> None:
    """The shipped weights on a set: per follower, and the share of audiences drawn from the whole set.

    A cross-dataset figure when the set is not the one they were fitted on; in-sample (a check, not a
    figure) on InstaFake.
    """
    weights = load_weights()
    judge = Judge(platform, TAKEN_AT, CHECK.defaults(), weights)
    verdicts = [(fake, judge.judge(follower)[0]) for fake, follower in data]
    counts = Counter[str]()
    for fake, verdict in verdicts:
        flagged = verdict == SUSPICIOUS
        counts[("t" if flagged == fake else "f") + ("p" if flagged else "n")] += 1
    r = fitting.Rates(counts["tp"], counts["fn"], counts["fp"], counts["tn"])
    print(
        f"{name}, shipped weights as they are: precision {r.precision:.3f} recall {r.tpr:.3f} F1 {r.f1:.3f} "
        f"balanced accuracy {r.balanced_accuracy:.3f} false-positive rate {r.fpr:.3f} "
        f"(tp={r.tp} fp={r.fp} fn={r.fn} tn={r.tn})"
    )
    fakes = [v for fake, v in verdicts if fake and v in (GENUINE, SUSPICIOUS)]
    humans = [v for fake, v in verdicts if not fake and v in (GENUINE, SUSPICIOUS)]
    for mix in MIXES:
        errors, covered = [], 0
        rng = random.Random(int(mix * 100))
        for _ in range(trials):
            if len(fakes) / (len(fakes) + len(humans)) < mix:
                n_fake, n_human = len(fakes), min(len(humans), round(len(fakes) * (1 - mix) / mix))
            else:
                n_human, n_fake = len(humans), min(len(fakes), round(len(humans) * mix / (1 - mix)))
            n_fake, n_human = n_fake * 3 // 4, n_human * 3 // 4  # a different draw each trial
            drawn = rng.sample(fakes, n_fake) + rng.sample(humans, n_human)
            truth = n_fake / len(drawn)
            flagged = sum(v == SUSPICIOUS for v in drawn)
            share = corrected(flagged, len(drawn), weights.tp, weights.fn, weights.fp, weights.tn, EVIDENCE)
            errors.append(share.estimate - truth)
            covered += share.low <= truth <= share.high
        print(
            f"  audiences with {mix:.0%} fakes ({len(drawn):,} followers), {trials} trials: share error mean "
            f"{100 * statistics.mean(abs(e) for e in errors):.1f} points, bias {100 * statistics.mean(errors):+.1f}; "
            f"the 95% interval holds the truth in {covered}/{trials}"
        )


def write_weights(path: Path, data: list[tuple[bool, dict[str, Any]]], platform: str) -> None:
    """Fit the weights on all of ``data`` (threshold and rates from 5-fold CV) and write them with provenance."""
    labelled = calibration_rows(data, platform)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE)
    provenance = {
        **INSTAFAKE,
        "fitted_by": "python benchmarks/measure_bot_followers.py DIR --write-weights FILE",
        "code_commit": commit.stdout.strip() or None,
        "date": date.today().isoformat(),
        "platform": platform,
    }
    document = fitting.calibrate(labelled, provenance, fit_priors=False)  # stand-in handles: keep the priors
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}: cross-validated {document['cross_validated']}")


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
    parser.add_argument("instafake", nargs="?", type=Path, help="InstaFake's folder (or its data/fake-v1.0)")
    parser.add_argument("--instafake", dest="instafake_option", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--labelled", type=Path, action="append", default=[], help="JSON lines or CSV with 'fake'")
    parser.add_argument("--platform", default="instagram", help="platform of the --labelled followers")
    parser.add_argument("--seeds", type=int, default=5, help="CV repetitions (default 5)")
    parser.add_argument("--trials", type=int, default=20, help="audience-share trials per mix (default 20)")
    parser.add_argument("--write-weights", type=Path, help="fit on all of InstaFake and write the weights here")
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument(
        "--rate-evidence", type=int, default=RATE_EVIDENCE, help=f"cap on each rate's counts (default {RATE_EVIDENCE})"
    )
    parser.add_argument("--n", type=int, default=20000, help="synthetic followers (default 20000)")
    parser.add_argument("--fake-share", type=float, default=0.3)
    parser.add_argument("--no-synthetic", action="store_true", help="skip the synthetic and hand-written sets")
    args = parser.parse_args(argv)
    global EVIDENCE
    EVIDENCE = args.rate_evidence
    directory = args.instafake or args.instafake_option
    if directory and args.write_weights:
        write_weights(args.write_weights, load_instafake(directory), "instagram")
        return
    if directory:
        data = load_instafake(directory)
        cross_validated("InstaFake fake-v1.0", data, "instagram", args.seeds, priors=False)
        audiences(data, "instagram", args.trials, priors=False)
        shipped("InstaFake fake-v1.0 (in-sample)", data, "instagram", args.trials)
    for path in args.labelled:
        data = labelled_followers(read_rows(str(path)))
        cross_validated(str(path), data, args.platform, args.seeds)
        audiences(data, args.platform, args.trials)
        shipped(str(path), data, args.platform, args.trials)
    if not args.no_synthetic:
        synthetic(args.n, args.seed, args.fake_share)
        handwritten()
        audience(args.seed)


if __name__ == "__main__":
    main()
