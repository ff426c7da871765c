"""Time the graph-model stability analysis (``gametheory.ordinal``) on random games.

For each shape, a few random games with integer payoffs 0..9 (seeded): the time of
:func:`gametheory.ordinal.stability` (Nash, GMR, SMR, SEQ for every state and player, and
coalitions of two), with sanctions by any legal sequence of the others' moves (the default)
and by single moves (``single=True``). The cost grows with the number of states times the
size of the others' reachable sets, so games with many players and strategies are the slow
ones. Timing never decides a test; this script only reports.

    python benchmarks/bench_ordinal.py
    python benchmarks/bench_ordinal.py --games 5 --shapes 4x4 8x8 3x3x3 4x4x4 3x3x3x3
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

# As the command line does: one BLAS thread (the closure's matrix products are small).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _game(shape: tuple[int, ...], seed: int):
    import numpy as np

    from gametheory import Game

    rng = np.random.default_rng([seed, *shape])
    arrays = [rng.integers(0, 10, size=shape).tolist() for _ in shape]
    return Game.from_arrays(*arrays)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", nargs="+", default=["4x4", "8x8", "16x16", "3x3x3", "4x4x4",
                                                        "3x3x3x3"])
    parser.add_argument("--games", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from gametheory.ordinal import graph_model, stability

    print(f"{'shape':>10}  {'states':>6}  {'sequences (s)':>13}  {'single (s)':>10}")
    for text in args.shapes:
        shape = tuple(int(k) for k in text.split("x"))
        times: dict[bool, list[float]] = {False: [], True: []}
        states = 1
        for k in shape:
            states *= k
        for g in range(args.games):
            model = graph_model(_game(shape, args.seed + g))
            for single in (False, True):
                start = time.perf_counter()
                stability(model, single=single)
                times[single].append(time.perf_counter() - start)
        print(f"{text:>10}  {states:>6}  {statistics.median(times[False]):>13.3f}  "
              f"{statistics.median(times[True]):>10.3f}")


if __name__ == "__main__":
    main()
