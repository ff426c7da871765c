"""A small, deterministic TOML writer for model files (the standard library only reads TOML).

Only what model files need: strings, integers, exact numbers, arrays and inline tables; the
layout of tables is chosen by :meth:`gametheory.models.Model.to_toml`.

Examples
--------
>>> from fractions import Fraction
>>> value(["a", 3, Fraction(5, 2), Fraction(1, 3), {"id": "x y"}, Decimal("1E+2")])
'["a", 3, 2.5, "1/3", { id = "x y" }, 1E+2]'
>>> key("Player 1"), key("US")
('"Player 1"', 'US')
>>> string('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from .expression import _decimal_text

__all__ = ["key", "number", "string", "text_block", "value"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _escape(char: str, multiline: bool) -> str:
    if char == "\\":
        return "\\\\"
    if char == '"':
        return '\\"'
    if char == "\n":
        return "\n" if multiline else "\\n"
    if char == "\t":
        return "\\t"
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return f"\\u{code:04X}"
    return char


def string(text: str) -> str:
    """A one-line TOML basic string."""
    return '"' + "".join(_escape(c, False) for c in text) + '"'


def text_block(text: str) -> str:
    """A TOML string for prose: multi-line if the text has line breaks, else one line."""
    if "\n" not in text:
        return string(text)
    # The newline right after the opening quotes is not part of the string.
    return '"""\n' + "".join(_escape(c, True) for c in text) + '"""'


def key(name: str) -> str:
    """A TOML key: bare if possible, else quoted."""
    return name if _BARE.fullmatch(name) else string(name)


def number(x: Fraction | int) -> str:
    """An exact number: a TOML integer or decimal, or a fraction string such as ``"1/3"``.

    Decimals are read back exactly because the loader parses TOML floats as decimals.
    """
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        text = _decimal_text(abs(x))
        if "." in text or "e" in text:  # a valid TOML float
            return ("-" if x < 0 else "") + text
    return string(format_fraction(x))


def value(v: Any) -> str:
    """Any supported value on one line."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, Fraction)):
        return number(v)
    if isinstance(v, Decimal):  # as tomllib reads floats for the loader
        if v.is_nan():
            return "nan"
        if v.is_infinite():
            return "-inf" if v < 0 else "inf"
        text = str(v)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(item) for item in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{key(k)} = {value(item)}" for k, item in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")
