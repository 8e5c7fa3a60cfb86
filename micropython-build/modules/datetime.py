"""CPython's `datetime`: date, time, datetime, timedelta, tzinfo, timezone (with timezone.utc).

Supported: construction with CPython's range checks, arithmetic and comparisons (naive and aware,
with CPython's errors when they are mixed), isoformat/fromisoformat (CPython 3.11's ISO 8601 forms),
strftime and strptime (%a %A %b %B %c %d %f %H %I %j %m %M %p %S %U %W %w %x %X %y %Y %z %Z %G %V %u
%% plus glibc's %-d style unpadded forms, %e %F %T %D %R %h %C %n %t), today/now/utcnow from the
host clock, fromtimestamp/timestamp, fromordinal/toordinal, isocalendar/fromisocalendar, replace,
astimezone, combine, timetuple (a plain tuple).
The sandbox's local time zone is UTC: naive local times are UTC.
Not supported: zoneinfo / named time zones other than UTC (use fixed-offset `timezone`),
locale names (English only), pickling, `fold` (accepted and stored, never used).
"""

import time as _time
from collections import namedtuple

MINYEAR = 1
MAXYEAR = 9999

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = "January February March April May June July August September October November December".split()
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    return 29 if month == 2 and _is_leap(year) else _DAYS_IN_MONTH[month]


def _ymd_to_ordinal(y, m, d):
    # Days since 0001-01-01 plus one, through a calendar that starts its years in March, so that
    # the leap day is the last day of the year.
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m - 3 if m > 2 else m + 9) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 305


def _ordinal_to_ymd(n):
    n += 305
    era = n // 146097
    doe = n - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


def _int(value):
    if not isinstance(value, int):
        if isinstance(value, float):
            raise TypeError("integer argument expected, got float")
        raise TypeError("an integer is required (got type " + type(value).__name__ + ")")
    return value


def _check_date(year, month, day):
    year, month, day = _int(year), _int(month), _int(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("year %d is out of range" % year)
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")
    return year, month, day


def _check_time(hour, minute, second, microsecond, fold):
    hour, minute, second, microsecond = _int(hour), _int(minute), _int(second), _int(microsecond)
    if not 0 <= hour <= 23:
        raise ValueError("hour must be in 0..23")
    if not 0 <= minute <= 59:
        raise ValueError("minute must be in 0..59")
    if not 0 <= second <= 59:
        raise ValueError("second must be in 0..59")
    if not 0 <= microsecond <= 999999:
        raise ValueError("microsecond must be in 0..999999")
    if fold not in (0, 1):
        raise ValueError("fold must be either 0 or 1")
    return hour, minute, second, microsecond


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError(
            "tzinfo argument must be None or of a tzinfo subclass, not type '%s'" % type(tz).__name__
        )


def _cmp(a, b):
    return 0 if a == b else 1 if a > b else -1


class _Ordered:
    """Comparisons through `self._key(other, equality)`: -1, 0 or 1; None when an equality test meets an
    object it cannot compare with (then they are not equal); a TypeError for an ordering with one."""

    def __eq__(self, other):
        return self._key(other, True) == 0

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._key(other) < 0

    def __le__(self, other):
        return self._key(other) <= 0

    def __gt__(self, other):
        return self._key(other) > 0

    def __ge__(self, other):
        return self._key(other) >= 0


def _round_half_even(x):
    return int(round(x))


# ---- timedelta ------------------------------------------------------------------------------------


class timedelta(_Ordered):
    """A duration: days, seconds (0..86399) and microseconds (0..999999), days may be negative."""

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        exact = 0
        inexact = 0.0  # the fractional parts of float arguments, in microseconds
        for value, scale in (
            (days, 86400000000),
            (seconds, 1000000),
            (microseconds, 1),
            (milliseconds, 1000),
            (minutes, 60000000),
            (hours, 3600000000),
            (weeks, 604800000000),
        ):
            if isinstance(value, int):
                exact += value * scale
            elif isinstance(value, float):
                whole = int(value)
                exact += whole * scale
                inexact += (value - whole) * scale
            else:
                raise TypeError("unsupported type for timedelta component: " + type(value).__name__)
        whole = int(inexact // 1)
        exact += whole
        frac = inexact - whole
        if frac > 0.5 or frac == 0.5 and exact % 2:  # round the total half to even
            exact += 1
        self._set(exact)

    def _set(self, us):
        days, us = divmod(us, 86400000000)
        if not -999999999 <= days <= 999999999:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % days)
        self._days = days
        self._seconds, self._us = divmod(us, 1000000)
        return self

    @classmethod
    def _from_us(cls, us):
        return object.__new__(cls)._set(us)

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._us

    def _total_us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._us

    def total_seconds(self):
        return self._total_us() / 1000000

    def __repr__(self):
        parts = []
        if self._days:
            parts.append("days=%d" % self._days)
        if self._seconds:
            parts.append("seconds=%d" % self._seconds)
        if self._us:
            parts.append("microseconds=%d" % self._us)
        return "datetime.timedelta(" + (", ".join(parts) or "0") + ")"

    def __str__(self):
        minutes, s = divmod(self._seconds, 60)
        h, minutes = divmod(minutes, 60)
        text = "%d:%02d:%02d" % (h, minutes, s)
        if self._us:
            text += ".%06d" % self._us
        if self._days:
            text = "%d day%s, " % (self._days, "" if abs(self._days) == 1 else "s") + text
        return text

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._total_us() + other._total_us())
        return NotImplemented

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._total_us() - other._total_us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return -self + other
        return NotImplemented

    def __neg__(self):
        return timedelta._from_us(-self._total_us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta._from_us(self._total_us() * other)
        if isinstance(other, float):
            return timedelta._from_us(_round_half_even(self._total_us() * other))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._total_us() / other._total_us()
        if isinstance(other, int):
            return timedelta._from_us(_div_round(self._total_us(), other))
        if isinstance(other, float):
            return timedelta._from_us(_round_half_even(self._total_us() / other))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._total_us() // other._total_us()
        if isinstance(other, int):
            return timedelta._from_us(self._total_us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._total_us() % other._total_us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._total_us(), other._total_us())
            return q, timedelta._from_us(r)
        return NotImplemented

    def _key(self, other, equality=False):
        if not isinstance(other, timedelta):
            if equality:
                return None
            raise TypeError(
                "'<' not supported between instances of 'timedelta' and '%s'" % type(other).__name__
            )
        return _cmp(self._total_us(), other._total_us())

    def __hash__(self):
        return hash(self._total_us())

    def __bool__(self):
        return self._total_us() != 0


def _div_round(a, b):
    # a / b rounded half to even, in integers
    q, r = divmod(a, b)
    r2 = 2 * r
    if b > 0 and (r2 > b or r2 == b and q % 2) or b < 0 and (r2 < b or r2 == b and q % 2):
        q += 1
    return q


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


# ---- tzinfo, timezone -------------------------------------------------------------------------------


class tzinfo:
    """Abstract base class of time zone information."""

    def utcoffset(self, dt):
        raise NotImplementedError("tzinfo subclass must override utcoffset()")

    def dst(self, dt):
        raise NotImplementedError("tzinfo subclass must override dst()")

    def tzname(self, dt):
        raise NotImplementedError("tzinfo subclass must override tzname()")

    def fromutc(self, dt):
        offset = dt.utcoffset()
        if offset is None:
            raise ValueError("fromutc: non-None utcoffset() result required")
        return dt + offset


class timezone(tzinfo):
    """A fixed offset from UTC."""

    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError("offset must be a timedelta")
        if name is not None and not isinstance(name, str):
            raise TypeError("name must be a string")
        if not -timedelta(hours=24) < offset < timedelta(hours=24):
            raise ValueError(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)."
            )
        self._offset = offset
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return None

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        return _offset_name(self._offset)

    def fromutc(self, dt):
        return dt + self._offset

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is timezone.utc:
            return "datetime.timezone.utc"
        if self._name is None:
            return "datetime.timezone(%r)" % (self._offset,)
        return "datetime.timezone(%r, %r)" % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)


def _offset_name(offset):
    if not offset:
        return "UTC"
    return "UTC" + _format_offset(offset, ":")


def _format_offset(offset, sep):
    us = offset._total_us()
    sign = "-" if us < 0 else "+"
    us = abs(us)
    hh, us = divmod(us, 3600000000)
    mm, us = divmod(us, 60000000)
    ss, us = divmod(us, 1000000)
    text = "%s%02d%s%02d" % (sign, hh, sep, mm)
    if ss or us:
        text += "%s%02d" % (sep, ss)
        if us:
            text += ".%06d" % us
    return text


timezone.utc = timezone(timedelta(0))
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = timezone.utc


def _utcoffset(tz, dt):
    if tz is None:
        return None
    offset = tz.utcoffset(dt)
    if offset is not None and not isinstance(offset, timedelta):
        raise TypeError("tzinfo.utcoffset() must return None or timedelta")
    return offset


# ---- strftime / strptime ------------------------------------------------------------------------


def _iso_week1_monday(year):
    jan4 = _ymd_to_ordinal(year, 1, 4)
    return jan4 - (jan4 + 6) % 7


def _isocalendar(year, ordinal):
    monday = _iso_week1_monday(year)
    if ordinal < monday:
        year -= 1
        monday = _iso_week1_monday(year)
    elif ordinal >= _iso_week1_monday(year + 1):
        year += 1
        monday = _iso_week1_monday(year)
    week, day = divmod(ordinal - monday, 7)
    return year, week + 1, day + 1


def _strftime(fmt, y, mo, d, hh, mi, ss, us, weekday, yday, utcoffset, tzname, iso):
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        i += 1
        if c != "%" or i >= n:
            out.append(c)
            continue
        c = fmt[i]
        i += 1
        pad = True
        if c == "-" and i < n:
            pad = False
            c = fmt[i]
            i += 1
        num = None
        if c == "Y":
            out.append(str(y))
        elif c == "m":
            num = mo
        elif c == "d":
            num = d
        elif c == "H":
            num = hh
        elif c == "M":
            num = mi
        elif c == "S":
            num = ss
        elif c == "I":
            num = hh % 12 or 12
        elif c == "y":
            num = y % 100
        elif c == "f":
            out.append("%06d" % us)
        elif c == "p":
            out.append("AM" if hh < 12 else "PM")
        elif c == "a":
            out.append(_DAY_NAMES[weekday][:3])
        elif c == "A":
            out.append(_DAY_NAMES[weekday])
        elif c in "bh":
            out.append(_MONTH_NAMES[mo - 1][:3])
        elif c == "B":
            out.append(_MONTH_NAMES[mo - 1])
        elif c == "j":
            out.append("%03d" % yday if pad else str(yday))
        elif c == "w":
            out.append(str((weekday + 1) % 7))
        elif c == "u":
            out.append(str(weekday + 1))
        elif c == "U":
            num = (yday + 6 - (weekday + 1) % 7) // 7
        elif c == "W":
            num = (yday + 6 - weekday) // 7
        elif c == "G":
            out.append(str(iso[0]))
        elif c == "V":
            num = iso[1]
        elif c == "e":
            out.append("%2d" % d)
        elif c == "C":
            num = y // 100
        elif c == "z":
            out.append("" if utcoffset is None else _format_offset(utcoffset, ""))
        elif c == "Z":
            out.append(tzname or "")
        elif c == "c":
            out.append(
                "%s %s %2d %02d:%02d:%02d %d"
                % (_DAY_NAMES[weekday][:3], _MONTH_NAMES[mo - 1][:3], d, hh, mi, ss, y)
            )
        elif c == "x":
            out.append("%02d/%02d/%02d" % (mo, d, y % 100))
        elif c == "D":
            out.append("%02d/%02d/%02d" % (mo, d, y % 100))
        elif c == "X" or c == "T":
            out.append("%02d:%02d:%02d" % (hh, mi, ss))
        elif c == "R":
            out.append("%02d:%02d" % (hh, mi))
        elif c == "F":
            out.append("%d-%02d-%02d" % (y, mo, d))
        elif c == "n":
            out.append("\n")
        elif c == "t":
            out.append("\t")
        elif c == "%":
            out.append("%")
        else:
            out.append("%" + ("" if pad else "-") + c)
        if num is not None:
            out.append("%02d" % num if pad else str(num))
    return "".join(out)


def _lower_names(names, length):
    return [n[:length].lower() if length else n.lower() for n in names]


class _Scanner:
    def __init__(self, text, fmt):
        self.text = text
        self.fmt = fmt
        self.pos = 0

    def fail(self):
        raise ValueError("time data %r does not match format %r" % (self.text, self.fmt))

    def digits(self, low, high, max_width, min_width=1):
        text, pos = self.text, self.pos
        end = pos
        while end < len(text) and end - pos < max_width and "0" <= text[end] <= "9":
            end += 1
        # Take the widest run of digits whose value is in range (the regex CPython builds backtracks
        # the same way for cases like "%m%d" on "131").
        while end - pos >= min_width:
            value = int(text[pos:end])
            if low <= value <= high:
                self.pos = end
                return value
            end -= 1
        self.fail()

    def name(self, names):
        rest = self.text[self.pos :].lower()
        best = -1
        for i, candidate in enumerate(names):
            if rest.startswith(candidate) and (best < 0 or len(candidate) > len(names[best])):
                best = i
        if best < 0:
            self.fail()
        self.pos += len(names[best])
        return best


def _strptime(text, fmt):
    """Parse text with fmt; returns (y, m, d, hh, mi, ss, us, tz)."""
    if not isinstance(text, str) or not isinstance(fmt, str):
        raise TypeError("strptime() argument 1 must be str, not " + type(text).__name__)
    sc = _Scanner(text, fmt)
    year, month, day, hour, minute, second, us = 1900, 1, 1, 0, 0, 0, 0
    pm = None
    twelve_hour = False
    yday = None
    tz = None
    year_given = False
    weekday = week = iso_year = iso_week = None  # weekday: Monday is 0
    week_starts_mon = True
    i = 0
    while i < len(fmt):
        c = fmt[i]
        i += 1
        if c == "%" and i < len(fmt):
            c = fmt[i]
            i += 1
            if c == "-" and i < len(fmt):
                c = fmt[i]
                i += 1
            if c == "Y":
                year = sc.digits(0, 9999, 4, 4)
                year_given = True
            elif c == "y":
                year = sc.digits(0, 99, 2, 2)
                year += 2000 if year < 69 else 1900
                year_given = True
            elif c == "G":
                iso_year = sc.digits(0, 9999, 4, 4)
            elif c == "V":
                iso_week = sc.digits(1, 53, 2)
            elif c == "m":
                month = sc.digits(1, 12, 2)
            elif c in "de":
                if c == "e" and sc.text[sc.pos : sc.pos + 1] == " ":
                    sc.pos += 1
                day = sc.digits(1, 31, 2)
            elif c == "H":
                hour = sc.digits(0, 23, 2)
            elif c == "I":
                hour = sc.digits(1, 12, 2)
                twelve_hour = True
            elif c == "M":
                minute = sc.digits(0, 59, 2)
            elif c == "S":
                second = sc.digits(0, 61, 2)
            elif c == "f":
                start = sc.pos
                sc.digits(0, 999999, 6)
                frac = sc.text[start : sc.pos]
                us = int(frac + "0" * (6 - len(frac)))
            elif c == "j":
                yday = sc.digits(1, 366, 3)
            elif c == "p":
                pm = sc.name(["am", "pm"]) == 1
            elif c == "b" or c == "h":
                month = sc.name(_lower_names(_MONTH_NAMES, 3)) + 1
            elif c == "B":
                month = sc.name(_lower_names(_MONTH_NAMES, 0)) + 1
            elif c == "a":
                weekday = sc.name(_lower_names(_DAY_NAMES, 3))
            elif c == "A":
                weekday = sc.name(_lower_names(_DAY_NAMES, 0))
            elif c == "w":
                weekday = (sc.digits(0, 6, 1) - 1) % 7
            elif c == "u":
                weekday = sc.digits(1, 7, 1) - 1
            elif c in "UW":
                week = sc.digits(0, 53, 2)
                week_starts_mon = c == "W"
            elif c == "z":
                tz = _parse_z(sc)
            elif c == "Z":
                sc.name(["utc", "gmt"])
            elif c == "%":
                if sc.text[sc.pos : sc.pos + 1] != "%":
                    sc.fail()
                sc.pos += 1
            elif c in "TXR":
                parts = {"T": "%H:%M:%S", "X": "%H:%M:%S", "R": "%H:%M"}[c]
                fmt = fmt[:i] + parts + fmt[i:]
            elif c in "FDxc":
                parts = {"F": "%Y-%m-%d", "D": "%m/%d/%y", "x": "%m/%d/%y", "c": "%a %b %d %H:%M:%S %Y"}[c]
                fmt = fmt[:i] + parts + fmt[i:]
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (c, sc.fmt))
        elif c.isspace():
            if sc.pos >= len(text) or not text[sc.pos].isspace():
                sc.fail()
            while sc.pos < len(text) and text[sc.pos].isspace():
                sc.pos += 1
        else:
            if text[sc.pos : sc.pos + 1].lower() != c.lower():
                sc.fail()
            sc.pos += 1
    if sc.pos != len(text):
        raise ValueError("unconverted data remains: " + text[sc.pos :])
    if twelve_hour:  # %p only applies to %I, and %I alone is AM (as in CPython)
        if pm and hour != 12:
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    # CPython's checks of the ISO week directives, in its order, and the day of the year from a week and a
    # weekday
    if not year_given and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError(
                "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive "
                "('%A', '%a', '%w', or '%u')."
            )
        if yday is not None:
            raise ValueError(
                "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead."
            )
    elif week is None and iso_week is not None:
        if weekday is None:
            raise ValueError(
                "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive "
                "('%A', '%a', '%w', or '%u')."
            )
        raise ValueError(
            "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead."
        )
    if yday is None and weekday is not None:
        if week is not None:
            yday = _julian_from_week(year, week, weekday, week_starts_mon)
        elif iso_year is not None and iso_week is not None:
            year, yday = _julian_from_iso_week(iso_year, iso_week, weekday + 1)
        if yday is not None and yday <= 0:
            year -= 1
            yday += 366 if _is_leap(year) else 365
    if yday is not None:
        year, month, day = _ordinal_to_ymd(_ymd_to_ordinal(year, 1, 1) + yday - 1)
    return year, month, day, hour, minute, second, us, tz


def _julian_from_iso_week(iso_year, iso_week, iso_weekday):
    # CPython's _calc_julian_from_V (no check of the week: week 53 of a 52-week year is in the next one)
    ordinal = iso_week * 7 + iso_weekday - ((_ymd_to_ordinal(iso_year, 1, 4) + 6) % 7 + 4)
    if ordinal < 1:
        ordinal += _ymd_to_ordinal(iso_year, 1, 1)
        iso_year -= 1
        ordinal -= _ymd_to_ordinal(iso_year, 1, 1)
    return iso_year, ordinal


def _julian_from_week(year, week, weekday, week_starts_mon):
    # CPython's _calc_julian_from_U_or_W: the day of the year of a %U/%W week and a weekday
    first_weekday = (_ymd_to_ordinal(year, 1, 1) + 6) % 7
    if not week_starts_mon:
        first_weekday = (first_weekday + 1) % 7
        weekday = (weekday + 1) % 7
    if week == 0:
        return 1 + weekday - first_weekday
    return 1 + (7 - first_weekday) % 7 + 7 * (week - 1) + weekday


def _parse_z(sc):
    text = sc.text
    if text[sc.pos : sc.pos + 1] in ("Z", "z"):
        sc.pos += 1
        return timezone.utc
    sign = text[sc.pos : sc.pos + 1]
    if sign not in ("+", "-"):
        sc.fail()
    sc.pos += 1
    hh = sc.digits(0, 23, 2, 2)
    colon = text[sc.pos : sc.pos + 1] == ":"
    if colon:
        sc.pos += 1
    mm = sc.digits(0, 59, 2, 2)
    ss = us = 0
    if text[sc.pos : sc.pos + 1] == ":" if colon else text[sc.pos : sc.pos + 1].isdigit():
        if colon:
            sc.pos += 1
        ss = sc.digits(0, 59, 2, 2)
        if text[sc.pos : sc.pos + 1] == ".":
            sc.pos += 1
            start = sc.pos
            sc.digits(0, 999999, 6, 6)
            us = int(text[start : sc.pos])
    offset = timedelta(hours=hh, minutes=mm, seconds=ss, microseconds=us)
    return timezone(-offset if sign == "-" else offset)


# ---- ISO 8601 parsing (fromisoformat) ------------------------------------------------------------


def _bad_iso(text):
    return ValueError("Invalid isoformat string: %r" % (text,))


def _parse_iso_date(text, full):
    """(y, m, d) from YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D] or YYYYWww[D]."""
    if len(text) < 7 or not text[:4].isdigit():
        raise _bad_iso(full)
    year = int(text[:4])
    rest = text[4:]
    dashed = rest[:1] == "-"
    if dashed:
        rest = rest[1:]
    if rest[:1] == "W":
        week_text = rest[1:3]
        day_text = rest[3:]
        if dashed and day_text:
            if day_text[:1] != "-":
                raise _bad_iso(full)
            day_text = day_text[1:]
        if not week_text.isdigit() or day_text and (len(day_text) != 1 or not day_text.isdigit()):
            raise _bad_iso(full)
        return date._isocal(year, int(week_text), int(day_text or 1))
    if dashed:
        if len(rest) != 5 or rest[2] != "-" or not (rest[:2] + rest[3:]).isdigit():
            raise _bad_iso(full)
        return year, int(rest[:2]), int(rest[3:])
    if len(rest) != 4 or not rest.isdigit():
        raise _bad_iso(full)
    return year, int(rest[:2]), int(rest[2:])


def _parse_iso_time(text, full):
    """(hh, mm, ss, us, tz) from HH[:MM[:SS[.ffffff]]] or HH[MM[SS[.ffffff]]], then an optional
    Z or +HH[:MM[:SS[.ffffff]]]."""
    tz = None
    for k, ch in enumerate(text):
        if ch in "+-Z":
            tz = _parse_iso_offset(text[k:], full)
            text = text[:k]
            break
    frac = ""
    for sep in ".,":
        if sep in text:
            text, frac = text.split(sep, 1)
            if not frac.isdigit():
                raise _bad_iso(full)
            break
    colons = ":" in text
    parts = text.split(":") if colons else [text[k : k + 2] for k in range(0, len(text), 2)]
    if not 1 <= len(parts) <= 3 or any(len(p) != 2 or not p.isdigit() for p in parts):
        raise _bad_iso(full)
    if frac and len(parts) != 3:
        raise _bad_iso(full)
    values = [int(p) for p in parts] + [0] * (3 - len(parts))
    us = int((frac + "000000")[:6]) if frac else 0
    return values[0], values[1], values[2], us, tz


def _parse_iso_offset(text, full):
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    hh, mm, ss, us, tz = _parse_iso_time(text[1:], full)
    if tz is not None:
        raise _bad_iso(full)
    offset = timedelta(hours=hh, minutes=mm, seconds=ss, microseconds=us)
    return timezone.utc if not offset else timezone(offset if sign > 0 else -offset)


# ---- date -------------------------------------------------------------------------------------------


class date(_Ordered):
    """A date of the proleptic Gregorian calendar."""

    def __init__(self, year, month, day):
        self._year, self._month, self._day = _check_date(year, month, day)

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _ordinal_to_ymd(int(t // 86400) + _EPOCH_ORDINAL)
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        if not 1 <= n <= 3652059:
            raise ValueError("ordinal must be >= 1")
        y, m, d = _ordinal_to_ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, date_string):
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        if len(date_string) not in (7, 8, 10):
            raise _bad_iso(date_string)
        return cls(*_parse_iso_date(date_string, date_string))

    @staticmethod
    def _isocal(year, week, day):
        if not MINYEAR <= year <= MAXYEAR:
            raise ValueError("Year is out of range: %d" % year)
        if not 0 < week < 53:
            if week != 53 or _isocalendar(year, _ymd_to_ordinal(year, 12, 28))[1] != 53:
                raise ValueError("Invalid week: %d" % week)
        if not 0 < day < 8:
            raise ValueError("Invalid weekday: %d (range is [1, 7])" % day)
        return _ordinal_to_ymd(_iso_week1_monday(year) + (week - 1) * 7 + day - 1)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        return cls(*cls._isocal(year, week, day))

    def toordinal(self):
        return _ymd_to_ordinal(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isocalendar(self):
        return _IsoCalendarDate(*_isocalendar(self._year, self.toordinal()))

    def isoformat(self):
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return "datetime.date(%d, %d, %d)" % (self._year, self._month, self._day)

    def ctime(self):
        return self.strftime("%c")

    def _yday(self):
        return self.toordinal() - _ymd_to_ordinal(self._year, 1, 1) + 1

    def __format__(self, fmt):
        # f"{d:%Y-%m-%d}" and format(d, spec): strftime, or str() for an empty spec, as CPython
        if not isinstance(fmt, str):
            raise TypeError("must be str, not %s" % type(fmt).__name__)
        return self.strftime(fmt) if fmt else str(self)

    def strftime(self, format):  # CPython's parameter name: strftime(format='%Y')
        return _strftime(
            format,
            self._year,
            self._month,
            self._day,
            0,
            0,
            0,
            0,
            self.weekday(),
            self._yday(),
            None,
            None,
            _isocalendar(self._year, self.toordinal()),
        )

    def timetuple(self):
        return _struct_time(self._year, self._month, self._day, 0, 0, 0, self.weekday(), self._yday(), -1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(
            self._year if year is None else year,
            self._month if month is None else month,
            self._day if day is None else day,
        )

    def __add__(self, other):
        if isinstance(other, timedelta):
            n = self.toordinal() + other.days
            if not 1 <= n <= 3652059:
                raise OverflowError("result out of range")
            return type(self).fromordinal(n)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented

    def _key(self, other, equality=False):
        if isinstance(other, datetime) or not isinstance(other, date):
            if equality:
                return None
            raise TypeError(
                "'<' not supported between instances of '%s' and '%s'"
                % (type(self).__name__, type(other).__name__)
            )
        return _cmp((self._year, self._month, self._day), (other._year, other._month, other._day))

    def __hash__(self):
        return hash((self._year, self._month, self._day))


def _dotted_namedtuple(module, name, fields):
    # A namedtuple whose repr names its module, as CPython's IsoCalendarDate and struct_time do.
    base = namedtuple(name, fields)

    def text(self):
        return (
            module + "." + name + "(" + ", ".join(f + "=" + repr(v) for f, v in zip(base._fields, self)) + ")"
        )

    return type(name, (base,), {"__repr__": text, "__str__": text})


_IsoCalendarDate = _dotted_namedtuple("datetime", "IsoCalendarDate", "year week weekday")
_struct_time = _dotted_namedtuple(
    "time", "struct_time", "tm_year tm_mon tm_mday tm_hour tm_min tm_sec tm_wday tm_yday tm_isdst"
)


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(1)


# ---- time -------------------------------------------------------------------------------------------


def _format_time(hh, mm, ss, us, timespec):
    if timespec == "auto":
        timespec = "microseconds" if us else "seconds"
    if timespec == "hours":
        return "%02d" % hh
    if timespec == "minutes":
        return "%02d:%02d" % (hh, mm)
    if timespec == "seconds":
        return "%02d:%02d:%02d" % (hh, mm, ss)
    if timespec == "milliseconds":
        return "%02d:%02d:%02d.%03d" % (hh, mm, ss, us // 1000)
    if timespec == "microseconds":
        return "%02d:%02d:%02d.%06d" % (hh, mm, ss, us)
    raise ValueError("Unknown timespec value")


def _time_repr(name, fields, keep, tz, fold):
    while len(fields) > keep and not fields[-1]:
        fields = fields[:-1]
    text = "datetime.%s(%s" % (name, ", ".join(str(f) for f in fields))
    if tz is not None:
        text += ", tzinfo=%r" % (tz,)
    if fold:
        text += ", fold=1"
    return text + ")"


class time(_Ordered):
    """A time of day, optionally with a tzinfo."""

    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        self._hour, self._minute, self._second, self._us = _check_time(
            hour, minute, second, microsecond, fold
        )
        _check_tzinfo(tzinfo)
        self._tzinfo = tzinfo
        self._fold = fold

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._us)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def fromisoformat(cls, time_string):
        if not isinstance(time_string, str):
            raise TypeError("fromisoformat: argument must be str")
        text = time_string[1:] if time_string[:1] == "T" else time_string
        hh, mm, ss, us, tz = _parse_iso_time(text, time_string)
        try:
            return cls(hh, mm, ss, us, tz)
        except ValueError:
            raise _bad_iso(time_string)

    def utcoffset(self):
        return _utcoffset(self._tzinfo, None)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(None)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(None)

    def isoformat(self, timespec="auto"):
        text = _format_time(self._hour, self._minute, self._second, self._us, timespec)
        offset = self.utcoffset()
        if offset is not None:
            text += _format_offset(offset, ":")
        return text

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return _time_repr(
            "time", [self._hour, self._minute, self._second, self._us], 2, self._tzinfo, self._fold
        )

    def __format__(self, fmt):
        # f"{d:%Y-%m-%d}" and format(d, spec): strftime, or str() for an empty spec, as CPython
        if not isinstance(fmt, str):
            raise TypeError("must be str, not %s" % type(fmt).__name__)
        return self.strftime(fmt) if fmt else str(self)

    def strftime(self, format):  # CPython's parameter name: strftime(format='%Y')
        return _strftime(
            format,
            1900,
            1,
            1,
            self._hour,
            self._minute,
            self._second,
            self._us,
            0,
            1,
            self.utcoffset(),
            self.tzname(),
            (1900, 1, 1),
        )

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(
            self._hour if hour is None else hour,
            self._minute if minute is None else minute,
            self._second if second is None else second,
            self._us if microsecond is None else microsecond,
            self._tzinfo if tzinfo is True else tzinfo,
            fold=self._fold if fold is None else fold,
        )

    def _us_of_day(self):
        us = ((self._hour * 60 + self._minute) * 60 + self._second) * 1000000 + self._us
        offset = self.utcoffset()
        return us if offset is None else us - offset._total_us()

    def _key(self, other, equality=False):
        if not isinstance(other, time):
            if equality:
                return None
            raise TypeError("'<' not supported between instances of 'time' and '%s'" % type(other).__name__)
        if (self.utcoffset() is None) != (other.utcoffset() is None):
            if equality:
                return None
            raise TypeError("can't compare offset-naive and offset-aware times")
        return _cmp(self._us_of_day(), other._us_of_day())

    def __hash__(self):
        return hash(self._us_of_day())

    def __bool__(self):
        return True


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


# ---- datetime ---------------------------------------------------------------------------------------


class datetime(date):
    """A date and a time of day, optionally with a tzinfo."""

    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        date.__init__(self, year, month, day)
        self._hour, self._minute, self._second, self._us = _check_time(
            hour, minute, second, microsecond, fold
        )
        _check_tzinfo(tzinfo)
        self._tzinfo = tzinfo
        self._fold = fold

    hour = time.hour
    minute = time.minute
    second = time.second
    microsecond = time.microsecond
    tzinfo = time.tzinfo
    fold = time.fold

    # construction ---------------------------------------------------------------------------------
    @classmethod
    def _from_us(cls, us, tz):
        """From microseconds since 0001-01-01T00:00 (local wall time of tz)."""
        days, us = divmod(us, 86400000000)
        if not 0 <= days < 3652059:
            raise OverflowError("date value out of range")
        y, m, d = _ordinal_to_ymd(days + 1)
        secs, us = divmod(us, 1000000)
        mins, s = divmod(secs, 60)
        h, mi = divmod(mins, 60)
        return cls(y, m, d, h, mi, s, us, tz)

    def _local_us(self):
        return (
            (self.toordinal() - 1) * 86400 + (self._hour * 60 + self._minute) * 60 + self._second
        ) * 1000000 + self._us

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        _check_tzinfo(tz)
        if isinstance(t, float):
            whole = int(t)  # truncated, then the fraction rounded half to even (as CPython)
            us = int(round((t - whole) * 1e6))
        else:
            whole, us = t, 0
        result = cls._from_us((whole + (_EPOCH_ORDINAL - 1) * 86400) * 1000000 + us, None)
        if tz is not None:
            result = tz.fromutc(result.replace(tzinfo=tz))
        return result

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def now(cls, tz=None):
        _check_tzinfo(tz)
        us = _time.time_ns() // 1000
        result = cls._from_us(us + (_EPOCH_ORDINAL - 1) * 86400000000, None)
        if tz is not None:
            result = tz.fromutc(result.replace(tzinfo=tz))
        return result

    @classmethod
    def utcnow(cls):
        return cls.now()

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        return cls(
            date.year,
            date.month,
            date.day,
            time.hour,
            time.minute,
            time.second,
            time.microsecond,
            time.tzinfo if tzinfo is True else tzinfo,
            fold=time.fold,
        )

    @classmethod
    def fromisoformat(cls, date_string):
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        text = date_string
        # Length of the date part: YYYY-MM-DD and YYYY-Www-D 10, YYYY-Www, YYYYMMDD, YYYYWwwD 8, YYYYWww 7.
        if text[4:5] == "-":
            split = 10 if text[5:6] != "W" or text[8:9] == "-" else 8
        elif text[4:5] == "W":
            split = 8 if text[7:8].isdigit() else 7
        else:
            split = 8
        y, m, d = _parse_iso_date(text[:split], date_string)
        hh = mm = ss = us = 0
        tz = None
        if len(text) > split:
            if len(text) == split + 1:
                raise _bad_iso(date_string)
            hh, mm, ss, us, tz = _parse_iso_time(text[split + 1 :], date_string)
        try:
            return cls(y, m, d, hh, mm, ss, us, tz)
        except ValueError:
            raise _bad_iso(date_string)

    @classmethod
    def strptime(cls, date_string, format):
        y, m, d, hh, mi, ss, us, tz = _strptime(date_string, format)
        return cls(y, m, d, hh, mi, ss, us, tz)

    # parts ----------------------------------------------------------------------------------------
    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._us, fold=self._fold)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._us, self._tzinfo, fold=self._fold)

    def utcoffset(self):
        return _utcoffset(self._tzinfo, self)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(self)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def replace(
        self,
        year=None,
        month=None,
        day=None,
        hour=None,
        minute=None,
        second=None,
        microsecond=None,
        tzinfo=True,
        *,
        fold=None,
    ):
        return type(self)(
            self._year if year is None else year,
            self._month if month is None else month,
            self._day if day is None else day,
            self._hour if hour is None else hour,
            self._minute if minute is None else minute,
            self._second if second is None else second,
            self._us if microsecond is None else microsecond,
            self._tzinfo if tzinfo is True else tzinfo,
            fold=self._fold if fold is None else fold,
        )

    def timetuple(self):
        return _struct_time(
            self._year,
            self._month,
            self._day,
            self._hour,
            self._minute,
            self._second,
            self.weekday(),
            self._yday(),
            -1,
        )

    def utctimetuple(self):
        offset = self.utcoffset()
        dt = self if offset is None else (self - offset).replace(tzinfo=None)
        return _struct_time(*(dt.timetuple()[:8] + (0,)))

    def timestamp(self):
        offset = self.utcoffset()
        us = self._local_us() - (_EPOCH_ORDINAL - 1) * 86400000000
        if offset is not None:
            us -= offset._total_us()
        return us / 1000000

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone(timedelta(0), "UTC")  # the sandbox's local time zone
        _check_tzinfo(tz)
        offset = self.utcoffset()
        utc = self if offset is None else self - offset
        return tz.fromutc(utc.replace(tzinfo=tz))

    # text -----------------------------------------------------------------------------------------
    def isoformat(self, sep="T", timespec="auto"):
        text = "%04d-%02d-%02d%s" % (self._year, self._month, self._day, sep)
        text += _format_time(self._hour, self._minute, self._second, self._us, timespec)
        offset = self.utcoffset()
        if offset is not None:
            text += _format_offset(offset, ":")
        return text

    def __str__(self):
        return self.isoformat(sep=" ")

    def __repr__(self):
        fields = [self._year, self._month, self._day, self._hour, self._minute, self._second, self._us]
        return _time_repr("datetime", fields, 5, self._tzinfo, self._fold)

    def ctime(self):
        return self.strftime("%c")

    def strftime(self, format):  # CPython's parameter name: strftime(format='%Y')
        return _strftime(
            format,
            self._year,
            self._month,
            self._day,
            self._hour,
            self._minute,
            self._second,
            self._us,
            self.weekday(),
            self._yday(),
            self.utcoffset(),
            self.tzname(),
            _isocalendar(self._year, self.toordinal()),
        )

    # arithmetic and comparison --------------------------------------------------------------------
    def __add__(self, other):
        if isinstance(other, timedelta):
            try:
                return type(self)._from_us(self._local_us() + other._total_us(), self._tzinfo)
            except OverflowError:
                raise OverflowError("date value out of range")
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + -other
        if isinstance(other, datetime):
            a, b = self.utcoffset(), other.utcoffset()
            if (a is None) != (b is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            us = self._local_us() - other._local_us()
            if a is not None and self._tzinfo is not other._tzinfo:
                us -= a._total_us() - b._total_us()
            return timedelta._from_us(us)
        return NotImplemented

    def _utc_us(self):
        offset = self.utcoffset()
        return self._local_us() - (0 if offset is None else offset._total_us())

    def _key(self, other, equality=False):
        if not isinstance(other, datetime):
            if equality:
                return None
            raise TypeError(
                "'<' not supported between instances of 'datetime.datetime' and '%s'" % type(other).__name__
            )
        a, b = self.utcoffset(), other.utcoffset()
        if (a is None) != (b is None):
            if equality:
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if a is None or self._tzinfo is other._tzinfo:
            return _cmp(self._local_us(), other._local_us())
        return _cmp(self._utc_us(), other._utc_us())

    def __hash__(self):
        return hash(self._utc_us())


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)
