"""Draw Sinergi's app icons with Pillow into static/icons/ (192, 512, maskable 512, apple-touch 180).

The drawing: a white disc on the desk's blue holding an "S" made of two interlocking arcs (agencies working
together) with an amber dot at its centre (the polling station). The maskable variant keeps everything inside
the 80 % safe zone. Run: ``.venv/bin/python scripts/make_icons.py``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (15, 76, 129, 255)
AMBER = (217, 119, 6, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def draw(size: int, *, maskable: bool) -> Image.Image:
    scale = 4  # draw large, then downsample for smooth edges
    big = size * scale
    img = Image.new("RGBA", (big, big), BLUE if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if not maskable:
        radius = big // 5
        d.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=BLUE)
    # The disc: the whole icon for "any", inside the safe zone (r = 40 %) for "maskable".
    disc = 0.36 if maskable else 0.42
    c = big / 2
    r = big * disc
    d.ellipse((c - r, c - r, c + r, c + r), fill=WHITE)
    # The "S": two arcs, upper one opening right, lower one opening left.
    w = max(2, int(r * 0.16))
    a = r * 0.42
    d.arc((c - a, c - 2 * a + w / 2, c + a, c + w / 2), start=90, end=330, fill=BLUE, width=w)
    d.arc((c - a, c - w / 2, c + a, c + 2 * a - w / 2), start=-90, end=150, fill=BLUE, width=w)
    dot = r * 0.13
    d.ellipse((c - dot, c - dot, c + dot, c + dot), fill=AMBER)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)

    def save(img: Image.Image, name: str) -> None:
        # A 32-colour palette keeps the anti-aliased edges and makes the files a few KB (weak signal).
        img.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(OUT / name, optimize=True)

    save(draw(192, maskable=False), "icon-192.png")
    save(draw(512, maskable=False), "icon-512.png")
    save(draw(512, maskable=True), "maskable-512.png")
    # iOS ignores transparency and rounds the corners itself: a full-bleed square.
    save(draw(180, maskable=True).convert("RGB"), "apple-touch-icon.png")
    for name in ("icon-192.png", "icon-512.png", "maskable-512.png", "apple-touch-icon.png"):
        print(OUT / name, (OUT / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
