"""The CI recipes in docs/ci/ run: their reportgen commands, as the YAML says them, with two build machines."""

from __future__ import annotations

import glob
import io
import re
import shlex
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from tests.conftest import REPO
from tests.test_engine import site_files

SHARDS = 2


@dataclass(frozen=True)
class Recipe:
    """What a CI system would do with a recipe, read from its YAML: the commands and the paths it moves."""

    build: list[str]  # the build job's commands
    assemble: list[str]  # the assemble job's commands
    cache: str  # the folder the CI cache restores and saves in a build job
    upload: Callable[[int], str]  # the folder a build job keeps as its artifact
    download: Callable[[int], str]  # where the assemble job finds that artifact
    expand: Callable[[str, int], str]  # a command with the shard's variables filled in


def github(path: Path) -> Recipe:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    build, assemble = workflow["jobs"]["build"], workflow["jobs"]["assemble"]
    assert build["strategy"]["matrix"]["shard"] == list(range(1, int(workflow["env"]["SHARDS"]) + 1))
    assert workflow["jobs"]["deploy"]["needs"] == "assemble" and assemble["needs"] == "build"
    assert [s.get("run") for s in build["steps"]].index("make setup") < len(build["steps"]) - 3
    assert "make .venv/.installed" in [s.get("run") for s in assemble["steps"]]
    step = {s.get("uses", "").split("@")[0]: s for s in build["steps"] + assemble["steps"]}
    cache = step["actions/cache/restore"]["with"]["path"]
    assert step["actions/cache/save"]["with"]["path"] == cache
    upload, download = step["actions/upload-artifact"]["with"], step["actions/download-artifact"]["with"]
    assert re.fullmatch(download["pattern"].replace("*", ".*"), upload["name"])

    def expand(line: str, shard: int) -> str:
        values = {"matrix.shard": str(shard), "env.SHARDS": str(SHARDS)}
        return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda found: values[found[1]], line)

    return Recipe(
        build=_commands(build["steps"]),
        assemble=_commands(assemble["steps"]),
        cache=cache,
        upload=lambda shard: expand(upload["path"], shard),
        download=lambda shard: f"{download['path']}/{expand(upload['name'], shard)}",  # one folder per artifact
        expand=expand,
    )


def gitlab(path: Path) -> Recipe:
    pipeline = yaml.safe_load(path.read_text(encoding="utf-8"))
    build, pages = pipeline["laporan"], pipeline["pages"]
    assert isinstance(build["parallel"], int) and pages["needs"] == ["laporan"]
    assert pages["artifacts"]["paths"] == ["public"] and pages["script"][-1] == "mv output/site public"
    assert build["script"][0] == "make setup" and pages["script"][0].startswith("make .venv/.installed")
    (cache,) = build["cache"]["paths"]
    (kept,) = build["artifacts"]["paths"]

    def expand(line: str, shard: int) -> str:
        values = {"CI_NODE_INDEX": str(shard), "CI_NODE_TOTAL": str(SHARDS)}
        return re.sub(r"\$(\w+)", lambda found: values[found[1]], line)

    def folder(shard: int) -> str:  # where the build job writes its shard: inside what it keeps
        (command,) = [line for line in build["script"] if "reportgen" in line]
        output = shlex.split(expand(command, shard))
        return output[output.index("--keluaran") + 1]

    assert all(folder(shard).startswith(kept.rstrip("/") + "/") for shard in (1, 2))
    return Recipe(
        build=[line for line in build["script"] if "reportgen" in line],
        assemble=[line for line in pages["script"] if "reportgen" in line],
        cache=cache.rstrip("/"),
        upload=folder,
        download=folder,  # artifacts come back at the path they were kept from
        expand=expand,
    )


def _commands(steps: list[dict]) -> list[str]:
    return [line for step in steps for line in step.get("run", "").splitlines() if "reportgen" in line]


@pytest.fixture(scope="module")
def ci_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CI system's cache, shared by the recipes' build jobs (the second recipe finds the first's reports)."""
    return tmp_path_factory.mktemp("ci-cache")


def checkout(where: Path) -> Path:
    """A fresh checkout of the example project on a CI machine."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, where / name)
    shutil.copy(REPO / "reports.yaml", where)
    return where


def run(line: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run one reportgen command line of a recipe in `cwd`, as the shell would (globs expanded)."""
    monkeypatch.chdir(cwd)
    words = shlex.split(line)
    assert Path(words[0]).name == "reportgen", line
    argv = [match for word in words[1:] for match in (sorted(glob.glob(word)) if "*" in word else [word])]
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) == 0, err.getvalue()
    return out.getvalue()


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_a_ci_recipe_builds_two_shards_and_assembles_the_single_machine_site(
    name, examples, ci_cache, tmp_path, monkeypatch
):
    recipe = (github if name.startswith("github") else gitlab)(REPO / "docs/ci" / name)
    assert recipe.build and recipe.assemble
    publisher = checkout(tmp_path / "assemble")
    for shard in range(1, SHARDS + 1):
        machine = checkout(tmp_path / f"build-{shard}")
        shutil.copytree(ci_cache, machine / recipe.cache, dirs_exist_ok=True)  # the cache restored
        for line in recipe.build:
            run(recipe.expand(line, shard), machine, monkeypatch)
        shutil.copytree(machine / recipe.cache, ci_cache, dirs_exist_ok=True)  # and saved
        shutil.copytree(machine / recipe.upload(shard), publisher / recipe.download(shard))  # the artifact
    said = [run(line, publisher, monkeypatch) for line in recipe.assemble]
    assert said[-1].startswith(f"5 laporan dirakit dari {SHARDS} shard.")
    single, assembled = site_files(examples), site_files(publisher / "output/site")
    assert sorted(assembled) == sorted(single)
    assert [path for path in single if single[path] != assembled[path]] == []
