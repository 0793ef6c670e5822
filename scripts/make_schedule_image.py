"""Draw the recommended combined-treatment schedule as content/{ja,en}/images/schedule.png.

The pictures are committed; run this only when the schedule or its wording changes:

    .venv/bin/python scripts/make_schedule_image.py

It takes no arguments and writes both languages. The schedule follows the clinic's article (TMS 5x a week for
4-6 weeks, then maintenance 1-2x a week; an exosome infusion every 2 weeks right after TMS, for 3-6 months).
The drawing is a guide, not a booking plan: months are drawn as 4 weeks so that 6 months fit the 24-week axis.

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
WIDTH, HEIGHT = 1280, 720
WEEKS = 24
X0, X1 = 70, 1160  # the week axis, left and right
TMS_DAILY_WEEKS = 6  # the base course is 4-6 weeks; weeks 4-6 are drawn a little lighter
TMS_MIN_WEEKS = 4
INFUSION_WEEKS = range(0, WEEKS, 2)  # every 2 weeks, 12 infusions in about 6 months
FIRST_PHASE_END = 12  # about 3 months: solid markers; months 4-6 are drawn lighter with a dashed edge

BACKGROUND = (251, 250, 247)
INK = (47, 58, 69)
MUTED = (110, 120, 130)
GRID = (226, 224, 218)
TMS = (58, 124, 165)
TMS_LIGHT = (128, 172, 201)
TMS_MAINT = (206, 225, 238)
EXO = (82, 150, 118)
EXO_LIGHT = (205, 229, 216)
PHASE1 = (240, 246, 242)
PHASE2 = (246, 248, 247)

FONT_DIRS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
             Path("/usr/share/fonts/google-noto-cjk")]


@dataclass(frozen=True)
class Labels:
    title: str
    subtitle: str
    tms: str
    tms_daily: str
    tms_course: str
    tms_maint: str
    exo: str
    exo_detail: str
    exo_phase1: str
    exo_phase2: str
    weeks: str
    week_unit: str
    month: str
    notes: tuple[str, ...]


LABELS = {
    "ja": Labels(
        title="TMS治療とエクソソーム点滴の併用：推奨スケジュール（目安）",
        subtitle="和光医院のコラムで紹介しているスケジュールを図にしたものです",
        tms="TMS治療",
        tms_daily="週5回・1回約30分",
        tms_course="基本コース 4〜6週間",
        tms_maint="維持TMS：週1〜2回（期間は医師と相談）",
        exo="エクソソーム点滴",
        exo_detail="2週間に1回・1回100〜200億個・TMSの直後に点滴",
        exo_phase1="〜3か月",
        exo_phase2="4〜6か月（続ける場合）",
        weeks="週",
        week_unit="{n}週",
        month="{n}か月",
        notes=(
            "※ 目安のイメージです（1か月を4週として表示）。実際の回数・期間は診察のうえで医師が決めます。",
            "※ エクソソーム点滴は国内未承認・研究段階の治療です。併用の効果を調べた研究は公表されていません。",
        ),
    ),
    "en": Labels(
        title="TMS combined with exosome infusion: recommended schedule (guide)",
        subtitle="The schedule described in Wako Clinic's article, drawn as a timeline",
        tms="TMS",
        tms_daily="5x a week, ~30 min",
        tms_course="Base course: 4-6 weeks",
        tms_maint="Maintenance TMS: 1-2x a week (length decided with the doctor)",
        exo="Exosome infusion",
        exo_detail="Every 2 weeks, 10-20 billion exosomes, right after TMS",
        exo_phase1="up to month 3",
        exo_phase2="months 4-6 (if continued)",
        weeks="weeks",
        week_unit="wk {n}",
        month="month {n}",
        notes=(
            "Guide only (a month is drawn as 4 weeks). The doctor decides the actual sessions and length.",
            "Exosome infusion is unapproved in Japan and research-stage; the combination has no published study.",
        ),
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
        draw.arc((cx - r, cy - r, cx + r, cy + r), start, start + 18, fill=colour, width=3)


def text_centered(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, font: ImageFont.FreeTypeFont,
                  fill: tuple[int, int, int]) -> None:
    draw.text((x, y), text, font=font, fill=fill, anchor="mt")


def draw_schedule(labels: Labels, fonts: Fonts) -> Image.Image:
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    d = ImageDraw.Draw(img)
    d.text((X0 - 20, 28), labels.title, font=fonts.get(34, bold=True), fill=INK)
    d.text((X0 - 20, 76), labels.subtitle, font=fonts.get(20), fill=MUTED)

    top, axis_y = 120, 500
    # phase backgrounds for the infusion period: months 1-3 and 4-6
    d.rectangle((wx(0), top, wx(FIRST_PHASE_END), axis_y), fill=PHASE1)
    d.rectangle((wx(FIRST_PHASE_END), top, wx(WEEKS), axis_y), fill=PHASE2)
    for month in range(1, WEEKS // 4 + 1):
        x = wx(month * 4)
        d.line((x, top, x, axis_y), fill=GRID, width=2)

    # TMS row
    d.text((X0, 134), labels.tms, font=fonts.get(28, bold=True), fill=TMS)
    bar_top, bar_bottom = 178, 250
    d.rounded_rectangle((wx(0), bar_top, wx(TMS_MIN_WEEKS), bar_bottom), radius=10, fill=TMS)
    d.rounded_rectangle((wx(TMS_MIN_WEEKS) - 12, bar_top, wx(TMS_DAILY_WEEKS), bar_bottom), radius=10,
                        fill=TMS_LIGHT)
    d.rectangle((wx(TMS_MIN_WEEKS) - 12, bar_top, wx(TMS_MIN_WEEKS), bar_bottom), fill=TMS)
    mid = (wx(0) + wx(TMS_DAILY_WEEKS)) / 2
    text_centered(d, mid, bar_top + 10, labels.tms_daily, fonts.get(22, bold=True), (255, 255, 255))
    text_centered(d, mid, bar_top + 40, labels.tms_course, fonts.get(20), (255, 255, 255))
    maint_top, maint_bottom = bar_top + 14, bar_bottom - 14
    d.rounded_rectangle((wx(TMS_DAILY_WEEKS) + 6, maint_top, wx(WEEKS), maint_bottom), radius=8, fill=TMS_MAINT)
    for week in range(TMS_DAILY_WEEKS, WEEKS):  # one small tick a week: 1-2 sessions
        x = wx(week + 0.5)
        d.ellipse((x - 5, (maint_top + maint_bottom) / 2 - 5, x + 5, (maint_top + maint_bottom) / 2 + 5),
                  fill=TMS_LIGHT)
    d.text((wx(TMS_DAILY_WEEKS) + 16, bar_bottom + 10), labels.tms_maint, font=fonts.get(22), fill=TMS)

    # exosome row
    d.text((X0, 318), labels.exo, font=fonts.get(28, bold=True), fill=EXO)
    d.text((X0, 356), labels.exo_detail, font=fonts.get(22), fill=INK)
    cy, r = 430, 17
    for week in INFUSION_WEEKS:
        cx = wx(week)
        if week < FIRST_PHASE_END:
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=EXO)
        else:
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=EXO_LIGHT)
            dashed_circle(d, cx, cy, r, EXO)
    small = fonts.get(21)
    text_centered(d, (wx(0) + wx(FIRST_PHASE_END)) / 2, cy + 30, labels.exo_phase1, small, EXO)
    text_centered(d, (wx(FIRST_PHASE_END) + wx(WEEKS)) / 2, cy + 30, labels.exo_phase2, small, EXO)

    # axis: weeks, with months under it
    d.line((wx(0), axis_y, wx(WEEKS), axis_y), fill=INK, width=3)
    tick_font, month_font = fonts.get(22), fonts.get(22, bold=True)
    for week in range(WEEKS + 1):
        x = wx(week)
        major = week % 2 == 0
        d.line((x, axis_y, x, axis_y + (12 if major else 6)), fill=INK, width=2)
        if major:
            text_centered(d, x, axis_y + 16, str(week), tick_font, INK)
    d.text((wx(WEEKS) + 24, axis_y + 16), labels.weeks, font=tick_font, fill=INK)
    for month in range(1, WEEKS // 4 + 1):
        text_centered(d, wx(month * 4), axis_y + 46, labels.month.format(n=month), month_font, MUTED)

    notes_font = fonts.get(21)
    for i, note in enumerate(labels.notes):
        d.text((X0 - 20, 618 + i * 32), note, font=notes_font, fill=MUTED)
    return img


def main() -> None:
    fonts = Fonts()
    for lang, labels in LABELS.items():
        out = ROOT / "content" / lang / "images" / "schedule.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        image = draw_schedule(labels, fonts)
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
        print(f"{out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
