"""``gametheory robustness`` and the rank-only verdicts of ``analyze``: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

ONE_OPEN = str(Path("tests/data/models/one_open.toml").resolve())


def run(*args: str):
    return CliRunner().invoke(cli.cli, list(args))


def test_json_contract() -> None:
    result = run("robustness", ONE_OPEN, "-n", "3000", "--seed", "5", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["samples"], data["seed"], data["mode"]) == (3000, 5, "ranks")
    assert data["orders"] == {"Row": "6", "Column": "6"}
    first = data["outcomes"][0]
    assert first["profile"] == {"Row": "r1", "Column": "c1"}
    assert (first["always"], first["never"], first["order_share"]) == (False, False, "1/6")
    assert first["equilibrium_share"] == f"{first['count'] / 3000:.6f}"
    assert first["rests_on"] == [
        {"player": "Row", "better": ["r1", "c1"], "worse": ["r2", "c1"], "settled": False},
        {"player": "Column", "better": ["r1", "c1"], "worse": ["r1", "c2"], "settled": True},
    ]
    assert data["supports"][0]["supports"] == {"Row": ["r2"], "Column": ["c1"]}
    assert sum(int(c) for c in data["equilibrium_counts"].values()) == 3000
    assert data["open_comparisons"] == [
        {"player": "Row", "outcomes": [["r1", "c1"], ["r2", "c1"]], "source": "para. 2"}
    ]
    assert isinstance(data["unique_share"], str)


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "csv", "json"])
def test_every_format_is_reproducible(fmt: str) -> None:
    args = ("robustness", ONE_OPEN, "-n", "500", "--seed", "1", "-f", fmt)
    first = run(*args)
    assert first.exit_code == 0, first.output
    assert first.stdout == run(*args).stdout
    if fmt == "csv":
        assert first.stdout.startswith("Row \\ Column,c1,c2\n")


def test_text_names_the_mode_seed_and_verdicts() -> None:
    out = run("robustness", ONE_OPEN, "-n", "500", "--seed", "1").stdout
    assert "Over the ranks" in out and "500 samples, seed 1" in out
    assert "Verdicts from the ranks alone" in out
    assert "Row     (r1, c1)  (r2, c1)  open        para. 2" in out


def test_workers_give_the_same_bytes(tmp_path: Path) -> None:
    one = run("robustness", "us-russia", "-n", "10001", "--seed", "3", "-f", "json").stdout
    two = run("robustness", "us-russia", "-n", "10001", "--seed", "3", "-w", "2", "-f", "json")
    assert two.exit_code == 0 and two.stdout == one


def test_output_file_and_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out, fig = tmp_path / "r.json", tmp_path / "r.png"
    result = run("robustness", ONE_OPEN, "-n", "200", "--seed", "1", "-o", str(out),
                 "--plot", str(fig))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["samples"] == 200
    assert fig.read_bytes().startswith(b"\x89PNG")


def test_interrupt_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gametheory.robustness as package

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(package, "robustness", interrupted)
    out = tmp_path / "r.json"
    result = run("robustness", ONE_OPEN, "-n", "200", "-o", str(out))
    assert result.exit_code == 130 and "interrupted" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("-n", "0"), 2, "0 is not in the range 1<=x<=100000000"),
        (("-n", "many"), 2, "'many' is not a valid integer"),
        (("-w", "0"), 2, "0 is not in the range x>=1"),
        (("-w", "2", "--scheduler", "tcp://127.0.0.1:9"), 2, "not both"),
        (("--param-distribution", "c"), 2, "not NAME=DISTRIBUTION"),
        (("--over", "ranks"), 1, "rank-only verdicts need every player's ranks: Driver 1 has"),
        (("--param-distribution", "c=normal(0,1)"), 1, "unknown distribution 'normal'"),
        (("--param-distribution", "k=uniform(0,1)"), 1, "unknown parameter 'k'"),
        (("--scheduler", "tcp://127.0.0.1:9"), 1, "cannot reach the Dask scheduler"),
        (("--scheduler", "nowhere"), 1, "not a scheduler address"),
        (("--param-distribution", "c=uniform(-1,1)"), 1, "outside the parameter's declared"),
        (("--over", "ranks", "--param-distribution", "c=uniform(1,2)"), 2, "goes with --over"),
        (("-p", "c=2", "--param-distribution", "c=uniform(1,2)"), 2, "not both"),
        (("--param-distribution", "c=uniform(1,2)", "--param-distribution", "c=uniform(1,3)"),
         2, "given a distribution twice"),
        (("-n", "100000001"), 2, "100000001 is not in the range"),
        (("-o", "same.png", "--plot", "same.png"), 1, "two outputs name the same file"),
    ],
)
def test_bad_input_is_one_line(args: tuple, code: int, message: str) -> None:
    result = run("robustness", "chicken", "-n", "10", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_analyze_adds_rank_verdicts() -> None:
    text = run("analyze", "us-russia").stdout
    assert "Verdicts from the ranks alone" in text
    assert "Admissible orders: US 8, Russia 6" in text
    data = json.loads(run("analyze", "us-russia", "-f", "json").stdout)
    shares = {
        (o["profile"]["US"], o["profile"]["Russia"]): o["order_share"]
        for o in data["rank_verdicts"]["outcomes"] if o["order_share"] != "0"
    }
    assert shares == {
        ("concede", "hard_demand"): "1/2", ("pressure", "hard_demand"): "1/6",
        ("friendly_offer", "friendly_offer"): "1/4",
    }
    assert "rank_verdicts" not in json.loads(run("analyze", "chicken", "-f", "json").stdout)
