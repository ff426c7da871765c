"""The TOML syntax of a model file: bytes to data, or the one syntax error, located on its line.

:mod:`tomllib` reads the text, floats as exact :class:`~decimal.Decimal`; what it refuses
(bad UTF-8, invalid TOML, nesting too deep, a number past the number policy of
:mod:`gametheory.numbers`) becomes one :class:`~gametheory.errors.ModelError` naming the file and
the line. The line numbers of valid keys are :mod:`gametheory.models._toml_lines`.

Examples
--------
>>> data, text, error = read_toml('[game]\\ntitle = "x"\\n', "f.toml")
>>> data, error
({'game': {'title': 'x'}}, None)
>>> print(read_toml('[game]\\ntitle = \\n', "f.toml")[2])
f.toml:2: invalid TOML: Invalid value (column 9)
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from typing import Any

from ..errors import ModelError
from ..numbers import MAX_DIGITS, MAX_EXPONENT

__all__ = ["read_toml"]

_LONG_NUMBER = re.compile(f"[0-9_]{{{MAX_DIGITS + 1},}}")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def read_toml(raw: bytes | str, file: str | None) -> tuple[dict[str, Any], str, ModelError | None]:
    """``(data, text, None)`` for the text of a TOML file, or ``({}, text, error)``."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            return {}, "", ModelError("the file is not UTF-8 text", file=file, line=line)
    else:
        text = raw
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text, parse_float=_toml_float)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = None
        match = _TOML_POSITION.search(message)
        if match:
            message = message[: match.start()]
            if match.group(1):
                line = int(match.group(1))
                message += f" (column {match.group(2)})"
            else:
                line = text.count("\n") + 1
                message += " (at the end)"
        return {}, text, ModelError(f"invalid TOML: {message}", file=file, line=line)
    except RecursionError:
        return {}, text, ModelError("invalid TOML: arrays or tables nested too deeply", file=file)
    except _FloatOutOfRange as exc:
        at = text.find(exc.text)
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        return {}, text, ModelError(
            f"number {exc.text[:30]!r} is out of range (its exponent of ten must lie between "
            f"-{MAX_EXPONENT} and {MAX_EXPONENT})",
            file=file, line=line,
        )
    except ValueError:
        # tomllib converts integer literals with int(), which refuses more than 4300 digits.
        long = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        return {}, text, ModelError(
            f"number too long (at most {MAX_DIGITS} digits in a numerator or denominator)",
            file=file, line=line,
        )
    return data, text, None


class _FloatOutOfRange(ValueError):
    """A TOML float whose exponent Python's decimal module refuses (1e+99999999999999999999)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _toml_float(text: str) -> Decimal:
    """TOML floats as exact decimals; an exponent beyond decimal's own range is our error."""
    try:
        return Decimal(text)
    except ArithmeticError:  # decimal.InvalidOperation
        raise _FloatOutOfRange(text) from None
