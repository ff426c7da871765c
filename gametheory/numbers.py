"""Exact numbers: the number policy, conversion of user input to fractions and back to text.

The number policy
-----------------
Every reader (model files, ``.nfg`` files, ``--set``, ``--param``, grid bounds) and every
number a model's expression evaluates to obeys the same limits, stated here once:

- :data:`MAX_DIGITS`: the numerator and the denominator of an exact number have at most 1,000
  decimal digits (Python refuses to convert integers of more than 4,300 digits to text, and a
  few characters of input must not build numbers of millions of digits);
- :data:`MAX_EXPONENT`: a decimal exponent in a number's text (``1e-3``, ``2.5E+40``) lies
  between -1,000 and 1,000, checked *before* the number is built (``1e999999999`` is short);
- :data:`MAX_FILE_BYTES`: an input file has at most 10,000,000 bytes, counted while reading;
- :data:`MAX_GRID_POINTS`, :data:`MAX_RESOLUTION`, :data:`MAX_DECIMALS`: the largest request
  a command accepts (grid points of a sweep, cells per axis of a regime map, decimals shown).

Every exact number within the policy is written by gametheory in a form that it reads back
(``p/q``, or a decimal whose exponent is within :data:`MAX_EXPONENT`), so what the product
writes it can read. Results can have more digits than inputs (an equilibrium's denominators
grow with the determinant of the game); :func:`format_int` prints integers of any size.

Floating point is used only where an algorithm or a figure needs it. :func:`to_float` is the
one guarded conversion: a number outside the range of floats raises a
:class:`~gametheory.errors.GameValueError` saying what needed floats, never an
``OverflowError``.

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
from typing import Any

from .errors import GameValueError

__all__ = [
    "MAX_DECIMALS",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_FILE_BYTES",
    "MAX_GRID_POINTS",
    "MAX_RESOLUTION",
    "check_number",
    "digits",
    "format_decimal",
    "format_fraction",
    "format_int",
    "format_short",
    "to_float",
    "to_float_array",
    "to_fraction",
]

#: Most decimal digits in the numerator or the denominator of an exact number read or evaluated.
MAX_DIGITS = 1000
#: Largest absolute decimal exponent in a number's text (``1e1000``).
MAX_EXPONENT = 1000
#: Largest input file, in bytes.
MAX_FILE_BYTES = 10_000_000
#: Most points of a sweep's grid.
MAX_GRID_POINTS = 10_001
#: Most cells per axis of a regime map.
MAX_RESOLUTION = 400
#: Most decimals shown by ``--decimals``.
MAX_DECIMALS = 30

_LIMIT = 10**MAX_DIGITS
# Python's int-to-str limit is 4300 digits; 13,000 bits are fewer than 3,914 digits.
_SAFE_BITS = 13_000
_LOG10_2 = 0.30102999566398120

_NUMBER = re.compile(
    r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(\s*/\s*[+-]?\d+(\.\d*)?([eE][+-]?\d+)?)?\s*$"
)

_EXPONENT = re.compile(r"[eE]([+-]?\d+)")


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
        If the value is not a finite number, or is outside the number policy (see the
        module docstring: :data:`MAX_DIGITS`, :data:`MAX_EXPONENT`).

    Examples
    --------
    >>> to_fraction(3), to_fraction("2.5"), to_fraction(" 1 / 3 ")
    (Fraction(3, 1), Fraction(5, 2), Fraction(1, 3))
    >>> to_fraction("1e999999999")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: exponent too large in '1e999999999' (at most 1000)
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
        return check_number(value, where=where)
    if isinstance(value, numbers.Integral):
        return check_number(Fraction(int(value)), where=where)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise GameValueError(f"not a finite number: {value!r}", key=where)
        if abs(value.as_tuple().exponent) > MAX_EXPONENT + MAX_DIGITS:
            raise GameValueError(
                f"exponent too large in {str(value)!r} (at most {MAX_EXPONENT})", key=where
            )
        return check_number(Fraction(value), where=where)
    if isinstance(value, numbers.Rational):
        return check_number(Fraction(int(value.numerator), int(value.denominator)), where=where)
    if isinstance(value, numbers.Real):
        as_float = float(value)
        if not math.isfinite(as_float):
            raise GameValueError(f"not a finite number: {value!r}", key=where)
        # repr gives the shortest string that round-trips: 0.1 -> "0.1" -> 1/10.
        return Fraction(Decimal(repr(as_float)))
    if isinstance(value, str):
        if not _NUMBER.match(value):
            raise GameValueError(f"not a finite number: {_shown(value)}", key=where)
        # Decimal would expand "1e999999999" into a huge integer: bound the exponent.
        exponents = _EXPONENT.findall(value)
        if any(len(e.lstrip("+-")) > 6 or abs(int(e)) > MAX_EXPONENT for e in exponents):
            raise GameValueError(
                f"exponent too large in {_shown(value)} (at most {MAX_EXPONENT})", key=where
            )
        if len(value) > 2 * MAX_DIGITS + 40:
            raise GameValueError(
                f"number too long ({len(value)} characters; at most {MAX_DIGITS} digits "
                "in a numerator or denominator)",
                key=where,
            )
        text = value.replace(" ", "")
        num, _, den = text.partition("/")
        try:
            numerator = Fraction(Decimal(num))
            denominator = Fraction(Decimal(den)) if den else Fraction(1)
        except (InvalidOperation, ValueError) as exc:  # pragma: no cover - regex guards
            raise GameValueError(f"not a finite number: {value!r}", key=where) from exc
        if denominator == 0:
            raise GameValueError(f"division by zero in {_shown(value)}", key=where)
        return check_number(numerator / denominator, where=where)
    raise GameValueError(f"not a number: {value!r}", key=where)


def _shown(text: str) -> str:
    """A string for an error message, cut short if long."""
    return repr(text) if len(text) <= 40 else repr(text[:30] + "...") + f" ({len(text)} chars)"


def digits(n: int) -> int:
    """The number of decimal digits of an integer's absolute value, for integers of any size.

    Examples
    --------
    >>> digits(0), digits(-999), digits(10**5000)
    (1, 3, 5001)
    """
    n = abs(int(n))
    if n.bit_length() < _SAFE_BITS:
        return len(str(n))
    guess = int(n.bit_length() * _LOG10_2)
    # 10**(guess - 1) <= n < 10**(guess + 1); decide which.
    return guess + 1 if n >= 10**guess else guess


def check_number(
    value: Fraction, *, where: str | None = None, file: str | None = None,
    line: int | None = None,
) -> Fraction:
    """Return ``value`` if it is within :data:`MAX_DIGITS`, else raise.

    Raises
    ------
    GameValueError
        If the numerator or the denominator has more than :data:`MAX_DIGITS` digits.

    Examples
    --------
    >>> check_number(Fraction(1, 3))
    Fraction(1, 3)
    >>> check_number(Fraction(10**1000), where="payoffs.Row[0][0]")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: payoffs.Row[0][0]: number too large: 1001 digits (at most 1000 digits in a numerator or denominator)
    """  # noqa: E501
    if -_LIMIT < value.numerator < _LIMIT and value.denominator < _LIMIT:
        return value
    size = max(digits(value.numerator), digits(value.denominator))
    raise GameValueError(
        f"number too large: {size} digits (at most {MAX_DIGITS} digits in a numerator or "
        "denominator)",
        file=file, line=line, key=where,
    )


def format_int(n: int) -> str:
    """An integer in decimal, of any size (Python's ``str`` refuses more than 4,300 digits).

    Examples
    --------
    >>> format_int(-42)
    '-42'
    >>> text = format_int(7 * 10**5000 + 3)
    >>> len(text), text[:2], text[-2:]
    (5001, '70', '03')
    """
    n = int(n)
    if n < 0:
        return "-" + format_int(-n)
    if n.bit_length() < _SAFE_BITS:
        return str(n)
    half = digits(n) // 2
    high, low = divmod(n, 10**half)
    return format_int(high) + format_int(low).rjust(half, "0")


def to_float(value: object, *, where: str = "this computation") -> float:
    """An exact number as the nearest float, or a clear error if it is outside their range.

    The one guarded conversion to floating point: every code path that needs floats (the
    nashpy methods, linear programs, figures) converts through it. A number too small for a
    float becomes 0 (or -0); a number too large raises.

    Parameters
    ----------
    value : Fraction, int, float or sympy number
    where : str
        What needs floats, named in the error (for example ``"method 'lemke-howson'"``).

    Raises
    ------
    GameValueError
        If the number is beyond the largest float (about 1.8e308).

    Examples
    --------
    >>> to_float(Fraction(1, 4))
    0.25
    >>> to_float(Fraction(10**400), where="the figure")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: the figure needs floating-point numbers, and 1.0e400 is beyond their range (about 1.8e308); the exact commands still work
    """  # noqa: E501
    try:
        result = float(value)  # type: ignore[arg-type]
    except OverflowError:
        result = math.inf
    if math.isfinite(result):
        return result
    if isinstance(value, float):
        raise GameValueError(f"{where} met a non-finite number: {value!r}")
    raise GameValueError(
        f"{where} needs floating-point numbers, and {_magnitude(value)} is beyond their range "
        "(about 1.8e308); the exact commands still work"
    )


def to_float_array(values: Any, *, where: str = "this computation") -> Any:
    """An array of exact numbers as a float :class:`numpy.ndarray`, each through :func:`to_float`.

    Examples
    --------
    >>> to_float_array([[Fraction(1, 2), 3]]).tolist()
    [[0.5, 3.0]]
    """
    import numpy as np

    array = np.asarray(values, dtype=object)
    out = np.empty(array.shape, dtype=float)
    for index, item in np.ndenumerate(array):
        out[index] = to_float(item, where=where)
    return out


def _magnitude(value: object) -> str:
    """About how large a number is, for a message: ``1.0e400``."""
    try:
        x = Fraction(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "a number"
    sign = "-" if x < 0 else ""
    x = abs(x)
    if x == 0:
        return "0"
    exponent = digits(x.numerator) - digits(x.denominator)
    scaled = x / Fraction(10) ** exponent
    while scaled >= 10:
        scaled /= 10
        exponent += 1
    while scaled < 1:
        scaled *= 10
        exponent -= 1
    mantissa = f"{float(scaled):.1f}"
    if mantissa == "10.0":  # 9.96 rounds up
        mantissa, exponent = "1.0", exponent + 1
    return f"{sign}{mantissa}e{exponent}"


def format_short(value: Fraction, limit: int = 40) -> str:
    """A number for a message: exact (``p/q``) if short, else its magnitude (``about 1.0e400``).

    Examples
    --------
    >>> format_short(Fraction(-5, 2)), format_short(Fraction(10**400))
    ('-5/2', 'about 1.0e400')
    >>> format_short(Fraction(1, 10**400 + 1))
    'about 1.0e-400'
    """
    value = Fraction(value)
    if digits(value.numerator) + digits(value.denominator) <= limit:
        return format_fraction(value)
    return f"about {_magnitude(value)}"


def format_fraction(value: Fraction) -> str:
    """Format an exact number as ``"p/q"`` or ``"p"``.

    Examples
    --------
    >>> format_fraction(Fraction(-5, 2)), format_fraction(Fraction(4)), format_fraction(Fraction(0))
    ('-5/2', '4', '0')
    """
    value = Fraction(value)
    if value.denominator == 1:
        return format_int(value.numerator)
    return f"{format_int(value.numerator)}/{format_int(value.denominator)}"


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
    text = format_int(abs(scaled)).rjust(decimals + 1, "0")
    if decimals == 0:
        return sign + text
    return f"{sign}{text[:-decimals]}.{text[-decimals:]}"
