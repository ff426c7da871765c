"""Time gametheory's exact solver against its peers on the same random bimatrix games.

Run ``python benchmarks/bench_solvers.py --help`` for the options; ``benchmarks/README.md`` says
how to read the output. Every solver runs in a worker process of its own, one per (solver,
size), so that a solver that is too slow is stopped at the time budget instead of hanging the
run; a solver that runs out of budget at one size is not tried at larger sizes. Each worker
imports its library and solves a small game before the clock starts, so import time and
just-in-time compilation (QuantEcon uses numba) are not counted. lrsnash is a separate program:
its time is the wall-clock time of the process, and its own report of user time is shown too.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The generators live beside this file; the script (and each worker) runs with this folder first
# on sys.path, and the insert makes ``import bench_solvers`` from elsewhere work too.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from families import (
    coordination,
    dual_cyclic_game,
    nondegenerate_games,
    random_games,
    rectangular,
)

# name -> description, in the order of the table.
SOLVERS: dict[str, str] = {
    "ours": "gametheory exact",
    "gambit-exact": "pygambit enummixed, rational",
    "gambit-float": "pygambit enummixed, float",
    "nashpy-vertex": "nashpy vertex enumeration",
    "nashpy-support": "nashpy support enumeration",
    "quantecon-vertex": "QuantEcon vertex_enumeration",
    "quantecon-support": "QuantEcon support_enumeration",
    "lrsnash": "lrsnash (lrslib, C, exact)",
}

WARM_UP = ([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
_LRS_USER_TIME = re.compile(r"^\*([0-9.]+)u\b", re.MULTILINE)
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception)\b")


# --------------------------------------------------------------------------- the solvers
def _solver(name: str):
    """A function (A, B) -> (equilibria, extra info) for the named solver.

    The equilibria come back in the solver's own form; :func:`_distinct` counts them after the
    clock has stopped.
    """
    if name == "ours":
        # The one-sided searches and the float pass (which they import) are imported on first
        # use, and the small warm-up game needs neither: imported here, untimed.
        import gametheory.algorithms._one_sided  # noqa: F401
        from gametheory import Game, solve

        return lambda a, b: (solve(Game.from_arrays(a, b), "exact").equilibria, None)
    if name.startswith("gambit"):
        import pygambit as gbt

        rational = name == "gambit-exact"

        def gambit(a, b):
            game = gbt.Game.from_arrays(a, b)
            return gbt.nash.enummixed_solve(game, rational=rational).equilibria, None

        return gambit
    if name.startswith("nashpy"):
        import warnings

        import nashpy
        import numpy as np

        method = "vertex_enumeration" if name == "nashpy-vertex" else "support_enumeration"
        warnings.simplefilter("ignore")  # nashpy warns about degenerate games

        def run_nashpy(a, b):
            game = nashpy.Game(np.array(a), np.array(b))
            return list(getattr(game, method)()), None

        return run_nashpy
    if name.startswith("quantecon"):
        import numpy as np
        import quantecon.game_theory as gt

        method = gt.vertex_enumeration if name == "quantecon-vertex" else gt.support_enumeration

        def run_quantecon(a, b):
            a, b = np.array(a, dtype=float), np.array(b, dtype=float)
            game = gt.NormalFormGame((gt.Player(a), gt.Player(b.T)))
            return method(game), None

        return run_quantecon
    if name == "lrsnash":
        program = shutil.which("lrsnash")
        if program is None:
            raise RuntimeError("lrsnash is not installed")
        folder = Path(tempfile.mkdtemp(prefix="bench-lrs-"))

        def run_lrsnash(a, b):
            rows = lambda m: "\n".join(" ".join(str(v) for v in r) for r in m)  # noqa: E731
            path = folder / "game.txt"
            path.write_text(f"{len(a)} {len(a[0])}\n\n{rows(a)}\n\n{rows(b)}\n")
            done = subprocess.run([program, str(path)], capture_output=True, text=True, check=True)
            user = _LRS_USER_TIME.search(done.stdout)
            return done.stdout, float(user.group(1)) if user else None

        return run_lrsnash
    raise ValueError(f"unknown solver {name!r}")


def _lrs_pairs(output: str) -> set:
    """The extreme equilibria (x, y) in lrsnash's output: blocks of "2 y" then "1 x" lines."""
    found: set = set()
    ys: list = []
    xs: list = []
    for line in [*output.splitlines(), ""]:
        parts = line.split()
        kind = parts[0] if parts else ""
        if kind in ("1", "2") and not (kind == "2" and xs):
            (xs if kind == "1" else ys).append(tuple(parts[1:-1]))
            continue
        found |= {(x, y) for x in xs for y in ys}
        ys, xs = ([tuple(parts[1:-1])] if kind == "2" else []), []
    return found


def _distinct(name: str, equilibria) -> int:
    """The number of distinct equilibria (floating-point ones rounded to 6 decimals)."""
    if name == "ours":
        return len({eq.profile for eq in equilibria})
    if name == "lrsnash":
        return len(_lrs_pairs(equilibria))
    if name.startswith("gambit"):
        # Exact profiles compare as text; float ones are rounded like the other float peers.
        exact = name == "gambit-exact"
        return len(
            {
                tuple(str(p) if exact else round(float(p), 6) + 0.0 for p in profile)
                for profile in (
                    [eq[s] for player in eq.game.players for s in player.strategies]
                    for eq in equilibria
                )
            }
        )
    return len(
        {tuple(round(float(p), 6) + 0.0 for sigma in eq for p in sigma) for eq in equilibria}
    )


def worker(name: str, games_file: str) -> None:
    """Solve every game in the file, printing one JSON line per game as soon as it is done."""
    solver = _solver(name)
    solver(*WARM_UP)  # imports, caches and JIT compilation happen here, untimed
    games = json.loads(Path(games_file).read_text())
    for a, b in games:
        start = time.perf_counter()
        equilibria, extra = solver(a, b)
        elapsed = time.perf_counter() - start
        count = _distinct(name, equilibria)
        record = {"time": elapsed, "count": count, "extra": extra, "memory": _peak_mib(name)}
        print(json.dumps(record), flush=True)


def _peak_mib(name: str) -> float | None:
    """Peak resident memory so far in MiB: this worker's, or lrsnash's (its child processes).

    On Linux this worker's own peak is read from /proc (VmHWM): ``ru_maxrss`` survives fork
    and exec, so it would report the parent's size (the runner's, with sympy loaded to build
    the dual cyclic games) whenever that is larger."""
    status = Path("/proc/self/status")
    if name != "lrsnash" and status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows
        return None
    who = resource.RUSAGE_CHILDREN if name == "lrsnash" else resource.RUSAGE_SELF
    kib = resource.getrusage(who).ru_maxrss
    return kib / (1 << 20) if sys.platform == "darwin" else kib / 1024


# --------------------------------------------------------------------------- the runner
@dataclass
class Measurement:
    solver: str
    size: int
    times: list[float] = field(default_factory=list)  # one per finished game
    counts: list[int] = field(default_factory=list)
    extras: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    games: int = 0
    note: str = ""
    failed: bool = False  # the worker raised (as opposed to running out of budget)

    @property
    def complete(self) -> bool:
        return len(self.times) == self.games

    def median(self) -> float:
        """Median time, counting unfinished games as infinitely slow."""
        padded = self.times + [math.inf] * (self.games - len(self.times))
        return statistics.median(padded) if padded else math.nan


def families(count: int, seed: int) -> list:
    """The families of issue 16's table: (title, [(size label, games), ...])."""
    return [
        ("coordination (identity)", [(n, coordination(n)) for n in (10, 12, 14)]),
        ("random nondegenerate (0..999; a game with a pure best-response tie is redrawn)",
         [(n, nondegenerate_games(n, count, seed)) for n in (6, 8, 10, 12, 14, 16)]),
        ("degenerate (payoffs 0..2)", [(12, random_games(12, count, seed, 2))]),
        ("rectangular (0..999)",
         [((r, c), rectangular(r, c, count, seed)) for r, c in ((5, 20), (3, 40), (10, 30))]),
        # One game a size whatever ``count``: the construction is deterministic.
        ("dual cyclic polytope", [(d, [dual_cyclic_game(d)]) for d in (4, 6, 8, 10, 12, 14)]),
    ]


def run_families(args: argparse.Namespace) -> None:
    solvers = [s for s in SOLVERS if s in args.solvers]
    chosen = families(args.games, args.seed)
    if args.family:
        chosen = [f for f in chosen if args.family.lower() in f[0].lower()]
        if not chosen:
            names = ", ".join(repr(title) for title, _ in families(0, args.seed))
            raise SystemExit(f"--family {args.family!r} matches none of {names}")
    print(_environment())
    for title, sizes in chosen:
        print(f"\n## {title}: seed {args.seed}\n")
        header = (
            f"{'size':>7} {'solver':<31} {'median s':>10} {'peer/ours':>10} {'same #eq':>9}  notes"
        )
        print(header)
        print("-" * len(header))
        for size, games in sizes:
            results: dict[str, Measurement] = {}
            for name in solvers:
                why_not = _available(name)
                if why_not is not None:
                    print(f"{_size(size):>7} {SOLVERS[name]:<31} {'-':>10} {'-':>10} {'-':>9}  "
                          f"{why_not}")
                    continue
                m = measure(name, size, games, args.budget)
                results[name] = m
                print(_row(m, results.get("ours"), args.budget), flush=True)


def measure(name: str, size: int, games: list, budget: float) -> Measurement:
    result = Measurement(name, size, games=len(games))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "games.json"
        path.write_text(json.dumps(games))
        command = [sys.executable, __file__, "--worker", name, str(path)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=budget)
            output, failed = done.stdout, done.returncode != 0
            if failed:
                # The exception's own line, not what a long message (qhull's) prints after it.
                lines = done.stderr.strip().splitlines()
                raised = [line for line in lines if _EXCEPTION.match(line)]
                last = (raised or lines or [f"exit code {done.returncode}"])[-1]
                kind, colon, message = last.partition(": ")
                last = kind.rsplit(".", 1)[-1] + colon + message
                result.note = last if len(last) <= 70 else last[:67] + "..."
                result.failed = True
        except subprocess.TimeoutExpired as expired:
            output = expired.stdout or ""
            if isinstance(output, bytes):
                output = output.decode()
            result.note = f"stopped after {budget:g} s"
    for line in output.splitlines():
        record = json.loads(line)
        result.times.append(record["time"])
        result.counts.append(record["count"])
        if record["extra"] is not None:
            result.extras.append(record["extra"])
        if record.get("memory") is not None:
            result.memory.append(record["memory"])
    return result


def _available(name: str) -> str | None:
    """None if the solver can run here, else why not."""
    modules = {"gambit": "pygambit", "nashpy": "nashpy", "quantecon": "quantecon"}
    if name == "lrsnash":
        return None if shutil.which("lrsnash") else "lrsnash not installed"
    for prefix, module in modules.items():
        if name.startswith(prefix):
            import importlib.util

            return None if importlib.util.find_spec(module) else f"{module} not installed"
    return None


def _format_time(value: float, budget: float) -> str:
    if math.isnan(value):
        return "failed"
    if math.isinf(value):
        return f"> {budget:g}"
    return f"{value:.4f}" if value < 10 else f"{value:.1f}"


def run(args: argparse.Namespace) -> None:
    sets = [("random integers 0..999 (non-degenerate)", 999)]
    if args.degenerate is not None:
        sets.append((f"random integers 0..{args.degenerate} (degenerate, ties)", args.degenerate))
    solvers = [s for s in SOLVERS if s in args.solvers]
    print(_environment())
    for title, high in sets:
        print(f"\n## {title}: {args.games} games per size, seed {args.seed}\n")
        header = (
            f"{'size':>7} {'solver':<31} {'median s':>10} {'peer/ours':>10} {'same #eq':>9}  notes"
        )
        print(header)
        print("-" * len(header))
        given_up: dict[str, int] = {}
        for size in args.sizes:
            games = random_games(size, args.games, args.seed, high)
            results: dict[str, Measurement] = {}
            for name in solvers:
                why_not = _available(name)
                if why_not is None and name in given_up:
                    why_not = f"skipped: over budget at {given_up[name]}x{given_up[name]}"
                if why_not is not None:
                    print(
                        f"{f'{size}x{size}':>7} {SOLVERS[name]:<31} {'-':>10} {'-':>10} "
                        f"{'-':>9}  {why_not}"
                    )
                    continue
                m = measure(name, size, games, args.budget)
                results[name] = m
                if not m.complete:
                    given_up[name] = size
                print(_row(m, results.get("ours"), args.budget), flush=True)
        print()
    if args.startup:
        # One start-up benchmark serves both scripts: bench_startup.py, beside this file.
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_startup import measure as measure_startup

        print("## start-up (bench_startup.py)\n")
        print(measure_startup())


def _size(size) -> str:
    return f"{size[0]}x{size[1]}" if isinstance(size, tuple) else f"{size}x{size}"


def _row(m: Measurement, ours: Measurement | None, budget: float) -> str:
    median = m.median()
    ratio = "-"
    if m.failed and not m.complete:
        median = math.nan
    elif ours is not None and ours.complete and m.solver != "ours":
        base = ours.median()
        ratio = f"> {budget / base:.0f}" if math.isinf(median) else f"{median / base:.1f}"
    same = "-"
    if ours is not None and ours.complete and m.counts:
        agree = sum(1 for a, b in zip(m.counts, ours.counts, strict=False) if a == b)
        same = f"{agree}/{len(m.counts)}"
    notes = [m.note] if m.note else []
    if m.memory:
        notes.append(f"peak {max(m.memory):.0f} MiB")
    if m.extras:
        notes.append(f"own user time median {statistics.median(m.extras):.3f} s")
    if not m.complete:
        notes.append(f"finished {len(m.times)} of {m.games}")
    return (
        f"{_size(m.size):>7} {SOLVERS[m.solver]:<31} {_format_time(median, budget):>10} "
        f"{ratio:>10} {same:>9}  {'; '.join(notes)}"
    ).rstrip()


def _environment() -> str:
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("gametheory", "pygambit", "nashpy", "quantecon", "numpy"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    lrs = shutil.which("lrsnash") or "lrsnash (not installed)"
    return (
        f"# Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {', '.join(versions)}; {lrs}"
    )


# --------------------------------------------------------------------------- start-up time
# --------------------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[6, 8, 10, 12])
    parser.add_argument("--games", type=int, default=5, help="games per size (default 5)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds per solver and size for all its games (default 120)",
    )
    parser.add_argument(
        "--solvers", nargs="+", choices=list(SOLVERS), default=list(SOLVERS), metavar="NAME"
    )
    parser.add_argument(
        "--degenerate",
        type=int,
        metavar="HIGH",
        help="also time games with payoffs 0..HIGH (ties: degenerate games), e.g. 3",
    )
    parser.add_argument(
        "--quick", action="store_true", help="sizes 4 6 8, 3 games, 20 s budget: a smoke test"
    )
    parser.add_argument("--startup", action="store_true", help="also time process start-up")
    parser.add_argument(
        "--families",
        action="store_true",
        help="time the families of issue 16 (coordination, random, degenerate, rectangular, "
        "dual cyclic polytope)",
    )
    parser.add_argument(
        "--family",
        metavar="NAME",
        help="time only the families whose title contains NAME, e.g. cyclic (implies --families)",
    )
    parser.add_argument("--worker", nargs=2, metavar=("SOLVER", "GAMES"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return
    if args.quick:
        args.sizes, args.games, args.budget = [4, 6, 8], 3, 20.0
    if args.families or args.family:
        run_families(args)
        return
    run(args)


if __name__ == "__main__":
    main()
