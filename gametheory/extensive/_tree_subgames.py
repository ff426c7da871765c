"""Subgames of a :class:`~gametheory.extensive.Tree` (a base class of ``Tree``): the roots of
the subtrees that cut no information set, and the nodes of a subtree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

__all__: list[str] = []


class _Subgames:
    """Subgames and subtrees of a tree."""

    __slots__ = ()

    def subgame_roots(self) -> tuple[str, ...]:
        """The roots of every subgame, in preorder: the tree's root (the improper subgame) and
        every decision or chance node below it whose subtree cuts no information set."""
        n = len(self._nodes)
        size = self._sizes()
        first = {s.id: n for s in self._infosets}
        last = {s.id: -1 for s in self._infosets}
        for k, node in enumerate(self._nodes):
            if node.kind == "decision":
                first[node.infoset] = min(first[node.infoset], k)
                last[node.infoset] = max(last[node.infoset], k)
        lo, hi = list(range(n)), list(range(n))
        for k, node in enumerate(self._nodes):
            if node.kind == "decision":
                lo[k], hi[k] = first[node.infoset], last[node.infoset]
        for k in range(n - 1, 0, -1):
            p = self._parent[k]
            lo[p], hi[p] = min(lo[p], lo[k]), max(hi[p], hi[k])
        return tuple(
            node.id for k, node in enumerate(self._nodes)
            if (node.kind != "terminal" or k == 0) and lo[k] >= k and hi[k] < k + size[k]
        )

    def _sizes(self) -> list[int]:
        if self._size is None:
            size = [1] * len(self._nodes)
            for k in range(len(self._nodes) - 1, 0, -1):
                size[self._parent[k]] += size[k]
            self._size = size
        return self._size

    def subtree(self, node_id: str) -> tuple[str, ...]:
        """The ids of the node and its descendants, in preorder."""
        k = self.node_index(node_id)
        return tuple(n.id for n in self._nodes[k : k + self._sizes()[k]])
