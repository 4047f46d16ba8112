"""`bedside bench`: time the build as history grows, weigh the status page, time the fetch."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from macros.bench import (
    BenchError,
    format_comparison,
    format_fetch,
    format_report,
    read_previous,
    run_bench,
    run_fetch_bench,
    time_build,
    write_results,
)
from macros.cli import add_tree_option
from macros.loader import check_tree
from macros.paths import display_path, find_project_root

DEFAULT_SIZES = "100,1000,5000"
DEFAULT_OUT = "bench-results/bench.json"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of numbers; write it like 100,1000,5000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give at least one size, each 1 or more")
    return sizes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench", help="measure build time, page weight and fetch time (for developers)",
        description="Generate status trees of several sizes, time `mkdocs build` on each, "
                    "weigh the status page and time reading 20 loopback sources. "
                    "Prints a table, writes JSON and compares it with the last run.",
    )
    parser.add_argument("--sizes", type=_sizes, default=_sizes(DEFAULT_SIZES),
                        metavar="N,N,...",
                        help=f"numbers of incidents to build with (default: {DEFAULT_SIZES})")
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), metavar="FILE",
                        help=f"where to write the JSON results (default: {DEFAULT_OUT}); "
                             "an earlier file there is compared, then replaced")
    parser.add_argument("--skip-fetch", action="store_true",
                        help="do not time reading the loopback sources")
    parser.add_argument("--only-fetch", action="store_true",
                        help="only time the fetch: 20 loopback sources, then 55 hostile and "
                             "valid ones with bedside fetch --deadline 15 (no builds)")
    parser.add_argument("--runs", type=int, default=3, metavar="N",
                        help="how many times to run the 55-source mix (default 3)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="keep the generated trees and sites in DIR (default: a "
                             "temporary folder, removed afterwards)")
    add_tree_option(parser, help_text="also time the build of this status tree (for "
                                      "example status/), after the generated ones")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.only_fetch:
        print("Benchmarking bedside fetch only.")
        fetch, hostile = run_fetch_bench(max(1, args.runs))
        print("\n".join(format_fetch(fetch, hostile)))
        return 0
    project = find_project_root()
    previous = read_previous(args.out)
    print(f"Benchmarking {project} with {', '.join(map(str, args.sizes))} incidents.")
    try:
        results = run_bench(project, args.sizes, skip_fetch=args.skip_fetch, keep=args.keep)
    except BenchError as error:
        print(f"The benchmark stopped: {error}")
        return 1
    print()
    print(format_report(results))
    if previous:
        print()
        print(format_comparison(previous, results))
    if args.tree:
        print()
        print(_time_given_tree(project, Path(args.tree)))
    write_results(args.out, results)
    print(f"\nWrote {args.out}.")
    return 0


def _time_given_tree(project: Path, root: Path) -> str:
    """One strict build of the tree named by --dir, in a line."""
    checked = check_tree(root, project)
    if checked.tree is None:
        return (f"{display_path(root)} has errors, so it was not built; `bedside check --dir "
                f"{display_path(root)}` lists them.")
    if not checked.tree.incidents:
        return f"{display_path(root)} has no incidents, so there is no incident page to weigh."
    with tempfile.TemporaryDirectory(prefix="bedside-bench-") as work:
        try:
            run = time_build(project, root, Path(work) / "site", len(checked.tree.incidents))
        except BenchError as error:
            return f"{display_path(root)} did not build: {error}"
    return (f"{display_path(root)} ({run.incidents} incidents): built in {run.seconds:.2f} s; "
            f"status home {run.status_home_bytes / 1000:,.1f} KB.")
