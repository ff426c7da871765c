"""Admissible orders of a player's outcomes: exact counting and uniform sampling.

The admissible orders of a player are the linear extensions of a partial order: the settled
comparisons of its outcomes (tie classes as elements, see
:mod:`gametheory.models.judgements`). Both counting and uniform sampling go by dynamic
programming over the up-sets of the partial order, as for linear extensions in general
(De Loof, De Meyer and De Baets, 2006, "Exploiting the lattice of ideals representation of a
poset", Fundamenta Informaticae 71): an order is built from the best element down, each step
choosing one of the elements all of whose betters are placed. With :math:`N(U)` the number of
ways to complete the order once the up-set :math:`U` is placed,

.. math:: N(U) = \\sum_{x \\text{ maximal in } P \\setminus U} N(U \\cup \\{x\\}),
          \\qquad N(P) = 1,

the number of admissible orders is :math:`N(\\emptyset)`, an exact integer. Choosing ``x``
with probability :math:`N(U \\cup \\{x\\}) / N(U)` at each step gives every admissible order the
same probability :math:`1 / N(\\emptyset)`; the choice is made with exact integer random draws.

The number of up-sets is at most :math:`2^k` for ``k`` elements and is small when most
comparisons are settled (a chain has ``k + 1``).

Examples
--------
>>> orders = AdmissibleOrders([0, 0, 0])        # three unrelated elements
>>> orders.count
6
>>> AdmissibleOrders([0b110, 0b100, 0]).count   # a chain: 2 above 1 above 0
1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import GameValueError

__all__ = ["MAX_UPSETS", "AdmissibleOrders", "count_orders"]

#: Largest number of up-sets (states of the dynamic programme) we accept.
MAX_UPSETS = 1 << 20
_INT64 = (1 << 63) - 1


def count_orders(above: Sequence[int]) -> int:
    """The number of linear extensions of a partial order, exactly.

    Parameters
    ----------
    above : sequence of int
        ``above[c]`` is the bitmask of the elements better than element ``c`` (it need not be
        transitively closed).

    Examples
    --------
    >>> count_orders([0b10, 0, 0])   # element 1 above element 0; element 2 free
    3
    """
    return AdmissibleOrders(above).count


class AdmissibleOrders:
    """The linear extensions of a partial order on ``k`` elements, counted and sampled.

    Parameters
    ----------
    above : sequence of int
        Per element, the bitmask of the elements settled better than it.

    Attributes
    ----------
    k : int
        The number of elements.
    count : int
        The exact number of linear extensions.

    Raises
    ------
    GameValueError
        If the order is cyclic, or has more than :data:`MAX_UPSETS` up-sets.
    """

    def __init__(self, above: Sequence[int]) -> None:
        self.k = len(above)
        self.above = tuple(int(a) for a in above)
        full = (1 << self.k) - 1
        # Reachable up-sets, level by level (level = number of placed elements).
        levels: list[list[int]] = [[0]]
        children: dict[int, list[tuple[int, int]]] = {}
        total = 1
        for _ in range(self.k):
            nxt: dict[int, None] = {}
            for placed in levels[-1]:
                out = []
                for x in range(self.k):
                    if not placed >> x & 1 and self.above[x] & ~placed == 0:
                        child = placed | 1 << x
                        out.append((x, child))
                        nxt[child] = None
                children[placed] = out
            if not nxt:
                raise GameValueError("the settled comparisons are cyclic: no admissible order")
            total += len(nxt)
            if total > MAX_UPSETS:
                raise GameValueError(
                    f"too many partial orders to count (more than {MAX_UPSETS} up-sets)",
                    hint="settle more comparisons",
                )
            levels.append(list(nxt))
        completions = {full: 1}
        for level in reversed(levels[:-1]):
            for placed in level:
                completions[placed] = sum(completions[c] for _, c in children[placed])
        self._levels = levels
        self._children = children
        self._completions = completions
        self.count: int = completions[0]
        self._tables: Any = None

    def _arrays(self) -> tuple[np.ndarray, ...]:
        """The sampling tables: per state, its children, their elements and cumulative counts."""
        if self._tables is None:
            states = [s for level in self._levels for s in level]
            number = {s: n for n, s in enumerate(states)}
            width = max(1, max(len(c) for c in self._children.values()) if self._children else 1)
            n = len(states)
            child = np.zeros((n, width), dtype=np.int64)
            element = np.zeros((n, width), dtype=np.int64)
            upper = np.zeros((n, width), dtype=np.int64)
            total = np.ones(n, dtype=np.int64)
            for s, placed in enumerate(states):
                running = 0
                total[s] = self._completions[placed]
                for j, (x, c) in enumerate(self._children.get(placed, ())):
                    running += self._completions[c]
                    child[s, j], element[s, j], upper[s, j] = number[c], x, running
                for j in range(len(self._children.get(placed, ())), width):
                    upper[s, j] = total[s] + 1  # never chosen
            self._tables = (child, element, upper, total)
        return self._tables

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Draw ``size`` admissible orders uniformly, independently.

        Parameters
        ----------
        rng : numpy.random.Generator
        size : int

        Returns
        -------
        numpy.ndarray of int, shape (size, k)
            ``position[s, c]``: the place of element ``c`` in sample ``s`` (0 = best).

        Raises
        ------
        GameValueError
            If there are more than 2**63 - 1 admissible orders (exact integer draws need
            64-bit integers).

        Examples
        --------
        >>> orders = AdmissibleOrders([0b10, 0, 0])
        >>> positions = orders.sample(np.random.default_rng(1), 1000)
        >>> bool((positions[:, 1] < positions[:, 0]).all())
        True
        """
        if self.count > _INT64:
            raise GameValueError(
                f"too many admissible orders to sample exactly ({self.count})",
                hint="settle more comparisons",
            )
        child, element, upper, total = self._arrays()
        state = np.zeros(size, dtype=np.int64)
        position = np.empty((size, self.k), dtype=np.int64)
        rows = np.arange(size)
        for place in range(self.k):
            draw = rng.integers(0, total[state])
            j = (upper[state] <= draw[:, None]).sum(axis=1)
            position[rows, element[state, j]] = place
            state = child[state, j]
        return position
