import calendar
from datetime import date, timedelta

year, month = 2024, 11
print(calendar.month(year, month))
first_wd, ndays = calendar.monthrange(year, month)
print(f"{calendar.month_name[month]} {year}: starts on {calendar.day_name[first_wd]}, {ndays} days")
weeks = calendar.monthcalendar(year, month)
meetings = [d for week in weeks for d in (week[calendar.TUESDAY], week[calendar.THURSDAY]) if d]
print("Tue/Thu meetings:", meetings)
last_friday = max(week[calendar.FRIDAY] for week in weeks)
print("payday:", date(year, month, last_friday).isoformat())
workdays = sum(1 for d in range(1, ndays + 1) if calendar.weekday(year, month, d) < 5)
print("workdays:", workdays)
print([calendar.month_abbr[m] for m in range(1, 13)])
print("leap years 2000-2030:", [y for y in range(2000, 2031) if calendar.isleap(y)], calendar.leapdays(2000, 2031))
cal = calendar.TextCalendar(calendar.SUNDAY)
print(cal.formatmonth(2025, 2))
d = date(2024, 1, 31)
for _ in range(4):
    y, m = (d.year + d.month // 12, d.month % 12 + 1)
    d = date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    print(d)
