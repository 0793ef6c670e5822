"""The ``/stats`` picture: the application funnel by question above a daily line, at phone width (PNG).

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display, no global state), so it can run in
a worker thread. Labels on the picture are ASCII (Q1, Q2 ..., dates) so it needs no Japanese font on the server;
the Japanese summary sent with it says what is drawn. matplotlib is imported on first use: start-up does not pay
for it.
"""

from __future__ import annotations

import io

from bot.stats.report import DAILY_LINES, Report

WIDTH_PX = 1080
"""A phone screen's width in pixels: Telegram shows the picture full width without scaling text down."""
DPI = 180
LINE_NAMES = {"start": "/start", "application_started": "applications begun", "submitted": "sent"}


def draw(report: Report) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    steps = [s for s in report.funnel if s.reached or s.answered] or report.funnel[:1]
    width = WIDTH_PX / DPI
    funnel_height = 0.9 + 0.24 * max(len(steps), 1)
    figure = Figure(figsize=(width, funnel_height + 2.6), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, height_ratios=[funnel_height, 2.6])

    names = [s.name for s in steps]
    positions = list(range(len(steps)))
    top.barh(positions, [s.reached for s in steps], color="#9cc3e6", label="shown")
    top.barh(positions, [s.answered for s in steps], height=0.45, color="#2b5278", label="answered")
    for y, step in zip(positions, steps, strict=True):
        if step.stopped:
            top.text(step.reached, y, f"  -{step.stopped}", va="center", fontsize=7, color="#d1242f")
    top.set_yticks(positions, names, fontsize=7)
    top.invert_yaxis()
    top.set_title("Application: shown and answered, by question", fontsize=9)
    top.tick_params(axis="x", labelsize=7)
    top.xaxis.get_major_locator().set_params(integer=True)
    top.legend(fontsize=7, loc="lower right")

    days = [d.strftime("%m-%d") for d in report.days]
    for kind in DAILY_LINES:
        bottom.plot(days, report.daily.get(kind, [0] * len(days)), marker="o", markersize=3, linewidth=1.5,
                    label=LINE_NAMES[kind])
    bottom.set_title("Per day", fontsize=9)
    bottom.tick_params(labelsize=7)
    bottom.yaxis.get_major_locator().set_params(integer=True)
    bottom.set_ylim(bottom=0)
    if len(days) > 10:
        every = max(len(days) // 8, 1)
        bottom.set_xticks(range(0, len(days), every), days[::every])
    bottom.legend(fontsize=7, loc="upper left")

    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
