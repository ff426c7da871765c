"""Batch solver benchmark: random games per second, against the exact solver in a loop.

Issue 9 asks for at least 50,000 random 4x4 games per second per core, all equilibria, i.e.
:func:`gametheory.robustness.batch.solve_batch` on 50,000 random 4x4 games in at most 1 s on
one core. This script

1. times ``solve_batch`` on ``--games`` (default 50,000) random 4x4 games ``--repeat`` times
   (default 5) and prints the best and the median of both the wall time and the process CPU
   time (the CPU time is the fairer "per core" figure on a shared machine: it does not count
   time spent waiting for a core);
2. for each shape of ``--shapes`` (default 2x2 3x3 4x4 5x5 2x4 4x6), in one run, times the
   batch solver on ``--games`` games and the exact solver ``gametheory.solve(game, "exact")``
   in a Python loop on ``--exact-games`` of the same games (default 40), and prints the games
   per second of each and their ratio, with the share of games that went to the exact
   fallback.

numpy runs single-threaded (``OPENBLAS_NUM_THREADS=1`` and friends are set before numpy is
imported; the batch solver calls no BLAS anyway). Payoffs are independent uniform floats in
[0, 1) from ``numpy.random.default_rng([seed, m, n])`` (``--kind uniform``: nondegenerate,
no fallback), integers 0..9 (``--kind integer``: most games degenerate, solved in the batch by
exact vertex enumeration) or tenths 0.0..0.9 (``--kind decimal``: the same ties in numbers
that are not short binary fractions, so the degenerate games go to the exact solver: the
worst case).

Run it from the repository root::

    python benchmarks/bench_batch.py                      # everything, about a minute
    python benchmarks/bench_batch.py --repeat 3 --shapes 4x4
    python benchmarks/bench_batch.py --kind integer --games 20000
    python benchmarks/bench_batch.py --kind decimal --games 2000 --repeat 1
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

DEFAULT_SHAPES = ["2x2", "3x3", "4x4", "5x5", "2x4", "4x6"]


def _games(kind: str, count: int, m: int, n: int, seed: int):
    import numpy as np

    rng = np.random.default_rng([seed, m, n])
    if kind == "uniform":
        return rng.random((count, m, n)), rng.random((count, m, n))
    scale = 1.0 if kind == "integer" else 0.1
    return (
        rng.integers(0, 10, (count, m, n)) * scale,
        rng.integers(0, 10, (count, m, n)) * scale,
    )


def _timed(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def _headline(args: argparse.Namespace) -> None:
    from gametheory.robustness.batch import solve_batch

    a, b = _games(args.kind, args.games, 4, 4, args.seed)
    solve_batch(a[:100], b[:100])  # warm-up: imports and index tables
    walls, cpus = [], []
    for _ in range(args.repeat):
        wall, cpu, result = _timed(lambda: solve_batch(a, b))
        walls.append(wall)
        cpus.append(cpu)
    print(f"solve_batch on {args.games} random 4x4 games ({args.kind}), {args.repeat} runs:")
    for name, values in (("wall", walls), ("cpu", cpus)):
        best, median = min(values), statistics.median(values)
        print(
            f"  {name:4}: best {best:.3f} s ({args.games / best:,.0f} games/s), "
            f"median {median:.3f} s ({args.games / median:,.0f} games/s)"
        )
    print(
        f"  equilibria {int(result.n_equilibria.sum())}, "
        f"degenerate {int(result.degenerate.sum())} games, "
        f"exact fallback {int(result.exact_fallback.sum())} games"
    )


def _shapes(args: argparse.Namespace) -> None:
    from gametheory import solve
    from gametheory.robustness.batch import solve_batch

    print(
        f"\n{'shape':>6} {'batch games/s':>14} {'fallback':>9} "
        f"{'exact games/s':>14} {'ratio':>9}   (cpu time; exact solver on "
        f"{args.exact_games} games)"
    )
    for spec in args.shapes:
        m, n = (int(v) for v in spec.lower().split("x"))
        a, b = _games(args.kind, args.games, m, n, args.seed)
        solve_batch(a[:10], b[:10])
        _, batch_cpu, result = _timed(lambda a=a, b=b: solve_batch(a, b))
        sample = solve_batch(a[: args.exact_games], b[: args.exact_games])
        exact_games = [sample.to_game(g) for g in range(args.exact_games)]
        solve(exact_games[0], "exact")
        _, exact_cpu, _ = _timed(lambda gs=exact_games: [solve(g, "exact") for g in gs])
        batch_rate = args.games / batch_cpu
        exact_rate = args.exact_games / exact_cpu
        print(
            f"{spec:>6} {batch_rate:>14,.0f} {int(result.exact_fallback.sum()):>9} "
            f"{exact_rate:>14,.1f} {batch_rate / exact_rate:>9,.0f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=50_000, help="games per batch")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the 4x4 headline")
    parser.add_argument("--shapes", nargs="*", default=DEFAULT_SHAPES, help="e.g. 4x4 2x4")
    parser.add_argument("--exact-games", type=int, default=40, help="games for the exact loop")
    parser.add_argument("--kind", choices=("uniform", "integer", "decimal"), default="uniform")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    import platform

    import numpy as np

    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f}"
    )
    _headline(args)
    if args.shapes:
        _shapes(args)


if __name__ == "__main__":
    main()
