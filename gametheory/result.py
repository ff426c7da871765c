"""Result types shared by every solver.

Every solver returns one :class:`SolveResult`: the game, the method, the certified equilibria,
the equilibrium components (where the method computes them), whether the result is exact and
complete, a status and a message. Each :class:`Equilibrium` carries its exact certificate: its
regret, computed in rational arithmetic, is zero.

Examples
--------
>>> from gametheory import Game, solve
>>> result = solve(Game.from_arrays([[1, -1], [-1, 1]]))
>>> result.status, len(result.equilibria)
('ok', 1)
>>> eq = result.equilibria[0]
>>> eq.to_dict()
{'strategies': {'Row': {'1': '1/2', '2': '1/2'}, 'Column': {'1': '1/2', '2': '1/2'}}, 'payoffs': {'Row': '0', 'Column': '0'}}
"""  # noqa: E501

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ._display import Displayed
from .game import Game, Profile
from .numbers import format_fraction

__all__ = [
    "AlgebraicEquilibrium",
    "Component",
    "Equilibrium",
    "SolveInterrupted",
    "SolveResult",
    "SupportComponent",
    "certify",
]

#: Status values of a :class:`SolveResult`.
STATUSES = ("ok", "degenerate", "incomplete", "failed")


@dataclass(frozen=True)
class Equilibrium:
    """A certified Nash equilibrium.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
        The strategy labels, per player.
    profile : tuple of tuple of Fraction
        Each player's exact probabilities, one per strategy.
    payoffs : tuple of Fraction
        Each player's exact expected payoff.
    regret : Fraction
        The exact regret: 0 for every equilibrium gametheory returns.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    profile: Profile
    payoffs: tuple[Fraction, ...]
    regret: Fraction = Fraction(0)

    @property
    def is_pure(self) -> bool:
        """True if every player plays one strategy with probability one."""
        return all(max(sigma) == 1 for sigma in self.profile)

    def support(self) -> tuple[tuple[str, ...], ...]:
        """The labels of the strategies played with positive probability, per player."""
        return tuple(
            tuple(label for label, p in zip(labels, sigma, strict=True) if p > 0)
            for labels, sigma in zip(self.strategies, self.profile, strict=True)
        )

    def probabilities(self, player: str) -> dict[str, Fraction]:
        """A player's probabilities keyed by strategy label."""
        i = self.players.index(player)
        return dict(zip(self.strategies[i], self.profile[i], strict=True))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (a contract): exact numbers as strings such as ``"1/3"``."""
        return {
            "strategies": {
                player: {
                    label: format_fraction(p)
                    for label, p in zip(labels, sigma, strict=True)
                }
                for player, labels, sigma in zip(
                    self.players, self.strategies, self.profile, strict=True
                )
            },
            "payoffs": {
                player: format_fraction(u)
                for player, u in zip(self.players, self.payoffs, strict=True)
            },
        }


@dataclass(frozen=True)
class Component:
    """A connected component of the set of Nash equilibria of a two-player game.

    The component is the union of its maximal Nash subsets; each maximal Nash subset is the
    product of the convex hulls of some extreme strategies of each player, every pair of which
    is an extreme equilibrium (Avis, Rosenberg, Savani and von Stengel, 2010).

    Attributes
    ----------
    equilibria : tuple of int
        Indices into :attr:`SolveResult.equilibria` of the extreme equilibria in the component.
    nash_subsets : tuple of tuple of int
        Each maximal Nash subset as the indices (into :attr:`SolveResult.equilibria`) of its
        extreme equilibria: with X the row strategies and Y the column strategies among them,
        every pair in X x Y is an extreme equilibrium and the subset is conv(X) x conv(Y).
    """

    equilibria: tuple[int, ...]
    nash_subsets: tuple[tuple[int, ...], ...] = ()

    @property
    def is_singleton(self) -> bool:
        """True if the component is a single (isolated) equilibrium."""
        return len(self.equilibria) == 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "equilibria": list(self.equilibria),
            "nash_subsets": [list(subset) for subset in self.nash_subsets],
        }


@dataclass(frozen=True)
class SolveResult(Displayed):
    """What a solver found.

    Attributes
    ----------
    game : Game
    method : str
        The method's name as passed to :func:`gametheory.solve`.
    equilibria : tuple of Equilibrium
        Certified equilibria, in a deterministic order.
    components : tuple of Component
        The equilibrium components, for methods that compute them; else empty.
    exact : bool
        True if the equilibria were computed in exact arithmetic.
    complete : bool
        True if the method guarantees that it found every (extreme) equilibrium.
    status : str
        ``"ok"`` (the method ran as designed; see ``complete`` for whether every equilibrium
        was found); ``"degenerate"`` when the game is degenerate (result still correct);
        ``"incomplete"`` when the method may have missed equilibria or some candidates failed
        certification; ``"failed"`` when the method did not finish.
    message : str
        A human-readable explanation of the status.
    rejected : tuple of Profile
        Candidate profiles from a floating-point method that are *not* equilibria once
        rounded to fractions; reported, never passed off as equilibria.
    """

    game: Game
    method: str
    equilibria: tuple[Equilibrium, ...]
    components: tuple[Component, ...] = ()
    exact: bool = True
    complete: bool = True
    status: str = "ok"
    message: str = ""
    rejected: tuple[Profile, ...] = field(default=())

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from .report import format_solve  # the report of `gametheory solve`

        return format_solve(self, format)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``equilibria`` and ``components`` (contract), plus metadata."""
        return {
            "game": self.game.title,
            "players": list(self.game.players),
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "status": self.status,
            "message": self.message,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "components": [c.to_dict() for c in self.components],
            "rejected": len(self.rejected),
        }


class SolveInterrupted(KeyboardInterrupt):
    """A search interrupted by the user (Ctrl-C), with what it had certified.

    A ``KeyboardInterrupt``, so that code unaware of it stops as on any Ctrl-C; a caller that
    wants the partial result catches it and reads :attr:`result`, a :class:`SolveResult` with
    status ``"incomplete"`` whose equilibria are all certified.
    """

    def __init__(self, result: SolveResult) -> None:
        super().__init__(result.message)
        self.result = result


def certify(game: Game, profile: Profile) -> Equilibrium | None:
    """Return the profile as a certified :class:`Equilibrium`, or ``None`` if it is not one.

    The check is exact: the profile's regret is computed in rational arithmetic and must be 0.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> g = Game.from_arrays([[1, -1], [-1, 1]])
    >>> certify(g, ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))).payoffs
    (Fraction(0, 1), Fraction(0, 1))
    >>> certify(g, ((F(1), F(0)), (F(1), F(0)))) is None
    True
    """
    sigma = game.profile(profile)
    payoffs, regrets = game._evaluate(sigma)
    if any(r != 0 for r in regrets):
        return None
    return Equilibrium(
        players=game.players,
        strategies=game.strategies,
        profile=sigma,
        payoffs=payoffs,
        regret=Fraction(0),
    )


def _exact_text(value: Any) -> str:
    """A Fraction as ``"p/q"``; an algebraic number as a sympy-readable expression."""
    return format_fraction(value) if isinstance(value, (int, Fraction)) else str(value)


def _decimal_text(value: Any, digits: int) -> str:
    from .numbers import format_decimal

    if isinstance(value, (int, Fraction)):
        return format_decimal(Fraction(value), digits)
    return value.decimal(digits)


#: Decimals of the ``decimal`` twin in the JSON form of an :class:`AlgebraicEquilibrium`.
DECIMAL_DIGITS = 12


@dataclass(frozen=True)
class AlgebraicEquilibrium(Equilibrium):
    """A certified Nash equilibrium whose numbers may be irrational (N-player games).

    The same fields as :class:`Equilibrium`; a probability or payoff is a
    :class:`~fractions.Fraction` when rational and a :class:`gametheory.algebraic.Algebraic`
    (minimal polynomial and isolating interval) otherwise. The regret is exactly 0: every
    best-response condition was checked by exact sign computations in the number field of the
    equilibrium.

    Attributes
    ----------
    support_profile : tuple of tuple of int
        The indices of each player's strategies played with positive probability.
    """

    support_profile: tuple[tuple[int, ...], ...] = ()

    @property
    def is_rational(self) -> bool:
        """True if every probability and payoff is rational."""
        values = [p for sigma in self.profile for p in sigma] + list(self.payoffs)
        return all(isinstance(v, (int, Fraction)) for v in values)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the :class:`Equilibrium` contract with exact strings (sympy-readable
        expressions such as ``"sqrt(2)/2"`` or ``"CRootOf(x**3 - x - 1, 0)"`` where
        irrational), plus a ``decimal`` twin with :data:`DECIMAL_DIGITS` decimals."""

        def table(write: Any) -> dict[str, Any]:
            return {
                "strategies": {
                    player: {s: write(p) for s, p in zip(labels, sigma, strict=True)}
                    for player, labels, sigma in zip(
                        self.players, self.strategies, self.profile, strict=True
                    )
                },
                "payoffs": {
                    player: write(u) for player, u in zip(self.players, self.payoffs, strict=True)
                },
            }

        data = table(_exact_text)
        data["decimal"] = table(lambda v: _decimal_text(v, DECIMAL_DIGITS))
        return data


@dataclass(frozen=True)
class SupportComponent(Component):
    """A set of equilibria of positive dimension on one support profile (N-player games).

    The equilibria with exactly this support profile are the points of the real solution set
    of ``equations`` (probabilities as the variables named in ``variables``) that satisfy
    ``bounds``. ``equilibria`` indexes the certified sample points of the set found by the
    solver (possibly none: the set may then be empty, which is not decided).

    Attributes
    ----------
    support : tuple of tuple of str
        Each player's support (strategy labels).
    dimension : int
        The dimension of the complex solution set of the equations (an upper bound).
    equations : tuple of str
        Polynomial equations ``= 0``, sympy-readable (a lexicographic Groebner basis), plus the
        probabilities of each player's first support strategy as ``p = 1 - ...``.
    bounds : tuple of str
        Strict positivity of the support probabilities and, for every strategy outside a
        support, ``its payoff - the support payoff <= 0``.
    variables : dict
        Variable name -> ``"player:strategy"``.
    boundary : tuple of int
        Indices (into :attr:`SolveResult.equilibria`) of the equilibria on smaller support
        profiles that may be limit points of this set: at each, every strategy of this
        support earns its player's best payoff (decided exactly for rational equilibria). Not
        decided further: such an equilibrium may or may not lie in the closure of the set, and
        it gets no singleton :class:`Component` of its own.
    """

    support: tuple[tuple[str, ...], ...] = ()
    dimension: int = 0
    equations: tuple[str, ...] = ()
    bounds: tuple[str, ...] = ()
    variables: tuple[tuple[str, str], ...] = ()
    boundary: tuple[int, ...] = ()

    @property
    def is_singleton(self) -> bool:
        return False

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        data.update(
            {
                "support": [list(s) for s in self.support],
                "dimension": self.dimension,
                "equations": list(self.equations),
                "bounds": list(self.bounds),
                "variables": dict(self.variables),
                "boundary": list(self.boundary),
            }
        )
        return data
