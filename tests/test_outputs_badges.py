"""SVG badges, read back with an XML parser as a browser or screen reader would."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from macros import urls
from macros.outputs.badges import LABEL_COLOUR, STATE_COLOURS
from macros.wording import STATE_LABELS
from tests.test_outputs import HOSTILE, LIVE, LIVE_NOW, SITE_NAME, write_site

SVG = "{http://www.w3.org/2000/svg}"


def badge(site: Path, component_id: str | None = None) -> ET.Element:
    return ET.parse(site / urls.badge(component_id)).getroot()


def shown_words(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def contrast_with_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_each_component_badge_says_its_state_in_words(tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    expected = {
        "ehr": ("Patient records (EHR)", "Partly not working"),
        "lab-results": ("Lab results", "Working"),
        "printing": ("Printing", "Planned work"),
        "payroll": ("Payroll and e-rostering", "Working"),
    }
    for component_id, (name, state) in expected.items():
        svg = badge(site, component_id)
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text == f"{name}: {state}"
        assert svg.get("aria-label") == f"{name}: {state}"
        assert shown_words(svg) == [name, state]


def test_the_overall_badge_says_the_banner_level_and_sentence(tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    svg = badge(site)
    assert svg.find(f"{SVG}title").text == f"{SITE_NAME}: Problems"
    assert svg.find(f"{SVG}desc").text == "Patient records are slow to open"
    quiet = write_site("basic", "2026-12-01T12:00+00:00", tmp_path / "quiet")
    assert shown_words(badge(quiet)) == [SITE_NAME, "Working"]


def test_badge_colours_keep_white_text_readable() -> None:
    assert set(STATE_COLOURS) == set(STATE_LABELS)
    for colour in (LABEL_COLOUR, *STATE_COLOURS.values()):
        assert contrast_with_white(colour) >= 4.5, colour


def test_names_with_markup_stay_text_in_a_well_formed_badge(tmp_path: Path) -> None:
    site = write_site(HOSTILE, "2026-11-20T08:30+00:00", tmp_path / "site")
    svg = badge(site, "ehr")
    assert svg.find(f"{SVG}title").text == 'Records & "charts": Not working'
    assert [child.tag for child in svg] == [f"{SVG}title", f"{SVG}rect", f"{SVG}rect",
                                            f"{SVG}g"]
    assert "<script" not in (site / urls.badge("ehr")).read_text(encoding="utf-8")
