"""Start-up work that timeframe.py no longer does: its own code gives dateutil's and calendar's answers."""
from __future__ import annotations

import calendar
import datetime
import subprocess
import sys

import pytest
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as relative_weekday

from newslint_plugins import timeframe


def test_the_names_are_calendars_english_names():
    assert timeframe.DAY_NAMES == tuple(calendar.day_name)
    assert timeframe.MONTH_NAMES == tuple(calendar.month_name)


@pytest.mark.parametrize("weekday", range(7))
def test_the_weekday_steps_are_relativedeltas(weekday):
    first = datetime.date(2023, 12, 1)
    for offset in range(500):  # leap day, year ends, every weekday of the anchor
        day = first + datetime.timedelta(days=offset)
        assert timeframe.weekday_before(day, weekday) == day + relativedelta(days=-1, weekday=relative_weekday(weekday)(-1))
        assert timeframe.weekday_after(day, weekday) == day + relativedelta(days=+1, weekday=relative_weekday(weekday)(+1))


def test_dateutil_is_imported_only_to_read_a_date():
    code = ("import sys; import newslint_plugins.timeframe as t; before = 'dateutil' in sys.modules;"
            " day = t.parse_date('Published 3 March 2024'); print(before, day)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "2024-03-03"]
