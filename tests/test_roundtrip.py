"""Round trip as a law, and numbers at and beyond the number policy's limits through every command.

Whatever gametheory reads it writes in a form that it reads back to the identical game or
model: ``.nfg`` (:func:`~gametheory.io.write_nfg` / :func:`~gametheory.io.parse_nfg`), model
files (:meth:`Model.to_toml` / :func:`~gametheory.models.parse_model`), and the command line's
``convert`` both ways and ``--save``. Games are drawn with numbers at the edges of the policy
(:data:`~gametheory.numbers.MAX_DIGITS` digits in a numerator and a denominator, powers of ten up
to the largest allowed, and tiny ones).

Then numbers at and past each limit go through every reader and every command; each run must
exit 0 or 1 (2 for a malformed option), with one line on stderr on failure and no traceback.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from gametheory import Game
from gametheory.io import parse_nfg, read_nfg, write_nfg
from gametheory.models import load_model, parse_model
from gametheory.models.model import Model
from gametheory.numbers import MAX_DIGITS, MAX_EXPONENT

#: Examples per property (kept modest for CI; the closing note of issue 8 quotes these).
LIBRARY_EXAMPLES = 60
CLI_EXAMPLES = 12


def edge_integers() -> st.SearchStrategy[int]:
    """Integers of 0 to MAX_DIGITS digits, the largest and powers of ten favoured."""
    largest = 10**MAX_DIGITS - 1
    return st.one_of(
        st.integers(-10, 10),
        st.sampled_from([largest, -largest, 10 ** (MAX_DIGITS - 1), 10**99, 10**101]),
        st.integers(min_value=-largest, max_value=largest),
        st.integers(0, MAX_DIGITS - 1).map(lambda k: 10**k),
    )


def edge_numbers() -> st.SearchStrategy[F]:
    """Exact numbers within the policy: edge integers, their ratios, tiny decimals."""
    denominators = edge_integers().filter(lambda d: d != 0).map(abs)
    return st.one_of(
        edge_integers().map(F),
        st.builds(F, edge_integers(), denominators),
        st.integers(0, MAX_DIGITS - 1).map(lambda k: F(1, 10**k)),
        st.integers(1, 9).map(lambda m: F(m, 10 ** (MAX_DIGITS - 1))),
    )


LABEL = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
    min_size=1, max_size=8,
).filter(lambda s: s.strip() == s and s != "")


@st.composite
def edge_games(draw: st.DrawFn, players: int = 2) -> Game:
    shape = tuple(draw(st.integers(1, 3)) for _ in range(players))
    size = 1
    for k in shape:
        size *= k
    flat = [draw(st.lists(edge_numbers(), min_size=size, max_size=size)) for _ in range(players)]

    def nest(values: list[F], dims: tuple[int, ...]) -> list:
        if len(dims) == 1:
            return values
        step = len(values) // dims[0]
        return [nest(values[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0])]

    names = draw(st.lists(LABEL, min_size=players, max_size=players, unique=True))
    labels = [draw(st.lists(LABEL, min_size=k, max_size=k, unique=True)) for k in shape]
    title = draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                         max_size=10))
    return Game.from_arrays(*(nest(f, shape) for f in flat), players=names, strategies=labels,
                            title=title)


@settings(max_examples=LIBRARY_EXAMPLES, deadline=None)
@given(game=st.integers(2, 3).flatmap(lambda n: edge_games(players=n)))
def test_nfg_round_trip_at_the_edges(game: Game) -> None:
    text = write_nfg(game)
    assert parse_nfg(text) == game
    assert write_nfg(parse_nfg(text)) == text


@settings(max_examples=LIBRARY_EXAMPLES, deadline=None)
@given(game=edge_games())
def test_model_file_round_trip_at_the_edges(game: Game) -> None:
    model = Model.from_game(game, name="g")
    text = model.to_toml()
    back = parse_model(text, name="g")
    assert back == model
    assert back.game().same_payoffs(game)
    assert back.to_toml() == text


@settings(max_examples=CLI_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(game=edge_games())
def test_convert_both_ways_and_save_at_the_edges(
    game: Game, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    source = folder / "g.nfg"
    source.write_text(write_nfg(game), encoding="utf-8")
    runner = CliRunner()
    for args in (
        ["convert", source, folder / "g.toml"],
        ["convert", folder / "g.toml", folder / "back.nfg"],
        ["show", source, "--save", folder / "saved.toml", "-o", folder / "show.txt"],
    ):
        result = runner.invoke(cli.cli, [str(a) for a in args])
        assert result.exit_code == 0, (args, result.output)
    # A model needs a title: a blank one becomes the file's name (Model.from_game).
    title = game.title if game.title.strip() else "g"
    assert read_nfg(folder / "back.nfg") == game.with_names(title=title)
    assert load_model(folder / "g.toml").game().same_payoffs(game)
    assert load_model(folder / "saved.toml").game().same_payoffs(game)


# --------------------------------------------------------------------------- past the limits
AT_AND_BEYOND = [
    "9" * (MAX_DIGITS - 1), "9" * MAX_DIGITS, "9" * (MAX_DIGITS + 1), "9" * 4301, "9" * 6000,
    f"1e{MAX_EXPONENT - 1}", f"1e{MAX_EXPONENT}", f"1e{MAX_EXPONENT + 1}", "1e999999999",
    f"1e-{MAX_DIGITS - 1}", f"1e-{MAX_DIGITS}", f"1e-{MAX_EXPONENT + 1}", "1e308", "1e309",
    "1e400", "-1e400", "1/" + "7" * MAX_DIGITS, "1/" + "7" * (MAX_DIGITS + 1), "1/0", "0.5",
    "2." + "5" * 2000, "1e+99999999999999999999", "1e99999999999999999999", "2**1e99999999999",
]

NUMBERS = st.sampled_from(AT_AND_BEYOND) | st.builds(
    lambda digits, exp: "1" * digits + (f"e{exp}" if exp is not None else ""),
    st.integers(1, 2 * MAX_DIGITS), st.none() | st.integers(-2 * MAX_EXPONENT, 2 * MAX_EXPONENT),
)

MODEL = """\
[game]
title = "edge"

[parameters.c]
value = 1
range = [-10, 10]

[[players]]
name = "Row"
strategies = ["a", "b"]

[[players]]
name = "Column"
strategies = ["x", "y"]

[payoffs]
Row = [[{value}, 0], [0, "c"]]
Column = [[0, 1], [1, 0]]
"""


def _check(result, usage_ok: bool = False, validate: bool = False) -> None:
    allowed = {0, 1, 2} if usage_ok else {0, 1}
    assert result.exit_code in allowed, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    if validate:
        # validate reports each problem on standard output, one line each, and exits 1.
        assert lines == [] and (result.exit_code == 0) == result.stdout.endswith(": ok\n")
        return
    if result.exit_code:
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    else:
        assert all(line.startswith("Note: ") for line in lines), result.stderr


COMMANDS = [
    ["solve"], ["show"], ["analyze"], ["validate"], ["solve", "-m", "lemke-howson"],
    ["solve", "-f", "latex"], ["solve", "-f", "json", "-d", "3"],
]


@settings(max_examples=CLI_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=NUMBERS, where=st.sampled_from(["nfg", "toml", "toml-string", "set", "param"]))
def test_numbers_at_and_beyond_the_limits_through_every_command(
    number: str, where: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("edge")
    extra: list[str] = []
    if where == "nfg":
        path = folder / "g.nfg"
        path.write_text(f'NFG 1 R "edge" {{ "A" "B" }} {{ 2 2 }}\n{number} 0 0 1 0 1 1 0\n')
    else:
        path = folder / "g.toml"
        literal = f'"{number}"' if where == "toml-string" else number
        if where in ("set", "param"):
            literal = "1"
        path.write_text(MODEL.format(value=literal))
        if where == "set":
            extra = ["--set", f"Row:a,x={number}"]
        elif where == "param":
            extra = ["-p", f"c={number}"]
    runner = CliRunner()
    for command in COMMANDS:
        args = [command[0], str(path), *command[1:]]
        if command[0] != "validate":
            args += extra
        _check(runner.invoke(cli.cli, args), validate=command[0] == "validate")
    target = folder / ("out.nfg" if where != "nfg" else "out.toml")
    _check(runner.invoke(cli.cli, ["convert", str(path), str(target), *extra]))
    if where in ("toml", "set", "param") or where == "toml-string":
        _check(
            runner.invoke(cli.cli, ["sweep", str(path), "-p", f"c=0:{number}:3", *extra[:0]]),
            usage_ok=True,
        )


def test_every_reader_gives_the_same_limit(tmp_path: Path) -> None:
    # The same number refused (or accepted) by every reader: .nfg, TOML, --set and --param.
    runner = CliRunner()
    for number, ok in (("9" * MAX_DIGITS, True), ("9" * (MAX_DIGITS + 1), False),
                       (f"1e-{MAX_DIGITS - 1}", True), (f"1e{MAX_EXPONENT + 1}", False)):
        nfg = tmp_path / "g.nfg"
        nfg.write_text(f'NFG 1 R "e" {{ "A" "B" }} {{ 2 2 }}\n{number} 0 0 1 0 1 1 0\n')
        toml = tmp_path / "g.toml"
        toml.write_text(MODEL.format(value=f'"{number}"'))
        plain = tmp_path / "p.toml"
        plain.write_text(MODEL.format(value="1"))
        runs = [
            ["show", str(nfg)], ["show", str(toml)],
            ["show", str(plain), "--set", f"Row:a,x={number}"],
            ["show", str(plain), "-p", f"c={number}"],
        ]
        codes = {tuple(r[:2]): runner.invoke(cli.cli, r).exit_code for r in runs}
        expected = 0 if ok else 1
        # --param c is checked against its range [-10, 10] too: a big value is out of range.
        if ok and number.startswith("9"):
            codes.pop(("show", str(plain)), None)
        assert set(codes.values()) == {expected}, (number, codes)
