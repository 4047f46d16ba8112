"""Reading status files never runs code, never blows up, and never crashes: whatever
bytes are in a `.yml` file, the result is a list of problems naming that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.loader import check_tree, load_tree
from macros.problems import StatusDataError
from macros.yamlsafe import MAX_FILE_BYTES
from tests.helpers import TREES

NAME = "incidents/2026-11-20-test.yml"
VALID = (TREES / "basic" / "incidents" / "2026-11-20-ehr-slow.yml").read_bytes()
VALID_PLANNED = (TREES / "basic" / "maintenance" / "2026-12-06-ehr-upgrade.yml").read_bytes()


@pytest.fixture
def status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "status"
    shutil.copytree(TREES / "basic", root)
    monkeypatch.chdir(tmp_path)
    return root


def problems(root: Path, data: bytes, name: str = NAME) -> list[str]:
    (root / name).write_bytes(data)
    return [str(p) for p in check_tree(root).problems]


def test_an_alias_bomb_is_refused_at_once(status: Path) -> None:
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, 10):
        refs = ",".join([f"*{chr(96 + level)}"] * 9)
        bomb += f"{chr(97 + level)}: &{chr(97 + level)} [{refs}]\n".encode()
    found = problems(status, bomb)
    assert found == [f"status/{NAME}:2:8: error: anchors and aliases (*name) are not allowed; "
                     "write the value out in full"]


@pytest.mark.parametrize(("text", "tag"), [
    ("title: !!python/object/apply:os.system [echo hacked]\n", "!!python/object/apply:os.system"),
    ("title: !!python/name:os.system\n", "!!python/name:os.system"),
    ("title: !custom hello\n", "!custom"),
    ("title: !!binary aGVsbG8=\n", "!!binary"),
    ("components: !!set {ehr: null}\n", "!!set"),
])
def test_tags_are_refused_and_nothing_runs(status: Path, text: str, tag: str,
                                           tmp_path: Path) -> None:
    found = problems(status, text.encode())
    assert len(found) == 1
    assert f"the tag {tag} is not allowed; remove it" in found[0]
    assert found[0].startswith(f"status/{NAME}:1:")


def test_merge_keys_are_refused(status: Path) -> None:
    found = problems(status, b"defaults: {impact: major}\nupdates:\n  - <<: {status: x}\n")
    assert found == [f"status/{NAME}:3:5: error: merging fields with << is not allowed; write the "
                     "fields out in full"]


def test_a_duplicate_key_is_reported_and_the_rest_still_checked(status: Path) -> None:
    text = VALID.replace(b"impact: major\n", b"impact: major\nimpact: minor\n").replace(
        b"status: monitoring", b"status: watching")
    found = problems(status, text)
    assert found == [
        f"status/{NAME}:4:1: error: impact: this field appears twice (first on line 3); keep one "
        "and delete the other",
        f'status/{NAME}:25:13: error: updates[2].status: "watching" is not one of investigating, '
        'identified, monitoring, resolved (did you mean "monitoring"?)',
    ]


def test_a_duplicate_key_inside_an_update(status: Path) -> None:
    text = VALID.replace(b"    status: identified\n",
                         b"    status: identified\n    status: monitoring\n")
    assert problems(status, text) == [
        f"status/{NAME}:18:5: error: updates[1].status: this field appears twice (first on "
        "line 17); keep one and delete the other"]


def test_a_file_over_the_size_cap(status: Path) -> None:
    big = VALID + b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    assert problems(status, big) == [
        f"status/{NAME}:1:1: error: the file is {len(big) // 1024} KB; the limit is "
        f"{MAX_FILE_BYTES // 1024} KB. Split it or shorten it"]


def test_a_file_that_is_not_utf8(status: Path) -> None:
    text = VALID.replace(b"Wards and clinics", "Wards and cliniques é".encode("latin-1"))
    assert problems(status, text) == [
        f"status/{NAME}:6:1: error: the file is not UTF-8 text; save it as UTF-8"]


def test_a_file_with_nul_bytes(status: Path) -> None:
    assert problems(status, VALID + b"\x00") == [
        f"status/{NAME}:1:1: error: the file is not text (it holds NUL bytes)"]


def test_a_byte_order_mark_is_fine(status: Path) -> None:
    assert problems(status, b"\xef\xbb\xbf" + VALID) == []


def test_deep_nesting_is_refused(status: Path) -> None:
    found = problems(status, b"title: " + b"[" * 200 + b"]" * 200 + b"\n")
    assert len(found) == 1
    assert "nested too deeply" in found[0]


def test_pasted_brackets_are_refused_where_they_nest_too_deep(status: Path) -> None:
    found = problems(status, b"title: Printers\nimpact: minor\naffects: " + b"[" * 20_000 + b"\n")
    assert found == [f"status/{NAME}:3:{len('affects: ') + 41}: error: the file is nested too "
                     "deeply to read; if this is text, put it in quotes"]


def test_a_broken_file_stops_loading_with_the_projects_error(status: Path) -> None:
    (status / NAME).write_bytes(b"title: [unclosed\n")
    with pytest.raises(StatusDataError) as raised:
        load_tree(status)
    assert f"status/{NAME}:" in str(raised.value)


# --- any bytes at all ------------------------------------------------------------------

_PIECES = [b":", b": ", b"\n", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!str ", b"!x ",
           b"'", b'"', b"#", b"? ", b"|", b">", b"\t", b"null", b"8:15", b"yes", b"~",
           b"2026-13-01T99:00", b"resolved", b"  - at: ", b"updates:", b"\xff", b"\x00",
           b"\xef\xbb\xbf", b"%YAML 1.1\n", b"---\n", b"<<: ", b"\\u0000", b"1e999"]


@st.composite
def mutated_status_file(draw: st.DrawFn) -> bytes:
    """A valid incident or planned work with a few pieces inserted, cut or repeated."""
    data = bytearray(draw(st.sampled_from([VALID, VALID_PLANNED])))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        span = draw(st.integers(0, 40))
        action = draw(st.sampled_from(["insert", "cut", "repeat"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(_PIECES) | st.binary(max_size=6))
        elif action == "cut":
            del data[at:at + span]
        else:
            data[at:at] = data[at:at + span]
    return bytes(data)


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """Only components.yml, so each example reads just one other file."""
    root = tmp_path / "bare"
    for folder in ("incidents", "maintenance"):
        (root / folder).mkdir(parents=True)
    shutil.copy(TREES / "basic" / "components.yml", root)
    return root


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), mutated_status_file()),
       folder=st.sampled_from(["incidents", "maintenance"]))
def test_any_bytes_give_problems_naming_the_file_never_a_crash(
        bare: Path, data: bytes, folder: str) -> None:
    path = bare / folder / "2026-11-21-fuzz.yml"
    path.write_bytes(data)
    try:
        load_tree(bare)
    except StatusDataError as error:
        assert error.problems
        assert all(p.path.endswith(f"{folder}/2026-11-21-fuzz.yml") for p in error.problems)
        assert all(p.line >= 1 and p.col >= 1 for p in error.problems)
        assert "2026-11-21-fuzz.yml" in str(error)
    finally:
        path.unlink()
