"""Read and write Gambit's extensive-form ``.efg`` files (version 2), with exact numbers.

The format (Gambit manual, "The extensive game (.efg) file format") opens with a prologue::

    EFG 2 R "title" { "Player 1" "Player 2" } "optional comment"

and then lists the nodes in preorder (a node, then the subtrees of its actions in order), one
per line by convention:

- ``c "name" INFOSET "infoset name" { "action" PROB ... } OUTCOME`` a chance node;
- ``p "name" PLAYER INFOSET "infoset name" { "action" ... } OUTCOME`` a decision node of the
  player numbered ``PLAYER`` (from 1);
- ``t "name" OUTCOME`` a terminal node.

``OUTCOME`` is a number, 0 for none; the first time an outcome appears it is followed by its
name and payoffs, ``1 "Win" { 2, -2 }`` (commas optional); later references may repeat them or
not. Outcomes may sit on any node: a terminal's payoff is the sum of the outcomes on its path.
An information set is numbered per player; its name and action list may be omitted after its
first node.

Conventions of this module
--------------------------
- Node ids: a node's name when it is non-empty and not taken by an earlier node, else ``n<k>``
  with ``k`` the node's position in preorder (from 1). A terminal's label is its outcome's name;
  other nodes get no label (the format has no place for one, so :func:`write_efg` drops them).
- Information set ids: the set's name when non-empty and not used by another set; else, for a
  singleton, the id of its node (the :class:`~gametheory.extensive.tree.Tree` default), and
  otherwise ``"<player>:<number>"``.
- Action labels repeated at a node (Gambit allows them) get their position appended to the
  later ones: ``"1/2"``, ``"1/2_2"``.
- Chance information sets are not kept (each chance node has its own probabilities); a chance
  set whose nodes disagree on actions or probabilities is an error.
- :func:`write_efg` writes node ids as node names, information set ids as their names, one
  outcome per terminal (named by the node's label) and no outcome elsewhere, so a tree written
  and read back is equal to the original.
- Every malformed input raises :class:`~gametheory.errors.GameValueError` naming file and line.

Examples
--------
>>> text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
... p "" 1 1 "" { "out" "in" } 0
... t "" 1 "" { 0, 2 }
... p "" 2 1 "" { "fight" "accommodate" } 0
... t "" 2 "" { -1, -1 }
... t "" 3 "" { 1, 1 }
... '''
>>> tree = parse_efg(text)
>>> [n.id for n in tree.nodes], tree.terminals[2].payoffs
(['n1', 'n2', 'n3', 'n4', 'n5'], (Fraction(1, 1), Fraction(1, 1)))
>>> parse_efg(write_efg(tree)) == tree
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fractions import Fraction

from ..errors import GameError, GameValueError
from ..extensive.tree import Node, Tree
from ..numbers import format_fraction
from .nfg import _number, _Token, _tokens

__all__ = ["parse_efg", "read_efg", "write_efg"]


@dataclass
class _Raw:
    kind: str
    name: str
    line: int
    player: int = 0
    infoset: int = 0
    actions: list[str] = field(default_factory=list)
    probabilities: list[Fraction] = field(default_factory=list)
    outcome: tuple[Fraction, ...] | None = None
    outcome_name: str = ""
    children: list[_Raw] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.tokens = _tokens(text, file)
        self.pos = 0
        self.outcomes: dict[int, tuple[Fraction, ...]] = {0: ()}
        self.outcome_names: dict[int, str] = {0: ""}
        self.infosets: dict[tuple[int, int], tuple[str, list[str], list[Fraction]]] = {}

    def error(self, message: str, token: _Token | None = None) -> GameValueError:
        token = token if token is not None else self.tokens[self.pos]
        return GameValueError(message, file=self.file, line=token.line)

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        if token.kind != "end":
            self.pos += 1
        return token

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def expect(self, kind: str, what: str) -> _Token:
        token = self.take()
        if token.kind != kind:
            raise self.error(f"expected {what}, found {token.describe()}", token)
        return token

    def count(self, what: str) -> int:
        token = self.expect("number", what)
        if not token.value.isdigit():
            raise self.error(f"expected {what} (a whole number), found {token.value!r}", token)
        return int(token.value)

    def header(self) -> tuple[str, list[str]]:
        token = self.take()
        if token.kind != "symbol" or token.value != "EFG":
            hint = " (a strategic-form .nfg file?)" if token.value == "NFG" else ""
            raise self.error(
                f"not an extensive-form game file: expected 'EFG', found {token.describe()}{hint}",
                token,
            )
        token = self.take()
        if token.value != "2":
            raise self.error(f"unsupported EFG version {token.describe()}: expected 2", token)
        token = self.take()
        if token.value != "R":
            raise self.error(f"expected 'R' (rational numbers), found {token.describe()}", token)
        title = self.expect("text", "the title (a quoted string)").value
        self.expect("{", "'{' before the player names")
        players = []
        while self.peek().kind == "text":
            players.append(self.take().value)
        self.expect("}", "'}' after the player names")
        if self.peek().kind == "text":
            self.take()  # the comment
        if not players:
            raise self.error("no players")
        return title, players

    def outcome(self, n_players: int) -> tuple[tuple[Fraction, ...], str]:
        token = self.peek()
        number = self.count("an outcome number")
        if self.peek().kind == "text":
            self.outcome_names[number] = self.take().value
            self.expect("{", "'{' before the outcome's payoffs")
            values = []
            while self.peek().kind != "}":
                item = self.take()
                if item.kind == ",":
                    continue
                if item.kind != "number":
                    raise self.error(f"expected a payoff, found {item.describe()}", item)
                values.append(_number(item, self.file))
            self.take()
            if len(values) != n_players:
                raise self.error(
                    f"outcome {number} has {len(values)} payoffs for {n_players} players", token
                )
            if number and self.outcomes.get(number, tuple(values)) != tuple(values):
                raise self.error(f"outcome {number} is given two different payoffs", token)
            self.outcomes[number] = tuple(values)
        if number not in self.outcomes:
            raise self.error(f"outcome {number} is used before its payoffs are given", token)
        return self.outcomes[number], self.outcome_names.get(number, "")

    def infoset(self, raw: _Raw, chance: bool) -> None:
        key = (raw.player, raw.infoset)
        name, actions, probabilities = "", [], []
        given = False
        if self.peek().kind == "text":
            name = self.take().value
            if self.peek().kind == "{":
                self.take()
                given = True
                while self.peek().kind != "}":
                    actions.append(self.expect("text", "an action label").value)
                    if chance:
                        if self.peek().kind == ",":
                            self.take()
                        probabilities.append(_number(self.expect("number", "a probability"),
                                                     self.file))
                        if self.peek().kind == ",":
                            self.take()
                self.take()
        if key in self.infosets:
            known = self.infosets[key]
            if given and (_distinct(actions) != known[1] or probabilities != known[2]):
                what = "actions or probabilities" if chance else "actions"
                raise self.error(f"information set {raw.infoset} is given different {what}")
            raw.actions, raw.probabilities = list(known[1]), list(known[2])
            if name and not known[0]:
                self.infosets[key] = (name, known[1], known[2])
        else:
            if not given:
                raise self.error(f"information set {raw.infoset} has no action list")
            if not actions:
                raise self.error(f"information set {raw.infoset} has no actions")
            actions = _distinct(actions)
            self.infosets[key] = (name, actions, probabilities)
            raw.actions, raw.probabilities = actions, probabilities

    def node(self, n_players: int) -> _Raw:
        token = self.take()
        if token.kind != "symbol" or token.value not in ("c", "p", "t"):
            raise self.error(
                f"expected a node ('c', 'p' or 't'), found {token.describe()}", token
            )
        raw = _Raw(token.value, self.expect("text", "the node's name").value, token.line)
        if raw.kind == "p":
            raw.player = self.count("a player number")
            if not 1 <= raw.player <= n_players:
                raise self.error(f"no player number {raw.player} (1 to {n_players})", token)
        if raw.kind != "t":
            raw.infoset = self.count("an information set number")
            self.infoset(raw, chance=raw.kind == "c")
        raw.outcome, raw.outcome_name = self.outcome(n_players)
        return raw

    def tree(self) -> Tree:
        title, players = self.header()
        n = len(players)
        root = self.node(n)
        stack = [root]
        order = [root]
        while stack:
            top = stack[-1]
            if len(top.children) == len(top.actions):
                stack.pop()
                continue
            if self.peek().kind == "end":
                raise self.error(f"the tree ends early: node on line {top.line} lacks children")
            child = self.node(n)
            top.children.append(child)
            order.append(child)
            if child.actions:
                stack.append(child)
        if self.peek().kind != "end":
            raise self.error(f"unexpected {self.peek().describe()} after the last node")
        return self.build(title, players, root, order)

    def build(self, title: str, players: list[str], root: _Raw, order: list[_Raw]) -> Tree:
        ids: dict[int, str] = {}
        taken: set[str] = set()
        for k, raw in enumerate(order, start=1):
            name = raw.name if raw.name and raw.name not in taken else f"n{k}"
            while name in taken:
                name += "'"
            taken.add(name)
            ids[id(raw)] = name
        members: dict[tuple[int, int], list[_Raw]] = {}
        for raw in order:
            if raw.kind == "p":
                members.setdefault((raw.player, raw.infoset), []).append(raw)
        names = [self.infosets[key][0] for key in members]
        set_ids = {}
        for key, group in members.items():
            name = self.infosets[key][0]
            if name and names.count(name) == 1 and name not in set_ids.values():
                set_ids[key] = name
            elif len(group) == 1:
                set_ids[key] = ids[id(group[0])]
            else:
                set_ids[key] = f"{players[key[0] - 1]}:{key[1]}"
        nodes = []
        lines = {}
        totals = {id(root): _add((Fraction(0),) * len(players), root.outcome)}
        for raw in order:
            node_id = ids[id(raw)]
            lines[node_id] = raw.line
            children = [ids[id(c)] for c in raw.children]
            for c in raw.children:
                totals[id(c)] = _add(totals[id(raw)], c.outcome)
            if raw.kind == "t":
                nodes.append(Node.terminal(node_id, totals[id(raw)], label=raw.outcome_name))
            elif raw.kind == "c":
                nodes.append(Node.chance(node_id, {
                    a: (p, c) for a, p, c in zip(raw.actions, raw.probabilities, children,
                                                 strict=True)
                }))
            else:
                nodes.append(Node.decision(
                    node_id, players[raw.player - 1], dict(zip(raw.actions, children, strict=True)),
                    infoset=set_ids[(raw.player, raw.infoset)],
                ))
        try:
            return Tree.from_nodes(nodes, players, root=nodes[0].id, title=title)
        except GameError as exc:
            line = lines.get((exc.key or "").split(".")[0])
            raise GameValueError(exc.message, file=self.file, line=line, key=exc.key,
                                 hint=exc.hint) from None


def _distinct(labels: list[str]) -> list[str]:
    """Labels made distinct: a repeated label gets its position, ``"x"``, ``"x_2"``."""
    out: list[str] = []
    for k, label in enumerate(labels, start=1):
        out.append(label if label not in out else f"{label}_{k}")
    return out


def _add(total: tuple[Fraction, ...], outcome: tuple[Fraction, ...] | None) -> tuple[Fraction, ...]:
    if not outcome:
        return total
    return tuple(a + b for a, b in zip(total, outcome, strict=True))


def parse_efg(text: str, file: str | None = None) -> Tree:
    """Parse the text of a Gambit ``.efg`` file (version 2) into a :class:`Tree`.

    Raises
    ------
    GameValueError
        For malformed text or an invalid tree, naming the file and line.

    Examples
    --------
    >>> parse_efg('EFG 2 R "t" { "A" } "" p "" 1 1 "" { "x" "y" } 0 t "" 1 "" { 1 }')
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: <string>:1: the tree ends early: node on line 1 lacks children
    """
    where = "<string>" if file is None else str(file)
    if not isinstance(text, str):
        raise GameValueError("an .efg file must be given as text (str)", file=where)
    return _Parser(text.removeprefix("\ufeff"), where).tree()


def read_efg(path: str | os.PathLike[str]) -> Tree:
    """Read a tree from a Gambit ``.efg`` file (UTF-8, or Latin-1 as older Gambit wrote)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise GameValueError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_efg(text, file=name)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_efg(tree: Tree) -> str:
    """The tree as a Gambit ``.efg`` file (version 2): node ids as names, exact numbers.

    Each terminal gets its own outcome (numbered in preorder); information sets are numbered
    per player in preorder of their first nodes; each chance node is its own chance set.
    """
    players = " ".join(_quote(p) for p in tree.players)
    lines = [f"EFG 2 R {_quote(tree.title)} {{ {players} }}", '""', ""]
    numbers: dict[str, int] = {}
    per_player = dict.fromkeys(tree.players, 0)
    for s in tree.infosets:
        per_player[s.player] += 1
        numbers[s.id] = per_player[s.player]
    chance = outcome = 0
    for node in tree.nodes:
        if node.kind == "terminal":
            outcome += 1
            payoffs = ", ".join(format_fraction(u) for u in node.payoffs)
            lines.append(f"t {_quote(node.id)} {outcome} {_quote(node.label)} {{ {payoffs} }}")
        elif node.kind == "chance":
            chance += 1
            moves = " ".join(
                f"{_quote(a)} {format_fraction(p)}"
                for a, p in zip(node.actions, node.probabilities, strict=True)
            )
            lines.append(f'c {_quote(node.id)} {chance} "" {{ {moves} }} 0')
        else:
            player = tree.players.index(node.player) + 1
            moves = " ".join(_quote(a) for a in node.actions)
            lines.append(
                f"p {_quote(node.id)} {player} {numbers[node.infoset]} {_quote(node.infoset)} "
                f"{{ {moves} }} 0"
            )
    return "\n".join(lines) + "\n"
