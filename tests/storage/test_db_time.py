"""Stored times read back exactly, and only in the one format ``to_db_time`` writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.storage.base import from_db_time, to_db_time


@pytest.mark.parametrize("moment", [datetime(2026, 1, 1, tzinfo=UTC),
                                    datetime(1999, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone(timedelta(hours=9)))])
def test_a_stored_time_reads_back_as_the_same_moment_in_utc(moment: datetime) -> None:
    read = from_db_time(to_db_time(moment))
    assert (read, read.tzinfo) == (moment, UTC)


@pytest.mark.parametrize("text", ["2026-12-01", "2026-12-01T16:32:46.308933", "2026-12-01T16:32:46.308933+00:00",
                                  "xxxx-12-01T16:32:46.308933Z"])
def test_other_shapes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        from_db_time(text)
