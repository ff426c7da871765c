"""The components of the equilibrium set of a two-player game and their maximal Nash subsets.

The extreme equilibria form a bipartite graph (row vertices, column vertices, an edge per
equilibrium). Its maximal bicliques are the maximal Nash subsets (each the product of the convex
hulls of its two vertex sets) and its connected components are the components of the
equilibrium set (Avis, Rosenberg, Savani and von Stengel, 2010, section 6).
"""

from __future__ import annotations

from collections import defaultdict

from ..result import Component
from ._exact_keys import Key

__all__: list[str] = []


def _components(keys: list[tuple[Key, Key]]) -> tuple[Component, ...]:
    """Connected components and maximal Nash subsets of the extreme-equilibrium graph.

    ``keys`` are the equilibria's (row, column) distributions as :data:`Key`, in the order of
    the equilibria. Components are listed by their first equilibrium, each one's equilibria and
    Nash subsets as sorted tuples of indices (so the numbering of the vertices below, by first
    appearance, does not show in the result).
    """
    xi: dict[Key, int] = {}
    yi: dict[Key, int] = {}
    edges = [(xi.setdefault(kx, len(xi)), yi.setdefault(ky, len(yi))) for kx, ky in keys]

    # Union-find over row vertices k and column vertices len(xi) + col.
    parent = list(range(len(xi) + len(yi)))

    def find(u: int) -> int:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for k, col in edges:
        ru, rv = find(k), find(len(xi) + col)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    # Each component's edges, in one pass over the edges (not one pass per component:
    # coordination games have thousands of components). Edges are visited in increasing
    # order, so each group is sorted and the groups appear by their first equilibrium.
    groups: dict[int, list[int]] = {}
    for e, (k, _) in enumerate(edges):
        groups.setdefault(find(k), []).append(e)
    components = []
    for group in groups.values():
        if len(group) == 1:  # an isolated extreme equilibrium (nondegenerate games: all)
            components.append(Component(equilibria=(group[0],), nash_subsets=((group[0],),)))
            continue
        # Column vertices numbered within the component, so the masks stay small.
        local: dict[int, int] = {}
        neighbours: dict[int, int] = defaultdict(int)
        edge_of: dict[tuple[int, int], int] = {}
        for e in group:
            k, col = edges[e]
            c = local.setdefault(col, len(local))
            neighbours[k] |= 1 << c
            edge_of[k, c] = e
        rows = sorted(neighbours)
        subsets = []
        for ymask in _closed_sets([neighbours[k] for k in rows]):
            xset = [k for k in rows if neighbours[k] & ymask == ymask]
            yset = _bits(ymask)
            subsets.append(tuple(sorted(edge_of[k, c] for k in xset for c in yset)))
        components.append(Component(equilibria=tuple(group), nash_subsets=tuple(sorted(subsets))))
    return tuple(components)


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of a non-negative integer, in increasing order."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _closed_sets(neighbourhoods: list[int]) -> list[int]:
    """All non-empty intersections of the given neighbourhood masks (the maximal bicliques)."""
    closed: set[int] = set()
    frontier = {mask for mask in neighbourhoods if mask}
    while frontier:
        closed |= frontier
        frontier = {
            a & b for a in frontier for b in neighbourhoods if a & b and (a & b) not in closed
        }
    return sorted(closed)
