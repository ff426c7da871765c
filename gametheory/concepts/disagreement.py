"""The disagreement point of a bargaining problem, and exact numbers as text.

The disagreement point is what each player gets if bargaining fails: by default the players'
security (maximin) levels, what each can guarantee itself whatever the other does; or the
payoffs of a named Nash equilibrium of the game, of a named outcome, or given numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError, did_you_mean
from ..game import Game
from ..numbers import format_decimal, format_fraction, to_fraction

__all__ = ["Disagreement", "decimal_text", "disagreement_point", "exact_text"]


@dataclass(frozen=True)
class Disagreement:
    """The disagreement point and where it comes from (``security``, ``equilibrium N``, ...)."""

    payoffs: tuple[Fraction, Fraction]
    source: str


def exact_text(value: Any) -> str:
    """An exact number as text: ``p/q`` for rationals, sympy's form otherwise."""
    if isinstance(value, (Fraction, int)):
        return format_fraction(Fraction(value))
    import sympy

    value = sympy.nsimplify(value) if value.is_Float else value
    if value.is_Rational:
        return format_fraction(Fraction(int(value.p), int(value.q)))
    return str(value)


def decimal_text(value: Any, decimals: int) -> str:
    """A number with ``decimals`` places (exact rounding for rationals; sympy's evalf else)."""
    if isinstance(value, (Fraction, int)):
        return format_decimal(Fraction(value), decimals)
    if value.is_Rational:
        return format_decimal(Fraction(int(value.p), int(value.q)), decimals)
    return format_decimal(Fraction(str(value.evalf(decimals + 20))), decimals)


def disagreement_point(game: Game, spec: str | Sequence[Any] | None = None) -> Disagreement:
    """The disagreement point named by ``spec``.

    Parameters
    ----------
    game : Game
    spec : str or sequence of numbers, optional
        ``None`` or ``"security"``: the mixed security levels (default); ``"nash:K"``: the
        payoffs of equilibrium K (1-based, in the order of :func:`gametheory.solve`); a pure
        profile ``"S1,S2"``; numbers ``"PLAYER=V,PLAYER=V"`` or ``"V1,V2"``, or a sequence.

    Raises
    ------
    GameValueError
        For an unknown player, strategy or equilibrium number, or a bad number.

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> disagreement_point(g).payoffs, disagreement_point(g, "Row=1/2,Column=0").payoffs
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(0, 1)))
    >>> disagreement_point(g, "1,1").source
    'outcome (1, 1)'
    """
    key = "disagreement"
    if spec is None or (isinstance(spec, str) and spec.strip() == "security"):
        from ..algorithms.security import security_levels

        levels = security_levels(game)
        return Disagreement((levels[0].level, levels[1].level), "security levels")
    if not isinstance(spec, str):
        values = [to_fraction(v, where=key) for v in spec]
        if len(values) != 2:
            raise GameValueError("give one number per player", key=key)
        return Disagreement((values[0], values[1]), "given")
    text = spec.strip()
    if text.startswith("nash:"):
        from ..solve import solve

        equilibria = solve(game).equilibria
        number = text[5:].strip()
        if not number.isdigit() or not 1 <= int(number) <= len(equilibria):
            raise GameValueError(
                f"no equilibrium {number!r}: the game has {len(equilibria)} "
                f"(nash:1 to nash:{len(equilibria)})", key=key,
            )
        eq = equilibria[int(number) - 1]
        return Disagreement((eq.payoffs[0], eq.payoffs[1]), f"equilibrium {number}")
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2:
        raise GameValueError(
            f"{spec!r}: expected 'security', 'nash:K', a pure profile 'S1,S2' or numbers "
            "'PLAYER=V,PLAYER=V'", key=key,
        )
    if all("=" in p for p in parts):
        values: dict[int, Fraction] = {}
        for part in parts:
            name, _, value = part.partition("=")
            values[game.player_index(name.strip())] = to_fraction(value.strip(), where=key)
        if len(values) != 2:
            raise GameValueError("give a number for each player", key=key)
        return Disagreement((values[0], values[1]), "given")
    if all(p in game.strategies[i] for i, p in enumerate(parts)):
        payoff = game.payoff(tuple(parts))
        return Disagreement((payoff[0], payoff[1]), f"outcome ({parts[0]}, {parts[1]})")
    try:
        values_list = [to_fraction(p, where=key) for p in parts]
    except GameValueError:
        for i, p in enumerate(parts):
            if p not in game.strategies[i]:
                raise GameValueError(
                    f"{game.players[i]} has no strategy {p!r}", key=key,
                    hint=did_you_mean(p, game.strategies[i]),
                ) from None
        raise  # pragma: no cover
    return Disagreement((values_list[0], values_list[1]), "given")
