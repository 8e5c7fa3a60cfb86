"""CPython's `statistics` for int and float data, with CPython's exact arithmetic.

mean, fmean (with weights), geometric_mean, harmonic_mean (with weights), median, median_low,
median_high, median_grouped, mode, multimode, quantiles (exclusive/inclusive), pvariance, variance,
pstdev, stdev, covariance, correlation, linear_regression (proportional=), StatisticsError.
Sums are exact (rationals over powers of two) and rounded once, as CPython does with Fractions
and math.fsum, so results match CPython to the last digit; int data keeps int results where CPython
does (`mean([1, 2, 3]) == 2`).
Not supported: Fraction and Decimal data (the modules do not exist here), NormalDist, kde,
correlation(method='ranked').
"""

import math
from collections import namedtuple


class StatisticsError(ValueError):
    pass


# ---- exact arithmetic: a rational is a pair (numerator, denominator), denominator > 0 ----------


def _bitlen(n):
    return len(bin(n)) - 2 if n > 0 else 0


def _exact(x):
    """x as (numerator, denominator) with a power-of-two denominator, or None if not finite."""
    if isinstance(x, int) or isinstance(x, bool):
        return int(x), 1
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return None
        m, e = math.frexp(x)
        num = int(math.ldexp(m, 53))
        e -= 53
        return (num, 1 << -e) if e < 0 else (num << e, 1)
    raise TypeError("can't convert type '" + type(x).__name__ + "' to numerator/denominator")


def _to_float(n, d):
    """n/d rounded once to the nearest float (ties to even)."""
    if n == 0:
        return 0.0
    negative = n < 0
    if negative:
        n = -n
    shift = 55 - (_bitlen(n) - _bitlen(d))
    q, r = divmod(n << shift, d) if shift >= 0 else divmod(n, d << -shift)
    if r:
        q |= 1  # sticky bit: the quotient was inexact
    extra = _bitlen(q) - 53
    mant = q >> extra
    rest = q & ((1 << extra) - 1)
    half = 1 << (extra - 1)
    if rest > half or rest == half and mant & 1:
        mant += 1
    result = math.ldexp(float(mant), extra - shift)
    return -result if negative else result


def _isqrt(n):
    if n < 2:
        return n
    x = 1 << ((_bitlen(n) + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def _sqrt_frac(n, d):
    """sqrt(n/d) rounded once to the nearest float."""
    if n < 0:
        raise ValueError("math domain error")
    if n == 0:
        return 0.0
    t = max(0, (112 - _bitlen(n) + _bitlen(d)) // 2 + 1)
    num = n << (2 * t)
    r = _isqrt(num // d)
    if r * r * d != num:
        r |= 1
    return _to_float(r, 1 << t)


def _add(num, den, n, d):
    """num/den + n/d, both denominators powers of two (as every float's is): exact, and no gcd needed."""
    if d == den:
        return num + n, den
    if d > den:
        return num * (d // den) + n, d
    return num + n * (den // d), den


def _sum(data):
    """(T, numerator, denominator, count) of the exact sum; T is int or float as in CPython. A
    non-finite float makes the sum a float: (float, value, None, count)."""
    T = int
    num, den, count = 0, 1, 0
    special = None
    for x in data:
        count += 1
        if isinstance(x, float):
            T = float
        elif not isinstance(x, (int, bool)):
            raise TypeError("can't convert type '" + type(x).__name__ + "' to numerator/denominator")
        ratio = _exact(x)
        if ratio is None:
            special = x if special is None else special + x
            continue
        num, den = _add(num, den, *ratio)
    if special is not None:
        return float, special, None, count
    return T, num, den, count


def _convert(n, d, T):
    if T is int and n % d == 0:
        return n // d
    return _to_float(n, d)


def _fsum(values):
    T, n, d, _ = _sum(values)
    return float(n) if d is None else _to_float(n, d)


# ---- averages -----------------------------------------------------------------------------------


def mean(data):
    T, n, d, count = _sum(data)
    if count < 1:
        raise StatisticsError("mean requires at least one data point")
    if d is None:
        return n / count
    return _convert(n, d * count, T)


def fmean(data, weights=None):
    data = list(data)
    if weights is None:
        if not data:
            raise StatisticsError("fmean requires at least one data point")
        return _fsum(data) / len(data)
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError("data and weights must be the same length")
    num = _fsum([x * w for x, w in zip(data, weights)])
    den = _fsum(weights)
    if not den:
        raise StatisticsError("sum of weights must be non-zero")
    return num / den


def geometric_mean(data):
    try:
        return math.exp(fmean([math.log(x) for x in data]))
    except ValueError:
        raise StatisticsError("geometric mean requires a non-empty dataset containing positive numbers")


def harmonic_mean(data, weights=None):
    data = list(data)
    message = "harmonic mean does not support negative values"
    n = len(data)
    if n < 1:
        raise StatisticsError("harmonic_mean requires at least one data point")
    if n == 1 and weights is None:
        x = data[0]
        if not isinstance(x, (int, float)):
            raise TypeError("unsupported type")
        if x < 0:
            raise StatisticsError(message)
        return x
    if weights is None:
        weights = [1] * n
        sum_weights = (n, 1)
    else:
        weights = list(weights)
        if len(weights) != n:
            raise StatisticsError("Number of weights does not match data size")
        if any(w < 0 for w in weights):
            raise StatisticsError(message)
        _, wn, wd, _ = _sum(weights)
        sum_weights = (wn, wd)
    if any(x < 0 for x in data):
        raise StatisticsError(message)
    if any(x == 0 for x in data):
        return 0
    T, tn, td, _ = _sum([w / x if w else 0 for w, x in zip(weights, data)])
    if tn == 0:
        raise StatisticsError("Weighted sum must be positive")
    # sum_weights / total, exactly
    return _convert(sum_weights[0] * td, sum_weights[1] * tn, T)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2] if n % 2 else data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    if not data:
        raise StatisticsError("no median for empty data")
    return data[len(data) // 2]


def median_grouped(data, interval=1):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n == 1:
        return data[0]
    x = data[n // 2]
    for obj in (x, interval):
        if isinstance(obj, (str, bytes)):
            raise TypeError("expected number but got %r" % (obj,))
    lower = x - interval / 2
    first = data.index(x)
    last = first
    while last + 1 < n and data[last + 1] == x:
        last += 1
    return lower + interval * (n / 2 - first) / (last - first + 1)


def _counts(data):
    counts = {}
    order = []
    for x in data:
        if x in counts:
            counts[x] += 1
        else:
            counts[x] = 1
            order.append(x)
    return counts, order


def mode(data):
    counts, order = _counts(data)
    if not order:
        raise StatisticsError("no mode for empty data")
    best = order[0]
    for x in order:
        if counts[x] > counts[best]:
            best = x
    return best


def multimode(data):
    counts, order = _counts(data)
    if not order:
        return []
    top = max(counts.values())
    return [x for x in order if counts[x] == top]


def quantiles(data, *, n=4, method="exclusive"):
    if n < 1:
        raise StatisticsError("n must be at least 1")
    data = sorted(data)
    size = len(data)
    if size < 2:
        raise StatisticsError("must have at least two data points")
    result = []
    if method == "inclusive":
        m = size - 1
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == "exclusive":
        m = size + 1
        for i in range(1, n):
            j = min(max(i * m // n, 1), size - 1)
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError("Unknown method: " + repr(method))


# ---- spread -------------------------------------------------------------------------------------


def _ss(data, c=None):
    """(T, numerator, denominator, count) of the exact sum of squared deviations from the mean
    (or from c when given, as CPython computes it then)."""
    data = list(data)
    if c is not None:
        T, n, d, count = _sum([(x - c) * (x - c) for x in data])
        return T, n, d, count
    T, sx, dx, count = _sum(data)
    if dx is None:
        return float, math.nan, None, count
    sxx, dxx = 0, 1
    for x in data:
        ratio = _exact(x)
        a, b = ratio
        sxx, dxx = _add(sxx, dxx, a * a, b * b)
    if count == 0:
        return T, 0, 1, 0
    # ss = sxx - sx**2 / count  =  (count * sxx * dx**2 - sx**2 * dxx) / (count * dxx * dx**2)
    num = count * sxx * dx * dx - sx * sx * dxx
    den = count * dxx * dx * dx
    return T, num, den, count


def variance(data, xbar=None):
    T, n, d, count = _ss(data, xbar)
    if count < 2:
        raise StatisticsError("variance requires at least two data points")
    if d is None:
        return n
    return _convert(n, d * (count - 1), T)


def pvariance(data, mu=None):
    T, n, d, count = _ss(data, mu)
    if count < 1:
        raise StatisticsError("pvariance requires at least one data point")
    if d is None:
        return n
    return _convert(n, d * count, T)


def stdev(data, xbar=None):
    T, n, d, count = _ss(data, xbar)
    if count < 2:
        raise StatisticsError("stdev requires at least two data points")
    if d is None:
        return n
    return _sqrt_frac(n, d * (count - 1))


def pstdev(data, mu=None):
    T, n, d, count = _ss(data, mu)
    if count < 1:
        raise StatisticsError("pstdev requires at least one data point")
    if d is None:
        return n
    return _sqrt_frac(n, d * count)


# ---- two inputs -----------------------------------------------------------------------------------


def _pair(x, y, what):
    n = len(x)
    if len(y) != n:
        raise StatisticsError(what + " requires that both inputs have same number of data points")
    if n < 2:
        raise StatisticsError(what + " requires at least two data points")
    return n


def covariance(x, y):
    n = _pair(x, y, "covariance")
    xbar = _fsum(x) / n
    ybar = _fsum(y) / n
    sxy = _fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    return sxy / (n - 1)


def correlation(x, y):
    n = _pair(x, y, "correlation")
    xbar = _fsum(x) / n
    ybar = _fsum(y) / n
    sxy = _fsum([(xi - xbar) * (yi - ybar) for xi, yi in zip(x, y)])
    sxx = _fsum([(xi - xbar) * (xi - xbar) for xi in x])
    syy = _fsum([(yi - ybar) * (yi - ybar) for yi in y])
    try:
        return sxy / math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError("at least one of the inputs is constant")


LinearRegression = namedtuple("LinearRegression", ("slope", "intercept"))


def linear_regression(x, y, *, proportional=False):
    n = _pair(x, y, "linear regression")
    if proportional:
        xbar = ybar = 0.0
    else:
        xbar = _fsum(x) / n
        ybar = _fsum(y) / n
        x = [xi - xbar for xi in x]
        y = [yi - ybar for yi in y]
    sxy = _fsum([xi * yi for xi, yi in zip(x, y)])
    sxx = _fsum([xi * xi for xi in x])
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError("x is constant")
    intercept = 0.0 if proportional else ybar - slope * xbar
    return LinearRegression(slope=slope, intercept=intercept)
