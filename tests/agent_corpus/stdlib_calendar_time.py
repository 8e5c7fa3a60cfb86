import calendar
import time

print(calendar.isleap(2024), calendar.isleap(1900), calendar.leapdays(1900, 2025))
print(calendar.monthrange(2024, 2), calendar.monthrange(2023, 12), calendar.weekday(2024, 7, 4))
print(list(calendar.month_name), list(calendar.day_abbr))
print(calendar.month_abbr[9], calendar.day_name[0], calendar.MONDAY, calendar.SUNDAY)
print(calendar.monthcalendar(2024, 3))
print(calendar.month(2024, 2))
print(calendar.TextCalendar().formatmonth(2023, 10))
print(calendar.TextCalendar(calendar.SUNDAY).formatmonth(2025, 6, w=3, l=1))
print(calendar.timegm((2024, 1, 15, 12, 30, 0, 0, 0, 0)))

t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_wday, t.tm_yday, t[0:3])
print(time.strftime("%Y-%m-%d %H:%M:%S", t))
print(time.strftime("%A %d %B %Y, %I:%M %p (%j) %a %b %y %%", t))
print(time.strftime("%c | %x | %X", t))
print(time.mktime(time.localtime(1234567890)), time.gmtime(0)[:6])
print(time.asctime(t))
st = time.struct_time((2020, 2, 29, 23, 59, 58, 5, 60, 0))
print(st, time.strftime("%Y/%m/%d", st))
