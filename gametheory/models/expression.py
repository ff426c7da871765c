"""Payoff expressions: a whitelisted arithmetic language over declared parameters.

A payoff in a model file is a number (``3``, ``-1``, ``2.5``, ``"1/3"``) or an arithmetic
expression in the model's parameters, such as ``"1 - c"`` or ``"(v - s) / 2"``. The language
is deliberately tiny:

- numbers written in decimal: ``3``, ``2.5``, ``.5``, ``1e-3``; a fraction such as ``1/3`` is
  simply a division;
- the operators ``+ - * / **``, unary ``-`` and ``+``, and parentheses;
- the names of declared parameters.

Nothing else is accepted: no function calls, attributes, subscripts, comparisons, strings,
lambdas or undeclared names. The text is parsed with :func:`ast.parse` (which only parses, it
runs nothing) and every node is checked against this whitelist before an
:class:`Expression` tree of our own is built; user text is never passed to ``eval``, ``exec``,
``sympify`` or ``parse_expr``.

Limits, so that a hostile file cannot exhaust time or memory:

- an exponent must be a constant integer between -64 and 64 (``c ** 2``, ``(1 + c) ** -1``),
  and a power whose result would exceed 10,000 bits is refused at evaluation time: repeated
  powering otherwise builds numbers of millions of digits from a few characters;
- the number policy of :mod:`gametheory.numbers` holds for every number: a literal's decimal
  exponent lies between -1,000 and 1,000 (``1e999999999`` would otherwise be expanded into an
  integer of a billion digits), and a literal, and the value an expression evaluates to, has
  at most 1,000 digits in its numerator and its denominator;
- an expression has at most 2,100 characters (also in its canonical form: room for a fraction
  of two numbers of 1,000 digits) and a nesting depth of at most 100.

Arithmetic is exact (:class:`fractions.Fraction`). Division by zero, and ``0`` raised to a
negative power, are reported at evaluation time with the parameter values that caused them.

Examples
--------
>>> from fractions import Fraction
>>> e = parse_expression("(1 - c)/2 + c**2", {"c", "v"})
>>> e.evaluate({"c": Fraction(1, 3)})
Fraction(4, 9)
>>> str(e), sorted(e.symbols)
('(1 - c) / 2 + c ** 2', ['c'])
>>> parse_expression("__import__('os')", {"c"}, where="payoffs.US[0][1]")
Traceback (most recent call last):
...
gametheory.errors.ModelError: payoffs.US[0][1]: function calls are not allowed in "__import__('os')" (only numbers, + - * / **, parentheses and declared parameters)
>>> parse_expression("1 - cc", {"c", "v"}, where="payoffs.US[0][1]")
Traceback (most recent call last):
...
gametheory.errors.ModelError: payoffs.US[0][1]: unknown name 'cc' in '1 - cc' (did you mean 'c'?)
"""  # noqa: E501

from __future__ import annotations

import ast
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..errors import ModelError, closest
from ..numbers import MAX_DIGITS, check_number, format_fraction, to_fraction
from ..numbers import MAX_EXPONENT as _POLICY_EXPONENT

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_POWER_BITS",
    "MAX_TEN_EXPONENT",
    "Expression",
    "parse_expression",
]

#: Longest expression text accepted, in characters (input and canonical form): a fraction of two
#: numbers of the number policy's MAX_DIGITS digits fits.
MAX_LENGTH = 2 * MAX_DIGITS + 100
#: Deepest nesting of operations accepted.
MAX_DEPTH = 100
#: Largest absolute value of an exponent in ``a ** n``.
MAX_EXPONENT = 64
#: Largest size, in bits, of the numerator or denominator of a power's result.
MAX_POWER_BITS = 10_000
#: Largest absolute decimal exponent of a number (in its shortest scientific form): the number
#: policy's MAX_EXPONENT (gametheory.numbers).
MAX_TEN_EXPONENT = _POLICY_EXPONENT

_ALLOWED = "only numbers, + - * / **, parentheses and declared parameters"
_LITERAL = re.compile(r"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

# Python's precedence levels, so that str() inserts exactly the parentheses needed to parse
# back to the same tree: + - (1) < * / (2) < unary (3) < ** (4) < atoms (5).
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
_UNARY_PRECEDENCE = 3
_ATOM_PRECEDENCE = 5

# Names of the rejected constructs, for messages that say what was found.
_FORBIDDEN = {
    ast.Call: "function calls",
    ast.Attribute: "attributes",
    ast.Subscript: "subscripts",
    ast.Compare: "comparisons",
    ast.BoolOp: "'and'/'or'",
    ast.Lambda: "lambdas",
    ast.IfExp: "conditional expressions",
    ast.NamedExpr: "assignments",
    ast.Starred: "starred expressions",
    ast.JoinedStr: "strings",
    ast.FormattedValue: "strings",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Set: "sets",
    ast.Dict: "dictionaries",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield'",
    ast.Slice: "slices",
}
_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_OPERATOR_NAMES = {
    ast.MatMult: "'@'",
    ast.Mod: "'%'",
    ast.FloorDiv: "'//'",
    ast.LShift: "'<<'",
    ast.RShift: "'>>'",
    ast.BitOr: "'|'",
    ast.BitXor: "'^'",
    ast.BitAnd: "'&'",
    ast.Invert: "'~'",
    ast.Not: "'not'",
}


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


class _Converter:
    """Checks an ``ast`` tree node by node and builds the :class:`Expression`."""

    def __init__(self, text: str, symbols: Collection[str], where: str) -> None:
        self.text = text
        self.symbols = symbols
        self.where = where

    def error(self, message: str, hint: str | None = None) -> ModelError:
        return ModelError(message, key=self.where or None, hint=hint)

    def forbidden(self, what: str) -> ModelError:
        return self.error(f"{what} are not allowed in {self.text!r} ({_ALLOWED})")

    def convert(self, node: ast.AST, depth: int) -> Expression:
        if depth > MAX_DEPTH:
            raise self.error(f"expression nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return _Unary("-", self.convert(node.operand, depth + 1))
            if isinstance(node.op, ast.UAdd):
                return _Unary("+", self.convert(node.operand, depth + 1))
            raise self.forbidden(_OPERATOR_NAMES.get(type(node.op), "this operator"))
        if isinstance(node, ast.BinOp):
            op = _OPERATORS.get(type(node.op))
            if op is None:
                what = _OPERATOR_NAMES.get(type(node.op), "this operator")
                raise self.error(
                    f"the operator {what} is not allowed in {self.text!r} ({_ALLOWED})"
                )
            left = self.convert(node.left, depth + 1)
            right = self.convert(node.right, depth + 1)
            if op == "**":
                return _Binary(op, left, right, self.exponent(right))
            return _Binary(op, left, right)
        for kind, what in _FORBIDDEN.items():
            if isinstance(node, kind):
                raise self.forbidden(what)
        raise self.forbidden(f"{type(node).__name__} nodes")

    def constant(self, node: ast.Constant) -> Expression:
        value = node.value
        if isinstance(value, str):
            raise self.forbidden("strings")
        if isinstance(value, bool) or value is None or value is Ellipsis:
            raise self.error(f"{value!r} is not a number in {self.text!r} ({_ALLOWED})")
        if isinstance(value, bytes):
            raise self.forbidden("byte strings")
        if isinstance(value, complex):
            raise self.error(f"complex numbers are not allowed in {self.text!r}")
        segment = ast.get_source_segment(self.text, node)
        return _Number(_literal(segment if segment is not None else repr(value), self.where))

    def name(self, name: str) -> Expression:
        if name in self.symbols:
            return _Symbol(name)
        declared = sorted(self.symbols)
        best = closest(name, declared)
        if best is not None:
            hint = f"did you mean {best!r}?"
        elif declared:
            hint = "declared parameters: " + ", ".join(declared)
        else:
            hint = f"no parameters are declared; declare it as [parameters.{name}]"
        raise self.error(f"unknown name {name!r} in {self.text!r}", hint)

    def exponent(self, node: Expression) -> int:
        if node.symbols:
            raise self.error(
                f"the exponent {str(node)!r} in {self.text!r} uses a parameter: exponents must "
                f"be constant integers between -{MAX_EXPONENT} and {MAX_EXPONENT}"
            )
        try:
            value = node._value({})
        except _EvaluationError as exc:
            raise self.error(f"{exc} in the exponent {str(node)!r} in {self.text!r}") from None
        if value.denominator != 1 or abs(value) > MAX_EXPONENT:
            raise self.error(
                f"the exponent {format_fraction(value)} in {self.text!r} is not allowed: "
                f"exponents must be integers between -{MAX_EXPONENT} and {MAX_EXPONENT}"
            )
        return int(value)


def parse_expression(
    text_or_number: str | int | Fraction | Decimal | float,
    symbols: Collection[str] = (),
    where: str = "",
) -> Expression:
    """Parse a payoff: a number, or an arithmetic expression in the declared parameters.

    Parameters
    ----------
    text_or_number : str, int, Fraction, Decimal or float
        The expression text (``"1 - c"``, ``"1/3"``, ``"2.5"``) or a number. A float is
        read through its shortest decimal form (``0.1`` is ``1/10``).
    symbols : collection of str
        The declared parameter names; any other name is an error.
    where : str, optional
        Where the text comes from (for example ``"payoffs.US[0][1]"``), used as the key of
        errors.

    Returns
    -------
    Expression

    Raises
    ------
    ModelError
        For a syntax error, a construct outside the whitelist, an undeclared name (with the
        closest declared name), an exponent that is not a constant integer between -64 and
        64, a number out of range, or a text too long or too deeply nested.

    Examples
    --------
    >>> parse_expression("1/3")
    Expression('1 / 3')
    >>> parse_expression(-2.5), parse_expression(7)
    (Expression('-2.5'), Expression('7'))
    >>> parse_expression("c ** 0.5", {"c"})
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: the exponent 1/2 in 'c ** 0.5' is not allowed: exponents must be integers between -64 and 64
    >>> parse_expression("1 +", where="payoffs.Row[0][0]")
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: payoffs.Row[0][0]: invalid expression '1 +': invalid syntax at the end
    """  # noqa: E501
    value = text_or_number
    if isinstance(value, bool):
        raise ModelError(f"{value!r} is not a number", key=where or None)
    if isinstance(value, int):
        return _number_node(Fraction(value))
    if isinstance(value, Fraction):
        return _number_node(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ModelError(f"not a finite number: {value!r}", key=where or None)
        value = repr(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ModelError(f"not a finite number: {value}", key=where or None)
        value = str(value)
    if not isinstance(value, str):
        raise ModelError(
            f"expected a number or an expression (a string), got {_kind(value)}",
            key=where or None,
        )
    text = value.strip()
    if not text:
        raise ModelError("empty expression", key=where or None)
    if len(text) > MAX_LENGTH:
        raise ModelError(
            f"expression too long ({len(text)} characters, at most {MAX_LENGTH})",
            key=where or None,
        )
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        message = (exc.msg or "invalid syntax").split(" (")[0]
        at = ""
        if exc.lineno == 1 and exc.offset is not None:
            at = f" at character {exc.offset}" if 0 < exc.offset <= len(text) else " at the end"
        raise ModelError(f"invalid expression {text!r}: {message}{at}", key=where or None) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        # Null bytes (ValueError in Python 3.11) or a parser overwhelmed by nesting.
        raise ModelError(f"invalid expression {text!r}: {exc}", key=where or None) from None
    expression = _Converter(text, symbols, where).convert(tree.body, 0)
    canonical = str(expression)
    if len(canonical) > MAX_LENGTH:
        raise ModelError(
            f"expression too long when written out ({len(canonical)} characters, "
            f"at most {MAX_LENGTH})",
            key=where or None,
        )
    return expression


def _kind(value: object) -> str:
    """A user-facing name for a TOML value's type."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__}"
