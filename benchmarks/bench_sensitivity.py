"""Sensitivity benchmark: one-parameter analyses of the built-in 4x4 model ``us-russia``.

Issue 5 asks that a one-parameter analysis of the 4x4 model finish in a few seconds. This script
times :func:`gametheory.sensitivity.analyse_parameter` for each of the model's parameters (after
one warm-up analysis, so imports and sympy's first-use caches are not counted) and, to make the
figure machine-independent, divides it by the time of one exact solve of the same game in the
same run: the analysis costs that many solves.

Run it with the project's Python::

    python benchmarks/bench_sensitivity.py            # us-russia, 5 repetitions
    python benchmarks/bench_sensitivity.py --model us-russia-2x2 -n 3
"""

from __future__ import annotations

import argparse
import statistics
import time


def _median_time(function, repetitions: int) -> float:
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="us-russia")
    parser.add_argument("-n", type=int, default=5, help="repetitions of each (default 5)")
    args = parser.parse_args()

    from gametheory import solve
    from gametheory.models import load_model
    from gametheory.sensitivity import ParametricGame, analyse_parameter

    model = load_model(args.model)
    pg = ParametricGame.from_model(model)
    game = model.game()
    names = list(model.parameters)
    analyse_parameter(pg, names[0])  # warm-up
    one_solve = _median_time(lambda: solve(game), max(args.n, 20))
    print(f"model {args.model}: {game.shape[0]}x{game.shape[1]}, parameters {', '.join(names)}")
    print(f"one exact solve: median {one_solve * 1000:.2f} ms")
    print(f"{'parameter':10} {'thresholds':>10} {'median s':>9} {'ratio to one solve':>19}")
    total = 0.0
    for name in names:
        analysis = analyse_parameter(pg, name)
        seconds = _median_time(lambda name=name: analyse_parameter(pg, name), args.n)
        total += seconds
        print(
            f"{name:10} {len(analysis.thresholds):>10} {seconds:9.3f} {seconds / one_solve:19.0f}"
        )
    print(f"{'all':10} {'':>10} {total:9.3f} {total / one_solve:19.0f}")


if __name__ == "__main__":
    main()
