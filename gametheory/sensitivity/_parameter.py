"""A parameter of a :class:`~gametheory.sensitivity.ParametricGame`: its name, value and
inclusive range, read from ``(value, low, high)`` or a single value.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction, to_fraction

__all__ = ["Parameter"]


@dataclass(frozen=True)
class Parameter:
    """A parameter: its name, value and inclusive range (``None``: unbounded on that side)."""

    name: str
    value: Fraction | None = None
    low: Fraction | None = None
    high: Fraction | None = None

    def contains(self, value: Fraction) -> bool:
        """True if the value lies in the parameter's range."""
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def _parameter(name: str, spec: Any) -> Parameter:
    if isinstance(spec, Parameter):
        return Parameter(name, spec.value, spec.low, spec.high)
    if isinstance(spec, (tuple, list)):
        if len(spec) != 3:
            raise GameValueError("give (value, low, high)", key=f"parameters.{name}")
        value, low, high = (
            None if v is None else to_fraction(v, where=f"parameters.{name}") for v in spec
        )
    else:
        value = None if spec is None else to_fraction(spec, where=f"parameters.{name}")
        low = high = None
    if low is not None and high is not None and low > high:
        raise GameValueError(f"empty range [{low}, {high}]", key=f"parameters.{name}")
    return Parameter(name, value, low, high)

def _range_text(p: Parameter) -> str:
    low = "-oo" if p.low is None else format_fraction(p.low)
    high = "oo" if p.high is None else format_fraction(p.high)
    return f"[{low}, {high}]"
