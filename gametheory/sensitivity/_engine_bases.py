"""The bases of a two-player best-response polyhedron with polynomial payoffs (private):
each solved by Cramer's rule over the integer polynomials, from minors computed once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from . import _poly
from ._poly import Poly

__all__ = ["Basis", "polyhedron_bases"]


@dataclass
class Basis:
    """One basis of a best-response polyhedron, solved by Cramer's rule."""

    mask: int  # local labels: own strategy k -> bit k, other's strategy l -> bit own + l
    free: tuple[int, ...]  # own strategies that may have positive probability
    det: Poly
    coords: dict[int, Poly]  # free own strategy -> numerator of its probability
    value: Poly  # numerator of the (scaled) payoff of the other player
    slacks: dict[int, Poly] = field(default_factory=dict)  # other's strategy -> numerator

    def polys(self) -> list[Poly]:
        return [self.det, *self.coords.values(), *self.slacks.values()]


def polyhedron_bases(matrix: np.ndarray) -> list[Basis]:
    """Every nonsingular basis of {x >= 0, 1'x = 1, M'x <= u} for a polynomial matrix M.

    ``matrix[k][l]`` is the other player's payoff when this player plays k and the other l.
    """
    own, other = matrix.shape
    out = []
    minor = _Minors(matrix)
    # Not the column of -1: its cofactor is not a term of the determinant.
    equal_own = [pair for pair in minor.equal_cols if not pair >> own]
    for r in range(1, min(own, other) + 1):
        for free in itertools.combinations(range(own), r):
            columns = sum(1 << i for i in free) | (1 << own)  # and the column of -1, last
            # Two equal columns (rows) among the basis's make its determinant 0, the sum of
            # two opposite cofactors (of all-zero ones): the basis would be skipped below.
            if any(columns & pair == pair for pair in equal_own):
                continue
            bits = [1 << i for i in (*free, own)]
            for tight in itertools.combinations(range(other), r):
                rows = sum(1 << j for j in tight)
                if any(rows & pair == pair for pair in minor.equal_rows):
                    continue
                cof = []
                for col in range(r + 1):
                    d = minor(rows, columns ^ bits[col])
                    cof.append(_poly.neg(d) if col % 2 else d)
                det: Poly = ()
                for c in cof[:r]:
                    det = _poly.add(det, c)
                if not det:
                    continue
                mask = sum(1 << k for k in range(own) if k not in free) + sum(
                    1 << (own + j) for j in tight
                )
                basis = Basis(mask, free, det, dict(zip(free, cof[:r], strict=True)), cof[r])
                for j in range(other):
                    if j not in tight:
                        # s_j = cof[r] - sum_i M[i][j] cof_i is, expanded along its row j,
                        # -(-1)^r times the minor with the row j added last (shared).
                        after = (rows >> j).bit_count()
                        d = minor(rows | (1 << j), columns)
                        basis.slacks[j] = _poly.neg(d) if (r + after) % 2 == 0 else d
                out.append(basis)
    return out


class _Minors:
    """The minors of the matrix with rows ``j`` (the other's strategies) and columns ``i``
    (own strategies, then ``own`` for a column of -1): entry ``matrix[i][j]``.

    A minor, given by bit masks of its rows and columns, is expanded along its last row into
    minors one smaller, each computed once and remembered: the bases of
    :func:`polyhedron_bases` share them (at most C(m + n + 1, m) minors instead of a
    determinant per basis and column). The polynomials are the same as any other exact
    expansion's (a determinant is unique).
    """

    def __init__(self, matrix: np.ndarray) -> None:
        own, other = matrix.shape
        self.own = own
        # entries[j][i]: row j, column i (the column own is -1).
        self.entries = [[matrix[i][j] for i in range(own)] + [(-1,)] for j in range(other)]
        self.known: dict[int, Poly] = {}
        self.shift = own + 1
        # Equal rows, or equal columns, make a minor holding both zero (duplicate strategies
        # are common in models built from instruments): bit masks of such pairs.
        self.equal_rows = _equal_pairs(self.entries)
        self.equal_cols = _equal_pairs([list(c) for c in zip(*self.entries, strict=True)])

    def __call__(self, rows: int, cols: int) -> Poly:
        """The minor of the rows and columns in two bit masks (``rows`` non-zero)."""
        key = (rows << self.shift) | cols
        found = self.known.get(key)
        if found is not None:
            return found
        if any(rows & pair == pair for pair in self.equal_rows) or any(
            cols & pair == pair for pair in self.equal_cols
        ):
            self.known[key] = _poly.ZERO
            return _poly.ZERO
        last = rows.bit_length() - 1
        above = rows & ~(1 << last)
        entries = self.entries[last]
        total: Poly = _poly.ZERO
        odd = rows.bit_count() % 2 == 0  # (-1)^(k-1) for a k x k minor
        rest = cols
        while rest:
            bit = rest & -rest
            rest ^= bit
            entry = entries[bit.bit_length() - 1]
            if entry:
                term = _poly.mul(entry, self(above, cols ^ bit) if above else _poly.ONE)
                # Laplace along the last row: sign (-1)^(k-1+position); flips with position.
                total = _poly.sub(total, term) if odd else _poly.add(total, term)
            odd = not odd
        self.known[key] = total
        return total


def _equal_pairs(lines: list[list[Poly]]) -> list[int]:
    """Bit masks of the pairs of equal lines (one pair per line and the first equal to it)."""
    first: dict[tuple[Poly, ...], int] = {}
    pairs = []
    for k, line in enumerate(lines):
        j = first.setdefault(tuple(line), k)
        if j != k:
            pairs.append((1 << j) | (1 << k))
    return pairs
