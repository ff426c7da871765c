"""The tokens of Gambit's ``.nfg`` and ``.efg`` files (private): strings, numbers, braces and
commas, each with its line, and the exact value of a number token (within the number policy
of :mod:`gametheory.numbers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import GameValueError
from ..numbers import MAX_DIGITS, MAX_EXPONENT, check_number

__all__: list[str] = []


# A number token longer than this cannot be within the number policy (two numbers of
# MAX_DIGITS digits, a sign, a point and an exponent).
_MAX_TOKEN = 2 * MAX_DIGITS + 16

_SCAN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<text>"(?:[^"\\]|\\.)*")
    | (?P<lbrace>\{)
    | (?P<rbrace>\})
    | (?P<comma>,)
    | (?P<word>[^\s{},"]+)
    """,
    re.VERBOSE | re.DOTALL,
)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_RATIO = re.compile(r"([+-]?[0-9]+)/([0-9]+)")
_COUNT = re.compile(r"[0-9]+")
_ESCAPE = re.compile(r"\\([\\\"])")


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "text", "symbol", "{", "}", ",", "end"
    value: str
    line: int

    def describe(self) -> str:
        if self.kind == "end":
            return "end of file"
        if self.kind == "text":
            shown = self.value if len(self.value) <= 30 else self.value[:27] + "..."
            return f"the string {shown!r}"
        if self.kind in ("{", "}", ","):
            return repr(self.kind)
        shown = self.value if len(self.value) <= 30 else self.value[:27] + "..."
        return f"{self.kind} {shown!r}"


def _tokens(text: str, file: str) -> list[_Token]:
    """Split the text into tokens, each with the line it starts on."""
    tokens: list[_Token] = []
    line, pos = 1, 0
    while pos < len(text):
        match = _SCAN.match(text, pos)
        if match is None:
            # The only character no alternative matches is a quote that is never closed.
            raise GameValueError("unterminated string (missing closing '\"')", file=file, line=line)
        kind, raw = match.lastgroup, match.group()
        if kind == "text":
            tokens.append(_Token("text", _ESCAPE.sub(r"\1", raw[1:-1]), line))
        elif kind == "word":
            number = raw[0].isdigit() or raw[0] in "+-."
            tokens.append(_Token("number" if number else "symbol", raw, line))
        elif kind != "space":
            tokens.append(_Token(raw, raw, line))
        line += raw.count("\n")
        pos = match.end()
    tokens.append(_Token("end", "", line))
    return tokens


def _number(token: _Token, file: str) -> Fraction:
    """The exact value of a number token."""
    text = token.value
    shown = repr(text) if len(text) <= 30 else repr(text[:27] + "...")
    if len(text) > _MAX_TOKEN or any(len(part) > MAX_DIGITS + 2 for part in text.split("/")):
        raise GameValueError(
            f"number too long ({len(text)} characters; at most {MAX_DIGITS} digits in a "
            "numerator or denominator)",
            file=file,
            line=token.line,
        )
    ratio = _RATIO.fullmatch(text)
    if ratio:
        if int(ratio.group(2)) == 0:
            raise GameValueError(f"division by zero in {shown}", file=file, line=token.line)
        value = Fraction(int(ratio.group(1)), int(ratio.group(2)))
        return check_number(value, file=file, line=token.line)
    decimal = _DECIMAL.fullmatch(text)
    if decimal is None:
        raise GameValueError(f"not a number: {shown}", file=file, line=token.line)
    exponent = decimal.group(1)
    if exponent is not None and (len(exponent) > 8 or abs(int(exponent)) > MAX_EXPONENT):
        raise GameValueError(
            f"exponent too large in {shown} (at most {MAX_EXPONENT})", file=file, line=token.line
        )
    return check_number(Fraction(Decimal(text)), file=file, line=token.line)
