# Timesheet: durations in minutes to h:mm, overtime, pay with rounding.
entries = [("Mon", "08:55", "17:40"), ("Tue", "09:10", "18:25"), ("Wed", "08:30", "12:15"),
           ("Thu", "07:45", "19:05"), ("Fri", "09:00", "16:30")]
RATE = 23.75
OVERTIME = 1.5


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


week = 0
for day, start, end in entries:
    worked = minutes(end) - minutes(start) - 30
    week += worked
    h, m = divmod(worked, 60)
    print(f"{day} {start}-{end}  {h:d}:{m:02d}  {worked / 60:5.2f} h  {worked / 60 * RATE:8.2f}")
regular = min(week, 40 * 60)
extra = week - regular
pay = regular / 60 * RATE + extra / 60 * RATE * OVERTIME
wh, wm = divmod(week, 60)
print(f"week {wh}:{wm:02d} ({week / 60:.3f} h), overtime {extra // 60}:{extra % 60:02d}")
print(f"pay {pay:,.2f} | rounded {round(pay)} | {round(pay, -1)} | per hour {pay / (week / 60):.4f}")
print("%02d:%02d %5.1f%%" % (wh, wm, week / (40 * 60) * 100))
