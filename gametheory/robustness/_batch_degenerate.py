"""Degenerate integer games of :mod:`.batch`, solved in the batch by exact vertex enumeration.

For a game whose support-system values are all computed exactly (integer payoffs, after a
power-of-two scaling, with every value below ``2**52``; :func:`._batch_kernel.exact_games`),
the extreme equilibria are the completely labelled pairs of vertices of the two best-response
polytopes, degenerate games included (von Stengel 2007, section 3.5; Avis, Rosenberg, Savani
and von Stengel 2010); :func:`._batch_kernel.side_vertices` lists the vertices with their
labels exactly. Two extreme equilibria are in one component of the equilibrium set when they
share a vertex (a maximal Nash subset is a product of convex hulls of vertices), so an extreme
equilibrium lies in a continuum exactly when one of its two vertices is in another extreme
equilibrium.
"""

from __future__ import annotations

import numpy as np

from ._batch_kernel import side_vertices, subsets


def degenerate_blocks(
    sa: np.ndarray, sb: np.ndarray, chosen: np.ndarray, chunk_size: int
) -> dict[str, np.ndarray]:
    """Every extreme equilibrium of the games ``chosen`` (all exact), as one table block.

    ``sa`` and ``sb`` are the scaled payoffs of every game, shape (G, m, n).
    """
    _, m, n = sa.shape
    blocks = []
    for start in range(0, len(chosen), chunk_size):
        games = chosen[start : start + chunk_size]
        bt = np.ascontiguousarray(sb[games].transpose(1, 2, 0))  # (m, n, Gc)
        at = np.ascontiguousarray(sa[games].transpose(2, 1, 0))  # (n, m, Gc)
        block = _pairs(_vertices(bt, m, n, True), _vertices(at, n, m, False), m, n)
        block["game"] = games[block["game"]]
        blocks.append(block)
    return {key: np.concatenate([b[key] for b in blocks]) for key in blocks[0]}


def _vertices(mt: np.ndarray, p: int, q: int, row_player: bool) -> dict[str, np.ndarray]:
    """One player's vertices, deduplicated, in game coordinates (labels: rows, then columns).

    Games are numbered within the chunk (the last axis of ``mt``).
    """
    found = []
    for k in range(1, min(p, q) + 1):
        v = side_vertices(mt, k)
        own = subsets(p, k)[v["s"]]
        opp = subsets(q, k)[v["t"]]
        probabilities = np.zeros((len(v["g"]), p))
        np.put_along_axis(probabilities, own, v["probabilities"], axis=1)
        own_mask = (np.int64(1) << own.astype(np.int64)).sum(axis=1)
        opp_mask = (np.int64(1) << opp.astype(np.int64)).sum(axis=1)
        if row_player:  # own = rows (labels 0..m-1), opponent = columns (m..m+n-1)
            labels = v["own_zero"] | (v["opp_tight"] << p)
            basis = own_mask | (opp_mask << p)
        else:  # own = columns, opponent = rows
            labels = (v["own_zero"] << q) | v["opp_tight"]
            basis = opp_mask | (own_mask << q)
        found.append((v["g"], labels, basis, probabilities))
    game, labels, basis, probabilities = (
        np.concatenate(parts) for parts in zip(*found, strict=True)
    )
    # One vertex per (game, labels): its tight constraints determine it.
    order = np.lexsort((labels, game))
    new = np.ones(len(order), dtype=bool)
    new[1:] = (game[order[1:]] != game[order[:-1]]) | (labels[order[1:]] != labels[order[:-1]])
    first = order[new]
    return {
        "game": game[first],
        "labels": labels[first],
        "basis": basis[first],
        "probabilities": probabilities[first],
    }


def _pairs(
    xs: dict[str, np.ndarray], ys: dict[str, np.ndarray], m: int, n: int
) -> dict[str, np.ndarray]:
    """The completely labelled pairs of vertices of the same game (both sorted by game)."""
    full = (1 << (m + n)) - 1
    count_y = np.bincount(ys["game"], minlength=int(xs["game"].max(initial=0)) + 1)
    start_y = np.concatenate([[0], np.cumsum(count_y)[:-1]])
    partners = count_y[xs["game"]] if len(xs["game"]) else np.zeros(0, dtype=np.int64)
    xi = np.repeat(np.arange(len(xs["game"])), partners)
    offset = np.arange(len(xi)) - np.repeat(np.cumsum(partners) - partners, partners)
    yi = start_y[xs["game"][xi]] + offset
    keep = (xs["labels"][xi] | ys["labels"][yi]) == full
    xi, yi = xi[keep], yi[keep]
    shared = (np.bincount(xi, minlength=len(xs["game"]))[xi] > 1) | (
        np.bincount(yi, minlength=len(ys["game"]))[yi] > 1
    )
    bits = np.int64(1) << np.arange(m + n, dtype=np.int64)
    return {
        "game": xs["game"][xi],
        "x": xs["probabilities"][xi],
        "y": ys["probabilities"][yi],
        "row_support": (xs["labels"][xi, None] & bits[:m]) == 0,
        "col_support": (ys["labels"][yi, None] & bits[m:]) == 0,
        "in_continuum": shared,
        "x_basis": xs["basis"][xi],
        "y_basis": ys["basis"][yi],
    }
