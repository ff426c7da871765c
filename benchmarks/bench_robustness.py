"""Robustness benchmark: end-to-end SMAA runs on ``us-russia`` with 1, 2, ... local workers.

Issue 9 asks for a 1,000,000-sample run on ``us-russia`` in under 60 s on a 2-core machine,
end to end, and for the scale-out curve. This script runs the command line itself
(``gametheory robustness us-russia --samples N --seed S --workers K -f json``) in a fresh
process for each worker count, so the wall time includes start-up, sampling, solving, merging
and formatting; it checks that every run printed the same bytes (the reproducibility
contract) and prints the wall time and samples per second of each.

Run it with the project's Python, from the repository root::

    python benchmarks/bench_robustness.py                      # 1,000,000 samples, 1 and 2 workers
    python benchmarks/bench_robustness.py --samples 200000 --workers 1 2 4
    python benchmarks/bench_robustness.py --over parameters
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="us-russia")
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--over", choices=("ranks", "parameters"), default="ranks")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    print(f"model {args.model}, {args.samples} samples over the {args.over}, seed {args.seed}, "
          f"{os.cpu_count()} CPUs")
    print(f"{'workers':>7} {'wall s':>8} {'samples/s':>11}  output sha256")
    digests = set()
    for workers in args.workers:
        command = [
            sys.executable, "-m", "gametheory", "robustness", args.model,
            "--samples", str(args.samples), "--seed", str(args.seed), "--over", args.over,
            "--workers", str(workers), "-f", "json",
        ]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=True)
        seconds = time.perf_counter() - start
        digest = hashlib.sha256(done.stdout).hexdigest()[:16]
        digests.add(digest)
        print(f"{workers:>7} {seconds:8.1f} {args.samples / seconds:11.0f}  {digest}")
    print("same output for every worker count" if len(digests) == 1 else "OUTPUTS DIFFER")


if __name__ == "__main__":
    main()
