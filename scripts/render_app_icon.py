"""Renders the app icon from Font Awesome's "wallet" glyph (via qtawesome, which ships the font).

The glyph's outline is taken from the font as a vector path, centred on a rounded square, and written
as ``resources/icons/deskwallet.svg``, as PNGs at 16…512 px (``deskwallet-<size>.png``) and as
``deskwallet.ico`` (Windows). Same
library version in, same files out: run it again after upgrading qtawesome.
Usage: python scripts/render_app_icon.py [--out resources/icons]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
GLYPH = ("fa5s", "wallet")
BACKGROUND = "#2f6fdb"
FOREGROUND = "#ffffff"
CANVAS = 512.0  # the SVG's view box; PNGs scale this drawing
CORNER = 0.18  # corner radius of the rounded square, as a share of the side
GLYPH_SHARE = 0.62  # the glyph's larger side, as a share of the square's side


def glyph_path() -> QPainterPath:
    """The glyph's outline, scaled and centred on a CANVAS × CANVAS square."""
    import qtawesome  # type: ignore[import-untyped]

    prefix, name = GLYPH
    font = qtawesome.font(prefix, 256)
    char = qtawesome.charmap(f"{prefix}.{name}")
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, char)
    box = path.boundingRect()
    scale = CANVAS * GLYPH_SHARE / max(box.width(), box.height())
    transform = QTransform()
    transform.translate(CANVAS / 2, CANVAS / 2)
    transform.scale(scale, scale)
    transform.translate(-box.center().x(), -box.center().y())
    return transform.map(path)


def background_path() -> QPainterPath:
    path = QPainterPath()
    radius = CANVAS * CORNER
    path.addRoundedRect(QRectF(0, 0, CANVAS, CANVAS), radius, radius)
    return path


def svg_path_data(path: QPainterPath) -> str:
    """The path as SVG path data (Qt's elements: move, line and cubic curves)."""
    parts: list[str] = []
    index = 0
    while index < path.elementCount():
        element = path.elementAt(index)
        if element.isMoveTo():
            parts.append(f"M{element.x:.2f} {element.y:.2f}")
        elif element.isLineTo():
            parts.append(f"L{element.x:.2f} {element.y:.2f}")
        else:  # CurveTo, followed by its two CurveToData elements
            c2, end = path.elementAt(index + 1), path.elementAt(index + 2)
            parts.append(f"C{element.x:.2f} {element.y:.2f} {c2.x:.2f} {c2.y:.2f} {end.x:.2f} {end.y:.2f}")
            index += 2
        index += 1
    return " ".join(parts) + " Z"


def write_svg(target: Path, glyph: QPainterPath) -> None:
    radius = CANVAS * CORNER
    fill_rule = "evenodd" if glyph.fillRule() == Qt.FillRule.OddEvenFill else "nonzero"
    target.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CANVAS:g} {CANVAS:g}" '
        f'width="{CANVAS:g}" height="{CANVAS:g}">\n'
        f'  <!-- Font Awesome Free 5 "wallet" (CC BY 4.0, https://fontawesome.com/license/free) -->\n'
        f'  <rect width="{CANVAS:g}" height="{CANVAS:g}" rx="{radius:g}" fill="{BACKGROUND}"/>\n'
        f'  <path fill="{FOREGROUND}" fill-rule="{fill_rule}" d="{svg_path_data(glyph)}"/>\n'
        f'</svg>\n', encoding="utf-8")


def write_png(target: Path, size: int, glyph: QPainterPath) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / CANVAS, size / CANVAS)
    painter.fillPath(background_path(), QColor(BACKGROUND))
    painter.fillPath(glyph, QColor(FOREGROUND))
    painter.end()
    if not image.save(str(target), "PNG"):
        raise OSError(f"could not write {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "icons")
    args = parser.parse_args()
    QApplication.instance() or QApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    glyph = glyph_path()
    write_svg(args.out / "deskwallet.svg", glyph)
    for size in SIZES:
        write_png(args.out / f"deskwallet-{size}.png", size, glyph)
    # Windows wants .ico for the executable's icon (Qt's ico plugin writes one 256 px image).
    ico = QImage(str(args.out / "deskwallet-256.png"))
    if not ico.save(str(args.out / "deskwallet.ico"), "ICO"):
        raise OSError("could not write deskwallet.ico")
    print(f"wrote deskwallet.svg, deskwallet.ico and {len(SIZES)} PNGs to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
