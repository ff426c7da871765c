"""Exact evaluation of mixed profiles of a :class:`~gametheory.game.Game`: expected payoffs,
payoffs of pure strategies, best responses, regrets and the Nash check (a base class of
``Game``).

The evaluation scales each player's payoffs to integers (by the lcm of their denominators) and
each mixed strategy to integer weights, so that it runs in exact integer arithmetic, much faster
than with Fractions.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .game import Profile

__all__: list[str] = []


class _ExactEvaluation:
    """Exact payoffs and regrets of profiles, for :class:`~gametheory.game.Game`."""

    __slots__ = ()

    def _integer_payoffs(self) -> tuple[tuple[np.ndarray, int], ...]:
        """Per player: the payoffs times the lcm L of their denominators, as ints, and L."""
        if self._integers is None:
            out = []
            for p in self._payoffs:
                scale = math.lcm(*(v.denominator for v in p.reshape(-1)))
                ints = np.array(
                    [v.numerator * (scale // v.denominator) for v in p.reshape(-1)], dtype=object
                )
                out.append((ints.reshape(p.shape), scale))
            self._integers = tuple(out)
        return self._integers

    def _against_scaled(self, i: int, weights: list[np.ndarray]) -> np.ndarray:
        """Player i's scaled payoff for each pure strategy against integer-weighted others.

        Exact integer arithmetic (much faster than Fractions): the result is the true payoff
        times ``L_i * prod(D_j for j != i)``, where ``weights[j]`` sums to ``D_j``.
        """
        array = self._integer_payoffs()[i][0]
        # Contract the other players' axes, last first, so axis numbers stay valid.
        for j in reversed(range(self.n_players)):
            if j != i:
                array = np.tensordot(array, weights[j], axes=([j], [0]))
        return array

    @staticmethod
    def _weights(sigma: Profile) -> tuple[list[np.ndarray], list[int]]:
        weights, totals = [], []
        for probs in sigma:
            d = math.lcm(*(Fraction(p).denominator for p in probs))
            weights.append(np.array([int(p * d) for p in probs], dtype=object))
            totals.append(d)
        return weights, totals

    def _evaluate(self, profile: Any) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        """Exact (expected payoffs, regrets) of a mixed profile."""
        sigma = self.profile(profile)
        weights, totals = self._weights(sigma)
        payoffs, regrets = [], []
        for i in range(self.n_players):
            values = self._against_scaled(i, weights)
            current = sum(int(w) * int(v) for w, v in zip(weights[i], values, strict=True))
            denominator = self._integer_payoffs()[i][1] * math.prod(totals)
            payoffs.append(Fraction(current, denominator))
            regrets.append(Fraction(max(values) * totals[i] - current, denominator))
        return tuple(payoffs), tuple(regrets)

    def expected_payoffs(self, profile: Any) -> tuple[Fraction, ...]:
        """Every player's exact expected payoff at a mixed profile.

        Examples
        --------
        >>> from gametheory import Game
        >>> g = Game.from_arrays([[1, -1], [-1, 1]])
        >>> g.expected_payoffs([["1/2", "1/2"], ["1/2", "1/2"]])
        (Fraction(0, 1), Fraction(0, 1))
        """
        return self._evaluate(profile)[0]

    def pure_payoffs_against(self, player: str | int, profile: Any) -> tuple[Fraction, ...]:
        """A player's payoff from each of its pure strategies against the others' strategies.

        Examples
        --------
        >>> from gametheory import Game
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.pure_payoffs_against("Row", [[1, 0], ["1/2", "1/2"]])
        (Fraction(3, 2), Fraction(3, 1))
        """
        i = self.player_index(player)
        weights, totals = self._weights(self.profile(profile))
        denominator = self._integer_payoffs()[i][1] * math.prod(totals) // totals[i]
        return tuple(Fraction(int(v), denominator) for v in self._against_scaled(i, weights))

    def best_responses(self, player: str | int, profile: Any) -> tuple[int, ...]:
        """Indices of a player's pure best responses to the others' strategies in a profile.

        Examples
        --------
        >>> from gametheory import Game
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.best_responses("Row", [[1, 0], [1, 0]])
        (1,)
        """
        values = self.pure_payoffs_against(player, profile)
        best = max(values)
        return tuple(k for k, v in enumerate(values) if v == best)

    def regrets(self, profile: Any) -> tuple[Fraction, ...]:
        """Each player's exact regret: best pure payoff minus expected payoff (>= 0).

        Examples
        --------
        >>> from gametheory import Game
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.regrets([[1, 0], [1, 0]])
        (Fraction(2, 1), Fraction(2, 1))
        """
        return self._evaluate(profile)[1]

    def regret(self, profile: Any) -> Fraction:
        """The largest gain any player makes by a unilateral deviation (0 at an equilibrium)."""
        return max(self.regrets(profile))

    def is_nash(self, profile: Any) -> bool:
        """True exactly when the profile is a Nash equilibrium (regret exactly zero)."""
        return self.regret(profile) == 0
