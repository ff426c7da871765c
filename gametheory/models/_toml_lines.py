"""Line numbers of the keys of a TOML document, for error messages.

:mod:`tomllib` returns plain dictionaries without positions, so this scanner reads the text a
second time and records the line on which each key, table and array element is defined. Paths
are tuples of keys and array indexes: ``("payoffs", "US", 1, 2)`` is the third entry of the
second row of ``US`` under ``[payoffs]``; ``("players", 1, "strategies")`` is the ``strategies``
key of the second ``[[players]]`` table.

It is best effort: it is only run on text that :mod:`tomllib` accepted, it never raises, and a
path it did not record falls back to its closest recorded ancestor (:func:`line_of`).

Examples
--------
>>> lines = key_lines('[game]\\ntitle = "x"\\n[[players]]\\nname = "A"\\n[[players]]\\n'
...                   'strategies = [\\n  "a",\\n  "b",\\n]\\n')
>>> lines[("game", "title")], lines[("players", 1)], lines[("players", 1, "strategies", 1)]
(2, 5, 8)
>>> line_of(lines, ("players", 1, "strategies", 1, "id"))
8
>>> format_key(("payoffs", "Player 1", 0, 2))
'payoffs."Player 1"[0][2]'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

__all__ = ["Path", "format_key", "key_lines", "line_of"]

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_MAX_DEPTH = 64  # deeper values are skipped, not recorded (tomllib refuses ~ this deep anyway)


def format_key(path: Sequence[str | int]) -> str:
    """A path as a dotted key with array indexes, quoting keys that are not bare."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = part if _BARE.fullmatch(part) else '"' + part.replace('"', '\\"') + '"'
            out += ("." if out else "") + text
    return out


def line_of(lines: dict[Path, int], path: Sequence[str | int]) -> int | None:
    """The line of ``path``, or of its closest recorded ancestor; ``None`` if there is none."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def key_lines(text: str) -> dict[Path, int]:
    """Map every key, table and array element of a TOML document to its (1-based) line.

    The first definition of a path wins. Never raises.
    """
    return _Scanner(text).run()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.lines: dict[Path, int] = {}
        self.table: Path = ()
        # Resolved path of each array of tables -> how many tables it has so far.
        self.arrays: dict[Path, int] = {}

    # ------------------------------------------------------------------ helpers
    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def record(self, path: Path, pos: int) -> None:
        if path not in self.lines:
            self.lines[path] = self.line(pos)

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < self.n else ""

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces, tabs, comments and (if asked) newlines."""
        while self.pos < self.n:
            c = self.text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.pos += 1
            elif c == "#":
                end = self.text.find("\n", self.pos)
                self.pos = self.n if end < 0 else end
            else:
                return

    def skip_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = self.n if end < 0 else end + 1

    # ------------------------------------------------------------------ document
    def run(self) -> dict[Path, int]:
        while self.pos < self.n:
            start = self.pos
            self.skip_blank(newlines=True)
            if self.pos >= self.n:
                break
            if self.text.startswith("[[", self.pos):
                self.pos += 2
                self.header(array=True)
            elif self.peek() == "[":
                self.pos += 1
                self.header(array=False)
            else:
                self.key_value(self.table, 0)
            self.skip_line_end()
            if self.pos == start:  # never loop without progress, whatever the text
                self.pos += 1
        return self.lines

    def skip_line_end(self) -> None:
        self.skip_blank(newlines=False)
        if self.peek() == "\n":
            self.pos += 1
        elif self.pos < self.n:
            self.skip_line()

    def resolve(self, keys: Sequence[str]) -> Path:
        """A header's keys with the current index of every array of tables on the way."""
        path: Path = ()
        for key in keys:
            path += (key,)
            if path in self.arrays:
                path += (self.arrays[path] - 1,)
        return path

    def header(self, array: bool) -> None:
        at = self.pos
        keys = self.key_path()
        self.skip_blank(newlines=False)
        closing = "]]" if array else "]"
        if not self.text.startswith(closing, self.pos) or not keys:
            self.skip_line()
            return
        self.pos += len(closing)
        for k in range(1, len(keys)):  # [a.b.c] also defines a and a.b
            self.record(self.resolve(keys[:k]), at)
        if array:
            base = (*self.resolve(keys[:-1]), keys[-1])
            index = self.arrays.get(base, 0)
            self.arrays[base] = index + 1
            self.record(base, at)
            self.table = (*base, index)
        else:
            self.table = self.resolve(keys)
        self.record(self.table, at)

    def key_path(self) -> list[str]:
        keys: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            key = self.key()
            if key is None:
                return keys
            keys.append(key)
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return keys
            self.pos += 1

    def key(self) -> str | None:
        c = self.peek()
        if c == '"':
            return self.basic_string()
        if c == "'":
            return self.literal_string()
        match = _BARE.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = match.end()
        return match.group()

    def key_value(self, table: Path, depth: int) -> None:
        at = self.pos
        keys = self.key_path()
        self.skip_blank(newlines=False)
        if not keys or self.peek() != "=":
            self.skip_line()
            return
        self.pos += 1
        path = (*table, *keys)
        for k in range(len(table) + 1, len(path) + 1):
            self.record(path[:k], at)
        self.skip_blank(newlines=False)
        self.value(path, depth)

    # ------------------------------------------------------------------ values
    def value(self, path: Path, depth: int) -> None:
        self.record(path, self.pos)
        c = self.peek()
        if c == "[":
            self.pos += 1
            self.array(path, depth + 1)
        elif c == "{":
            self.pos += 1
            self.inline_table(path, depth + 1)
        elif c == '"':
            self.basic_string()
        elif c == "'":
            self.literal_string()
        else:
            while self.pos < self.n and self.text[self.pos] not in ",]}\n#":
                self.pos += 1

    def array(self, path: Path, depth: int) -> None:
        index = 0
        while self.pos < self.n:
            self.skip_blank(newlines=True)
            c = self.peek()
            if c == "]":
                self.pos += 1
                return
            if c == ",":
                index += 1
                self.pos += 1
                continue
            if c in "}" or c == "":
                return
            start = self.pos
            if depth > _MAX_DEPTH:
                self.skip_nested()
            else:
                self.value((*path, index), depth)
            if self.pos == start:
                self.pos += 1

    def inline_table(self, path: Path, depth: int) -> None:
        while self.pos < self.n:
            self.skip_blank(newlines=True)
            c = self.peek()
            if c == "}":
                self.pos += 1
                return
            if c == ",":
                self.pos += 1
                continue
            if c in "]" or c == "":
                return
            start = self.pos
            if depth > _MAX_DEPTH:
                self.skip_nested()
            else:
                self.key_value(path, depth)
            if self.pos == start:
                self.pos += 1

    def skip_nested(self) -> None:
        """Skip a value without recording anything in it (too deep to be worth it)."""
        level = 0
        while self.pos < self.n:
            c = self.text[self.pos]
            if c == '"':
                self.basic_string()
                continue
            if c == "'":
                self.literal_string()
                continue
            if c in "[{":
                level += 1
            elif c in "]}":
                if level == 0:
                    return
                level -= 1
                if level == 0:
                    self.pos += 1
                    return
            elif c == "," and level == 0:
                return
            self.pos += 1

    def basic_string(self) -> str:
        """Read a basic string (single or triple quoted) at pos; return its raw contents."""
        quote = '"""' if self.text.startswith('"""', self.pos) else '"'
        self.pos += len(quote)
        start = self.pos
        while self.pos < self.n:
            c = self.text[self.pos]
            if c == "\\":
                self.pos += 2
                continue
            if self.text.startswith(quote, self.pos):
                # A multi-line string may end with up to two extra quotes: """a"""".
                end = self.pos
                self.pos += len(quote)
                if len(quote) == 3:
                    while self.peek() == '"' and self.pos - end < 5:
                        self.pos += 1
                return _unescape(self.text[start:end])
            if c == "\n" and len(quote) == 1:
                return self.text[start : self.pos]
            self.pos += 1
        return self.text[start:]

    def literal_string(self) -> str:
        quote = "'''" if self.text.startswith("'''", self.pos) else "'"
        self.pos += len(quote)
        end = self.text.find(quote, self.pos)
        if len(quote) == 1:
            newline = self.text.find("\n", self.pos)
            if newline >= 0 and (end < 0 or newline < end):
                end = -1
        if end < 0:
            self.skip_line()
            return ""
        value = self.text[self.pos : end]
        self.pos = end + len(quote)
        while len(quote) == 3 and self.peek() == "'" and self.pos - end < 5:
            self.pos += 1
        return value


_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(raw: str) -> str:
    """Undo the escapes of a basic string (enough for keys; bad escapes are kept as written)."""
    if "\\" not in raw:
        return raw
    out = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c != "\\" or i + 1 >= len(raw):
            out.append(c)
            i += 1
            continue
        nxt = raw[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt in "uU":
            width = 4 if nxt == "u" else 8
            digits = raw[i + 2 : i + 2 + width]
            try:
                out.append(chr(int(digits, 16)))
                i += 2 + width
            except (ValueError, OverflowError):
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)
