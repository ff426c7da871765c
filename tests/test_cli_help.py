"""Help that teaches: every command's --help ends with its examples and its documentation page,
--force names only the command's own outputs, the command list shows whole summaries, and
--param means NAME=VALUE in every command (the older spellings of sensitivity and sweep kept).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import cli
from gametheory.errors import GameValueError
from gametheory.sensitivity.options import merge_values, param_kind, split_param_options

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(cli.cli.commands)


def run(*args: str) -> object:
    return CliRunner().invoke(cli.cli, list(args))


def _slug(heading: str) -> str:
    """The anchor MyST and GitHub give a heading: lower case, punctuation dropped, '-' joins."""
    words = re.sub(r"[^\w\s-]", "", heading.strip().lower())
    return "-".join(words.split())


def _anchors(page: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in page.read_text().splitlines()
            if line.startswith("#")}


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_examples_then_the_documentation_page(command: str) -> None:
    text = run(command, "--help").stdout
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[-1].strip() == f"Documentation: {cli.cli.commands[command].documentation}"
    examples = blocks[-2].strip().splitlines()
    assert examples[0] in ("Examples:", "Example:")
    assert all(line.strip().startswith(f"gametheory {command}") for line in examples[1:])
    assert text.index("Options:") < text.index(examples[0])


@pytest.mark.parametrize("command", COMMANDS)
def test_documentation_page_and_section_exist(command: str) -> None:
    page, _, anchor = cli.cli.commands[command].documentation.partition("#")
    assert (ROOT / page).is_file()
    if anchor:
        assert anchor in _anchors(ROOT / page)


@pytest.mark.parametrize("command", COMMANDS)
def test_force_names_only_the_command_s_own_outputs(command: str) -> None:
    params = cli.cli.commands[command].params
    force = [p for p in params if p.name == "force"]
    if not force:
        return
    options = {name for p in params for name in p.opts}
    named = re.findall(r"(?<![\w-])(-o|--[a-z-]+)", force[0].help or "")
    arguments = [p.metavar for p in params if isinstance(p, click.Argument)]
    assert named or any(f"Allow {a} " in force[0].help for a in arguments), force[0].help
    assert set(named) <= options, (command, named)


def test_command_list_shows_whole_summaries() -> None:
    text = run("--help").stdout
    listing = " ".join(text.split("Commands:")[1].split())
    assert "..." not in listing
    for name in COMMANDS:
        summary = cli.cli.commands[name].short_help
        assert summary and summary.endswith(".")
        assert f"{name} {summary}" in listing


# --------------------------------------------------------------------------- one meaning of --param
def _json(*args: str) -> object:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sensitivity_param_with_a_value_sets_it_as_at_does() -> None:
    by_param = _json("sensitivity", "us-russia-2x2", "--param", "d=3", "--vary", "w")
    assert by_param == _json("sensitivity", "us-russia-2x2", "--at", "d=3", "--vary", "w")
    assert by_param != _json("sensitivity", "us-russia-2x2", "--vary", "w")


def test_sensitivity_bare_param_is_the_older_spelling_of_vary() -> None:
    old = _json("sensitivity", "us-russia-2x2", "--param", "w")
    assert old == _json("sensitivity", "us-russia-2x2", "--vary", "w")
    assert old != _json("sensitivity", "us-russia-2x2", "--vary", "d")


def test_sweep_grid_and_its_older_spelling_agree() -> None:
    new = run("sweep", "us-russia-2x2", "--grid", "d=0:4:5", "--param", "w=1")
    assert new.exit_code == 0, new.output
    assert new.stdout == run("sweep", "us-russia-2x2", "--param", "d=0:4:5", "--at", "w=1").stdout
    assert new.stdout != run("sweep", "us-russia-2x2", "--grid", "d=0:4:5").stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["sensitivity", "chicken", "--param", "c=0:4:5"],
         "'c=0:4:5' is a grid; to solve on a grid: gametheory sweep MODEL --grid c=0:4:5"),
        (["sweep", "chicken", "--param", "c"],
         "'c' is not NAME=VALUE; to sweep c: --grid c=START:STOP:COUNT"),
        (["sweep", "chicken", "--param", "c=2"], "give one grid: --grid NAME=START:STOP:COUNT"),
        (["sweep", "chicken", "--grid", "c=0:4:5", "--param", "c=0:1:2"], "give one grid only"),
        (["solve", "chicken", "--param", "c=0:4:5"],
         "is a grid, not NAME=VALUE; to solve on a grid: gametheory sweep MODEL --grid c=0:4:5"),
        (["sensitivity", "chicken", "--at", "c=1", "--param", "c=2"],
         "parameter c is given two values, 1 and 2"),
    ],
)
def test_a_param_in_another_command_s_sense_gets_a_hint(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr


_names = st.from_regex(r"[a-z][a-z0-9_]{0,5}", fullmatch=True)
_numbers = st.fractions(max_denominator=50).map(str)


@given(st.lists(st.tuples(_names, st.sampled_from(["value", "grid", "name"]), _numbers),
                max_size=8, unique_by=lambda item: item[0]))
def test_split_param_options_sorts_every_item_by_its_form(items) -> None:
    texts = [name if kind == "name" else f"{name}={value}:{value}:3" if kind == "grid"
             else f"{name}={value}" for name, kind, value in items]
    options = split_param_options(texts)
    assert [param_kind(t) for t in texts] == [kind for _, kind, _ in items]
    assert len(options.values) + len(options.names) + len(options.grids) == len(items)
    assert options.values == {n: v for n, k, v in items if k == "value"}
    assert options.names == tuple(n for n, k, _ in items if k == "name")


@pytest.mark.parametrize("item", ["=3", "d=", " = "])
def test_an_empty_name_or_value_is_refused(item: str) -> None:
    with pytest.raises(GameValueError, match="is not NAME=VALUE"):
        param_kind(item)


def test_merge_values_refuses_two_values_for_one_parameter() -> None:
    assert merge_values({"d": "3"}, {"d": "3"}) == {"d": "3"}
    with pytest.raises(GameValueError, match="two values"):
        merge_values({"d": "3"}, {"d": "1/3"})


@pytest.mark.parametrize(
    "args, message",
    [
        (["--grid", "w=0:4:3", "--grid", "d=0:1:2"], "give one grid only"),
        (["--grid", "w=0:4:3", "--param", "w=1"], "w is swept by the grid"),
        (["--param", "w=0:4:3", "--param", "w=1"], "w is swept by the grid"),
    ],
)
def test_sweep_refuses_conflicting_grids_and_values(args: list[str], message: str) -> None:
    result = run("sweep", "us-russia-2x2", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output
