"""Writing output files into the built site."""

from __future__ import annotations

from pathlib import Path


def write_bytes(site_dir: Path, address: str, data: bytes) -> Path:
    """Write `data` at the site-relative `address`, creating folders as needed."""
    path = site_dir / address
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_text(site_dir: Path, address: str, text: str) -> Path:
    """Write `text` as UTF-8 at the site-relative `address`."""
    return write_bytes(site_dir, address, text.encode("utf-8"))
