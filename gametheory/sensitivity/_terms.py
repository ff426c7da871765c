"""Payoffs as exact polynomial terms (private): the numerator and denominator of a rational
function of the parameters as monomials with Fraction coefficients, evaluated, differentiated
and restricted to one variable without sympy; and input arrays converted to sympy (numbers
only: text is never sympified).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameValueError, did_you_mean
from ..numbers import to_fraction

__all__ = ["all_profiles"]


# One monomial: exponents per parameter (in parameter order) and an exact coefficient.
_Terms = tuple[tuple[tuple[int, ...], Fraction], ...]

def _cells(items: list, shape: tuple[int, ...]) -> np.ndarray:
    """An object array of the given items (np.array would unpack tuples and matrices)."""
    out = np.empty(len(items), dtype=object)
    for k, item in enumerate(items):
        out[k] = item
    return out.reshape(shape)


def _object_array(array: Any) -> np.ndarray:
    """Any nested sequence, numpy array or sympy matrix/array as a numpy object array."""
    if hasattr(array, "tolist") and not isinstance(array, np.ndarray):
        array = array.tolist()
    out = np.array(array, dtype=object)
    return out


def _sympify_entry(value: Any, symbols: Mapping[str, Any], player: str) -> Any:
    import sympy

    if isinstance(value, sympy.Basic):
        expr = value
    else:
        # Numbers only: never sympify text (it would evaluate code).
        expr = sympy.Rational(*_ratio(to_fraction(value, where=f"payoffs[{player}]")))
    replace = {}
    for s in expr.free_symbols:
        if s.name not in symbols:
            raise GameValueError(
                f"unknown parameter {s.name!r} in payoff {expr}",
                key=f"payoffs[{player}]",
                hint=did_you_mean(s.name, symbols) if symbols else "no parameters declared",
            )
        replace[s] = symbols[s.name]
    return expr.xreplace(replace)


def _ratio(value: Fraction) -> tuple[int, int]:
    return value.numerator, value.denominator


def _eval_terms(terms: _Terms, point: Sequence[Fraction]) -> Fraction:
    total = Fraction(0)
    for exponents, coeff in terms:
        term = coeff
        for v, e in zip(point, exponents, strict=False):
            if e:
                term *= v**e
        total += term
    return total


def _diff(terms: _Terms, index: int) -> _Terms:
    """The partial derivative of a polynomial given by its terms."""
    out = []
    for exponents, coeff in terms:
        e = exponents[index] if index < len(exponents) else 0
        if e:
            lowered = (*exponents[:index], e - 1, *exponents[index + 1 :])
            out.append((lowered, coeff * e))
    return tuple(out)


def _restrict(terms: _Terms, point: Sequence[Fraction], index: int) -> list[Fraction]:
    """The coefficients (constant first) of a polynomial in one variable, others fixed."""
    coeffs: dict[int, Fraction] = {}
    for exponents, coeff in terms:
        term = coeff
        for j, (v, e) in enumerate(zip(point, exponents, strict=False)):
            if e and j != index:
                term *= v**e
        e = exponents[index] if index < len(exponents) else 0
        coeffs[e] = coeffs.get(e, Fraction(0)) + term
    top = max(coeffs, default=-1)
    out = [coeffs.get(k, Fraction(0)) for k in range(top + 1)]
    while out and out[-1] == 0:
        out.pop()
    return out

def all_profiles(shape: Sequence[int]) -> list[tuple[int, ...]]:
    """Every pure profile of a game of the given shape, in lexicographic order."""
    return list(itertools.product(*(range(k) for k in shape)))
