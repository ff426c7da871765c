"""Bayesian Nash equilibria, exact and certified.

Method
------
``exact`` (two players): build the ex-ante strategic form
(:func:`~gametheory.bayesian.harsanyi.ex_ante_form`: plans naming one action per type, ex-ante
payoffs), which is the reduced strategic form of the Harsanyi tree and keeps two players, so the
exact two-player solver (every extreme equilibrium, by vertex enumeration) applies. Each
equilibrium over plans maps to behaviour strategies by marginalising: a type plays action
:math:`a` with the probability of the plans that choose :math:`a` for it (Kuhn's theorem for the
Harsanyi tree; every type has positive probability, so the map is defined). Distinct plan
mixtures can give the same behaviour; each behaviour profile is listed once. The map is linear,
so every extreme point of the set of Bayesian Nash equilibria in behaviour strategies is among
the images listed (some images may lie inside an edge between two of them).

``pure`` (any number of players): every pure equilibrium of Selten's type-agent form
(:func:`~gametheory.bayesian.harsanyi.type_agent_form`), whose Nash equilibria are exactly the
Bayesian Nash equilibria.

Every equilibrium returned is certified on the Bayesian game itself: each type's interim payoff
of every action is computed exactly and none exceeds the type's equilibrium interim payoff.

References
----------
J. C. Harsanyi (1967-68), *Management Science* 14. R. Selten (1975), *International Journal of
Game Theory* 4, 25-55. M. J. Osborne (2004), *An Introduction to Game Theory*, section 9.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._display import Displayed
from ..errors import GameValueError
from ..numbers import format_fraction
from .game import BayesianGame, _action_values
from .harsanyi import ex_ante_form, type_agent_form

__all__ = [
    "BayesianEquilibrium",
    "BayesianSolveResult",
    "certify_bayesian",
    "exact_bayesian",
    "pure_bayesian",
]

#: Per player, per type, one probability per action.
Sigma = tuple[tuple[tuple[Fraction, ...], ...], ...]


@dataclass(frozen=True)
class BayesianEquilibrium:
    """A certified Bayesian Nash equilibrium in behaviour strategies.

    Attributes
    ----------
    players, types, actions : tuple
        As in the game.
    strategy : tuple
        Per player, per type, one exact probability per action.
    interim : tuple
        Per player, per type, the type's exact interim payoff.
    ex_ante : tuple of Fraction
        Each player's ex-ante payoff.
    regret : Fraction
        The largest gain of any type from deviating: 0.
    """

    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    actions: tuple[tuple[str, ...], ...]
    strategy: Sigma
    interim: tuple[tuple[Fraction, ...], ...]
    ex_ante: tuple[Fraction, ...]
    regret: Fraction = Fraction(0)

    @property
    def is_pure(self) -> bool:
        return all(max(row) == 1 for rows in self.strategy for row in rows)

    def choice(self, player: str, type_: str) -> str | None:
        """The action the type plays with probability 1, or ``None`` if it mixes."""
        i = self.players.index(player)
        row = self.strategy[i][self.types[i].index(type_)]
        return next((a for a, p in zip(self.actions[i], row, strict=True) if p == 1), None)

    def as_profile(self) -> dict[str, dict[str, dict[str, Fraction]]]:
        """The strategy as player -> type -> action -> probability."""
        return {
            p: {
                t: dict(zip(self.actions[i], row, strict=True))
                for t, row in zip(self.types[i], self.strategy[i], strict=True)
            }
            for i, p in enumerate(self.players)
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (contract): ``strategies`` player -> type -> action -> probability,
        ``payoffs`` player -> type -> interim payoff, ``ex_ante`` player -> payoff; exact
        strings."""
        return {
            "strategies": {
                p: {t: {a: format_fraction(q) for a, q in probs.items()}
                    for t, probs in types.items()}
                for p, types in self.as_profile().items()
            },
            "payoffs": {
                p: {t: format_fraction(u) for t, u in zip(self.types[i], self.interim[i],
                                                          strict=True)}
                for i, p in enumerate(self.players)
            },
            "ex_ante": {
                p: format_fraction(u) for p, u in zip(self.players, self.ex_ante, strict=True)
            },
        }


@dataclass(frozen=True)
class BayesianSolveResult(Displayed):
    """What a Bayesian solver found; :meth:`to_dict` has the keys of
    :class:`~gametheory.result.SolveResult` (``components`` empty)."""

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_solve  # what the command line prints

        return format_solve(self, format)

    game: BayesianGame
    method: str
    equilibria: tuple[BayesianEquilibrium, ...]
    exact: bool = True
    complete: bool = True
    status: str = "ok"
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "game": self.game.title,
            "players": list(self.game.players),
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "status": self.status,
            "message": self.message,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "components": [],
            "rejected": 0,
        }


def certify_bayesian(game: BayesianGame, profile: Any) -> BayesianEquilibrium | None:
    """The profile (player -> type -> action -> probability) as a certified
    :class:`BayesianEquilibrium`, or ``None`` if some type gains by deviating.

    Examples
    --------
    >>> from gametheory.bayesian.game import BayesianGame
    >>> g = BayesianGame.from_tables(("P", "Q"), (("x", "y"), ("l", "r")),
    ...     types={"P": {"a": "1/2", "b": "1/2"}, "Q": {"-": 1}},
    ...     payoffs={("a", "-"): {"x": {"l": (1, 1), "r": (0, 0)}, "y": {"l": (0, 0), "r": (0, 0)}},
    ...              ("b", "-"): {"x": {"l": (0, 0), "r": (0, 0)}, "y": {"l": (1, 1), "r": (0, 2)}}})
    >>> eq = certify_bayesian(g, {"P": {"a": {"x": 1}, "b": {"y": 1}}, "Q": {"-": {"l": 1}}})
    >>> eq.to_dict()["ex_ante"]
    {'P': '1', 'Q': '1'}
    >>> certify_bayesian(g, {"P": {"a": {"y": 1}, "b": {"y": 1}}, "Q": {"-": {"l": 1}}}) is None
    True
    """  # noqa: E501
    sigma = game.strategy(profile)
    interim, worst = [], Fraction(0)
    for i in range(game.n_players):
        row = []
        for k in range(len(game.types[i])):
            values = _action_values(game, sigma, i, k)
            u = sum((q * v for q, v in zip(sigma[i][k], values, strict=True)), Fraction(0))
            worst = max(worst, max(values) - u)
            row.append(u)
        interim.append(tuple(row))
    if worst != 0:
        return None
    ex_ante = tuple(
        sum((game.marginal(p, t) * u for t, u in zip(game.types[i], interim[i], strict=True)),
            Fraction(0))
        for i, p in enumerate(game.players)
    )
    return BayesianEquilibrium(game.players, game.types, game.actions, sigma, tuple(interim),
                               ex_ante)


def _collect(game: BayesianGame, sigmas: list[Sigma]) -> tuple[BayesianEquilibrium, ...]:
    out, seen = [], set()
    for sigma in sigmas:
        if sigma in seen:
            continue
        seen.add(sigma)
        profile = {
            p: {t: dict(zip(game.actions[i], row, strict=True))
                for t, row in zip(game.types[i], sigma[i], strict=True)}
            for i, p in enumerate(game.players)
        }
        eq = certify_bayesian(game, profile)
        if eq is None:  # pragma: no cover - the forms are equivalent
            raise AssertionError("a strategic-form equilibrium is not a Bayesian equilibrium")
        out.append(eq)
    return tuple(out)


def exact_bayesian(game: BayesianGame) -> BayesianSolveResult:
    """Every extreme Bayesian Nash equilibrium of a two-player Bayesian game, exactly.

    Returns
    -------
    BayesianSolveResult
        Method ``"exact"``, each equilibrium certified (see the module docstring).

    Raises
    ------
    GameValueError
        Without two players, or when the ex-ante form is too large.
    """
    from ..algorithms.exact import exact_equilibria

    if game.n_players != 2:
        raise GameValueError(
            f"the exact method needs two players, this game has {game.n_players}",
            key="method", hint="use --method pure")
    form = ex_ante_form(game)
    result = exact_equilibria(form)
    sigmas = []
    for eq in result.equilibria:
        sigma = []
        for i, labels in enumerate(form.strategies):
            plans = [label.split("|") for label in labels]
            rows = []
            for k in range(len(game.types[i])):
                rows.append(tuple(
                    sum((q for q, plan in zip(eq.profile[i], plans, strict=True)
                         if plan[k] == a), Fraction(0))
                    for a in game.actions[i]
                ))
            sigma.append(tuple(rows))
        sigmas.append(tuple(sigma))
    equilibria = _collect(game, sigmas)
    message = (
        f"{len(equilibria)} Bayesian Nash equilibria in behaviour strategies, from "
        f"{len(result.equilibria)} extreme equilibria of the ex-ante strategic form "
        f"({'x'.join(str(len(s)) for s in form.strategies)} plans)"
    )
    return BayesianSolveResult(game, "exact", equilibria, status=result.status,
                               message=message)


def pure_bayesian(game: BayesianGame) -> BayesianSolveResult:
    """Every pure Bayesian Nash equilibrium (any number of players), exactly.

    Raises
    ------
    GameValueError
        When the type-agent form is too large.
    """
    from ..algorithms.pure import pure_equilibria

    agents = type_agent_form(game)
    result = pure_equilibria(agents)
    sigmas = []
    for eq in result.equilibria:
        sigma, k = [], 0
        for i in range(game.n_players):
            rows = []
            for _ in game.types[i]:
                rows.append(tuple(eq.profile[k]))
                k += 1
            sigma.append(tuple(rows))
        sigmas.append(tuple(sigma))
    equilibria = _collect(game, sigmas)
    message = f"{len(equilibria)} pure Bayesian Nash equilibria (type-agent form)"
    return BayesianSolveResult(game, "pure", equilibria, message=message)
