import time

timestamps = [0, 86400 * 365, 1234567890, 1700000000, 1709251200]
for ts in timestamps:
    t = time.gmtime(ts)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", t)
    day = time.strftime("%a, %d %b %Y", t)
    print(f"{ts:>11} {stamp} {day} day {t.tm_yday:>3} wk {time.strftime('%W', t)}")
t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_isdst)
print(time.strftime("%I:%M %p on %A, %B %d", t), time.strftime("%x %X", t), time.strftime("%D %T", t))
print(time.asctime(t), time.mktime(t))
st = time.strptime("2024-02-29 13:45:00", "%Y-%m-%d %H:%M:%S")
print(st.tm_yday, st.tm_wday, time.strftime("%j %U %u", st))
print(time.strftime("%G-W%V-%u", time.gmtime(1704067200)))
durations = [3725, 59, 86461]
for secs in durations:
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    print(f"{secs}s = {h:02d}:{m:02d}:{s:02d}", time.strftime("%H:%M:%S", time.gmtime(secs)))
