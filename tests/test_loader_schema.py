"""The JSON Schemas VS Code uses agree with the loader: they are generated from the model,
committed up to date, and accept and reject the same files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from macros.schema import SCHEMAS, render_schema, schema_document, schema_path
from macros.yamlsafe import read_yaml
from tests.helpers import REPO, TREES

KINDS = {"components.yml": "components", "sources.yml": "sources",
         "incidents": "incident", "maintenance": "maintenance", "notify.yml": "notify"}


def status_files(root: Path) -> list[tuple[Path, str]]:
    found = []
    for name, kind in KINDS.items():
        target = root / name
        paths = sorted(target.glob("*.yml")) if target.is_dir() else [target]
        found += [(path, kind) for path in paths if path.is_file()]
    return found


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schemas_are_current(name: str) -> None:
    """If this fails, run `bedside schemas` and commit the result."""
    assert schema_path(name).read_text(encoding="utf-8") == render_schema(name)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schemas_are_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_path(name).read_text()))


@pytest.mark.parametrize(("path", "kind"), status_files(TREES / "basic")
                         + status_files(REPO / "status"), ids=str)
def test_every_status_file_passes_the_editor_schema_and_names_it(path: Path, kind: str) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    named = (path.parent / first.split("=", 1)[1]).resolve()
    expected = schema_path(kind).resolve()
    # the repository's own files point at the committed schema by a relative path
    if path.is_relative_to(REPO / "status"):
        assert named == expected
    jsonschema.validate(read_yaml(path, str(path)).data, schema_document(kind))


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    bad = {"title": "Slow", "impact": "big", "components": {"ehr": "down"}, "affects": "All",
           "updates": [{"at": "8:15", "status": "fixed", "mesage": "x"}]}
    errors = {e.json_path for e in
              jsonschema.Draft202012Validator(schema_document("incident")).iter_errors(bad)}
    assert errors == {"$.impact", "$.components.ehr", "$.updates[0]",
                      "$.updates[0].at", "$.updates[0].status"}


def test_fields_offer_examples_for_completion() -> None:
    update = schema_document("incident")["properties"]["updates"]["items"]["properties"]
    assert update["next_update"]["examples"] == ["2026-11-20T08:45"]
    assert update["status"]["enum"] == ["investigating", "identified", "monitoring", "resolved"]


def run_schemas(package_parent: Path) -> subprocess.CompletedProcess:
    """`bedside schemas` run with the `macros` package found in `package_parent`."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([sys.executable, "-m", "macros.cli", "schemas"], capture_output=True,
                          text=True, cwd=package_parent, env=env, timeout=120)


def test_bedside_schemas_refuses_to_write_into_an_installed_package(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    shutil.copytree(REPO / "macros", site / "macros",
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = {p.name: p.read_bytes() for p in (site / "macros" / "schemas").iterdir()}
    (site / "macros" / "schemas" / "incident.schema.json").write_text("{}")
    result = run_schemas(site)
    assert result.returncode == 1
    assert "is part of an installed package, not a clone of the repository, so nothing " \
           "was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "macros" / "schemas" / "incident.schema.json").read_text() == "{}"
    assert len(before) == len(list((site / "macros" / "schemas").iterdir()))


def test_bedside_schemas_names_the_files_it_writes_in_a_checkout(tmp_path: Path) -> None:
    checkout = tmp_path / "bedside"
    shutil.copytree(REPO / "macros", checkout / "macros",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "mkdocs.yml"):
        shutil.copy(REPO / name, checkout / name)
    (checkout / "macros" / "schemas" / "notify.schema.json").write_text("{}")
    result = run_schemas(checkout)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        *(f"Wrote macros/schemas/{name}.schema.json" for name in SCHEMAS),
        "status.schema.json is written by hand, so it was left as it is.",
    ]
    assert (checkout / "macros" / "schemas" / "notify.schema.json").read_text() == \
        render_schema("notify")
