from datetime import date, datetime, timedelta, timezone

start = datetime(2024, 3, 8, 9, 30)
meetings = []
t = start
while len(meetings) < 6:
    if t.weekday() < 5:
        meetings.append(t)
    t += timedelta(days=1)

for m in meetings:
    print(m.strftime("%a %d %b %Y %H:%M"), m.isoformat(), m.isocalendar()[1])

deadline = date(2024, 12, 31)
today = date(2024, 3, 8)
remaining = deadline - today
print(remaining.days, remaining, remaining.total_seconds())
print((deadline - timedelta(weeks=2)).isoformat(), today.replace(day=1), today.toordinal())
utc = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
est = utc.astimezone(timezone(timedelta(hours=-5)))
print(utc, est, est.utcoffset(), utc == est)
print(datetime.strptime("2024-07-04 18:45", "%Y-%m-%d %H:%M"), datetime.fromisoformat("2024-01-02T03:04:05"))
durations = [timedelta(minutes=45), timedelta(hours=1, minutes=30), timedelta(seconds=3725)]
total = sum(durations, timedelta())
print(total, total // timedelta(minutes=1), max(durations), sorted(durations)[0])
print(repr(timedelta(days=-1, seconds=5)), str(timedelta(days=-1, seconds=5)))
