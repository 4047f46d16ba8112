"""SVG badges: one per component and one for everything, to show on intranet pages.

Each badge says its state in words (never colour alone), has `role="img"`,
an `aria-label` and a `<title>` for screen readers, and is built with
ElementTree so text from the data is always escaped (characters XML forbids
are dropped first, by `formats.one_line`). White text on every
badge colour has a contrast of at least 4.5:1.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from macros import urls, wording
from macros.outputs.formats import one_line
from macros.outputs.writing import write_text
from macros.status_document.edition import Edition
from macros.text import as_written

SVG_NS = "http://www.w3.org/2000/svg"
HEIGHT = 20
PADDING = 6
FONT = "Verdana,DejaVu Sans,Geneva,sans-serif"
FONT_SIZE = 11
LABEL_COLOUR = "#454545"

STATE_COLOURS = {
    "operational": "#17692f",
    "under_maintenance": "#1f4e8c",
    "degraded_performance": "#8a5300",
    "partial_outage": "#a3400c",
    "major_outage": "#a51d24",
}
INDICATOR_STATES = {
    "none": "operational",
    "maintenance": "under_maintenance",
    "minor": "degraded_performance",
    "major": "partial_outage",
    "critical": "major_outage",
}

_NARROW = set("fijlrt.,:;!|()[]' ")
_WIDE = set("mwMW@%")


def text_width(text: str) -> int:
    """An estimate of `text`'s width in pixels at 11 px Verdana."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 10.0
        elif char.isupper() or char.isdigit():
            width += 7.6
        else:
            width += 6.6
    return round(width)


def badge_svg(label: str, value: str, colour: str, description: str = "") -> str:
    """A two-part badge, "label | value", as SVG text."""
    ET.register_namespace("", SVG_NS)
    label, value = one_line(as_written(label)), one_line(as_written(value))
    label_w, value_w = text_width(label) + 2 * PADDING, text_width(value) + 2 * PADDING
    spoken = f"{label}: {value}"
    svg = ET.Element(f"{{{SVG_NS}}}svg", {
        "width": str(label_w + value_w), "height": str(HEIGHT),
        "viewBox": f"0 0 {label_w + value_w} {HEIGHT}", "role": "img", "aria-label": spoken,
    })
    ET.SubElement(svg, f"{{{SVG_NS}}}title").text = spoken
    if description:
        ET.SubElement(svg, f"{{{SVG_NS}}}desc").text = one_line(as_written(description))
    ET.SubElement(svg, f"{{{SVG_NS}}}rect", {
        "width": str(label_w), "height": str(HEIGHT), "fill": LABEL_COLOUR})
    ET.SubElement(svg, f"{{{SVG_NS}}}rect", {
        "x": str(label_w), "width": str(value_w), "height": str(HEIGHT), "fill": colour})
    texts = ET.SubElement(svg, f"{{{SVG_NS}}}g", {
        "fill": "#ffffff", "font-family": FONT, "font-size": str(FONT_SIZE),
        "aria-hidden": "true"})
    for x, width, text in ((PADDING, label_w, label), (label_w + PADDING, value_w, value)):
        ET.SubElement(texts, f"{{{SVG_NS}}}text", {
            "x": str(x), "y": "14", "textLength": str(width - 2 * PADDING),
            "lengthAdjust": "spacingAndGlyphs"}).text = text
    return ET.tostring(svg, encoding="unicode", xml_declaration=False) + "\n"


def component_badge(edition: Edition, component_id: str) -> str:
    """The badge of one component: its name and its state in words."""
    state = edition.state.component_states.get(component_id, "operational")
    return badge_svg(edition.tree.component_name(component_id),
                     wording.STATE_LABELS[state], STATE_COLOURS[state])


def overall_badge(edition: Edition) -> str:
    """The badge for everything: the site's name and the banner's label."""
    indicator = edition.state.indicator
    banner = wording.banner(edition.tree, edition.state)
    return badge_svg(edition.site_name, wording.LEVELS[indicator][1],
                     STATE_COLOURS[INDICATOR_STATES[indicator]], as_written(banner.sentence))


def write_badges(edition: Edition, site_dir: Path) -> list[str]:
    """Write the overall badge and one per component; return their addresses."""
    written = [urls.badge()]
    write_text(site_dir, urls.badge(), overall_badge(edition))
    for component_id in edition.tree.components:
        address = urls.badge(component_id)
        write_text(site_dir, address, component_badge(edition, component_id))
        written.append(address)
    return written
