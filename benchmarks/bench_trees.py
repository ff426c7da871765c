"""Time backward induction on random perfect-information trees (the issue asks: 10^5 nodes in
under a second).

A random tree is grown breadth first: each decision node gets 2 to 4 children until the node
budget is reached; the rest are terminals with random integer payoffs in [-10^6, 10^6] (so ties
are rare and the equilibrium is unique, the generic case). Building the tree (checks included)
and solving it are timed separately; the solve includes the exact one-shot certificate of the
equilibrium. CPU time is shown beside wall-clock time: on a shared machine the wall clock
includes time spent waiting for a core. Run from the repository root::

    python benchmarks/bench_trees.py                  # 10^5 nodes, 3 players, 3 repeats
    python benchmarks/bench_trees.py --nodes 1000000 --players 2 --repeats 1
    python benchmarks/bench_trees.py --ties 2          # payoffs in [-2, 2]: many ties, counted
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import deque

from gametheory.extensive import Node, Tree
from gametheory.extensive.backward_induction import backward_induction


def random_pi_tree(n_nodes: int, players: int, seed: int, payoff: int) -> Tree:
    rng = random.Random(seed)
    names = tuple(f"P{i + 1}" for i in range(players))
    children: dict[int, list[int]] = {0: []}
    frontier = deque([0])
    count = 1
    while frontier and count < n_nodes:
        parent = frontier.popleft()
        for _ in range(rng.randint(2, 4)):
            if count >= n_nodes:
                break
            children[parent].append(count)
            children[count] = []
            frontier.append(count)
            count += 1
    nodes = []
    for k in range(count):
        kids = children[k]
        if kids:
            nodes.append(Node.decision(f"n{k}", rng.choice(names),
                                       {f"a{j}": f"n{c}" for j, c in enumerate(kids)}))
        else:
            nodes.append(Node.terminal(f"n{k}", [rng.randint(-payoff, payoff) for _ in names]))
    return Tree.from_nodes(nodes, names, root="n0")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--players", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ties", type=int, default=0,
                        help="payoffs in [-TIES, TIES] (many ties); default: [-10^6, 10^6]")
    args = parser.parse_args()
    payoff = args.ties or 10**6
    build, solve, cpu = [], [], []
    for seed in range(args.repeats):
        t0 = time.perf_counter()
        tree = random_pi_tree(args.nodes, args.players, seed, payoff)
        t1 = time.perf_counter()
        c1 = time.process_time()
        result = backward_induction(tree, cap=10)
        c2 = time.process_time()
        t2 = time.perf_counter()
        build.append(t1 - t0)
        solve.append(t2 - t1)
        cpu.append(c2 - c1)
        print(f"seed {seed}: {len(tree.nodes)} nodes, built in {t1 - t0:.3f} s, solved in "
              f"{t2 - t1:.3f} s wall, {c2 - c1:.3f} s CPU ({result.message})")
    print(f"median: build {statistics.median(build):.3f} s, backward induction "
          f"{statistics.median(solve):.3f} s wall, {statistics.median(cpu):.3f} s CPU")


if __name__ == "__main__":
    main()
