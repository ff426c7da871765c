"""Time the sequence-form ``exact`` method against pygambit on random two-player trees.

For each random tree (``tests/tree_strategies.random_tree``: information sets, chance, payoffs in
[-1000, 1000]) this times ours (every extreme equilibrium, exact, certified), pygambit's
``lcp_solve`` on the tree (rational; one or a few equilibria by Lemke's method on the sequence
form) and pygambit's ``enummixed_solve`` on the tree's reduced strategic form (rational; every
extreme equilibrium). It prints each time in seconds (CPU time of this process) and the ratios
ours / theirs. pygambit is a test-only peer; run from the repository root::

    python benchmarks/bench_sequence_form.py                # seeds 0-19, depth 3
    python benchmarks/bench_sequence_form.py --seeds 50 --depth 2
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))

from tree_strategies import random_tree

from gametheory.extensive import reduced_strategic_form
from gametheory.extensive.sequence_form import sequence_form_equilibria
from gametheory.io.efg import write_efg


def _cpu(f):
    start = time.process_time()
    out = f()
    return time.process_time() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--max-cells", type=int, default=400,
                        help="skip trees whose reduced strategic form has more cells")
    args = parser.parse_args()
    import pygambit as gbt

    print(f"{'seed':>4} {'nodes':>5} {'reduced':>8} {'eqs':>4} {'ours s':>8} {'lcp s':>8} "
          f"{'enum s':>8} {'ours/lcp':>9} {'ours/enum':>9}")
    r_lcp, r_enum = [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "t.efg"
        for seed in range(args.seeds):
            tree = random_tree(seed, n_players=2, max_depth=args.depth, payoff_range=1000)
            if len(tree.nodes) < 5:
                continue
            shape = reduced_strategic_form(tree).shape
            if shape[0] * shape[1] > args.max_cells:
                continue
            path.write_text(write_efg(tree))
            game = gbt.read_efg(str(path))
            ours, result = _cpu(lambda t=tree: sequence_form_equilibria(t))
            lcp, _ = _cpu(lambda g=game: gbt.nash.lcp_solve(g, rational=True))
            enum, _ = _cpu(lambda g=game: gbt.nash.enummixed_solve(g, rational=True))
            r_lcp.append(ours / max(lcp, 1e-6))
            r_enum.append(ours / max(enum, 1e-6))
            print(f"{seed:>4} {len(tree.nodes):>5} {shape[0]:>3}x{shape[1]:<4} "
                  f"{len(result.equilibria):>4} {ours:>8.3f} {lcp:>8.4f} {enum:>8.4f} "
                  f"{r_lcp[-1]:>9.1f} {r_enum[-1]:>9.1f}", flush=True)
    if r_lcp:
        print(f"median ratio ours/lcp_solve: {statistics.median(r_lcp):.1f}; "
              f"ours/enummixed: {statistics.median(r_enum):.1f} ({len(r_lcp)} trees)")


if __name__ == "__main__":
    main()
