"""Building trees: ordering nodes from the root (with the structural checks) and nested literals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import GameValueError, did_you_mean
from ._node import KINDS, InfoSet, Node

#: Nesting depth accepted by :func:`nested_nodes` (deeper trees: build from nodes).
_MAX_NESTING = 500


def build_order(nodes: Sequence[Any], root: str) -> list[Any]:
    """The nodes in preorder from ``root``; raise on duplicates, cycles, nodes reached twice,
    unknown children and nodes not reached from the root."""
    by_id: dict[str, Any] = {}
    for node in nodes:
        if node.id in by_id:
            raise GameValueError("duplicate node id", key=node.id)
        by_id[node.id] = node
    if root not in by_id:
        raise GameValueError(f"unknown root {root!r}", key="root", hint=did_you_mean(root, by_id))
    order = [by_id[root]]
    seen = {root}
    on_path = {root}
    stack = [(by_id[root], iter(zip(by_id[root].actions, by_id[root].children, strict=False)))]
    while stack:
        node, moves = stack[-1]
        step = next(moves, None)
        if step is None:
            stack.pop()
            on_path.discard(node.id)
            continue
        action, child = step
        if child not in by_id:
            raise GameValueError(
                f"action {action!r} leads to unknown node {child!r}", key=node.id,
                hint=did_you_mean(child, by_id),
            )
        if child in on_path:
            raise GameValueError(f"cycle: action {action!r} leads back to {child!r}", key=node.id)
        if child in seen:
            raise GameValueError(
                f"node {child!r} is reached twice (a tree gives each node one parent)",
                key=f"{node.id}.{action}",
            )
        seen.add(child)
        on_path.add(child)
        order.append(by_id[child])
        c = by_id[child]
        stack.append((c, iter(zip(c.actions, c.children, strict=False))))
    if len(order) != len(by_id):
        missing = next(n.id for n in nodes if n.id not in seen)
        raise GameValueError(f"node is not reached from the root {root!r}", key=missing)
    return order


def nested_nodes(tree: Any, node_type: Any) -> list[Any]:
    """Flatten a nested literal (see :meth:`Tree.from_nested`) into nodes, root first."""
    out: list[Any] = []
    todo = [(tree, "root", 0)]
    while todo:
        value, path, depth = todo.pop()
        if depth > _MAX_NESTING:
            raise GameValueError(f"nested deeper than {_MAX_NESTING}", key=path)
        if isinstance(value, Mapping):
            node_id = str(value.get("id", path))
            if "chance" in value:
                moves = value["chance"]
                ids = [_child_id(m, f"{node_id}.{a}") for a, (_, m) in moves.items()]
                out.append(node_type.chance(node_id, {
                    a: (p, c) for (a, (p, _)), c in zip(moves.items(), ids, strict=True)
                }, label=value.get("label", "")))
                todo.extend((m, f"{node_id}.{a}", depth + 1) for a, (_, m) in moves.items())
            elif "player" in value:
                moves = value["moves"]
                ids = [_child_id(m, f"{node_id}.{a}") for a, m in moves.items()]
                out.append(node_type.decision(
                    node_id, value["player"], dict(zip(moves, ids, strict=True)),
                    infoset=value.get("infoset"), label=value.get("label", ""),
                ))
                todo.extend((m, f"{node_id}.{a}", depth + 1) for a, m in moves.items())
            else:
                raise GameValueError("a node needs 'player' or 'chance'", key=path)
        elif isinstance(value, (list, tuple)):
            out.append(node_type.terminal(path, value))
        else:
            raise GameValueError(f"not a node: {value!r}", key=path)
    return out


def _child_id(value: Any, path: str) -> str:
    if isinstance(value, Mapping) and "id" in value:
        return str(value["id"])
    return path


def check_node(node: Node, players: tuple[str, ...]) -> None:
    if node.kind not in KINDS:
        raise GameValueError(f"unknown kind {node.kind!r}", key=node.id, hint=did_you_mean(
            node.kind, KINDS))
    if len(node.actions) != len(node.children):
        raise GameValueError("one child per action is needed", key=node.id)
    if len(set(node.actions)) != len(node.actions):
        raise GameValueError(f"repeated action label in {list(node.actions)}", key=node.id)
    if node.kind == "terminal":
        if node.children:
            raise GameValueError("a terminal node has no children", key=node.id)
        if len(node.payoffs) != len(players):
            raise GameValueError(
                f"expected {len(players)} payoffs (one per player), got {len(node.payoffs)}",
                key=node.id,
            )
        return
    if not node.children:
        raise GameValueError(f"a {node.kind} node needs at least one action", key=node.id)
    if node.kind == "decision" and node.player not in players:
        raise GameValueError(
            f"unknown player {node.player!r}", key=node.id,
            hint=did_you_mean(str(node.player), players),
        )
    if node.kind == "chance":
        if len(node.probabilities) != len(node.actions):
            raise GameValueError("one probability per action is needed", key=node.id)
        for a, p in zip(node.actions, node.probabilities, strict=True):
            if p < 0:
                raise GameValueError(f"negative probability {p} for {a!r}", key=node.id)
        if sum(node.probabilities) != 1:
            raise GameValueError(
                f"probabilities sum to {sum(node.probabilities)}, not 1", key=node.id
            )


def collect_infosets(nodes: Sequence[Node]) -> tuple[tuple[InfoSet, ...], tuple[int, ...]]:
    """The information sets in preorder of first node, and each node's set index (-1: none)."""
    members: dict[str, list[Node]] = {}
    for node in nodes:
        if node.kind == "decision":
            members.setdefault(node.infoset or node.id, []).append(node)
    sets = []
    index = {}
    for j, (sid, group) in enumerate(members.items()):
        head = group[0]
        for other in group[1:]:
            if other.player != head.player:
                raise GameValueError(
                    f"information set {sid!r} mixes players {head.player} "
                    f"(at {head.id!r}) and {other.player}",
                    key=other.id,
                )
            if other.actions != head.actions:
                raise GameValueError(
                    f"information set {sid!r}: actions {list(other.actions)} differ from "
                    f"{list(head.actions)} at {head.id!r}",
                    key=other.id,
                )
        sets.append(InfoSet(sid, head.player, head.actions, tuple(n.id for n in group)))
        index[sid] = j
    node_set = tuple(
        index[n.infoset or n.id] if n.kind == "decision" else -1 for n in nodes
    )
    return tuple(sets), node_set
