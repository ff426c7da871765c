"""Time gametheory's exact N-player solver against pygambit's enumpoly on random games.

Run ``python benchmarks/bench_nplayer.py --help`` for the options. For each shape (default
2x2x2, 3x3x3, 2x2x2x2, 4x4x4) it draws ``--games`` random games with integer payoffs -999..999
(seeded: ``numpy.random.default_rng([seed, *shape])``; ties are rare, so the games are
nondegenerate), and solves each with

- ``ours``: ``gametheory.solve(game)`` (method ``exact``: every equilibrium, exact, certified);
- ``enumpoly``: ``pygambit.nash.enumpoly_solve`` (floating point, polynomial systems per
  support profile).

Each run is a worker process of its own with a time budget per game (``--budget`` seconds):
Gambit's solvers can run for ever, and sympy cannot be interrupted in-process. Imports and a
warm-up solve happen before the clock starts. Counts are the equilibria each side returned;
when they differ the script says which profiles of enumpoly's have exact regret above 1e-6 (not
equilibria) and which of ours (certified: regret exactly 0) enumpoly did not return.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import time
from fractions import Fraction

SHAPES = ("2x2x2", "3x3x3", "2x2x2x2", "4x4x4")


def _game(shape: tuple[int, ...], seed: int):
    import numpy as np

    from gametheory import Game

    rng = np.random.default_rng([seed, *shape])
    return Game.from_arrays(*(rng.integers(-999, 1000, size=shape).tolist() for _ in shape))


def _worker(solver: str, shape: tuple[int, ...], seed: int, queue) -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from gametheory import solve
    from gametheory.algorithms.gambit_methods import _gambit_game

    warm = _game((2, 2, 2), 0)
    game = _game(shape, seed)
    if solver == "ours":
        solve(warm)
        start = time.perf_counter()
        result = solve(game)
        elapsed = time.perf_counter() - start
        profiles = [[float(p) for s in eq.profile for p in s] for eq in result.equilibria]
        queue.put({"time": elapsed, "profiles": profiles, "status": result.status})
        return
    import pygambit as gbt

    gbt.nash.enumpoly_solve(_gambit_game(warm))
    g = _gambit_game(game)
    start = time.perf_counter()
    result = gbt.nash.enumpoly_solve(g)
    elapsed = time.perf_counter() - start
    profiles = [[float(eq[s]) for p in g.players for s in p.strategies] for eq in result.equilibria]
    queue.put({"time": elapsed, "profiles": profiles, "status": "ok"})


def _run(solver: str, shape: tuple[int, ...], seed: int, budget: float) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_worker, args=(solver, shape, seed, queue))
    process.start()
    try:
        # The worker's imports and warm-up are not timed but must fit in a generous margin.
        out = queue.get(timeout=budget + 60)
    except Exception:
        process.kill()
        process.join()
        return {"time": None, "profiles": None, "status": "timeout"}
    process.join()
    if out["time"] > budget:
        out["status"] = "over budget"
    return out


def _regret(game, flat: list[float]) -> Fraction:
    profile, k = [], 0
    for m in game.shape:
        values = [max(Fraction(p).limit_denominator(10**9), Fraction(0)) for p in flat[k:k + m]]
        total = sum(values)
        profile.append(tuple(v / total for v in values))
        k += m
    return game.regret(tuple(profile))


def _compare(shape, seed, ours: list, theirs: list) -> list[str]:
    game = _game(shape, seed)
    notes = []
    matched = set()
    for flat in theirs:
        near = [k for k, o in enumerate(ours)
                if max(abs(a - b) for a, b in zip(o, flat, strict=True)) < 1e-6]
        if near:
            matched.update(near)
            continue
        regret = _regret(game, flat)
        kind = "not an equilibrium" if regret > Fraction(1, 10**6) else "EQUILIBRIUM WE MISSED"
        notes.append(f"enumpoly extra profile ({kind}, exact regret {float(regret):.3g})")
    missed = len(ours) - len(matched)
    if missed:
        notes.append(f"enumpoly missed {missed} of our certified equilibria")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES))
    parser.add_argument("--games", type=int, default=3, help="games per shape")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per game")
    parser.add_argument("--solvers", nargs="+", default=["ours", "enumpoly"])
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args(argv)
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; budget {args.budget:g} s per game")
    print(f"{'shape':>9} {'game':>4} {'solver':>9} {'time (s)':>9} {'count':>5}  notes")
    raw = []
    given_up: set[tuple[str, str]] = set()
    for text in args.shapes:
        shape = tuple(int(k) for k in text.split("x"))
        for g in range(args.games):
            seed = args.seed + g
            runs = {}
            for solver in args.solvers:
                if (solver, text) in given_up:
                    continue
                out = _run(solver, shape, seed, args.budget)
                runs[solver] = out
                if out["status"] in ("timeout", "over budget"):
                    given_up.add((solver, text))
                shown = "-" if out["time"] is None else f"{out['time']:.2f}"
                count = "-" if out["profiles"] is None else str(len(out["profiles"]))
                note = out["status"] if out["status"] != "ok" else ""
                print(f"{text:>9} {g + 1:>4} {solver:>9} {shown:>9} {count:>5}  {note}",
                      flush=True)
            if all(runs.get(s, {}).get("profiles") is not None for s in ("ours", "enumpoly")):
                for note in _compare(shape, seed, runs["ours"]["profiles"],
                                     runs["enumpoly"]["profiles"]):
                    print(f"{'':>9} {g + 1:>4} {'':>9} {'':>9} {'':>5}  {note}", flush=True)
            raw.append({"shape": text, "seed": seed, **{
                s: {"time": r["time"], "count": None if r["profiles"] is None
                    else len(r["profiles"]), "status": r["status"]} for s, r in runs.items()}})
    for text in args.shapes:
        for solver in args.solvers:
            times = [r[solver]["time"] for r in raw if r["shape"] == text and solver in r
                     and r[solver]["time"] is not None]
            if times:
                print(f"# {text} {solver}: median {statistics.median(times):.2f} s "
                      f"over {len(times)} game(s)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(raw, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
