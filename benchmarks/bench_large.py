"""Large games: bounded memory of the exact method, one equilibrium of a 200x200 game.

Two measurements of issue 16, each in a worker process of its own:

* ``exact`` on a random n x n game (default 25x25, payoffs 0..999) for a fixed budget of seconds:
  the search is streamed (reverse search on one best-response polytope), so it reports vertices
  visited and equilibria found as it goes; the worker prints its peak resident memory every
  second and is stopped at the budget. ``lrsnash`` gets the same game and budget.
* One equilibrium of a random 200x200 game: ``gametheory.solve(game, "lemke-howson")`` (float
  paths, ends certified exactly) against QuantEcon's ``lemke_howson`` (float, not certified),
  each timed around the call alone.

Usage::

    python benchmarks/bench_large.py                      # 25x25 for 60 s, 200x200 LH
    python benchmarks/bench_large.py --size 25 --budget 120 --lh-size 200
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _game(size: int, seed: int) -> tuple[list, list]:
    import numpy as np

    rng = np.random.default_rng([seed, size, 999])
    return (rng.integers(0, 1000, (size, size)).tolist(),
            rng.integers(0, 1000, (size, size)).tolist())


def _peak_mib() -> float:
    import resource

    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / (1 << 20) if sys.platform == "darwin" else kib / 1024


def exact_worker(size: int, seed: int) -> None:
    """Solve the game with ``exact``, printing a JSON line of progress at most every second."""
    import gametheory as gt

    game = gt.Game.from_arrays(*_game(size, seed))
    start, last = time.perf_counter(), [0.0]

    def progress(visited: int, _total: int | None, found: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= 1:
            last[0] = now
            print(json.dumps({"seconds": now - start, "visited": visited, "found": found,
                              "peak_mib": _peak_mib()}), flush=True)

    result = gt.solve(game, "exact", progress=progress)
    print(json.dumps({"seconds": time.perf_counter() - start, "done": True,
                      "found": len(result.equilibria), "peak_mib": _peak_mib()}), flush=True)


def lh_worker(size: int, seed: int, solver: str) -> None:
    a, b = _game(size, seed)
    if solver == "ours":
        import gametheory as gt

        game = gt.Game.from_arrays(a, b)
        start = time.perf_counter()
        result = gt.solve(game, "lemke-howson")
        elapsed = time.perf_counter() - start
        found = len(result.equilibria)
    else:
        import numpy as np
        from quantecon.game_theory import NormalFormGame, Player, lemke_howson

        lemke_howson(NormalFormGame((Player(np.eye(2)), Player(np.eye(2)))))  # JIT, untimed
        g = NormalFormGame((Player(np.array(a, float)), Player(np.array(b, float).T)))
        start = time.perf_counter()
        lemke_howson(g)
        elapsed = time.perf_counter() - start
        found = 1
    print(json.dumps({"seconds": elapsed, "found": found, "peak_mib": _peak_mib()}), flush=True)


def _run(command: list[str], budget: float) -> tuple[str, bool]:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=budget)
        return done.stdout + done.stderr, True
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout or ""
        return out.decode() if isinstance(out, bytes) else out, False


def _lrsnash(size: int, seed: int, budget: float) -> str:
    if not shutil.which("lrsnash"):
        return "lrsnash not installed"
    a, b = _game(size, seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game"
        lines = [f"{size} {size}", ""]
        lines += [" ".join(map(str, row)) for row in a] + [""]
        lines += [" ".join(map(str, row)) for row in b]
        path.write_text("\n".join(lines) + "\n")
        command = ["/usr/bin/time", "-f", "peak %M KiB", "lrsnash", str(path)]
        if not shutil.which("time") and not Path("/usr/bin/time").exists():
            command = ["lrsnash", str(path)]
        start = time.perf_counter()
        output, finished = _run(command, budget)
        elapsed = time.perf_counter() - start
    equilibria = sum(1 for line in output.splitlines() if line.startswith("2 "))
    peak = next((line for line in output.splitlines() if line.startswith("peak ")), "")
    state = "finished" if finished else f"stopped after {budget:g} s"
    return f"{state} in {elapsed:.1f} s, {equilibria} equilibria printed {peak}".strip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=25, help="n of the n x n exact run (25)")
    parser.add_argument("--budget", type=float, default=60, help="seconds for it (60)")
    parser.add_argument("--lh-size", type=int, default=200, help="n of the LH game (200)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, *rest = args.worker
        if kind == "exact":
            exact_worker(int(rest[0]), int(rest[1]))
        else:
            lh_worker(int(rest[0]), int(rest[1]), rest[2])
        return

    me = [sys.executable, __file__, "--worker"]
    print(f"## exact on a random {args.size}x{args.size} game, {args.budget:g} s budget\n")
    output, _ = _run([*me, "exact", str(args.size), str(args.seed)], args.budget)
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    if records:
        last = records[-1]
        peak = max(r["peak_mib"] for r in records)
        what = "finished" if last.get("done") else f"stopped after {args.budget:g} s"
        print(f"gametheory exact: {what}; vertices visited {last.get('visited', '-')}, "
              f"equilibria found {last['found']}, peak memory {peak:.0f} MiB "
              f"(progress lines: {len(records)})")
    else:
        print("gametheory exact: no progress line (" + output.strip()[-200:] + ")")
    print(f"lrsnash: {_lrsnash(args.size, args.seed, args.budget)}")

    print(f"\n## one equilibrium of a random {args.lh_size}x{args.lh_size} game\n")
    for solver, title in (("ours", "gametheory lemke-howson (certified)"),
                          ("quantecon", "QuantEcon lemke_howson (float)")):
        output, _ = _run([*me, "lh", str(args.lh_size), str(args.seed), solver], 600)
        lines = [line for line in output.splitlines() if line.startswith("{")]
        if not lines:
            print(f"{title}: failed ({output.strip().splitlines()[-1:] or 'no output'})")
            continue
        record = json.loads(lines[-1])
        print(f"{title}: {record['seconds']:.2f} s, {record['found']} equilibrium, "
              f"peak memory {record['peak_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
