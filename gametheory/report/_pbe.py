"""Report blocks for perfect Bayesian equilibria: beliefs, classification, Intuitive Criterion.

Used by :func:`~gametheory.report._tree.tree_document` when the method is ``pbe``; the JSON
form is :meth:`~gametheory.extensive.pbe.PerfectBayesianEquilibrium.to_dict`.
"""

from __future__ import annotations

from typing import Any

from ..extensive.result import TreeSolveResult
from ._document import ALL_FORMATS, Table

__all__ = ["pbe_blocks"]


def pbe_blocks(result: TreeSolveResult) -> list[Any]:
    """A table of each equilibrium's beliefs (information sets with two or more nodes; Bayes
    on the path, the supporting inequalities off it) and, for signalling games, its
    classification and the Intuitive Criterion's verdict with the reason."""
    rows = []
    for k, eq in enumerate(result.equilibria, start=1):
        beliefs = "; ".join(
            ("off path: " if not b.on_path else "") + ", ".join(b.text())
            for b in getattr(eq, "beliefs", ()) if len(b.nodes) > 1
        ) or "-"
        verdict = getattr(eq, "intuitive_criterion", None)
        test = "-" if verdict is None else ("survives" if verdict else "fails")
        reasons = " ".join(getattr(eq, "reasons", ())) or "-"
        rows.append((str(k), beliefs, getattr(eq, "classification", None) or "-", test,
                     reasons))
    if not rows:
        return []
    header = ("#", "beliefs", "signalling", "Intuitive Criterion", "why")
    return [Table(header, tuple(rows), caption="Beliefs (weak perfect Bayesian equilibrium)",
                  formats=ALL_FORMATS - {"csv"})]
