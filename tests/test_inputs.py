"""Every file a peer reads, every number a user types: no traceback, no file we cannot read back.

Issue 8. Each case is a small file in ``tests/data/inputs/`` (numbers at and past the number
policy's limits, a float-hostile game) or ``tests/data/gambit/`` (names Gambit makes distinct),
checked against its exact answer: the equilibrium worked out by hand, the game Gambit 16.7
reads (measured with pygambit, and re-checked against it where it is installed), or the one
error line. The number policy itself is in :mod:`gametheory.numbers`.
"""

from __future__ import annotations

import json
import os
import stat
from fractions import Fraction as F
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from gametheory import Game, solve
from gametheory.errors import GameValueError, ModelError
from gametheory.io import parse_nfg, parse_nfg_with_notes, read_input_file, read_nfg
from gametheory.models import load_model, parse_model, validate_model_file
from gametheory.models.model import Model
from gametheory.numbers import (
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_GRID_POINTS,
    check_number,
    digits,
    format_fraction,
    format_int,
    to_float,
    to_fraction,
)

DATA = Path(__file__).parent / "data"
INPUTS = DATA / "inputs"
GAMBIT = DATA / "gambit"


def run(*args: str):
    return CliRunner().invoke(cli.cli, [str(a) for a in args])


def assert_one_line_error(result, *fragments: str, code: int = 1) -> str:
    """Exit code ``code``, exactly one line on stderr starting 'Error: ', no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------------------- the policy
def test_limits_are_stated_once_and_below_pythons_int_string_limit() -> None:
    import sys

    assert MAX_DIGITS < sys.get_int_max_str_digits() == 4300
    # Every number within the policy has a decimal exponent within MAX_EXPONENT, so what we
    # write (e.g. 1e999) we read back.
    assert MAX_EXPONENT >= MAX_DIGITS
    from gametheory.models import expression

    assert expression.MAX_TEN_EXPONENT == MAX_EXPONENT
    assert expression.MAX_LENGTH >= 2 * MAX_DIGITS + 3  # "-p/q" of two longest numbers


def test_help_states_the_bounds() -> None:
    from gametheory import numbers

    top = " ".join(run("--help").stdout.split())
    assert f"at most {numbers.MAX_DIGITS} digits" in top
    assert f"at most {numbers.MAX_FILE_BYTES:,} bytes" in top
    sweep = " ".join(run("sweep", "--help").stdout.split())
    assert f"COUNT at most {numbers.MAX_GRID_POINTS}" in sweep
    sensitivity = " ".join(run("sensitivity", "--help").stdout.split())
    assert f"(2 to {numbers.MAX_RESOLUTION})" in sensitivity
    assert f"(0 to {numbers.MAX_DECIMALS})" in " ".join(run("solve", "--help").stdout.split())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("1e1001", "exponent too large", id="exponent"),
        pytest.param("1e99999999999", "exponent too large", id="long-exponent"),
        pytest.param("9" * 1001, "1001 digits", id="digits"),
        pytest.param("1/" + "3" * 1001, "1001 digits", id="denominator"),
        pytest.param("1" * 5000, "number too long", id="past-int-string-limit"),
    ],
)
def test_to_fraction_enforces_the_policy(text: str, message: str) -> None:
    with pytest.raises(GameValueError, match=message):
        to_fraction(text, where="--set")


def test_numbers_at_the_limits_are_accepted() -> None:
    assert to_fraction("1e999") == F(10**999)
    assert to_fraction("9" * 1000) == F(10**1000 - 1)
    with pytest.raises(GameValueError, match="1001 digits"):
        to_fraction("1e1000")  # within the exponent, past the digits
    assert to_fraction("1e-999") == F(1, 10**999)


def test_format_int_any_size_and_digits() -> None:
    n = 3 * 10**9000 + 7
    text = format_int(n)
    assert len(text) == 9001 and text[0] == "3" and text[-1] == "7" and set(text[1:-1]) == {"0"}
    assert format_int(-n) == "-" + text
    assert digits(n) == 9001 and digits(10**4999) == 5000 and digits(10**4999 - 1) == 4999
    assert format_fraction(F(1, n)) == "1/" + text


def test_to_float_guards_the_range() -> None:
    assert to_float(F(10**300)) == 1e300
    assert to_float(F(1, 10**400)) == 0.0  # underflow is harmless
    with pytest.raises(GameValueError, match="method 'x' needs floating-point numbers"):
        to_float(F(-(10**400)), where="the method 'x'")


# --------------------------------------------------------------------------- 1. big numbers
def huge_equilibrium() -> dict:
    """The one equilibrium of huge_payoff_1e400.nfg, by hand: A = [[N, 0], [0, 1]],
    B = [[0, 1], [1, 0]] with N = 10^400. The column player makes the row player indifferent,
    N y1 = y2, so y1 = 1/(N + 1); the row player makes the column player indifferent, x1 = x2."""
    n = 10**400
    return {
        "strategies": {
            "Row": {"1": "1/2", "2": "1/2"},
            "Column": {"1": f"1/{format_int(n + 1)}", "2": f"{format_int(n)}/{format_int(n + 1)}"},
        },
        "payoffs": {"Row": f"{format_int(n)}/{format_int(n + 1)}", "Column": "1/2"},
    }


def test_payoff_beyond_float_range_solves_exactly() -> None:
    result = run("solve", INPUTS / "huge_payoff_1e400.nfg", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["equilibria"] == [huge_equilibrium()]
    analysis = run("analyze", INPUTS / "huge_payoff_1e400.nfg", "-f", "json")
    assert analysis.exit_code == 0, analysis.output


@pytest.mark.parametrize("method", ["support-enumeration", "vertex-enumeration", "lemke-howson"])
def test_float_methods_say_the_payoff_is_beyond_floats(method: str) -> None:
    result = run("solve", INPUTS / "huge_payoff_1e400.nfg", "-m", method)
    assert_one_line_error(result, f"the method {method!r} needs floating-point numbers",
                          "1.0e400", "the exact commands still work")


def test_payoff_space_figure_says_the_payoff_is_beyond_floats(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "f.png"
    result = run("plot", INPUTS / "huge_payoff_1e400.nfg", "-k", "payoff-space", "-o", target)
    assert_one_line_error(result, "the figure needs floating-point numbers")
    assert not target.exists()


@pytest.mark.parametrize(
    "command", ["validate", "show", "solve", "analyze", "convert"]
)
def test_expression_past_the_digit_limit_is_one_error_line(command: str, tmp_path: Path) -> None:
    args = [command, INPUTS / "power_5000_digits.toml"]
    if command == "convert":
        args.append(tmp_path / "out.nfg")
    result = run(*args)
    expected = (
        "power_5000_digits.toml:17: payoffs.Row[0][0]: number too large: 4609 digits (at most "
        "1000 digits in a numerator or denominator)"
    )
    if command == "validate":
        assert result.exit_code == 1 and expected in result.stdout
    else:
        assert expected in assert_one_line_error(result)


def test_nfg_with_2300_digit_payoffs_is_one_error_line() -> None:
    line = assert_one_line_error(run("solve", INPUTS / "digits_2300.nfg"))
    assert line.endswith(
        "digits_2300.nfg:3: number too long (2300 characters; at most 1000 digits in a "
        "numerator or denominator)"
    )


def test_toml_integer_of_5000_digits_is_one_error_line() -> None:
    problems = validate_model_file(INPUTS / "integer_5000_digits.toml")
    assert [str(p) for p in problems] == [
        f"{INPUTS / 'integer_5000_digits.toml'}:4: number too long (at most 1000 digits in a "
        "numerator or denominator)"
    ]
    assert_one_line_error(run("solve", INPUTS / "integer_5000_digits.toml"), "number too long")


def test_results_longer_than_pythons_limit_are_printed() -> None:
    # 1000-digit payoffs in a 5 x 5 game: the equilibrium's numbers exceed 4300 digits.
    import random

    rng = random.Random(8)
    big = [[rng.randrange(10**999, 10**1000) for _ in range(5)] for _ in range(5)]
    other = [[rng.randrange(10**999, 10**1000) for _ in range(5)] for _ in range(5)]
    game = Game.from_arrays(big, other)
    result = solve(game)
    assert result.equilibria
    longest = max(
        digits(p.denominator) for eq in result.equilibria for sigma in eq.profile for p in sigma
    )
    text = json.dumps(result.to_dict())  # no ValueError
    assert len(text) > longest


# --------------------------------------------------------------------------- 2. round trip
def test_convert_of_1e101_writes_a_model_that_reads_back(tmp_path: Path) -> None:
    toml = tmp_path / "big.toml"
    assert run("convert", INPUTS / "payoff_1e101.nfg", toml).exit_code == 0
    assert validate_model_file(toml) == []
    back = tmp_path / "back.nfg"
    assert run("convert", toml, back).exit_code == 0
    assert read_nfg(back).same_payoffs(read_nfg(INPUTS / "payoff_1e101.nfg"))
    assert load_model(toml).game().payoff(("1", "1")) == (F(10**101), F(0))


def test_save_of_1e101_reads_back(tmp_path: Path) -> None:
    saved = tmp_path / "saved.toml"
    result = run("solve", INPUTS / "payoff_1e101.nfg", "--save", saved)
    assert result.exit_code == 0
    assert load_model(saved).game().same_payoffs(read_nfg(INPUTS / "payoff_1e101.nfg"))


# --------------------------------------------------------------------------- 3. Gambit names
GAMBIT_CASES = [
    # file, the players and strategy labels pygambit 16.7 reads from it (pygambit.read_nfg)
    pytest.param("duplicate_labels.nfg", ("Row", "Column"), (("x_1", "x_2"), ("L", "R")),
                 id="repeated-labels"),
    pytest.param("duplicate_players.nfg", ("P_1", "P_2"), (("a", "b"), ("a", "b")),
                 id="repeated-players"),
    pytest.param("empty_names.nfg", ("_1", "_2"), (("_1", "_2"), ("_1", "1")), id="empty-names"),
    pytest.param("suffix_taken.nfg", ("Row", "Column"), (("x_2", "x_1", "x_3"), ("L", "R")),
                 id="suffix-taken"),
    pytest.param("three_repeats.nfg", ("A_1", "A_2", "A_3"), (("1", "2"), ("1",), ("1",)),
                 id="three-repeats"),
]


@pytest.mark.parametrize(("name", "players", "strategies"), GAMBIT_CASES)
def test_names_as_gambit_reads_them(name: str, players: tuple, strategies: tuple) -> None:
    game, notes = parse_nfg_with_notes((GAMBIT / name).read_text(), file=name)
    assert (game.players, game.strategies) == (players, strategies)
    assert notes and all("made distinct as Gambit does" in note for note in notes)


@pytest.mark.parametrize(("name", "players", "strategies"), GAMBIT_CASES)
def test_names_and_payoffs_match_pygambit(name: str, players: tuple, strategies: tuple) -> None:
    pygambit = pytest.importorskip("pygambit")
    reference = pygambit.read_nfg(str(GAMBIT / name))
    ours = read_nfg(GAMBIT / name)
    assert tuple(p.label for p in reference.players) == ours.players
    assert tuple(tuple(s.label for s in p.strategies) for p in reference.players) == (
        ours.strategies
    )
    import itertools

    for profile in itertools.product(*ours.strategies):
        cell = reference[profile]
        assert tuple(F(str(cell[p])) for p in reference.players) == ours.payoff(profile)


def test_repeated_labels_noted_on_stderr_and_in_json() -> None:
    result = run("solve", GAMBIT / "duplicate_labels.nfg", "-f", "json")
    assert result.exit_code == 0
    note = ("strategy labels of 'Row' repeated or empty, made distinct as Gambit does "
            "(1: 'x' read as 'x_1'; 2: 'x' read as 'x_2')")
    assert result.stderr == f"Note: {note}\n"
    data = json.loads(result.stdout)
    assert data["notes"] == [note]
    assert data["equilibria"][0]["strategies"]["Row"] == {"x_1": "1/2", "x_2": "1/2"}
    # A file without repeated names has no "notes" key: the JSON is unchanged.
    assert "notes" not in json.loads(run("solve", INPUTS / "payoff_1e101.nfg", "-f", "json").stdout)


def test_control_characters_in_names_read_as_spaces_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "ctl.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" }\n{ { "a\tb" "c" } { "d" } }\n1 2 3 4\n')
    model = load_model(path)
    assert model.strategy_ids[0] == ("a b", "c")
    assert model.reading_notes == ("control characters read as spaces in 1 name(s)",)


# --------------------------------------------------------------------------- 4. float methods
def eight_decimals() -> Game:
    return read_nfg(INPUTS / "eight_decimals.nfg")


@pytest.mark.parametrize("method", ["support-enumeration", "vertex-enumeration", "lemke-howson"])
def test_float_methods_keep_the_equilibrium_of_eight_decimal_payoffs(method: str) -> None:
    game = eight_decimals()
    exact = solve(game, "exact").equilibria
    assert len(exact) == 1  # a 2 x 2 game without pure equilibrium: one mixed
    result = solve(game, method)
    assert [eq.profile for eq in result.equilibria] == [exact[0].profile]
    assert result.rejected == ()
    assert "certified by an exact polish" in result.message
    assert result.message.count("found 1 equilibrium") == 1


def test_the_exact_equilibrium_of_eight_decimal_payoffs() -> None:
    # A = [[31.41592653, 12.71828182], [14.14213562, 27.18281828]] (first player fastest in
    # the file), B = [[11.7320508, 26.45751311], [22.36067977, 13.1662479]]; the indifference
    # conditions by hand: x1 = (b22 - b21) / (b11 - b12 - b21 + b22), y1 likewise with A.
    a = [[F("31.41592653"), F("12.71828182")], [F("14.14213562"), F("27.18281828")]]
    b = [[F("11.73205080"), F("26.45751311")], [F("22.36067977"), F("13.16624790")]]
    x1 = (b[1][1] - b[1][0]) / (b[0][0] - b[0][1] - b[1][0] + b[1][1])
    y1 = (a[1][1] - a[0][1]) / (a[0][0] - a[0][1] - a[1][0] + a[1][1])
    (eq,) = solve(eight_decimals(), "vertex-enumeration").equilibria
    assert eq.profile == ((x1, 1 - x1), (y1, 1 - y1))


def test_pure_method_headline_says_mixed_were_not_searched() -> None:
    result = run("solve", "matching-pennies", "-m", "pure")
    assert result.exit_code == 0
    assert "No pure equilibrium; mixed equilibria were not searched." in result.stdout
    assert "No Nash equilibrium was found" not in result.stdout


# --------------------------------------------------------------------------- 5, 6. files
@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def test_output_to_a_fifo_is_refused_and_the_fifo_kept(fifo: Path) -> None:
    assert_one_line_error(run("solve", "chicken", "-o", fifo), "cannot write to a FIFO")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_to_a_device_is_written_in_place() -> None:
    result = run("solve", "chicken", "-o", os.devnull)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize("name", ["fifo", "/dev/zero"])
def test_input_that_is_not_a_regular_file_is_refused_before_reading(
    name: str, fifo: Path
) -> None:
    path = fifo if name == "fifo" else Path(name)
    if not path.exists():
        pytest.skip(f"no {name}")
    kind = "a FIFO (named pipe)" if name == "fifo" else "a character device"
    assert_one_line_error(run("solve", path), f"not a regular file: {kind}")
    assert validate_model_file(path)[0].message == f"not a regular file: {kind}"
    with pytest.raises(GameValueError, match="not a regular file"):
        read_nfg(path)


def test_size_cap_applies_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.nfg"
    path.write_bytes(b" " * 101)
    with pytest.raises(GameValueError, match=r"file too large \(more than 100 bytes\)"):
        read_input_file(path, limit=100)
    assert read_input_file(path, limit=101) == b" " * 101


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["solve", "chicken", "--save", "X.toml", "-o", "X.toml"], id="save-output"),
        pytest.param(["solve", "chicken", "--save", "X.toml", "-o", "link"], id="through-link"),
        pytest.param(["sweep", "chicken", "-p", "c=0:1:2", "--plot", "X.png", "-o", "X.png"],
                     id="plot-output"),
    ],
)
def test_two_outputs_naming_one_file_are_refused(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "X.toml").write_text("earlier\n")
    (tmp_path / "link").symlink_to("X.toml")
    if "--plot" in args:
        pytest.importorskip("matplotlib")
    assert_one_line_error(run(*args), "two outputs name the same file")
    assert (tmp_path / "X.toml").read_text() == "earlier\n"
    assert not (tmp_path / "X.png").exists()


def test_short_write_is_an_error_and_the_earlier_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gametheory.report import _files

    target = tmp_path / "out.txt"
    target.write_text("earlier\n")
    real_fstat = os.fstat

    class Short:
        def __init__(self, result: os.stat_result) -> None:
            self._result = result

        def __getattr__(self, name: str) -> object:
            value = getattr(self._result, name)
            return value - 1 if name == "st_size" else value

    monkeypatch.setattr(_files.os, "fstat", lambda fd: Short(real_fstat(fd)))
    line = assert_one_line_error(run("solve", "chicken", "-o", target), "short write")
    assert str(target) in line
    assert target.read_text() == "earlier\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary left


def test_output_through_a_link_replaces_the_file_not_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("earlier\n")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert run("solve", "chicken", "-o", tmp_path / "link.txt").exit_code == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text().startswith("Chicken")


def test_ctrl_c_is_one_line_exit_130_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gametheory

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(gametheory, "solve", interrupted)
    target = tmp_path / "out.json"
    assert_one_line_error(run("solve", "chicken", "-o", target), "interrupted", code=130)
    assert not target.exists()


# --------------------------------------------------------------------------- 7, 8, 10
def test_sweep_count_is_bounded() -> None:
    assert_one_line_error(
        run("sweep", "chicken", "--param", "c=0:4:1000000000"),
        f"count 1000000000 is too large (at most {MAX_GRID_POINTS})", code=2,
    )
    assert_one_line_error(
        run("sweep", "chicken", "--param", "c=0:1" + "0" * 3000 + ":5"), "number too long", code=2
    )


@pytest.mark.parametrize("where", ["set", "param", "toml"])
def test_exponent_beyond_pythons_decimal_is_one_error_line(where: str, tmp_path: Path) -> None:
    # Decimal itself raises InvalidOperation on 1e99999999999999999999: found by the property
    # test of tests/test_roundtrip.py.
    number = "1e99999999999999999999"
    if where == "toml":
        path = tmp_path / "m.toml"
        path.write_text('[[players]]\nname = "A"\nstrategies = ["a"]\n[[players]]\nname = "B"\n'
                        f'strategies = ["b"]\n[payoffs]\nA = [[{number}]]\nB = [[0]]\n')
        args = ["solve", path]
    elif where == "set":
        args = ["solve", "chicken", "--set", f"Driver 1:swerve,straight={number}"]
    else:
        args = ["solve", "chicken", "-p", f"c={number}"]
    assert_one_line_error(run(*args), f"number '{number}' is out of range")


def test_sweep_latex_does_not_crash() -> None:
    result = run("sweep", "chicken", "--param", "c=0:4:5", "--format", "latex")
    assert result.exit_code == 0, result.output
    assert r"\frac{1}{2}\,\mbox{swerve} + \frac{1}{2}\,\mbox{straight}" in result.stdout


def test_division_by_zero_from_set_is_blamed_on_the_options() -> None:
    result = run("solve", "us-russia-2x2", "--set", "US:pressure,hard_demand=1/(w-1)",
                 "-p", "w=1")
    line = assert_one_line_error(result)
    assert line == (
        "Error: --param w=1, --set 'US:pressure,hard_demand=1/(w-1)' (payoffs.US[1][1]): "
        "division by zero in '1 / (w - 1)' at w = 1"
    )
    assert "us-russia-2x2.toml" not in line


# --------------------------------------------------------------------------- mixtures
def test_mixtures_over_numeric_labels_read_unambiguously() -> None:
    result = run("solve", GAMBIT / "duplicate_labels.nfg")
    assert "1/2 x_1 + 1/2 x_2" in result.stdout  # ordinary labels: as before
    numeric = run("solve", INPUTS / "eight_decimals.nfg", "-d", "3")
    assert "0.384·[1] + 0.616·[2]" in numeric.stdout
    markdown = run("solve", INPUTS / "eight_decimals.nfg", "-d", "3", "-f", "markdown").stdout
    assert "0.384·\\[1\\] + 0.616·\\[2\\]" in markdown or "0.384·[1] + 0.616·[2]" in markdown


def test_model_round_trip_with_notes_excluded_from_equality() -> None:
    game = parse_nfg((GAMBIT / "duplicate_labels.nfg").read_text())
    model = Model.from_game(game, name="d")
    assert parse_model(model.to_toml(), name="d") == model


def test_check_number_locates_the_error() -> None:
    with pytest.raises(GameValueError) as info:
        check_number(F(10**1001), file="g.nfg", line=3)
    assert str(info.value).startswith("g.nfg:3: number too large: 1002 digits")
    with pytest.raises(ModelError, match="out of range"):
        parse_model('[[players]]\nname="A"\nstrategies=["a"]\n[[players]]\nname="B"\n'
                    'strategies=["b"]\n[payoffs]\nA=[["1e1001"]]\nB=[[0]]\n')
