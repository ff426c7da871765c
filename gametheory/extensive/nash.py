"""Nash equilibria of a tree through its reduced strategic form, each marked subgame perfect or not.

Method
------
Build the reduced strategic form (:func:`~gametheory.extensive.reduced.reduced_strategic_form`),
solve it with the strategic-form solver (``exact``: every extreme equilibrium, two players;
``pure``: every pure equilibrium, any number of players), and map each equilibrium to behaviour
strategies by Kuhn's theorem. Distinct mixed plans can give the same behaviour; duplicates are
listed once. Each profile is certified exactly as a Nash equilibrium of the tree and tested for
subgame perfection (regret 0 in every subgame); the result says which equilibria pass. At
singleton information sets that a player's own plan avoids, the player's best action is filled in
(the outcome does not depend on it), so a Nash equilibrium whose only flaw would be such an
arbitrary choice is not reported as imperfect.

A subgame-perfect equilibrium need not be an *extreme* equilibrium of the reduced form: in a
degenerate tree it can lie inside a continuum of Nash equilibria whose corners are all
imperfect; ``spe`` finds it, and the message here says so when no listed equilibrium is
perfect.

The size of the reduced form can grow exponentially with the tree; the sequence form (von
Stengel, 1996) avoids that and replaces this module's ``exact`` when available.
"""

from __future__ import annotations

from .result import TreeSolveResult, certify_behavior
from .spe import subgame_equilibria
from .tree import Tree

__all__ = ["exact_tree", "pure_tree"]


def _solve(tree: Tree, method: str, pure: bool) -> TreeSolveResult:
    tree.require_perfect_recall(f"the {method} method on a tree")
    profiles, notes = subgame_equilibria(tree, pure_only=pure)
    equilibria = []
    seen = set()
    for b in profiles:
        key = tuple(sorted((s, tuple(sorted(p.items()))) for s, p in b.items()))
        if key in seen:
            continue
        seen.add(key)
        eq = certify_behavior(tree, b)
        if eq is None:  # pragma: no cover - Kuhn's theorem guarantees it
            raise AssertionError("a reduced-form equilibrium is not an equilibrium of the tree")
        equilibria.append(eq)
    perfect = sum(eq.subgame_perfect for eq in equilibria)
    what = "pure Nash equilibria" if pure else "extreme Nash equilibria of the reduced form"
    message = (
        f"{len(equilibria)} {what} (in behaviour strategies), {perfect} of them subgame perfect"
    )
    if equilibria and not perfect:
        message += " (subgame-perfect ones may lie inside a continuum: see --method spe)"
    if notes:
        message += "; " + "; ".join(notes)
    return TreeSolveResult(
        tree=tree, method=method, equilibria=tuple(equilibria), subgame_perfect=False,
        exact=True, complete=True, status="ok", message=message,
    )


def exact_tree(tree: Tree) -> TreeSolveResult:
    """Every extreme Nash equilibrium of a two-player tree's reduced strategic form, exactly.

    Returns
    -------
    TreeSolveResult
        Method ``"exact"``; ``subgame_perfect`` is false at the top (not guaranteed) and set per
        equilibrium.

    Raises
    ------
    GameValueError
        Without two players or perfect recall, or when the reduced form is too large.

    Examples
    --------
    >>> t = Tree.from_nested({"player": "E", "moves": {
    ...         "out": [0, 2],
    ...         "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
    ...     }}, players=("E", "I"))
    >>> [(eq.choice("root"), eq.subgame_perfect) for eq in exact_tree(t).equilibria]
    [('out', False), ('out', False), ('in', True)]
    """
    from ..errors import GameValueError

    if tree.n_players != 2:
        raise GameValueError(
            f"the exact method needs two players, this tree has {tree.n_players}",
            key="method", hint="use --method spe or pure",
        )
    return _solve(tree, "exact", pure=False)


def pure_tree(tree: Tree) -> TreeSolveResult:
    """Every pure Nash equilibrium of a tree (any number of players), exactly."""
    return _solve(tree, "pure", pure=True)
