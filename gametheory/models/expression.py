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
from collections.abc import Collection
from decimal import Decimal
from fractions import Fraction

from ..errors import ModelError, closest
from ..numbers import MAX_DIGITS, format_fraction

# The language by concern: number literals (_literals), the tree and its evaluation
# (_expression_tree), the parser (here). The names other modules import stay importable here.
from ._expression_tree import (
    MAX_POWER_BITS,
    Expression,
    _Binary,
    _EvaluationError,
    _Number,
    _number_node,
    _Symbol,
    _Unary,
)
from ._literals import MAX_TEN_EXPONENT, _cut, _decimal_text, _literal  # noqa: F401

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

_ALLOWED = "only numbers, + - * / **, parentheses and declared parameters"

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
