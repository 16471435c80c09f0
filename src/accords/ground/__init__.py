"""Events on the ground and life after signature, as people read them: CSV import of
conflict events, the timeline beside the rounds, and its plot."""

from accords.ground.acled import ImportResult, parse_events_csv
from accords.ground.timeline import TimelineRow, obligation_rows, timeline_rows

__all__ = ["ImportResult", "TimelineRow", "obligation_rows", "parse_events_csv", "timeline_rows"]
