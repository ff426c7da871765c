"""Tests of model files: loading, validation with located errors, built-in models, fuzzing."""

from __future__ import annotations

import builtins
import copy
import os
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.errors import GameError, ModelError
from gametheory.models import (
    Model,
    builtin_models,
    load_model,
    loader,
    parse_model,
    validate_model_file,
)
from gametheory.models import _toml_writer as writer
from gametheory.models._toml_lines import format_key, key_lines, line_of

DATA = Path(__file__).parent / "data" / "models"
BROKEN = DATA / "broken"
RANKED = (DATA / "ranked.toml").read_text(encoding="utf-8")

# The model file of the format contract in interfaces.md (one comment shortened).
CONTRACT = """
[game]
title = "A game with a parameter"
description = "optional, one paragraph"
source = "optional: the text modelled, e.g. 'OSW Commentary (2025): Russia is tempting Trump'"

[parameters.c]            # optional; a symbol usable in payoffs
value = 1                 # default value (int, decimal, or fraction string "1/3")
range = [0, 6]            # optional, inclusive bounds
description = "what c stands for"
source = "optional: the passage that suggests this quantity"

[[players]]
name = "Row"
strategies = ["r1", "r2"] # or tables: { id = "r1", label = "...", description = "..." }

[[players]]
name = "Column"
strategies = ["c1", "c2"]

[payoffs]                 # one matrix per player: rows = first player's strategies,
Row = [[3, "1 - c"], ["2*c", 0]] # columns = second player's strategies
Column = [[2, 0], ["1/2", 1]]

[[outcomes]]
profile = ["r1", "c2"]    # one strategy id per player, in player order
[outcomes.ranks]          # per player: ordinal rank, higher = better (1 = worst)
Row = 2
Column = 1
[outcomes.why]            # per player: the justification, paraphrased
Row = "..."
Column = "..."
[outcomes.source]         # per player: where in the text (section heading, item number)
Row = "'Moscow's hopes and fears', hopes item 3"
Column = "..."

[cardinalisation]
rule = "How ranks become numbers: ..."
notes = "optional"
"""


def test_contract_example_loads() -> None:
    m = parse_model(CONTRACT, name="contract")
    assert m.game().payoff(("r2", "c1")) == (2, 0.5)
    assert m.parameters["c"].low == 0 and m.parameters["c"].high == 6
    assert m.outcomes[0].judgement("Row").source == "'Moscow's hopes and fears', hopes item 3"
    assert m.cardinalisation.startswith("How ranks") and m.notes == "optional"
    assert parse_model(m.to_toml()) == m


@pytest.mark.parametrize("path", sorted(DATA.glob("*.toml")), ids=lambda p: p.stem)
def test_good_files_validate(path: Path) -> None:
    assert validate_model_file(path) == []
    assert isinstance(load_model(path), Model)


# ---------------------------------------------------------------------- broken files
@pytest.mark.parametrize(
    ("file", "problems", "line", "key", "fragments"),
    [
        pytest.param("syntax_error", 1, 7, None, ["invalid TOML", "column 13"], id="syntax"),
        pytest.param(
            "unknown_name",
            1,
            14,
            "payoffs.Row[0][1]",
            ["unknown name 'cc'", "did you mean 'c'?"],
            id="undeclared-name",
        ),
        pytest.param(
            "forbidden",
            1,
            17,
            "payoffs.US[1][1]",
            ["function calls are not allowed"],
            id="forbidden-construct",
        ),
        pytest.param(
            "unknown_player",
            1,
            18,
            "payoffs.Rusia",
            ["unknown player", "'Russia'"],
            id="unknown-player",
        ),
        pytest.param(
            "bad_shape",
            2,
            19,
            "payoffs.US[1]",
            ["expected 3 entries (one per strategy of Russia: offer, demand, wait), got 2"],
            id="wrong-shape",
        ),
        pytest.param(
            "transposed",
            1,
            18,
            "payoffs.Russia",
            ["got 3 rows of 2", "looks transposed"],
            id="transposed",
        ),
        pytest.param(
            "division_by_zero",
            1,
            17,
            "payoffs.US[1][2]",
            ["division by zero in '1 / (c - 1)' at c = 1"],
            id="division-by-zero",
        ),
        pytest.param(
            "huge_exponent",
            2,
            17,
            "payoffs.US[1][2]",
            ["exponent 1000", "between -64 and 64"],
            id="huge-exponent",
        ),
        pytest.param(
            "out_of_range",
            1,
            5,
            "parameters.c.value",
            ["value 15/2 is outside the range [0, 6]"],
            id="default-out-of-range",
        ),
        pytest.param(
            "duplicate_ids",
            1,
            6,
            "players[0].strategies[2]",
            ["duplicate strategy id 'up' (also players[0].strategies[0])"],
            id="duplicate-id",
        ),
        pytest.param(
            "bad_ranks",
            3,
            22,
            "outcomes[1].ranks",
            ["Row ranks outcome (a, y) above outcome (b, x) (3 > 2)", "(1 <= 2)"],
            id="ranks-contradicted",
        ),
        pytest.param(
            "bad_outcomes",
            6,
            17,
            "outcomes[0].profile[1]",
            ["unknown strategy 'z' of Column"],
            id="bad-outcomes",
        ),
        pytest.param(
            "typo_keys",
            8,
            1,
            "game",
            ["missing 'title'"],
            id="misspelt-keys",
        ),
        pytest.param("not_utf8", 1, 3, None, ["not UTF-8"], id="not-utf8"),
        pytest.param(
            "many_problems",
            6,
            3,
            "paramters",
            ["unknown key 'paramters'", "'parameters'"],
            id="many-problems",
        ),
    ],
)
def test_broken_files(
    file: str, problems: int, line: int, key: str | None, fragments: list[str]
) -> None:
    path = BROKEN / f"{file}.toml"
    errors = validate_model_file(path)
    assert len(errors) == problems, [str(e) for e in errors]
    first = errors[0]
    assert isinstance(first, ModelError)
    assert (first.file, first.line, first.key) == (str(path), line, key)
    for fragment in fragments:
        assert fragment in str(first)
    with pytest.raises(ModelError) as info:
        load_model(path)
    raised = info.value
    assert (raised.file, raised.line, raised.key, raised.message) == (
        first.file,
        first.line,
        first.key,
        first.message,
    )
    assert "\n" not in str(raised)
    if problems > 1:
        assert f" {problems - 1} more problem" in str(raised)
    assert [str(p) for p in raised.problems] == [str(e) for e in errors]


def test_every_problem_is_reported() -> None:
    messages = [
        f"{e.line}: {e.key}: {e.message} ({e.hint})"
        for e in validate_model_file(BROKEN / "many_problems.toml")
    ]
    assert messages == [
        "3: paramters: unknown key 'paramters' (did you mean 'parameters'?)",
        "6: parameters.c.value: value 9 is outside the range [0, 6] (None)",
        "15: payoffs.Rowe: unknown player 'Rowe' (did you mean 'Row'?)",
        "16: payoffs.Column[1]: expected 2 entries (one per strategy of Column: c1, c2), got 3 "
        "(None)",
        "18: outcomes[0].profile[1]: unknown strategy 'c3' of Column (expected one of 'c1', 'c2')",
        "19: outcomes[0].ranks.Row: a rank is an integer >= 1 (higher = better), got 0 (None)",
    ]


def test_first_problem_says_how_many_more() -> None:
    with pytest.raises(ModelError) as info:
        load_model(BROKEN / "many_problems.toml")
    assert str(info.value).endswith(
        "paramters: unknown key 'paramters' (did you mean 'parameters'? There are 5 more "
        "problems in this file)"
    )
    with pytest.raises(ModelError) as info:
        load_model(BROKEN / "bad_shape.toml")
    assert str(info.value).endswith("got 2 (and 1 more problem in this file)")


def test_typo_keys_get_suggestions() -> None:
    hints = {e.key: e.hint for e in validate_model_file(BROKEN / "typo_keys.toml")}
    assert hints["game.titel"] == "did you mean 'title'?"
    assert hints["players[0].stratgies"] == "did you mean 'strategies'?"
    assert hints["players[1].nme"] == "did you mean 'name'?"
    assert hints["payofs"] == "did you mean 'payoffs'?"


def test_forbidden_payload_does_not_run() -> None:
    target = Path("/tmp/gametheory-pwned")
    if target.exists():
        target.unlink()
    with pytest.raises(ModelError):
        load_model(BROKEN / "forbidden.toml")
    assert not target.exists()


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        pytest.param("[game]\ntitle = 'x'\n[game]\n", 3, "Cannot declare", id="table-twice"),
        pytest.param("a = 1\na = 2\n", 2, "invalid TOML", id="key-twice"),
        pytest.param("a = [1,\n", 2, "(at the end)", id="end-of-document"),
        pytest.param("a = " + "[" * 2000 + "]" * 2000, None, "nested too deeply", id="deep"),
    ],
)
def test_toml_errors(text: str, line: int | None, fragment: str) -> None:
    with pytest.raises(ModelError) as info:
        parse_model(text, file="f.toml")
    assert info.value.line == line
    assert info.value.file == "f.toml"
    assert fragment in str(info.value)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "parameter.toml").read_bytes())
    assert load_model(path).title == "A game with a parameter"


def test_large_file_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    with pytest.raises(ModelError, match="file too large"):
        load_model(DATA / "ranked.toml")


def test_game_too_large() -> None:
    strategies = str([f"s{k}" for k in range(200)])
    text = "[game]\ntitle = 'x'\n" + "".join(
        f"[[players]]\nname = 'P{i}'\nstrategies = {strategies}\n" for i in range(3)
    )
    text += "[payoffs]\ntable = []\n"
    with pytest.raises(ModelError, match="game too large: 8000000 pure profiles"):
        parse_model(text)


@pytest.mark.parametrize(
    ("snippet", "fragment"),
    [
        pytest.param("[parameters.pi]\nvalue = 1", "parameter name 'pi' is reserved", id="pi"),
        pytest.param("[parameters.lambda]\nvalue = 1", "not a valid name", id="keyword"),
        pytest.param('[parameters."a b"]\nvalue = 1', "not a valid name", id="space"),
        pytest.param("[parameters.c]\nrange = [0, 1]", "missing 'value'", id="no-value"),
        pytest.param("[parameters.c]\nvalue = 1\nrange = [2, 0]", "empty range", id="empty-range"),
        pytest.param("[parameters.c]\nvalue = 1\nrange = [0]", "of 1 entries", id="short-range"),
        pytest.param("[parameters.c]\nvalue = true", "got a boolean", id="bool-value"),
        pytest.param("[parameters.c]\nvalue = 'x'", "not a number", id="text-value"),
        pytest.param("[parameters.c]\nvalue = nan", "not a finite number", id="nan"),
        pytest.param("[parameters.c]\nvalue = 1\nsorce = 'x'", "did you mean 'source'", id="key"),
    ],
)
def test_parameter_problems(snippet: str, fragment: str) -> None:
    base = tomllib.loads(RANKED, parse_float=Decimal)
    del base["parameters"]
    body = _document(base)
    errors = validate_text(body + snippet + "\n")
    assert any(fragment in str(e) for e in errors), [str(e) for e in errors]
    first_line = body.count("\n") + 1
    assert all(
        e.line is not None and e.line >= first_line
        for e in errors
        if e.key and e.key.startswith("parameters")
    )


def validate_text(text: str) -> list[ModelError]:
    try:
        parse_model(text, file="f.toml")
    except ModelError as exc:
        return exc.problems
    return []


def test_parameter_shorthand() -> None:
    text = RANKED.replace('[parameters.s]\nvalue = 0.5\ndescription = "sucker\'s payoff"', "")
    text = "parameters.s = 0.5\n" + text
    m = parse_model(text)
    assert m.parameters["s"].value == Fraction(1, 2)


# ---------------------------------------------------------------------- names and built-ins
def test_builtin_models_are_listed_and_valid() -> None:
    listed = builtin_models()
    names = [name for name, _ in listed]
    assert names == sorted(names)
    assert all(title for _, title in listed)
    for name in names:
        m = load_model(name)
        assert m.name == name and m.path is not None
        assert validate_model_file(m.path) == []
        m.game()


def test_unknown_builtin_name() -> None:
    names = [name for name, _ in builtin_models()]
    if "chicken" not in names:
        pytest.skip("the built-in models are not there yet")
    with pytest.raises(ModelError) as info:
        load_model("chiken")
    assert str(info.value) == (
        "unknown model 'chiken' (did you mean 'chicken'? A model file must be an existing "
        ".toml, .nfg or .efg path)"
    )
    with pytest.raises(ModelError) as info:
        load_model("xyzzy")
    assert "built-in models: " + ", ".join(names) in str(info.value)


@pytest.mark.parametrize(
    "name", ["missing.toml", "dir/missing", "missing.nfg", "../../no/such/dir/x"]
)
def test_missing_paths(name: str) -> None:
    with pytest.raises(ModelError, match="no such file"):
        load_model(name)


def test_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.toml").mkdir()
    with pytest.raises(ModelError, match="not a regular file: a directory"):
        load_model(tmp_path / "a.toml")
    # A file without a suffix is read as a model file when no built-in has its name.
    monkeypatch.chdir(tmp_path)
    Path("mygame").write_text(RANKED, encoding="utf-8")
    assert load_model("mygame").name == "mygame"
    assert load_model(os.path.join(".", "mygame")).title.startswith("Prisoner")


def test_source_tree_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.resources

    def missing(name: str) -> Any:
        raise ModuleNotFoundError(name)

    loader._builtin_folder.cache_clear()
    monkeypatch.setattr(importlib.resources, "files", missing)
    try:
        folder = loader._builtin_folder()
        assert folder == Path(__file__).resolve().parents[1] / "models"
    finally:
        loader._builtin_folder.cache_clear()


def test_nfg_files(tmp_path: Path) -> None:
    pytest.importorskip("gametheory.io.nfg")
    good = tmp_path / "g.nfg"
    good.write_text(
        'NFG 1 R "Pennies" { "Even" "Odd" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n', encoding="utf-8"
    )
    m = load_model(good)
    assert m.name == "g" and m.title == "Pennies" and m.player_names == ("Even", "Odd")
    assert validate_model_file(good) == []
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3\n', encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_model(bad)
    assert info.value.file == str(bad)
    assert len(validate_model_file(bad)) == 1


# ---------------------------------------------------------------------- line scanner
SCANNED = """\
[game]
title = "x"  # a comment with [brackets] and "quotes"
[parameters.c]
value = 1
[[players]]
name = "A"
strategies = [
    { id = "a", label = "]" },
    'b',
]
[[players]]
name = 'B'
"strategies" = ["x", '''y''']
[payoffs]
A = [
    [1, "2"],
    [3,
     4],
]
"Player 2".x = \"\"\"
multi [line] "text"
\"\"\"
[[outcomes]]
profile = ["a", "x"]
[outcomes.ranks]
A = 1
[[outcomes]]
ranks.B = 2
[[payoffs.table]]
values = [1]
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("game",), 1),
        (("game", "title"), 2),
        (("parameters",), 3),
        (("parameters", "c", "value"), 4),
        (("players",), 5),
        (("players", 0), 5),
        (("players", 0, "strategies", 0), 8),
        (("players", 0, "strategies", 0, "label"), 8),
        (("players", 0, "strategies", 1), 9),
        (("players", 1), 11),
        (("players", 1, "strategies"), 13),
        (("players", 1, "strategies", 1), 13),
        (("payoffs", "A", 0, 1), 16),
        (("payoffs", "A", 1, 1), 18),
        (("payoffs", "Player 2", "x"), 20),
        (("outcomes", 0, "profile"), 24),
        (("outcomes", 0, "ranks", "A"), 26),
        (("outcomes", 1, "ranks", "B"), 28),
        (("payoffs", "table", 0, "values", 0), 30),
    ],
)
def test_key_lines(path: tuple, line: int) -> None:
    assert tomllib.loads(SCANNED)  # the document is valid TOML
    assert key_lines(SCANNED)[path] == line


def test_line_of_falls_back_to_ancestors() -> None:
    lines = key_lines(SCANNED)
    assert line_of(lines, ("payoffs", "A", 1, 1, 7)) == 18
    assert line_of(lines, ("nothing", "here")) is None
    assert format_key(("payoffs", "A", 1, "a.b")) == 'payoffs.A[1]."a.b"'


_SCALARS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.text(max_size=8),
    st.booleans(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=12,
)


def _paths(value: Any, path: tuple) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _document(data: dict[str, Any]) -> str:
    """A TOML document with one top-level key per line (values as inline tables)."""
    return "".join(f"{writer.key(k)} = {writer.value(v)}\n" for k, v in data.items())


@settings(max_examples=150)
@given(st.dictionaries(st.text(max_size=6), _VALUES, max_size=5))
def test_key_lines_finds_every_path(data: dict[str, Any]) -> None:
    text = _document(data)
    assert tomllib.loads(text, parse_float=Decimal) == data
    lines = key_lines(text)
    for line, (k, v) in enumerate(data.items(), start=1):
        for path in _paths(v, (k,)):
            assert lines.get(path) == line, (path, text)


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_key_lines_never_raises(text: str) -> None:
    lines = key_lines(text)
    assert all(1 <= n <= text.count("\n") + 1 for n in lines.values())


# ---------------------------------------------------------------------- fuzzing the loader
@pytest.fixture
def sentinel(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    monkeypatch.setattr(builtins, "gt_sentinel", lambda *a: calls.append(a), raising=False)
    return calls


def _check_outcome(text: str) -> None:
    """The loader's contract on any text: a valid model, or ModelError only."""
    try:
        m = parse_model(text, file="fuzz.toml")
    except ModelError as exc:
        assert exc.file == "fuzz.toml"
        assert "\n" not in str(exc)
        return
    again = parse_model(m.to_toml())
    assert again == m
    assert again.game() == m.game()


_BASE = tomllib.loads(RANKED, parse_float=Decimal)
_NASTY_STRINGS = st.sampled_from(
    [
        "gt_sentinel()",
        "__import__('os').system('true')",
        "t.__class__",
        "1/0",
        "t ** 99",
        "0 ** -1",
        "s - t",
        "",
        "Ann",
        "silent",
        "confess",
        "1e999999999",
    ]
)
_MUTANT_VALUES = st.one_of(_VALUES, _NASTY_STRINGS, st.just([]), st.just({}))


@st.composite
def _mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(_BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data, ()) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        kind = draw(st.sampled_from(["delete", "replace", "rename", "duplicate"]))
        if kind == "delete":
            del parent[last]
        elif kind == "replace":
            parent[last] = draw(_MUTANT_VALUES)
        elif kind == "rename" and isinstance(parent, dict):
            new = draw(st.one_of(st.text(max_size=6), st.sampled_from(["Anne", "bob", "ranks"])))
            parent[new] = parent.pop(last)
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return data


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_mutated())
def test_mutated_models(sentinel: list[object], data: dict[str, Any]) -> None:
    _check_outcome(_document(data))
    assert not sentinel


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(0, len(RANKED)), st.integers(0, 8), st.text(max_size=4)),
        min_size=1,
        max_size=3,
    )
)
def test_text_mutations(sentinel: list[object], edits: list[tuple[int, int, str]]) -> None:
    text = RANKED
    for at, cut, insert in edits:
        text = text[:at] + insert + text[at + cut :]
    _check_outcome(text)
    assert not sentinel


_FRAGMENTS = [
    "[game]",
    "title = 'T'",
    "description = 1",
    "[parameters.c]",
    "value = 1",
    "value = '1/3'",
    "range = [0, 2]",
    "range = [3, 2]",
    "[parameters.gt_sentinel]",
    "[[players]]",
    "name = 'A'",
    "name = 'B'",
    "strategies = ['a', 'b']",
    "strategies = [{ id = 'a' }, { id = 'a' }]",
    "strategies = []",
    "[payoffs]",
    "A = [[1, 'c'], [2, 3]]",
    "B = [[1, 2], [3, 'gt_sentinel()']]",
    "B = [[1, 2]]",
    "[[payoffs.table]]",
    "profile = ['a', 'a']",
    "values = [1, 'c ** 2']",
    "[[outcomes]]",
    "profile = ['a', 'b']",
    "[outcomes.ranks]",
    "A = 1",
    "B = 2",
    "ranks = { A = 2 }",
    "why = { A = 'x' }",
    "[cardinalisation]",
    "rule = 'r'",
    "x = [",
    "]",
    "'",
    "",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30))
def test_random_documents(sentinel: list[object], fragments: list[str]) -> None:
    _check_outcome("\n".join(fragments))
    assert not sentinel


@settings(max_examples=100)
@given(st.binary(max_size=200))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.toml"
    path.write_bytes(raw)
    problems = validate_model_file(path)
    assert all(isinstance(p, GameError) for p in problems)


def test_validate_names_and_missing_files(tmp_path: Path) -> None:
    names = [name for name, _ in builtin_models()]
    for name in names[:1]:
        assert validate_model_file(name) == []
    [problem] = validate_model_file(tmp_path / "nothing.toml")
    assert problem.message == "no such file" and problem.file == str(tmp_path / "nothing.toml")
