"""CPython's `time` on top of MicroPython's built-in one (host clocks; the time zone is UTC).

Adds `struct_time` (a 9-field tuple with `tm_*` attributes, `tm_zone`, `tm_gmtoff`, CPython's repr),
`gmtime`/`localtime` returning it, `mktime` and `calendar.timegm`-style conversion of any 9-tuple,
`strftime` (glibc's directives: `%a %A %b %B %c %d %e %H %I %j %m %M %p %S %U %w %W %x %X %y %Y %z %Z %G
%V %u %C %D %F %T %R %r %n %t %%`), `strptime`, `asctime`, `ctime`, `timezone`, `altzone`,
`daylight`, `tzname`. The clocks (`time`, `time_ns`, `monotonic`, `perf_counter`, `sleep`, ...) are
the built-in ones.
"""

from utime import *  # noqa: F403 (the clocks and sleep)
import utime as _c

timezone = 0
altzone = 0
daylight = 0
tzname = ("UTC", "UTC")

_FIELDS = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst")


class struct_time:
    """The time value sequence returned by gmtime(), localtime() and strptime(): 9 fields, indexable and
    iterable like CPython's (here a sequence class, not a tuple subclass), with tm_* attributes."""

    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __init__(self, seq, zone=None):
        values = tuple(seq)
        if len(values) < 9:
            raise TypeError("time.struct_time() takes an at least 9-sequence (%d-sequence given)" % len(values))
        if len(values) > 11:
            raise TypeError("time.struct_time() takes an at most 11-sequence (%d-sequence given)" % len(values))
        self._values = values[:9]
        self.tm_year, self.tm_mon, self.tm_mday, self.tm_hour, self.tm_min, self.tm_sec = values[:6]
        self.tm_wday, self.tm_yday, self.tm_isdst = values[6:9]
        self.tm_zone = values[9] if len(values) > 9 else zone
        self.tm_gmtoff = values[10] if len(values) > 10 else (0 if self.tm_zone is not None else None)

    def __len__(self):
        return 9

    def __getitem__(self, i):
        return self._values[i]

    def __iter__(self):
        return iter(self._values)

    def __eq__(self, other):
        if isinstance(other, struct_time):
            other = other._values
        return self._values == other

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._values < tuple(other)

    def __hash__(self):
        return hash(self._values)

    def __repr__(self):
        return "time.struct_time(%s)" % ", ".join("%s=%r" % (f, v) for f, v in zip(_FIELDS, self._values))

    __str__ = __repr__


def _seconds(secs):
    if secs is None:
        return int(_c.time())
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        return int(secs // 1)  # rounded down, as CPython
    return int(secs)


def _civil(secs, zone):
    # proleptic Gregorian calendar from days since 1970-01-01 (any range, unlike the C helper)
    days, rem = divmod(secs, 86400)
    hh, rem = divmod(rem, 3600)
    mi, ss = divmod(rem, 60)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    mo = mp + 3 if mp < 10 else mp - 9
    if mo <= 2:
        y += 1
    yday = _ordinal(y, mo, d) - _ordinal(y, 1, 1) + 1
    return struct_time((y, mo, d, hh, mi, ss, (days + 3) % 7, yday, 0, zone, 0))


def gmtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing UTC."""
    return _civil(_seconds(secs), "GMT")


def localtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing local time (UTC here)."""
    return _civil(_seconds(secs), "UTC")


def _ordinal(y, m, d):
    # days since 0001-01-01 + 1 (proleptic Gregorian), as datetime.date.toordinal
    y1 = y - 1
    days = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    cum = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    days += cum[m - 1] + d
    if m > 2 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0):
        days += 1
    return days


def _check_tuple(t, name):
    if isinstance(t, struct_time):
        return t
    if not isinstance(t, tuple) or len(t) != 9:
        if isinstance(t, tuple):
            raise TypeError("%s(): illegal time tuple argument" % name)
        raise TypeError("Tuple or struct_time argument required")
    return t


def mktime(t):
    """Convert a time tuple in local time (UTC here) to seconds since the Epoch."""
    t = _check_tuple(t, "mktime")
    y, mo, d, hh, mi, ss = t[:6]
    # months out of range carry into years, as C's mktime
    y += (mo - 1) // 12
    mo = (mo - 1) % 12 + 1
    days = _ordinal(y, mo, 1) - _ordinal(1970, 1, 1) + d - 1
    return float(((days * 24 + hh) * 60 + mi) * 60 + ss)


def _weekday_yday(y, mo, d):
    o = _ordinal(y, mo, d)
    return (o + 6) % 7, o - _ordinal(y, 1, 1) + 1


def strftime(format, t=None):
    """Convert a time tuple to a string according to a format specification."""
    if t is None:
        t = localtime()
    else:
        t = _check_tuple(t, "strftime")
    from datetime import _isocalendar, _strftime, timedelta

    y, mo, d, hh, mi, ss, wd, yd = t[:8]
    if not 1 <= mo <= 12:
        raise ValueError("month out of range")
    if not 0 <= hh <= 23 or not 0 <= mi <= 59 or not 0 <= ss <= 61:
        raise ValueError("hour out of range" if not 0 <= hh <= 23 else "minute out of range" if not 0 <= mi <= 59 else "seconds out of range")
    yd = max(yd, 1)
    zone = getattr(t, "tm_zone", None) or "UTC"
    # glibc writes unknown directives (and %f) as they are; datetime's helper knows the rest
    out = []
    i, n = 0, len(format)
    while i < n:
        j = format.find("%", i)
        if j < 0 or j + 1 >= n:
            out.append(format[i:])
            break
        out.append(format[i:j])
        c = format[j + 1]
        if c in "aAbBcdeHIjmMpSUwWxXyYzZGVuCDFTRrntgh%":
            if c == "D":
                spec = "%m/%d/%y"
            elif c == "F":
                spec = "%Y-%m-%d"
            elif c == "T":
                spec = "%H:%M:%S"
            elif c == "R":
                spec = "%H:%M"
            elif c == "r":
                spec = "%I:%M:%S %p"
            elif c == "n":
                out.append("\n")
                i = j + 2
                continue
            elif c == "t":
                out.append("\t")
                i = j + 2
                continue
            elif c == "g":
                out.append("%02d" % (_isocalendar(y, _ordinal(y, mo, d))[0] % 100))
                i = j + 2
                continue
            else:
                spec = "%" + c
            out.append(
                _strftime(spec, y, mo, d, hh, mi, ss, 0, wd, yd, timedelta(0), zone, _isocalendar(y, _ordinal(y, mo, d)))
            )
        else:
            out.append("%" + c)
        i = j + 2
    return "".join(out)


def strptime(string, format="%a %b %d %H:%M:%S %Y"):
    """Parse a string to a time tuple according to a format specification."""
    from datetime import datetime

    dt = datetime.strptime(string, format)
    return struct_time(
        (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.weekday(), dt.timetuple()[7], -1)
    )


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def asctime(t=None):
    """Convert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'."""
    if t is None:
        t = localtime()
    else:
        t = _check_tuple(t, "asctime")
    return "%s %s %2d %02d:%02d:%02d %d" % (_DAYS[t[6] % 7], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])


def ctime(secs=None):
    """Convert a time in seconds since the Epoch to a string in local time."""
    return asctime(localtime(secs))
