"""Subgame-perfect equilibria of trees with information sets: solve the subgames, combine.

Method (Selten, 1965; Osborne and Rubinstein, 1994, section 6.2)
----------------------------------------------------------------
Find every subgame root (:meth:`Tree.subgame_roots`). Work from the deepest up: at a subgame
root :math:`r`, replace each maximal proper subgame below :math:`r` by a terminal node paying
the value of one equilibrium already found for it, and solve the *reduced subgame* through its
reduced strategic form: every extreme Nash equilibrium, exactly, for two players
(:func:`gametheory.algorithms.exact.exact_equilibria`), every pure equilibrium for other numbers
of players (:func:`gametheory.algorithms.pure.pure_equilibria`). Each equilibrium becomes a
behaviour strategy by Kuhn's theorem (:func:`~gametheory.extensive.reduced.behavior_from_mixed`)
and is joined to the continuation equilibria it was built on. Every combination is an SPE; each
is certified exactly on the whole tree (regret 0 in every subgame) before it is returned.

What "every" means: for two players, every SPE that plays an *extreme* equilibrium of the
reduced form in each reduced subgame (the set of SPE can be infinite; these are its corners);
for N players, every pure SPE. At an information set that its player's own earlier moves avoid
the behaviour does not change any outcome; a singleton set there gets the player's best action
(so that the profile is subgame perfect), a larger set its first action.
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import GameValueError
from .reduced import behavior_from_mixed, reduced_strategic_form
from .result import TreeSolveResult, certify_behavior
from .tree import Node, Tree

__all__ = ["DEFAULT_CAP", "spe", "subgame_equilibria"]

#: Default largest number of equilibria kept per subgame (and listed).
DEFAULT_CAP = 1000

Solution = tuple[dict[str, dict[str, Fraction]], tuple[Fraction, ...]]


def subgame_equilibria(tree: Tree, pure_only: bool | None = None) -> tuple[list, list[str]]:
    """Nash equilibria of ``tree`` (itself a reduced subgame) as behaviour profiles.

    Returns the list of behaviour profiles and notes (degenerate games and the like).
    """
    from ..algorithms.exact import exact_equilibria
    from ..algorithms.pure import pure_equilibria

    if not tree.infosets:
        return [{}], []
    game = reduced_strategic_form(tree)
    pure = pure_only if pure_only is not None else tree.n_players != 2
    result = pure_equilibria(game) if pure else exact_equilibria(game)
    notes = [result.message] if result.status not in ("ok", "degenerate") else []
    profiles = []
    for eq in result.equilibria:
        b = behavior_from_mixed(tree, eq.profile)
        profiles.append(complete_avoided(tree, b, eq.profile))
    return profiles, notes


def complete_avoided(tree: Tree, b: dict, mixed: tuple) -> dict:
    """Choose best actions at singleton sets that the player's own plans avoid (bottom-up)."""
    from .reduced import _consistent, reduced_plans

    avoided = []
    for i, player in enumerate(tree.players):
        plans = reduced_plans(tree, player)
        for s in tree.infosets_of(player):
            parent = tree.parent_sequence(s.id)
            if len(s.nodes) == 1 and not any(
                q for q, plan in zip(mixed[i], plans, strict=True) if _consistent(plan, parent)
            ):
                avoided.append((tree.node_index(s.nodes[0]), i, s))
    for _, i, s in sorted(avoided, key=lambda item: -item[0]):
        node = tree.node(s.nodes[0])
        values = tree.node_values(b, below=node.id)
        scores = [values[c][i] for c in node.children]
        best = node.actions[scores.index(max(scores))]
        b[s.id] = {a: Fraction(int(a == best)) for a in s.actions}
    return b


def _reduced(tree: Tree, root: str, cut: dict[str, tuple[Fraction, ...]]) -> Tree:
    """The subgame at ``root`` with each subgame in ``cut`` replaced by a terminal."""
    nodes = []
    skip_until = -1
    k0 = tree.node_index(root)
    for k, node_id in enumerate(tree.subtree(root), start=k0):
        if k < skip_until:
            continue
        if node_id in cut and node_id != root:
            nodes.append(Node.terminal(node_id, cut[node_id]))
            skip_until = k + len(tree.subtree(node_id))
            continue
        node = tree.node(node_id)
        nodes.append(node)
    return Tree.from_nodes(nodes, tree.players, root=root, title=tree.title)


def spe(tree: Tree, cap: int = DEFAULT_CAP) -> TreeSolveResult:
    """Subgame-perfect equilibria of a tree with perfect recall, exact and certified.

    Parameters
    ----------
    tree : Tree
        Any number of players; information sets allowed; perfect recall required.
    cap : int, optional
        Largest number of equilibria kept per subgame and listed.

    Returns
    -------
    TreeSolveResult
        Method ``"spe"``, ``subgame_perfect=True``: two players, every SPE made of extreme
        equilibria of the reduced subgames; other numbers of players, every pure SPE. Status
        ``"incomplete"`` past the cap.

    Raises
    ------
    GameValueError
        Without perfect recall (naming the information set), or when a reduced subgame's
        strategic form is too large.

    Examples
    --------
    >>> t = Tree.from_nested({"player": "E", "moves": {
    ...         "out": [0, 2],
    ...         "in": {"player": "I", "moves": {"fight": [-1, -1], "accommodate": [1, 1]}},
    ...     }}, players=("E", "I"))
    >>> [eq.behavior for eq in spe(t).equilibria]
    [{'root': {'out': Fraction(0, 1), 'in': Fraction(1, 1)}, 'root.in': {'fight': Fraction(0, 1), 'accommodate': Fraction(1, 1)}}]

    References
    ----------
    R. Selten (1965); M. J. Osborne and A. Rubinstein (1994), *A Course in Game Theory*,
    section 6.2; B. von Stengel (2002), *Handbook of Game Theory* 3, ch. 45.
    """  # noqa: E501
    tree.require_perfect_recall("the spe method")
    if cap < 1:
        raise GameValueError("the cap must be at least 1", key="cap")
    roots = tree.subgame_roots()
    inside: dict[str, list[str]] = {r: [] for r in roots}
    for r in roots:
        # The nearest subgame root above r is its parent subgame.
        parent = tree.parent(r)
        while parent is not None and parent[0] not in inside:
            parent = tree.parent(parent[0])
        if parent is not None:
            inside[parent[0]].append(r)
    solutions: dict[str, list[Solution]] = {}
    notes: list[str] = []
    truncated = False
    for r in reversed(roots):
        combos: list[tuple[dict, dict]] = [({}, {})]
        for c in inside[r]:
            combos = [
                ({**b, **bc}, {**cut, c: value})
                for b, cut in combos for bc, value in solutions[c]
            ]
            if len(combos) > cap:
                combos, truncated = combos[:cap], True
        found: list[Solution] = []
        for b_below, cut in combos:
            reduced = _reduced(tree, r, cut)
            profiles, more = subgame_equilibria(reduced)
            notes.extend(n for n in more if n not in notes)
            for b in profiles:
                found.append(({**b_below, **b}, reduced.expected_payoffs(b)))
        solutions[r] = _unique(found)
        if len(solutions[r]) > cap:
            solutions[r], truncated = solutions[r][:cap], True
    equilibria = []
    rejected = 0
    for b, _ in solutions[tree.root.id]:
        eq = certify_behavior(tree, b, require_spe=True)
        if eq is None:  # pragma: no cover - would be a bug in the combination
            rejected += 1
        else:
            equilibria.append(eq)
    what = "every SPE built from extreme equilibria of the subgames" if tree.n_players == 2 \
        else "every pure SPE"
    message = f"{what} was found ({len(equilibria)}), each certified in every subgame"
    if truncated:
        message = f"more equilibria than the cap ({cap}); the first {len(equilibria)} are listed"
    if rejected:
        message += f"; {rejected} candidates failed certification and are not listed"
    if notes:
        message += "; " + "; ".join(notes)
    return TreeSolveResult(
        tree=tree, method="spe", equilibria=tuple(equilibria), subgame_perfect=True,
        exact=True, complete=not truncated and not rejected,
        status="incomplete" if truncated or rejected else "ok", message=message,
    )


def _unique(found: list[Solution]) -> list[Solution]:
    seen = set()
    out = []
    for b, v in found:
        key = tuple(sorted((s, tuple(sorted(p.items()))) for s, p in b.items()))
        if key not in seen:
            seen.add(key)
            out.append((b, v))
    return out
