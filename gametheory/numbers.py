"""Exact numbers: conversion of user input to :class:`fractions.Fraction` and back to text.

Payoffs given as integers, decimal strings ("0.25"), fraction strings ("1/3") or fractions are
kept exact. A float is converted through its shortest decimal representation, so ``0.1`` is
``1/10``, not the binary number nearest to it. Non-finite values and anything else raise
:class:`~gametheory.errors.GameValueError`.

Examples
--------
>>> to_fraction(0.1)
Fraction(1, 10)
>>> to_fraction("-5/2")
Fraction(-5, 2)
>>> format_fraction(to_fraction("0.50"))
'1/2'
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import GameValueError

__all__ = ["format_decimal", "format_fraction", "to_fraction"]

_NUMBER = re.compile(
    r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*[+-]?\d+(\.\d*)?([eE][+-]?\d+)?)?\s*$"
)

_EXPONENT = re.compile(r"[eE]([+-]?\d+)")
_MAX_EXPONENT = 100


def to_fraction(value: object, *, where: str | None = None) -> Fraction:
    """Convert a number or numeric string to an exact :class:`~fractions.Fraction`.

    Parameters
    ----------
    value : int, float, Fraction, Decimal, numpy scalar or str
        The number. Strings may be integers, decimals (``"2.5"``, ``"1e3"``) or fractions
        (``"1/3"``).
    where : str, optional
        Where the value came from, named in the error message.

    Returns
    -------
    Fraction

    Raises
    ------
    GameValueError
        If the value is not a finite number.

    Examples
    --------
    >>> to_fraction(3), to_fraction("2.5"), to_fraction(" 1 / 3 ")
    (Fraction(3, 1), Fraction(5, 2), Fraction(1, 3))
    >>> to_fraction("1e999999999")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: exponent too large in '1e999999999' (at most 100)
    >>> to_fraction("1/0")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: division by zero in '1/0'
    >>> to_fraction("inf")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: not a finite number: 'inf'
    """
    if isinstance(value, bool):
        raise GameValueError(f"not a number: {value!r}", key=where)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise GameValueError(f"not a finite number: {value!r}", key=where)
        return Fraction(value)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):
        as_float = float(value)
        if not math.isfinite(as_float):
            raise GameValueError(f"not a finite number: {value!r}", key=where)
        # repr gives the shortest string that round-trips: 0.1 -> "0.1" -> 1/10.
        return Fraction(Decimal(repr(as_float)))
    if isinstance(value, str):
        if not _NUMBER.match(value):
            raise GameValueError(f"not a finite number: {value!r}", key=where)
        # Decimal would expand "1e999999999" into a huge integer: bound the exponent.
        if any(abs(int(e)) > _MAX_EXPONENT for e in _EXPONENT.findall(value)):
            raise GameValueError(
                f"exponent too large in {value!r} (at most {_MAX_EXPONENT})", key=where
            )
        text = value.replace(" ", "")
        num, _, den = text.partition("/")
        try:
            numerator = Fraction(Decimal(num))
            denominator = Fraction(Decimal(den)) if den else Fraction(1)
        except (InvalidOperation, ValueError) as exc:  # pragma: no cover - regex guards
            raise GameValueError(f"not a finite number: {value!r}", key=where) from exc
        if denominator == 0:
            raise GameValueError(f"division by zero in {value!r}", key=where)
        return numerator / denominator
    raise GameValueError(f"not a number: {value!r}", key=where)


def format_fraction(value: Fraction) -> str:
    """Format an exact number as ``"p/q"`` or ``"p"``.

    Examples
    --------
    >>> format_fraction(Fraction(-5, 2)), format_fraction(Fraction(4)), format_fraction(Fraction(0))
    ('-5/2', '4', '0')
    """
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def format_decimal(value: Fraction, decimals: int) -> str:
    """Format an exact number with a fixed number of decimals, rounding half to even.

    The rounding is done exactly, so output never depends on floating-point noise.

    Examples
    --------
    >>> format_decimal(Fraction(1, 3), 4), format_decimal(Fraction(-1, 8), 2)
    ('0.3333', '-0.12')
    >>> format_decimal(Fraction(-1, 1000), 2)
    '0.00'
    """
    value = Fraction(value)
    scaled = round(value * 10**decimals)
    if scaled == 0:
        return "0" if decimals == 0 else "0." + "0" * decimals
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled)).rjust(decimals + 1, "0")
    if decimals == 0:
        return sign + digits
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"
