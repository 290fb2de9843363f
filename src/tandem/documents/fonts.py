"""The Unicode font every PDF embeds, found at run time on this machine (no network).

fpdf2's core fonts only know latin-1: "Deniz Yılmaz" would print as "Deniz Yilmaz" and a
name in Cyrillic or Greek as question marks. DejaVu Sans covers Latin, Greek, Cyrillic
and more; it ships inside matplotlib's package data (a dependency, which also draws the
charts) and in Debian's fonts-dejavu package, whichever is found first.
"""

import functools
import importlib.util
from pathlib import Path

FAMILY = "DejaVu"
STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
SYSTEM_FOLDER = Path("/usr/share/fonts/truetype/dejavu")


def _folders() -> list[Path]:
    folders = []
    spec = importlib.util.find_spec("matplotlib")
    if spec and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            folders.append(Path(location) / "mpl-data" / "fonts" / "ttf")
    return [*folders, SYSTEM_FOLDER]


@functools.cache
def font_files() -> dict[str, Path]:
    """Style ("" regular, "B" bold) → the font file; raises when none is installed."""
    for folder in _folders():
        files = {style: folder / name for style, name in STYLES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    raise RuntimeError(
        "No DejaVu Sans font found for PDFs: install matplotlib (a dependency of Tandem) "
        "or Debian's fonts-dejavu-core."
    )


def add_fonts(pdf) -> str:
    """Register the font's styles with an FPDF document; returns the family name."""
    for style, path in font_files().items():
        pdf.add_font(FAMILY, style=style, fname=str(path))
    return FAMILY
