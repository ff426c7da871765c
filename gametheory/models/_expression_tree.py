"""The expression tree: :class:`Expression` and its nodes, evaluated exactly, written back as text.

Trees are built by :func:`~gametheory.models.expression.parse_expression` (the whitelisted
parser) or, for a number, by :func:`_number_node`. A tree evaluates to an exact
:class:`~fractions.Fraction` (a power whose result would exceed :data:`MAX_POWER_BITS` bits is
refused), converts to sympy, and writes itself with exactly the parentheses needed to parse
back to the same tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import ModelError
from ..numbers import check_number, format_fraction, to_fraction
from ._literals import _cut, _decimal_text

__all__ = ["MAX_POWER_BITS", "Expression"]

#: Largest size, in bits, of the numerator or denominator of a power's result.
MAX_POWER_BITS = 10_000

# Python's precedence levels, so that str() inserts exactly the parentheses needed to parse
# back to the same tree: + - (1) < * / (2) < unary (3) < ** (4) < atoms (5).
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
_UNARY_PRECEDENCE = 3
_ATOM_PRECEDENCE = 5


class _EvaluationError(Exception):
    """Raised inside evaluation; turned into a ModelError naming the parameter values."""


class Expression:
    """An immutable arithmetic expression over named parameters, evaluated exactly.

    Build expressions with :func:`parse_expression`. Two expressions are equal when their
    trees are equal (``1 + c`` and ``c + 1`` are different expressions with equal values).

    Attributes
    ----------
    symbols : frozenset of str
        The parameter names the expression uses.

    Examples
    --------
    >>> from gametheory.models import parse_expression
    >>> from fractions import Fraction
    >>> e = parse_expression("-2 * c + 1/4", {"c"})
    >>> e.evaluate({"c": Fraction(1)}), e.symbols
    (Fraction(-7, 4), frozenset({'c'}))
    >>> e == parse_expression(str(e), {"c"})
    True
    """

    __slots__ = ()
    symbols: frozenset[str]

    def evaluate(self, values: Mapping[str, Fraction]) -> Fraction:
        """The exact value of the expression for the given parameter values.

        Parameters
        ----------
        values : mapping of str to Fraction
            A value for (at least) every name in :attr:`symbols`. Other exact numbers (int,
            decimal strings) are converted to fractions, floats through their shortest
            decimal form.

        Returns
        -------
        Fraction

        Raises
        ------
        ModelError
            On a division by zero, ``0`` raised to a negative power, a power too large to
            compute, or a missing value; the message gives the parameter values.

        Examples
        --------
        >>> from gametheory.models import parse_expression
        >>> from fractions import Fraction
        >>> parse_expression("1 / (c - 1)", {"c"}).evaluate({"c": Fraction(1)})
        Traceback (most recent call last):
        ...
        gametheory.errors.ModelError: division by zero in '1 / (c - 1)' at c = 1
        """
        # Exactness: an int or float value must not turn "/" into float division.
        values = {
            name: value if type(value) is Fraction else to_fraction(value, where=name)
            for name, value in values.items()
            if name in self.symbols
        }
        try:
            result = self._value(values)
            try:
                return check_number(result)
            except ValueError as exc:
                raise _EvaluationError(getattr(exc, "message", str(exc))) from None
        except _EvaluationError as exc:
            at = ", ".join(
                f"{name} = {_cut(format_fraction(Fraction(values[name])))[1:-1]}"
                for name in sorted(self.symbols)
                if name in values
            )
            text = _cut(str(self))
            raise ModelError(f"{exc} in {text}" + (f" at {at}" if at else "")) from None

    def to_sympy(self) -> Any:
        """The expression as a sympy expression, parameters as real ``sympy.Symbol``.

        sympy is imported here, not when gametheory is imported.

        Examples
        --------
        >>> from gametheory.models import parse_expression
        >>> parse_expression("(1 - c) / 2", {"c"}).to_sympy()
        1/2 - c/2
        """
        import sympy

        return self._sympy(sympy, {})

    def __str__(self) -> str:
        return self._text()

    def __repr__(self) -> str:
        return f"Expression({self._text()!r})"

    # Implemented by the node classes below.
    def _value(self, values: Mapping[str, Fraction]) -> Fraction:
        raise NotImplementedError

    def _sympy(self, sympy: Any, cache: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _text(self) -> str:
        raise NotImplementedError

    @property
    def _precedence(self) -> int:
        return _ATOM_PRECEDENCE


@dataclass(frozen=True, slots=True, repr=False)
class _Number(Expression):
    """A non-negative number as written in decimal (a decimal fraction)."""

    value: Fraction
    symbols: frozenset[str] = field(default=frozenset(), init=False, compare=False)

    def _value(self, values: Mapping[str, Fraction]) -> Fraction:
        return self.value

    def _sympy(self, sympy: Any, cache: dict[str, Any]) -> Any:
        return sympy.Rational(self.value.numerator, self.value.denominator)

    def _text(self) -> str:
        return _decimal_text(self.value)


@dataclass(frozen=True, slots=True, repr=False)
class _Symbol(Expression):
    name: str
    symbols: frozenset[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", frozenset((self.name,)))

    def _value(self, values: Mapping[str, Fraction]) -> Fraction:
        try:
            return values[self.name]
        except KeyError:
            raise _EvaluationError(f"no value for parameter {self.name!r}") from None

    def _sympy(self, sympy: Any, cache: dict[str, Any]) -> Any:
        if self.name not in cache:
            cache[self.name] = sympy.Symbol(self.name, real=True)
        return cache[self.name]

    def _text(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True, repr=False)
class _Unary(Expression):
    op: str  # "-" or "+"
    operand: Expression
    symbols: frozenset[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", self.operand.symbols)

    def _value(self, values: Mapping[str, Fraction]) -> Fraction:
        value = self.operand._value(values)
        return -value if self.op == "-" else value

    def _sympy(self, sympy: Any, cache: dict[str, Any]) -> Any:
        value = self.operand._sympy(sympy, cache)
        return -value if self.op == "-" else value

    def _text(self) -> str:
        inner = self.operand._text()
        # "--a" parses, but "-(-a)" reads better; operands below unary level need parentheses.
        if isinstance(self.operand, _Unary) or self.operand._precedence < _UNARY_PRECEDENCE:
            inner = f"({inner})"
        return self.op + inner

    @property
    def _precedence(self) -> int:
        return _UNARY_PRECEDENCE


@dataclass(frozen=True, slots=True, repr=False)
class _Binary(Expression):
    op: str  # one of + - * / **
    left: Expression
    right: Expression
    symbols: frozenset[str] = field(init=False, compare=False)
    # For "**" only: the exponent, a constant integer checked when parsing.
    exponent: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", self.left.symbols | self.right.symbols)

    def _value(self, values: Mapping[str, Fraction]) -> Fraction:
        a = self.left._value(values)
        op = self.op
        if op == "**":
            return _power(a, self.exponent)
        b = self.right._value(values)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if b == 0:
            raise _EvaluationError("division by zero")
        return a / b

    def _sympy(self, sympy: Any, cache: dict[str, Any]) -> Any:
        a = self.left._sympy(sympy, cache)
        if self.op == "**":
            return a ** sympy.Integer(self.exponent)
        b = self.right._sympy(sympy, cache)
        if self.op == "+":
            return a + b
        if self.op == "-":
            return a - b
        if self.op == "*":
            return a * b
        return a / b

    def _text(self) -> str:
        mine = _PRECEDENCE[self.op]
        left, right = self.left._text(), self.right._text()
        if self.op == "**":
            # Right-associative; a unary base needs parentheses ("-2 ** 2" is -(2 ** 2)),
            # a unary exponent does not ("2 ** -1").
            if self.left._precedence <= mine:
                left = f"({left})"
            if self.right._precedence < _UNARY_PRECEDENCE:
                right = f"({right})"
            return f"{left} ** {right}"
        # Left-associative: the right operand at the same level needs parentheses.
        if self.left._precedence < mine:
            left = f"({left})"
        if self.right._precedence <= mine:
            right = f"({right})"
        return f"{left} {self.op} {right}"

    @property
    def _precedence(self) -> int:
        return _PRECEDENCE[self.op]


def _power(base: Fraction, exponent: int) -> Fraction:
    if base == 0 and exponent < 0:
        raise _EvaluationError(f"0 raised to the negative power {exponent}")
    bits = max(base.numerator.bit_length(), base.denominator.bit_length()) * abs(exponent)
    if bits > MAX_POWER_BITS:
        raise _EvaluationError(f"power too large to compute (about {bits} bits)")
    return base**exponent


def _number_node(value: Fraction) -> Expression:
    """The tree of a number: a decimal if it is a short one (``-2.5``), else ``p / q``.

    It is the tree that parsing the number's text (``"-2.5"``, ``"1/3"``) gives.
    """
    magnitude = abs(value)
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1 and len(_decimal_text(magnitude)) <= 20:
        node: Expression = _Number(magnitude)
        return _Unary("-", node) if value < 0 else node
    node = _Number(Fraction(abs(value.numerator)))
    if value.numerator < 0:
        node = _Unary("-", node)
    if value.denominator != 1:
        node = _Binary("/", node, _Number(Fraction(value.denominator)))
    return node
