"""Usage statistics without personal data: daily counts per event kind, the /stats summary, chart and CSV.

    events  KINDS, StatsLog.record(kind, label=None) (the one call handlers make), intake_events
    report  build_report, summary_ja, to_csv: pure functions of the counts
    chart   draw: the funnel by question and a daily line as a phone-width PNG (matplotlib, Agg)
"""

from bot.stats.events import KINDS, StatsLog, intake_events, japan_day
from bot.stats.report import Report, build_report, summary_ja, to_csv

__all__ = ["KINDS", "Report", "StatsLog", "build_report", "intake_events", "japan_day", "summary_ja", "to_csv"]
