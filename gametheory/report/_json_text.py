"""JSON as the reports write it (private): two-space indents, with small flat lists and objects
kept on one line, so that a payoff table or a profile reads as one line.
"""

from __future__ import annotations

from typing import Any

__all__: list[str] = []


def _json(data: Any) -> str:
    """JSON with two-space indents; small flat lists and objects are kept on one line."""
    import json  # only for --format json

    def lists(value: Any) -> int:
        """How deeply lists nest in a value without objects (-1 if it holds an object)."""
        if isinstance(value, dict):
            return -1
        if isinstance(value, list):
            inner = [lists(v) for v in value] or [0]
            return -1 if min(inner) < 0 else 1 + max(inner)
        return 0

    def flat(value: Any) -> bool:
        if isinstance(value, dict):
            return all(0 <= lists(v) <= 2 for v in value.values())
        return 0 <= lists(value) <= 2

    def dump(value: Any, indent: str) -> str:
        one_line = json.dumps(value, ensure_ascii=False)
        if flat(value) and len(indent) + len(one_line) <= 80:
            return one_line
        inner = indent + "  "
        if isinstance(value, dict) and value:
            items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {dump(v, inner)}"
                     for k, v in value.items()]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        if isinstance(value, list) and value:
            items = [inner + dump(v, inner) for v in value]
            return "[\n" + ",\n".join(items) + "\n" + indent + "]"
        return one_line

    return dump(data, "") + "\n"
