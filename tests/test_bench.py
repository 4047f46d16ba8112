"""`bedside bench`: the generated history is valid data, the page is weighed
from what it references, and a run is compared with the one before."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from macros.bench import format_comparison, format_fetch, format_report, page_weight, read_previous
from macros.bench_tree import write_tree
from macros.cli import main
from macros.loader import check_tree
from macros.promises import promise_warnings

NOW = datetime.fromisoformat("2026-11-20T08:30+00:00")


def test_generated_history_is_valid_status_data(tmp_path: Path) -> None:
    tree = check_tree(write_tree(tmp_path / "status", 60, NOW)).tree
    assert tree is not None
    assert len(tree.incidents) == 60
    assert len(tree.components) == 20
    assert all(i.is_resolved for i in tree.incidents)
    assert all(len(i.updates) >= 3 for i in tree.incidents)
    first, last = tree.incidents[0].started_at, tree.incidents[-1].started_at
    assert (last - first).days > 700, "the history should span two years"
    assert promise_warnings(tree, NOW) == [], "no late updates in a made-up history"


def test_page_weight_counts_what_the_page_references(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "status").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text("body { color: black; }\n" * 50)
    (site / "assets" / "site.js").write_text("console.log('hi');\n" * 50)
    (site / "status" / "index.html").write_text(
        '<link rel="stylesheet" href="../assets/site.css">'
        '<script src="../assets/site.js"></script>'
        '<script src="https://cdn.example.com/x.js"></script><p>Working</p>')
    weight = page_weight(site)
    assert weight["by_kind"]["css"]["raw"] == 23 * 50
    assert weight["by_kind"]["js"]["files"] == 1
    assert weight["by_kind"]["css"]["gzip"] < weight["by_kind"]["css"]["raw"]
    assert weight["total"]["files"] == 3
    assert weight["external_references"] == ["https://cdn.example.com/x.js"]


def _results(seconds: float) -> dict:
    return {
        "format": 1, "when": "2026-11-20T08:30:00+00:00",
        "builds": [{"incidents": 100, "seconds": seconds, "site_bytes": 1000, "site_files": 10,
                    "incident_page_bytes": 500, "status_home_bytes": 700,
                    "search_index_bytes": 300, "nav_links_per_page": 40,
                    "generated_pages_in_search": 0}],
        "growth": [],
        "page_weight": {"page": "status/", "by_kind": {"html": {"files": 1, "raw": 700,
                                                                "gzip": 200}},
                        "total": {"files": 1, "raw": 700, "gzip": 200},
                        "referenced_requests": 1, "external_references": [],
                        "loaded_in_chromium": None},
        "fetch": None,
    }


def test_report_and_comparison_show_the_figures(tmp_path: Path) -> None:
    report = format_report(_results(2.0))
    assert "incidents" in report and "2.00" in report
    comparison = format_comparison(_results(2.0), _results(3.0))
    assert "100 incidents: build s" in comparison
    assert "+50%" in comparison

    earlier = tmp_path / "bench.json"
    earlier.write_text(json.dumps(_results(2.0)))
    assert read_previous(earlier)["builds"][0]["seconds"] == 2.0
    earlier.write_text("not json")
    assert read_previous(earlier) is None


def test_bench_refuses_sizes_that_are_not_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["bench", "--sizes", "ten,20"])
    assert stop.value.code == 2
    assert "not a list of numbers" in capsys.readouterr().err


def test_the_fetch_report_shows_each_hostile_run() -> None:
    run = {"wall_s": 14.3, "peak_pss_bytes": 380_000_000, "peak_rss_sum_bytes": 700_000_000,
           "peak_processes": 25, "valid_read": 14, "valid_total": 15,
           "big_feed_newest_first": False, "load_average": 3.5,
           "missed": ["failed        big-feed-1     it did not finish in the time allowed"]}
    lines = format_fetch(None, {"sources": 55, "valid": 15, "deadline_s": 15, "runs": [run]})
    table = "\n".join(lines)
    assert "55 sources at once (15 valid), bedside fetch --deadline 15" in table
    assert "14.30 s" in table and "380 MB" in table and "700 MB" in table and "14/15" in table
    assert "not read: failed        big-feed-1" in table
