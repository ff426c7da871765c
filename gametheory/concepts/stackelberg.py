"""Commitment: Stackelberg equilibria of two-player games, pure and mixed, strong and weak.

Definitions
-----------
The *leader* commits to a strategy :math:`x` (pure, or mixed over its strategies) before the
*follower* moves; the follower sees the commitment and plays a best response to it. When the
follower has several best responses, the *strong* Stackelberg equilibrium (SSE) lets it break
ties in the leader's favour, the *weak* one against the leader (von Stengel and Zamir, 2010).

Mixed commitment is computed by the multiple-LP method of Conitzer and Sandholm (2006): for each
follower strategy :math:`j`, the linear program

.. math:: \\max_x \\; x^\\top A e_j \\quad \\text{s.t.} \\quad x^\\top B e_j \\ge x^\\top B e_k
   \\;\\; \\forall k, \\quad x \\ge 0, \\; \\textstyle\\sum_i x_i = 1

gives the leader's best commitment that makes :math:`j` a best response; the best of these is
the strong SSE. Every LP is solved by HiGHS, made exact and certified optimal by LP duality
(:mod:`._lp`).

The weak value is a supremum over commitments :math:`x` of the leader's *worst* payoff over the
follower's best responses to :math:`x`; it may not be attained. Follower strategies with equal
payoff columns form a class (they tie everywhere). Where a class is the follower's only best
response on a set of commitments with non-empty interior, the supremum over that set is an LP
over its closure (maximise the minimum of the class's leader payoffs); the weak value is the
best of these. It is attained exactly when some commitment gives the leader that much against
the follower's worst best response, which is decided by one LP per class and set of tying
strategies (each checks that the others are strictly worse).

References
----------
Conitzer, V. and Sandholm, T. (2006). Computing the optimal strategy to commit to. *Proc. 7th
ACM Conference on Electronic Commerce*, 82-90, Section 3 (the multiple-LP method).
von Stengel, B. and Zamir, S. (2010). Leadership games with convex strategy sets. *Games and
Economic Behavior* 69, 446-457 (strong and weak Stackelberg; the leader's commitment payoff is
at least its payoff in any Nash equilibrium).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._display import Displayed
from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction
from ._lp import Undecided, maximize, simplex_rows

__all__ = ["Commitment", "StackelbergResult", "stackelberg"]

@dataclass(frozen=True)
class Commitment:
    """The leader's optimal commitment under one tie-breaking rule.

    Attributes
    ----------
    kind : str
        ``"pure"`` or ``"mixed"``.
    tie_breaking : str
        ``"strong"`` (follower breaks ties for the leader) or ``"weak"`` (against it).
    strategy : tuple of Fraction
        The leader's commitment: one probability per leader strategy.
    follower : int
        The follower's strategy (index) played against it.
    payoffs : tuple of Fraction
        (leader, follower) payoffs; for a weak SSE that is not attained, the supremum of the
        leader's payoff, approached by commitments near ``strategy``.
    attained : bool
        False only for a weak SSE whose value is a supremum that no commitment reaches.
    """

    kind: str
    tie_breaking: str
    strategy: tuple[Fraction, ...]
    follower: int
    payoffs: tuple[Fraction, Fraction]
    attained: bool = True


@dataclass(frozen=True)
class StackelbergResult(Displayed):
    """Commitment with one player as leader.

    Attributes
    ----------
    game : Game
    leader, follower : int
        Player indices.
    pure, mixed : Commitment
        The strong Stackelberg solutions with pure and mixed commitment.
    pure_weak, mixed_weak : Commitment
        The weak ones (``mixed_weak.attained`` says whether the supremum is reached).
    best_nash : Fraction
        The leader's best payoff in a Nash equilibrium of the simultaneous game.
    status : str
        ``"ok"``, or ``"incomplete"`` if whether the weak SSE is attained was not decided.
    message : str
    closed_forms : dict
        ``"pure"`` and ``"mixed"`` (strong) -> (commitment, leader payoff, follower payoff) as
        sympy expressions in the model's parameters, when symbolic payoffs were given; valid
        where the same follower reply and tight constraints stay optimal.
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_stackelberg  # what the command line prints

        return format_stackelberg((self,), format)

    game: Game
    leader: int
    follower: int
    pure: Commitment
    mixed: Commitment
    pure_weak: Commitment
    mixed_weak: Commitment
    best_nash: Fraction
    status: str = "ok"
    message: str = ""
    closed_forms: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    @property
    def value_of_commitment(self) -> Fraction:
        """Strong mixed commitment payoff minus the best Nash payoff (never negative)."""
        return self.mixed.payoffs[0] - self.best_nash

    @property
    def value_of_pure_commitment(self) -> Fraction:
        """Strong pure commitment payoff minus the best Nash payoff (may be negative)."""
        return self.pure.payoffs[0] - self.best_nash

    def _commitment_dict(self, c: Commitment, kind: str = "") -> dict[str, Any]:
        players = self.game.players
        closed = self.closed_forms.get(kind)
        extra = {} if closed is None else {
            "commitment_expression": {
                label: str(e)
                for label, e in zip(self.game.strategies[self.leader], closed[0], strict=True)
            },
            "payoffs_expression": {
                players[self.leader]: str(closed[1]), players[self.follower]: str(closed[2]),
            },
        }
        return {
            "commitment": {
                label: format_fraction(p)
                for label, p in zip(self.game.strategies[self.leader], c.strategy, strict=True)
            },
            "follower": self.game.strategies[self.follower][c.follower],
            "payoffs": {
                players[self.leader]: format_fraction(c.payoffs[0]),
                players[self.follower]: format_fraction(c.payoffs[1]),
            },
            "tie_breaking": c.tie_breaking,
            "attained": c.attained,
        } | extra

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (contract: ``leader``, ``pure``, ``mixed``), plus the weak solutions."""
        return {
            "leader": self.game.players[self.leader],
            "follower": self.game.players[self.follower],
            "pure": self._commitment_dict(self.pure, "pure"),
            "mixed": self._commitment_dict(self.mixed, "mixed"),
            "pure_weak": self._commitment_dict(self.pure_weak),
            "mixed_weak": self._commitment_dict(self.mixed_weak),
            "best_nash_payoff": format_fraction(self.best_nash),
            "value_of_commitment": format_fraction(self.value_of_commitment),
            "value_of_pure_commitment": format_fraction(self.value_of_pure_commitment),
            "exact": True,
            "status": self.status,
            "message": self.message,
        }


def _leader_matrices(game: Game, leader: int) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """(A, B) with rows the leader's strategies and columns the follower's."""
    a, b = game.matrices()
    a, b = a.tolist(), b.tolist()
    if leader == 1:
        a, b = [list(r) for r in zip(*b, strict=True)], [list(r) for r in zip(*a, strict=True)]
    return a, b


def _column(matrix: list[list[Fraction]], j: int) -> list[Fraction]:
    return [row[j] for row in matrix]


def _value(x: tuple[Fraction, ...], column: list[Fraction]) -> Fraction:
    return sum((p * v for p, v in zip(x, column, strict=True)), Fraction(0))


def _follower_best(b: list[list[Fraction]], x: tuple[Fraction, ...]) -> list[int]:
    values = [_value(x, _column(b, j)) for j in range(len(b[0]))]
    top = max(values)
    return [j for j, v in enumerate(values) if v == top]


def _pure(a: list[list[Fraction]], b: list[list[Fraction]], strong: bool) -> Commitment:
    m = len(a)
    best: tuple[Fraction, int, int] | None = None
    for i in range(m):
        x = tuple(Fraction(int(k == i)) for k in range(m))
        replies = _follower_best(b, x)
        pick = (max if strong else min)(replies, key=lambda j: (a[i][j], -j) if strong
                                        else (a[i][j], j))
        if best is None or a[i][pick] > best[0]:
            best = (a[i][pick], i, pick)
    _, i, j = best
    x = tuple(Fraction(int(k == i)) for k in range(m))
    return Commitment("pure", "strong" if strong else "weak", x, j, (a[i][j], b[i][j]))


def _region_rows(
    b: list[list[Fraction]], j: int, others: list[int], extra: int
) -> tuple[list[list[Fraction]], list[Fraction]]:
    """Rows (B_k - B_j).x <= 0 for k in others (j a best response), padded with extra zeros."""
    rows = [[b[i][k] - b[i][j] for i in range(len(b))] + [Fraction(0)] * extra for k in others]
    return rows, [Fraction(0)] * len(others)


def _strictly_dominated(b: list[list[Fraction]], j: int) -> bool:
    """Whether some follower strategy beats ``j`` against every leader strategy (exact)."""
    return any(all(row[k] > row[j] for row in b) for k in range(len(b[0])))


def _mixed_strong(a: list[list[Fraction]], b: list[list[Fraction]]) -> Commitment:
    m, n = len(a), len(a[0])
    best: tuple[Fraction, tuple[Fraction, ...], int] | None = None
    for j in range(n):
        if _strictly_dominated(b, j):
            continue  # never a best response: the LP is infeasible
        rows, rhs = _region_rows(b, j, [k for k in range(n) if k != j], 0)
        nonneg, zeros = simplex_rows(m)
        solved = maximize(_column(a, j), rows + nonneg, rhs + zeros,
                          [[Fraction(1)] * m], [Fraction(1)])
        if solved is not None and (best is None or solved[0] > best[0]):
            best = (solved[0], solved[1], j)
    value, x, j = best  # some follower strategy is a best response to every commitment
    replies = _follower_best(b, x)
    # Certify: j is a best response to x, the best one for the leader, worth the LP value.
    if j not in replies or max(_value(x, _column(a, k)) for k in replies) != value:
        raise RuntimeError("strong Stackelberg commitment failed its exact check")
    return Commitment("mixed", "strong", x, j, (value, _value(x, _column(b, j))))


def _best_nash(game: Game, leader: int, nash: Any = None) -> Fraction:
    from ..solve import solve

    result = nash if nash is not None else solve(game)
    return max(eq.payoffs[leader] for eq in result.equilibria)


def stackelberg(
    game: Game,
    leader: str | int = 0,
    symbolic: tuple[Any, Any] | None = None,
    values: Mapping[str, Fraction] | None = None,
    nash: Any = None,
) -> StackelbergResult:
    """The leader's optimal commitments (pure and mixed, strong and weak), exactly.

    Parameters
    ----------
    game : Game
        A two-player game.
    leader : str or int, optional
        The leader, by name or index (default: the first player).
    symbolic : (sympy.Matrix, sympy.Matrix), optional
        The payoffs in the model's parameters (:meth:`gametheory.models.Model.symbolic_payoffs`)
        for closed forms of the strong commitments; ``values`` are the parameter values at
        which ``game`` was built.
    nash : SolveResult, optional
        The game's equilibria from ``gametheory.solve(game)`` (the exact method), when the
        caller has them already: they are not computed again.

    Returns
    -------
    StackelbergResult
        Every commitment certified exactly; ``value_of_commitment`` compares the strong
        mixed commitment with the leader's best Nash equilibrium payoff.

    Raises
    ------
    GameValueError
        For a game without exactly two players, or an unknown leader.

    References
    ----------
    Conitzer and Sandholm (2006), Section 3; von Stengel and Zamir (2010).

    Examples
    --------
    Conitzer and Sandholm's (2006) example: committing to (1/2, 1/2) makes the follower
    indifferent; breaking the tie for the leader it plays its second column, which gives the
    leader 7/2, more than pure commitment (3) and its Nash payoff (2). Against the leader the
    value 7/2 is only a supremum.

    >>> g = Game.from_arrays([[2, 4], [1, 3]], [[1, 0], [0, 1]])
    >>> r = stackelberg(g, "Row")
    >>> r.mixed.strategy, r.mixed.follower, r.mixed.payoffs
    ((Fraction(1, 2), Fraction(1, 2)), 1, (Fraction(7, 2), Fraction(1, 2)))
    >>> r.pure.payoffs[0], r.best_nash, r.mixed_weak.attained
    (Fraction(3, 1), Fraction(2, 1), False)
    """
    if game.n_players != 2:
        raise GameValueError(
            f"Stackelberg commitment needs a two-player game; this one has {game.n_players}"
        )
    i = game.player_index(leader)
    a, b = _leader_matrices(game, i)
    status, message = "ok", ""
    try:
        from ._weak_stackelberg import mixed_weak

        weak, decided = mixed_weak(a, b)
        mixed = _mixed_strong(a, b)
    except Undecided as exc:  # pragma: no cover - only for very large games
        raise GameValueError(f"game too large for exact commitment: {exc}") from None
    if not decided:
        status = "incomplete"
        message = "whether the weak Stackelberg value is attained was not decided"
    elif not weak.attained:
        message = (
            "the weak Stackelberg value is a supremum that no commitment attains: "
            "commitments near the one shown approach it"
        )
    pure = _pure(a, b, True)
    closed = {} if symbolic is None else _closed_forms(symbolic, i, b, pure, mixed, values or {})
    return StackelbergResult(
        game, i, 1 - i, pure, mixed, _pure(a, b, False), weak,
        _best_nash(game, i, nash), status, message, closed,
    )


def _closed_forms(
    symbolic: tuple[Any, Any], leader: int, b: list[list[Fraction]], pure: Commitment,
    mixed: Commitment, values: Mapping[str, Fraction],
) -> dict[str, tuple[Any, ...]]:
    from ._closed_form import commitment_expressions

    a_sym, b_sym = symbolic if leader == 0 else (symbolic[1].T, symbolic[0].T)
    row = pure.strategy.index(1)
    out: dict[str, tuple[Any, ...]] = {"pure": (
        pure.strategy, a_sym[row, pure.follower], b_sym[row, pure.follower]
    )}
    found = commitment_expressions(a_sym, b_sym, b, mixed.strategy, mixed.follower, values)
    if found is not None:
        out["mixed"] = found
    return out
