"""Checking tree model files: TOML data to a :class:`TreeModel`, every problem with file and line.

Reuses the matrix loader's checker for the shared sections (``[game]``, ``[parameters]``) and
adds the tree's: ``[[players]]`` (names only), ``[tree]`` (``root``) and ``[[nodes]]``.
Structural checks (unknown targets, cycles, nodes reached twice or never, information sets
mixing players or actions, imperfect recall) and numeric ones (payoffs that cannot be evaluated,
chance probabilities that do not sum to 1 or are negative for some parameter value in range,
ranks that contradict payoffs) each name the node's key and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import GameError, did_you_mean
from ..extensive._build import build_order
from ._checker import _GAME_KEYS, _Checker
from .expression import _kind
from .tree_model import TreeAction, TreeModel, TreeNode, TreePlayer

__all__ = ["check_tree", "is_tree_data"]

_TOP_KEYS = ("game", "parameters", "players", "tree", "nodes")
_PLAYER_KEYS = ("name", "description")
_NODE_KEYS = {
    "decision": ("id", "player", "infoset", "description", "source", "actions"),
    "chance": ("id", "chance", "description", "source", "actions"),
    "terminal": ("id", "payoffs", "ranks", "why", "sources", "description", "source"),
}
_ACTION_KEYS = ("label", "to", "probability", "description", "source")


@dataclass
class _Stub:
    id: str
    actions: tuple[str, ...]
    children: tuple[str, ...]


def is_tree_data(data: Any) -> bool:
    """True for TOML data of a tree model (it has ``[[nodes]]``)."""
    return isinstance(data, dict) and "nodes" in data


def check_tree(data: dict[str, Any], text: str, file: str | None, name: str):
    """``(TreeModel or None, sorted errors)`` for the TOML data of a tree model file."""
    checker = _TreeChecker(text, file, name)
    model = checker.check_tree(data)
    return model, checker.sorted_errors()


class _TreeChecker(_Checker):
    def check_tree(self, data: dict[str, Any]) -> TreeModel | None:
        self.table(data, (), _TOP_KEYS)
        game = self.table(data.get("game", {}), ("game",), _GAME_KEYS)
        if "game" not in data:
            self.add("missing [game] table (with a title)")
        title = self.string(game, "title", ("game",), required="game" in data)
        parameters, declared = self.parameters(data.get("parameters", {}))
        players = self.tree_players(data.get("players"))
        tree = self.table(data.get("tree", {}), ("tree",), ("root",))
        nodes = self.nodes(data["nodes"], players, declared)
        if self.errors or players is None or not nodes:
            return None
        root = tree.get("root", nodes[0].id)
        if not isinstance(root, str) or root not in {n.id for n in nodes}:
            self.add(f"unknown root {root!r}", ("tree", "root"),
                     did_you_mean(str(root), [n.id for n in nodes]))
            return None
        index = {n.id: k for k, n in enumerate(nodes)}
        if not self.structure(nodes, root, index):
            return None
        nodes = self.infosets(nodes, index)
        if nodes is None:
            return None
        model = TreeModel(
            name=self.name, path=self.file, title=title,
            description=self.string(game, "description", ("game",)),
            source=self.string(game, "source", ("game",)),
            parameters=parameters, players=players, nodes=tuple(nodes), root=root,
        )
        self.tree_semantics(model, index)
        return None if self.errors else model

    def tree_players(self, value: Any) -> tuple[TreePlayer, ...] | None:
        if not isinstance(value, list) or not value:
            self.add("missing players: give one or more [[players]] tables", ("players",))
            return None
        out, seen = [], set()
        for i, spec in enumerate(value):
            spec = self.table(spec, ("players", i), _PLAYER_KEYS)
            name = spec.get("name")
            if not self.names(name, ("players", i, "name"), "player name"):
                return None
            if name in seen:
                self.add(f"duplicate player name {name!r}", ("players", i, "name"))
            seen.add(name)
            out.append(TreePlayer(name, self.string(spec, "description", ("players", i))))
        return tuple(out)

    def nodes(self, value: Any, players: Any, symbols: list[str]) -> list[TreeNode]:
        if not isinstance(value, list) or not value:
            self.add(f"expected [[nodes]] tables, got {_kind(value)}", ("nodes",))
            return []
        names = [p.name for p in players] if players else []
        out, seen = [], {}
        for k, spec in enumerate(value):
            path = ("nodes", k)
            if not isinstance(spec, dict):
                self.add(f"expected a table, got {_kind(spec)}", path)
                continue
            kind = ("chance" if spec.get("chance") is True else "decision" if "player" in spec
                    else "terminal" if "payoffs" in spec else None)
            if kind is None:
                self.add("a node needs 'player' (decision), 'chance = true' or 'payoffs' "
                         "(terminal)", path)
                continue
            self.table(spec, path, _NODE_KEYS[kind])
            node_id = spec.get("id")
            if not self.names(node_id, (*path, "id"), "node id"):
                continue
            if node_id in seen:
                self.add(f"duplicate node id {node_id!r} (also nodes[{seen[node_id]}])",
                         (*path, "id"))
                continue
            seen[node_id] = k
            texts = {key: self.string(spec, key, path) for key in ("description", "source")}
            if kind == "terminal":
                out.append(self.terminal(spec, path, node_id, names, symbols, texts))
                continue
            player = None
            if kind == "decision":
                player = spec["player"]
                if player not in names:
                    self.add(f"unknown player {player!r}", (*path, "player"),
                             did_you_mean(str(player), names))
            infoset = spec.get("infoset")
            if infoset is not None and not self.names(infoset, (*path, "infoset"), "infoset"):
                infoset = None
            actions = self.actions(spec.get("actions"), (*path, "actions"), kind, symbols)
            out.append(TreeNode(node_id, kind, player, infoset, actions, **texts))
        return out

    def actions(self, value: Any, path: tuple, kind: str, symbols: list[str]) -> tuple:
        if not isinstance(value, list) or not value:
            self.add("a decision or chance node needs [[nodes.actions]] (label, to)", path)
            return ()
        out, labels = [], set()
        for j, spec in enumerate(value):
            spec = self.table(spec, (*path, j), _ACTION_KEYS)
            label, to = spec.get("label"), spec.get("to")
            if not self.names(label, (*path, j, "label"), "action label"):
                continue
            if label in labels:
                self.add(f"repeated action label {label!r}", (*path, j, "label"))
            labels.add(label)
            if not isinstance(to, str):
                self.add("missing 'to' (the node this action leads to)", (*path, j))
                continue
            probability = None
            if kind == "chance":
                if "probability" not in spec:
                    self.add("a chance action needs a 'probability'", (*path, j))
                    continue
                probability = self.expression(spec["probability"], (*path, j, "probability"),
                                              symbols)
            elif "probability" in spec:
                self.add("'probability' belongs to chance nodes only", (*path, j, "probability"))
            out.append(TreeAction(label, to, probability, self.string(spec, "description",
                       (*path, j)), self.string(spec, "source", (*path, j))))
        return tuple(out)

    def terminal(self, spec, path, node_id, names, symbols, texts) -> TreeNode:
        pays = self.table(spec["payoffs"], (*path, "payoffs"), names, "player")
        for p in names:
            if p not in pays:
                self.add(f"no payoff for {p}", (*path, "payoffs"))
        payoffs = tuple(self.expression(pays.get(p, 0), (*path, "payoffs", p), symbols)
                        for p in names)
        tables = {}
        for part in ("ranks", "why", "sources"):
            tables[part] = self.table(spec.get(part, {}), (*path, part), names, "player")
        for p, rank in tables["ranks"].items():
            if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
                self.add(f"a rank is an integer >= 1 (higher = better), got {rank!r}",
                         (*path, "ranks", p))
        for part in ("why", "sources"):
            for p, t in tables[part].items():
                if not isinstance(t, str):
                    self.add(f"expected a string, got {_kind(t)}", (*path, part, p))
        return TreeNode(node_id, "terminal", payoffs=payoffs,  # type: ignore[arg-type]
                        ranks=dict(tables["ranks"]), why=dict(tables["why"]),
                        sources=dict(tables["sources"]), **texts)

    def structure(self, nodes: list[TreeNode], root: str, index: dict[str, int]) -> bool:
        stubs = [_Stub(n.id, tuple(a.label for a in n.actions), tuple(a.to for a in n.actions))
                 for n in nodes]
        try:
            build_order(stubs, root)
        except GameError as exc:
            node_id, _, action = (exc.key or "").partition(".")
            k = index.get(node_id)
            path: tuple = ("nodes",) if k is None else ("nodes", k)
            if k is not None and action:
                j = [a.label for a in nodes[k].actions].index(action)
                path = ("nodes", k, "actions", j, "to")
            elif k is not None and exc.message.startswith(("action", "cycle")):
                path = ("nodes", k, "actions")
            self.add(f"node {node_id!r}: {exc.message}", path, exc.hint)
            return False
        return True

    def infosets(self, nodes: list[TreeNode], index: dict[str, int]) -> list[TreeNode] | None:
        first: dict[str, TreeNode] = {}
        out = []
        for n in nodes:
            if n.kind != "decision":
                out.append(n)
                continue
            sid = n.infoset or n.id
            head = first.setdefault(sid, n)
            path = ("nodes", index[n.id], "infoset")
            if head.player != n.player:
                self.add(f"information set {sid!r} mixes players {head.player} (node "
                         f"{head.id!r}) and {n.player}", path)
            labels = [a.label for a in head.actions]
            if sorted(labels) != sorted(a.label for a in n.actions):
                self.add(f"information set {sid!r}: actions {[a.label for a in n.actions]} "
                         f"differ from {labels} at node {head.id!r}", path)
                continue
            # Same labels in another order: use the set's order.
            by_label = {a.label: a for a in n.actions}
            out.append(TreeNode(n.id, n.kind, n.player, n.infoset,
                                tuple(by_label[x] for x in labels), description=n.description,
                                source=n.source))
        return None if self.errors else out

    def tree_semantics(self, model: TreeModel, index: dict[str, int]) -> None:
        from ._tree_checks import probability_problems, rank_problems

        try:
            tree = model.game()
        except GameError as exc:
            node = (exc.key or "").split(" ")[0]
            self.add(f"{exc.message} (the default values)", _node_path(node, index))
            return
        problems = tree.recall_problems()
        for p in problems:
            sid = p.split("'")[1]
            node = tree.infoset(sid).nodes[-1]
            self.add(f"imperfect recall: {p} (the solvers need perfect recall)",
                     ("nodes", index[node], "infoset"))
        for k, j, message in probability_problems(model):
            self.add(message, ("nodes", k, "actions", j, "probability") if j is not None
                     else ("nodes", k, "actions"))
        for k, player, message in rank_problems(model, tree):
            self.add(message, ("nodes", k, "ranks", player))


def _node_path(key: str, index: dict[str, int]) -> tuple:
    if key.startswith("nodes["):
        return ("nodes", int(key[6:key.index("]")]))
    return ("nodes", index[key]) if key in index else ("nodes",)

