"""Correlated equilibria and the logit QRE: time per game, and the QRE against Gambit's.

For random n x n games with integer payoffs in [0, 99] (seeded), and for the built-in model
``us-russia``, this script reports the median time of

- ``correlated_equilibria(game, vertices=False)``: the welfare-maximising and each player's best
  correlated equilibrium (certified LPs);
- ``correlated_equilibria(game, vertices=True)``: the same and every vertex of the polytope
  (exact double description, with its work limit; how many games got their vertices listed);
- ``logit_branch(game)``: the QRE branch and its exact limit;
- pygambit's ``logit_solve`` (Gambit's own continuation, C++), when installed, and how often its
  limit agrees with ours (max-norm distance below 1e-4).

Run it with the project's Python::

    python benchmarks/bench_concepts.py            # sizes 2..5, 10 games each
    python benchmarks/bench_concepts.py --sizes 2 3 4 6 -n 5
"""

from __future__ import annotations

import argparse
import statistics
import time


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 5])
    parser.add_argument("-n", type=int, default=10, help="games per size (default 10)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import numpy as np

    from gametheory import Game
    from gametheory.concepts.correlated import correlated_equilibria
    from gametheory.concepts.qre import logit_branch
    from gametheory.models import load_model

    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover - optional peer
        gbt = None

    rng = np.random.default_rng(args.seed)
    cases = []
    for size in args.sizes:
        games = [Game.from_arrays(rng.integers(0, 100, (size, size)).tolist(),
                                  rng.integers(0, 100, (size, size)).tolist())
                 for _ in range(args.n)]
        cases.append((f"random {size}x{size}", games))
    cases.append(("us-russia", [load_model("us-russia").game()]))
    correlated_equilibria(cases[0][1][0])  # imports and first-use costs off the clock
    logit_branch(cases[0][1][0])

    print(f"{'games':<14} {'CE (LP) s':>10} {'+vertices s':>12} {'listed':>7} {'QRE s':>8} "
          f"{'Gambit s':>9} {'limit agrees':>13}")
    for name, games in cases:
        ce, vertices, qre, gambit, agree, listed = [], [], [], [], 0, 0
        for game in games:
            ce.append(_timed(correlated_equilibria, game, vertices=False)[1])
            result, seconds = _timed(correlated_equilibria, game, vertices=True)
            vertices.append(seconds)
            listed += result.vertices is not None
            branch, seconds = _timed(logit_branch, game)
            qre.append(seconds)
            if gbt is not None:
                peer = gbt.Game.from_arrays(*(np.array(p, dtype=float) for p in game.to_float()))
                result, seconds = _timed(gbt.nash.logit_solve, peer)
                gambit.append(seconds)
                theirs = [float(result.equilibria[0][s]) for player in peer.players
                          for s in player.strategies]
                ours = ([float(p) for s in branch.limit.profile for p in s]
                        if branch.limit is not None else [p for s in branch.points[-1].profile
                                                          for p in s])
                agree += max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) < 1e-4

        def median(values):
            return f"{statistics.median(values):.3f}" if values else "-"

        share = f"{agree}/{len(games)}" if gbt is not None else "-"
        print(f"{name:<14} {median(ce):>10} {median(vertices):>12} "
              f"{f'{listed}/{len(games)}':>7} {median(qre):>8} {median(gambit):>9} {share:>13}")


if __name__ == "__main__":
    main()
