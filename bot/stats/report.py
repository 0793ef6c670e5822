"""What ``/stats`` tells staff: totals over some days, the application funnel by question, a CSV of the counts.

Pure functions of the counts (``StatsLog.counts``) and the current questionnaire, so they are tested without a
bot. Staff read Japanese; the summary is Telegram HTML.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.stats.events import KINDS, Key

DAILY_LINES = ("start", "application_started", "submitted")
"""The kinds drawn as daily lines on the chart."""
TOP_PAGES = 3


@dataclass(frozen=True)
class FunnelStep:
    number: int
    """Position in intake.yaml (1-based); 0 for a question the current questionnaire no longer has."""
    question_id: str
    label: str
    reached: int
    answered: int

    @property
    def stopped(self) -> int:
        """Applications that saw this question and did not answer it (in the period)."""
        return max(self.reached - self.answered, 0)

    @property
    def name(self) -> str:
        return f"Q{self.number}" if self.number else self.question_id


@dataclass
class Report:
    first_day: dt.date
    last_day: dt.date
    totals: Counter[str] = field(default_factory=Counter)
    labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    daily: dict[str, list[int]] = field(default_factory=dict)
    funnel: list[FunnelStep] = field(default_factory=list)

    @property
    def days(self) -> list[dt.date]:
        n = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=i) for i in range(n)]

    @property
    def worst_stop(self) -> FunnelStep | None:
        """The question where most applications stopped (the earliest on a tie); None if none stopped."""
        stopped = [step for step in self.funnel if step.stopped]
        return max(stopped, key=lambda s: s.stopped) if stopped else None


def build_report(counts: Mapping[Key, int], first_day: dt.date, last_day: dt.date,
                 questions: Sequence[tuple[str, str]]) -> Report:
    """``questions``: (id, label) of the current questionnaire in order."""
    report = Report(first_day, last_day)
    index = {day.isoformat(): i for i, day in enumerate(report.days)}
    report.daily = {kind: [0] * len(index) for kind in DAILY_LINES}
    for (day, kind, label), n in counts.items():
        report.totals[kind] += n
        report.labels[kind][label] += n
        if kind in report.daily and day in index:
            report.daily[kind][index[day]] += n
    reached, answered = report.labels["question_reached"], report.labels["question_answered"]
    known = [qid for qid, _ in questions]
    report.funnel = [FunnelStep(i, qid, label, reached[qid], answered[qid])
                     for i, (qid, label) in enumerate(questions, 1)]
    report.funnel += [FunnelStep(0, qid, qid, reached[qid], answered[qid])
                      for qid in sorted(set(reached) | set(answered)) if qid not in known]
    return report


def _day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def summary_ja(report: Report, page_titles: Mapping[str, str]) -> str:
    """The short Japanese summary (Telegram HTML) sent above the chart."""
    totals = report.totals
    days = len(report.days)
    period = _day(report.first_day) if days == 1 else f"{_day(report.first_day)}〜{_day(report.last_day)}"
    lines = [f"<b>利用状況 {period}（{days}日間）</b>", f"開始（/start）: {totals['start']}回"]
    pages = report.labels["page"].most_common(TOP_PAGES)
    top = "、".join(f"{html.escape(page_titles.get(pid, pid))} {n}回" for pid, n in pages)
    lines.append(f"ページ表示: {totals['page']}回" + (f"（多い順: {top}）" if top else ""))
    lines.append(f"入力された質問: 回答 {totals['faq_answered']}回・候補を提示 {totals['faq_choices']}回・"
                 f"回答できず {totals['faq_unanswered']}回")
    tiers = "、".join(f"{tier or '—'} {n}回" for tier, n in sorted(report.labels["crisis"].items()))
    lines.append(f"危機対応のメッセージ: {totals['crisis']}回" + (f"（{tiers}）" if tiers else ""))
    lines.append(f"申込: 開始 {totals['application_started']}件 → 送信 {totals['submitted']}件"
                 f"（同意せず {totals['consent_declined']}件・中止 {totals['cancelled']}件）")
    worst = report.worst_stop
    if worst is not None:
        lines.append(f"途中で止まった質問: {worst.name}「{html.escape(worst.label)}」で {worst.stopped}件"
                     f"（止まった合計 {sum(s.stopped for s in report.funnel)}件）")
    else:
        lines.append("途中で止まった質問: なし")
    lines.append(f"取り下げ {totals['withdrawn']}件・データ削除 {totals['deleted']}件")
    lines.append("<i>グラフ: 上は質問ごとに表示された数と回答された数、下は日ごとの開始・申込開始・送信です。"
                 "人数ではなく回数で、誰が使ったかは記録していません。</i>")
    return "\n".join(lines)


def to_csv(counts: Mapping[Key, int]) -> bytes:
    """day,kind,label,count — UTF-8 with BOM so Excel opens it; kinds explained in ``KINDS``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["day", "kind", "label", "count", "meaning"])
    for (day, kind, label), n in sorted(counts.items()):
        writer.writerow([day, kind, label, n, KINDS.get(kind, "")])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
