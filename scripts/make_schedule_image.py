"""Draw the combined-treatment guide schedule as content/{ja,en}/images/schedule.png, readable on a phone.

The pictures are committed; run this only when the schedule or its wording changes:

    .venv/bin/python scripts/make_schedule_image.py

It takes no arguments and writes both languages. The schedule follows the clinic's article (TMS 5x a week for
4-6 weeks, then maintenance 1-2x a week; an exosome infusion every 2 weeks right after TMS, for 3-6 months).
The drawing is a guide, not a booking plan: months are drawn as 4 weeks so that 6 months fit the 24-week axis.
It is drawn for a phone: Telegram shows a photo about 390 px wide, so the picture is portrait, holds few words and
its smallest text is 40 px on a 1080 px canvas (14 px on the phone). The caveats are in the page's image_caption.

Fonts: the Japanese labels need a CJK font. The script uses, in this order, the file named by the environment
variable SCHEDULE_FONT (regular) / SCHEDULE_FONT_BOLD, then Noto Sans CJK JP in the usual Debian/Ubuntu places
(/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc, installed by `apt-get install fonts-noto-cjk`),
then whatever `fc-match "Noto Sans CJK JP"` finds. It stops with a clear message if none is there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1080, 1200  # portrait: a phone shows it full width
PHONE_WIDTH = 390  # CSS pixels of a common phone screen; Telegram scales the picture to about this width
MIN_TEXT_PX = 40  # the smallest text drawn: 40 * 390 / 1080 = 14.4 px on the phone
WEEKS = 24
X0, X1 = 90, 1010  # the week axis, left and right
TMS_DAILY_WEEKS = 6  # the base course is 4-6 weeks; weeks 4-6 are drawn a little lighter
TMS_MIN_WEEKS = 4
INFUSION_WEEKS = range(0, WEEKS, 2)  # every 2 weeks, 12 infusions in about 6 months
FIRST_PHASE_END = 12  # about 3 months: solid markers; months 4-6 lighter with a dashed edge

BACKGROUND = (251, 250, 247)
INK = (47, 58, 69)
MUTED = (90, 100, 110)
GRID = (226, 224, 218)
TMS = (40, 104, 145)
TMS_LIGHT = (110, 160, 195)
TMS_MAINT = (206, 225, 238)
EXO = (52, 125, 92)
EXO_LIGHT = (205, 229, 216)
PHASE1 = (240, 246, 242)
CAVEAT = (160, 60, 40)

FONT_DIRS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
             Path("/usr/share/fonts/google-noto-cjk")]


@dataclass(frozen=True)
class Labels:
    """Few words, large: the details and caveats are in the page's image_caption and text."""

    title: str
    tms: str
    tms_daily: str
    tms_maint: str
    exo: str
    exo_detail: str
    exo_phase2: str
    month: str
    caveat: str


LABELS = {
    "ja": Labels(
        title="併用スケジュールの目安",
        tms="TMS治療",
        tms_daily="週5回 × 4〜6週",
        tms_maint="その後 週1〜2回",
        exo="エクソソーム点滴",
        exo_detail="2週に1回 × 3〜6か月",
        exo_phase2="続ける場合",
        month="{n}か月",
        caveat="エクソソーム点滴は未承認・研究段階",
    ),
    "en": Labels(
        title="Combined schedule (guide)",
        tms="TMS",
        tms_daily="5x a week, 4-6 weeks",
        tms_maint="then 1-2x a week",
        exo="Exosome infusion",
        exo_detail="every 2 weeks, 3-6 months",
        exo_phase2="if continued",
        month="{n} mo",
        caveat="Exosome infusion: unapproved, research-stage",
    ),
}


def find_font(bold: bool) -> tuple[str, int]:
    """Path and collection index of a CJK font (see the module docstring for the search order)."""
    env = os.environ.get("SCHEDULE_FONT_BOLD" if bold else "SCHEDULE_FONT")
    if env:
        return env, 0
    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return str(folder / name), 0  # index 0 of the Noto CJK collection is JP
    if shutil.which("fc-match"):
        pattern = "Noto Sans CJK JP:style=Bold" if bold else "Noto Sans CJK JP:style=Regular"
        found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", pattern], capture_output=True, text=True,
                               check=False).stdout.strip()
        path, _, index = found.rpartition(":")
        if "CJK" in path and Path(path).is_file():
            return path, int(index or 0)
    sys.exit("No CJK font found: install one (apt-get install -y fonts-noto-cjk) or set SCHEDULE_FONT and "
             "SCHEDULE_FONT_BOLD to .ttf/.otf/.ttc files that contain Japanese glyphs.")


class Fonts:
    def __init__(self) -> None:
        self._regular = find_font(bold=False)
        self._bold = find_font(bold=True)

    def get(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        path, index = self._bold if bold else self._regular
        return ImageFont.truetype(path, size, index=index)


def wx(week: float) -> int:
    """x pixel of a week on the axis."""
    return round(X0 + (X1 - X0) * week / WEEKS)


def dashed_circle(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, colour: tuple[int, int, int]) -> None:
    for start in range(0, 360, 30):
        draw.arc((cx - r, cy - r, cx + r, cy + r), start, start + 18, fill=colour, width=4)


def text_centered(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, font: ImageFont.FreeTypeFont,
                  fill: tuple[int, int, int]) -> None:
    draw.text((x, y), text, font=font, fill=fill, anchor="mt")


def draw_schedule(labels: Labels, fonts: Fonts) -> Image.Image:
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    d = ImageDraw.Draw(img)
    d.text((X0 - 30, 50), labels.title, font=fonts.get(64, bold=True), fill=INK)

    top, axis_y = 170, 1000
    d.rectangle((wx(0), top, wx(FIRST_PHASE_END), axis_y), fill=PHASE1)
    for month in range(1, WEEKS // 4 + 1):
        x = wx(month * 4)
        d.line((x, top, x, axis_y), fill=GRID, width=3)

    # TMS: the daily course, then maintenance
    d.text((X0, 200), labels.tms, font=fonts.get(56, bold=True), fill=TMS)
    bar_top, bar_bottom = 285, 365
    d.rounded_rectangle((wx(0), bar_top, wx(TMS_DAILY_WEEKS), bar_bottom), radius=14, fill=TMS_LIGHT)
    d.rounded_rectangle((wx(0), bar_top, wx(TMS_MIN_WEEKS), bar_bottom), radius=14, fill=TMS)
    d.rounded_rectangle((wx(TMS_DAILY_WEEKS) + 8, bar_top + 18, wx(WEEKS), bar_bottom - 18), radius=10,
                        fill=TMS_MAINT)
    d.text((X0, bar_bottom + 20), labels.tms_daily, font=fonts.get(48, bold=True), fill=TMS)
    d.text((X0, bar_bottom + 84), labels.tms_maint, font=fonts.get(48), fill=TMS)

    # exosome infusions every 2 weeks
    d.text((X0, 560), labels.exo, font=fonts.get(56, bold=True), fill=EXO)
    cy, r = 680, 24
    for week in INFUSION_WEEKS:
        cx = wx(week) + r
        if week < FIRST_PHASE_END:
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=EXO)
        else:
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=EXO_LIGHT)
            dashed_circle(d, cx, cy, r, EXO)
    d.text((X0, cy + 50), labels.exo_detail, font=fonts.get(48, bold=True), fill=EXO)
    text_centered(d, (wx(FIRST_PHASE_END) + wx(WEEKS)) / 2, cy + 120, labels.exo_phase2, fonts.get(MIN_TEXT_PX),
                  EXO)

    # months under the axis
    d.line((wx(0), axis_y, wx(WEEKS), axis_y), fill=INK, width=4)
    month_font = fonts.get(MIN_TEXT_PX, bold=True)
    for month in range(1, WEEKS // 4 + 1):
        x = wx(month * 4)
        d.line((x, axis_y, x, axis_y + 14), fill=INK, width=3)
        text_centered(d, x, axis_y + 22, labels.month.format(n=month), month_font, MUTED)

    # the status names the infusion it belongs to (TMS is approved): as large as fits between the margins
    room = WIDTH - 2 * (X0 - 30)
    size = next((s for s in (48, 44) if d.textlength(labels.caveat, font=fonts.get(s, bold=True)) <= room),
                MIN_TEXT_PX)
    d.text((X0 - 30, 1110), labels.caveat, font=fonts.get(size, bold=True), fill=CAVEAT)
    return img


def main() -> None:
    fonts = Fonts()
    for lang, labels in LABELS.items():
        out = ROOT / "content" / lang / "images" / "schedule.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        image = draw_schedule(labels, fonts)
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
        print(f"{out.relative_to(ROOT)}: {WIDTH}x{HEIGHT}, {out.stat().st_size // 1024} KB")
    print(f"smallest text at {PHONE_WIDTH} px wide: {MIN_TEXT_PX * PHONE_WIDTH / WIDTH:.1f} px (target >= 13 px)")


if __name__ == "__main__":
    main()
