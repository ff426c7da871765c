"""The paper bundle (``gametheory report``): every file, reproducible bytes, a main.tex that
compiles, a self-contained report.html (checked in headless Chromium where installed), the
provenance of every number, and no half-written bundle on error."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import gametheory
from gametheory.models import load_model
from gametheory.report import write_bundle

MODEL = "us-russia-2x2"
#: Small enough to keep the test quick: the regime map at 3 x 3 cells, 100 samples.
OPTIONS = ["--param", "d=2", "--seed", "5", "--samples", "100", "--resolution", "3"]


def _run(*args: str) -> object:
    return CliRunner().invoke(cli.cli, ["report", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same bundle written twice, to two directories."""
    root = tmp_path_factory.mktemp("bundles")
    for name in ("a", "b"):
        result = _run(MODEL, "-o", str(root / name), *OPTIONS)
        assert result.exit_code == 0, result.output
    return root / "a", root / "b"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_runs_give_the_same_bytes_but_the_time(bundles):
    first, second = (_files(b) for b in bundles)
    assert first.keys() == second.keys()
    assert {"main.tex", "report.html", "provenance.json", "tables/payoffs.tex",
            "tables/equilibria.tex", "tables/sensitivity.tex", "tables/robustness.tex",
            "figures/game.pdf", "figures/regime-map.pdf", "figures/robustness.pdf"} <= first.keys()
    for name in first:
        if name != "provenance.json":
            assert first[name] == second[name], name
    one, two = (json.loads(f["provenance.json"]) for f in (first, second))
    assert one.pop("generated") and two.pop("generated")
    assert one == two


def test_provenance_names_the_input_the_parameters_and_every_file(bundles):
    folder = bundles[0]
    provenance = json.loads((folder / "provenance.json").read_text())
    model = load_model(MODEL)
    assert provenance["input"] == {
        "file": Path(model.path).name,
        "sha256": hashlib.sha256(Path(model.path).read_bytes()).hexdigest(),
    }
    expected = {k: str(v) for k, v in model.values({"d": "2"}).items()}
    assert provenance["parameters"] == expected and expected["d"] == "2"
    assert (provenance["seed"], provenance["samples"]) == (5, 100)
    assert provenance["version"] == gametheory.__version__
    assert provenance["command"] == ("gametheory report us-russia-2x2 --param=d=2 --seed=5 "
                                     "--samples=100 --resolution=3 -o DIR")
    for name, digest in provenance["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert set(provenance["files"]) == set(_files(folder)) - {"provenance.json"}


def test_tables_hold_the_solvers_numbers(bundles):
    folder = bundles[0]
    game = load_model(MODEL).game({"d": "2"})
    payoffs = (folder / "tables/payoffs.tex").read_text()
    for profile in game.pure_profiles():
        for value in game.payoff(profile):
            assert str(value) in payoffs
    from gametheory import solve

    html = (folder / "report.html").read_text()
    for eq in solve(game).equilibria:
        for value in eq.payoffs:
            assert f"{value.numerator}/{value.denominator}".removesuffix("/1") in html
    assert isinstance(eq.payoffs[0], Fraction)


def test_report_html_is_self_contained(bundles):
    html = (bundles[0] / "report.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert html.count("<svg") == 3  # game, regime map, robustness
    for fetch in ("<script", "<link", "<img", "src=", "@import", "url(http"):
        assert fetch not in html


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
def test_main_tex_compiles_as_it_is(bundles, tmp_path):
    folder = tmp_path / "paper"
    shutil.copytree(bundles[0], folder)
    for _ in range(2):  # longtable settles its column widths on the second run
        done = subprocess.run(
            ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
             "main.tex"], cwd=folder, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout[-3000:]
    log = (folder / "main.log").read_text(errors="replace")
    assert "LaTeX Error" not in log and "undefined" not in log.lower()
    assert (folder / "main.pdf").stat().st_size > 10_000


def _chromium() -> str | None:
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    for path in ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium"):
        if Path(path).exists():
            return path
    return None


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium installed: the HTML "
                    "report is checked only for self-containment here")
def test_report_html_renders_in_headless_chromium(bundles, tmp_path):
    image = pytest.importorskip("PIL.Image", reason="Pillow reads the screenshot")
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}",
         "--disable-background-networking", "--window-size=1200,3000",
         f"--screenshot={shot}", (bundles[0] / "report.html").as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    with image.open(shot) as picture:
        grey = picture.convert("L")
        dark = sum(grey.histogram()[:128])
        assert grey.size == (1200, 3000)
        assert dark > 2000  # text and tables were drawn, not a blank page


def test_a_full_directory_is_refused_before_any_work(tmp_path):
    (tmp_path / "old.txt").write_text("keep me")
    result = CliRunner().invoke(cli.cli, ["report", MODEL, "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path}: the directory exists and is not empty; use " \
        "--force to replace it\n"
    assert (tmp_path / "old.txt").read_text() == "keep me"


def test_force_replaces_only_an_earlier_bundle(tmp_path, monkeypatch):
    # A file of the author's, the input model and the current directory are never replaced,
    # with --force or without; an earlier bundle (with pdflatex's main.* beside it) is.
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "thesis.tex").write_text("mine")
    result = CliRunner().invoke(cli.cli, ["report", MODEL, "-o", str(folder), "--force"])
    assert (result.exit_code, result.output) == (
        1, f"Error: {folder}: holds 'thesis.tex', which is not part of a bundle; --force "
        "replaces only an earlier bundle: give a new directory\n")
    assert (folder / "thesis.tex").read_text() == "mine"
    model = tmp_path / "project" / "model.toml"
    model.parent.mkdir()
    shutil.copy(load_model(MODEL).path, model)
    result = CliRunner().invoke(cli.cli, ["report", str(model), "-o", str(model.parent),
                                          "--force"])
    assert (result.exit_code, result.output) == (
        1, f"Error: {model.parent}: holds the input model; give another directory\n")
    assert model.exists()
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli.cli, ["report", MODEL, "-o", ".", "--force"])
    assert (result.exit_code, result.output) == (
        1, "Error: .: is the current directory (or holds it); give a new directory\n")
    earlier = tmp_path / "earlier"
    write_bundle({"main.tex": b"old", "tables/a.tex": b"t"}, earlier)
    (earlier / "main.pdf").write_bytes(b"%PDF")
    write_bundle({"main.tex": b"new"}, earlier, force=True)
    assert _files(earlier) == {"main.tex": b"new"}


def test_an_error_leaves_no_bundle(tmp_path, monkeypatch):
    import gametheory.report._bundle_parts as parts

    def broken(*_args, **_kwargs):
        raise gametheory.errors.GameError("figure failed")

    monkeypatch.setattr(parts, "figures", broken)
    result = CliRunner().invoke(cli.cli, ["report", MODEL, "-o", str(tmp_path / "new"),
                                          "--samples", "10"])
    assert (result.exit_code, result.output) == (1, "Error: figure failed\n")
    assert list(tmp_path.iterdir()) == []


def test_write_bundle_is_all_or_nothing(tmp_path, monkeypatch):
    target = tmp_path / "bundle"
    write_bundle({"main.tex": b"old"}, target)
    files = {"main.tex": b"x", "tables/a.tex": b"y", "figures/b.pdf": b"z"}
    calls = []
    real = Path.write_bytes

    def failing(self, data):
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError):
        write_bundle(files, target, force=True)
    monkeypatch.undo()
    assert _files(target) == {"main.tex": b"old"}  # the old bundle, untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle"]  # no temporary left
    write_bundle(files, target, force=True)
    assert _files(target) == files


def test_a_game_tree_is_refused(tmp_path):
    result = CliRunner().invoke(cli.cli, ["report", "entry-deterrence", "-o",
                                          str(tmp_path / "x")])
    assert result.exit_code == 1 and "strategic form" in result.output
    assert not (tmp_path / "x").exists()
