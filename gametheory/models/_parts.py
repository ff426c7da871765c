"""The parts of a model: parameters, players and their strategies, judgements of outcomes.

Immutable values that a :class:`~gametheory.models.Model` holds (all importable from
:mod:`gametheory.models`), and the package-private checks of one part: a parameter's value
(:func:`parse_value`), a player or strategy name (:func:`name_problem`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import ModelError, closest
from ..numbers import format_fraction
from .expression import parse_expression

__all__ = ["Judgement", "Outcome", "Parameter", "Player", "Strategy"]


@dataclass(frozen=True)
class Parameter:
    """A named quantity usable in payoff expressions.

    Attributes
    ----------
    name : str
    value : Fraction
        The default value.
    low, high : Fraction or None
        The inclusive range of sensible values, or ``None`` when no range is declared.
    description : str
        What the parameter stands for.
    source : str
        The passage of the source text that suggests this quantity.
    """

    name: str
    value: Fraction
    low: Fraction | None = None
    high: Fraction | None = None
    description: str = ""
    source: str = ""

    def contains(self, value: Fraction) -> bool:
        """True if ``value`` lies in the declared range (always, without a range).

        Examples
        --------
        >>> p = Parameter("c", Fraction(1), Fraction(0), Fraction(6))
        >>> p.contains(Fraction(6)), p.contains(Fraction(-1, 2))
        (True, False)
        """
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    @property
    def range_text(self) -> str:
        """The range as ``"[low, high]"``, or ``""`` without a range."""
        if self.low is None and self.high is None:
            return ""
        low = "-oo" if self.low is None else format_fraction(self.low)
        high = "oo" if self.high is None else format_fraction(self.high)
        return f"[{low}, {high}]"


@dataclass(frozen=True)
class Strategy:
    """One of a player's strategies.

    Attributes
    ----------
    id : str
        The short name used in payoff tables, profiles and on the command line.
    label : str
        A display name; defaults to the id.
    description : str
        What the strategy means, in the terms of the source text.
    source : str
        Where in the source text the strategy comes from.
    """

    id: str
    label: str = ""
    description: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.id)

    @property
    def is_plain(self) -> bool:
        """True if the strategy is only an id (written as a plain string in a model file)."""
        return self.label == self.id and not self.description and not self.source


@dataclass(frozen=True)
class Player:
    """A player: a name and strategies (and optionally a description)."""

    name: str
    strategies: tuple[Strategy, ...]
    description: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        """The strategy ids, in order."""
        return tuple(s.id for s in self.strategies)


@dataclass(frozen=True)
class Judgement:
    """One player's judgement of an outcome: an ordinal rank (higher = better), why, where."""

    player: str
    rank: int
    why: str = ""
    source: str = ""


@dataclass(frozen=True)
class Outcome:
    """A pure profile (one strategy id per player) with the players' judgements of it."""

    profile: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (dimension, value) pairs: gametheory.models.facts

    def judgement(self, player: str) -> Judgement | None:
        """The judgement of ``player``, or ``None``."""
        for j in self.judgements:
            if j.player == player:
                return j
        return None


# ---------------------------------------------------------------------- helpers (package-private)
def parse_value(raw: Any, where: str) -> Fraction:
    """A parameter value: an int, a Fraction, or a constant expression (``"1/3"``, ``"-1"``)."""
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return Fraction(raw)
    try:
        expression = parse_expression(raw, (), where=where)
        return expression.evaluate({})
    except ModelError as exc:
        # The parser's hint (e.g. "declare it as [parameters.abc]") is about payoff
        # expressions; a value names no parameter, so say what a value may be instead.
        raise ModelError(
            f"not a number: {exc.message}",
            key=where,
            hint="a value is a number such as 2, 0.5 or 1/3, or arithmetic on numbers",
        ) from None


def _unknown_parameter(name: str, parameters: Iterable[str]) -> ModelError:
    names = list(parameters)
    if not names:
        return ModelError(f"unknown parameter {name!r}: this model has no parameters")
    best = closest(name, names)
    listing = "parameters: " + ", ".join(names)
    hint = f"did you mean {best!r}? {listing}" if best else listing
    return ModelError(f"unknown parameter {name!r}", hint=hint)


def name_problem(name: Any) -> str | None:
    """Why ``name`` cannot be a player name or strategy id, or ``None`` if it can."""
    if not isinstance(name, str):
        return "is not a string"
    if not name.strip():
        return "is empty"
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        return "contains control characters"
    return None
