"""`bedside render`: the status pages and files written into a site that another generator
built (Zensical, which does not run MkDocs plugins) are the MkDocs build's, byte for byte.

No Zensical here: the render step runs on a folder that holds only a sitemap, and on the
page `docs/overrides/bedside-light.html` writes where the light shell is not available.
tests/test_zensical.py runs the real Zensical build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from markupsafe import Markup

from macros.cli import main
from tests.helpers import REPO, Build, bedside_files, copy_tree, generator_pages

NOW = "2026-11-20T08:30+00:00"
SITE_URL = "https://it.eastbrook.example.org/"
SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           f"    <url>\n         <loc>{SITE_URL}</loc>\n    </url>\n</urlset>\n")
LOC = re.compile(r"<loc>([^<]*)</loc>")
MAIN = re.compile(r"<main\b[^>]*>\n?(.*?)\n?</main>", re.S)
# The two pages with `template: bedside-light.html`, as their front matter and the nav
# describe them.
LIGHT_PAGES = {
    "": dict(title="Home",
             description="Is something down or planned? And how the IT team works with you.",
             edit_url="https://github.com/eastbrook-hospital-it/bedside/edit/main/docs/index.md"),
    "status/": dict(title="IT status now", edit=False,
                    description="What is working, what is being fixed, and what planned "
                                "work is coming up.",
                    edit_url="https://github.com/eastbrook-hospital-it/bedside/edit/main/"
                             "docs/status/index.md"),
}


@pytest.fixture
def render(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
           ) -> Callable[..., SimpleNamespace]:
    """Run `bedside render --site-dir SITE` on the status tree `status`, at NOW."""
    def run(site: Path, status: Path, config: Path = REPO / "mkdocs.yml") -> SimpleNamespace:
        monkeypatch.setenv("BEDSIDE_STATUS_DIR", str(status))
        monkeypatch.setenv("BEDSIDE_NOW", NOW)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        code = main(["render", "--site-dir", str(site), "--config", str(config)])
        out, err = capsys.readouterr()
        return SimpleNamespace(code=code, out=out, err=err)
    return run


def sitemap_pages(site: Path) -> set[str]:
    return {loc.removeprefix(SITE_URL)
            for loc in LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8"))}


def generator_site(tmp_path: Path) -> Path:
    """A built site as far as `bedside render` needs one: a folder with the sitemap."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
    return site


@pytest.mark.parametrize("tree", ["audiences", "all-well"])
def test_render_writes_every_status_page_and_file_the_plugin_writes(
        tree: str, tmp_path: Path, site_builds: Callable[..., Build],
        render: Callable[..., SimpleNamespace]) -> None:
    mkdocs = site_builds(tree, NOW)
    assert mkdocs.returncode == 0, mkdocs.output
    site = generator_site(tmp_path)

    result = render(site, copy_tree(tree, tmp_path))

    assert result.code == 0, result.err
    expected = bedside_files(mkdocs.site) - generator_pages()
    assert bedside_files(site) == expected
    differ = [f for f in sorted(expected)
              if (site / f).read_bytes() != (mkdocs.site / f).read_bytes()]
    assert not differ, f"not the MkDocs build's: {differ}"
    # Every page, one per incident, planned work, history page and audience, the board
    # and the banner's page (the audiences tree has them all) ...
    pages = {f.removesuffix("index.html") for f in expected if f.endswith("/index.html")}
    kinds = {"status/incidents/", "status/maintenance/", "status/history/", "status/board/",
             "status/banner/"} | ({"status/for/"} if tree == "audiences" else set())
    assert {kind for kind in kinds if any(p.startswith(kind) for p in pages)} == kinds
    # ... is listed in the generator's sitemap, as after an MkDocs build.
    assert sitemap_pages(site) == {""} | {
        p for p in sitemap_pages(mkdocs.site) if p.startswith("status/")
        and f"{p}index.html" not in generator_pages()}
    assert "status pages and files into" in result.out


def handed_over(url: str, content: str) -> str:
    """The page docs/overrides/bedside-light.html writes where the light shell is not
    there (Zensical), rendered here with Jinja2 as Zensical renders it."""
    about = LIGHT_PAGES[url]
    page = SimpleNamespace(url=url, title=about["title"], edit_url=about["edit_url"],
                           content=Markup(content),
                           meta={"description": about["description"]}
                           | ({"edit": about["edit"]} if "edit" in about else {}))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "docs" / "overrides"),
                             autoescape=True)
    config = {"extra": {}, "site_name": "Eastbrook Hospital IT", "theme": {"language": "en"}}
    return env.get_template("bedside-light.html").render(page=page, config=config)


@pytest.mark.parametrize("url", LIGHT_PAGES, ids=lambda url: url or "home")
def test_render_puts_a_handed_over_page_in_the_light_shell(
        url: str, tmp_path: Path, site_builds: Callable[..., Build],
        render: Callable[..., SimpleNamespace]) -> None:
    mkdocs = site_builds("all-well", NOW)
    assert mkdocs.returncode == 0, mkdocs.output
    expected = mkdocs.page(url)
    content = MAIN.search(expected)
    assert content is not None
    site = generator_site(tmp_path)
    page = site / url / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(handed_over(url, content.group(1)), encoding="utf-8")
    assert 'id="bedside-light-page"' in page.read_text(encoding="utf-8")

    result = render(site, copy_tree("all-well", tmp_path))

    assert result.code == 0, result.err
    assert page.read_text(encoding="utf-8") == expected
    assert "put 1 pages in the light shell" in result.out


def test_render_stops_when_the_site_folder_is_not_there(
        tmp_path: Path, render: Callable[..., SimpleNamespace]) -> None:
    missing = tmp_path / "site"

    result = render(missing, copy_tree("all-well", tmp_path))

    assert result.code == 1
    assert "site is not a built site: build it first" in result.err
    assert "Traceback" not in result.err
    assert not missing.exists()


def test_render_stops_on_a_missing_config(tmp_path: Path,
                                          render: Callable[..., SimpleNamespace]) -> None:
    site = generator_site(tmp_path)

    result = render(site, copy_tree("all-well", tmp_path), config=tmp_path / "mkdocs.yml")

    assert result.code == 1
    assert "mkdocs.yml does not exist: give the site's configuration with --config" \
        in result.err
    assert sorted(p.name for p in site.iterdir()) == ["sitemap.xml"]


def test_render_stops_on_bad_status_data_and_writes_nothing(
        tmp_path: Path, render: Callable[..., SimpleNamespace]) -> None:
    status = copy_tree("all-well", tmp_path)
    incident = status / "incidents" / "2026-11-10-printing-labels.yml"
    incident.write_text(incident.read_text(encoding="utf-8").replace(
        "impact: minor", "impact: catastrophic"), encoding="utf-8")
    site = generator_site(tmp_path)

    result = render(site, status)

    assert result.code == 1
    assert "so nothing was built" in result.err
    assert "2026-11-10-printing-labels.yml:2:9: error: impact:" in result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in site.iterdir()) == ["sitemap.xml"]
    assert (site / "sitemap.xml").read_text(encoding="utf-8") == SITEMAP
