"""Number literals of the expression language: read exactly within the number policy, written back.

:func:`_literal` reads a decimal literal (``3``, ``2.5``, ``.5``, ``1e-3``) into an exact
fraction, checking its size (:mod:`gametheory.numbers`) before building it; :func:`_decimal_text`
writes a decimal fraction back, plain or scientific, so that it reads back to the same number.

Examples
--------
>>> _literal("2.50e1", "payoffs.A[0][0]"), _decimal_text(Fraction(1, 8)), _decimal_text(Fraction(10**20))
(Fraction(25, 1), '0.125', '1e20')
"""  # noqa: E501

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from ..errors import ModelError
from ..numbers import MAX_DIGITS
from ..numbers import MAX_EXPONENT as _POLICY_EXPONENT

__all__ = ["MAX_TEN_EXPONENT"]

#: Largest absolute decimal exponent of a number (in its shortest scientific form): the number
#: policy's MAX_EXPONENT (gametheory.numbers).
MAX_TEN_EXPONENT = _POLICY_EXPONENT

_LITERAL = re.compile(r"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _decimal_text(value: Fraction) -> str:
    """A non-negative decimal fraction in plain notation, or scientific when much shorter."""
    if value.denominator == 1:
        plain = str(value.numerator)
        mantissa, exponent = value.numerator, 0
    else:
        # The denominator is 2**a * 5**b: scale by 10**k, the smallest power that clears it.
        k = 0
        while (value * 10**k).denominator != 1:
            k += 1
        scaled = int(value * 10**k)
        digits = str(scaled).rjust(k + 1, "0")
        plain = f"{digits[:-k]}.{digits[-k:]}"
        mantissa, exponent = scaled, -k
    if mantissa == 0:
        return "0"
    while mantissa % 10 == 0:
        mantissa //= 10
        exponent += 1
    scientific = f"{mantissa}e{exponent}"
    # Plain decimals read best; scientific notation keeps tiny or huge numbers short.
    return plain if len(plain) <= max(len(scientific), 12) else scientific


def _literal(text: str, where: str) -> Fraction:
    """Convert a decimal literal, checking its size before building the exact number."""
    match = _LITERAL.fullmatch(text)
    if not match:
        raise ModelError(
            f"number {_cut(text)} is not written in decimal (use e.g. 3, 2.5, 1e-3, or 1/3)",
            key=where or None,
        )
    # Decimal itself refuses exponents past about 10**18: check the exponent's length first.
    if match.group(3) and len(match.group(3).lstrip("eE+-")) > 9:
        raise ModelError(
            f"number {_cut(text)} is out of range (its exponent of ten must lie between "
            f"-{MAX_TEN_EXPONENT} and {MAX_TEN_EXPONENT})",
            key=where or None,
        )
    _, digits, exponent = Decimal(text).as_tuple()
    digits = list(digits)
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    if not any(digits):
        return Fraction(0)
    if abs(exponent) > MAX_TEN_EXPONENT:
        raise ModelError(
            f"number {text!r} is out of range (its exponent of ten must lie between "
            f"-{MAX_TEN_EXPONENT} and {MAX_TEN_EXPONENT})",
            key=where or None,
        )
    if len(digits) + max(exponent, 0) > MAX_DIGITS or -exponent > MAX_DIGITS:
        raise ModelError(
            f"number {_cut(text)} is out of range (at most {MAX_DIGITS} digits in a numerator "
            "or denominator)",
            key=where or None,
        )
    mantissa = int("".join(map(str, digits)))
    return Fraction(mantissa * 10**exponent) if exponent >= 0 else Fraction(mantissa, 10**-exponent)


def _cut(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:30] + "...") + f" ({len(text)} chars)"
